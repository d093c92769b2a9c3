package desk_test

import (
	"context"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// TestTwoPersonSecondIdentity: the second person of the two-person rule
// is not an account an admin made or re-keyed around the clear. An admin
// who clears a hold and then invites a supervisor under an address of
// their own (directly or through another admin account they invited),
// promotes one, or resets a colleague's password and second factor (the
// links come back to the admin), would otherwise erase the customer
// alone through that account. Refused with the rule and alerted, within
// TwoPersonWindow of the clear; an account nobody touched still erases
// (TestEraseTwoPerson), and so does the re-keyed one after the window.
func TestTwoPersonSecondIdentity(t *testing.T) {
	changes := []struct {
		name   string
		second func(t *testing.T, db *sqldb.DB, ag *desk.Agents, adaCtx context.Context, ivy *proofdesk.Agent) *proofdesk.Agent
	}{
		{"invite", func(t *testing.T, _ *sqldb.DB, ag *desk.Agents, adaCtx context.Context, _ *proofdesk.Agent) *proofdesk.Agent {
			res, err := ag.InviteAgent(adaCtx, "ada.alt@desk.example", "Ada Alt", proofdesk.RoleSupervisor)
			if err != nil || res.Link == "" {
				t.Fatalf("invite: %+v, %v", res, err)
			}
			return res.Agent
		}},
		{"reset", func(t *testing.T, _ *sqldb.DB, ag *desk.Agents, adaCtx context.Context, ivy *proofdesk.Agent) *proofdesk.Agent {
			for _, c := range []string{proofdesk.AgentResetPassword, proofdesk.AgentResetTOTP} {
				if _, err := ag.ChangeAgent(adaCtx, ivy.ID, c, ""); err != nil {
					t.Fatalf("%s: %v", c, err)
				}
			}
			return ivy
		}},
		{"chain", func(t *testing.T, _ *sqldb.DB, ag *desk.Agents, adaCtx context.Context, _ *proofdesk.Agent) *proofdesk.Agent {
			// Ada invites another admin, who invites the supervisor.
			res, err := ag.InviteAgent(adaCtx, "ada.admin@desk.example", "Ada Two", proofdesk.RoleAdmin)
			if err != nil {
				t.Fatal(err)
			}
			res, err = ag.InviteAgent(proofdesk.NewContextWithAgent(context.Background(), res.Agent), "ada.sup@desk.example", "Ada Three", proofdesk.RoleSupervisor)
			if err != nil {
				t.Fatal(err)
			}
			return res.Agent
		}},
		{"promote", func(t *testing.T, db *sqldb.DB, ag *desk.Agents, adaCtx context.Context, _ *proofdesk.Agent) *proofdesk.Agent {
			a := &proofdesk.Agent{Email: "al@desk.example", Name: "Al Agent", Role: proofdesk.RoleAgent, PasswordHash: "x"}
			if err := sqldb.NewAgentService(db).CreateAgent(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			if _, err := ag.ChangeAgent(adaCtx, a.ID, proofdesk.AgentSetRole, proofdesk.RoleSupervisor); err != nil {
				t.Fatal(err)
			}
			return a
		}},
	}
	for _, ch := range changes {
		t.Run(ch.name, func(t *testing.T) {
			sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
				f := newFixture(t, db)
				ctx := context.Background()
				as := sqldb.NewAgentService(db)
				ag := desk.NewAgents(db, desk.AgentsConfig{BaseURL: "https://desk.example", PasswordParams: fastPasswords})
				ada := &proofdesk.Agent{Email: "ada@desk.example", Name: "Ada Admin", Role: proofdesk.RoleAdmin, PasswordHash: "x"}
				ivy := &proofdesk.Agent{Email: "ivy@desk.example", Name: "Ivy Other", Role: proofdesk.RoleSupervisor, PasswordHash: "x"}
				for _, a := range []*proofdesk.Agent{ada, ivy} {
					if err := as.CreateAgent(ctx, a); err != nil {
						t.Fatal(err)
					}
				}
				adaCtx := proofdesk.NewContextWithAgent(ctx, ada)
				if _, err := f.Desk.SetLegalHold(f.SupCtx, proofdesk.HoldCustomer, f.Cust.ID, "case 2026-113"); err != nil {
					t.Fatal(err)
				}
				if err := f.Desk.ClearLegalHold(adaCtx, proofdesk.HoldCustomer, f.Cust.ID, "case settled"); err != nil {
					t.Fatal(err)
				}
				f.Clk.Add(time.Hour)
				second := ch.second(t, db, ag, adaCtx, ivy)
				second, err := as.FindAgentByID(ctx, second.ID)
				if err != nil {
					t.Fatal(err)
				}
				basis := "court order 2026-113"
				_, err = f.Desk.RequestErasure(proofdesk.NewContextWithAgent(ctx, second), f.Cust.ID, "the owner asked by phone", basis)
				wantTwoPerson(t, "the account the clearer made or re-keyed erases", err)
				if c, err := sqldb.NewCustomerService(db).FindCustomerByID(ctx, f.Cust.ID); err != nil || c.ErasedAt != nil {
					t.Fatalf("after the refusal: %+v, %v; want Jane untouched", c, err)
				}
				var alerts int
				for _, e := range mustAudit(t, db) {
					if e.Action == proofdesk.AuditAlert && e.Detail["alert"] == "erasure_refused" {
						alerts++
					}
				}
				if alerts != 1 {
					t.Fatalf("%d erasure_refused alerts, want 1", alerts)
				}
				f.Clk.Add(proofdesk.TwoPersonWindow)
				if res, err := f.Desk.RequestErasure(proofdesk.NewContextWithAgent(ctx, second), f.Cust.ID, "the owner asked by phone", basis); err != nil || res.Erasure == nil {
					t.Fatalf("after the window: %+v, %v", res, err)
				}
			})
		})
	}
}
