package sqldb_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func TestAPITokens_FindAndRevoke(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		s := sqldb.NewAgentService(db)
		var agents []*proofdesk.Agent
		for _, email := range []string{"a@desk.test", "b@desk.test"} {
			a := &proofdesk.Agent{Email: email, Name: email, Role: proofdesk.RoleAgent, PasswordHash: "x"}
			if err := s.CreateAgent(ctx, a); err != nil {
				t.Fatal(err)
			}
			agents = append(agents, a)
		}
		var toks []*proofdesk.APIToken
		for i, owner := range []int{0, 1, 0} {
			tk := &proofdesk.APIToken{AgentID: agents[owner].ID, Name: "tok" + string(rune('A'+i)), Hash: strings.Repeat(string(rune('a'+i)), 64)}
			if err := s.CreateAPIToken(ctx, tk); err != nil {
				t.Fatal(err)
			}
			toks = append(toks, tk)
		}
		ids := func(ts []*proofdesk.APIToken) []string {
			var out []string
			for _, t := range ts {
				out = append(out, t.ID)
			}
			return out
		}
		all, err := s.FindAPITokens(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{toks[2].ID, toks[1].ID, toks[0].ID}, ids(all)); diff != "" {
			t.Fatalf("all tokens, newest first (-want +got):\n%s", diff)
		}
		if all[2].Name != "tokA" || all[2].AgentID != agents[0].ID || all[2].Hash != toks[0].Hash || all[2].LastUsedAt != nil || all[2].CreatedAt.IsZero() {
			t.Fatalf("token fields: %+v", all[2])
		}
		mine, err := s.FindAPITokens(ctx, agents[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{toks[2].ID, toks[0].ID}, ids(mine)); diff != "" {
			t.Fatalf("agent's tokens (-want +got):\n%s", diff)
		}
		// Use records last use.
		if _, err := s.FindAgentByTokenHash(ctx, toks[0].Hash); err != nil {
			t.Fatal(err)
		}
		if mine, _ = s.FindAPITokens(ctx, agents[0].ID); mine[1].LastUsedAt == nil {
			t.Fatal("last use not recorded")
		}

		// Revoke: the token no longer authenticates, the others still do.
		admin := &proofdesk.Agent{ID: "agt_admin", Role: proofdesk.RoleAdmin}
		actx := proofdesk.NewContextWithAgent(ctx, admin)
		if err := s.RevokeAPIToken(actx, toks[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindAgentByTokenHash(ctx, toks[0].Hash); proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
			t.Fatalf("revoked token: %v", err)
		}
		if _, err := s.FindAgentByTokenHash(ctx, toks[2].Hash); err != nil {
			t.Fatalf("other token: %v", err)
		}
		if all, _ = s.FindAPITokens(ctx, ""); len(all) != 2 {
			t.Fatalf("%d tokens after revoke, want 2", len(all))
		}
		if err := s.RevokeAPIToken(actx, toks[0].ID); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("revoke twice: %v", err)
		}
		es, err := sqldb.NewAuditService(db).FindAuditEntries(ctx, proofdesk.AuditFilter{Action: ptr(proofdesk.AuditTokenRevoke)})
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 1 || es[0].ActorID != admin.ID || es[0].SubjectID != agents[0].ID || es[0].Detail["credential_id"] != toks[0].ID {
			t.Fatalf("audit: %+v", es)
		}
	})
}

// An integration token stands for the system of record: no agent, no
// console login, RoleIntegration; listed, revocable and audited like the
// others.
func TestIntegrationToken(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		agents := sqldb.NewAgentService(db)
		if err := agents.CreateAPIToken(ctx, &proofdesk.APIToken{Kind: proofdesk.TokenIntegration, AgentID: "agt_x", Name: "crm", Hash: auth.HashToken("x")}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("integration token for an agent: %v", err)
		}
		tok, hash := auth.NewToken()
		it := &proofdesk.APIToken{Kind: proofdesk.TokenIntegration, Name: "crm sync", Hash: hash}
		if err := agents.CreateAPIToken(ctx, it); err != nil {
			t.Fatal(err)
		}
		a, err := agents.FindAgentByTokenHash(ctx, auth.HashToken(tok))
		if err != nil {
			t.Fatal(err)
		}
		if a.Role != proofdesk.RoleIntegration || a.ID != it.ID || a.IsSupervisor() || a.IsAdmin() {
			t.Fatalf("integration token authenticates as %+v", a)
		}
		if _, err := agents.FindAgentByID(ctx, it.ID); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("the integration is an agent: %v", err)
		}
		ts, err := agents.FindAPITokens(ctx, "")
		if err != nil || len(ts) != 1 || ts[0].Kind != proofdesk.TokenIntegration || ts[0].AgentID != "" || ts[0].Name != "crm sync" {
			t.Fatalf("tokens = %+v %v", ts, err)
		}
		if err := agents.RevokeAPIToken(ctx, it.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := agents.FindAgentByTokenHash(ctx, hash); proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
			t.Fatalf("revoked integration token: %v", err)
		}
		var created, revoked bool
		for _, e := range mustAudit(t, db) {
			created = created || (e.Action == proofdesk.AuditTokenCreate && e.Detail["credential_id"] == it.ID)
			revoked = revoked || (e.Action == proofdesk.AuditTokenRevoke && e.Detail["credential_id"] == it.ID)
		}
		if !created || !revoked {
			t.Fatalf("audit: created %v revoked %v", created, revoked)
		}
	})
}
