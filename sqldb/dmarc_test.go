package sqldb_test

import (
	"context"
	"slices"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func TestFlagDMARCFail(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		conv, _ := newEmailConversation(t, db, f.Cust.ID, "jane@example.com")
		unlinked, _ := newEmailConversation(t, db, "", "jane@example.com")
		if err := db.FlagDMARCFail(ctx, unlinked.ID, f.EmailID); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("unlinked: err=%v, want EFORBIDDEN", err)
		}
		if err := db.FlagDMARCFail(ctx, conv.ID, f.PhoneID); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("phone contact point: err=%v, want EFORBIDDEN", err)
		}
		if err := db.FlagDMARCFail(ctx, "conv_nope", f.EmailID); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("unknown conversation: err=%v, want ENOTFOUND", err)
		}
		convs := sqldb.NewConversationService(db)
		risk, err := convs.FindRisk(ctx, conv.ID)
		if err != nil || slices.Contains(risk.Signals, proofdesk.SignalDMARCFail) {
			t.Fatalf("before: signals=%v, %v", risk.Signals, err)
		}
		for range 2 {
			if err := db.FlagDMARCFail(ctx, conv.ID, f.EmailID); err != nil {
				t.Fatal(err)
			}
		}
		risk, err = convs.FindRisk(ctx, conv.ID)
		if err != nil || !slices.Contains(risk.Signals, proofdesk.SignalDMARCFail) {
			t.Fatalf("after: signals=%v, %v, want dmarc_fail", risk.Signals, err)
		}
		if risk.Score < proofdesk.RiskWeights[proofdesk.SignalDMARCFail] {
			t.Fatalf("score=%d, want at least the dmarc_fail weight", risk.Score)
		}
	})
}
