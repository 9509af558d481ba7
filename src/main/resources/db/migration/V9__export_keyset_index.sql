-- Exports read a campaign's judgments a page at a time in (created_at, id) order, each page starting after
-- the last row of the one before: with this index every page reads only its own rows, however large the
-- campaign, rather than sorting all of its judgments again.
create index judgment_campaign_created_idx on judgment (campaign_id, created_at, id);
