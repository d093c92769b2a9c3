package desk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

var fastPasswords = auth.PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

func newAgent(t *testing.T, as *sqldb.AgentService, email, role string) *proofdesk.Agent {
	t.Helper()
	h, err := auth.HashPassword("correct horse battery", fastPasswords)
	if err != nil {
		t.Fatal(err)
	}
	a := &proofdesk.Agent{Email: email, Name: role, Role: role, PasswordHash: h}
	if err := as.CreateAgent(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

// TestAgents_Lifecycle: only admins manage agents; disabling ends the
// agent's sessions and revokes their tokens at once; the last admin can
// be neither disabled, removed nor demoted; a removed agent stays removed;
// each change is audited and the agent told through the outbox.
func TestAgents_Lifecycle(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		as := sqldb.NewAgentService(db)
		ag := desk.NewAgents(db, desk.AgentsConfig{BaseURL: "https://desk.example", PasswordParams: fastPasswords})
		admin := newAgent(t, as, "admin@example.com", proofdesk.RoleAdmin)
		sup := newAgent(t, as, "sup@example.com", proofdesk.RoleSupervisor)
		agent := newAgent(t, as, "agent@example.com", proofdesk.RoleAgent)
		adminCtx := proofdesk.NewContextWithAgent(ctx, admin)
		supCtx := proofdesk.NewContextWithAgent(ctx, sup)

		// A session and a token of the agent.
		_, sessHash := auth.NewSessionID()
		if err := as.CreateSession(ctx, &proofdesk.Session{ID: sessHash, AgentID: agent.ID, CSRFToken: "x", ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		_, tokHash := auth.NewToken()
		if err := as.CreateAPIToken(ctx, &proofdesk.APIToken{AgentID: agent.ID, Name: "t", Hash: tokHash}); err != nil {
			t.Fatal(err)
		}

		if _, err := ag.ChangeAgent(supCtx, agent.ID, proofdesk.AgentDisable, ""); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("supervisor disables: %v, want EFORBIDDEN", err)
		}
		res, err := ag.ChangeAgent(adminCtx, agent.ID, proofdesk.AgentDisable, "")
		if err != nil {
			t.Fatalf("admin disables: %v", err)
		}
		if res.SessionsEnded != 1 || res.TokensRevoked != 1 || !res.Agent.Disabled {
			t.Fatalf("disable: %+v", res)
		}
		if _, err := as.FindSession(ctx, sessHash, time.Now()); proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
			t.Fatalf("session after disable: %v, want EUNAUTHORIZED", err)
		}
		if _, err := as.FindAgentByTokenHash(ctx, tokHash); proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
			t.Fatalf("token after disable: %v, want EUNAUTHORIZED", err)
		}
		if _, err := ag.ChangeAgent(adminCtx, agent.ID, proofdesk.AgentEnable, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := as.FindAgentByTokenHash(ctx, tokHash); proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
			t.Fatalf("token after re-enable: %v, want still revoked", err)
		}

		// The last admin.
		for _, ch := range []string{proofdesk.AgentDisable, proofdesk.AgentRemove, proofdesk.AgentSetRole} {
			_, err := ag.ChangeAgent(adminCtx, admin.ID, ch, proofdesk.RoleAgent)
			if proofdesk.ErrorCode(err) != proofdesk.ECONFLICT || !strings.Contains(proofdesk.ErrorMessage(err), "last active admin") {
				t.Fatalf("last admin %s: %v, want ECONFLICT", ch, err)
			}
		}
		if _, err := ag.ChangeAgent(ctx, admin.ID, proofdesk.AgentDisable, ""); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("CLI disables the last admin: %v, want ECONFLICT", err)
		}
		if _, err := ag.ChangeAgent(adminCtx, sup.ID, proofdesk.AgentSetRole, proofdesk.RoleAdmin); err != nil {
			t.Fatal(err)
		}
		if _, err := ag.ChangeAgent(adminCtx, admin.ID, proofdesk.AgentSetRole, proofdesk.RoleSupervisor); err != nil {
			t.Fatalf("step down with another admin: %v", err)
		}

		// Remove: for good.
		if _, err := ag.ChangeAgent(ctx, agent.ID, proofdesk.AgentRemove, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := ag.ChangeAgent(ctx, agent.ID, proofdesk.AgentEnable, ""); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("enable a removed agent: %v, want ECONFLICT", err)
		}
		if a, _ := as.FindAgentByID(ctx, agent.ID); a.RemovedAt == nil || !a.Disabled {
			t.Fatalf("removed agent %+v", a)
		}

		// Audited, and the agent told.
		entries, err := sqldb.NewAuditService(db).FindAuditEntries(ctx, proofdesk.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		changes := 0
		for _, e := range entries {
			if e.Action == proofdesk.AuditAgentChange {
				changes++
			}
		}
		if changes != 5 {
			t.Fatalf("agent.change entries: %d, want 5", changes)
		}
		msgs, err := sqldb.NewOutboxService(db).FindOutbox(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		told := 0
		for _, m := range msgs {
			if m.To == "agent@example.com" && m.Purpose == "agent_notice" {
				told++
			}
		}
		if told != 3 {
			t.Fatalf("mails to the agent: %d, want 3 (disable, enable, remove)", told)
		}
	})
}

// TestAgents_InviteAndReset: an invitation link sets the password once;
// a reset makes the old password fail and sends a new link.
func TestAgents_InviteAndReset(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		as := sqldb.NewAgentService(db)
		ag := desk.NewAgents(db, desk.AgentsConfig{BaseURL: "https://desk.example", PasswordParams: fastPasswords})
		admin := newAgent(t, as, "admin@example.com", proofdesk.RoleAdmin)
		adminCtx := proofdesk.NewContextWithAgent(ctx, admin)
		if _, err := ag.InviteAgent(adminCtx, "not an email", "N", "agent"); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("bad email: %v", err)
		}
		res, err := ag.InviteAgent(adminCtx, "New@Example.com", "New Agent", proofdesk.RoleAgent)
		if err != nil {
			t.Fatal(err)
		}
		token, ok := strings.CutPrefix(res.Link, "https://desk.example/invite/")
		if !ok {
			t.Fatalf("link %q", res.Link)
		}
		if _, err := ag.InviteAgent(adminCtx, "new@example.com", "Again", proofdesk.RoleAgent); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("invite twice: %v", err)
		}
		if _, err := ag.AcceptInvitation(ctx, token, "short"); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("short password: %v", err)
		}
		a, err := ag.AcceptInvitation(ctx, token, "a long enough password")
		if err != nil {
			t.Fatal(err)
		}
		if ok, _ := auth.VerifyPassword(a.PasswordHash, "a long enough password"); !ok {
			t.Fatal("password not set")
		}
		if _, err := ag.AcceptInvitation(ctx, token, "another long password"); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("link used twice: %v", err)
		}

		r, err := ag.ChangeAgent(adminCtx, a.ID, proofdesk.AgentResetPassword, "")
		if err != nil || r.Link == "" {
			t.Fatalf("reset: %v %+v", err, r)
		}
		after, _ := as.FindAgentByID(ctx, a.ID)
		if ok, _ := auth.VerifyPassword(after.PasswordHash, "a long enough password"); ok {
			t.Fatal("the old password still works after a reset")
		}
		if _, err := ag.FindInvitation(ctx, strings.TrimPrefix(r.Link, "https://desk.example/invite/")); err != nil {
			t.Fatalf("reset link: %v", err)
		}
	})
}
