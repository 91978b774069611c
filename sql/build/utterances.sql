-- Utterances from the quotes' wording keys (quote_keys) and the keys' groups (key_roots),
-- both filled by the build. One utterance per group: its id is "u-" and its first quote's id,
-- its text the longest wording, its first day the earliest day any of its quotes was said.
-- An article marked as a copy of another (articles.copy_of: a syndicated copy added with
-- --allow-duplicate) keeps its quotes in the group, but they are not counted again.
CREATE TEMP TABLE utterance_members AS
SELECT key_roots.root, quotes.id AS quote_id, quotes.speaker_id, quotes.text, quotes.said_on,
       iif(articles.copy_of IS NULL, quotes.article_id, NULL) AS article_id,
       iif(articles.copy_of IS NULL, coalesce(articles.outlet, quotes.article_id), NULL) AS outlet
FROM quote_keys
JOIN key_roots ON key_roots.key_id = quote_keys.key_id
JOIN quotes ON quotes.id = quote_keys.quote_id
JOIN articles ON articles.id = quotes.article_id;

CREATE TEMP TABLE utterance_ids AS
SELECT root, 'u-' || min(quote_id) AS utterance_id FROM utterance_members GROUP BY root;
CREATE UNIQUE INDEX temp.utterance_ids_root ON utterance_ids (root);

-- Its label, where a quote links to it, counts its reports rather than repeat its words beside the quote's.
INSERT INTO utterances (id, speaker_id, text, first_said_on, quotes, articles, outlets, label)
SELECT utterance_ids.utterance_id, members.speaker_id, longest.text, members.first_said_on, members.quotes,
       members.articles, members.outlets,
       members.quotes || iif(members.quotes = 1, ' report', ' reports') || ' in ' || members.outlets
         || iif(members.outlets = 1, ' outlet', ' outlets')
FROM (
  SELECT root, min(speaker_id) AS speaker_id, min(said_on) AS first_said_on, count(article_id) AS quotes,
         count(DISTINCT article_id) AS articles, count(DISTINCT outlet) AS outlets
  FROM utterance_members GROUP BY root
) AS members
JOIN utterance_ids ON utterance_ids.root = members.root
JOIN (
  SELECT root, text FROM (
    SELECT root, text, row_number() OVER (PARTITION BY root ORDER BY length(text) DESC, quote_id DESC) AS rank
    FROM utterance_members
  ) WHERE rank = 1
) AS longest ON longest.root = members.root
ORDER BY utterance_ids.utterance_id;

UPDATE quotes SET utterance_id = utterance_ids.utterance_id
FROM utterance_members JOIN utterance_ids ON utterance_ids.root = utterance_members.root
WHERE utterance_members.quote_id = quotes.id;

DROP TABLE utterance_members;
DROP TABLE utterance_ids;
