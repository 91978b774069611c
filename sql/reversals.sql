-- A person's positions on one issue that change from one day to a later one,
-- rated like PolitiFact's Flip-O-Meter: a change of one point is a "half flip",
-- two or more a "full flop". All positions of one day (one occasion, reported
-- and coded by several outlets) are taken together: a day whose positions
-- overlap the previous day's range is no reversal, and the change is measured
-- from the nearer end of each day's range, so no order within a day is assumed.
with days as (
  select person_id, issue_id, said_on, min(score) as low, max(score) as high
  from stances
  group by person_id, issue_id, said_on
),
steps as (
  select
    days.*,
    lag(said_on) over by_person_issue as from_date,
    lag(low) over by_person_issue as from_low,
    lag(high) over by_person_issue as from_high
  from days
  window by_person_issue as (partition by person_id, issue_id order by said_on)
),
changes as (
  select
    steps.*,
    case when low > from_high then from_high else from_low end as from_score,
    case when low > from_high then low else high end as to_score
  from steps
  where from_date is not null and (low > from_high or high < from_low)
)
select
  people.name as person,
  issues.title as issue,
  changes.from_date,
  earlier.said_on_precision as from_precision,
  changes.said_on as to_date,
  later.said_on_precision as to_precision,
  earlier.position as from_position,
  later.position as to_position,
  changes.from_score,
  changes.to_score,
  changes.to_score - changes.from_score as change,
  case when abs(changes.to_score - changes.from_score) = 1 then 'half flip' else 'full flop' end as rating,
  -- Which way, beside how far: toward rules_out (-2) is hardened, toward supports (+2) softened.
  case when changes.to_score < changes.from_score then 'hardened' else 'softened' end as direction,
  earlier.evidence as from_evidence,
  later.evidence as to_evidence,
  people.affiliation,
  changes.person_id,
  changes.issue_id,
  earlier.id as from_stance_id,
  later.id as to_stance_id
from changes
join people on people.id = changes.person_id
join issues on issues.id = changes.issue_id
join stances as earlier on earlier.id = (
  select id from stances
  where person_id = changes.person_id and issue_id = changes.issue_id and said_on = changes.from_date
    and score = changes.from_score
  order by id limit 1)
join stances as later on later.id = (
  select id from stances
  where person_id = changes.person_id and issue_id = changes.issue_id and said_on = changes.said_on
    and score = changes.to_score
  order by id limit 1)
order by changes.said_on, people.name, issues.n
