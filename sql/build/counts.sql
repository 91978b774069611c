-- The build summary's counts, in the order database.counts_of names them: what an incremental
-- build reports, since it prepared and counted only the articles it wrote again.
SELECT (SELECT count(*) FROM articles), (SELECT coalesce(sum(repairs), 0) FROM articles),
       (SELECT count(*) FROM paragraphs), (SELECT count(*) FROM quotes),
       (SELECT count(*) FROM quotes WHERE speaker_id IS NULL), (SELECT count(*) FROM stances),
       (SELECT count(*) FROM utterances)
