-- one row per metric, per article, per loaded page

create view report.metrics as
with final as (
    select
        ap.path,
        ap.article_seq,
        ap.headline,
        m.indicator,
        m.subject,
        m.value,
        m.unit,
        m.value_base,
        m.unit_base,
        m.qualifier,
        m.period,
        m.text
    from core.metrics as m
    inner join report.article_pages as ap on ap.article_id = m.article_id
)

select path, article_seq, headline, indicator, subject, value, unit, value_base, unit_base, qualifier, period, text
from final;

comment on view report.metrics is 'Every metric with its article: indicator, subject, value as written and normalised, qualifier, period and the span of text.';
comment on column report.metrics.article_seq is 'seq of the article on its page (report.articles.seq).';
comment on column report.metrics.value_base is 'Value in unit_base: CNY, percent, kg, m2, mu … or the measure word of a count.';
comment on column report.metrics.text is 'The span as written in the article.';
comment on column report.metrics.path is 'Page file, relative to its source folder.';
comment on column report.metrics.headline is 'Headline of the article the metric is in.';
comment on column report.metrics.indicator is 'The measured thing as written, e.g. 进出口.';
comment on column report.metrics.subject is 'Who or what the number is about, as written, e.g. 开发区.';
comment on column report.metrics.value is 'The number as written (numerals resolved), in unit.';
comment on column report.metrics.unit is 'Unit as written, e.g. 亿元, 万吨, 余人.';
comment on column report.metrics.unit_base is 'Normalised unit: CNY, percent, kg, m2, mu, a rate such as kg/mu, or the measure word of a count.';
comment on column report.metrics.qualifier is 'approx, over or under; null when exact.';
comment on column report.metrics.period is 'Period the number covers, as written, e.g. 1—10月份.';
