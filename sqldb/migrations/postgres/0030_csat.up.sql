-- Customer satisfaction: one rating per conversation (the latest answer
-- wins), tied to the conversation and to the agent who held it when the
-- customer rated. The comment is the customer's own text, sealed under
-- the conversation's data key like a message body.
CREATE TABLE csat_ratings (
	conversation_id TEXT PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
	customer_id     TEXT,
	agent_id        TEXT,
	team            TEXT NOT NULL DEFAULT '',
	channel         TEXT NOT NULL,
	rating          TEXT NOT NULL CHECK (rating IN ('good', 'okay', 'bad')),
	comment_enc     TEXT NOT NULL DEFAULT '',
	source          TEXT NOT NULL,
	rated_at        TEXT NOT NULL
);
CREATE INDEX csat_ratings_rated_at ON csat_ratings (rated_at);
