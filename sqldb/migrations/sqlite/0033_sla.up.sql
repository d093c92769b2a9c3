-- Service levels: business hours per team ('' is the default for teams
-- without their own), one SLA target set per priority (seconds of
-- business time; 0: no target), and each breach recorded once, so it
-- notifies once.
CREATE TABLE sla_business_hours (
	team      TEXT PRIMARY KEY,
	schedule  TEXT NOT NULL,
	time_zone TEXT NOT NULL,
	holidays  TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE sla_targets (
	priority               TEXT PRIMARY KEY,
	first_response_seconds BIGINT NOT NULL DEFAULT 0,
	next_response_seconds  BIGINT NOT NULL DEFAULT 0,
	resolution_seconds     BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE sla_breaches (
	conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	target          TEXT NOT NULL,
	breached_at     TEXT NOT NULL,
	PRIMARY KEY (conversation_id, target)
);
