-- Two people of the same government (the same affiliation) whose positions on
-- one issue differ by two points or more, stated within seven days of each
-- other. Only positions the text dates to the day count: "on or before" a
-- publication date, a month or a year cannot be seven days apart. One row per
-- pair of statements, however many articles reported them; the evidence and
-- ids shown are those of one report of each.
with pairs as (
  select
    first.issue_id,
    first.person_id,
    first.said_on as person_said_on,
    first.position as person_position,
    second.person_id as other_person_id,
    second.said_on as other_said_on,
    second.position as other_position,
    abs(first.score - second.score) as score_gap,
    first.id as stance_id,
    second.id as other_stance_id,
    first.article_id as person_article_id,
    second.article_id as other_article_id
  from stances as first
  join stances as second
    on second.issue_id = first.issue_id
    and second.person_id > first.person_id
  join people as first_person on first_person.id = first.person_id
  join people as second_person on second_person.id = second.person_id
  where first_person.affiliation is not null
    and first_person.affiliation = second_person.affiliation
    and first.said_on_precision = 'day'
    and second.said_on_precision = 'day'
    and abs(first.score - second.score) >= 2
    and abs(julianday(first.said_on) - julianday(second.said_on)) <= 7
),
grouped as (
  select
    pairs.*,
    row_number() over statement_pair as report
  from pairs
  window statement_pair as (
    partition by issue_id, person_id, person_said_on, person_position, other_person_id, other_said_on,
      other_position
    order by stance_id, other_stance_id)
)
select
  issues.title as issue,
  first_person.name as person,
  grouped.person_said_on,
  grouped.person_position,
  first.evidence as person_evidence,
  second_person.name as other_person,
  grouped.other_said_on,
  grouped.other_position,
  second.evidence as other_evidence,
  grouped.score_gap,
  cast(abs(julianday(grouped.person_said_on) - julianday(grouped.other_said_on)) as integer) as days_apart,
  (select count(distinct person_article_id) from pairs as same
   where same.issue_id = grouped.issue_id and same.person_id = grouped.person_id
     and same.person_said_on = grouped.person_said_on and same.person_position = grouped.person_position
     and same.other_person_id = grouped.other_person_id and same.other_said_on = grouped.other_said_on
     and same.other_position = grouped.other_position) as person_reports,
  (select count(distinct other_article_id) from pairs as same
   where same.issue_id = grouped.issue_id and same.person_id = grouped.person_id
     and same.person_said_on = grouped.person_said_on and same.person_position = grouped.person_position
     and same.other_person_id = grouped.other_person_id and same.other_said_on = grouped.other_said_on
     and same.other_position = grouped.other_position) as other_reports,
  first_person.affiliation,
  grouped.issue_id,
  grouped.stance_id,
  grouped.other_stance_id
from grouped
join stances as first on first.id = grouped.stance_id
join stances as second on second.id = grouped.other_stance_id
join people as first_person on first_person.id = grouped.person_id
join people as second_person on second_person.id = grouped.other_person_id
join issues on issues.id = grouped.issue_id
where grouped.report = 1
order by issues.n, grouped.person_said_on, grouped.other_said_on, person, other_person
