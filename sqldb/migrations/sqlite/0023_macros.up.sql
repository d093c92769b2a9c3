-- Canned replies and macros (issue 13): a personal macro has its owner's
-- agent ID in owner_id, a shared one ''. The body is the agent's text with
-- {{placeholders}}, no customer data: the values are filled in when the
-- macro is applied, through the masking view. tags is a JSON array.
CREATE TABLE macros (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  set_status TEXT NOT NULL DEFAULT '',
  set_priority TEXT NOT NULL DEFAULT '',
  set_team TEXT NOT NULL DEFAULT '',
  add_tags TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX macros_owner ON macros (owner_id, title);

-- The four replies the console offered built in, now shared macros that
-- supervisors can edit or delete (created by 'system': no agent owns them).
INSERT INTO macros (id, owner_id, created_by, title, body, created_at, updated_at) VALUES
  ('mac_default_greeting', '', 'system', 'Greeting', 'Hi, thanks for getting in touch. I''m looking into this for you now.', '2026-01-01T00:00:00.000000000Z', '2026-01-01T00:00:00.000000000Z'),
  ('mac_default_verify', '', 'system', 'Verification needed', 'Before I can look at account details, I need to confirm it''s you. I''ve sent a request to the contact details we have on file: please open it and choose the number I read out to you.', '2026-01-01T00:00:00.000000000Z', '2026-01-01T00:00:00.000000000Z'),
  ('mac_default_cannot', '', 'system', 'Cannot confirm', 'For your security I can''t confirm or deny any account details until you''re verified.', '2026-01-01T00:00:00.000000000Z', '2026-01-01T00:00:00.000000000Z'),
  ('mac_default_closing', '', 'system', 'Closing', 'Is there anything else I can help you with today? If not, I''ll close this conversation.', '2026-01-01T00:00:00.000000000Z', '2026-01-01T00:00:00.000000000Z');
