package console

import (
	"context"
	"net/http"
	"strings"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
)

// MacroActions are desk.Desk's macro use cases (canned replies and
// macros); the gate and the masking view are theirs.
type MacroActions interface {
	Macros(ctx context.Context) ([]*proofdesk.Macro, error)
	SaveMacro(ctx context.Context, id string, in desk.MacroInput) (*proofdesk.Macro, error)
	DeleteMacro(ctx context.Context, id string) error
	ApplyMacro(ctx context.Context, conversationID, macroID string) (*desk.MacroApplied, error)
}

// registerMacros adds the macro routes when the desk has them.
func (h *Handler) registerMacros(r Router, auth func(http.HandlerFunc) http.Handler) {
	if h.d.Macros == nil {
		return
	}
	r.Handle("GET /macros", auth(h.handleMacros))
	r.Handle("POST /macros", auth(h.handleMacroSave))
	r.Handle("POST /macros/{id}", auth(h.handleMacroSave))
	r.Handle("POST /macros/{id}/delete", auth(h.handleMacroDelete))
	r.Handle("POST /conversations/{id}/macros", auth(h.handleMacroApply))
}

type macrosPage struct {
	page
	Macros       []*proofdesk.Macro
	Statuses     []string
	Priorities   []string
	Placeholders []string
	Form         desk.MacroInput // what was typed, after a refusal
	EditID       string
	// Teams are the desk's teams a macro may move a conversation to (a
	// free-text team when the work model is not wired).
	Teams []*proofdesk.Team
}

func (h *Handler) handleMacros(w http.ResponseWriter, r *http.Request) {
	h.showMacros(w, r, http.StatusOK, nil)
}

func (h *Handler) showMacros(w http.ResponseWriter, r *http.Request, status int, mod func(p *macrosPage)) {
	ms, err := h.d.Macros.Macros(r.Context())
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	p := &macrosPage{page: h.newPage(r, "Replies and macros", "macros"), Macros: ms,
		Statuses:   []string{proofdesk.StatusOpen, proofdesk.StatusPending, proofdesk.StatusSnoozed, proofdesk.StatusResolved},
		Priorities: proofdesk.Priorities,
		Placeholders: []string{"{{customer.first_name}}", "{{customer.name}}", "{{customer.email}}", "{{customer.phone}}",
			"{{customer.address}}", "{{agent.name}}", "{{agent.first_name}}", "{{conversation.id}}"}}
	if wk := h.work(); wk != nil {
		if p.Teams, err = wk.FindTeams(r.Context()); err != nil {
			h.renderError(w, r, err)
			return
		}
	}
	if mod != nil {
		mod(p)
	}
	h.render(w, r, status, "macros", p)
}

// macroForm reads a macro form: tags are comma-separated.
func macroForm(r *http.Request) desk.MacroInput {
	in := desk.MacroInput{Title: r.PostFormValue("title"), Body: r.PostFormValue("body"), Status: r.PostFormValue("status"),
		Priority: r.PostFormValue("priority"), Team: r.PostFormValue("team"), Shared: r.PostFormValue("shared") == "1"}
	for _, t := range strings.Split(r.PostFormValue("tags"), ",") {
		if t = strings.TrimSpace(t); t != "" {
			in.Tags = append(in.Tags, t)
		}
	}
	return in
}

func (h *Handler) handleMacroSave(w http.ResponseWriter, r *http.Request) {
	in := macroForm(r)
	id := r.PathValue("id")
	if _, err := h.d.Macros.SaveMacro(r.Context(), id, in); err != nil {
		switch proofdesk.ErrorCode(err) {
		case proofdesk.EINVALID, proofdesk.EFORBIDDEN, proofdesk.ENOTFOUND:
			h.showMacros(w, r, httpStatus(err), func(p *macrosPage) {
				p.Error, p.Form, p.EditID = proofdesk.ErrorMessage(err), in, id
			})
		default:
			h.renderError(w, r, err)
		}
		return
	}
	http.Redirect(w, r, "/macros?done=macro", http.StatusSeeOther)
}

func (h *Handler) handleMacroDelete(w http.ResponseWriter, r *http.Request) {
	if err := h.d.Macros.DeleteMacro(r.Context(), r.PathValue("id")); err != nil {
		switch proofdesk.ErrorCode(err) {
		case proofdesk.EFORBIDDEN, proofdesk.ENOTFOUND:
			h.showMacros(w, r, httpStatus(err), func(p *macrosPage) { p.Error = proofdesk.ErrorMessage(err) })
		default:
			h.renderError(w, r, err)
		}
		return
	}
	http.Redirect(w, r, "/macros?done=macro-deleted", http.StatusSeeOther)
}

// handleMacroApply applies the macro picked in the composer: its text,
// filled through the masking view at the conversation's level, goes into
// the draft after what the agent had typed (not sent: sending passes the
// guard); its status, team and tags are set. A placeholder the level
// does not allow refuses the macro with the level it needs, and the
// draft stays as it was.
func (h *Handler) handleMacroApply(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	res, err := h.d.Macros.ApplyMacro(r.Context(), id, r.PostFormValue("macro_id"))
	if err != nil {
		switch proofdesk.ErrorCode(err) {
		case proofdesk.EVERIFICATION, proofdesk.EFORBIDDEN, proofdesk.EINVALID, proofdesk.ENOTFOUND, proofdesk.ELOCKED:
			h.showConversation(w, r, httpStatus(err), func(p *conversationPage) { p.Error = "Macro not applied. " + proofdesk.ErrorMessage(err) })
		default:
			h.renderError(w, r, err)
		}
		return
	}
	draft := strings.TrimRight(r.PostFormValue("body"), " \n\r\t")
	if res.Text != "" {
		if draft != "" {
			draft += "\n\n"
		}
		draft += res.Text
	}
	h.showConversation(w, r, http.StatusOK, func(p *conversationPage) {
		p.Draft, p.DraftNote = draft, r.PostFormValue("internal") == "1"
		p.Notice = "Macro applied. Its text is in your draft: read it, then send."
	})
}

// macroOptions are the macros offered in a conversation's composer.
func (h *Handler) macroOptions(ctx context.Context) ([]*proofdesk.Macro, error) {
	if h.d.Macros == nil {
		return nil, nil
	}
	return h.d.Macros.Macros(ctx)
}

// macroFields fills one macro form.
type macroFields struct {
	Title, Body, Status, Priority, Team, Tags string
	Shared                                    bool
	Statuses, Priorities                      []string
	Teams                                     []*proofdesk.Team
}

// FieldsFor is the form of m, or of a new macro when m is nil; after a
// refusal it holds what was typed.
func (p *macrosPage) FieldsFor(m *proofdesk.Macro) macroFields {
	f := macroFields{Statuses: p.Statuses, Priorities: p.Priorities, Teams: p.Teams}
	id := ""
	if m != nil {
		id = m.ID
		f.Title, f.Body, f.Status, f.Priority, f.Team, f.Tags, f.Shared = m.Title, m.Body, m.Status, m.Priority, m.Team, strings.Join(m.Tags, ", "), m.Shared()
	}
	if p.Error != "" && p.EditID == id {
		in := p.Form
		f.Title, f.Body, f.Status, f.Priority, f.Team, f.Tags, f.Shared = in.Title, in.Body, in.Status, in.Priority, in.Team, strings.Join(in.Tags, ", "), in.Shared
	}
	return f
}

// TeamName is the name of team id, or id when it names no team.
func (p *macrosPage) TeamName(id string) string {
	for _, t := range p.Teams {
		if t.ID == id {
			return t.Name
		}
	}
	return id
}
