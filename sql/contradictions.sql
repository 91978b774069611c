-- Two people of the same government (the same affiliation) whose positions on
-- one issue differ by two points or more, stated within seven days of each
-- other. Only positions the text dates to the day count: "on or before" a
-- publication date, a month or a year cannot be seven days apart. One row per
-- pair of statements, however many articles reported them; the evidence and
-- ids shown are those of one report of each.
with dated as materialized (
  -- The positions that can take part: dated to the day, by someone with an affiliation. Taken apart
  -- first, so the pairs below are sought among them only (SQLite indexes them by affiliation and issue).
  select stances.id, stances.issue_id, stances.person_id, stances.said_on, stances.position, stances.score,
         stances.article_id, people.affiliation
  from stances
  join people on people.id = stances.person_id
  where stances.said_on_precision = 'day' and people.affiliation is not null
),
pairs as (
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
  from dated as first
  join dated as second
    on second.issue_id = first.issue_id
    and second.affiliation = first.affiliation
    and second.person_id > first.person_id
  where abs(first.score - second.score) >= 2
    and abs(julianday(first.said_on) - julianday(second.said_on)) <= 7
),
statements as (
  -- One row per pair of statements. The ids shown are those of its first pair of reports in id order:
  -- the least of "stance id, tab, other stance id" (a tab sorts before any character of an id).
  select
    issue_id, person_id, person_said_on, person_position, other_person_id, other_said_on, other_position,
    score_gap,
    min(stance_id || char(9) || other_stance_id) as first_pair,
    count(distinct person_article_id) as person_reports,
    count(distinct other_article_id) as other_reports
  from pairs
  group by issue_id, person_id, person_said_on, person_position, other_person_id, other_said_on, other_position
),
grouped as (
  select
    statements.*,
    substr(first_pair, 1, instr(first_pair, char(9)) - 1) as stance_id,
    substr(first_pair, instr(first_pair, char(9)) + 1) as other_stance_id
  from statements
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
  grouped.other_stance_id
from grouped
join stances as first on first.id = grouped.stance_id
join stances as second on second.id = grouped.other_stance_id
join people as first_person on first_person.id = grouped.person_id
join people as second_person on second_person.id = grouped.other_person_id
join issues on issues.id = grouped.issue_id
order by issues.n, grouped.person_said_on, grouped.other_said_on, person, other_person
