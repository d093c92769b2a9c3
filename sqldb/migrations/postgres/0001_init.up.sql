-- Data keys: one per customer, per conversation, plus the installation's
-- index and system keys. wrapped is sealed by the master key master_key_id.
CREATE TABLE data_keys (
	id            TEXT PRIMARY KEY,
	master_key_id TEXT NOT NULL,
	wrapped       TEXT NOT NULL,
	created_at    TEXT NOT NULL
);
CREATE INDEX data_keys_master ON data_keys (master_key_id);

-- Customers. Every *_enc column is sealed under data_key_id, bound to
-- (table, id, column).
CREATE TABLE customers (
	id             TEXT PRIMARY KEY,
	external_id    TEXT,
	name           TEXT NOT NULL,
	data_key_id    TEXT NOT NULL REFERENCES data_keys (id),
	addresses_enc  TEXT NOT NULL,
	dob_enc        TEXT NOT NULL,
	payment_enc    TEXT NOT NULL,
	attributes_enc TEXT NOT NULL,
	support_locked INTEGER NOT NULL DEFAULT 0,
	created_at     TEXT NOT NULL,
	updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX customers_external_id ON customers (external_id) WHERE external_id IS NOT NULL;

-- Contact points: value sealed under the customer's data key; found by a
-- keyed blind index of the normalised value.
CREATE TABLE contact_points (
	id          TEXT PRIMARY KEY,
	customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	kind        TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
	value_enc   TEXT NOT NULL,
	blind_index TEXT NOT NULL,
	added_at    TEXT NOT NULL,
	position    INTEGER NOT NULL
);
CREATE INDEX contact_points_customer ON contact_points (customer_id);
CREATE INDEX contact_points_lookup ON contact_points (kind, blind_index);

CREATE TABLE agents (
	id            TEXT PRIMARY KEY,
	email         TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL,
	role          TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'agent')),
	password_hash TEXT NOT NULL,
	totp_enc      TEXT NOT NULL,
	totp_enabled  INTEGER NOT NULL DEFAULT 0,
	disabled      INTEGER NOT NULL DEFAULT 0,
	created_at    TEXT NOT NULL
);

CREATE TABLE api_tokens (
	id           TEXT PRIMARY KEY,
	agent_id     TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	name         TEXT NOT NULL,
	hash         TEXT NOT NULL UNIQUE,
	created_at   TEXT NOT NULL,
	last_used_at TEXT
);

CREATE TABLE sessions (
	id_hash    TEXT PRIMARY KEY,
	agent_id   TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	csrf_token TEXT NOT NULL,
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL
);

-- Conversations: the requester's claims and the subject are sealed under
-- the conversation's data key.
CREATE TABLE conversations (
	id                  TEXT PRIMARY KEY,
	channel             TEXT NOT NULL,
	customer_id         TEXT REFERENCES customers (id),
	data_key_id         TEXT NOT NULL REFERENCES data_keys (id),
	requester_enc       TEXT NOT NULL,
	requester_email_idx TEXT,
	requester_phone_idx TEXT,
	subject_enc         TEXT NOT NULL,
	status              TEXT NOT NULL,
	assignee_id         TEXT REFERENCES agents (id),
	team                TEXT NOT NULL DEFAULT '',
	tags                TEXT NOT NULL DEFAULT '[]',
	level               INTEGER NOT NULL DEFAULT 0,
	level_expires_at    TEXT,
	risk_flags          TEXT NOT NULL DEFAULT '[]',
	fraud               INTEGER NOT NULL DEFAULT 0,
	created_at          TEXT NOT NULL,
	updated_at          TEXT NOT NULL,
	last_activity_at    TEXT NOT NULL
);
CREATE INDEX conversations_customer ON conversations (customer_id);
CREATE INDEX conversations_activity ON conversations (last_activity_at);
CREATE INDEX conversations_requester_email ON conversations (requester_email_idx);
CREATE INDEX conversations_requester_phone ON conversations (requester_phone_idx);

CREATE TABLE messages (
	id              TEXT PRIMARY KEY,
	conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	seq             BIGINT NOT NULL,
	author_kind     TEXT NOT NULL,
	author_id       TEXT NOT NULL DEFAULT '',
	body_enc        TEXT NOT NULL,
	internal        INTEGER NOT NULL DEFAULT 0,
	client_id       TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL
);
CREATE UNIQUE INDEX messages_order ON messages (conversation_id, seq);
CREATE UNIQUE INDEX messages_client_id ON messages (conversation_id, client_id) WHERE client_id <> '';

-- The audit chain. Each row carries the hash of the one before it;
-- audit_head records the newest, so removing the tail is detected too.
CREATE TABLE audit_log (
	seq          BIGINT PRIMARY KEY,
	at           TEXT NOT NULL,
	actor_kind   TEXT NOT NULL,
	actor_id     TEXT NOT NULL,
	action       TEXT NOT NULL,
	subject_kind TEXT NOT NULL,
	subject_id   TEXT NOT NULL,
	detail       TEXT NOT NULL,
	prev_hash    TEXT NOT NULL,
	hash         TEXT NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor_id, seq);
CREATE INDEX audit_log_action ON audit_log (action, seq);

CREATE TABLE audit_head (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	seq  BIGINT NOT NULL,
	hash TEXT NOT NULL
);
