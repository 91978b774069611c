-- Indexes for the published pages, built after the derived tables they cover.
-- Every facet and sort column metadata.yml names on a table has one (a test checks):
-- at 50,000 articles a facet counted over 500,000 quotes took 240-430 ms by
-- scanning the table, 30-50 ms by scanning an index.
-- A sort column's index ends with the key, in the order the sort runs (DESC for
-- a sort_desc): Datasette orders a table's first page by the sort column alone
-- and the next ones by the sort column, then the key (0.65.5), so rows that tie
-- must already come in key order, or paging skips some and repeats others (the
-- CSV export of utterances, 25 rows a page, lost 5 of 48).
CREATE INDEX IF NOT EXISTS articles_by_outlet ON articles (outlet);
CREATE INDEX IF NOT EXISTS articles_by_published ON articles (published DESC, id);
CREATE INDEX IF NOT EXISTS text_repairs_by_rule ON text_repairs (rule);
CREATE INDEX IF NOT EXISTS text_repairs_by_repaired ON text_repairs (repaired);
CREATE INDEX IF NOT EXISTS paragraphs_by_kind ON paragraphs (kind);
CREATE INDEX IF NOT EXISTS quotes_by_kind ON quotes (kind);
CREATE INDEX IF NOT EXISTS quotes_by_attribution ON quotes (attribution);
CREATE INDEX IF NOT EXISTS quotes_by_said_on_precision ON quotes (said_on_precision);
-- said_between reads a range of days in order.
CREATE INDEX IF NOT EXISTS quotes_by_said_on ON quotes (said_on, id);
CREATE INDEX IF NOT EXISTS utterances_by_outlets ON utterances (outlets DESC, id);
CREATE INDEX IF NOT EXISTS stances_by_said_on ON stances (said_on, id);
CREATE INDEX IF NOT EXISTS stances_by_position ON stances (position);
CREATE INDEX IF NOT EXISTS stance_timeline_by_said_on ON stance_timeline (said_on, stance_id);
CREATE INDEX IF NOT EXISTS stance_timeline_by_person ON stance_timeline (person);
CREATE INDEX IF NOT EXISTS stance_timeline_by_issue ON stance_timeline (issue);
CREATE INDEX IF NOT EXISTS stance_timeline_by_position ON stance_timeline (position);
CREATE INDEX IF NOT EXISTS stance_timeline_by_outlet ON stance_timeline (outlet);
CREATE INDEX IF NOT EXISTS reversals_by_person ON reversals (person);
CREATE INDEX IF NOT EXISTS reversals_by_issue ON reversals (issue);
CREATE INDEX IF NOT EXISTS reversals_by_rating ON reversals (rating);
CREATE INDEX IF NOT EXISTS reversals_by_direction ON reversals (direction);
CREATE INDEX IF NOT EXISTS contradictions_by_issue ON contradictions (issue);
CREATE INDEX IF NOT EXISTS contradictions_by_affiliation ON contradictions (affiliation);
CREATE INDEX IF NOT EXISTS speaker_outlets_by_quotes ON speaker_outlets (quotes DESC, speaker_id, outlet);
CREATE INDEX IF NOT EXISTS speakers_by_quotes ON speakers (quotes DESC, person_id);
CREATE INDEX IF NOT EXISTS speakers_by_affiliation ON speakers (affiliation);
CREATE INDEX IF NOT EXISTS speakers_by_registered ON speakers (registered);
CREATE INDEX IF NOT EXISTS quotes_with_sources_by_said_on ON quotes_with_sources (said_on, quote_id);
CREATE INDEX IF NOT EXISTS quotes_with_sources_by_speaker ON quotes_with_sources (speaker);
CREATE INDEX IF NOT EXISTS quotes_with_sources_by_outlet ON quotes_with_sources (outlet);
CREATE INDEX IF NOT EXISTS utterances_across_outlets_by_speaker ON utterances_across_outlets (speaker);
CREATE INDEX IF NOT EXISTS utterances_across_outlets_by_outlet ON utterances_across_outlets (outlet);
-- The registry's tables are small, but a rule with no exceptions is one a test can keep.
CREATE INDEX IF NOT EXISTS people_by_name ON people (name, id);
CREATE INDEX IF NOT EXISTS people_by_kind ON people (kind);
CREATE INDEX IF NOT EXISTS people_by_affiliation ON people (affiliation);
CREATE INDEX IF NOT EXISTS people_by_registered ON people (registered);
CREATE INDEX IF NOT EXISTS people_by_country ON people (country);
CREATE INDEX IF NOT EXISTS positions_by_score ON positions (score, id);
CREATE INDEX IF NOT EXISTS issues_by_n ON issues (n);
-- A person's quotes by date, as the person page and quotes_by_person list them: without it the
-- page read and sorted every quote of the person (tens of thousands at 50,000 articles).
CREATE INDEX IF NOT EXISTS quotes_by_speaker_said_on ON quotes (speaker_id, said_on, id);
-- A person's pairs of contradictions, on either side, in the order the person page lists them.
CREATE INDEX IF NOT EXISTS contradictions_by_person ON contradictions
  (person_id, person_said_on, issue_id, stance_id, other_stance_id);
CREATE INDEX IF NOT EXISTS contradictions_by_other_person ON contradictions
  (other_person_id, other_said_on, issue_id, stance_id, other_stance_id);
-- A person's last day on each issue (the person page): without it, every stance of the person was read.
CREATE INDEX IF NOT EXISTS stances_by_person_issue_said_on ON stances (person_id, issue_id, said_on);
-- An issue's page: its positions by date and its contradictions, the first 200 of each, read in order.
CREATE INDEX IF NOT EXISTS stance_timeline_by_issue_said_on ON stance_timeline (issue_id, said_on, person, stance_id);
CREATE INDEX IF NOT EXISTS contradictions_by_issue_said_on ON contradictions
  (issue_id, person_said_on, person, other_person);
-- An issue's tagged quotes by date (the issue page, quotes_by_issue).
CREATE INDEX IF NOT EXISTS quote_issues_by_issue_said_on ON quote_issues (issue_id, said_on, quote_id);
-- quote_issues in its default sort, the key last: Datasette's first page has no tiebreak of its own.
CREATE INDEX IF NOT EXISTS quote_issues_by_said_on ON quote_issues (said_on, id);

-- The open stance suggestions of a person's or an issue's page, read in date order.
CREATE INDEX IF NOT EXISTS stance_suggestions_by_person_status_said_on
  ON stance_suggestions (person_id, status, said_on, id);
CREATE INDEX IF NOT EXISTS stance_suggestions_by_issue_status_said_on
  ON stance_suggestions (issue_id, status, said_on, id);
-- The stance_suggestions table's status facet and its sort.
CREATE INDEX IF NOT EXISTS stance_suggestions_by_status ON stance_suggestions (status);
CREATE INDEX IF NOT EXISTS stance_suggestions_by_said_on ON stance_suggestions (said_on, id);
