-- Every repair the build made to an article's text, shown in its sentence,
-- so a reader can check each restored quote mark or dash against the words.
select
  text_repairs.id,
  text_repairs.article_id,
  articles.outlet,
  text_repairs.start,
  text_repairs.original,
  text_repairs.repaired,
  text_repairs.rule,
  substr(articles.text, max(1, text_repairs.start - 39), min(text_repairs.start, 40))
    || '[' || text_repairs.repaired || ']'
    || substr(articles.text, text_repairs."end" + 1, 40) as in_context
from text_repairs
join articles on articles.id = text_repairs.article_id
order by text_repairs.article_id, text_repairs.start
