-- SQLite has one writer, so its audit chain is appended in the writing
-- transaction itself and nothing is ever pending; the view exists so that
-- the counters read the same name on both stores (see the PostgreSQL
-- migration of the same number).
CREATE VIEW audit_events AS
	SELECT seq, at, actor_kind, actor_id, action, subject_kind, subject_id FROM audit_log;
