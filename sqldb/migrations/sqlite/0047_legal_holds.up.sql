-- Legal holds (issue 17): a supervisor keeps a customer's or a
-- conversation's data as it is, for litigation or an investigation.
-- While a row stands, erasure is refused and retention skips what it
-- covers. reason is the supervisor's words (a case reference, no
-- customer data); set_by is the agent. Clearing deletes the row; the
-- audit log keeps both events.
CREATE TABLE legal_holds (
	subject_kind TEXT NOT NULL CHECK (subject_kind IN ('customer', 'conversation')),
	subject_id   TEXT NOT NULL,
	reason       TEXT NOT NULL,
	set_by       TEXT NOT NULL,
	set_at       TEXT NOT NULL,
	PRIMARY KEY (subject_kind, subject_id)
);
