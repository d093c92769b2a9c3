package desk

import (
	"context"
	"slices"
	"strings"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// Macros: canned replies an agent or admin creates, edits and shares,
// and the conversation changes applying one makes. Who may change a
// macro and which placeholders a conversation may fill are
// proofdesk.Decide's (DoEditMacro, DoFillPlaceholder).

// MacroInput is a macro's fields as an agent writes them; Shared makes
// it every agent's, else it is the author's own.
type MacroInput struct {
	Title    string   `json:"title"`
	Body     string   `json:"body"`
	Status   string   `json:"status"`
	Priority string   `json:"priority"`
	Team     string   `json:"team"`
	Tags     []string `json:"tags"`
	Shared   bool     `json:"shared"`
}

// Macros returns the shared macros and the signed-in agent's own (the
// store's query selects them; each is the gate's answer, seeMacro).
func (d *Desk) Macros(ctx context.Context) ([]*proofdesk.Macro, error) {
	a := proofdesk.AgentFromContext(ctx)
	if a == nil {
		return nil, proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	if d := proofdesk.Decide(proofdesk.DecisionInput{Action: proofdesk.DoConversation, Actor: proofdesk.ActorOf(a)}); !d.Allowed {
		return nil, d.Err(proofdesk.DecisionInput{})
	}
	all, err := d.db.FindMacros(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, m := range all {
		if seeMacro(a, m) == nil {
			out = append(out, m)
		}
	}
	return out, nil
}

// SaveMacro creates a macro (id "") or changes one. Errors: EUNAUTHORIZED
// without an agent, EINVALID naming the bad field, ENOTFOUND for an
// unknown or invisible macro, EFORBIDDEN from the gate.
func (d *Desk) SaveMacro(ctx context.Context, id string, in MacroInput) (*proofdesk.Macro, error) {
	a := proofdesk.AgentFromContext(ctx)
	if a == nil {
		return nil, proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	m := &proofdesk.Macro{ID: id, Title: in.Title, Body: in.Body, Status: in.Status, Priority: in.Priority, Team: in.Team, Tags: in.Tags, CreatedBy: a.ID}
	if !in.Shared {
		m.OwnerID = a.ID
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if err := d.checkMacroWork(ctx, m); err != nil {
		return nil, err
	}
	var refused error
	err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		decide := proofdesk.DecisionInput{Action: proofdesk.DoEditMacro, Actor: proofdesk.ActorOf(a)}
		if id == "" {
			m.ID = proofdesk.NewID("mac")
		} else {
			old, err := tx.FindMacro(ctx, id)
			if err != nil {
				return err
			}
			if err := seeMacro(a, old); err != nil {
				return err
			}
			decide.TargetID, decide.Field = old.CreatedBy, sharedWord(old)
			m.CreatedBy, m.CreatedAt = old.CreatedBy, old.CreatedAt
			if !old.Shared() && in.Shared {
				// sharing keeps the creator
			} else if old.Shared() && !in.Shared && old.CreatedBy != a.ID {
				m.OwnerID = old.CreatedBy // a supervisor cannot take another's macro for theirs
			}
		}
		dec := proofdesk.Decide(decide)
		if !dec.Allowed {
			refused = dec.Err(decide)
			return refused
		}
		if err := tx.SaveMacro(ctx, m); err != nil {
			return err
		}
		return tx.Audit(ctx, proofdesk.AuditEvent{Action: "macro.saved", SubjectKind: "macro", SubjectID: m.ID,
			Detail: map[string]string{"shared": sharedWord(m)}})
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// DeleteMacro deletes a macro the gate lets the agent change.
func (d *Desk) DeleteMacro(ctx context.Context, id string) error {
	a := proofdesk.AgentFromContext(ctx)
	if a == nil {
		return proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	return d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		old, err := tx.FindMacro(ctx, id)
		if err != nil {
			return err
		}
		if err := seeMacro(a, old); err != nil {
			return err
		}
		in := proofdesk.DecisionInput{Action: proofdesk.DoEditMacro, Actor: proofdesk.ActorOf(a), TargetID: old.CreatedBy, Field: sharedWord(old)}
		if dec := proofdesk.Decide(in); !dec.Allowed {
			return dec.Err(in)
		}
		if err := tx.DeleteMacro(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, proofdesk.AuditEvent{Action: "macro.deleted", SubjectKind: "macro", SubjectID: id})
	})
}

// seeMacro asks proofdesk.Decide whether a may see m (DoViewMacro): a
// shared macro is every agent's, a personal one its owner's alone; to
// anyone else it is not found (ENOTFOUND), as a missing one: the error
// carries no rule, which would tell the two apart.
func seeMacro(a *proofdesk.Agent, m *proofdesk.Macro) error {
	in := proofdesk.DecisionInput{Action: proofdesk.DoViewMacro, Actor: proofdesk.ActorOf(a), TargetID: m.OwnerID}
	if dec := proofdesk.Decide(in); !dec.Allowed {
		return &proofdesk.Error{Code: dec.Code, Message: dec.Message}
	}
	return nil
}

func sharedWord(m *proofdesk.Macro) string {
	if m.Shared() {
		return "shared"
	}
	return "personal"
}

// FillReply fills the placeholders of text for conversation
// conversationID: agent placeholders from the signed-in agent, customer
// ones from the masking view (proofdesk.NewCustomerView) at the level
// proofdesk.Decide allows (DoFillPlaceholder: the level the guard will
// check the reply at). A placeholder the level does not allow refuses the
// whole text with EVERIFICATION, details "required_level",
// "current_level" and "placeholder": it is never filled masked. Errors
// also: EINVALID for an unknown placeholder or an unlinked conversation.
// The filled text is a draft: sending it passes the guard like any reply.
func (d *Desk) FillReply(ctx context.Context, conversationID, text string) (string, error) {
	a := proofdesk.AgentFromContext(ctx)
	if a == nil {
		return "", proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	phs, err := proofdesk.ParsePlaceholders(text)
	if err != nil {
		return "", err
	}
	if len(phs) == 0 {
		return text, nil
	}
	values := map[string]string{
		"agent.name": a.Name, "agent.first_name": firstWord(a.Name), "conversation.id": conversationID,
	}
	var refused error
	err = d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		asked, err := ask(ctx, tx, conversationID, proofdesk.DoFillPlaceholder, "", nil)
		if err != nil {
			return err
		}
		allowed := map[string]bool{}
		for _, ph := range phs {
			if ph.Field == "" {
				continue
			}
			in := asked.in
			in.Field = ph.Field
			dec := proofdesk.Decide(in)
			if !dec.Allowed {
				e := dec.Err(in).(*proofdesk.Error)
				e.Details["placeholder"] = ph.Name
				if dec.Code == proofdesk.EVERIFICATION {
					e.Message = "{{" + ph.Name + "}} was not filled. " + e.Message
				}
				refused = e
				return refused
			}
			class, _, _ := proofdesk.RevealFieldClass(ph.Field)
			allowed[class] = true
		}
		if asked.cust == nil {
			return nil
		}
		// The one masking view, at what the gate allowed.
		v := proofdesk.NewCustomerView(asked.cust, proofdesk.ViewContext{Policy: asked.in.Policy, Shown: func(class string) bool { return allowed[class] }})
		for _, ph := range phs {
			if ph.Field == "" {
				continue
			}
			if slices.Contains(v.Masked, ph.Field) {
				refused = proofdesk.Errorf(proofdesk.EVERIFICATION, "{{%s}} was not filled: the view masks it at this level.", ph.Name)
				return refused
			}
			values[ph.Name] = viewValue(v, ph.Name)
		}
		return nil
	})
	if refused != nil {
		if aerr := d.db.AuditRefusal(ctx, proofdesk.DoFillPlaceholder, "conversation", conversationID, refused, nil); aerr != nil {
			return "", aerr
		}
		return "", refused
	}
	if err != nil {
		return "", err
	}
	return proofdesk.FillPlaceholders(text, func(name string) string { return values[name] }), nil
}

// viewValue is a placeholder's value from the masking view.
func viewValue(v *proofdesk.CustomerView, name string) string {
	first := func(kind string) string {
		for _, cp := range v.ContactPoints {
			if cp.Kind == kind {
				return cp.Value
			}
		}
		return ""
	}
	switch name {
	case "customer.name":
		return v.Name
	case "customer.first_name":
		return firstWord(v.Name)
	case "customer.email":
		return first(proofdesk.ContactEmail)
	case "customer.phone":
		return first(proofdesk.ContactPhone)
	case "customer.address":
		if len(v.Addresses) == 0 {
			return ""
		}
		a := v.Addresses[0]
		parts := []string{a.Line1, a.Line2, strings.TrimSpace(a.PostalCode + " " + a.City), a.Region, a.Country}
		var out []string
		for _, p := range parts {
			if strings.TrimSpace(p) != "" {
				out = append(out, p)
			}
		}
		return strings.Join(out, ", ")
	}
	return ""
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// MacroApplied is what applying a macro did: the filled reply (a draft
// for the composer, or sent when asked) and the conversation after its
// changes (nil when the macro changes nothing but the text).
type MacroApplied struct {
	Text         string                  `json:"text"`
	Conversation *proofdesk.Conversation `json:"-"`
}

// ApplyMacro fills macroID's body for the conversation (FillReply: a
// refused placeholder changes nothing) and makes its changes through
// UpdateConversation (the gate's DoAssign for a team), in one change:
// status, priority (Conversation.Priority), team and tags (added to the
// conversation's).
func (d *Desk) ApplyMacro(ctx context.Context, conversationID, macroID string) (*MacroApplied, error) {
	a := proofdesk.AgentFromContext(ctx)
	if a == nil {
		return nil, proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	m, err := d.db.FindMacro(ctx, macroID)
	if err != nil {
		return nil, err
	}
	if err := seeMacro(a, m); err != nil {
		return nil, err
	}
	text, err := d.FillReply(ctx, conversationID, m.Body)
	if err != nil {
		return nil, err
	}
	out := &MacroApplied{Text: text}
	var upd proofdesk.ConversationUpdate
	changed := false
	if m.Status != "" {
		s := m.Status
		upd.Status, changed = &s, true
	}
	if m.Priority != "" {
		p := m.Priority
		upd.Priority, changed = &p, true
	}
	if m.Team != "" {
		t := m.Team
		upd.Team, changed = &t, true
	}
	if len(m.Tags) > 0 {
		var conv *proofdesk.Conversation
		if err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
			var err error
			conv, err = tx.FindConversation(ctx, conversationID)
			return err
		}); err != nil {
			return nil, err
		}
		tags := slices.Clone(conv.Tags)
		for _, t := range m.Tags {
			if !slices.Contains(tags, t) {
				tags = append(tags, t)
			}
		}
		upd.Tags, changed = &tags, true
	}
	if changed {
		if out.Conversation, err = d.UpdateConversation(ctx, conversationID, upd); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// checkMacroWork holds a macro to the work model it would change: its
// team must be one of the desk's teams (named by ID or by name, stored by
// ID), and, once an admin created tag names, its tags must be among them.
// EINVALID names the field; a macro that saves is a macro that applies.
func (d *Desk) checkMacroWork(ctx context.Context, m *proofdesk.Macro) error {
	if m.Team != "" {
		teams, err := d.db.FindTeams(ctx)
		if err != nil {
			return err
		}
		found := ""
		for _, t := range teams {
			if t.ID == m.Team || strings.EqualFold(t.Name, m.Team) {
				found = t.ID
				break
			}
		}
		if found == "" {
			return proofdesk.FieldError("team", "team %q is not one of the desk's teams", m.Team)
		}
		m.Team = found
	}
	if len(m.Tags) > 0 {
		tags, err := d.db.FindTags(ctx)
		if err != nil || len(tags) == 0 {
			return err
		}
		for _, name := range m.Tags {
			if !slices.ContainsFunc(tags, func(t *proofdesk.Tag) bool { return t.Name == name }) {
				return proofdesk.FieldError("tags", "tag %q is not one of the tags an admin created", name)
			}
		}
	}
	return nil
}
