-- Per person: how often they are quoted, in how many articles, on how many
-- issues they have a coded position, and how many reversals they made. A copy of
-- another article (articles.copy_of) adds no quotes: its words are the original's.
with quoted as (
  select speaker_id as person_id, count(*) as quotes, count(distinct article_id) as quoted_articles
  from quotes
  where speaker_id is not null
    and article_id not in (select id from articles where copy_of is not null)
  group by speaker_id
),
coded as (
  select person_id, count(*) as stances, count(distinct issue_id) as issues,
         count(distinct article_id) as coded_articles
  from stances group by person_id
),
flips as (
  select person_id, count(*) as reversals from reversals group by person_id
),
sources as (
  select speaker_id as person_id, article_id from quotes
  where speaker_id is not null and article_id not in (select id from articles where copy_of is not null)
  union
  select person_id, article_id from stances
)
select
  people.name as person,
  people.role,
  people.affiliation,
  people.registered,
  coalesce(quoted.quotes, 0) as quotes,
  (select count(distinct article_id) from sources where sources.person_id = people.id) as articles,
  coalesce(coded.stances, 0) as stances,
  coalesce(coded.issues, 0) as issues,
  coalesce(flips.reversals, 0) as reversals,
  people.id as person_id
from people
left join quoted on quoted.person_id = people.id
left join coded on coded.person_id = people.id
left join flips on flips.person_id = people.id
where quoted.quotes is not null or coded.stances is not null
order by quotes desc, stances desc, people.name
