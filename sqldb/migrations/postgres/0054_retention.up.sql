-- Retention (issue 17 §3). removed_at marks a message whose body and
-- attachments the retention policy removed (body_enc is '' then): the
-- message row stays, so the conversation keeps its shape and the view
-- says what was removed and when.
ALTER TABLE messages ADD COLUMN removed_at TEXT;

-- The retention schedule, one row: when the next scheduled run is due,
-- and the lease of the run in progress (one at a time across nodes: a
-- node claims the row with a conditional UPDATE; a lease cut off by a
-- crash runs out). The rules themselves are the setting "retention".
CREATE TABLE retention_schedule (
	id          INTEGER PRIMARY KEY CHECK (id = 1),
	next_run_at TEXT NOT NULL,
	lease_until TEXT,
	claim_id    TEXT NOT NULL DEFAULT '',
	last_run_at TEXT
);
INSERT INTO retention_schedule (id, next_run_at) VALUES (1, '1970-01-01T00:00:00.000000000Z');
