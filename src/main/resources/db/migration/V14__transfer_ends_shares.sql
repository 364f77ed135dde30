-- A transfer now ends the shares that the former collectivity solicited (unless the receiving one
-- solicits the same Mission Locale itself). What was derived under the former rule is derived again
-- by the first instance to start after this migration: the pathways already transferred (their
-- state, their shares, a share-ended notice in each Mission Locale's feed), and the indicator counts.
create table pathway_maintenance (
    name varchar(64) primary key
);
insert into pathway_maintenance (name) values ('rederive-transferred');
insert into indicator_maintenance (name) values ('rebuild-required') on conflict do nothing;
