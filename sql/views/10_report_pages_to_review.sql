-- one row per loaded page whose reading is doubtful

create view report.pages_to_review as
with files as (
    select file_id, path from raw.files where status = 'loaded'
),

pages as (
    select file_id, page_date from raw.pages
),

reading as (
    select
        file_id, reasons, n_lines, n_articles, n_untitled, n_unsure_lines, mean_confidence,
        longest_chars, median_chars
    from raw.page_reading
    where cardinality(reasons) > 0
),

final as (
    select
        files.path,
        pages.page_date,
        array_to_string(reading.reasons, '; ') as reason,
        reading.n_lines,
        reading.n_articles,
        reading.n_untitled,
        reading.n_unsure_lines,
        round(reading.mean_confidence::numeric, 3) as mean_confidence,
        reading.longest_chars,
        reading.median_chars
    from reading
    inner join files on files.file_id = reading.file_id
    inner join pages on pages.file_id = reading.file_id
)

select
    path, page_date, reason, n_lines, n_articles, n_untitled, n_unsure_lines, mean_confidence,
    longest_chars, median_chars
from final;

comment on view report.pages_to_review is 'Pages whose reading is doubtful, with the reason: lines that may open an article the reader was unsure of, articles without headlines, an article far longer than the others. A new paper''s layout that defeats the reader shows here first.';
comment on column report.pages_to_review.path is 'Page file, relative to its source folder.';
comment on column report.pages_to_review.page_date is 'Publication date of the page, when known.';
comment on column report.pages_to_review.reason is 'Why the page needs review, in words.';
comment on column report.pages_to_review.n_lines is 'Lines the reader classified.';
comment on column report.pages_to_review.n_articles is 'Articles read from the page.';
comment on column report.pages_to_review.n_untitled is 'Articles without a headline.';
comment on column report.pages_to_review.n_unsure_lines is 'Lines that could open an article, classified with a marginal probability under 0.7.';
comment on column report.pages_to_review.mean_confidence is 'Mean marginal probability of the kinds given to the lines.';
comment on column report.pages_to_review.longest_chars is 'Body length of the longest article.';
comment on column report.pages_to_review.median_chars is 'Median body length of the page''s articles.';
