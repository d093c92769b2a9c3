-- The inbox's pages come from these indexes in order (newest activity
-- first, the ID breaking ties), so a first page costs the same with
-- 1,000 or 100,000 conversations on file instead of a sort of all of them.
CREATE INDEX conversations_status_activity ON conversations (status, last_activity_at, id);
CREATE INDEX conversations_assignee_activity ON conversations (assignee_id, status, last_activity_at, id);
CREATE INDEX conversations_activity_id ON conversations (last_activity_at, id);
