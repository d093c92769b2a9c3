-- 0009: the customer's name and external_id are sealed like every other
-- PII field; external_id is found through a keyed blind index. The Go half
-- of this migration (sqldb/migrate_0009.go) seals the existing rows, drops
-- the plaintext external_id column, and re-chains the audit log under the
-- HMAC key derived from the master key.
ALTER TABLE customers ADD COLUMN external_id_enc TEXT;
ALTER TABLE customers ADD COLUMN external_id_idx TEXT;
CREATE UNIQUE INDEX customers_external_id_idx ON customers (external_id_idx) WHERE external_id_idx IS NOT NULL;
