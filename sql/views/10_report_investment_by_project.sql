-- one row per investment amount stated in a story (a metric of an investment indicator, in CNY), where its story first states it

create view report.investment_by_project as
with article_pages as (
    select article_id, path, article_seq, headline, section, event_date, page_date
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
        value_base,
        value_base_high,
        unit_base,
        qualifier,
        period,
        change_text
    from core.metrics
),

investments as (
    select
        article_id,
        seq,
        text,
        indicator,
        subject,
        value_base,
        value_base_high,
        qualifier,
        period
    from metrics
    where
        unit_base = 'CNY'
        and change_text is null
        and value_base > 0
        -- 投资, 总投资, 计划总投资, 合同投资额, 投资额, 带动固定资产投资 …
        and indicator ~ '投资额?$'
),

final as (
    select
        i.subject as project,
        i.subject is not null
        and i.subject !~ '^(该|此|本|这|上述)'
        and i.subject <> '项目' as is_named_project,
        i.indicator,
        i.value_base as amount_cny,
        i.value_base_high as amount_cny_high,
        round(i.value_base / 100000000, 6) as amount_100m_cny,
        i.qualifier,
        i.period,
        i.text,
        ap.headline,
        ap.section,
        ap.page_date,
        ap.event_date,
        ap.path,
        ap.article_seq,
        i.seq as metric_seq,
        ap.article_id,
        cp.story_id,
        cp.n_printings
    from investments as i
    inner join article_pages as ap on ap.article_id = i.article_id
    -- a story printed twice states its amounts once: a fact an earlier printing stated is left out
    inner join counted_metrics as cp on cp.article_id = i.article_id and cp.seq = i.seq
)

select
    project,
    is_named_project,
    indicator,
    amount_cny,
    amount_cny_high,
    amount_100m_cny,
    qualifier,
    period,
    text,
    headline,
    section,
    page_date,
    event_date,
    path,
    article_seq,
    metric_seq,
    article_id,
    story_id,
    n_printings
from final;

comment on view report.investment_by_project is 'Which projects invest how much: every investment amount stated (indicator 投资, 总投资, 计划总投资, 合同投资额, 带动固定资产投资 …, in CNY, not a change), with the project it is about. USD amounts are left out. A story printed more than once (report.article_stories) counts once: a fact stated again by a later printing (report.metric_printings) is left out; n_printings says how many times the story was printed.';
comment on column report.investment_by_project.project is 'The project or investor the amount is about (the metric subject, e.g. 海吉亚医院综合体项目); null when the sentence names none, often a total over many projects.';
comment on column report.investment_by_project.is_named_project is 'True when project names a project; false for a missing or back-referring subject (该项目, 此项目, 项目), which cannot be matched across articles.';
comment on column report.investment_by_project.indicator is 'The investment indicator as written: 投资, 总投资, 计划总投资, 合同投资额 ….';
comment on column report.investment_by_project.amount_cny is 'The amount in yuan (CNY); the lower bound of a range.';
comment on column report.investment_by_project.amount_cny_high is 'Upper bound in yuan when the text gives a range; null otherwise.';
comment on column report.investment_by_project.amount_100m_cny is 'amount_cny in units of 亿元 (100 million yuan), as the papers print it.';
comment on column report.investment_by_project.qualifier is 'approx (约, 余, 多), over (超, 以上) or under (不到, 以内); null when exact.';
comment on column report.investment_by_project.period is 'The time the amount refers to, as written (2019年, 1—10月份); null when the sentence gives none.';
comment on column report.investment_by_project.text is 'The span as written, e.g. 投资10亿元.';
comment on column report.investment_by_project.headline is 'Headline of the article stating the amount; null for an untitled photo item.';
comment on column report.investment_by_project.section is 'Box or column the article sits under, when one is printed.';
comment on column report.investment_by_project.page_date is 'Publication date of the page, when known.';
comment on column report.investment_by_project.event_date is 'Date of the article''s dateline resolved to a full date, when known.';
comment on column report.investment_by_project.path is 'Page file, relative to its source folder.';
comment on column report.investment_by_project.article_seq is 'Position of the article on its page (report.articles.seq).';
comment on column report.investment_by_project.metric_seq is 'Position of the metric in its article (core.metrics.seq).';
comment on column report.investment_by_project.article_id is 'Article key (core.articles.article_id); joins rows of report views about the same article.';
comment on column report.investment_by_project.story_id is 'The story the article is a printing of (report.article_stories).';
comment on column report.investment_by_project.n_printings is 'How many times the story was printed; the facts its repeat printings state again are not listed.';
