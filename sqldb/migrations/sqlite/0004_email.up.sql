-- Email in and out (issue 4 §2–3).

-- The Message-IDs of a conversation's mails, inbound and outbound, for
-- threading by In-Reply-To and References. A Message-ID can carry an
-- address, so it is sealed under the conversation's data key and found
-- through a keyed blind index. auth_results is the DKIM/SPF/DMARC outcome
-- of an inbound mail ("dkim=pass spf=none dmarc=pass"), kept for the
-- verification rule; it holds no domains or addresses.
CREATE TABLE email_messages (
	id              TEXT PRIMARY KEY,
	conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	message_id      TEXT NOT NULL DEFAULT '',
	direction       TEXT NOT NULL CHECK (direction IN ('in', 'out')),
	header_id_idx   TEXT NOT NULL,
	header_id_enc   TEXT NOT NULL,
	auth_results    TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL
);
CREATE INDEX email_messages_header ON email_messages (header_id_idx, direction);
CREATE INDEX email_messages_conversation ON email_messages (conversation_id, created_at);

-- Attachments of inbound mail: file name and data sealed under the
-- conversation's data key; the size is bounded by mail.Limits.
CREATE TABLE email_attachments (
	id              TEXT PRIMARY KEY,
	conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	message_id      TEXT NOT NULL,
	filename_enc    TEXT NOT NULL,
	content_type    TEXT NOT NULL,
	size            BIGINT NOT NULL,
	data_enc        TEXT NOT NULL,
	created_at      TEXT NOT NULL
);
CREATE INDEX email_attachments_conversation ON email_attachments (conversation_id, created_at);

-- Delivery leases: a worker claims a row until lease_until; a row whose
-- worker died is claimable again after that. claim_id settles the claim.
-- ref_id names what a row delivers (the message of an agent reply), so a
-- reply is queued once.
ALTER TABLE outbox ADD COLUMN lease_until TEXT;
ALTER TABLE outbox ADD COLUMN claim_id TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN ref_id TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_ref ON outbox (purpose, ref_id);
