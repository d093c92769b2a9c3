package sqldb_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func TestConversations(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		cs := sqldb.NewConversationService(db)
		cust := newCustomer(t, "ext-conv", "a@example.com", "+14155550100")
		if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, cust); err != nil {
			t.Fatal(err)
		}
		agent := &proofdesk.Agent{Email: "agent@desk.example", Name: "Ann", Role: proofdesk.RoleAgent, PasswordHash: "x"}
		if err := sqldb.NewAgentService(db).CreateAgent(ctx, agent); err != nil {
			t.Fatal(err)
		}

		if err := cs.CreateConversation(ctx, &proofdesk.Conversation{Channel: "fax"}, nil); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("unknown channel: %v", err)
		}
		if err := cs.CreateConversation(ctx, &proofdesk.Conversation{Channel: "chat", CustomerID: "cus_nope"}, nil); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("unknown customer: %v", err)
		}
		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: cust.ID, Subject: "Where is my order?",
			Requester: proofdesk.Requester{Name: "Jane", Email: "a@example.com"}, Level: proofdesk.L2}
		if err := cs.CreateConversation(ctx, conv, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "hello"}); err != nil {
			t.Fatal(err)
		}
		got, err := cs.FindConversationByID(ctx, conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Level != proofdesk.L0 {
			t.Fatalf("new conversation at %s: claims must never set a level", got.Level)
		}
		if got.Subject != "Where is my order?" || got.Requester.Email != "a@example.com" || got.CustomerID != cust.ID {
			t.Fatalf("round trip: %+v", got)
		}

		// Messages: idempotent by client ID, ordered.
		m1 := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "are you there?", ClientID: "c-1"}
		if err := cs.CreateMessage(ctx, m1); err != nil {
			t.Fatal(err)
		}
		again := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "are you there?", ClientID: "c-1"}
		if err := cs.CreateMessage(ctx, again); err != nil {
			t.Fatal(err)
		}
		if again.ID != m1.ID {
			t.Fatalf("resend stored a second message %s, want %s", again.ID, m1.ID)
		}
		note := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: agent.ID, Body: "checking", Internal: true}
		if err := cs.CreateMessage(ctx, note); err != nil {
			t.Fatal(err)
		}
		if err := cs.CreateMessage(ctx, &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, Body: "  "}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("empty body: %v", err)
		}
		msgs, err := cs.FindMessages(ctx, conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		var bodies []string
		for _, m := range msgs {
			bodies = append(bodies, m.Body)
		}
		if len(msgs) != 3 || bodies[0] != "hello" || bodies[1] != "are you there?" || !msgs[2].Internal {
			t.Fatalf("messages = %q", bodies)
		}

		// Update: assign, tag; linking another customer drops the level.
		other := newCustomer(t, "", "b@example.com", "+14155550101")
		if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, other); err != nil {
			t.Fatal(err)
		}
		vs, err := desk.NewVerification(ctx, db, desk.VerificationConfig{})
		if err != nil {
			t.Fatal(err)
		}
		if linked, err := vs.LinkSession(ctx, conv.ID, "ext-conv", time.Now()); err != nil || linked.EffectiveLevel(time.Now()) != proofdesk.L1 {
			t.Fatalf("LinkSession: %v", err)
		}
		// Relinking a linked conversation takes a supervisor.
		supCtx := proofdesk.NewContextWithAgent(ctx, &proofdesk.Agent{ID: "agt_sup", Role: proofdesk.RoleSupervisor})
		dk := desk.New(db, desk.Config{})
		upd, err := dk.UpdateConversation(supCtx, conv.ID, proofdesk.ConversationUpdate{AssigneeID: &agent.ID, Tags: ptr([]string{"VIP", "vip", " billing "}), CustomerID: &other.ID})
		if err != nil {
			t.Fatal(err)
		}
		if upd.Level != proofdesk.L0 || upd.LevelExpiresAt != nil || upd.AssigneeID != agent.ID || len(upd.Tags) != 2 {
			t.Fatalf("after update: level %s assignee %q tags %q", upd.Level, upd.AssigneeID, upd.Tags)
		}
		if _, err := dk.UpdateConversation(supCtx, conv.ID, proofdesk.ConversationUpdate{AssigneeID: ptr("agt_nobody")}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("unknown assignee: %v", err)
		}
		list, n, err := cs.FindConversations(ctx, proofdesk.ConversationFilter{AssigneeID: &agent.ID})
		if err != nil || n != 1 || list[0].ID != conv.ID {
			t.Fatalf("FindConversations by assignee: %d %v", n, err)
		}
	})
}

func TestAgentsTokensSessions(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		s := sqldb.NewAgentService(db)
		a := &proofdesk.Agent{Email: "Boss@Desk.example", Name: "Boss", Role: proofdesk.RoleAdmin, PasswordHash: "$argon2id$x", TOTPSecret: "JBSWY3DPEHPK3PXP"}
		if err := s.CreateAgent(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateAgent(ctx, &proofdesk.Agent{Email: "boss@desk.example", Name: "B2", Role: proofdesk.RoleAgent, PasswordHash: "x"}); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("duplicate email: %v", err)
		}
		if err := s.CreateAgent(ctx, &proofdesk.Agent{Email: "c@desk.example", Name: "C", Role: "god", PasswordHash: "x"}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("bad role: %v", err)
		}
		got, err := s.FindAgentByEmail(ctx, "BOSS@desk.example")
		if err != nil || got.ID != a.ID || got.TOTPSecret != "JBSWY3DPEHPK3PXP" {
			t.Fatalf("FindAgentByEmail: %+v %v", got, err)
		}
		hash := "5f2b7a3c9d1e4f6a8b0c2d4e6f8a0b1c3d5e7f9a1b3c5d7e9f0a2b4c6d8e0f1a"
		if err := s.CreateAPIToken(ctx, &proofdesk.APIToken{AgentID: a.ID, Name: "ci", Hash: hash}); err != nil {
			t.Fatal(err)
		}
		if who, err := s.FindAgentByTokenHash(ctx, hash); err != nil || who.ID != a.ID {
			t.Fatalf("token lookup: %v", err)
		}
		if _, err := s.FindAgentByTokenHash(ctx, "00"+hash[2:]); proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
			t.Fatalf("bad token: %v", err)
		}
		if _, err := s.UpdateAgent(ctx, a.ID, proofdesk.AgentUpdate{Disabled: ptr(true)}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindAgentByTokenHash(ctx, hash); proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
			t.Fatalf("token of disabled agent: %v", err)
		}

		now := time.Now().UTC()
		sess := &proofdesk.Session{ID: "sesshash", AgentID: a.ID, CSRFToken: "csrf", ExpiresAt: now.Add(time.Hour)}
		if err := s.CreateSession(ctx, sess); err != nil {
			t.Fatal(err)
		}
		if got, err := s.FindSession(ctx, "sesshash", now); err != nil || got.AgentID != a.ID {
			t.Fatalf("FindSession: %v", err)
		}
		if _, err := s.FindSession(ctx, "sesshash", now.Add(2*time.Hour)); proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
			t.Fatalf("expired session: %v", err)
		}
		if err := s.DeleteSession(ctx, "sesshash"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindSession(ctx, "sesshash", now); proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
			t.Fatalf("deleted session: %v", err)
		}
		if err := s.RecordLogin(ctx, "", false, "unknown account"); err != nil {
			t.Fatal(err)
		}
		entries, _ := sqldb.NewAuditService(db).FindAuditEntries(ctx, proofdesk.AuditFilter{Action: ptr(proofdesk.AuditLoginFailed)})
		if len(entries) != 1 {
			t.Fatalf("login failure audit entries: %d", len(entries))
		}
	})
}
