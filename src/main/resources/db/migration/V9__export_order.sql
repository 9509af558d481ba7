-- Exports read a campaign's judgments in pages ordered by (created_at, id), starting after the last row of
-- the previous page (keyset paging), so each page is an index range scan whatever the campaign's size.
create index judgment_campaign_created_idx on judgment (campaign_id, created_at, id);
