package desk_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

var eraseLinkRe = regexp.MustCompile(`/erase/([A-Za-z0-9_.-]+)`)

// erasureLinks returns the erasure links in the outbox, by recipient.
func erasureLinks(t *testing.T, db *sqldb.DB) map[string]string {
	t.Helper()
	msgs, err := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 200)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, m := range msgs {
		if m.Purpose != "erasure_confirm" {
			continue
		}
		lm := eraseLinkRe.FindStringSubmatch(m.Body)
		if lm == nil {
			t.Fatalf("erasure message to %s without a link", m.Kind)
		}
		if _, seen := out[m.To]; !seen {
			out[m.To] = lm[1]
		}
	}
	return out
}

// Who may erase, and when not: an agent, no reason, a support lock, a
// legal hold (on the customer or one of their conversations); each
// refusal audited and nothing erased.
func TestEraseRefusals(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		basis := "court order 2026-113"
		if _, err := f.Desk.RequestErasure(f.AgentCtx, f.Cust.ID, "the owner asked", basis); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("agent erases: %v, want forbidden", err)
		}
		if _, err := f.Desk.RequestErasure(f.SupCtx, f.Cust.ID, "  ", basis); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("no reason: %v, want invalid", err)
		}
		if _, err := f.Desk.RequestErasure(f.SupCtx, "cus_missing", "the owner asked", basis); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("missing customer: %v, want not found", err)
		}
		if _, err := f.Desk.SetLegalHold(f.SupCtx, proofdesk.HoldConversation, f.Conv.ID, "case 2026-113"); err != nil {
			t.Fatal(err)
		}
		_, err := f.Desk.RequestErasure(f.SupCtx, f.Cust.ID, "the owner asked", basis)
		var e *proofdesk.Error
		if !errorsAs(err, &e) || e.Code != proofdesk.ECONFLICT || e.Details["rule"] != proofdesk.RuleLegalHold {
			t.Fatalf("under a legal hold on a conversation: %v, want conflict hold.legal", err)
		}
		if err := f.Desk.ClearLegalHold(f.SupCtx, proofdesk.HoldConversation, f.Conv.ID, "case settled"); err != nil {
			t.Fatal(err)
		}
		if err := db.WithTx(ctx, func(tx *sqldb.Tx) error {
			c, err := tx.FindCustomer(ctx, f.Cust.ID)
			if err != nil {
				return err
			}
			c.SupportLocked = true
			return tx.SaveCustomer(ctx, c, false)
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Desk.RequestErasure(f.SupCtx, f.Cust.ID, "the owner asked", basis); proofdesk.ErrorCode(err) != proofdesk.ELOCKED {
			t.Fatalf("under a support lock: %v, want locked", err)
		}
		c, err := sqldb.NewCustomerService(db).FindCustomerByID(ctx, f.Cust.ID)
		if err != nil || c.ErasedAt != nil || len(c.ContactPoints) != 3 {
			t.Fatalf("after refusals: %+v, %v; want Jane untouched", c, err)
		}
		refused := 0
		for _, e := range mustAudit(t, db) {
			if e.Action == proofdesk.AuditGateRefused && e.Detail["action"] == proofdesk.DoErase {
				refused++
			}
			if e.Action == proofdesk.AuditCustomerErased {
				t.Fatal("an erasure was audited")
			}
		}
		if refused != 4 {
			t.Fatalf("%d refused erasures audited, want 4", refused)
		}
	})
}

// Without a legal basis the owner confirms: the link goes to the contact
// points past the cooling-off only (not one just added), opening it
// changes nothing, "I did not ask for this" declines it and alerts, a
// legal hold set meanwhile refuses the confirmation, and a confirmation
// erases once.
func TestEraseOwnerConfirms(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		res, err := f.Desk.RequestErasure(f.SupCtx, f.Cust.ID, "the owner asked by phone", "")
		if err != nil {
			t.Fatal(err)
		}
		if res.Erasure != nil || res.Request == nil || res.Request.SentTo != 2 || res.Request.Status != proofdesk.ErasurePending {
			t.Fatalf("result = %+v, want a pending request sent to 2 contact points", res)
		}
		links := erasureLinks(t, db)
		if len(links) != 2 || links["jane@example.com"] == "" || links["+14155550123"] == "" {
			t.Fatalf("links went to %v, want the old email and phone only", links)
		}
		tok := links["jane@example.com"]
		if _, err := f.Desk.ErasureLinkInfo(ctx, tok+"x"); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("forged link: %v", err)
		}
		// The MAC's last character carries 2 unused bits: another spelling
		// of the same token is not the token (one link, one spelling).
		const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		last := strings.IndexByte(alphabet, tok[len(tok)-1])
		respelled := tok[:len(tok)-1] + string(alphabet[last^1])
		if _, err := f.Desk.ErasureLinkInfo(ctx, respelled); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("another spelling of the link: %v, want ENOTFOUND", err)
		}
		info, err := f.Desk.ErasureLinkInfo(ctx, tok)
		if err != nil || info.Settled || info.Request.ID != res.Request.ID {
			t.Fatalf("link info = %+v, %v", info, err)
		}
		// Declined: nothing erased, supervisors alerted.
		if _, err := f.Desk.AnswerErasure(ctx, tok, false); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Desk.AnswerErasure(ctx, tok, true); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("answering twice: %v, want conflict", err)
		}
		// A second request; a legal hold set before the owner answers.
		res, err = f.Desk.RequestErasure(f.SupCtx, f.Cust.ID, "the owner asked again, in writing", "")
		if err != nil {
			t.Fatal(err)
		}
		var tok2 string
		for _, l := range erasureLinks(t, db) {
			if info, err := f.Desk.ErasureLinkInfo(ctx, l); err == nil && info.Request.ID == res.Request.ID {
				tok2 = l
			}
		}
		if tok2 == "" {
			t.Fatal("no link for the second request")
		}
		if _, err := f.Desk.SetLegalHold(f.SupCtx, proofdesk.HoldCustomer, f.Cust.ID, "case 2026-113"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Desk.AnswerErasure(ctx, tok2, true); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("confirmed under a legal hold: %v, want conflict", err)
		}
		// Cleared by another supervisor: the requester did not clear it
		// (the two-person rule, TestEraseTwoPerson).
		if err := f.Desk.ClearLegalHold(newSupervisor(t, db, "ivy@desk.example"), proofdesk.HoldCustomer, f.Cust.ID, "case settled"); err != nil {
			t.Fatal(err)
		}
		er, err := f.Desk.AnswerErasure(ctx, tok2, true)
		if err != nil {
			t.Fatal(err)
		}
		if er.CustomerID != f.Cust.ID || er.KeysDestroyed != 2 {
			t.Fatalf("erasure = %+v", er)
		}
		c, err := sqldb.NewCustomerService(db).FindCustomerByID(ctx, f.Cust.ID)
		if err != nil || c.ErasedAt == nil || len(c.ContactPoints) != 0 {
			t.Fatalf("after confirmation: %+v, %v", c, err)
		}
		// The link mails themselves went with the rest.
		if links := erasureLinks(t, db); len(links) != 0 {
			t.Fatalf("erasure mails left in the outbox: %d", len(links))
		}
		var declined, alerted, erased int
		for _, e := range mustAudit(t, db) {
			switch {
			case e.Action == proofdesk.AuditErasureDeclined:
				declined++
			case e.Action == proofdesk.AuditAlert && e.Detail["alert"] == "erasure_declined":
				alerted++
			case e.Action == proofdesk.AuditCustomerErased:
				erased++
				if e.Detail["confirmed_by"] != "owner" || e.Detail["requested_by"] != f.Supervisor.ID {
					t.Fatalf("erased entry = %+v", e)
				}
			}
		}
		if declined != 1 || alerted != 1 || erased != 1 {
			t.Fatalf("audited declined %d, alerts %d, erased %d; want 1 each", declined, alerted, erased)
		}
		if seq, why, err := sqldb.NewAuditService(db).VerifyAudit(ctx); err != nil || seq != 0 {
			t.Fatalf("audit verify: %d %s %v", seq, why, err)
		}
	})
}

// The guard's index of every customer forgets an erased customer's
// values on commit: a reply holding them is no longer blocked as theirs.
func TestEraseLeavesTheGuardIndex(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		erin := mustCustomer(t, db, proofdesk.CustomerInput{Name: "Erin Erased", Phones: []proofdesk.ContactPointInput{{Value: "+14155550166"}}})
		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, AssigneeID: f.Agent.ID, Requester: proofdesk.Requester{Name: "Someone"}}
		if err := sqldb.NewConversationService(db).CreateConversation(f.AgentCtx, conv, nil); err != nil {
			t.Fatal(err)
		}
		d := desk.New(db, desk.Config{OracleLimitPerHour: 100})
		if _, err := d.BuildIndex(ctx); err != nil {
			t.Fatal(err)
		}
		if err := f.reply(f.AgentCtx, conv.ID, "Is it 415 555 0166?"); proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
			t.Fatalf("before the erasure: %v, want EDISCLOSURE", err)
		}
		if _, err := d.RequestErasure(f.SupCtx, erin.ID, "Erin asked in writing", "GDPR art. 17"); err != nil {
			t.Fatal(err)
		}
		if err := f.reply(f.AgentCtx, conv.ID, "Is it 415 555 0166?"); err != nil {
			t.Fatalf("after the erasure the index still holds Erin's number: %v", err)
		}
	})
}

// TestNothingJoinsAnErasedCustomer: a conversation linked, or a customer
// merged, into an erased customer after the erasure would hang off a
// tombstone that can never be erased again (ECONFLICT, already erased):
// both are refused.
func TestNothingJoinsAnErasedCustomer(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		cs := sqldb.NewConversationService(db)
		conv := &proofdesk.Conversation{Channel: proofdesk.ChannelChat, Subject: "Where is my parcel"}
		if err := cs.CreateConversation(f.AgentCtx, conv, nil); err != nil {
			t.Fatal(err)
		}
		otherIn := proofdesk.CustomerInput{Name: "Oscar Other"}
		other, err := otherIn.Customer(time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, other); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Desk.RequestErasure(f.SupCtx, f.Cust.ID, "Jane asked in writing, ticket 88", "GDPR art. 17(1)(a)"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Desk.UpdateConversation(f.SupCtx, conv.ID, proofdesk.ConversationUpdate{CustomerID: &f.Cust.ID}); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("linking a conversation to an erased customer: %v, want ECONFLICT", err)
		}
		if _, err := f.Desk.MergeCustomers(f.SupCtx, other.ID, f.Cust.ID, "the same person, two records"); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("merging into an erased customer: %v, want ECONFLICT", err)
		}
		if err := cs.CreateConversation(f.AgentCtx, &proofdesk.Conversation{Channel: proofdesk.ChannelAPI, CustomerID: f.Cust.ID, Subject: "Hello again"}, nil); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
			t.Fatalf("a new conversation of an erased customer: %v, want ECONFLICT", err)
		}
		if got, err := cs.FindConversationByID(ctx, conv.ID); err != nil || got.CustomerID != "" {
			t.Fatalf("the conversation = %+v, %v: linked to the erased customer", got, err)
		}
	})
}

// TestEraseOnLegalBasisAlerts: an erasure on a legal basis the supervisor
// records runs at once, without the owner; proofdesk.Decide asks for an
// alert to supervisors (Decision.Alert), so that one supervisor cannot
// erase on a basis of their own making unseen. The alert names IDs only.
func TestEraseOnLegalBasisAlerts(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		if _, err := f.Desk.RequestErasure(f.SupCtx, f.Cust.ID, "Jane asked in writing, ticket 88", "GDPR art. 17(1)(a)"); err != nil {
			t.Fatal(err)
		}
		msgs, err := sqldb.NewOutboxService(db).FindOutbox(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		alerts := 0
		for _, m := range msgs {
			if m.Purpose == "alert" && m.Subject == proofdesk.AlertSubject("customer_erased") {
				alerts++
				if !strings.Contains(m.Body, f.Cust.ID) || strings.Contains(m.Body, "Jane") || strings.Contains(m.Body, "GDPR") {
					t.Fatalf("alert body %q: want the customer's ID, no name, no free text", m.Body)
				}
			}
		}
		if alerts == 0 {
			t.Fatal("an erasure on a recorded legal basis alerted no supervisor")
		}
	})
}
