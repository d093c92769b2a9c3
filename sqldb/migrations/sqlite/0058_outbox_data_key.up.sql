-- The data key that seals an outbox row's recipient, subject and body
-- (issue 17, erasure): the conversation's data key for a row of a
-- conversation (replies, transcripts, alerts, webhook deliveries about
-- it), the customer's for a row about a customer and no conversation
-- (owner notices, export and erasure links). An erasure destroys those
-- keys, so the row cannot be opened again, not even from a data backup
-- taken before. NULL is the system key: rows about no customer (agent
-- notifications, test mails) and rows written before this migration.
ALTER TABLE outbox ADD COLUMN data_key_id TEXT;
