-- one row per metric, with whether it counts: a fact its story already stated in an earlier printing does not

create view report.metric_printings as
with printings as (
    select article_id, story_id, printing, n_printings
    from report.article_stories
),

metrics as (
    select
        article_id,
        seq,
        -- the fact, whatever the sentence around it: what, how much, in which unit, which change
        concat_ws(
            '|',
            indicator,
            coalesce(value_base::text, text),
            value_base_high::text,
            unit_base,
            change_text
        ) as fact_key
    from core.metrics
),

occurrences as (
    select
        m.article_id,
        m.seq,
        m.fact_key,
        p.story_id,
        p.printing,
        p.n_printings,
        -- the same fact stated twice in one printing is two facts: match the k-th with the k-th
        row_number() over (partition by m.article_id, m.fact_key order by m.seq) as occurrence
    from metrics as m
    inner join printings as p on p.article_id = m.article_id
),

final as (
    select
        article_id,
        seq,
        story_id,
        printing,
        n_printings,
        row_number() over (
            partition by story_id, fact_key, occurrence order by printing, seq
        ) as statement
    from occurrences
)

select
    article_id,
    seq,
    story_id,
    printing,
    n_printings,
    statement = 1 as is_counted
from final;

comment on view report.metric_printings is 'Every metric with the story of its article and whether it counts: a fact (same indicator, value, unit and change) that an earlier printing of the same story already stated is a repeat and does not. A story printed twice counts its facts once; a fact only a later printing adds (a reprint''s changed sentence, the part of a full story its teaser left out) still counts.';
comment on column report.metric_printings.article_id is 'The article (core.metrics.article_id).';
comment on column report.metric_printings.seq is 'The metric (core.metrics.seq).';
comment on column report.metric_printings.story_id is 'The story the article is a printing of (report.article_stories).';
comment on column report.metric_printings.printing is 'Place of the article among the story''s printings, 1 the canonical one.';
comment on column report.metric_printings.n_printings is 'How many times the story was printed.';
comment on column report.metric_printings.is_counted is 'True when no earlier printing of the story states the same fact: the report views count only these.';
