package sqldb_test

import (
	"bytes"
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

var csatLinkRe = regexp.MustCompile(`https://desk\.example/csat/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)\?rating=(good|okay|bad)`)

// near reports whether got is want within a second (the test clock moves
// a microsecond a reading).
func near(got, want time.Duration) bool { return got >= want-time.Second && got <= want+time.Second }

// A conversation answered in 5 minutes, verified by email after 65 and
// resolved after 2 hours, with one reply blocked: its transcript carries
// the rating links, a rating lands on the conversation and its holder,
// and the report counts every figure from the stored events.
func TestCSAT_RatingLandsInReport(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		f := newFixture(t, db)
		base := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		f.Clk.Set(base)
		conv := f.NewConversation(t)
		f.say(t, conv, "Hello, where is my parcel?")
		f.Clk.Add(5 * time.Minute)
		if err := f.reply(f.AgentCtx, conv, "Hello, I am looking into it."); err != nil {
			t.Fatal(err)
		}
		f.Clk.Add(time.Hour)
		f.VerifyL1(t, conv)
		if err := f.reply(f.AgentCtx, conv, "Your card ending 4242 was charged."); proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
			t.Fatalf("a payment reply at L1: err=%v, want blocked", err)
		}
		f.Clk.Set(base.Add(2 * time.Hour))
		resolved := proofdesk.StatusResolved
		if _, err := sqldb.NewConversationService(db).UpdateConversation(f.AgentCtx, conv.ID, proofdesk.ConversationUpdate{Status: &resolved}); err != nil {
			t.Fatal(err)
		}

		// The transcript carries one link per answer.
		msgs, err := sqldb.NewOutboxService(db).FindOutbox(ctx, 100)
		if err != nil {
			t.Fatal(err)
		}
		var token string
		answers := map[string]bool{}
		for _, m := range msgs {
			if m.Purpose != "transcript" || m.ConversationID != conv.ID {
				continue
			}
			for _, l := range csatLinkRe.FindAllStringSubmatch(m.Body, -1) {
				answers[l[2]] = true
				token = l[1]
			}
		}
		if len(answers) != 3 || token == "" {
			t.Fatalf("transcript rating links: %v, want good, okay and bad", answers)
		}

		r := f.VS.Ratings()
		info, err := r.Info(ctx, token)
		if err != nil || info.ConversationID != conv.ID || info.Current != "" {
			t.Fatalf("Info = %+v, %v; want the conversation, not rated", info, err)
		}
		for _, bad := range []struct{ value, comment, field string }{
			{"meh", "", "rating"},
			{"bad", "slow\x00", "comment"},
			{"bad", strings.Repeat("x", proofdesk.MaxRatingComment+1), "comment"},
		} {
			_, err := r.Rate(ctx, token, bad.value, bad.comment)
			var pe *proofdesk.Error
			if !errorsAs(err, &pe) || pe.Code != proofdesk.EINVALID || pe.Field != bad.field {
				t.Fatalf("Rate(%q, %q) = %v, want EINVALID on %s", bad.value, bad.comment, err, bad.field)
			}
		}
		forged := token[:len(token)-2] + "AA"
		if _, err := r.Rate(ctx, forged, "good", ""); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("forged token: %v, want ENOTFOUND", err)
		}
		if _, err := r.Rate(ctx, token, "bad", "Too slow, 742 Evergreen"); err != nil {
			t.Fatal(err)
		}
		got, err := db.Read().FindRating(ctx, conv.ID)
		if err != nil || got.Value != "bad" || got.AgentID != f.Agent.ID || got.CustomerID != f.Cust.ID || got.Comment != "Too slow, 742 Evergreen" || got.Source != proofdesk.RatingFromEmail {
			t.Fatalf("rating = %+v, %v", got, err)
		}
		stored, err := sqldb.RawRatingComment(ctx, db, conv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(stored, "Evergreen") || stored == "" {
			t.Fatalf("the comment is stored in clear: %q", stored)
		}
		// Rating again replaces the answer: one rating per conversation.
		f.Clk.Set(base.Add(3 * time.Hour))
		if _, err := r.Rate(ctx, token, "good", ""); err != nil {
			t.Fatal(err)
		}
		if info, _ := r.Info(ctx, token); info.Current != "good" {
			t.Fatalf("after re-rating: %q, want good", info.Current)
		}
		f.Clk.Set(base.Add(desk.RatingTTL + 3*time.Hour))
		if _, err := r.Rate(ctx, token, "okay", ""); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("expired link: %v, want EFORBIDDEN", err)
		}
		f.Clk.Set(base.Add(4 * time.Hour))

		d := desk.New(db, desk.Config{})
		if _, err := d.Report(f.AgentCtx, base, base.Add(24*time.Hour)); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("an agent's report: %v, want EFORBIDDEN", err)
		}
		rep, err := d.Report(f.SupCtx, base.Add(-time.Hour), base.Add(24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if rep.Conversations != 1 || len(rep.Volume) != 1 || rep.Volume[0] != (proofdesk.VolumeCell{Channel: "chat", Hour: 9, Count: 1}) {
			t.Fatalf("volume: %d %+v", rep.Conversations, rep.Volume)
		}
		if rep.FirstResponse.Count != 1 || !near(rep.FirstResponse.Median, 5*time.Minute) {
			t.Fatalf("first response %+v, want 5m", rep.FirstResponse)
		}
		if rep.Resolution.Count != 1 || !near(rep.Resolution.P90, 2*time.Hour) {
			t.Fatalf("resolution %+v, want 2h", rep.Resolution)
		}
		if rep.CSAT != (proofdesk.CSATCounts{Good: 1}) {
			t.Fatalf("CSAT %+v, want one good", rep.CSAT)
		}
		var ann *proofdesk.AgentFigures
		for i := range rep.Agents {
			if rep.Agents[i].AgentID == f.Agent.ID {
				ann = &rep.Agents[i]
			}
		}
		if ann == nil || ann.Name != "Ann Agent" || ann.Replies != 1 || ann.Conversations != 1 || ann.Blocked != 1 || ann.CSAT.Good != 1 {
			t.Fatalf("agent row %+v", ann)
		}
		s := rep.Security
		if s.Verified != 1 || s.VerifiedShare != 100 || s.ByFactor["email"] != 1 || !near(s.ToL1.Median, 65*time.Minute) {
			t.Fatalf("verification figures %+v", s)
		}
		if s.BlockedByRule["protected_value"] != 1 {
			t.Fatalf("blocked by rule %v", s.BlockedByRule)
		}
		var csv bytes.Buffer
		if err := rep.WriteCSV(&csv); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"csat,,good,1\n", "first_response,,median_seconds,300\n", "security,email,verified_by_factor,1\n"} {
			if !strings.Contains(csv.String(), want) {
				t.Fatalf("CSV lacks %q:\n%s", want, csv.String())
			}
		}
		// A range without the conversation counts nothing of it.
		empty, err := d.Report(f.SupCtx, base.Add(48*time.Hour), base.Add(72*time.Hour))
		if err != nil || empty.Conversations != 0 || empty.CSAT.Total() != 0 || empty.Security.Verified != 0 {
			t.Fatalf("empty range: %+v, %v", empty, err)
		}
	})
}
