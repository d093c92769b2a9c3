package sqldb_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// FindSubjectContexts returns, for a page of conversations, the first
// SubjectMessages messages not written by an agent, oldest first, and
// whether a request was issued on each; an unknown ID is left out.
func TestFindSubjectContexts(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		if _, err := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.PhoneID); err != nil {
			t.Fatal(err)
		}
		other := f.NewConversation(t)
		if err := f.reply(f.AgentCtx, other, "Hello, how can I help?"); err != nil {
			t.Fatal(err)
		}
		for i := range proofdesk.SubjectMessages + 2 {
			f.say(t, other, fmt.Sprintf("part %d", i))
		}
		convs := sqldb.NewConversationService(db)
		got, err := convs.FindSubjectContexts(context.Background(), []string{f.Conv.ID, other.ID, "cnv_unknown"})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := got["cnv_unknown"]; ok || len(got) != 2 {
			t.Fatalf("got contexts for %d conversations, want 2 (no unknown)", len(got))
		}
		if !got[f.Conv.ID].CodesIssued || got[other.ID].CodesIssued {
			t.Fatalf("CodesIssued=%v,%v, want true for the conversation with a request only", got[f.Conv.ID].CodesIssued, got[other.ID].CodesIssued)
		}
		want := customerBodies(t, convs, other.ID)[:proofdesk.SubjectMessages]
		var bodies []string
		for _, m := range got[other.ID].First {
			bodies = append(bodies, m.Body)
		}
		if diff := cmp.Diff(want, bodies); diff != "" {
			t.Fatalf("first messages (-want +got):\n%s", diff)
		}
	})
}

// customerBodies returns the bodies of conversation id's messages not
// written by an agent, oldest first, as FindMessages reads them.
func customerBodies(t *testing.T, convs *sqldb.ConversationService, id string) []string {
	t.Helper()
	msgs, err := convs.FindMessages(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var bodies []string
	for _, m := range msgs {
		if m.AuthorKind != proofdesk.AuthorAgent {
			bodies = append(bodies, m.Body)
		}
	}
	return bodies
}

// TestFindSubjectContexts_Later: each row's Later is its own
// conversation's latest SubjectLater messages not written by an agent
// after its first SubjectMessages, oldest first; a row with no more than
// its first has an empty Later, one with fewer none. The page's rows are
// read in one query, on the first call of any row's Later: a message
// written to row 2 after row 1's Later was called is not in row 2's
// (the page's read was made then).
func TestFindSubjectContexts_Later(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		convs := sqldb.NewConversationService(db)
		ctx := context.Background()
		later := map[int]int{0: proofdesk.SubjectLater + 3, 1: 2, 2: 1, 3: 0}
		var page []*proofdesk.Conversation
		for i := range 5 {
			c := f.NewConversation(t)
			page = append(page, c)
			if i == 4 {
				f.say(t, c, "only one") // fewer than SubjectMessages: no Later
				continue
			}
			for k := range proofdesk.SubjectMessages + later[i] {
				f.say(t, c, fmt.Sprintf("row %d message %d", i, k))
				if k == 2 || k == proofdesk.SubjectMessages {
					if err := f.reply(f.AgentCtx, c, fmt.Sprintf("agent on row %d", i)); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		// want: each row's messages not written by an agent, after the
		// first SubjectMessages, the latest SubjectLater of them.
		want := map[string][]string{}
		for _, c := range page {
			bodies := customerBodies(t, convs, c.ID)
			if len(bodies) > proofdesk.SubjectMessages {
				bodies = bodies[proofdesk.SubjectMessages:]
				want[c.ID] = bodies[max(0, len(bodies)-proofdesk.SubjectLater):]
			}
		}
		ids := []string{page[0].ID, page[1].ID, page[2].ID, page[3].ID, page[4].ID}
		got, err := convs.FindSubjectContexts(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		if got[page[4].ID].Later != nil {
			t.Fatal("a row with fewer than SubjectMessages messages has a Later")
		}
		// Row 1's Later reads the page's; then row 2 gets a message.
		read := func(c *proofdesk.Conversation) []string {
			t.Helper()
			l := got[c.ID].Later
			if l == nil {
				t.Fatalf("row %s has no Later", c.ID)
			}
			var bodies []string
			for _, m := range l() {
				if m.ConversationID != c.ID {
					t.Fatalf("row %s's Later holds message %s of conversation %s", c.ID, m.ID, m.ConversationID)
				}
				bodies = append(bodies, m.Body)
			}
			return bodies
		}
		if diff := cmp.Diff(want[page[1].ID], read(page[1])); diff != "" {
			t.Fatalf("row 1's later messages (-want +got):\n%s", diff)
		}
		f.say(t, page[2], "written after the page was read")
		for i, c := range page[:4] {
			if diff := cmp.Diff(want[c.ID], read(c)); diff != "" {
				t.Fatalf("row %d's later messages (-want +got):\n%s", i, diff)
			}
		}
		if n := len(want[page[0].ID]); n != proofdesk.SubjectLater {
			t.Fatalf("row 0 wants %d later messages, want SubjectLater: the test proves nothing", n)
		}
	})
}

// TestSubject_LaterPage: a list's page of rows whose subjects each hold
// the first half of a known code ("code 482"), the rest only in a later
// message ("913"), after five of chatter: every row hides it, read with
// the page's contexts; a row whose subject holds the first half of
// another row's code, and no rest, shows its subject (no row reads
// another's later messages). The rows are of different customers or
// none, so that Elsewhere does not read them either.
func TestSubject_LaterPage(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		convs := sqldb.NewConversationService(db)
		ctx := context.Background()
		codes := []string{"482913", "517204", "639058"}
		newConv := func(subject string, bodies ...string) *proofdesk.Conversation {
			t.Helper()
			c := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Subject: subject, Requester: proofdesk.Requester{Email: "someone@example.com"}}
			if err := convs.CreateConversation(f.AgentCtx, c, nil); err != nil {
				t.Fatal(err)
			}
			for _, b := range bodies {
				f.say(t, c, b)
			}
			return c
		}
		chatter := []string{"hello", "anyone?", "please", "it is urgent", "the code is in the subject"}
		// The bystander first: its subject holds the first half of the
		// second row's code.
		page := []*proofdesk.Conversation{newConv("code 482", append(chatter, "no digits here")...)}
		for _, code := range codes {
			page = append(page, newConv("code "+code[:3], append(chatter, "then "+code[3:])...))
		}
		vc := proofdesk.ViewContext{KnownCode: func(c string) bool { return slices.Contains(codes, c) }}
		scs, err := proofdesk.FindSubjectContexts(ctx, convs, page...)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range page {
			want := "code [code hidden]"
			if i == 0 {
				want = c.Subject
			}
			if got := vc.Subject(c.Subject, scs[c.ID]); got != want {
				t.Fatalf("row %d: Subject(%q)=%q, want %q", i, c.Subject, got, want)
			}
		}
	})
}

// TestFindSubjectContexts_Elsewhere: each row's Elsewhere is what its
// customer wrote in their other conversations in the last
// RecentCodeWindow (their subjects, as a first text, and their customer
// messages; a conversation started before the window only for its
// messages since), oldest first, never its own conversation's and never
// another customer's, as MessagesElsewhere reads it for one
// conversation. The page's customers are read in one query, on the
// first call of any row's Elsewhere: a message written to customer B's
// other conversation after row A1's Elsewhere was called is not in row
// B's. A known code split between a subject ("code 482") and another
// conversation of the customer ("913") is hidden on every row of that
// customer, and not on another customer's row with the same subject.
func TestFindSubjectContexts_Elsewhere(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		convs := sqldb.NewConversationService(db)
		ctx := context.Background()
		custB := newCustomer(t, "", "b@example.com", "+14155550199")
		if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, custB); err != nil {
			t.Fatal(err)
		}
		// texts: each customer's texts in the window, in the order
		// written, with their conversation.
		type text struct{ conv, body string }
		texts := map[string][]text{}
		newConv := func(custID, subject string) *proofdesk.Conversation {
			t.Helper()
			c := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: custID, Subject: subject, Requester: proofdesk.Requester{Email: "someone@example.com"}}
			if err := convs.CreateConversation(f.AgentCtx, c, nil); err != nil {
				t.Fatal(err)
			}
			texts[custID] = append(texts[custID], text{c.ID, subject})
			return c
		}
		say := func(c *proofdesk.Conversation, body string) {
			t.Helper()
			f.say(t, c, body)
			texts[c.CustomerID] = append(texts[c.CustomerID], text{c.ID, body})
		}
		a, b := f.Cust.ID, custB.ID
		// Before the window: a conversation of A's, its subject and first
		// message out of it, a later message in it.
		old := newConv(a, "old order 77")
		say(old, "old message 55")
		f.Clk.Add(proofdesk.RecentCodeWindow + time.Minute)
		texts[a] = nil
		say(old, "a new message on the old order")
		// The page: two rows of A's, one of B's, one of no customer's,
		// each with the first half of a code in its subject; the rest of
		// A's codes in another conversation of A's, right after each,
		// and B's other conversation holds none (were A's read as B's,
		// B's "482" and A's "913" would spell A1's code).
		rowA1 := newConv(a, "code 482")
		say(rowA1, "hello from the first row")
		rowB := newConv(b, "code 482")
		say(rowB, "hello from the second row")
		otherA := newConv(a, "shipping")
		say(otherA, "913")
		rowA2 := newConv(a, "code 517")
		say(rowA2, "hello from the third row")
		none := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Subject: "code 482", Requester: proofdesk.Requester{Email: "x@example.com"}}
		if err := convs.CreateConversation(f.AgentCtx, none, nil); err != nil {
			t.Fatal(err)
		}
		otherB := newConv(b, "")
		texts[b] = texts[b][:len(texts[b])-1] // no subject, no text
		say(otherB, "b elsewhere 77")
		say(otherA, "204")
		if err := f.reply(f.AgentCtx, otherA, "agent text 999"); err != nil {
			t.Fatal(err)
		}

		page := []*proofdesk.Conversation{rowA1, rowB, rowA2, none}
		scs, err := proofdesk.FindSubjectContexts(ctx, convs, page...)
		if err != nil {
			t.Fatal(err)
		}
		if scs[none.ID].Elsewhere != nil {
			t.Fatal("a row of no customer has an Elsewhere")
		}
		read := func(c *proofdesk.Conversation) []text {
			t.Helper()
			e := scs[c.ID].Elsewhere
			if e == nil {
				t.Fatalf("row %s has no Elsewhere", c.ID)
			}
			var got []text
			for _, m := range e() {
				got = append(got, text{m.ConversationID, m.Body})
			}
			return got
		}
		want := func(c *proofdesk.Conversation) []text {
			var out []text
			for _, x := range texts[c.CustomerID] {
				if x.conv != c.ID {
					out = append(out, x)
				}
			}
			return out
		}
		opts := cmp.AllowUnexported(text{})
		// Row A1 reads the page's; then B's other conversation gets a
		// message.
		gotA1 := read(rowA1)
		f.say(t, otherB, "written after the page was read")
		for _, c := range []*proofdesk.Conversation{rowA1, rowB, rowA2} {
			got := read(c)
			if c == rowA1 {
				got = gotA1
			}
			if diff := cmp.Diff(want(c), got, opts); diff != "" {
				t.Fatalf("row %s's texts elsewhere (-want +got):\n%s", c.ID, diff)
			}
			// The one conversation's read (a webhook's, the API's):
			// the same texts.
			one, err := db.Read().MessagesElsewhere(ctx, c.ID, db.Now().Add(-proofdesk.RecentCodeWindow))
			if err != nil {
				t.Fatal(err)
			}
			var ones []text
			for _, m := range one {
				ones = append(ones, text{m.ConversationID, m.Body})
			}
			if c != rowB { // B's other conversation has a message since
				if diff := cmp.Diff(want(c), ones, opts); diff != "" {
					t.Fatalf("MessagesElsewhere(%s) (-want +got):\n%s", c.ID, diff)
				}
			}
		}
		if n := len(want(rowA1)); n != 6 {
			t.Fatalf("row A1 wants %d texts elsewhere: the test proves nothing", n)
		}

		vc := proofdesk.ViewContext{KnownCode: func(c string) bool { return c == "482913" || c == "517204" }}
		for _, c := range page {
			want := "code [code hidden]"
			if c.CustomerID != a {
				want = c.Subject
			}
			if got := vc.Subject(c.Subject, scs[c.ID]); got != want {
				t.Fatalf("row %s: Subject(%q)=%q, want %q", c.ID, c.Subject, got, want)
			}
		}
	})
}

// TestFindSubjectContexts_ElsewhereShredded: a conversation of the
// customer whose data key was destroyed is left out of a row's
// Elsewhere (and of MessagesElsewhere), and the customer's other
// conversations are still read.
func TestFindSubjectContexts_ElsewhereShredded(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		convs := sqldb.NewConversationService(db)
		ctx := context.Background()
		newConv := func(subject, body string) *proofdesk.Conversation {
			t.Helper()
			c := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: f.Cust.ID, Subject: subject, Requester: proofdesk.Requester{Email: "someone@example.com"}}
			if err := convs.CreateConversation(f.AgentCtx, c, nil); err != nil {
				t.Fatal(err)
			}
			f.say(t, c, body)
			return c
		}
		row := newConv("code 482", "hello")
		shredded := newConv("shredded subject", "shredded body")
		kept := newConv("kept subject", "kept body")
		keyID, err := sqldb.RawString(ctx, db, `SELECT data_key_id FROM conversations WHERE id = ?`, shredded.ID)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := db.DestroyDataKeys(ctx, []string{keyID}); err != nil || n != 1 {
			t.Fatalf("DestroyDataKeys = %d, %v; want 1", n, err)
		}
		scs, err := convs.FindSubjectContexts(ctx, []string{row.ID})
		if err != nil {
			t.Fatal(err)
		}
		one, err := db.Read().MessagesElsewhere(ctx, row.ID, db.Now().Add(-proofdesk.RecentCodeWindow))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"kept subject", "kept body"}
		for name, msgs := range map[string][]*proofdesk.Message{"Elsewhere": scs[row.ID].Elsewhere(), "MessagesElsewhere": one} {
			var got []string
			for _, m := range msgs {
				if m.ConversationID != kept.ID {
					t.Fatalf("%s holds a text of conversation %s, want %s's only", name, m.ConversationID, kept.ID)
				}
				got = append(got, m.Body)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("%s (-want +got):\n%s", name, diff)
			}
		}
	})
}

// TestFindSubjectContexts_ElsewhereLatest: of another conversation, a
// row's Elsewhere holds the latest MaxElsewhere customer messages,
// oldest first, as MessagesElsewhere does.
func TestFindSubjectContexts_ElsewhereLatest(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		convs := sqldb.NewConversationService(db)
		ctx := context.Background()
		row := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: f.Cust.ID, Subject: "code 482", Requester: proofdesk.Requester{Email: "someone@example.com"}}
		if err := convs.CreateConversation(f.AgentCtx, row, nil); err != nil {
			t.Fatal(err)
		}
		other := f.NewConversation(t) // no subject
		var want []string
		for i := range sqldb.MaxElsewhere + 3 {
			body := fmt.Sprintf("message %c", 'a'+rune(i%26)) + strings.Repeat("!", i/26)
			f.say(t, other, body)
			want = append(want, body)
		}
		want = want[3:]
		scs, err := convs.FindSubjectContexts(ctx, []string{row.ID})
		if err != nil {
			t.Fatal(err)
		}
		one, err := db.Read().MessagesElsewhere(ctx, row.ID, db.Now().Add(-proofdesk.RecentCodeWindow))
		if err != nil {
			t.Fatal(err)
		}
		for name, msgs := range map[string][]*proofdesk.Message{"Elsewhere": scs[row.ID].Elsewhere(), "MessagesElsewhere": one} {
			var got []string
			for _, m := range msgs {
				got = append(got, m.Body)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("%s (-want +got):\n%s", name, diff)
			}
		}
	})
}
