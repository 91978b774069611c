-- The suggestions no curated stance covers yet, for `build_db.py suggest`: each with its quote's place
-- in the article's text, so the entry it prints can cite the exact words (the text itself is read once
-- per article, not once per row: 240,000 rows at 50,000 articles). A filter left NULL keeps all.
select
  stance_suggestions.id, stance_suggestions.person_id, stance_suggestions.issue_id, stance_suggestions.position,
  stance_suggestions.article_id, stance_suggestions.cues, stance_suggestions.rule, stance_suggestions.said_on,
  stance_suggestions.said_on_precision, articles.published, quotes.source, quotes.start, quotes."end",
  quotes.text as quote, quotes.context
from stance_suggestions
join quotes on quotes.id = stance_suggestions.quote_id
join articles on articles.id = stance_suggestions.article_id
where stance_suggestions.status = 'open'
  and (:article is null or stance_suggestions.article_id = :article)
  and (:person is null or stance_suggestions.person_id = :person)
  and (:issue is null or stance_suggestions.issue_id = :issue)
order by stance_suggestions.article_id, quotes.start, stance_suggestions.issue_id
