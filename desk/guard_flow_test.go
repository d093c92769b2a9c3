package desk_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func (f *fixture) say(t *testing.T, conv *proofdesk.Conversation, body string) {
	t.Helper()
	if err := sqldb.NewConversationService(f.DB).CreateMessage(context.Background(), &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: body}); err != nil {
		t.Fatal(err)
	}
}

// TestSeedAttackIsBlocked replays the incident at the store: an unverified
// requester quotes a fake address and asks where the order ships; the
// agent's reply with the real address, a confirmation and a denial are
// each blocked, without echoing the value.
func TestSeedAttackIsBlocked(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		f.say(t, f.Conv, "Hi, I moved recently. My address is 10 Fake Street, Springfield 97401. Where is my order shipping to?")
		tests := []struct {
			reply, rule string
		}{
			{"It is going to 742 Evergreen Terrace, Springfield.", "protected_value"},
			{"Your parcel ships to postcode 97403.", "protected_value"},
			{"Yes, that's right, it ships there.", "confirmation"},
			{"No, that's not the address we have on file.", "denial"},
		}
		for _, tt := range tests {
			err := f.reply(f.AgentCtx, f.Conv.ID, tt.reply)
			var pe *proofdesk.Error
			if !errorsAs(err, &pe) || pe.Code != proofdesk.EDISCLOSURE || pe.Details["rule"] != tt.rule {
				t.Fatalf("reply %q: err=%v, want disclosure_blocked rule %s", tt.reply, err, tt.rule)
			}
			if strings.Contains(pe.Message, "Evergreen") || strings.Contains(pe.Message, "97403") {
				t.Fatalf("the block message echoes the value: %q", pe.Message)
			}
		}
		if err := f.reply(f.AgentCtx, f.Conv.ID, "I can't confirm or deny account details until you verify. I've sent a request to the email on file."); err != nil {
			t.Fatalf("safe reply blocked: %v", err)
		}
		note := &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "note: real one is 742 Evergreen Terrace", Internal: true}
		if err := sqldb.NewConversationService(db).CreateMessage(f.AgentCtx, note); err != nil {
			t.Fatalf("internal note blocked: %v", err)
		}
		msgs, _ := sqldb.NewConversationService(db).FindMessages(context.Background(), f.Conv.ID)
		for _, m := range msgs {
			if !m.Internal && strings.Contains(m.Body, "Evergreen") {
				t.Fatal("a blocked reply was stored")
			}
		}
		blocked, _ := sqldb.NewAuditService(db).FindAuditEntries(context.Background(), proofdesk.AuditFilter{Action: ptr(proofdesk.AuditDisclosureBlocked)})
		if len(blocked) != len(tests) {
			t.Fatalf("blocked replies audited: %d, want %d", len(blocked), len(tests))
		}
		conv, _ := sqldb.NewConversationService(db).FindConversationByID(context.Background(), f.Conv.ID)
		if !contains(conv.RiskFlags, proofdesk.SignalIntent) {
			t.Fatalf("flags %v lack intent", conv.RiskFlags)
		}

		// Verified to L1, the same reply passes.
		info, _ := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID)
		token, _ := f.LastSecret(t)
		if _, err := f.VS.ApproveByToken(context.Background(), token, info.Number); err != nil {
			t.Fatal(err)
		}
		if err := f.reply(f.AgentCtx, f.Conv.ID, "It is going to 742 Evergreen Terrace, Springfield."); err != nil {
			t.Fatalf("reply at L1: %v", err)
		}
	})
}

func TestProbingRiskAndBreakGlass(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		// A requester claiming the customer's email on an unlinked
		// conversation is checked against that customer too.
		claimed := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, AssigneeID: f.Agent.ID,
			Requester: proofdesk.Requester{Email: "attacker@evil.example", Phone: "+14155550123"}}
		if err := sqldb.NewConversationService(db).CreateConversation(f.AgentCtx, claimed, nil); err != nil {
			t.Fatal(err)
		}
		if err := f.reply(f.AgentCtx, claimed.ID, "We have you at 742 Evergreen Terrace."); proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
			t.Fatalf("reply to a claimant: %v", err)
		}
		// Probing: quoting a near match of the real address.
		f.say(t, f.Conv, "Is it still 740 Evergreen Terrace? I think that's where you ship.")
		conv, _ := sqldb.NewConversationService(db).FindConversationByID(context.Background(), f.Conv.ID)
		if !contains(conv.RiskFlags, proofdesk.RiskProbing) {
			t.Fatalf("flags %v lack probing", conv.RiskFlags)
		}
		risk, err := sqldb.NewConversationService(db).FindRisk(context.Background(), f.Conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		// probing 3 + intent 1 + a contact point added within 30 days 2.
		if !risk.High || !contains(risk.Signals, proofdesk.SignalProbing) || !contains(risk.Signals, proofdesk.SignalRecentChange) {
			t.Fatalf("risk = %+v, want high with probing and recent change", risk)
		}
		// High risk raises the address requirement to L2: L1 is not enough.
		info, _ := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID)
		token, _ := f.LastSecret(t)
		if _, err := f.VS.ApproveByToken(context.Background(), token, info.Number); err != nil {
			t.Fatal(err)
		}
		err = f.reply(f.AgentCtx, f.Conv.ID, "It ships to 742 Evergreen Terrace.")
		var pe *proofdesk.Error
		if !errorsAs(err, &pe) || pe.Details["required_level"] != "L2" {
			t.Fatalf("high-risk reply at L1: %v", err)
		}
		if _, err := desk.New(db, desk.Config{}).Reveal(f.AgentCtx, f.Conv.ID, "addresses", "customer asked", false); proofdesk.ErrorCode(err) != proofdesk.EVERIFICATION {
			t.Fatalf("high-risk reveal at L1: %v", err)
		}
		if es, _ := sqldb.NewAuditService(db).FindAuditEntries(context.Background(), proofdesk.AuditFilter{Action: ptr(proofdesk.AuditRiskRaised)}); len(es) != 1 {
			t.Fatalf("risk raise audited %d times, want once", len(es))
		}
		// Break glass: an agent may not; a supervisor may, audited and notified.
		bg := &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "It ships to 742 Evergreen Terrace.", BreakGlassReason: "police request"}
		if err := sqldb.NewConversationService(db).CreateMessage(f.AgentCtx, bg); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("agent break glass: %v", err)
		}
		bg.AuthorID = f.Supervisor.ID
		if err := sqldb.NewConversationService(db).CreateMessage(f.SupCtx, bg); err != nil {
			t.Fatalf("supervisor break glass: %v", err)
		}
		conv, _ = sqldb.NewConversationService(db).FindConversationByID(context.Background(), f.Conv.ID)
		if !contains(conv.RiskFlags, proofdesk.RiskBreakGlass) {
			t.Fatalf("flags %v lack break_glass", conv.RiskFlags)
		}
	})
}

var noticeRe = regexp.MustCompile(`/n/([A-Za-z0-9_.-]+)`)

func TestTranscriptAndReport(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		f.Conv.Requester.Email = "attacker@evil.example"
		f.say(t, f.Conv, "My number is +1 415 555 0199 and my email is attacker@evil.example, where does my order go?")
		if err := f.reply(f.AgentCtx, f.Conv.ID, "I can't share that before you verify."); err != nil {
			t.Fatal(err)
		}
		resolved := proofdesk.StatusResolved
		if _, err := sqldb.NewConversationService(db).UpdateConversation(f.AgentCtx, f.Conv.ID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}
		msgs, _ := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 100)
		var transcripts []*proofdesk.OutboxMessage
		for _, m := range msgs {
			if m.Purpose == "transcript" {
				transcripts = append(transcripts, m)
			}
		}
		// The established on-file email, never the requester's claimed
		// address, nor new@attacker.example, on file but still in its
		// cooling-off (desk/notice.go).
		if len(transcripts) != 1 || transcripts[0].To != "jane@example.com" {
			t.Fatalf("transcripts: %d, want 1 (the established on-file email)", len(transcripts))
		}
		var token string
		for _, m := range transcripts {
			if m.To == "attacker@evil.example" {
				t.Fatal("transcript sent to the requester's claimed address")
			}
			if strings.Contains(m.Body, "555 0199") || strings.Contains(m.Body, "attacker@evil.example") {
				t.Fatalf("transcript not masked:\n%s", m.Body)
			}
			if !strings.Contains(m.Body, "where does my order go") {
				t.Fatalf("transcript lacks the conversation:\n%s", m.Body)
			}
			mm := noticeRe.FindStringSubmatch(m.Body)
			if mm == nil {
				t.Fatal("no this-wasn't-me link")
			}
			token = mm[1]
		}
		ns := mustNotices(t, db)
		info, err := ns.NoticeInfo(context.Background(), token)
		if err != nil || info.Reported || info.ConversationID != f.Conv.ID {
			t.Fatalf("NoticeInfo: %+v %v", info, err)
		}
		if err := ns.ReportNotMe(context.Background(), token[:len(token)-2]+"xx"); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("forged token: %v", err)
		}
		if err := ns.ReportNotMe(context.Background(), token); err != nil {
			t.Fatal(err)
		}
		cust, _ := sqldb.NewCustomerService(db).FindCustomerByID(context.Background(), f.Cust.ID)
		conv, _ := sqldb.NewConversationService(db).FindConversationByID(context.Background(), f.Conv.ID)
		if !cust.SupportLocked || !conv.Fraud {
			t.Fatalf("after report: locked=%v fraud=%v", cust.SupportLocked, conv.Fraud)
		}
	})
}

func TestContactChangeNotifiesOldContacts(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		emails := []proofdesk.ContactPointInput{{Value: "fresh@example.net"}}
		integration := proofdesk.NewContextWithAgent(context.Background(), &proofdesk.Agent{ID: "itk_sync", Role: proofdesk.RoleIntegration})
		if _, err := desk.New(db, desk.Config{}).UpdateCustomer(integration, f.Cust.ID, proofdesk.CustomerUpdate{Emails: &emails}); err != nil {
			t.Fatal(err)
		}
		msgs, _ := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 100)
		got := map[string]bool{}
		for _, m := range msgs {
			if m.Purpose == "contact_change" {
				got[m.To] = true
			}
		}
		if !got["jane@example.com"] || !got["+14155550123"] || got["fresh@example.net"] {
			t.Fatalf("contact change notices to %v, want the old email and phone only", got)
		}
	})
}

// TestSplitValueAcrossReplies: a phone number split over the agent's
// consecutive replies is blocked on the reply that completes it; a reply
// that completes nothing passes.
func TestSplitValueAcrossReplies(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		f.say(t, f.Conv, "Which number do you have for me?")
		if err := f.reply(f.AgentCtx, f.Conv.ID, "Let me look. It starts 415 555"); err != nil {
			t.Fatalf("first half blocked: %v", err)
		}
		err := f.reply(f.AgentCtx, f.Conv.ID, "0123.")
		var pe *proofdesk.Error
		if !errorsAs(err, &pe) || pe.Code != proofdesk.EDISCLOSURE || pe.Details["rule"] != "protected_value" || pe.Details["class"] != "phone" {
			t.Fatalf("second half: err=%v, want disclosure_blocked phone", err)
		}
		if err := f.reply(f.AgentCtx, f.Conv.ID, "Sorry, I can't share it before you verify."); err != nil {
			t.Fatalf("safe reply blocked: %v", err)
		}
	})
}

// TestProbeCountsAsOffer: a requester who names the street without a
// number ("the Evergreen one") offers an address: a yes is a confirmation.
func TestProbeCountsAsOffer(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		f.say(t, f.Conv, "is it still going to evergreen?")
		err := f.reply(f.AgentCtx, f.Conv.ID, "Yes, still correct.")
		var pe *proofdesk.Error
		if !errorsAs(err, &pe) || pe.Details["rule"] != "confirmation" {
			t.Fatalf("err=%v, want a confirmation blocked", err)
		}
	})
}

// mustNotices installs the owner notices on db and returns them.
func mustNotices(t *testing.T, db *sqldb.DB) *desk.Notices {
	t.Helper()
	n, err := desk.NewNotices(context.Background(), db, desk.NoticeConfig{BaseURL: "https://desk.example"})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestReplyUnderSupportLock: attack on the lock: once the owner said
// "this wasn't me", a reply on another conversation of the customer that
// an agent verified at L2 discloses no more than a reveal there may show
// (L2 and a supervisor): the agent's reply quoting the address is
// blocked, and the same reply is shown masked to the agent.
func TestReplyUnderSupportLock(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		f.VerifyL2(t, f.Conv)
		const quote = "We have you at 742 Evergreen Terrace."
		if err := f.reply(f.AgentCtx, f.Conv.ID, quote); err != nil {
			t.Fatalf("at L2 before the lock: %v", err)
		}
		other := f.NewConversation(t)
		if _, err := f.VS.IssueChallenge(f.AgentCtx, other.ID, f.EmailID); err != nil {
			t.Fatal(err)
		}
		token, _ := f.LastSecret(t)
		if err := f.VS.DenyByToken(context.Background(), token); err != nil {
			t.Fatal(err)
		}
		err := f.reply(f.AgentCtx, f.Conv.ID, quote)
		if proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
			t.Fatalf("agent's reply quoting the address under the lock: %v, want blocked", err)
		}
		view, err := f.VS.AgentText(f.AgentCtx, f.Conv.ID)
		if err != nil || view == nil {
			t.Fatalf("AgentText: %v", err)
		}
		if got, masked := view(quote); !masked || strings.Contains(got, "Evergreen") {
			t.Fatalf("the earlier quote under the lock reads %q to the agent", got)
		}
	})
}
