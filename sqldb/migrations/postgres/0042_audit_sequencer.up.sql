-- Audit entries are written with the change they record into
-- audit_pending, without any lock; a sequencer (one at a time across
-- nodes, pg_advisory_xact_lock) moves them in batches into the keyed
-- chain of audit_log, as transparency logs do (RFC 9162: entries are
-- accepted at once and merged into the log within a maximum merge
-- delay). Before this, every audited transaction took LOCK TABLE
-- audit_head IN EXCLUSIVE MODE and the chain set the ceiling of writes.
CREATE TABLE audit_pending (
	id           BIGSERIAL PRIMARY KEY,
	at           TEXT NOT NULL,
	actor_kind   TEXT NOT NULL,
	actor_id     TEXT NOT NULL,
	action       TEXT NOT NULL,
	subject_kind TEXT NOT NULL,
	subject_id   TEXT NOT NULL,
	detail       TEXT NOT NULL
);
CREATE INDEX audit_pending_actor_action_at ON audit_pending (actor_id, action, at);
CREATE INDEX audit_pending_subject ON audit_pending (action, subject_kind, subject_id);

-- Every entry, chained or still pending, for the counters that must see
-- the newest events at once (reveals, blocked replies and lookups per
-- agent and hour). Pending entries come after every chained one.
CREATE VIEW audit_events AS
	SELECT seq, at, actor_kind, actor_id, action, subject_kind, subject_id FROM audit_log
	UNION ALL
	SELECT 4611686018427387904 + id, at, actor_kind, actor_id, action, subject_kind, subject_id FROM audit_pending;
