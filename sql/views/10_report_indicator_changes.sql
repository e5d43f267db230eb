-- one row per change metric (同比增长, 较去年增加, 下降 …) stated first in its story, with the level metric it qualifies when linked

create view report.indicator_changes as
with article_pages as (
    select article_id, path, article_seq, headline, page_date
    from report.article_pages
),

counted_metrics as (
    select article_id, seq, story_id, n_printings
    from report.metric_printings
    where is_counted
),

metrics as (
    select
        article_id,
        seq,
        text,
        indicator,
        subject,
        value,
        unit,
        value_base,
        unit_base,
        period,
        change_text,
        change_of_seq
    from core.metrics
),

changes as (
    select
        article_id,
        seq,
        text,
        indicator,
        subject,
        value_base,
        unit_base,
        period,
        change_text,
        change_of_seq
    from metrics
    where change_text is not null
),

changes_with_levels as (
    select
        c.article_id,
        c.seq as change_seq,
        coalesce(c.indicator, l.indicator) as indicator,
        coalesce(c.subject, l.subject) as subject,
        coalesce(c.period, l.period) as period,
        l.value as level_value,
        l.unit as level_unit,
        l.value_base as level_value_base,
        l.unit_base as level_unit_base,
        l.text as level_text,
        c.change_text,
        c.value_base as change_value_base,
        c.unit_base as change_unit_base,
        c.text as change_text_span,
        l.seq is not null as has_level,
        case
            when l.value_base is null or c.value_base is null or l.unit_base = 'percent' then null
            when c.unit_base = 'percent' and c.value_base > -100
                then l.value_base / (1 + c.value_base / 100)
            when c.unit_base = l.unit_base then l.value_base - c.value_base
        end as previous_value_base
    from changes as c
    left join metrics as l
        on l.article_id = c.article_id and l.seq = c.change_of_seq
),

final as (
    select
        cl.indicator,
        cl.subject,
        cl.period,
        cl.level_value,
        cl.level_unit,
        cl.level_value_base,
        cl.level_unit_base,
        cl.level_text,
        cl.change_text,
        cl.change_value_base,
        cl.change_unit_base,
        cl.change_text_span,
        cl.has_level,
        cl.previous_value_base,
        case
            when cl.level_value_base <> 0 then cl.level_value * cl.previous_value_base / cl.level_value_base
        end as previous_value,
        ap.headline,
        ap.page_date,
        ap.path,
        ap.article_seq,
        cl.change_seq,
        cl.article_id,
        cp.story_id,
        cp.n_printings
    from changes_with_levels as cl
    inner join article_pages as ap on ap.article_id = cl.article_id
    -- a story printed twice states its changes once: a fact an earlier printing stated is left out
    inner join counted_metrics as cp on cp.article_id = cl.article_id and cp.seq = cl.change_seq
)

select
    indicator,
    subject,
    period,
    level_value,
    level_unit,
    level_value_base,
    level_unit_base,
    level_text,
    change_text,
    change_value_base,
    change_unit_base,
    change_text_span,
    has_level,
    previous_value_base,
    previous_value,
    headline,
    page_date,
    path,
    article_seq,
    change_seq,
    article_id,
    story_id,
    n_printings
from final;

comment on view report.indicator_changes is 'How indicators moved: every change stated (同比增长 7.3%, 较去年增加1.84万吨 …) with its period and, when the sentence links one, the level it qualifies (进出口33.3亿元). A story printed more than once (report.article_stories) counts once: a fact stated again by a later printing (report.metric_printings) is left out; n_printings says how many times the story was printed.';
comment on column report.indicator_changes.indicator is 'The measured thing (进出口); the change''s own indicator, else its level''s.';
comment on column report.indicator_changes.subject is 'Who or what the indicator is about (开发区), when the sentence says.';
comment on column report.indicator_changes.period is 'The period the figures refer to, as written (1—10月份).';
comment on column report.indicator_changes.level_value is 'The level as written, in level_unit (33.3); null when no level is linked.';
comment on column report.indicator_changes.level_unit is 'Unit of level_value as written (亿元).';
comment on column report.indicator_changes.level_value_base is 'The level in level_unit_base (3330000000).';
comment on column report.indicator_changes.level_unit_base is 'Normalised unit of the level: CNY, kg, mu, percent … or a measure word.';
comment on column report.indicator_changes.level_text is 'The level span as written (进出口33.3亿元).';
comment on column report.indicator_changes.change_text is 'The change as written: 同比增长, 较去年增加, 下降 ….';
comment on column report.indicator_changes.change_value_base is 'The signed change in change_unit_base: 7.3 for 同比增长7.3%, -40 for 减少40%.';
comment on column report.indicator_changes.change_unit_base is 'Unit of the change: percent for a growth rate, else the level''s base unit (kg for 增加1.84万吨).';
comment on column report.indicator_changes.change_text_span is 'The change span as written (同比增长7.3%).';
comment on column report.indicator_changes.has_level is 'True when the change is linked to the level metric it qualifies (core.metrics.change_of_seq).';
comment on column report.indicator_changes.previous_value_base is 'The implied level of the earlier period in level_unit_base: level / (1 + rate/100) for a percent change, level - change for an absolute one; null when it cannot be derived (no level, a level in percent).';
comment on column report.indicator_changes.previous_value is 'previous_value_base in level_unit, comparable with level_value (31.0 亿元 before 33.3 亿元).';
comment on column report.indicator_changes.headline is 'Headline of the article; null for an untitled photo item.';
comment on column report.indicator_changes.page_date is 'Publication date of the page, when known.';
comment on column report.indicator_changes.path is 'Page file, relative to its source folder.';
comment on column report.indicator_changes.article_seq is 'Position of the article on its page (report.articles.seq).';
comment on column report.indicator_changes.change_seq is 'Position of the change metric in its article (core.metrics.seq).';
comment on column report.indicator_changes.article_id is 'Article key (core.articles.article_id); joins rows of report views about the same article.';
comment on column report.indicator_changes.story_id is 'The story the article is a printing of (report.article_stories).';
comment on column report.indicator_changes.n_printings is 'How many times the story was printed; the facts its repeat printings state again are not listed.';
