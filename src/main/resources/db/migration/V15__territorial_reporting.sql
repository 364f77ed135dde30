-- Territorial reporting adds measures derived from events already recorded (situations, handovers,
-- fragilities, rights, eligibility, training-obligation reports, ASE exits): the first instance
-- started after this migration rebuilds every count from the pathways' histories.
insert into indicator_maintenance (name) values ('rebuild-required') on conflict (name) do nothing;
