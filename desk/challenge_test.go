package desk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func (f *fixture) level(t *testing.T) proofdesk.Level {
	t.Helper()
	c, err := sqldb.NewConversationService(f.DB).FindConversationByID(context.Background(), f.Conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	return c.EffectiveLevel(f.Clk.Now())
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
		ctx := f.AgentCtx

		info, err := f.VS.IssueChallenge(ctx, f.Conv.ID, f.EmailID)
		if err != nil {
			t.Fatal(err)
		}
		if info.MaskedDestination != "j***@e***.com" || info.Number < 10 || info.Number > 99 || info.Status != proofdesk.ChallengePending {
			t.Fatalf("info = %+v", info)
		}
		token, code := f.LastSecret(t)
		if strings.Contains(strings.ToLower(info.MaskedDestination), "jane") {
			t.Fatal("destination not masked")
		}

		// Opening the page changes nothing.
		page, err := f.VS.ChallengePage(context.Background(), token)
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

		res, err := f.VS.ApproveByToken(context.Background(), token, info.Number)
		if err != nil || !res.OK || res.Level != proofdesk.L1 {
			t.Fatalf("approve: %+v %v", res, err)
		}
		if f.level(t) != proofdesk.L1 {
			t.Fatalf("level after approval = %s, want L1", f.level(t))
		}
		// Single use: neither the link nor the code works again.
		if _, err := f.VS.ApproveByToken(context.Background(), token, info.Number); err == nil {
			t.Fatal("link used twice")
		}
		if _, err := f.VS.CompleteByCode(context.Background(), f.Conv.ID, code); err == nil {
			t.Fatal("code used after the link completed the request")
		}

		// A second factor on a phone gives L2, by code in the widget.
		if _, err := f.VS.IssueChallenge(ctx, f.Conv.ID, f.PhoneID); err != nil {
			t.Fatal(err)
		}
		_, code2 := f.LastSecret(t)
		res, err = f.VS.CompleteByCode(context.Background(), f.Conv.ID, code2)
		if err != nil || res.Level != proofdesk.L2 {
			t.Fatalf("phone code: %+v %v", res, err)
		}

		// The level expires after 15 minutes without activity...
		f.Clk.Add(14 * time.Minute)
		if err := sqldb.NewConversationService(db).CreateMessage(ctx, &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "still here"}); err != nil {
			t.Fatal(err)
		}
		f.Clk.Add(14 * time.Minute)
		if f.level(t) != proofdesk.L2 {
			t.Fatal("activity did not keep the level alive")
		}
		f.Clk.Add(2 * time.Minute)
		if f.level(t) != proofdesk.L0 {
			t.Fatalf("level after 16 idle minutes = %s, want L0", f.level(t))
		}

		// The agent's view of requests never holds a code or a link.
		list, err := f.VS.FindChallenges(ctx, f.Conv.ID)
		if err != nil || len(list) != 2 {
			t.Fatalf("FindChallenges: %d %v", len(list), err)
		}
	})
}

func TestChallengeRefusals(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := f.AgentCtx
		// Inside the cooling-off window.
		_, err := f.VS.IssueChallenge(ctx, f.Conv.ID, f.NewEmailID)
		if proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN || !strings.Contains(proofdesk.ErrorMessage(err), "until") {
			t.Fatalf("cooling-off: %v", err)
		}
		if strings.Contains(proofdesk.ErrorMessage(err), "attacker") {
			t.Fatal("refusal names the contact point")
		}
		// Another customer's contact point, or an address typed in: refused.
		other := mustCustomer(t, db, proofdesk.CustomerInput{Name: "Other", Emails: []proofdesk.ContactPointInput{{Value: "other@example.com"}},
			Phones: []proofdesk.ContactPointInput{{Value: "+14155550999"}}})
		for _, id := range []string{other.ContactPoints[0].ID, "attacker@evil.example", ""} {
			if _, err := f.VS.IssueChallenge(ctx, f.Conv.ID, id); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
				t.Fatalf("contact point %q: %v", id, err)
			}
		}
		// A conversation not linked to a customer.
		unlinked := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail}
		if err := sqldb.NewConversationService(db).CreateConversation(ctx, unlinked, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := f.VS.IssueChallenge(ctx, unlinked.ID, f.EmailID); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("unlinked: %v", err)
		}
		// At most 5 requests per conversation.
		for i := range 5 {
			if _, err := f.VS.IssueChallenge(ctx, f.Conv.ID, f.EmailID); err != nil {
				t.Fatalf("request %d: %v", i+1, err)
			}
		}
		if _, err := f.VS.IssueChallenge(ctx, f.Conv.ID, f.EmailID); proofdesk.ErrorCode(err) != proofdesk.ERATELIMIT {
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
			conv := f.NewConversation(t)
			if _, err := f.VS.IssueChallenge(f.AgentCtx, conv.ID, f.EmailID); err != nil {
				if proofdesk.ErrorCode(err) != proofdesk.ERATELIMIT {
					t.Fatalf("issue: %v", err)
				}
				refusedAt = guesses
				break
			}
			_, code := f.LastSecret(t)
			for i := 0; i < 10; i++ {
				_, err := f.VS.CompleteByCode(context.Background(), conv.ID, wrongCode(code))
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
		f.Clk.Add(61 * time.Minute)
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.NewConversation(t).ID, f.EmailID); err != nil {
			t.Fatalf("after an hour: %v", err)
		}
	})
}

func TestDenyLocksAccount(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID); err != nil {
			t.Fatal(err)
		}
		token, code := f.LastSecret(t)
		if err := f.VS.DenyByToken(context.Background(), token); err != nil {
			t.Fatal(err)
		}
		conv, _ := sqldb.NewConversationService(db).FindConversationByID(context.Background(), f.Conv.ID)
		cust, _ := sqldb.NewCustomerService(db).FindCustomerByID(context.Background(), f.Cust.ID)
		if !conv.Fraud || !cust.SupportLocked || !contains(conv.RiskFlags, proofdesk.RiskOwnerDenied) {
			t.Fatalf("after deny: fraud=%v locked=%v flags=%v", conv.Fraud, cust.SupportLocked, conv.RiskFlags)
		}
		if _, err := f.VS.CompleteByCode(context.Background(), f.Conv.ID, code); err == nil {
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
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.PhoneID); err != nil {
			t.Fatal(err)
		}
		_, code2 := f.LastSecret(t)
		if _, err := f.VS.CompleteByCode(context.Background(), f.Conv.ID, code2); err != nil {
			t.Fatal(err)
		}
		if _, err := desk.New(db, desk.Config{}).Reveal(f.AgentCtx, f.Conv.ID, "addresses", "customer asked", false); proofdesk.ErrorCode(err) != proofdesk.EVERIFICATION {
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
