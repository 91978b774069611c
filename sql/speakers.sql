-- Per person: how often they are quoted, in how many articles, on how many
-- issues they have a coded position, and how many reversals they made. A copy of
-- another article (articles.copy_of) adds no quotes: its words are the original's.
-- Each count is a subquery on the person's own rows (the indexes on quotes.speaker_id,
-- stances.person_id and reversals.person_id find them), so a query for some people
-- reads only their rows: an incremental build computes again only those it changed.
with counted as (
  select
    people.name as person,
    people.role,
    people.affiliation,
    people.registered,
    (select count(*) from quotes
     where quotes.speaker_id = people.id
       and quotes.article_id not in (select id from articles where copy_of is not null)) as quotes,
    (select count(*) from (
       select article_id from quotes
       where quotes.speaker_id = people.id
         and quotes.article_id not in (select id from articles where copy_of is not null)
       union
       select article_id from stances where stances.person_id = people.id)) as articles,
    (select count(*) from stances where stances.person_id = people.id) as stances,
    (select count(distinct issue_id) from stances where stances.person_id = people.id) as issues,
    (select count(*) from reversals where reversals.person_id = people.id) as reversals,
    people.id as person_id
  from people
)
select * from counted
where quotes > 0 or stances > 0
order by quotes desc, stances desc, person
