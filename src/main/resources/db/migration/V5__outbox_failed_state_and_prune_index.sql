-- The relay locks the rows it sends (FOR UPDATE SKIP LOCKED) and no longer stamps a claim on them.
alter table outbox drop column claimed_until;

-- A row the broker refused every time it was sent is set aside as 'failed' (with the broker's last answer)
-- until an operator retries it; it is never left pending without end.
alter table outbox drop constraint outbox_state_check;
alter table outbox add constraint outbox_state_check check (state in ('pending', 'sent', 'failed'));
alter table outbox add column last_error text;
create index outbox_failed_idx on outbox (id) where state = 'failed';

-- Pruning deletes the oldest sent rows batch by batch; without this index every batch read all sent rows.
create index outbox_sent_at_idx on outbox (sent_at) where state = 'sent';
