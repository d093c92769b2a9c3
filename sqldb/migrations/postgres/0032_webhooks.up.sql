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

ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('email', 'sms', 'webhook'));
