-- Mail as customers send it (issue 11).

-- Every inbound mail is kept whole: the raw message as received and its
-- full text (quoted history, forwards and attached messages included),
-- both sealed under the conversation's data key. The conversation shows
-- the text without quoted history; these are what "show quoted text" and
-- the API's full text read. content_idx is a keyed blind index of the
-- mail's content, so that only a mail with the same Message-ID AND the
-- same content counts as a duplicate. sender_differs marks a mail whose
-- sender is not the conversation's requester.
ALTER TABLE email_messages ADD COLUMN content_idx TEXT NOT NULL DEFAULT '';
ALTER TABLE email_messages ADD COLUMN raw_enc TEXT NOT NULL DEFAULT '';
ALTER TABLE email_messages ADD COLUMN text_enc TEXT NOT NULL DEFAULT '';
ALTER TABLE email_messages ADD COLUMN sender_differs INTEGER NOT NULL DEFAULT 0;

-- A customer's mail to a conversation resolved longer ago than the reopen
-- window starts a new conversation linked to the old one.
CREATE TABLE conversation_links (
	conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	previous_id     TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
	reason          TEXT NOT NULL,
	created_at      TEXT NOT NULL,
	PRIMARY KEY (conversation_id, previous_id)
);
CREATE INDEX conversation_links_previous ON conversation_links (previous_id);

-- A bounce (DSN) for a sent message, matched through its VERP return
-- path or its Message-ID, marks the row failed after it was sent.
ALTER TABLE outbox ADD COLUMN bounced_at TEXT;
