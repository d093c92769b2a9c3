-- Telephony provider calls (Twilio CallSid) and the phone conversation each
-- one opened. conversation_id is NULL while the conversation is being
-- created (a reservation, so that a retried webhook does not open two).
CREATE TABLE phone_calls (
	call_sid        TEXT PRIMARY KEY,
	conversation_id TEXT REFERENCES conversations (id) ON DELETE CASCADE,
	created_at      TEXT NOT NULL
);
CREATE INDEX phone_calls_conversation ON phone_calls (conversation_id);
