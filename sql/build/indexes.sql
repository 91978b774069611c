-- Indexes the views need beyond the foreign-key indexes, built once the rows are written.
-- reversals: the stance that stands for one person's position on one issue on one day.
CREATE INDEX IF NOT EXISTS stances_by_person_issue_day ON stances (person_id, issue_id, said_on, score, id);
