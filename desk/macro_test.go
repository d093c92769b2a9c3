package desk_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func TestMacros_PersonalSharedAndTheGate(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		mine, err := f.Desk.SaveMacro(f.AgentCtx, "", desk.MacroInput{Title: "Hello", Body: "Hi {{customer.first_name}}, {{agent.first_name}} here."})
		if err != nil || mine.Shared() {
			t.Fatalf("personal macro: %+v %v", mine, err)
		}
		shared, err := f.Desk.SaveMacro(f.AgentCtx, "", desk.MacroInput{Title: "Closing", Body: "Anything else?", Status: proofdesk.StatusResolved, Tags: []string{"Billing", "billing"}, Shared: true})
		if err != nil || !shared.Shared() || len(shared.Tags) != 1 || shared.Tags[0] != "billing" {
			t.Fatalf("shared macro: %+v %v", shared, err)
		}
		// Bad input names its field; nothing is stored.
		for _, in := range []desk.MacroInput{{Title: "", Body: "x"}, {Title: "x", Body: "{{customer.ssn}}"}, {Title: "x", Body: "y", Priority: "asap"}, {Title: "x", Body: "y", Status: "closed"}} {
			if _, err := f.Desk.SaveMacro(f.AgentCtx, "", in); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
				t.Fatalf("%+v: %v", in, err)
			}
		}
		// The supervisor sees the shared one, not the agent's own.
		// (besides the four built-in replies, shared since migration 0023)
		list, err := f.Desk.Macros(f.SupCtx)
		if err != nil || len(list) != 5 || !slices.ContainsFunc(list, func(m *proofdesk.Macro) bool { return m.ID == shared.ID }) ||
			slices.ContainsFunc(list, func(m *proofdesk.Macro) bool { return m.ID == mine.ID }) {
			t.Fatalf("supervisor's list: %d %v", len(list), err)
		}
		if list, _ := f.Desk.Macros(f.AgentCtx); len(list) != 6 {
			t.Fatalf("agent's list: %d", len(list))
		}
		// Another's personal macro is not found; a shared one is changed by a supervisor.
		if _, err := f.Desk.SaveMacro(f.SupCtx, mine.ID, desk.MacroInput{Title: "x", Body: "y"}); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("supervisor edits a personal macro: %v", err)
		}
		if _, err := f.Desk.SaveMacro(f.SupCtx, shared.ID, desk.MacroInput{Title: "Closing", Body: "Anything else I can do?", Shared: true}); err != nil {
			t.Fatalf("supervisor edits a shared macro: %v", err)
		}
		// An agent may not change a colleague's shared macro.
		other := &proofdesk.Agent{Email: "bob@desk.example", Name: "Bob", Role: proofdesk.RoleAgent, PasswordHash: "x"}
		if err := sqldb.NewAgentService(db).CreateAgent(context.Background(), other); err != nil {
			t.Fatal(err)
		}
		bobCtx := proofdesk.NewContextWithAgent(context.Background(), other)
		if err := f.Desk.DeleteMacro(bobCtx, shared.ID); proofdesk.ErrorCode(err) != proofdesk.EFORBIDDEN {
			t.Fatalf("agent deletes a colleague's shared macro: %v", err)
		}
		// A colleague's personal macro does not exist for Bob, to delete or
		// apply (Decide, DoViewMacro): not found as a missing one, no rule.
		missing := func(what string, err error) {
			t.Helper()
			var pe *proofdesk.Error
			if proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND || !errorsAs(err, &pe) || len(pe.Details) != 0 {
				t.Fatalf("%s: %v", what, err)
			}
		}
		missing("agent deletes a colleague's personal macro", f.Desk.DeleteMacro(bobCtx, mine.ID))
		_, err = f.Desk.ApplyMacro(bobCtx, f.Conv.ID, mine.ID)
		missing("agent applies a colleague's personal macro", err)
		_, err = f.Desk.SaveMacro(bobCtx, mine.ID, desk.MacroInput{Title: "x", Body: "y"})
		missing("agent edits a colleague's personal macro", err)
		if err := f.Desk.DeleteMacro(f.AgentCtx, mine.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.FindMacro(context.Background(), mine.ID); proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatalf("deleted macro: %v", err)
		}
	})
}

func TestMacros_PlaceholdersRefusedBelowTheirLevel(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		f := newFixture(t, db)
		// The name is L0 in the default policy... or not: ask the policy.
		text, err := f.Desk.FillReply(f.AgentCtx, f.Conv.ID, "Hello, this is {{agent.name}} ({{conversation.id}}).")
		if err != nil || text != "Hello, this is Ann Agent ("+f.Conv.ID+")." {
			t.Fatalf("agent placeholders: %q %v", text, err)
		}
		// L0: the address needs L1. Refused with that level, not filled masked.
		_, err = f.Desk.FillReply(f.AgentCtx, f.Conv.ID, "We ship to {{customer.address}}.")
		var pe *proofdesk.Error
		if proofdesk.ErrorCode(err) != proofdesk.EVERIFICATION || !errorsAs(err, &pe) || pe.Details["required_level"] != "L1" ||
			pe.Details["placeholder"] != "customer.address" || strings.Contains(pe.Message, "Evergreen") || strings.Contains(pe.Message, "7**") {
			t.Fatalf("address at L0: %v %+v", err, pe)
		}
		// Verify to L1: the holder gets it in clear from the view.
		info, _ := f.VS.IssueChallenge(f.AgentCtx, f.Conv.ID, f.EmailID)
		token, _ := f.LastSecret(t)
		if _, err := f.VS.ApproveByToken(context.Background(), token, info.Number); err != nil {
			t.Fatal(err)
		}
		text, err = f.Desk.FillReply(f.AgentCtx, f.Conv.ID, "Hi {{customer.first_name}}, we ship to {{customer.address}}.")
		if err != nil || text != "Hi Jane, we ship to 742 Evergreen Terrace, 97403 Springfield, US." {
			t.Fatalf("L1 fill: %q %v", text, err)
		}
		// Someone not holding the conversation fills as at L0: refused.
		if _, err := f.Desk.FillReply(f.SupCtx, f.Conv.ID, "{{customer.address}}"); proofdesk.ErrorCode(err) != proofdesk.EVERIFICATION {
			t.Fatalf("non-holder fill: %v", err)
		}
		// Payment-level data is not a placeholder at all; unknown ones are refused.
		if _, err := f.Desk.FillReply(f.AgentCtx, f.Conv.ID, "{{customer.card}}"); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("unknown placeholder: %v", err)
		}
		// Applying a macro: the text is filled, the status and tags set.
		m, err := f.Desk.SaveMacro(f.AgentCtx, "", desk.MacroInput{Title: "Shipped", Body: "Hi {{customer.first_name}}, it is on its way.", Status: proofdesk.StatusPending, Priority: "high", Tags: []string{"shipping"}})
		if err != nil {
			t.Fatal(err)
		}
		res, err := f.Desk.ApplyMacro(f.AgentCtx, f.Conv.ID, m.ID)
		if err != nil || res.Text != "Hi Jane, it is on its way." || res.Conversation.Status != proofdesk.StatusPending ||
			!contains(res.Conversation.Tags, "shipping") || res.Conversation.Priority != proofdesk.PriorityHigh {
			t.Fatalf("apply: %+v %v", res, err)
		}
		// The priority is the conversation's own (Conversation.Priority), stored.
		got, err := sqldb.NewConversationService(f.DB).FindConversationByID(f.AgentCtx, f.Conv.ID)
		if err != nil || got.Priority != proofdesk.PriorityHigh {
			t.Fatalf("stored priority: %+v %v", got, err)
		}
	})
}

// TestMacroWorkModel: a macro's team and tags are the work model's: a
// team is named by ID or name and stored by ID, an unknown team or an
// unmanaged tag is refused when the macro is saved, and applying the
// macro sets the conversation's priority, team and tags in one change.
func TestMacroWorkModel(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newWorkEnv(t, db)
		team := &proofdesk.Team{Name: "Billing"}
		if err := e.Desk.CreateTeam(e.adminCtx, team); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Desk.CreateTag(e.adminCtx, "refund"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Desk.SaveMacro(e.AgentCtx, "", desk.MacroInput{Title: "Lost", Body: "x", Team: "Shipping"}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("unknown team: %v", err)
		}
		if _, err := e.Desk.SaveMacro(e.AgentCtx, "", desk.MacroInput{Title: "Lost", Body: "x", Tags: []string{"unheard-of"}}); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			t.Fatalf("unmanaged tag: %v", err)
		}
		m, err := e.Desk.SaveMacro(e.AgentCtx, "", desk.MacroInput{Title: "Refund", Body: "We refund you.", Priority: proofdesk.PriorityUrgent, Team: "billing", Tags: []string{"refund"}})
		if err != nil || m.Team != team.ID {
			t.Fatalf("save: %+v %v", m, err)
		}
		res, err := e.Desk.ApplyMacro(e.AgentCtx, e.Conv.ID, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		c, err := e.convs.FindConversationByID(e.AgentCtx, e.Conv.ID)
		if err != nil || c.Priority != proofdesk.PriorityUrgent || c.Team != team.ID || !contains(c.Tags, "refund") || res.Text != "We refund you." {
			t.Fatalf("applied: %+v %v", c, err)
		}
	})
}
