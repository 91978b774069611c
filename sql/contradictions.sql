-- Two people of the same government (the same affiliation) whose positions on
-- one issue differ by two points or more, stated within seven days of each
-- other. One row per pair of statements, however many articles reported them.
select
  issues.title as issue,
  first_person.name as person,
  first.said_on as person_said_on,
  first.position as person_position,
  min(first.evidence) as person_evidence,
  second_person.name as other_person,
  second.said_on as other_said_on,
  second.position as other_position,
  min(second.evidence) as other_evidence,
  abs(first.score - second.score) as score_gap,
  cast(abs(julianday(first.said_on) - julianday(second.said_on)) as integer) as days_apart,
  count(distinct first.article_id) + count(distinct second.article_id) as reports,
  first_person.affiliation,
  first.issue_id,
  min(first.id) as stance_id,
  min(second.id) as other_stance_id
from stances as first
join stances as second
  on second.issue_id = first.issue_id
  and second.person_id > first.person_id
join people as first_person on first_person.id = first.person_id
join people as second_person on second_person.id = second.person_id
join issues on issues.id = first.issue_id
where first_person.affiliation is not null
  and first_person.affiliation = second_person.affiliation
  and abs(first.score - second.score) >= 2
  and abs(julianday(first.said_on) - julianday(second.said_on)) <= 7
group by first.issue_id, first.person_id, first.said_on, first.position,
  second.person_id, second.said_on, second.position
order by issues.n, first.said_on, second.said_on, person, other_person
