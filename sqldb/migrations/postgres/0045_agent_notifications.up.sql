-- Per-agent notification settings: which kinds an agent is told of
-- (assigned, mention, reply, new_chat) and whether also by email. An
-- agent with no row has the defaults: every kind, in the browser only.
CREATE TABLE agent_notification_settings (
	agent_id   TEXT PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
	kinds      TEXT NOT NULL,
	email      INTEGER NOT NULL DEFAULT 0,
	updated_at TEXT NOT NULL
);
