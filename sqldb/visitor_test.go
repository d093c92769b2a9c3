package sqldb_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func visitorHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

func TestVisitors(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		vs := sqldb.NewVisitorService(db)
		cs := sqldb.NewConversationService(db)

		alice, err := vs.CreateVisitor(ctx, visitorHash("alice-token"))
		if err != nil {
			t.Fatal(err)
		}
		bob, err := vs.CreateVisitor(ctx, visitorHash("bob-token"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := vs.CreateVisitor(ctx, visitorHash("alice-token")); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("same hash twice: code=%q, want %q", proofdesk.ErrorCode(err), proofdesk.ECONFLICT)
		}
		if _, err := vs.CreateVisitor(ctx, "short"); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("bad hash: code=%q, want %q", proofdesk.ErrorCode(err), proofdesk.EINVALID)
		}

		got, err := vs.FindVisitorByTokenHash(ctx, visitorHash("alice-token"))
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != alice.ID || !got.CreatedAt.Equal(alice.CreatedAt) {
			t.Fatalf("FindVisitorByTokenHash=%+v, want %+v", got, alice)
		}
		if _, err := vs.FindVisitorByTokenHash(ctx, visitorHash("nobody")); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("unknown token: code=%q, want %q", proofdesk.ErrorCode(err), proofdesk.ENOTFOUND)
		}

		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat}
		if err := cs.CreateConversation(ctx, conv, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "hi"}); err != nil {
			t.Fatal(err)
		}
		if err := vs.BindConversation(ctx, alice.ID, conv.ID); err != nil {
			t.Fatal(err)
		}
		if err := vs.BindConversation(ctx, alice.ID, conv.ID); err != nil {
			t.Fatalf("rebinding to the owner: %v", err)
		}
		if err := vs.BindConversation(ctx, bob.ID, conv.ID); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("binding another's conversation: code=%q, want %q", proofdesk.ErrorCode(err), proofdesk.ECONFLICT)
		}
		if err := vs.BindConversation(ctx, bob.ID, "cnv_nope"); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("unknown conversation: code=%q, want %q", proofdesk.ErrorCode(err), proofdesk.ENOTFOUND)
		}
		if err := vs.BindConversation(ctx, "vis_nope", conv.ID); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("unknown visitor: code=%q, want %q", proofdesk.ErrorCode(err), proofdesk.ENOTFOUND)
		}

		tests := []struct {
			name      string
			visitorID string
			convID    string
			want      bool
		}{
			{"owner", alice.ID, conv.ID, true},
			{"other visitor", bob.ID, conv.ID, false},
			{"unknown visitor", "vis_nope", conv.ID, false},
			{"unknown conversation", alice.ID, "cnv_nope", false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := vs.VisitorOwnsConversation(ctx, tt.visitorID, tt.convID)
				if err != nil {
					t.Fatal(err)
				}
				if got != tt.want {
					t.Fatalf("VisitorOwnsConversation=%v, want %v", got, tt.want)
				}
			})
		}

		ids, err := vs.FindVisitorConversations(ctx, alice.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{conv.ID}, ids); diff != "" {
			t.Fatalf("alice's conversations (-want +got):\n%s", diff)
		}
		if ids, err := vs.FindVisitorConversations(ctx, bob.ID); err != nil || len(ids) != 0 {
			t.Fatalf("bob's conversations=%v, %v; want none", ids, err)
		}
	})
}
