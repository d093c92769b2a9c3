-- Full-text search over encrypted subjects and messages (issue 13): for
-- each conversation, the blind tokens (a keyed hash, truncated) of the
-- normalised words of its subject and messages; never the words.
-- search_docs lists the conversations indexed, so that the backfill
-- indexes each older conversation once. No index by conversation: a
-- search goes by token, and the size is the index's cost (BENCHMARKS.md).
CREATE TABLE search_tokens (
  token TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  PRIMARY KEY (token, conversation_id)
);
CREATE TABLE search_docs (
  conversation_id TEXT PRIMARY KEY,
  indexed_at TEXT NOT NULL
);
