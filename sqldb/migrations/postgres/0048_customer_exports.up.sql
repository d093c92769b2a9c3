-- Exports of a customer's data (the right of access): the zip is sealed
-- under the customer's own data key (erasing the customer destroys it
-- too) until the owner downloads it once from the emailed link; download
-- or expiry empties archive_enc, and the row stays for the audit.
CREATE TABLE customer_exports (
	id              TEXT PRIMARY KEY,
	customer_id     TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	conversation_id TEXT NOT NULL DEFAULT '',
	requested_by    TEXT NOT NULL,
	status          TEXT NOT NULL CHECK (status IN ('ready', 'downloaded', 'expired')),
	size            BIGINT NOT NULL DEFAULT 0,
	archive_enc     TEXT NOT NULL DEFAULT '',
	created_at      TEXT NOT NULL,
	expires_at      TEXT NOT NULL,
	finished_at     TEXT
);
CREATE INDEX customer_exports_customer ON customer_exports (customer_id);
CREATE INDEX customer_exports_ready ON customer_exports (status, expires_at);
