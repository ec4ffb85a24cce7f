-- The W3C trace context of the transaction that wrote the row, published as the message's traceparent and
-- tracestate headers, so that a consumer continues the trace of the request or message that caused it
-- rather than the relay's. Null when tracing is off or nothing was being traced.
ALTER TABLE outbox_message
    ADD COLUMN traceparent text,
    ADD COLUMN tracestate  text;
