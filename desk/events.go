package desk

import (
	"context"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// PublishEvents makes every committed change of conversations, messages,
// levels and verification requests a live event on ev (IDs and states
// only, never text), whichever use case, channel or handler made it: each
// transaction records what it changed (sqldb.Tx.Changed: the store's own
// writes and the desk's use cases alike), the store reports it after the
// commit (sqldb.DB.OnCommitted) and never on a rollback, and the desk
// publishes it here. ev may be a pgnotify service, which carries the
// events to every node. Call it once, before serving.
func PublishEvents(db *sqldb.DB, ev proofdesk.EventService) {
	db.OnCommitted(func(ctx context.Context, changes []proofdesk.Event) {
		for _, e := range changes {
			ev.PublishEvent(ctx, e)
		}
	})
}
