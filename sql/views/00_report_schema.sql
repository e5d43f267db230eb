-- report: the views analysts query. Rebuilt from sql/views/*.sql whenever those files change.

drop schema if exists report cascade;
create schema report;
comment on schema report is 'Reporting views over raw and core: the questions an analyst asks first.';
