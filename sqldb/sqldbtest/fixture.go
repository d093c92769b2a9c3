package sqldbtest

import (
	"context"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// Fixture is the one fixture of the store's and the use cases' tests: a
// store on a settable clock with a customer (an email and a phone on file
// for two years, one email added today, an address and a card), an agent
// holding an L0 chat conversation linked to the customer, a supervisor,
// the verification use case and the desk (RevealAlertPerHour 3).
type Fixture struct {
	DB                *sqldb.DB
	Clk               *Clock
	VS                *desk.Verification
	Desk              *desk.Desk
	Cust              *proofdesk.Customer
	Conv              *proofdesk.Conversation
	Agent, Supervisor *proofdesk.Agent
	AgentCtx, SupCtx  context.Context
	EmailID, PhoneID  string
	NewEmailID        string
}

// Clock is a settable time source for the store.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// Now returns the time and moves it on by a microsecond, so that records
// made one after the other sort in order.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Microsecond)
	return c.now
}

// Add moves the clock on by d.
func (c *Clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// Set sets the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// NewFixture builds the fixture over db.
func NewFixture(t *testing.T, db *sqldb.DB) *Fixture {
	t.Helper()
	ctx := context.Background()
	f := &Fixture{DB: db, Clk: &Clock{now: time.Now().UTC()}}
	db.SetNow(f.Clk.Now)
	f.Desk = desk.New(db, desk.Config{RevealAlertPerHour: 3})
	var err error
	if f.VS, err = desk.NewVerification(ctx, db, desk.VerificationConfig{BaseURL: "https://desk.example"}); err != nil {
		t.Fatal(err)
	}
	old := f.Clk.Now().AddDate(-2, 0, 0)
	in := proofdesk.CustomerInput{Name: "Jane Doe", ExternalID: "u-1",
		Emails:    []proofdesk.ContactPointInput{{Value: "jane@example.com", AddedAt: &old}, {Value: "new@attacker.example"}},
		Phones:    []proofdesk.ContactPointInput{{Value: "+14155550123", AddedAt: &old}},
		Addresses: []proofdesk.Address{{Line1: "742 Evergreen Terrace", City: "Springfield", PostalCode: "97403", Country: "US"}},
		Payment:   &proofdesk.Payment{Brand: "visa", Last4: "4242"}}
	if f.Cust, err = in.Customer(f.Clk.Now()); err != nil {
		t.Fatal(err)
	}
	if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, f.Cust); err != nil {
		t.Fatal(err)
	}
	f.EmailID, f.NewEmailID, f.PhoneID = f.Cust.ContactPoints[0].ID, f.Cust.ContactPoints[1].ID, f.Cust.ContactPoints[2].ID
	agents := sqldb.NewAgentService(db)
	f.Agent = &proofdesk.Agent{Email: "ann@desk.example", Name: "Ann Agent", Role: proofdesk.RoleAgent, PasswordHash: "x"}
	f.Supervisor = &proofdesk.Agent{Email: "sue@desk.example", Name: "Sue Super", Role: proofdesk.RoleSupervisor, PasswordHash: "x"}
	for _, a := range []*proofdesk.Agent{f.Agent, f.Supervisor} {
		if err := agents.CreateAgent(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	f.AgentCtx = proofdesk.NewContextWithAgent(ctx, f.Agent)
	f.SupCtx = proofdesk.NewContextWithAgent(ctx, f.Supervisor)
	f.Conv = f.NewConversation(t)
	return f
}

// NewConversation returns a new L0 chat conversation linked to the
// customer and held by the agent.
func (f *Fixture) NewConversation(t *testing.T) *proofdesk.Conversation {
	t.Helper()
	conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: f.Cust.ID, AssigneeID: f.Agent.ID,
		Requester: proofdesk.Requester{Name: "Jane Doe"}}
	if err := sqldb.NewConversationService(f.DB).CreateConversation(f.AgentCtx, conv, nil); err != nil {
		t.Fatal(err)
	}
	return conv
}

var (
	linkRe = regexp.MustCompile(`/v/([A-Za-z0-9_-]+)`)
	codeRe = regexp.MustCompile(`code[^0-9]*([0-9]{6})`)
)

// LastSecret reads the newest verification message from the outbox, as
// the customer would receive it, and returns its link token and code.
func (f *Fixture) LastSecret(t *testing.T) (token, code string) {
	t.Helper()
	msgs, err := sqldb.NewOutboxService(f.DB).FindOutbox(context.Background(), 100)
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

// VerifyL1 completes a request on the customer's old email.
func (f *Fixture) VerifyL1(t *testing.T, conv *proofdesk.Conversation) {
	t.Helper()
	f.verify(t, conv, f.EmailID)
}

// VerifyL2 completes requests on the customer's old email and phone.
func (f *Fixture) VerifyL2(t *testing.T, conv *proofdesk.Conversation) {
	t.Helper()
	f.verify(t, conv, f.EmailID, f.PhoneID)
}

func (f *Fixture) verify(t *testing.T, conv *proofdesk.Conversation, cps ...string) {
	t.Helper()
	for _, cp := range cps {
		if _, err := f.VS.IssueChallenge(f.AgentCtx, conv.ID, cp); err != nil {
			t.Fatal(err)
		}
		_, code := f.LastSecret(t)
		if _, err := f.VS.CompleteByCode(context.Background(), conv.ID, code); err != nil {
			t.Fatal(err)
		}
	}
}

// NewClock returns a clock set to t.
func NewClock(t time.Time) *Clock { return &Clock{now: t} }
