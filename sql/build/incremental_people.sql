-- An incremental build writes the people the registry lacks again (their first article's role, their
-- aliases, their articles may have changed). The derived tables of those whose row changed, or who
-- came or went, are computed again: their ids join the speakers' scope (whosaid/incremental.py,
-- SCOPES). Not the persons' scope, which is for stances: only registered people hold stances.
CREATE TEMP TABLE people_now AS
SELECT id, name, kind, role, country, affiliation, aliases, roles, pronoun, registered, note
FROM people WHERE registered = 0;
INSERT OR IGNORE INTO temp.scope_speakers
SELECT id FROM (SELECT * FROM temp.people_before EXCEPT SELECT * FROM temp.people_now)
UNION SELECT id FROM (SELECT * FROM temp.people_now EXCEPT SELECT * FROM temp.people_before);
DROP TABLE temp.people_now;
DROP TABLE temp.people_before;
