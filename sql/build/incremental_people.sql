-- An incremental build writes the people the registry lacks again (their first article's role, their
-- aliases, their articles may have changed). The derived tables of those whose row changed, or who
-- came or went, are computed again: their ids join the scopes (whosaid/incremental.py, SCOPES).
CREATE TEMP TABLE people_now AS
SELECT id, name, kind, role, country, affiliation, aliases, roles, pronoun, registered, note
FROM people WHERE registered = 0;
INSERT OR IGNORE INTO temp.scope_speakers
SELECT id FROM (SELECT * FROM temp.people_before EXCEPT SELECT * FROM temp.people_now)
UNION SELECT id FROM (SELECT * FROM temp.people_now EXCEPT SELECT * FROM temp.people_before);
INSERT OR IGNORE INTO temp.scope_persons SELECT id FROM temp.scope_speakers;
DROP TABLE temp.people_now;
DROP TABLE temp.people_before;
