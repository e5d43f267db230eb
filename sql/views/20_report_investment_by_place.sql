-- one row per place named by an article that states an investment (dateline place or a place mentioned), each story's amounts once

create view report.investment_by_place as
with investments as (
    select article_id, project, is_named_project, amount_cny, page_date, n_printings
    from report.investment_by_project
),

article_pages as (
    select article_id, dateline_place
    from report.article_pages
),

place_entities as (
    select article_id, name
    from core.entities
    where kind = 'place'
),

article_places as (
    select article_id, dateline_place as place
    from article_pages
    -- 本报讯 names the paper, not a place
    where dateline_place is not null and dateline_place not in ('本报', '本台', '本刊')
    union
    select article_id, name as place
    from place_entities
),

place_investments as (
    select
        ap.place,
        i.article_id,
        i.project,
        i.is_named_project,
        i.amount_cny,
        i.page_date,
        i.n_printings,
        -- a named project counts once per place; a back-referring one (该项目) once per article
        case
            when i.is_named_project then i.project
            else i.article_id::text || ':' || coalesce(i.project, '')
        end as project_key
    from article_places as ap
    inner join investments as i on i.article_id = ap.article_id
),

projects as (
    select
        place,
        project_key,
        max(project) as project,
        bool_or(is_named_project) as is_named_project,
        max(amount_cny) as amount_cny
    from place_investments
    where project is not null
    group by place, project_key
),

project_totals as (
    select
        place,
        count(*) as n_projects,
        sum(amount_cny) as projects_total_cny,
        max(amount_cny) filter (where is_named_project) as largest_project_cny,
        (array_agg(project order by amount_cny desc, project) filter (where is_named_project))[1] as largest_project
    from projects
    group by place
),

place_articles as (
    select distinct place, article_id, n_printings
    from place_investments
),

place_printings as (
    select place, sum(n_printings) as n_printings
    from place_articles
    group by place
),

place_totals as (
    select
        place,
        count(distinct article_id) as n_articles,
        count(*) as n_investments,
        max(amount_cny) filter (where project is null) as largest_unattributed_cny,
        min(page_date) as first_page_date,
        max(page_date) as last_page_date
    from place_investments
    group by place
),

final as (
    select
        t.place,
        t.n_articles,
        pp.n_printings,
        t.n_investments,
        coalesce(p.n_projects, 0) as n_projects,
        coalesce(p.projects_total_cny, 0) as projects_total_cny,
        round(coalesce(p.projects_total_cny, 0) / 100000000, 6) as projects_total_100m_cny,
        p.largest_project,
        p.largest_project_cny,
        t.largest_unattributed_cny,
        t.first_page_date,
        t.last_page_date
    from place_totals as t
    left join project_totals as p on p.place = t.place
    left join place_printings as pp on pp.place = t.place
)

select
    place,
    n_articles,
    n_printings,
    n_investments,
    n_projects,
    projects_total_cny,
    projects_total_100m_cny,
    largest_project,
    largest_project_cny,
    largest_unattributed_cny,
    first_page_date,
    last_page_date
from final;

comment on view report.investment_by_place is 'Where the investment goes: per place named by articles that state investments (the dateline place, 开发区 in 开发区讯, or a place the article mentions), how many projects and how much. An article naming two places counts for both; a story printed more than once counts its amounts once (report.investment_by_project leaves out the amounts a later printing states again).';
comment on column report.investment_by_place.place is 'A dateline place or a place entity of the article, as written (开发区, 临清市).';
comment on column report.investment_by_place.n_articles is 'Articles naming the place that state at least one investment amount not stated before by another printing of their story.';
comment on column report.investment_by_place.n_investments is 'Investment amounts stated in those articles (report.investment_by_project rows).';
comment on column report.investment_by_place.n_projects is 'Distinct projects with an amount: named projects once per place, back-referring ones (该项目) once per article.';
comment on column report.investment_by_place.projects_total_cny is 'Sum over those projects of the largest amount stated for each, in yuan; totals stated without a project are left out (see largest_unattributed_cny).';
comment on column report.investment_by_place.projects_total_100m_cny is 'projects_total_cny in 亿元 (100 million yuan).';
comment on column report.investment_by_place.largest_project is 'The named project with the largest amount (back-referring ones such as 该项目 are left out); null when none.';
comment on column report.investment_by_place.largest_project_cny is 'Its amount in yuan.';
comment on column report.investment_by_place.largest_unattributed_cny is 'Largest amount stated without a project (often a total such as 合同投资额398亿元), in yuan; null when none.';
comment on column report.investment_by_place.first_page_date is 'Earliest page date of those articles, when known.';
comment on column report.investment_by_place.last_page_date is 'Latest page date of those articles, when known.';
comment on column report.investment_by_place.n_printings is 'How many times those stories were printed, repeats included (>= n_articles).';
