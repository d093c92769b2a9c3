-- The Content-ID of an inbound mail's part (RFC 2392), sealed under the
-- conversation's data key like the file name ('' when the part had none),
-- so the console can show a "cid:" image where the mail's text marks it.
ALTER TABLE email_attachments ADD COLUMN content_id_enc TEXT NOT NULL DEFAULT '';

-- An inbound mail's message is found by its client ID (Message-ID and
-- content digest) when a retried mail opened a conversation the first
-- time but failed before it was recorded: the retry is not stored twice.
CREATE INDEX messages_client ON messages (client_id) WHERE client_id <> '';
