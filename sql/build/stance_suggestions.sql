-- The stance suggestions, finished once every speaker is resolved: the cue reading (stance_cues) was
-- written per article, before the archive-wide step named some quotes' speakers. Only the rows not
-- finished yet (status is NULL): an incremental build keeps the finished rows of the articles it did
-- not write again, whose quotes, speakers and stances are as they were.

-- The person is the quote's speaker, and its date the quote's; a quote nobody is named for
-- suggests nothing, since a position needs a person.
UPDATE stance_suggestions SET
  person_id = (SELECT speaker_id FROM quotes WHERE quotes.id = stance_suggestions.quote_id),
  said_on = (SELECT said_on FROM quotes WHERE quotes.id = stance_suggestions.quote_id),
  said_on_precision = (SELECT said_on_precision FROM quotes WHERE quotes.id = stance_suggestions.quote_id)
WHERE status IS NULL;
DELETE FROM stance_suggestions WHERE person_id IS NULL;

-- A curated stance covers a suggestion when it codes the same person on the same issue from words that
-- overlap the quote. Where several do (an evidence sentence holding two quotes), the first by id.
CREATE TEMP TABLE suggestion_cover AS
SELECT stance_suggestions.id AS suggestion_id, min(stances.id) AS stance_id
FROM stance_suggestions
JOIN quotes ON quotes.id = stance_suggestions.quote_id AND quotes.source = 'text'
JOIN stances ON stances.article_id = quotes.article_id AND stances.person_id = stance_suggestions.person_id
  AND stances.issue_id = stance_suggestions.issue_id AND stances.start < quotes."end" AND quotes.start < stances."end"
WHERE stance_suggestions.status IS NULL
GROUP BY stance_suggestions.id;
CREATE UNIQUE INDEX temp.suggestion_cover_id ON suggestion_cover (suggestion_id);

UPDATE stance_suggestions SET
  stance_id = (SELECT stance_id FROM suggestion_cover WHERE suggestion_id = stance_suggestions.id)
WHERE status IS NULL;
UPDATE stance_suggestions SET
  curated_position = (SELECT position FROM stances WHERE stances.id = stance_suggestions.stance_id)
WHERE stance_id IS NOT NULL AND status IS NULL;
-- open: no curated stance covers it yet, so it waits for review; agrees or differs: a person coded it.
UPDATE stance_suggestions SET
  agrees = iif(stance_id IS NULL, NULL, position = curated_position),
  status = CASE WHEN stance_id IS NULL THEN 'open' WHEN position = curated_position THEN 'agrees' ELSE 'differs' END,
  label = position || ' (suggested)'
WHERE status IS NULL;
DROP TABLE temp.suggestion_cover;
