-- Each person's most recent position on each issue, as a person × issue
-- matrix: one row per person, one column per issue of the codebook, each cell
-- "position (date)". When the latest day holds several positions (one occasion
-- coded from several reports), the cell lists them all, lowest score first.
-- Empty where the person has no coded position.
with latest_day as (
  select person_id, issue_id, max(said_on) as said_on
  from stances
  group by person_id, issue_id
),
cells as (
  select
    latest_day.person_id,
    latest_day.issue_id,
    (select group_concat(position, ' / ')
     from (select distinct stances.position, stances.score
           from stances
           where stances.person_id = latest_day.person_id
             and stances.issue_id = latest_day.issue_id
             and stances.said_on = latest_day.said_on
           order by stances.score)) || ' (' || latest_day.said_on || ')' as cell
  from latest_day
)
select
  people.name as person,
  people.affiliation,
  max(case when cells.issue_id = 'us-troops-in-ukraine' then cells.cell end) as "us-troops-in-ukraine",
  max(case when cells.issue_id = 'ukraine-nato-membership' then cells.cell end) as "ukraine-nato-membership",
  max(case when cells.issue_id = 'pre-2014-borders' then cells.cell end) as "pre-2014-borders",
  max(case when cells.issue_id = 'european-security-guarantee' then cells.cell end) as "european-security-guarantee",
  max(case when cells.issue_id = 'article-5-for-peacekeepers' then cells.cell end) as "article-5-for-peacekeepers",
  max(case when cells.issue_id = 'europe-and-ukraine-in-talks' then cells.cell end) as "europe-and-ukraine-in-talks",
  max(case when cells.issue_id = 'pre-negotiation-concessions' then cells.cell end) as "pre-negotiation-concessions",
  max(case when cells.issue_id = 'us-military-aid' then cells.cell end) as "us-military-aid",
  max(case when cells.issue_id = 'ukraine-sovereignty' then cells.cell end) as "ukraine-sovereignty",
  cells.person_id
from cells
join people on people.id = cells.person_id
group by cells.person_id
order by people.affiliation, people.name
