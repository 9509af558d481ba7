-- The W3C trace context of the request that queued the row (null when tracing is off): the relay's send
-- span continues that trace and the record carries it on as a traceparent header.
alter table outbox add column traceparent text;
