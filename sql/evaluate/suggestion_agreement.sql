-- How the stance suggestions agree with the hand coding, per issue: for each curated stance, the
-- suggestion that covers it (stance_suggestions.stance_id; the first by id where several do).
-- exact: the same position; within_one: scores at most one point apart; none: no suggestion
-- covers the stance, because its evidence is no quote of the person's (reported speech), or the
-- quote is not tagged with the stance's issue, or no cue speaks to it.
with covered as (
  select stance_id, min(id) as suggestion_id from stance_suggestions where stance_id is not null group by stance_id
)
select
  issues.id as issue_id,
  count(stances.id) as coded,
  count(covered.stance_id) as suggested,
  coalesce(sum(suggestion.position = stances.position), 0) as exact,
  coalesce(sum(abs(suggestion.score - stances.score) <= 1), 0) as within_one,
  count(stances.id) - count(covered.stance_id) as none
from issues
left join stances on stances.issue_id = issues.id
left join covered on covered.stance_id = stances.id
left join stance_suggestions as suggestion on suggestion.id = covered.suggestion_id
group by issues.id
order by issues.n
