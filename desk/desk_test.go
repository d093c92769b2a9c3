package desk_test

import (
	"context"
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// fixture is a store with a customer (email and phone on file for years),
// an agent holding an L0 chat conversation linked to the customer, a
// supervisor, the store's verification service and the desk.
type fixture struct {
	db                *sqldb.DB
	vs                *desk.Verification
	desk              *desk.Desk
	cust              *proofdesk.Customer
	conv              *proofdesk.Conversation
	agent, supervisor *proofdesk.Agent
	agentCtx, supCtx  context.Context
	emailID, phoneID  string
}

func newFixture(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: db, desk: desk.New(db, desk.Config{RevealAlertPerHour: 3})}
	var err error
	if f.vs, err = desk.NewVerification(ctx, db, desk.VerificationConfig{BaseURL: "https://desk.example"}); err != nil {
		t.Fatal(err)
	}
	old := time.Now().AddDate(-2, 0, 0)
	in := proofdesk.CustomerInput{Name: "Jane Doe", ExternalID: "u-1",
		Emails:    []proofdesk.ContactPointInput{{Value: "jane@example.com", AddedAt: &old}},
		Phones:    []proofdesk.ContactPointInput{{Value: "+14155550123", AddedAt: &old}},
		Addresses: []proofdesk.Address{{Line1: "742 Evergreen Terrace", City: "Springfield", PostalCode: "97403", Country: "US"}},
		Payment:   &proofdesk.Payment{Brand: "visa", Last4: "4242"}}
	if f.cust, err = in.Customer(time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, f.cust); err != nil {
		t.Fatal(err)
	}
	f.emailID, f.phoneID = f.cust.ContactPoints[0].ID, f.cust.ContactPoints[1].ID
	agents := sqldb.NewAgentService(db)
	f.agent = &proofdesk.Agent{Email: "ann@desk.example", Name: "Ann Agent", Role: proofdesk.RoleAgent, PasswordHash: "x"}
	f.supervisor = &proofdesk.Agent{Email: "sue@desk.example", Name: "Sue Super", Role: proofdesk.RoleSupervisor, PasswordHash: "x"}
	for _, a := range []*proofdesk.Agent{f.agent, f.supervisor} {
		if err := agents.CreateAgent(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	f.agentCtx = proofdesk.NewContextWithAgent(ctx, f.agent)
	f.supCtx = proofdesk.NewContextWithAgent(ctx, f.supervisor)
	f.conv = f.newConversation(t)
	return f
}

func (f *fixture) newConversation(t *testing.T) *proofdesk.Conversation {
	t.Helper()
	conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: f.cust.ID, AssigneeID: f.agent.ID,
		Requester: proofdesk.Requester{Name: "Jane Doe"}}
	if err := sqldb.NewConversationService(f.db).CreateConversation(f.agentCtx, conv, nil); err != nil {
		t.Fatal(err)
	}
	return conv
}

var (
	linkRe = regexp.MustCompile(`/v/([A-Za-z0-9_-]+)`)
	codeRe = regexp.MustCompile(`code[^0-9]*([0-9]{6})`)
)

// lastSecret reads the newest verification message from the outbox, as
// the customer would receive it, and returns its link token and code.
func (f *fixture) lastSecret(t *testing.T) (token, code string) {
	t.Helper()
	msgs, err := sqldb.NewOutboxService(f.db).FindOutbox(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.Purpose != "verification" {
			continue
		}
		lm, cm := linkRe.FindStringSubmatch(m.Body), codeRe.FindStringSubmatch(m.Body)
		if lm == nil || cm == nil {
			t.Fatalf("verification message without link or code")
		}
		return lm[1], cm[1]
	}
	t.Fatal("no verification message in the outbox")
	return "", ""
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func values(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func ptr[T any](v T) *T { return &v }

func errorsAs(err error, target any) bool { return errors.As(err, target) }

func mustAudit(t *testing.T, db *sqldb.DB) []*proofdesk.AuditEntry {
	t.Helper()
	es, err := sqldb.NewAuditService(db).FindAuditEntries(context.Background(), proofdesk.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return es
}
