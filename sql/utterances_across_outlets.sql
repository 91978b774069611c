-- The utterances reported by two or more outlets, one row per report, so a
-- fact-checker sees how each outlet cut and worded the same words.
select
  utterances.id as utterance_id,
  people.name as speaker,
  utterances.outlets,
  utterances.first_said_on,
  articles.outlet,
  articles.published,
  quotes.said_on,
  quotes.text as wording,
  length(quotes.text) as characters,
  utterances.text as longest_wording,
  quotes.id as quote_id,
  quotes.article_id
from utterances
join quotes on quotes.utterance_id = utterances.id
join articles on articles.id = quotes.article_id
join people on people.id = utterances.speaker_id
where utterances.outlets >= 2
order by utterances.first_said_on, utterances.id, articles.published, articles.outlet, quotes.id
