-- How the issue tags (quote_issues) agree with the hand coding, per issue. A curated stance whose
-- evidence overlaps a quote (stances.quote_id) says the quote concerns the stance's issue: those
-- pairs are the gold. Only the quotes with a stance are judged, since a quote nobody coded may
-- concern any issue. A tag the coding lacks counts against precision, though the sentence may well
-- concern that issue too: precision here is a lower bound.
with gold as (
  select distinct quote_id, issue_id from stances where quote_id is not null
),
judged as (
  select quote_id, issue_id from quote_issues where quote_id in (select quote_id from gold)
)
select
  issues.id as issue_id,
  (select count(*) from gold where gold.issue_id = issues.id) as coded,
  (select count(*) from judged where judged.issue_id = issues.id) as tagged,
  (select count(*) from gold join judged using (quote_id, issue_id) where gold.issue_id = issues.id) as agreed
from issues
order by issues.n
