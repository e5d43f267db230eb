-- Which metrics could not be normalised, and how do they read in context?
-- one row per metric with no value_base or unit_base, grouped by the unit as written

select problem, unit, text, indicator, context, path, article_seq, metric_seq
from report.unnormalised_metrics
order by unit nulls first, path, article_seq, metric_seq;
