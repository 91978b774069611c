-- How many quotes each outlet gives each speaker, counted once when the
-- database is built: counting 500,000 quotes on each request took over a second.
-- A copy of another article (articles.copy_of) is not counted: its words are the original's.
select
  people.name as speaker,
  articles.outlet,
  count(*) as quotes,
  quotes.speaker_id
from quotes
join people on people.id = quotes.speaker_id
join articles on articles.id = quotes.article_id
where articles.copy_of is null
group by quotes.speaker_id, articles.outlet
order by quotes desc, speaker, articles.outlet, quotes.speaker_id
