-- Active time, written once: what was counted before, plus the time from the last sign of activity until
-- `until`, at most the idle cut-off (never negative). Leasing, renewing, skipping, submitting and expiring
-- all count time with this function.
create function active_ms_until(active_ms bigint, last_seen_at timestamptz, until timestamptz, cutoff_ms bigint)
returns bigint language sql immutable parallel safe as $$
    select active_ms + greatest(0, least(floor(extract(epoch from (until - last_seen_at)) * 1000), cutoff_ms))::bigint
$$;

-- A comparison's counters follow its assignments, written in one place: this trigger. live_leases and
-- earliest_deadline are recounted from the live assignments whenever one is made, ends or is extended;
-- a submit also counts the judgment and completes the comparison at the campaign's overlap. Every writer
-- of an assignment holds the comparison's row lock first (assignment/AssignmentStore), so the recount
-- cannot be raced.
create function comparison_counts() returns trigger language plpgsql as $$
begin
    if new.state = 'submitted' and (tg_op = 'INSERT' or old.state <> 'submitted') then
        update comparison c set
            live_leases = (select count(*) from assignment a where a.comparison_id = c.id and a.state = 'live'),
            earliest_deadline = (select min(a.deadline) from assignment a where a.comparison_id = c.id and a.state = 'live'),
            judgments = c.judgments + 1,
            state = case when c.judgments + 1 >= (select k.overlap from campaign k where k.id = c.campaign_id)
                         then 'complete' else c.state end
        where c.id = new.comparison_id;
    else
        update comparison c set
            live_leases = (select count(*) from assignment a where a.comparison_id = c.id and a.state = 'live'),
            earliest_deadline = (select min(a.deadline) from assignment a where a.comparison_id = c.id and a.state = 'live')
        where c.id = new.comparison_id;
    end if;
    return null;
end
$$;

create trigger assignment_counts after insert or update of state, deadline on assignment
    for each row execute function comparison_counts();
