-- The data keys an erasure destroyed that may still be in the SQLite key
-- file (keys.db), which cannot commit with the data file. The erasure
-- writes them here in its own transaction, with the tombstone and its
-- customer.erased entry, so the data file's COMMIT alone decides whether
-- the erasure happened; the keys are deleted from keys.db after that
-- COMMIT, then their rows here. A row a crash left behind is finished at
-- the next open, erasure or retry (sqldb/keystore.go, finishDestructions).
-- PostgreSQL deletes the keys in the data's own transaction and leaves
-- the table empty.
CREATE TABLE key_destructions (
    key_id    TEXT PRIMARY KEY,
    queued_at TEXT NOT NULL
);
