-- Installation settings (the policy, generated secrets sealed by the
-- system data key).
CREATE TABLE settings (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	updated_at TEXT NOT NULL
);

-- Verification requests. Only keyed hashes of the code and link token.
CREATE TABLE challenges (
	id               TEXT PRIMARY KEY,
	conversation_id  TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	customer_id      TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	contact_point_id TEXT NOT NULL,
	kind             TEXT NOT NULL,
	code_hash        TEXT NOT NULL,
	token_hash       TEXT NOT NULL UNIQUE,
	number           INTEGER NOT NULL,
	choices          TEXT NOT NULL,
	attempts         INTEGER NOT NULL DEFAULT 0,
	status           TEXT NOT NULL,
	agent_id         TEXT NOT NULL DEFAULT '',
	created_at       TEXT NOT NULL,
	expires_at       TEXT NOT NULL,
	completed_at     TEXT
);
CREATE INDEX challenges_conversation ON challenges (conversation_id, created_at);
CREATE INDEX challenges_customer ON challenges (customer_id, created_at);

-- Wrong codes and picks, counted per customer across requests and channels.
CREATE TABLE verification_failures (
	id           TEXT PRIMARY KEY,
	customer_id  TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	challenge_id TEXT NOT NULL,
	at           TEXT NOT NULL
);
CREATE INDEX verification_failures_customer ON verification_failures (customer_id, at);

-- Possession factors proven on a conversation; the level derives from them.
CREATE TABLE conversation_factors (
	id               TEXT PRIMARY KEY,
	conversation_id  TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	kind             TEXT NOT NULL,
	contact_point_id TEXT NOT NULL DEFAULT '',
	at               TEXT NOT NULL
);
CREATE INDEX conversation_factors_conversation ON conversation_factors (conversation_id);

-- The durable outbox: recipients, subjects and bodies sealed by the
-- system data key.
CREATE TABLE outbox (
	id              TEXT PRIMARY KEY,
	kind            TEXT NOT NULL CHECK (kind IN ('email', 'sms')),
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
	sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- Signed session tokens already used (replay protection), until expiry.
CREATE TABLE used_tokens (
	jti        TEXT PRIMARY KEY,
	expires_at TEXT NOT NULL
);
