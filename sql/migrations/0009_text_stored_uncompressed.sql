-- The long values the loader writes are stored out of line uncompressed (storage external), not compressed
-- with pglz (the default, extended). Compressing them was a third of the server's work loading a page
-- (300 development pages: 3.2 -> 2.2 s of backend CPU) for a quarter less disk on these tables
-- (31 -> 40 MB). The embedded server is built without lz4, the fast compression method, so pglz was the
-- only choice. Rows already stored keep their compression; every row written from now on is stored as is.

alter table raw.pages alter column source_text set storage external;
alter table raw.pages alter column clean_text set storage external;
alter table core.articles alter column body set storage external;
alter table core.article_terms alter column terms set storage external;
alter table core.article_search alter column document set storage external;
