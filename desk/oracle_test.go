package desk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/guard"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// reply posts body as the fixture's agent on conv.
func (f *fixture) reply(ctx context.Context, convID, body string) error {
	return sqldb.NewConversationService(f.DB).CreateMessage(ctx, &proofdesk.Message{ConversationID: convID,
		AuthorKind: proofdesk.AuthorAgent, AuthorID: proofdesk.AgentFromContext(ctx).ID, Body: body})
}

func auditOf(t *testing.T, db *sqldb.DB, action string) []*proofdesk.AuditEntry {
	t.Helper()
	es, err := sqldb.NewAuditService(db).FindAuditEntries(context.Background(), proofdesk.AuditFilter{Action: &action})
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func ruleOf(err error) string {
	var e *proofdesk.Error
	if !errorsAs(err, &e) {
		return ""
	}
	s, _ := e.Details["rule"].(string)
	return s
}

// An agent whose replies keep being blocked is audited for each, then
// paused past the limit: supervisors are alerted (audit and email), every
// reply and lookup of that agent is refused with rule oracle.paused, notes
// still work, other agents are unaffected, and the pause lifts when a
// supervisor clears it or the hour passes.
func TestOracleBlockedRepliesPauseTheAgent(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		d := desk.New(db, desk.Config{OracleLimitPerHour: 3, RevealAlertPerHour: 100})
		guesses := []string{"Is it +1 415 555 0123?", "Your number is 415-555-0123.", "I have (415) 555 0123 on file.", "+14155550123"}
		for i, g := range guesses {
			err := f.reply(f.AgentCtx, f.Conv.ID, g)
			if proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
				t.Fatalf("guess %d: err = %v, want EDISCLOSURE", i, err)
			}
		}
		blocked := auditOf(t, db, proofdesk.AuditDisclosureBlocked)
		if len(blocked) != len(guesses) {
			t.Fatalf("%d guard.blocked entries, want %d", len(blocked), len(guesses))
		}
		for _, e := range blocked {
			if e.ActorID != f.Agent.ID || e.ActorKind != proofdesk.ActorAgent {
				t.Fatalf("blocked entry %d by %s %q, want the agent", e.Seq, e.ActorKind, e.ActorID)
			}
			if strings.Contains(strings.Join(values(e.Detail), " "), "555") {
				t.Fatalf("blocked entry %d holds the text: %v", e.Seq, e.Detail)
			}
		}
		alerts := auditOf(t, db, proofdesk.AuditAlert)
		if len(alerts) != 1 || alerts[0].Detail["alert"] != "guard_oracle" {
			t.Fatalf("alerts = %+v, want one guard_oracle", alerts)
		}
		msgs, err := sqldb.NewOutboxService(db).FindOutbox(context.Background(), 100)
		if err != nil {
			t.Fatal(err)
		}
		mailed := false
		for _, m := range msgs {
			if m.Purpose == "alert" && m.To == f.Supervisor.Email && strings.Contains(m.Body, f.Agent.ID) && strings.Contains(m.Subject, "guard_oracle") {
				mailed = true
			}
			if m.Purpose == "alert" && strings.Contains(m.Body, "555") {
				t.Fatal("the alert holds the guessed value")
			}
		}
		if !mailed {
			t.Fatal("no guard_oracle alert mailed to the supervisor")
		}

		// Paused: even an innocent reply is refused (refused-or-sent
		// would still answer), and so is a lookup.
		err = f.reply(f.AgentCtx, f.Conv.ID, "Thanks, I am looking into it.")
		if proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN || ruleOf(err) != proofdesk.RulePaused {
			t.Fatalf("reply while paused: err = %v, want EFORBIDDEN %s", err, proofdesk.RulePaused)
		}
		if !strings.Contains(proofdesk.ErrorMessage(err), "paused until") {
			t.Fatalf("message %q does not say until when", proofdesk.ErrorMessage(err))
		}
		if _, _, err := d.LookupCustomers(f.AgentCtx, proofdesk.CustomerFilter{Email: ptr("jane@example.com")}); ruleOf(err) != proofdesk.RulePaused {
			t.Fatalf("lookup while paused: err = %v", err)
		}
		if n := len(auditOf(t, db, proofdesk.AuditDisclosureBlocked)); n != len(guesses) {
			t.Fatalf("refusals while paused counted as blocks: %d", n)
		}
		if n := len(auditOf(t, db, proofdesk.AuditReplyRefused)); n != 1 {
			t.Fatalf("%d reply.refused entries, want 1", n)
		}
		note := &proofdesk.Message{ConversationID: f.Conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "customer seems upset", Internal: true}
		if err := sqldb.NewConversationService(db).CreateMessage(f.AgentCtx, note); err != nil {
			t.Fatalf("note while paused: %v", err)
		}
		if err := f.reply(f.SupCtx, f.Conv.ID, "Hello, a supervisor here."); err != nil {
			t.Fatalf("another agent is paused too: %v", err)
		}
		// The agent and a supervisor read the pause (Decide, DoViewPause);
		// a colleague does not, and nobody unsigned.
		for _, ctx := range []context.Context{f.AgentCtx, f.SupCtx} {
			if until, err := d.PausedUntil(ctx, f.Agent.ID); err != nil || until.IsZero() {
				t.Fatalf("PausedUntil = %v, %v", until, err)
			}
		}
		bob := &proofdesk.Agent{Email: "bob@desk.example", Name: "Bob", Role: proofdesk.RoleAgent, PasswordHash: "x"}
		if err := sqldb.NewAgentService(db).CreateAgent(context.Background(), bob); err != nil {
			t.Fatal(err)
		}
		if _, err := d.PausedUntil(proofdesk.NewContextWithAgent(context.Background(), bob), f.Agent.ID); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("a colleague reads the pause: %v", err)
		}
		if _, err := d.PausedUntil(context.Background(), f.Agent.ID); proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
			t.Fatalf("nobody reads the pause: %v", err)
		}

		// Only a supervisor clears it, with a reason.
		if err := d.ClearPause(f.AgentCtx, f.Agent.ID, "I was testing"); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("agent clears own pause: err = %v", err)
		}
		if err := d.ClearPause(f.SupCtx, f.Agent.ID, ""); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("clear without reason: err = %v", err)
		}
		if err := d.ClearPause(f.SupCtx, "agt_nobody", "talked to them"); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("clear unknown agent: err = %v", err)
		}
		if err := d.ClearPause(f.SupCtx, f.Agent.ID, "talked to them"); err != nil {
			t.Fatal(err)
		}
		if err := f.reply(f.AgentCtx, f.Conv.ID, "Thanks, I am looking into it."); err != nil {
			t.Fatalf("reply after clear: %v", err)
		}

		// Past the limit again, then an hour later it has lifted.
		for i := 0; i < 4; i++ {
			_ = f.reply(f.AgentCtx, f.Conv.ID, guesses[i])
		}
		if err := f.reply(f.AgentCtx, f.Conv.ID, "One moment please."); ruleOf(err) != proofdesk.RulePaused {
			t.Fatalf("second pause: err = %v", err)
		}
		if n := len(auditOf(t, db, proofdesk.AuditAlert)); n != 2 {
			t.Fatalf("%d alerts, want 2 (one per pause)", n)
		}
		later := time.Now().Add(61 * time.Minute)
		db.SetNow(func() time.Time { return later })
		if err := f.reply(f.AgentCtx, f.Conv.ID, "One moment please."); err != nil {
			t.Fatalf("reply an hour later: %v", err)
		}
	})
}

// Each exact-value lookup is audited under the agent (the kind of key,
// never the value) and counts towards the pause; the integration's are not
// (it is the system of record).
func TestOracleLookupsAreAuditedAndCounted(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		d := desk.New(db, desk.Config{OracleLimitPerHour: 100, LookupLimitPerHour: 3, RevealAlertPerHour: 100})
		integ := proofdesk.NewContextWithAgent(context.Background(), &proofdesk.Agent{ID: "itk_1", Role: proofdesk.RoleIntegration})
		for i := 0; i < 10; i++ {
			if _, _, err := d.LookupCustomers(integ, proofdesk.CustomerFilter{ExternalID: ptr("u-1")}); err != nil {
				t.Fatalf("integration lookup %d: %v", i, err)
			}
		}
		if n := len(auditOf(t, db, proofdesk.AuditLookup)); n != 0 {
			t.Fatalf("%d lookups audited for the integration, want 0", n)
		}
		guesses := []string{"jane@example.com", "jane.doe@example.com", "jdoe@example.com", "j@example.com"}
		for i, g := range guesses {
			cs, _, err := d.LookupCustomers(f.AgentCtx, proofdesk.CustomerFilter{Email: ptr(g)})
			if err != nil {
				t.Fatalf("lookup %d: %v", i, err)
			}
			if want := i == 0; (len(cs) == 1) != want {
				t.Fatalf("lookup %d found %d", i, len(cs))
			}
		}
		looks := auditOf(t, db, proofdesk.AuditLookup)
		if len(looks) != len(guesses) {
			t.Fatalf("%d lookups audited, want %d", len(looks), len(guesses))
		}
		for _, e := range looks {
			if e.ActorID != f.Agent.ID || strings.Contains(strings.Join(values(e.Detail), " "), "example.com") {
				t.Fatalf("lookup entry %+v", e)
			}
		}
		if e := looks[0]; e.Detail["by"] != "[email]" || e.Detail["found"] != "1" || e.SubjectID != f.Cust.ID {
			t.Fatalf("lookup detail = %v", e.Detail)
		}
		if _, _, err := d.LookupCustomers(f.AgentCtx, proofdesk.CustomerFilter{Phone: ptr("+14155550123")}); ruleOf(err) != proofdesk.RulePaused {
			t.Fatalf("lookup past the limit: err = %v", err)
		}
		if n := len(auditOf(t, db, proofdesk.AuditLookupRefused)); n != 1 {
			t.Fatalf("%d lookup refusals audited, want 1", n)
		}
		if err := f.reply(f.AgentCtx, f.Conv.ID, "Thanks for waiting."); ruleOf(err) != proofdesk.RulePaused {
			t.Fatalf("reply after too many lookups: err = %v", err)
		}
		if alerts := auditOf(t, db, proofdesk.AuditAlert); len(alerts) != 1 || alerts[0].Detail["alert"] != "guard_oracle" {
			t.Fatalf("alerts = %+v", alerts)
		}
	})
}

// A reply listing many candidate values of one class is refused as
// enumeration, whatever it matches (here: nothing on file), audited and
// counted like any block.
func TestOracleEnumerationIsRefusedAndAudited(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		desk.New(db, desk.Config{OracleLimitPerHour: 10, RevealAlertPerHour: 100})
		lists := []string{
			"Is your birthday 1980-01-01, 1980-01-02, 1980-01-03, 1980-01-04, 1980-01-05 or 1980-01-06?",
			"Does your card end in 1111, 2222, 3333, 5555, 6666, 7777 or 8888?",
			"Which one is yours: a@x.example, b@x.example, c@x.example, d@x.example, e@x.example?",
			"Geburtstag: 01.02.1981, 02.02.1981, 03.02.1981, 04.02.1981, 05.02.1981, 06.02.1981?",
		}
		for i, body := range lists {
			err := f.reply(f.AgentCtx, f.Conv.ID, body)
			if proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE || ruleOf(err) != guard.RuleEnumeration {
				t.Fatalf("list %d: err = %v (rule %q), want EDISCLOSURE %s", i, err, ruleOf(err), guard.RuleEnumeration)
			}
		}
		blocked := auditOf(t, db, proofdesk.AuditDisclosureBlocked)
		if len(blocked) != len(lists) {
			t.Fatalf("%d blocks audited, want %d", len(blocked), len(lists))
		}
		for _, e := range blocked {
			if e.Detail["rule"] != guard.RuleEnumeration || e.ActorID != f.Agent.ID {
				t.Fatalf("entry %+v", e)
			}
		}
	})
}

// The insider alert counts blocked replies and lookups like reveals.
func TestInsiderAlertCountsBlocksAndLookups(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		d := desk.New(db, desk.Config{OracleLimitPerHour: 100, RevealAlertPerHour: 2})
		if _, _, err := d.LookupCustomers(f.AgentCtx, proofdesk.CustomerFilter{Email: ptr("jane@example.com")}); err != nil {
			t.Fatal(err)
		}
		if err := f.reply(f.AgentCtx, f.Conv.ID, "Is it +1 415 555 0123?"); proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
			t.Fatal(err)
		}
		if n := len(auditOf(t, db, proofdesk.AuditAlert)); n != 0 {
			t.Fatalf("%d alerts at the threshold, want 0", n)
		}
		if _, _, err := d.LookupCustomers(f.AgentCtx, proofdesk.CustomerFilter{Phone: ptr("+14155550123")}); err != nil {
			t.Fatal(err)
		}
		if alerts := auditOf(t, db, proofdesk.AuditAlert); len(alerts) != 1 || alerts[0].Detail["alert"] != "reveal_volume" {
			t.Fatalf("alerts = %+v, want one reveal_volume", alerts)
		}
	})
}

// A new conversation per guess is no way around the count: a blocked
// first message is audited under the agent and counted, and nothing of
// the conversation is kept.
func TestOracleBlockedFirstMessageCounts(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		desk.New(db, desk.Config{OracleLimitPerHour: 2, RevealAlertPerHour: 100})
		convs := sqldb.NewConversationService(db)
		for i := 0; i < 3; i++ {
			conv := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: f.Cust.ID, AssigneeID: f.Agent.ID,
				Requester: proofdesk.Requester{Name: "Jane Doe", Email: "attacker@example.net"}}
			first := &proofdesk.Message{AuthorKind: proofdesk.AuthorAgent, AuthorID: f.Agent.ID, Body: "Hi Jane, is your number +1 415 555 0123?"}
			if err := convs.CreateConversation(f.AgentCtx, conv, first); proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
				t.Fatalf("guess %d: err = %v, want EDISCLOSURE", i, err)
			}
			if _, err := convs.FindConversationByID(f.AgentCtx, conv.ID); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
				t.Fatalf("the refused conversation was kept: %v", err)
			}
		}
		if n := len(auditOf(t, db, proofdesk.AuditDisclosureBlocked)); n != 3 {
			t.Fatalf("%d blocks audited, want 3", n)
		}
		if err := f.reply(f.AgentCtx, f.Conv.ID, "Hello"); ruleOf(err) != proofdesk.RulePaused {
			t.Fatalf("after 3 blocked first messages (limit 2): err = %v, want paused", err)
		}
	})
}

// The subject an agent gives a new conversation leaves with every email
// reply on it, so it passes the guard like a reply: a customer's phone in
// it is blocked at L0, audited, and nothing of the conversation is kept;
// the same conversation without it is created.
func TestAgentSubjectPassesTheGuard(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		desk.New(db, desk.Config{OracleLimitPerHour: 100, RevealAlertPerHour: 100})
		convs := sqldb.NewConversationService(db)
		newConv := func(subject string) *proofdesk.Conversation {
			return &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: f.Cust.ID, Subject: subject,
				Requester: proofdesk.Requester{Name: "Jane Doe", Email: "attacker@example.net"}}
		}
		leak := newConv("Your number +1 415 555 0123")
		if err := convs.CreateConversation(f.AgentCtx, leak, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "hi"}); proofdesk.ErrorCode(err) != proofdesk.EDISCLOSURE {
			t.Fatalf("subject with the phone on file: err = %v, want EDISCLOSURE", err)
		}
		if _, err := convs.FindConversationByID(f.AgentCtx, leak.ID); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("the refused conversation was kept: %v", err)
		}
		if n := len(auditOf(t, db, proofdesk.AuditDisclosureBlocked)); n != 1 {
			t.Fatalf("%d blocks audited, want 1", n)
		}
		if err := convs.CreateConversation(f.AgentCtx, newConv("Your parcel"), &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: "hi"}); err != nil {
			t.Fatalf("innocent subject: %v", err)
		}
	})
}

// An agent who opens conversations with guessed requester phones or emails
// on a customer (at creation, or by linking one afterwards) reads from the
// risk signals whether each is on file: each counts as an exact-value
// lookup, audited under the agent (never the value), and past the hourly
// lookup limit the agent is paused — the next such conversation is refused
// and not created, and so is a lookup. The integration, and a conversation
// whose requester gave only a name, are not counted.
func TestOracleRequesterClaimsCountAsLookups(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		ctx := context.Background()
		d := desk.New(db, desk.Config{OracleLimitPerHour: 100, LookupLimitPerHour: 3, RevealAlertPerHour: 100})
		convs := d.Conversations(sqldb.NewConversationService(db))
		integ := proofdesk.NewContextWithAgent(ctx, &proofdesk.Agent{ID: "itk_1", Role: proofdesk.RoleIntegration})
		for i := range 5 {
			c := &proofdesk.Conversation{Channel: proofdesk.ChannelAPI, CustomerID: f.Cust.ID, Requester: proofdesk.Requester{Phone: "+1415555012" + string(rune('0'+i))}}
			if err := convs.CreateConversation(integ, c, nil); err != nil {
				t.Fatalf("integration conversation %d: %v", i, err)
			}
		}
		named := &proofdesk.Conversation{Channel: proofdesk.ChannelPhone, CustomerID: f.Cust.ID, Requester: proofdesk.Requester{Name: "Jane"}}
		if err := convs.CreateConversation(f.AgentCtx, named, nil); err != nil {
			t.Fatal(err)
		}
		if n := len(auditOf(t, db, proofdesk.AuditLookup)); n != 0 {
			t.Fatalf("%d lookups audited before any guess, want 0", n)
		}
		risk := func(id string) []string {
			r, err := sqldb.NewConversationService(db).FindRisk(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			return r.Signals
		}
		// Two guesses at creation, one by linking afterwards.
		guesses := []proofdesk.Requester{{Phone: "+14155550199"}, {Email: "jane@example.com"}}
		var ids []string
		for i, g := range guesses {
			c := &proofdesk.Conversation{Channel: proofdesk.ChannelPhone, CustomerID: f.Cust.ID, Requester: g}
			if err := convs.CreateConversation(f.AgentCtx, c, nil); err != nil {
				t.Fatalf("guess %d: %v", i, err)
			}
			ids = append(ids, c.ID)
		}
		if !contains(risk(ids[0]), proofdesk.SignalContactNotOnFile) || contains(risk(ids[1]), proofdesk.SignalContactNotOnFile) {
			t.Fatalf("risk signals %v / %v: the oracle this test is about is not there", risk(ids[0]), risk(ids[1]))
		}
		unlinked := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Requester: proofdesk.Requester{Email: "jdoe@example.com"}}
		if err := convs.CreateConversation(f.AgentCtx, unlinked, nil); err != nil {
			t.Fatal(err)
		}
		if n := len(auditOf(t, db, proofdesk.AuditLookup)); n != 2 {
			t.Fatalf("%d lookups audited after 2 guesses and an unlinked conversation, want 2", n)
		}
		if _, err := convs.UpdateConversation(f.AgentCtx, unlinked.ID, proofdesk.ConversationUpdate{CustomerID: &f.Cust.ID}); err != nil {
			t.Fatalf("link: %v", err)
		}
		looks := auditOf(t, db, proofdesk.AuditLookup)
		if len(looks) != 3 {
			t.Fatalf("%d lookups audited, want 3", len(looks))
		}
		for _, e := range looks {
			if e.ActorID != f.Agent.ID || e.SubjectID != f.Cust.ID || e.Detail["via"] != "conversation" ||
				strings.Contains(strings.Join(values(e.Detail), " "), "example.com") || strings.Contains(strings.Join(values(e.Detail), " "), "555") {
				t.Fatalf("lookup entry %+v", e)
			}
		}
		if looks[0].Detail["by"] != "[requester_phone]" || looks[2].Detail["by"] != "[requester_email]" || looks[2].Detail["conversation_id"] != unlinked.ID {
			t.Fatalf("lookup details %v / %v", looks[0].Detail, looks[2].Detail)
		}
		// One more guess passes the limit: the alert, then the pause.
		over := &proofdesk.Conversation{Channel: proofdesk.ChannelPhone, CustomerID: f.Cust.ID, Requester: proofdesk.Requester{Phone: "+14155550177"}}
		if err := convs.CreateConversation(f.AgentCtx, over, nil); err != nil {
			t.Fatalf("fourth guess: %v", err)
		}
		if alerts := auditOf(t, db, proofdesk.AuditAlert); len(alerts) != 1 || alerts[0].Detail["alert"] != "guard_oracle" {
			t.Fatalf("alerts = %+v, want one guard_oracle", alerts)
		}
		paused := &proofdesk.Conversation{Channel: proofdesk.ChannelPhone, CustomerID: f.Cust.ID, Requester: proofdesk.Requester{Phone: "+14155550123"}}
		if err := convs.CreateConversation(f.AgentCtx, paused, nil); ruleOf(err) != proofdesk.RulePaused {
			t.Fatalf("guess while paused: err = %v, want %s", err, proofdesk.RulePaused)
		}
		if paused.ID != "" {
			t.Fatalf("a conversation was created while paused: %s", paused.ID)
		}
		if n := len(auditOf(t, db, proofdesk.AuditLookupRefused)); n != 1 {
			t.Fatalf("%d lookup refusals audited, want 1", n)
		}
		relink := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Requester: proofdesk.Requester{Email: "j.doe@example.com"}}
		if err := convs.CreateConversation(f.AgentCtx, relink, nil); err != nil {
			t.Fatalf("an unlinked conversation while paused: %v", err)
		}
		if _, err := convs.UpdateConversation(f.AgentCtx, relink.ID, proofdesk.ConversationUpdate{CustomerID: &f.Cust.ID}); ruleOf(err) != proofdesk.RulePaused {
			t.Fatalf("link while paused: err = %v, want %s", err, proofdesk.RulePaused)
		}
		if c, _ := sqldb.NewConversationService(db).FindConversationByID(ctx, relink.ID); c.CustomerID != "" {
			t.Fatal("the link went through while paused")
		}
		if _, _, err := d.LookupCustomers(f.AgentCtx, proofdesk.CustomerFilter{Email: ptr("jane@example.com")}); ruleOf(err) != proofdesk.RulePaused {
			t.Fatalf("lookup while paused: err = %v", err)
		}
		// Another agent is not paused.
		if err := convs.CreateConversation(f.SupCtx, &proofdesk.Conversation{Channel: proofdesk.ChannelPhone, CustomerID: f.Cust.ID,
			Requester: proofdesk.Requester{Phone: "+14155550123"}}, nil); err != nil {
			t.Fatalf("the supervisor: %v", err)
		}
	})
}
