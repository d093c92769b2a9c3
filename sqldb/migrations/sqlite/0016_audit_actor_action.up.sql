-- Counting an agent's blocked replies and lookups in the last hour
-- (desk: the guard is no oracle) reads audit entries by actor, action and
-- time.
CREATE INDEX audit_log_actor_action_at ON audit_log (actor_id, action, at);

-- Each node re-reads the customers changed since its last look to keep
-- its guard index of every customer current (desk.RefreshIndex).
CREATE INDEX customers_updated_at ON customers (updated_at);
