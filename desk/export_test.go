package desk_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

var exportLinkRe = regexp.MustCompile(`/x/([A-Za-z0-9_.-]+)`)

// exportLinks returns the tokens of the export links in the outbox and
// the recipients of the export mails by purpose.
func exportLinks(t *testing.T, db *sqldb.DB) (tokens []string, to map[string][]string) {
	t.Helper()
	msgs, err := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 500)
	if err != nil {
		t.Fatal(err)
	}
	to = map[string][]string{}
	for _, m := range msgs {
		to[m.Purpose] = append(to[m.Purpose], m.To)
		if m.Purpose == proofdesk.PurposeExportLink {
			sm := exportLinkRe.FindStringSubmatch(m.Body)
			if sm == nil {
				t.Fatalf("export mail without a link")
			}
			tokens = append(tokens, sm[1])
		}
	}
	return tokens, to
}

// TestExport runs the right of access end to end on each store: who may
// start it, where the link goes, that the archive holds every category of
// data, that the link works once, refuses a forged token and expires.
func TestExport(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		ex := f.VS.Notices().Exports()
		cs := sqldb.NewConversationService(db)

		// Data of every category: messages (a note too) with a file, an
		// order, a rating, verification requests and the notices they send.
		if err := cs.CreateMessage(ctx, &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: "My umbrella never arrived",
			Attachments: []*proofdesk.Attachment{{Filename: "receipt.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 receipt 77")}}}); err != nil {
			t.Fatal(err)
		}
		if err := cs.CreateMessage(f.AgentCtx, &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID,
			Internal: true, Body: "Checked the courier's scan"}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Desk.PushOrder(ctx, f.Cust.ID, &proofdesk.Order{Number: "ORD-5150", Status: "shipped",
			Items: []proofdesk.OrderItem{{Name: "Umbrella", Quantity: 1}}}); err != nil {
			t.Fatal(err)
		}
		rl := f.VS.Notices().Ratings().Link(f.Conv.ID, proofdesk.RatingFromChat, "")
		if _, err := f.VS.Notices().Ratings().Rate(ctx, rl[strings.LastIndex(rl, "/")+1:], "good", "Quick and kind"); err != nil {
			t.Fatal(err)
		}

		// Who may: not an agent, not a supervisor below L2.
		if _, err := ex.ExportFromConversation(f.AgentCtx, f.Conv.ID); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("agent's export: %v, want EFORBIDDEN", err)
		}
		f.VerifyL1(t, f.Conv)
		if _, err := ex.ExportFromConversation(f.SupCtx, f.Conv.ID); proofdesk.ErrorCode(err) != proofdesk.EVERIFICATION {
			t.Fatalf("supervisor's export at L1: %v, want EVERIFICATION", err)
		}
		if _, err := ex.ExportFromCustomer(f.SupCtx, f.Cust.ID, " "); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("card export without a reason: %v, want EINVALID", err)
		}
		if toks, _ := exportLinks(t, db); len(toks) != 0 {
			t.Fatalf("a refused export queued %d links", len(toks))
		}
		f.VerifyL2(t, f.Conv)
		started, err := ex.ExportFromConversation(f.SupCtx, f.Conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		// The supervisor learns where it went, masked, never the link.
		if len(started.SentTo) != 1 || started.SentTo[0] != "j***@e***.com" {
			t.Fatalf("sent to %v, want [j***@e***.com]", started.SentTo)
		}
		js, _ := json.Marshal(started)
		if strings.Contains(string(js), "/x/") || strings.Contains(string(js), "jane@") {
			t.Fatalf("the supervisor's answer holds a link or an address: %s", js)
		}
		toks, to := exportLinks(t, db)
		if len(toks) != 1 || len(to[proofdesk.PurposeExportLink]) != 1 || to[proofdesk.PurposeExportLink][0] != "jane@example.com" {
			t.Fatalf("links %d to %v, want one to the settled email only", len(toks), to[proofdesk.PurposeExportLink])
		}
		// The owner is told at every other contact point: the email added
		// today (never sent the link) and the phone.
		if got := strings.Join(to[proofdesk.PurposeExportNotice], ","); !strings.Contains(got, "new@attacker.example") || !strings.Contains(got, "+14155550123") {
			t.Fatalf("export notices to %q, want the new email and the phone", got)
		}
		tok := toks[0]
		// The token appears in no audit entry.
		entries, err := sqldb.NewAuditService(db).FindAuditEntries(ctx, proofdesk.AuditFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if d, _ := json.Marshal(e.Detail); strings.Contains(string(d), tok) {
				t.Fatalf("audit entry %s holds the link token", e.Action)
			}
		}

		// A forged token is refused; the page's info changes nothing.
		forged := tok[:len(tok)-2] + "AA"
		if forged == tok {
			forged = tok[:len(tok)-2] + "BB"
		}
		if _, _, err := ex.Download(ctx, forged); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("forged token: %v, want ENOTFOUND", err)
		}
		for range 2 {
			if info, err := ex.ExportInfo(ctx, tok); err != nil || info.Size == 0 {
				t.Fatalf("info: %+v %v", info, err)
			}
		}
		name, archive, err := ex.Download(ctx, tok)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(name, ".zip") {
			t.Fatalf("name %q", name)
		}
		checkArchive(t, archive, f)
		// Once only.
		if _, _, err := ex.Download(ctx, tok); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("second download: %v, want EFORBIDDEN", err)
		}
		if _, err := ex.ExportInfo(ctx, tok); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("info after the download: %v, want EFORBIDDEN", err)
		}

		// From the card by break-glass; it expires unused.
		if _, err := ex.ExportFromCustomer(f.AgentCtx, f.Cust.ID, "owner asked by letter"); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("agent's card export: %v, want EFORBIDDEN", err)
		}
		if _, err := ex.ExportFromCustomer(f.SupCtx, f.Cust.ID, "owner asked by letter, ref 991"); err != nil {
			t.Fatal(err)
		}
		toks, _ = exportLinks(t, db)
		if len(toks) != 2 {
			t.Fatalf("%d links, want 2", len(toks))
		}
		tok2 := toks[0] // newest first
		if tok2 == tok {
			tok2 = toks[1]
		}
		if n, err := ex.ExpireExports(ctx); err != nil || n != 0 {
			t.Fatalf("expired %d before the time (%v)", n, err)
		}
		f.Clk.Add(desk.ExportTTL + time.Minute)
		if _, _, err := ex.Download(ctx, tok2); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("expired link: %v, want EFORBIDDEN", err)
		}
		if n, err := ex.ExpireExports(ctx); err != nil || n != 1 {
			t.Fatalf("expired %d, want 1 (%v)", n, err)
		}
		if n, err := ex.ExpireExports(ctx); err != nil || n != 0 {
			t.Fatalf("expired %d again, want 0 (%v)", n, err)
		}
		if err := db.FlushAudit(ctx); err != nil {
			t.Fatal(err)
		}
		counts := map[string]int{}
		entries, _ = sqldb.NewAuditService(db).FindAuditEntries(ctx, proofdesk.AuditFilter{})
		for _, e := range entries {
			counts[e.Action]++
		}
		for action, want := range map[string]int{proofdesk.AuditExportRequested: 2, proofdesk.AuditExportDelivered: 2,
			proofdesk.AuditExportDownloaded: 1, proofdesk.AuditExportExpired: 1, proofdesk.AuditBreakGlass: 1} {
			if counts[action] != want {
				t.Errorf("%d %s entries, want %d", counts[action], action, want)
			}
		}
		if counts["gate.refused"] == 0 {
			t.Error("the refusals were not audited")
		}
		if _, bad, err := sqldb.NewAuditService(db).VerifyAudit(ctx); err != nil || bad != "" {
			t.Fatalf("audit verify: %q %v", bad, err)
		}
	})
}

// checkArchive opens the zip and checks each category of customer.json
// and the attachment's bytes.
func checkArchive(t *testing.T, archive []byte, f *fixture) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(archive), int64(len(archive)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[zf.Name] = b
	}
	var d proofdesk.CustomerData
	if err := json.Unmarshal(files["customer.json"], &d); err != nil {
		t.Fatalf("customer.json: %v", err)
	}
	if d.Customer.ID != f.Cust.ID || d.Customer.Name != "Jane Doe" || len(d.Customer.Addresses) != 1 || d.Customer.Addresses[0].Line1 != "742 Evergreen Terrace" ||
		d.Customer.Payment == nil || d.Customer.Payment.Last4 != "4242" {
		t.Errorf("fields: %+v", d.Customer)
	}
	if len(d.ContactPoints) != 3 || d.ContactPoints[0].Value != "jane@example.com" || d.ContactPoints[0].AddedAt.IsZero() {
		t.Errorf("contact points: %+v", d.ContactPoints)
	}
	var bodies []string
	var file string
	for _, c := range d.Conversations {
		for _, m := range c.Messages {
			bodies = append(bodies, m.Body)
			for _, a := range m.Attachments {
				file = a.File
			}
		}
	}
	all := strings.Join(bodies, "\n")
	if !strings.Contains(all, "My umbrella never arrived") || !strings.Contains(all, "Checked the courier's scan") {
		t.Errorf("messages in clear: %q", all)
	}
	if file == "" || string(files[file]) != "%PDF-1.4 receipt 77" {
		t.Errorf("attachment %q: %q", file, files[file])
	}
	if len(d.Verifications) < 2 {
		t.Errorf("verification history: %+v", d.Verifications)
	}
	purposes := map[string]bool{}
	for _, n := range d.Notices {
		purposes[n.Purpose] = true
		if n.Purpose == "verification" && n.Body != "" {
			t.Error("a verification request's body (its code) is in the export")
		}
	}
	if !purposes["verification"] {
		t.Errorf("notices sent: %v", purposes)
	}
	if len(d.Orders) != 1 || d.Orders[0].Number != "ORD-5150" {
		t.Errorf("orders: %+v", d.Orders)
	}
	if len(d.Ratings) != 1 || d.Ratings[0].Rating != "good" || d.Ratings[0].Comment != "Quick and kind" {
		t.Errorf("ratings: %+v", d.Ratings)
	}
	actions := map[string]bool{}
	for _, e := range d.Audit {
		actions[e.Action] = true
	}
	// About the customer, and about their conversations.
	if !actions["customer.order"] || !actions["challenge.sent"] {
		t.Errorf("audit entries: %v", actions)
	}
	if _, ok := files["README.txt"]; !ok {
		t.Error("no README.txt")
	}
}

// TestExportNeedsSettledEmail: with no email on file past the cooling-off
// period the export is refused and nothing is queued.
func TestExportNeedsSettledEmail(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		c := &proofdesk.Customer{Name: "New Person", ContactPoints: []*proofdesk.ContactPoint{{Kind: proofdesk.ContactEmail, Value: "fresh@example.com", AddedAt: f.Clk.Now()}}}
		if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
		_, err := f.VS.Notices().Exports().ExportFromCustomer(f.SupCtx, c.ID, "owner asked by letter")
		if proofdesk.ErrorCode(err) != proofdesk.EINVALID || !strings.Contains(proofdesk.ErrorMessage(err), "settled email") {
			t.Fatalf("export without a settled email: %v", err)
		}
		if toks, _ := exportLinks(t, db); len(toks) != 0 {
			t.Fatal("a link was queued")
		}
	})
}

// TestLinksNotKeptOnceSent: the outbox keeps every message's body, and an
// admin reads bodies as soon as no relay is set (the demo's view, which
// an admin switches to by clearing the relay in the channel settings).
// Once the relay took an export's download link or an erasure's
// confirmation link, or gave up on it, the body is no longer kept: no
// insider reads back a link that opens the archive or speaks for the owner.
func TestLinksNotKeptOnceSent(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		if _, err := f.VS.Notices().Exports().ExportFromCustomer(f.SupCtx, f.Cust.ID, "the owner asked by phone, ticket 12"); err != nil {
			t.Fatal(err)
		}
		if _, err := f.Desk.RequestErasure(f.SupCtx, f.Cust.ID, "the owner asked by phone, ticket 12", ""); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		ds, err := db.ClaimDue(ctx, now, 100, []string{proofdesk.OutboxEmail, proofdesk.OutboxSMS}, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		links := 0
		for i, d := range ds {
			if d.Purpose != proofdesk.PurposeExportLink && d.Purpose != proofdesk.PurposeErasureConfirm {
				continue
			}
			links++
			if i%2 == 0 {
				err = db.MarkSent(ctx, d, "<x@desk.example>", now)
			} else {
				_, err = db.MarkFailed(ctx, d, "smtp 550", now, true)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if links < 3 {
			t.Fatalf("%d link messages claimed, want the export link and two erasure links", links)
		}
		msgs, err := sqldb.NewOutboxService(db).FindOutbox(ctx, 500)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if strings.Contains(m.Body, "/x/") || strings.Contains(m.Body, "/erase/") {
				t.Fatalf("a %s %s message keeps its link: %q", m.Status, m.Purpose, m.Body)
			}
		}
	})
}
