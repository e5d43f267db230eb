-- one row per metric whose value or unit could not be normalised (value_base or unit_base null)

create view report.unnormalised_metrics as
with article_pages as (
    select article_id, file_id, path, article_seq, headline
    from report.article_pages
),

page_texts as (
    select file_id, source_text
    from raw.pages
),

metrics as (
    select
        article_id,
        seq,
        text,
        start_offset,
        end_offset,
        indicator,
        subject,
        value,
        unit,
        value_base,
        unit_base,
        change_text
    from core.metrics
    where value_base is null or unit_base is null
),

final as (
    select
        case
            when m.value_base is null and m.unit_base is null then 'no value_base, no unit_base'
            when m.value_base is null then 'no value_base'
            else 'no unit_base'
        end as problem,
        m.text,
        m.indicator,
        m.subject,
        m.value,
        m.unit,
        m.value_base,
        m.unit_base,
        m.change_text,
        regexp_replace(
            substr(pt.source_text, greatest(m.start_offset - 20, 0) + 1, m.end_offset - greatest(m.start_offset - 20, 0) + 20),
            '\s+', ' ', 'g'
        ) as context,
        ap.headline,
        ap.path,
        ap.article_seq,
        m.seq as metric_seq,
        m.start_offset,
        m.end_offset,
        ap.article_id
    from metrics as m
    inner join article_pages as ap on ap.article_id = m.article_id
    left join page_texts as pt on pt.file_id = ap.file_id
)

select
    problem,
    text,
    indicator,
    subject,
    value,
    unit,
    value_base,
    unit_base,
    change_text,
    context,
    headline,
    path,
    article_seq,
    metric_seq,
    start_offset,
    end_offset,
    article_id
from final;

comment on view report.unnormalised_metrics is 'Metrics to review: those whose number or unit could not be normalised (value_base or unit_base null), with the text around them; such rows drop out of sums in base units.';
comment on column report.unnormalised_metrics.problem is 'What is missing: no value_base, no unit_base, or both.';
comment on column report.unnormalised_metrics.text is 'The span as written.';
comment on column report.unnormalised_metrics.indicator is 'The measured thing as written, when found.';
comment on column report.unnormalised_metrics.subject is 'Who or what the metric is about, when the sentence says.';
comment on column report.unnormalised_metrics.value is 'The number as written (numerals resolved), in unit.';
comment on column report.unnormalised_metrics.unit is 'The unit as written.';
comment on column report.unnormalised_metrics.value_base is 'The value in unit_base, when it could be computed.';
comment on column report.unnormalised_metrics.unit_base is 'The normalised unit, when the written unit is known.';
comment on column report.unnormalised_metrics.change_text is 'For a change row, the change as written; null for a level.';
comment on column report.unnormalised_metrics.context is 'The span with up to 20 characters of source text either side, line breaks shown as spaces.';
comment on column report.unnormalised_metrics.headline is 'Headline of the article; null for an untitled photo item.';
comment on column report.unnormalised_metrics.path is 'Page file, relative to its source folder.';
comment on column report.unnormalised_metrics.article_seq is 'Position of the article on its page (report.articles.seq).';
comment on column report.unnormalised_metrics.metric_seq is 'Position of the metric in its article (core.metrics.seq).';
comment on column report.unnormalised_metrics.start_offset is 'Char offset of the span in raw.pages.source_text.';
comment on column report.unnormalised_metrics.end_offset is 'Char offset just past the span.';
comment on column report.unnormalised_metrics.article_id is 'Article key (core.articles.article_id); joins rows of report views about the same article.';
