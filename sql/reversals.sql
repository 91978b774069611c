-- A person's consecutive positions on one issue whose score changes from one
-- day to a later one, rated like PolitiFact's Flip-O-Meter: a change of one
-- point is a "half flip", two or more a "full flop". Positions of the same day
-- (one occasion, reported and coded by several outlets) are not reversals;
-- the first of a day is compared with the last of the day before.
with ordered as (
  select
    stances.*,
    lag(stances.id) over by_person_issue as previous_id
  from stances
  window by_person_issue as (partition by stances.person_id, stances.issue_id order by stances.said_on, stances.id)
)
select
  people.name as person,
  issues.title as issue,
  earlier.said_on as from_date,
  ordered.said_on as to_date,
  earlier.position as from_position,
  ordered.position as to_position,
  earlier.score as from_score,
  ordered.score as to_score,
  ordered.score - earlier.score as change,
  case when abs(ordered.score - earlier.score) = 1 then 'half flip' else 'full flop' end as rating,
  earlier.evidence as from_evidence,
  ordered.evidence as to_evidence,
  people.affiliation,
  ordered.person_id,
  ordered.issue_id,
  earlier.id as from_stance_id,
  ordered.id as to_stance_id
from ordered
join stances as earlier on earlier.id = ordered.previous_id
join people on people.id = ordered.person_id
join issues on issues.id = ordered.issue_id
where ordered.score != earlier.score
  and earlier.said_on < ordered.said_on
order by ordered.said_on, people.name, issues.n
