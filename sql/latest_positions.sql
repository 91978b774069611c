-- Each person's most recent position on each issue, as a person × issue
-- matrix: one row per person, one column per issue of the codebook, each cell
-- "position (date)". Empty where the person has no coded position.
with latest as (
  select
    stances.person_id,
    stances.issue_id,
    stances.position || ' (' || stances.said_on || ')' as cell,
    row_number() over (partition by stances.person_id, stances.issue_id
                       order by stances.said_on desc, stances.id desc) as recency
  from stances
)
select
  people.name as person,
  people.affiliation,
  max(case when latest.issue_id = 'us-troops-in-ukraine' then latest.cell end) as "us-troops-in-ukraine",
  max(case when latest.issue_id = 'ukraine-nato-membership' then latest.cell end) as "ukraine-nato-membership",
  max(case when latest.issue_id = 'pre-2014-borders' then latest.cell end) as "pre-2014-borders",
  max(case when latest.issue_id = 'european-security-guarantee' then latest.cell end) as "european-security-guarantee",
  max(case when latest.issue_id = 'article-5-for-peacekeepers' then latest.cell end) as "article-5-for-peacekeepers",
  max(case when latest.issue_id = 'europe-and-ukraine-in-talks' then latest.cell end) as "europe-and-ukraine-in-talks",
  max(case when latest.issue_id = 'pre-negotiation-concessions' then latest.cell end) as "pre-negotiation-concessions",
  max(case when latest.issue_id = 'us-military-aid' then latest.cell end) as "us-military-aid",
  max(case when latest.issue_id = 'ukraine-sovereignty' then latest.cell end) as "ukraine-sovereignty",
  latest.person_id
from latest
join people on people.id = latest.person_id
where latest.recency = 1
group by latest.person_id
order by people.affiliation, people.name
