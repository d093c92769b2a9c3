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
