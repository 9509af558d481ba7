-- Lease bookkeeping on the comparison row. Every change to a comparison's assignments locks and updates
-- this row first, so a concurrent lease that locks it afterwards re-checks these columns (PostgreSQL
-- re-evaluates the WHERE clause on the newest row version) and can never exceed the overlap.
alter table comparison add column live_leases integer not null default 0 check (live_leases >= 0);
alter table comparison add column earliest_deadline timestamptz; -- earliest deadline of its live leases
create index comparison_offer_idx on comparison (campaign_id, judgments desc, created_at, id) where state = 'open';
create index comparison_expiring_idx on comparison (earliest_deadline) where live_leases > 0;

-- A comparison leased to one rater. A rater is never given the same comparison twice, whatever became of
-- the first assignment, and holds at most one live lease per campaign.
create table assignment (
    id                uuid        primary key default gen_random_uuid(),
    comparison_id     uuid        not null references comparison (id),
    campaign_id       bigint      not null references campaign (id),
    rater             text        not null,
    state             text        not null default 'live' check (state in ('live', 'submitted', 'skipped', 'expired')),
    shown_order       text        not null check (shown_order in ('ab', 'ba')),
    guideline_version integer     not null,
    leased_at         timestamptz not null,
    deadline          timestamptz not null,
    last_seen_at      timestamptz not null, -- lease or last renewal: the last sign of activity
    active_ms         bigint      not null default 0,
    ended_at          timestamptz,
    skip_reason       text check (skip_reason in ('cannot_judge', 'distressing', 'broken_item', 'other')),
    skip_note         text,
    unique (comparison_id, rater)
);
create unique index assignment_one_live_per_rater on assignment (campaign_id, rater) where state = 'live';
create index assignment_live_comparison_idx on assignment (comparison_id) where state = 'live';

-- The rater's verdict, in the stored order of the comparison (completion_lo is "a").
create table judgment (
    id                uuid        primary key,
    assignment_id     uuid        not null unique references assignment (id),
    comparison_id     uuid        not null references comparison (id),
    campaign_id       bigint      not null references campaign (id),
    rater             text        not null,
    winner            text        not null check (winner in ('a', 'b', 'tie', 'both_bad')),
    strength          text check (strength in ('negligible', 'slight', 'clear', 'strong')),
    criteria          text        not null default '{}', -- JSON object name -> a/b/tie, stored order
    rationale         text,
    flags             text        not null default '[]', -- JSON array of {kind, note}
    active_ms         bigint      not null,
    request_hash      text        not null, -- sha-256 of the request as the rater sent it
    idempotency_key   text,
    response          text        not null, -- the 201 body, answered again to a repeated request
    created_at        timestamptz not null
);
create index judgment_comparison_idx on judgment (comparison_id);

-- Events committed with the business rows they describe, relayed to Kafka afterwards (at least once).
create table outbox (
    id              bigint generated always as identity primary key,
    event_id        uuid        not null unique,
    topic           text        not null,
    msg_key         text,
    payload         text        not null,
    created_at      timestamptz not null,
    state           text        not null default 'pending' check (state in ('pending', 'sent')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    claimed_until   timestamptz, -- a relay holds the row until then; after that another relay may take it
    sent_at         timestamptz
);
create index outbox_pending_idx on outbox (next_attempt_at, id) where state = 'pending';
