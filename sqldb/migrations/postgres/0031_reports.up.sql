-- Reports (sqldb/report.go): every status change of a conversation is a
-- stored event, so resolution times (and, for SLAs, the time spent
-- pending or snoozed) are computed from history, not from the current row.
CREATE TABLE conversation_status_changes (
	conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	status          TEXT NOT NULL,
	at              TEXT NOT NULL
);
CREATE INDEX conversation_status_changes_conv ON conversation_status_changes (conversation_id, at);
CREATE INDEX conversation_status_changes_status_at ON conversation_status_changes (status, at);

-- Date-range scans of the report queries.
CREATE INDEX conversations_created_at ON conversations (created_at);
-- Covering: replies per agent in a range, and a conversation's first reply.
CREATE INDEX messages_author_created ON messages (author_kind, internal, created_at, author_id);
CREATE INDEX messages_conversation_author ON messages (conversation_id, author_kind, internal, created_at);
CREATE INDEX audit_log_action_at ON audit_log (action, at);
