-- The charts' rows: one per coded position, with the person's own colour and the day
-- as a label at the precision the text gives it. The charts place days side by side in
-- date order, one slot per day that has a position, so 12, 13 and 14 February stay
-- apart even when the positions span years; a label never claims a day the text does
-- not give ("2022", "Jan 2024", "by 14 Feb 2025").
select
  stance_timeline.stance_id,
  stance_timeline.issue_id,
  stance_timeline.issue,
  stance_timeline.person_id,
  stance_timeline.person,
  people.colour,
  stance_timeline.said_on as day,
  case stance_timeline.said_on_precision
    when 'year' then substr(stance_timeline.said_on, 1, 4)
    when 'month' then month_name || ' ' || substr(stance_timeline.said_on, 1, 4)
    when 'week' then 'week of ' || day_month || ' ' || substr(stance_timeline.said_on, 1, 4)
    when 'published' then 'by ' || day_month || ' ' || substr(stance_timeline.said_on, 1, 4)
    else day_month || ' ' || substr(stance_timeline.said_on, 1, 4)
  end as "when",
  stance_timeline.said_on_precision as precision,
  -- The slots' order: by day, and a publication date ("by 14 Feb") after the day itself.
  julianday(stance_timeline.said_on) * 2 + (stance_timeline.said_on_precision = 'published') as slot,
  stance_timeline.position,
  stance_timeline.position_label,
  stance_timeline.score,
  stance_timeline.evidence,
  stance_timeline.outlet,
  stance_timeline.quote_id
from stance_timeline
join people on people.id = stance_timeline.person_id
join (
  -- 'Feb' and '12 Feb' for each said_on: SQLite's strftime has no month names.
  select said_on,
         substr('JanFebMarAprMayJunJulAugSepOctNovDec', 3 * strftime('%m', said_on) - 2, 3) as month_name,
         cast(strftime('%d', said_on) as integer) || ' '
           || substr('JanFebMarAprMayJunJulAugSepOctNovDec', 3 * strftime('%m', said_on) - 2, 3) as day_month
  from (select distinct said_on from stance_timeline)
) as names on names.said_on = stance_timeline.said_on
-- In one order whatever the physical order of stance_timeline's rows (an incremental build
-- writes some of them again, after the others).
order by stance_timeline.said_on, stance_timeline.person_id, stance_timeline.stance_id
