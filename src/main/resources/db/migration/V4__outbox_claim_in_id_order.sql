-- The relay claims pending rows in id order, a batch at a time. With only (next_attempt_at, id) indexed,
-- every claim read and sorted the whole backlog (0.5 s a claim at 170,000 pending rows); in id order it
-- reads little more than the batch, skipping rows another relay holds or that wait for a retry.
create index outbox_pending_id_idx on outbox (id) where state = 'pending';
drop index outbox_pending_idx;
