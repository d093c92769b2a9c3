-- Outgoing webhooks: an admin subscribes a URL to event types; each
-- delivery is an outbox row of kind 'webhook' (to: the URL, subject: the
-- event, body: the JSON payload, ref_id: the subscription), so it commits
-- with its event and is retried with the outbox's backoff. The signing
-- secret is derived from the installation's key and the ID, not stored.
CREATE TABLE webhooks (
	id         TEXT PRIMARY KEY,
	url        TEXT NOT NULL,
	events     TEXT NOT NULL,
	allow_http INTEGER NOT NULL DEFAULT 0,
	created_by TEXT NOT NULL,
	created_at TEXT NOT NULL
);

-- SQLite cannot alter a CHECK: the outbox is rebuilt to admit 'webhook'.
CREATE TABLE outbox_new (
	id              TEXT PRIMARY KEY,
	kind            TEXT NOT NULL CHECK (kind IN ('email', 'sms', 'webhook')),
	purpose         TEXT NOT NULL,
	conversation_id TEXT,
	to_enc          TEXT NOT NULL,
	subject_enc     TEXT NOT NULL,
	body_enc        TEXT NOT NULL,
	headers         TEXT NOT NULL DEFAULT '{}',
	status          TEXT NOT NULL,
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at TEXT NOT NULL,
	last_error      TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL,
	sent_at         TEXT,
	lease_until     TEXT,
	claim_id        TEXT NOT NULL DEFAULT '',
	ref_id          TEXT NOT NULL DEFAULT '',
	bounced_at      TEXT
);
INSERT INTO outbox_new (id, kind, purpose, conversation_id, to_enc, subject_enc, body_enc, headers, status, attempts, next_attempt_at,
	last_error, created_at, sent_at, lease_until, claim_id, ref_id, bounced_at)
SELECT id, kind, purpose, conversation_id, to_enc, subject_enc, body_enc, headers, status, attempts, next_attempt_at,
	last_error, created_at, sent_at, lease_until, claim_id, ref_id, bounced_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_ref ON outbox (purpose, ref_id);
