-- "Has this rater seen this comparison?" is asked for every candidate of every lease: answer it from an
-- index of the rater's assignments rather than a scan of all assignments.
create index assignment_rater_idx on assignment (rater, comparison_id);
