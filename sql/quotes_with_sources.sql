-- Every quote with its speaker and its source side by side, for browsing and
-- faceting by speaker, outlet and kind without joining tables by hand.
select
  quotes.id as quote_id,
  quotes.speaker_id,
  people.name as speaker,
  people.role as speaker_role,
  people.affiliation as speaker_affiliation,
  people.registered as speaker_registered,
  quotes.said_on,
  quotes.said_on_precision,
  quotes.text,
  quotes.kind,
  quotes.cue,
  quotes.attribution,
  quotes.context,
  articles.outlet,
  articles.published,
  articles.headline,
  articles.url,
  quotes.article_id,
  quotes.source,
  quotes.start,
  quotes."end",
  quotes.utterance_id
from quotes
join articles on articles.id = quotes.article_id
left join people on people.id = quotes.speaker_id
order by quotes.said_on, quotes.article_id, quotes.source desc, quotes.start
