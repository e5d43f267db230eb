-- Which indicators grew fastest (or fell most), and over which period?
-- one row per growth rate stated in percent, largest rise first

select
    indicator,
    subject,
    period,
    change_text,
    change_value_base as change_pct,
    level_value,
    round(previous_value, 2) as previous_value,
    level_unit,
    page_date,
    headline
from report.indicator_changes
where change_unit_base = 'percent' and indicator is not null
order by change_value_base desc, indicator
limit 30;
