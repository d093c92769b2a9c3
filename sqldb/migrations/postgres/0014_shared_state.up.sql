-- State that every node sharing one database must see (issue 16): login
-- throttling, TOTP replay memory, rate limits and what each agent has read.

-- Failed sign-ins per account and per client address. key is a keyed hash
-- (never the email or the address itself). Failures are counted in a
-- window that starts at the first failure; reaching the limit locks the key
-- out until locked_until, each further lockout twice as long.
CREATE TABLE login_throttle (
	key          TEXT PRIMARY KEY,
	failures     INTEGER NOT NULL,
	window_start TEXT NOT NULL,
	locked_until TEXT NOT NULL DEFAULT '',
	lockouts     INTEGER NOT NULL DEFAULT 0,
	last_seen    TEXT NOT NULL
);

-- The last TOTP time step accepted for each agent (RFC 6238 §5.2): a code
-- of that step or an earlier one is refused on every node.
CREATE TABLE totp_steps (
	agent_id  TEXT PRIMARY KEY REFERENCES agents (id) ON DELETE CASCADE,
	last_step BIGINT NOT NULL
);

-- Fixed-window rate counters: n events for key in the window starting at
-- window_start (Unix seconds). key is a keyed hash.
CREATE TABLE rate_counters (
	key          TEXT NOT NULL,
	window_start BIGINT NOT NULL,
	n            INTEGER NOT NULL,
	PRIMARY KEY (key, window_start)
);

-- When each agent last opened each conversation (console unread marks).
CREATE TABLE conversation_reads (
	agent_id        TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	seen_at         TEXT NOT NULL,
	PRIMARY KEY (agent_id, conversation_id)
);

-- Wake the outbox workers of every node when a row is queued (the
-- notification is delivered when the transaction commits); they still poll
-- slowly as a safety net.
CREATE FUNCTION proofdesk_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('proofdesk_outbox', '');
	RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
	FOR EACH STATEMENT EXECUTE FUNCTION proofdesk_outbox_notify();
