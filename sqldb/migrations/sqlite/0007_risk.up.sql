-- Data classes the requester offered in the conversation (for the
-- confirmation/denial rule of the disclosure guard).
ALTER TABLE conversations ADD COLUMN offered TEXT NOT NULL DEFAULT '[]';
