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
//
// It also makes every node (this one included, after the commit) drop the
// data keys an erasure destroyed from its key cache
// (proofdesk.EventKeysDestroyed, sqldb.DB.ForgetKeys), and its cached
// policy when the policy changed (proofdesk.EventPolicyChanged,
// sqldb.DB.ForgetPolicy), until ev closes. A node that misses the event
// (a full buffer, a reconnecting listener) drops them within
// vault.CacheTTL and sqldb.PolicyTTL.
func PublishEvents(db *sqldb.DB, ev proofdesk.EventService) {
	db.OnCommitted(func(ctx context.Context, changes []proofdesk.Event) {
		for _, e := range changes {
			ev.PublishEvent(ctx, e)
		}
	})
	sub, err := ev.Subscribe(context.Background(), "")
	if err != nil {
		return // a closed service delivers nothing to forget either
	}
	go func() {
		for e := range sub.C() {
			switch e.Type {
			case proofdesk.EventKeysDestroyed:
				db.ForgetKeys(e.KeyIDs...)
			case proofdesk.EventPolicyChanged:
				db.ForgetPolicy()
			}
		}
	}()
}
