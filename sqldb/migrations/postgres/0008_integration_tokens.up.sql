-- API tokens of the business's system of record (role "integration"): they
-- sync customers and belong to no agent, so they can never sign in to the
-- console. Only the SHA-256 hash of a token is stored.
CREATE TABLE integration_tokens (
	id           TEXT PRIMARY KEY,
	name         TEXT NOT NULL,
	hash         TEXT NOT NULL UNIQUE,
	created_at   TEXT NOT NULL,
	last_used_at TEXT
);
