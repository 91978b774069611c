-- The archive-wide step (whosaid/resolve.py) gives a quote its speaker: one row per
-- resolution, with the quote's id, the person and the rule that decided.
UPDATE quotes SET speaker_id = :person_id, attribution = :rule WHERE id = :quote_id
