-- Quality: consensus per comparison, gold items, balanced shown order, reviews of a rater's work that the
-- rater sees and can answer, and pausing a rater in one campaign.

-- ---- consensus: written by the submit that completes a comparison, in its transaction
create table consensus (
    comparison_id  uuid             primary key references comparison (id),
    campaign_id    bigint           not null references campaign (id),
    verdict        text             not null check (verdict in ('a', 'b', 'tie', 'both_bad')), -- stored order
    split          boolean          not null, -- no verdict had more votes than every other one
    votes_a        integer          not null,
    votes_b        integer          not null,
    votes_tie      integer          not null,
    votes_both_bad integer          not null,
    agreement      double precision not null, -- the verdict's share of the votes
    mean_strength  double precision,          -- mean signed margin (+ favours a), over judgments that gave one
    criteria       text             not null default '{}', -- JSON object name -> verdict, stored order
    decided_at     timestamptz      not null
);
create index consensus_campaign_idx on consensus (campaign_id, decided_at);

-- ---- gold items: comparisons with a known verdict, leased to any number of raters (each at most once)
alter table comparison drop constraint comparison_state_check;
alter table comparison add constraint comparison_state_check check (state in ('open', 'complete', 'gold'));
create index comparison_gold_idx on comparison (campaign_id, judgments, id) where state = 'gold';

create table gold_item (
    comparison_id uuid        primary key references comparison (id),
    campaign_id   bigint      not null references campaign (id),
    verdict       text        not null check (verdict in ('a', 'b', 'tie', 'both_bad')), -- stored order
    explanation   text        not null, -- shown to a rater after they answered
    created_by    text        not null,
    created_at    timestamptz not null
);
create index gold_item_campaign_idx on gold_item (campaign_id, created_at);

-- the share of leases that are gold items (while the rater has gold items left to see)
alter table campaign add column gold_share numeric(4, 3) not null default 0 check (gold_share between 0 and 0.5);

-- A gold item never completes: it stays leasable by raters who have not seen it.
create or replace function comparison_counts() returns trigger language plpgsql as $$
begin
    if new.state = 'submitted' and (tg_op = 'INSERT' or old.state <> 'submitted') then
        update comparison c set
            live_leases = (select count(*) from assignment a where a.comparison_id = c.id and a.state = 'live'),
            earliest_deadline = (select min(a.deadline) from assignment a where a.comparison_id = c.id and a.state = 'live'),
            judgments = c.judgments + 1,
            state = case when c.state = 'open'
                              and c.judgments + 1 >= (select k.overlap from campaign k where k.id = c.campaign_id)
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

-- ---- a rater in a campaign: how often each stored slot was shown first (so the next lease can balance
-- them), and whether an admin paused the rater here after a review
create table rater_campaign (
    campaign_id   bigint      not null references campaign (id),
    rater         text        not null,
    shown_ab      integer     not null default 0, -- leases that showed completion_lo first
    shown_ba      integer     not null default 0,
    paused_review uuid,        -- the review whose decision paused the rater here
    paused_reason text,
    paused_at     timestamptz,
    primary key (campaign_id, rater)
);

-- Every new assignment counts its shown order here, whichever path made it. The rater's leases in one
-- campaign are serialised by their one live lease, so the next lease reads counts that are up to date.
create function assignment_shown() returns trigger language plpgsql as $$
begin
    insert into rater_campaign as r (campaign_id, rater, shown_ab, shown_ba)
    values (new.campaign_id, new.rater, (new.shown_order = 'ab')::int, (new.shown_order = 'ba')::int)
    on conflict (campaign_id, rater) do update
        set shown_ab = r.shown_ab + excluded.shown_ab, shown_ba = r.shown_ba + excluded.shown_ba;
    return null;
end
$$;

create trigger assignment_shown after insert on assignment
    for each row execute function assignment_shown();

insert into rater_campaign (campaign_id, rater, shown_ab, shown_ba)
select campaign_id, rater, count(*) filter (where shown_order = 'ab'), count(*) filter (where shown_order = 'ba')
from assignment group by campaign_id, rater;

-- ---- reviews: raised by the service when a rater's figures cross a threshold, decided by an admin, seen
-- and answered by the rater. Nothing happens to a rater without a decision with a reason.
create table review (
    id          uuid        primary key,
    campaign_id bigint      not null references campaign (id),
    rater       text        not null,
    reasons     text[]      not null, -- the thresholds crossed: gold_accuracy, consensus_agreement, fast_judgments
    evidence    text        not null, -- JSON: figures with intervals, example items
    state       text        not null default 'open' check (state in ('open', 'decided', 'reversed')),
    decision    text        check (decision in ('no_action', 'message', 'pause')),
    raised_at   timestamptz not null,
    updated_at  timestamptz not null
);
-- at most one open review per rater and campaign: a new threshold crossing adds to it rather than piling up
create unique index review_one_open on review (campaign_id, rater) where state = 'open';
create index review_campaign_idx on review (campaign_id, raised_at);
create index review_rater_idx on review (rater, raised_at);

-- every step of a review, kept: who did what, when, and what they wrote
create table review_event (
    id        bigint generated always as identity primary key,
    review_id uuid        not null references review (id),
    at        timestamptz not null,
    actor     text        not null, -- 'fairwise' when the service raised it, an admin's subject, or the rater
    action    text        not null check (action in ('raised', 'decided', 'replied', 'reversed')),
    decision  text        check (decision in ('no_action', 'message', 'pause')),
    text      text        -- the reason, the message to the rater, or the rater's reply
);
create index review_event_review_idx on review_event (review_id, id);

-- quality figures read a campaign's judgments at once
create index judgment_campaign_idx on judgment (campaign_id);
