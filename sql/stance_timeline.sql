-- Every coded position in the order it was stated: who, on what, when, the
-- words that carry it and where they were published.
select
  stances.said_on,
  stances.said_on_precision,
  people.name as person,
  people.role,
  people.affiliation,
  issues.title as issue,
  stances.position,
  positions.label as position_label,
  stances.score,
  stances.evidence,
  articles.outlet,
  articles.headline,
  articles.url,
  articles.published,
  stances.note,
  stances.person_id,
  stances.issue_id,
  stances.article_id,
  stances.quote_id,
  stances.start,
  stances."end",
  stances.id as stance_id
from stances
join people on people.id = stances.person_id
join issues on issues.id = stances.issue_id
join positions on positions.id = stances.position
join articles on articles.id = stances.article_id
order by stances.said_on, people.name, issues.n, stances.id
