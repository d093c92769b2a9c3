-- Agent lifecycle (issue 14): a removed agent stays as a row (conversations,
-- messages and the audit log name it) but is disabled for good and listed
-- apart; removed_at is '' while the agent is not removed.
ALTER TABLE agents ADD COLUMN removed_at TEXT NOT NULL DEFAULT '';

-- Invitation and reset links: the agent sets a password (and a second
-- factor) through /invite/{token}. Only the SHA-256 of the token is kept;
-- a link works once, until expires_at.
CREATE TABLE agent_invitations (
	id_hash    TEXT PRIMARY KEY,
	agent_id   TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	purpose    TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL,
	used_at    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agent_invitations_agent ON agent_invitations (agent_id);
