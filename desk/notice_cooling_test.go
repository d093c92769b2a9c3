package desk_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// Owner notices, account-change notices and transcripts go to the contact
// points past their cooling-off when the customer has any: an email or
// phone added in the window (maybe by an attacker who took over the
// account) is never the owner's only channel, and gets nothing. A
// customer whose every contact point is new is told on all of them.
func TestNoticesSkipContactPointsInCoolingOff(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		n, err := desk.NewNotices(ctx, db, desk.NoticeConfig{BaseURL: "https://desk.example", CoolingOff: 72 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		now := db.Now()
		old, fresh := now.AddDate(-1, 0, 0), now.Add(-time.Hour)
		cp := func(kind, v string, at time.Time) *proofdesk.ContactPoint {
			return &proofdesk.ContactPoint{ID: proofdesk.NewID("cp"), Kind: kind, Value: v, AddedAt: at}
		}
		conv := &proofdesk.Conversation{ID: "cnv_x", Channel: proofdesk.ChannelChat, CreatedAt: now}
		to := func(ms []*proofdesk.OutboxMessage) []string {
			var out []string
			for _, m := range ms {
				out = append(out, m.Kind+":"+m.To)
			}
			slices.Sort(out)
			return out
		}
		for _, tc := range []struct {
			name string
			cps  []*proofdesk.ContactPoint
			// want: owner notice and transcript (by email when an
			// email qualifies); wantChange: the account-change notice
			// (every qualifying email and phone)
			want, wantChange []string
		}{
			{"an established email and a new one", []*proofdesk.ContactPoint{
				cp(proofdesk.ContactEmail, "jane@example.com", old), cp(proofdesk.ContactEmail, "attacker@evil.test", fresh),
				cp(proofdesk.ContactPhone, "+14155550123", fresh)}, []string{"email:jane@example.com"}, []string{"email:jane@example.com"}},
			{"an established email and phone, a new email", []*proofdesk.ContactPoint{
				cp(proofdesk.ContactEmail, "jane@example.com", old), cp(proofdesk.ContactEmail, "attacker@evil.test", fresh),
				cp(proofdesk.ContactPhone, "+14155550123", old)}, []string{"email:jane@example.com"},
				[]string{"email:jane@example.com", "sms:+14155550123"}},
			{"only a new email, an established phone", []*proofdesk.ContactPoint{
				cp(proofdesk.ContactEmail, "attacker@evil.test", fresh), cp(proofdesk.ContactPhone, "+14155550123", old)},
				[]string{"sms:+14155550123"}, []string{"sms:+14155550123"}},
			{"two established emails", []*proofdesk.ContactPoint{
				cp(proofdesk.ContactEmail, "jane@example.com", old), cp(proofdesk.ContactEmail, "jane@work.example", old.Add(time.Hour))},
				[]string{"email:jane@example.com", "email:jane@work.example"}, []string{"email:jane@example.com", "email:jane@work.example"}},
			{"a new customer: every contact point new", []*proofdesk.ContactPoint{
				cp(proofdesk.ContactEmail, "new@example.com", fresh), cp(proofdesk.ContactEmail, "new2@example.com", fresh)},
				[]string{"email:new2@example.com", "email:new@example.com"}, []string{"email:new2@example.com", "email:new@example.com"}},
			{"just past the cooling-off", []*proofdesk.ContactPoint{
				cp(proofdesk.ContactEmail, "jane@example.com", now.Add(-73*time.Hour)), cp(proofdesk.ContactEmail, "x@evil.test", now.Add(-71*time.Hour))},
				[]string{"email:jane@example.com"}, []string{"email:jane@example.com"}},
		} {
			c := &proofdesk.Customer{ID: "cus_x", Name: "Jane Doe", ContactPoints: tc.cps}
			if got := to(n.OwnerNotice(nil, c, conv, "A supervisor revealed your address.")); !slices.Equal(got, tc.want) {
				t.Errorf("%s: owner notice to %v, want %v", tc.name, got, tc.want)
			}
			if got := to(n.AccountChange(nil, c, tc.cps, []string{"contact_points"}, now)); !slices.Equal(got, tc.wantChange) {
				t.Errorf("%s: account-change notice to %v, want %v", tc.name, got, tc.want)
			}
			tr := n.Transcript(nil, conv, []*proofdesk.Customer{c}, nil, false, nil, now)
			if got := to(tr); !slices.Equal(got, tc.want) {
				t.Errorf("%s: transcript to %v, want %v", tc.name, got, tc.want)
			}
			for _, m := range tr {
				if !strings.Contains(m.Body, "https://desk.example/n/") {
					t.Errorf("%s: transcript to %s without the \"this wasn't me\" link: %q", tc.name, m.To, m.Body)
				}
			}
		}
	})
}

// Through the store's NotifyOwner (what a break-glass reply, a reveal or an
// unlock calls) and the installed notices: the customer now has an address
// added an instant ago, which gets nothing; the established one is told.
func TestOwnerNoticeThroughTheStoreSkipsTheNewAddress(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		cs := sqldb.NewCustomerService(db)
		c, err := cs.FindCustomerByID(ctx, f.Cust.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.ContactPoints = append(c.ContactPoints, &proofdesk.ContactPoint{Kind: proofdesk.ContactEmail, Value: "attacker@evil.test", AddedAt: db.Now()})
		if err := db.WithTx(ctx, func(tx *sqldb.Tx) error {
			return tx.NotifyOwner(ctx, c, f.Conv, "A supervisor sent protected account data during a support conversation.")
		}); err != nil {
			t.Fatal(err)
		}
		msgs, err := sqldb.NewOutboxService(db).FindOutbox(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		sent := map[string]bool{}
		for _, m := range msgs {
			if m.Purpose == "owner_notice" {
				sent[m.To] = true
			}
		}
		if !sent["jane@example.com"] || sent["attacker@evil.test"] || len(sent) != 1 {
			t.Fatalf("owner notice went to %v, want only the established jane@example.com", sent)
		}
	})
}

// A notice that goes by SMS (no established email) is in the owner's
// language and names the business by its stored branding, as the mails do.
func TestNoticeSMSInTheOwnersLanguage(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		n, err := desk.NewNotices(ctx, db, desk.NoticeConfig{BaseURL: "https://desk.example", CoolingOff: 72 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		now := db.Now()
		c := &proofdesk.Customer{ID: "cus_x", Name: "Jana Muster", Attributes: map[string]string{"language": "de"}, ContactPoints: []*proofdesk.ContactPoint{
			{ID: "cp_1", Kind: proofdesk.ContactEmail, Value: "attacker@evil.test", AddedAt: now.Add(-time.Hour)},
			{ID: "cp_2", Kind: proofdesk.ContactPhone, Value: "+4915112345678", AddedAt: now.AddDate(-1, 0, 0)}}}
		conv := &proofdesk.Conversation{ID: "cnv_x", Channel: proofdesk.ChannelChat, CreatedAt: now}
		brand := &proofdesk.Branding{Company: "Acme Shop"}
		one := func(what string, ms []*proofdesk.OutboxMessage) *proofdesk.OutboxMessage {
			t.Helper()
			if len(ms) != 1 || ms[0].Kind != proofdesk.OutboxSMS || ms[0].To != "+4915112345678" {
				t.Fatalf("%s: %d messages, want one SMS to the established phone: %+v", what, len(ms), ms)
			}
			return ms[0]
		}
		// what the desk passes for an unlock (ownerNote("o_unlock", ""))
		o := one("owner notice", n.OwnerNotice(brand, c, conv, "\x00o_unlock\x00"))
		for _, want := range []string{"Acme Shop", "Support-Sperre", "Wenn Sie das nicht waren"} {
			if !strings.Contains(o.Body, want) {
				t.Errorf("owner notice SMS lacks %q: %q", want, o.Body)
			}
		}
		tr := one("transcript", n.Transcript(brand, conv, []*proofdesk.Customer{c}, nil, false, nil, now))
		for _, want := range []string{"Acme Shop", "Live-Chat", "Wenn Sie das nicht waren", "https://desk.example/n/"} {
			if !strings.Contains(tr.Body, want) {
				t.Errorf("transcript SMS lacks %q: %q", want, tr.Body)
			}
		}
	})
}
