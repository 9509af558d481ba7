-- Fair work: pay terms and the pilot estimate, a ledger of all worked time, content consent and exposure,
-- breaks, flags, guideline changelogs and reading time, credit and per-campaign pseudonyms.

-- ---- pay terms, set while a campaign is a draft (the amount may only go up afterwards)
alter table campaign add column pay_kind text not null default 'hourly' check (pay_kind in ('per_judgment', 'hourly'));
alter table campaign add column pay_amount numeric(12, 4) not null default 15.00 check (pay_amount >= 0);
alter table campaign add column pay_currency text not null default 'USD' check (pay_currency ~ '^[A-Z]{3}$');
-- the admin's estimate of the active time one judgment takes, until the pilot measures it
alter table campaign add column estimated_seconds integer not null default 60 check (estimated_seconds between 1 and 86400);
-- the pilot's measure: p75 of the active time of the campaign's first judgments, once there are enough
alter table campaign add column pilot_ms bigint;
alter table campaign add column pilot_judgments integer;
-- why the service paused the campaign (admins read it); cleared when it resumes
alter table campaign add column pause_reason text;
-- 'global': a rater has one pseudonym everywhere; 'per_campaign': records of this campaign cannot be linked
-- to the same rater's records of another campaign
alter table campaign add column pseudonyms text not null default 'global' check (pseudonyms in ('global', 'per_campaign'));

-- a line raters read on the campaign list before their next lease
alter table campaign_guideline add column changelog text;

-- ---- content: an item carries the tags of the two completions it compares, not every completion of the prompt
alter table comparison add column content_tags text[] not null default '{}';
update comparison c set content_tags = coalesce(
    (select array_agg(distinct t order by t)
     from completion x cross join unnest(x.content_tags) as t
     where x.id in (c.completion_lo, c.completion_hi)), '{}')
where exists (select 1 from completion x where x.id in (c.completion_lo, c.completion_hi) and x.content_tags <> '{}');

-- ---- on the assignment: the sensitive categories the rater was warned of (texts hidden until revealed), the
-- reveal, and the start of the rater's stretch of continuous work that this lease belongs to
alter table assignment add column warned text[] not null default '{}';
alter table assignment add column revealed_at timestamptz;
alter table assignment add column stretch_started_at timestamptz;
-- the rater's latest assignment (breaks), and their warned items of the last days (exposure caps)
create index assignment_rater_recent_idx on assignment (rater, leased_at desc);
create index assignment_rater_warned_idx on assignment (rater, leased_at) where warned <> '{}';

-- ---- a rater's own settings. The login never leaves the service; the pseudonym is how admins name them.
create table rater_profile (
    rater            text primary key,
    pseudonym        text        not null unique,
    sensitive_opt_in text[]      not null default '{}',
    time_zone        text        not null default 'UTC',
    credit_name      text, -- the display name a rater who opted in to credit is listed under
    updated_at       timestamptz not null
);

-- ---- the pay ledger: every piece of worked time, written in the transaction of the event that earns it
create table pay_entry (
    id         bigint generated always as identity, -- orders entries of the same instant; (kind, ref) is the key
    rater      text          not null,
    campaign_id bigint       not null references campaign (id),
    kind       text          not null check (kind in ('judgment', 'skip', 'expired', 'guideline', 'break')),
    ref        text          not null, -- what earned it: an assignment, a guideline version read, a break
    paid_ms    bigint        not null check (paid_ms >= 0),
    amount     numeric(16, 6) not null check (amount >= 0),
    currency   text          not null,
    pay_kind   text          not null, -- the campaign's terms when it was earned
    earned_at  timestamptz   not null,
    primary key (kind, ref)
);
create index pay_entry_rater_idx on pay_entry (rater, earned_at);
create index pay_entry_campaign_idx on pay_entry (campaign_id, earned_at);

-- What paid time earns under a campaign's terms, written once: its time at the hourly rate, or, per judgment,
-- the amount for a judgment and nothing for other time (which top-ups bring to the floor).
create function earned(pay_kind text, pay_amount numeric, paid_ms bigint, judgment boolean)
returns numeric language sql immutable parallel safe as $$
    select case when pay_kind = 'hourly' then round(pay_amount * paid_ms / 3600000.0, 6)
                when judgment then pay_amount
                else 0 end
$$;

-- An assignment that ends earns its entry here, in the same transaction, whatever path ended it (submit,
-- skip, the sweeper, a lease that released an overdue one): a judgment earns the per-judgment amount, or
-- its time at the hourly rate; a skip or an expired lease with activity earns its time (hourly) or counts
-- as paid time that top-ups bring to the floor (per judgment). An expired lease earns only when the rater
-- showed activity after taking it (a heartbeat, a renewal, a reveal, a read).
create function assignment_pay() returns trigger language plpgsql as $$
begin
    if new.state <> 'expired' or new.last_seen_at > new.leased_at then
        insert into pay_entry (rater, campaign_id, kind, ref, paid_ms, amount, currency, pay_kind, earned_at)
        select new.rater, k.id,
               case new.state when 'submitted' then 'judgment' when 'skipped' then 'skip' else 'expired' end,
               new.id::text, new.active_ms,
               earned(k.pay_kind, k.pay_amount, new.active_ms, new.state = 'submitted'),
               k.pay_currency, k.pay_kind, new.ended_at
        from campaign k where k.id = new.campaign_id
        on conflict (kind, ref) do nothing;
    end if;
    return null;
end
$$;

create trigger assignment_pay after update of state on assignment
    for each row when (old.state = 'live' and new.state <> 'live') execute function assignment_pay();


-- ---- reading a guideline version is paid: from when the rater opened it until they acknowledged it (capped)
create table guideline_reading (
    rater           text        not null,
    campaign_id     bigint      not null references campaign (id),
    version         integer     not null,
    opened_at       timestamptz not null,
    acknowledged_at timestamptz,
    primary key (rater, campaign_id, version)
);

-- ---- a rater's voice: a flag on any item they were given, answered by an admin
create table flag (
    id            uuid primary key,
    assignment_id uuid        not null references assignment (id),
    campaign_id   bigint      not null references campaign (id),
    rater         text        not null,
    kind          text        not null check (kind in ('unclear_guideline', 'broken_item', 'distressing', 'other')),
    note          text,
    created_at    timestamptz not null,
    answer        text,
    answered_at   timestamptz
);
create index flag_campaign_idx on flag (campaign_id, created_at);
create index flag_rater_idx on flag (rater, created_at);
