-- raw.page_reading: one row per loaded page, how well the reader read it.

create table raw.page_reading (
    file_id bigint primary key references raw.files (file_id) on delete cascade,
    n_lines integer not null,
    n_articles integer not null,
    n_untitled integer not null,
    n_unsure_lines integer not null,
    mean_confidence double precision not null,
    min_confidence double precision not null,
    longest_chars integer not null,
    median_chars integer not null,
    reasons text[] not null default '{}',
    constraint page_reading_counts_nonnegative check (
        n_lines >= 0 and n_articles >= 0 and n_untitled between 0 and n_articles
        and n_unsure_lines between 0 and n_lines
    ),
    constraint page_reading_confidence_range check (
        min_confidence between 0 and 1 and mean_confidence between 0 and 1
    )
);

comment on table raw.page_reading is 'One row per loaded page: reading-quality facts of the page reader (transforms.reading_quality), and why the page needs review.';
comment on column raw.page_reading.n_lines is 'Lines (cleaned paragraphs) the reader classified.';
comment on column raw.page_reading.n_articles is 'Articles read from the page.';
comment on column raw.page_reading.n_untitled is 'Articles without a headline (photo items, or headlines the reader missed).';
comment on column raw.page_reading.n_unsure_lines is 'Lines that could open an article (label-shaped or read as a head) whose kind the line classifier gave a marginal probability under 0.7.';
comment on column raw.page_reading.mean_confidence is 'Mean marginal probability of the kind given to each line.';
comment on column raw.page_reading.min_confidence is 'Lowest marginal probability of the kind given to a line.';
comment on column raw.page_reading.longest_chars is 'Body length in chars of the page''s longest article.';
comment on column raw.page_reading.median_chars is 'Median body length in chars of the page''s articles.';
comment on column raw.page_reading.reasons is 'Why the page needs a person to check its reading; empty when it read well.';
