package sqldb_test

import (
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// clock is a settable time source for the store.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

// Now returns the time and moves it on by a microsecond, so that records
// made one after the other sort in order.
func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(time.Microsecond)
	return c.now
}
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// fixture is a store with a customer (email on file for years, phone on
// file for years, one email added today), an agent holding an L0 chat
// conversation linked to the customer, and a supervisor.
type fixture struct {
	db                *sqldb.DB
	clk               *clock
	vs                *desk.Verification
	cust              *proofdesk.Customer
	conv              *proofdesk.Conversation
	agent, supervisor *proofdesk.Agent
	agentCtx, supCtx  context.Context
	emailID, phoneID  string
	newEmailID        string
}

func newFixture(t *testing.T, db *sqldb.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{db: db, clk: &clock{now: time.Now().UTC()}}
	db.Now = f.clk.Now
	var err error
	if f.vs, err = desk.NewVerification(ctx, db, desk.VerificationConfig{BaseURL: "https://desk.example"}); err != nil {
		t.Fatal(err)
	}
	old := f.clk.Now().AddDate(-2, 0, 0)
	in := proofdesk.CustomerInput{Name: "Jane Doe", ExternalID: "u-1",
		Emails:    []proofdesk.ContactPointInput{{Value: "jane@example.com", AddedAt: &old}, {Value: "new@attacker.example"}},
		Phones:    []proofdesk.ContactPointInput{{Value: "+14155550123", AddedAt: &old}},
		Addresses: []proofdesk.Address{{Line1: "742 Evergreen Terrace", City: "Springfield", PostalCode: "97403", Country: "US"}},
		Payment:   &proofdesk.Payment{Brand: "visa", Last4: "4242"}}
	if f.cust, err = in.Customer(f.clk.Now()); err != nil {
		t.Fatal(err)
	}
	if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, f.cust); err != nil {
		t.Fatal(err)
	}
	f.emailID, f.newEmailID, f.phoneID = f.cust.ContactPoints[0].ID, f.cust.ContactPoints[1].ID, f.cust.ContactPoints[2].ID
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

func (f *fixture) level(t *testing.T) proofdesk.Level {
	t.Helper()
	c, err := sqldb.NewConversationService(f.db).FindConversationByID(context.Background(), f.conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	return c.EffectiveLevel(f.clk.Now())
}

func wrongCode(code string) string {
	if code == "000000" {
		return "111111"
	}
	return "000000"
}

func TestChallengeFlow(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := f.agentCtx

		info, err := f.vs.IssueChallenge(ctx, f.conv.ID, f.emailID)
		if err != nil {
			t.Fatal(err)
		}
		if info.MaskedDestination != "j***@e***.com" || info.Number < 10 || info.Number > 99 || info.Status != proofdesk.ChallengePending {
			t.Fatalf("info = %+v", info)
		}
		token, code := f.lastSecret(t)
		if strings.Contains(strings.ToLower(info.MaskedDestination), "jane") {
			t.Fatal("destination not masked")
		}

		// Opening the page changes nothing.
		page, err := f.vs.ChallengePage(context.Background(), token)
		if err != nil {
			t.Fatal(err)
		}
		if page.Channel != "chat" || page.AgentName != "Ann" || page.Status != proofdesk.ChallengePending {
			t.Fatalf("page = %+v", page)
		}
		if f.level(t) != proofdesk.L0 {
			t.Fatal("opening the link raised the level")
		}
		found := false
		for _, c := range page.Choices {
			found = found || c == info.Number
		}
		if !found {
			t.Fatalf("page choices %v lack the agent's number %d", page.Choices, info.Number)
		}

		res, err := f.vs.ApproveByToken(context.Background(), token, info.Number)
		if err != nil || !res.OK || res.Level != proofdesk.L1 {
			t.Fatalf("approve: %+v %v", res, err)
		}
		if f.level(t) != proofdesk.L1 {
			t.Fatalf("level after approval = %s, want L1", f.level(t))
		}
		// Single use: neither the link nor the code works again.
		if _, err := f.vs.ApproveByToken(context.Background(), token, info.Number); err == nil {
			t.Fatal("link used twice")
		}
		if _, err := f.vs.CompleteByCode(context.Background(), f.conv.ID, code); err == nil {
			t.Fatal("code used after the link completed the request")
		}

		// A second factor on a phone gives L2, by code in the widget.
		if _, err := f.vs.IssueChallenge(ctx, f.conv.ID, f.phoneID); err != nil {
			t.Fatal(err)
		}
		_, code2 := f.lastSecret(t)
		res, err = f.vs.CompleteByCode(context.Background(), f.conv.ID, code2)
		if err != nil || res.Level != proofdesk.L2 {
			t.Fatalf("phone code: %+v %v", res, err)
		}

		// The level expires after 15 minutes without activity...
		f.clk.Add(14 * time.Minute)
		if err := sqldb.NewConversationService(db).CreateMessage(ctx, &proofdesk.Message{ConversationID: f.conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "still here"}); err != nil {
			t.Fatal(err)
		}
		f.clk.Add(14 * time.Minute)
		if f.level(t) != proofdesk.L2 {
			t.Fatal("activity did not keep the level alive")
		}
		f.clk.Add(2 * time.Minute)
		if f.level(t) != proofdesk.L0 {
			t.Fatalf("level after 16 idle minutes = %s, want L0", f.level(t))
		}

		// The agent's view of requests never holds a code or a link.
		list, err := f.vs.FindChallenges(ctx, f.conv.ID)
		if err != nil || len(list) != 2 {
			t.Fatalf("FindChallenges: %d %v", len(list), err)
		}
	})
}

func TestChallengeRefusals(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := f.agentCtx
		// Inside the cooling-off window.
		_, err := f.vs.IssueChallenge(ctx, f.conv.ID, f.newEmailID)
		if proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN || !strings.Contains(proofdesk.ErrorMessage(err), "until") {
			t.Fatalf("cooling-off: %v", err)
		}
		if strings.Contains(proofdesk.ErrorMessage(err), "attacker") {
			t.Fatal("refusal names the contact point")
		}
		// Another customer's contact point, or an address typed in: refused.
		other := newCustomer(t, "", "other@example.com", "+14155550999")
		if err := sqldb.NewCustomerService(db).CreateCustomer(context.Background(), other); err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{other.ContactPoints[0].ID, "attacker@evil.example", ""} {
			if _, err := f.vs.IssueChallenge(ctx, f.conv.ID, id); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
				t.Fatalf("contact point %q: %v", id, err)
			}
		}
		// A conversation not linked to a customer.
		unlinked := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail}
		if err := sqldb.NewConversationService(db).CreateConversation(ctx, unlinked, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := f.vs.IssueChallenge(ctx, unlinked.ID, f.emailID); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("unlinked: %v", err)
		}
		// At most 5 requests per conversation.
		for i := range 5 {
			if _, err := f.vs.IssueChallenge(ctx, f.conv.ID, f.emailID); err != nil {
				t.Fatalf("request %d: %v", i+1, err)
			}
		}
		if _, err := f.vs.IssueChallenge(ctx, f.conv.ID, f.emailID); proofdesk.ErrorCode(err) != proofdesk.ERATELIMIT {
			t.Fatalf("6th request: %v", err)
		}
		entries, _ := sqldb.NewAuditService(db).FindAuditEntries(ctx, proofdesk.AuditFilter{Action: ptr(proofdesk.AuditChallengeRefused)})
		if len(entries) < 2 {
			t.Fatalf("refusals audited: %d, want at least 2", len(entries))
		}
	})
}

// TestGuessingIsCapped guesses codes across requests and conversations for
// one customer until refused: at most 5 per request, 10 per customer per
// hour, and new requests are refused once the cap is hit.
func TestGuessingIsCapped(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		guesses, refusedAt := 0, -1
		for round := 0; round < 10 && refusedAt < 0; round++ {
			conv := f.newConversation(t)
			if _, err := f.vs.IssueChallenge(f.agentCtx, conv.ID, f.emailID); err != nil {
				if proofdesk.ErrorCode(err) != proofdesk.ERATELIMIT {
					t.Fatalf("issue: %v", err)
				}
				refusedAt = guesses
				break
			}
			_, code := f.lastSecret(t)
			for i := 0; i < 10; i++ {
				_, err := f.vs.CompleteByCode(context.Background(), conv.ID, wrongCode(code))
				if proofdesk.ErrorCode(err) == proofdesk.ERATELIMIT {
					if i == 4 {
						guesses++
					}
					break
				}
				if proofdesk.ErrorCode(err) != proofdesk.EINVALID {
					t.Fatalf("guess: %v", err)
				}
				guesses++
			}
		}
		if guesses != 10 {
			t.Fatalf("the attacker made %d wrong guesses, want exactly 10 before refusal", guesses)
		}
		// Even the right code is refused while the customer is capped.
		if refusedAt < 0 {
			t.Fatal("new requests were never refused")
		}
		f.clk.Add(61 * time.Minute)
		if _, err := f.vs.IssueChallenge(f.agentCtx, f.newConversation(t).ID, f.emailID); err != nil {
			t.Fatalf("after an hour: %v", err)
		}
	})
}

func TestDenyLocksAccount(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		if _, err := f.vs.IssueChallenge(f.agentCtx, f.conv.ID, f.emailID); err != nil {
			t.Fatal(err)
		}
		token, code := f.lastSecret(t)
		if err := f.vs.DenyByToken(context.Background(), token); err != nil {
			t.Fatal(err)
		}
		conv, _ := sqldb.NewConversationService(db).FindConversationByID(context.Background(), f.conv.ID)
		cust, _ := sqldb.NewCustomerService(db).FindCustomerByID(context.Background(), f.cust.ID)
		if !conv.Fraud || !cust.SupportLocked || !contains(conv.RiskFlags, proofdesk.RiskOwnerDenied) {
			t.Fatalf("after deny: fraud=%v locked=%v flags=%v", conv.Fraud, cust.SupportLocked, conv.RiskFlags)
		}
		if _, err := f.vs.CompleteByCode(context.Background(), f.conv.ID, code); err == nil {
			t.Fatal("denied request still completes by code")
		}
		msgs, _ := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 100)
		alerted := false
		for _, m := range msgs {
			alerted = alerted || (m.Purpose == "alert" && m.To == "sue@desk.example")
		}
		if !alerted {
			t.Fatal("supervisor not alerted")
		}
		// Under the lock even an L1 agent cannot reveal.
		if _, err := f.vs.IssueChallenge(f.agentCtx, f.conv.ID, f.phoneID); err != nil {
			t.Fatal(err)
		}
		_, code2 := f.lastSecret(t)
		if _, err := f.vs.CompleteByCode(context.Background(), f.conv.ID, code2); err != nil {
			t.Fatal(err)
		}
		if _, err := desk.New(db, desk.Config{}).Reveal(f.agentCtx, f.conv.ID, "addresses", "customer asked", false); proofdesk.ErrorCode(err) != proofdesk.EVERIFICATION {
			t.Fatalf("reveal under lock: %v", err)
		}
	})
}

func TestPolicyAndReplay(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		ps := sqldb.NewPolicyService(db)
		p, err := ps.FindPolicy(ctx)
		if err != nil || p.ClassLevel(proofdesk.ClassPayment) != proofdesk.L2 {
			t.Fatalf("default policy: %v", err)
		}
		p.Classes[proofdesk.ClassPayment] = proofdesk.L1
		if err := ps.UpdatePolicy(ctx, p); proofdesk.ErrorCode(err) != proofdesk.EINVALID || !strings.Contains(proofdesk.ErrorMessage(err), "payment") {
			t.Fatalf("below floor: %v", err)
		}
		p = proofdesk.DefaultPolicy()
		p.Classes[proofdesk.ClassDateOfBirth] = proofdesk.L2
		p.Attributes["account_number"] = proofdesk.L2
		if err := ps.UpdatePolicy(ctx, p); err != nil {
			t.Fatal(err)
		}
		got, _ := ps.FindPolicy(ctx)
		if got.ClassLevel(proofdesk.ClassDateOfBirth) != proofdesk.L2 || got.AttributeLevel("account_number") != proofdesk.L2 || got.AttributeLevel("undeclared") != proofdesk.L1 {
			t.Fatalf("stored policy = %+v", got)
		}
		entries, _ := sqldb.NewAuditService(db).FindAuditEntries(ctx, proofdesk.AuditFilter{Action: ptr(proofdesk.AuditPolicyChange)})
		if len(entries) != 1 || !strings.Contains(entries[0].Detail["after"], `"date_of_birth":"L2"`) || !strings.Contains(entries[0].Detail["before"], `"date_of_birth":"L1"`) {
			t.Fatalf("policy audit = %+v", entries)
		}

		rs := sqldb.NewReplayStore(db)
		exp := time.Now().Add(time.Hour)
		if seen, err := rs.Seen(ctx, "jti-1", exp); err != nil || seen {
			t.Fatalf("first use: %v %v", seen, err)
		}
		if seen, err := rs.Seen(ctx, "jti-1", exp); err != nil || !seen {
			t.Fatalf("replay: %v %v", seen, err)
		}
	})
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

func mustAudit(t *testing.T, db *sqldb.DB) []*proofdesk.AuditEntry {
	t.Helper()
	es, err := sqldb.NewAuditService(db).FindAuditEntries(context.Background(), proofdesk.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return es
}
