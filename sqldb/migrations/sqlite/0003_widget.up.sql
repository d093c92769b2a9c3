-- Chat-widget visitors: a random token held by the browser, stored only as
-- its SHA-256 hash, and the conversations each visitor opened.
CREATE TABLE visitors (
	id           TEXT PRIMARY KEY,
	token_hash   TEXT NOT NULL UNIQUE,
	created_at   TEXT NOT NULL,
	last_seen_at TEXT NOT NULL
);

-- A conversation belongs to at most one visitor.
CREATE TABLE visitor_conversations (
	conversation_id TEXT PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
	visitor_id      TEXT NOT NULL REFERENCES visitors (id) ON DELETE CASCADE,
	created_at      TEXT NOT NULL
);
CREATE INDEX visitor_conversations_visitor ON visitor_conversations (visitor_id, created_at);
