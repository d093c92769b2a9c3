-- Erasure by crypto-shredding (issue 17). erased_at marks a customer and
-- each of their conversations once erased: their old data keys are gone
-- and the rows that stay (for reports and the audit log) hold nothing of
-- the person, re-sealed empty under a new key.
ALTER TABLE customers ADD COLUMN erased_at TEXT;
ALTER TABLE conversations ADD COLUMN erased_at TEXT;

-- An erasure a supervisor asked for without a legal basis waits for the
-- owner's confirmation through an on-file contact point (a signed link
-- naming the request). status: pending, confirmed (and erased),
-- declined (the owner said no), superseded (erased by another request),
-- expired. reason is the supervisor's words, never customer data.
CREATE TABLE erasure_requests (
	id           TEXT PRIMARY KEY,
	customer_id  TEXT NOT NULL REFERENCES customers (id),
	requested_by TEXT NOT NULL,
	reason       TEXT NOT NULL,
	status       TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'declined', 'superseded', 'expired')),
	created_at   TEXT NOT NULL,
	expires_at   TEXT NOT NULL,
	settled_at   TEXT
);
CREATE INDEX erasure_requests_customer ON erasure_requests (customer_id, status);
