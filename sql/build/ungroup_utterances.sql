-- An incremental build groups again the utterances of the speakers whose quotes changed
-- (temp.regrouped, filled by whosaid/incremental.py): their quotes lose their utterance and
-- their utterances go, and utterances.sql then makes them again from all their quotes. Other
-- speakers' utterances are theirs alone, so they stay as they are.
UPDATE quotes SET utterance_id = NULL
WHERE utterance_id IN (SELECT id FROM utterances WHERE speaker_id IN (SELECT speaker_id FROM temp.regrouped));
DELETE FROM utterances WHERE speaker_id IN (SELECT speaker_id FROM temp.regrouped);
