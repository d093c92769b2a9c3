-- The data keys move to a key store of their own, the file keys.db beside
-- this one, so that a data backup holds no key (sqldb/keystore.go). The
-- Go half (migrate_0049.go) copies them there, drops the foreign keys that
-- name data_keys and drops the table; deleted content is overwritten, not
-- left in free pages.
PRAGMA secure_delete = ON;
