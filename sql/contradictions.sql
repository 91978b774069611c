-- Two people of the same government (the same affiliation) whose positions on
-- one issue differ by two points or more, stated within seven days of each
-- other. Only positions the text dates to the day count: "on or before" a
-- publication date, a month or a year cannot be seven days apart. One row per
-- pair of statements, however many articles reported them; the evidence and
-- ids shown are those of one report of each.
with statements as materialized (
  -- One row per statement that can take part: a person's position on an issue on a day the text
  -- establishes, by someone with an affiliation, however many articles reported it. Pairs are sought
  -- among statements, not reports, so a statement reported a thousand times is compared once.
  -- first_id is the statement's first report in id order, and reports counts the articles.
  select stances.issue_id, stances.person_id, stances.said_on, stances.position,
         min(stances.score) as score, people.affiliation,
         min(stances.id) as first_id, count(distinct stances.article_id) as reports
  from stances
  join people on people.id = stances.person_id
  where stances.said_on_precision = 'day' and people.affiliation is not null
  group by stances.issue_id, stances.person_id, stances.said_on, stances.position
),
window_days(offset) as (
  -- "Within seven days" as fifteen exact days, so the other statement is found by equality on its
  -- day (an index SQLite builds by itself) rather than by scanning every statement on the issue.
  select -7 union all select offset + 1 from window_days where offset < 7
),
pairs as materialized (
  -- CROSS JOIN keeps this order: each statement, its fifteen days, then the statements of those days.
  select
    first.issue_id,
    first.person_id,
    first.said_on as person_said_on,
    first.position as person_position,
    second.person_id as other_person_id,
    second.said_on as other_said_on,
    second.position as other_position,
    abs(first.score - second.score) as score_gap,
    first.reports as person_reports,
    second.reports as other_reports,
    first.first_id as stance_id,
    second.first_id as other_stance_id
  from statements as first
  cross join window_days
  cross join statements as second
  where second.issue_id = first.issue_id
    and second.affiliation = first.affiliation
    and second.said_on = date(first.said_on, printf('%+d days', window_days.offset))
    and second.person_id > first.person_id
    and abs(first.score - second.score) >= 2
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
  grouped.person_reports,
  grouped.other_reports,
  first_person.affiliation,
  grouped.issue_id,
  grouped.stance_id,
  grouped.other_stance_id,
  grouped.person_id,
  grouped.other_person_id
from pairs as grouped
join stances as first on first.id = grouped.stance_id
join stances as second on second.id = grouped.other_stance_id
join people as first_person on first_person.id = grouped.person_id
join people as second_person on second_person.id = grouped.other_person_id
join issues on issues.id = grouped.issue_id
order by issues.n, grouped.person_said_on, grouped.other_said_on, person, other_person
