-- The data keys move to a schema of their own (proofdesk_keys, or
-- <schema>_keys when the DSN's search_path names one), so that a dump of
-- the data schema holds no key (sqldb/keystore.go). The Go half
-- (migrate_0049.go) creates it, which needs the schema's name, moves the
-- keys and drops data_keys with the foreign keys that name it.
SELECT 1;
