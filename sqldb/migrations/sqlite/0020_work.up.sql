-- The work model of the inbox (issue 13 part A): priorities, snooze end
-- times, admin-managed tags and teams, team members, agent availability
-- and capacity, round-robin state, saved views.

-- Priority: low, normal, high or urgent. snoozed_until: when a snoozed
-- conversation comes back to open (the wake-up loop claims due rows).
ALTER TABLE conversations ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal';
ALTER TABLE conversations ADD COLUMN snoozed_until TEXT;
CREATE INDEX conversations_snoozed ON conversations (status, snoozed_until);
CREATE INDEX conversations_team ON conversations (team, status);

-- Tag names an admin manages; conversations.tags holds the names.
CREATE TABLE tags (
	id         TEXT PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL
);

-- Teams; conversations.team holds a team's id ('' for none).
-- auto_assign: new conversations in the team's queue go round robin to
-- the next available member with capacity; last_agent_id is where the
-- round robin stopped.
CREATE TABLE teams (
	id            TEXT PRIMARY KEY,
	name          TEXT NOT NULL UNIQUE,
	auto_assign   INTEGER NOT NULL DEFAULT 0,
	channels      TEXT NOT NULL DEFAULT '[]',
	last_agent_id TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL
);
CREATE TABLE team_members (
	team_id  TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
	agent_id TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	PRIMARY KEY (team_id, agent_id)
);
CREATE INDEX team_members_agent ON team_members (agent_id);

-- Free-text team names of earlier releases become teams.
INSERT INTO teams (id, name, created_at)
	SELECT 'tm_' || lower(hex(randomblob(10))), team, MIN(created_at) FROM conversations WHERE team <> '' GROUP BY team;
UPDATE conversations SET team = (SELECT t.id FROM teams t WHERE t.name = conversations.team) WHERE team <> '';

-- Availability: online, away or offline, set by the agent (away after
-- inactivity: last_seen_at). capacity: open conversations an agent may
-- hold before auto-assignment passes them by; 0 means no limit.
ALTER TABLE agents ADD COLUMN availability TEXT NOT NULL DEFAULT 'offline';
ALTER TABLE agents ADD COLUMN capacity INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agents ADD COLUMN last_seen_at TEXT;

-- Saved views: an agent's named inbox filters (JSON of the filter).
CREATE TABLE saved_views (
	id         TEXT PRIMARY KEY,
	agent_id   TEXT NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
	name       TEXT NOT NULL,
	filter     TEXT NOT NULL,
	created_at TEXT NOT NULL,
	UNIQUE (agent_id, name)
);
