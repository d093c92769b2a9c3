package desk_test

import (
	"context"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func TestRemoveSupportLock(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		// Lock the account: the owner says "this wasn't me".
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID); err != nil {
			t.Fatal(err)
		}
		token, _ := f.LastSecret(t)
		if err := f.VS.DenyByToken(context.Background(), token); err != nil {
			t.Fatal(err)
		}
		conv := f.NewConversation(t)
		if err := f.Desk.RemoveSupportLock(f.AgentCtx, conv.ID, "customer called back"); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("agent: %v", err)
		}
		if err := f.Desk.RemoveSupportLock(f.SupCtx, conv.ID, "customer called back"); proofdesk.ErrorCode(err) != proofdesk.EVERIFICATION {
			t.Fatalf("supervisor at L0: %v", err)
		}
		// L2: email and phone.
		for _, cp := range []string{f.EmailID, f.PhoneID} {
			if _, err := f.VS.IssueChallenge(f.SupCtx, conv.ID, cp); err != nil {
				t.Fatal(err)
			}
			_, code := f.LastSecret(t)
			if _, err := f.VS.CompleteByCode(context.Background(), conv.ID, code); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.Desk.RemoveSupportLock(f.SupCtx, conv.ID, "\u200b\u200b\u200b\u200b"); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("an invisible reason: %v, want EINVALID", err)
		}
		if err := f.Desk.RemoveSupportLock(f.SupCtx, conv.ID, ""); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("no reason: %v", err)
		}
		if err := f.Desk.RemoveSupportLock(f.SupCtx, conv.ID, "verified by email and phone, ticket 12"); err != nil {
			t.Fatalf("supervisor at L2: %v", err)
		}
		cust, _ := sqldb.NewCustomerService(db).FindCustomerByID(context.Background(), f.Cust.ID)
		if cust.SupportLocked {
			t.Fatal("still locked")
		}
		if err := f.Desk.RemoveSupportLock(f.SupCtx, conv.ID, "again"); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("unlocking twice: %v", err)
		}
	})
}
