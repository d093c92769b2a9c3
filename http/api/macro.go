package api

import (
	"context"
	"net/http"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// MacroHandler serves canned replies and macros: an agent's own and the
// shared ones, and applying one to a conversation.
type MacroHandler struct {
	agents proofdesk.AgentService
	desk   macroDesk
	// PostMessage sends an applied macro's text when asked ("send": true),
	// through the same path as POST .../messages: the disclosure guard.
	PostMessage func(ctx context.Context, conversationID, body string, internal bool, clientID string, files []*proofdesk.Attachment) (*proofdesk.Message, error)
}

// macroDesk is desk.Desk's macro use cases.
type macroDesk interface {
	Macros(ctx context.Context) ([]*proofdesk.Macro, error)
	SaveMacro(ctx context.Context, id string, in desk.MacroInput) (*proofdesk.Macro, error)
	DeleteMacro(ctx context.Context, id string) error
	ApplyMacro(ctx context.Context, conversationID, macroID string) (*desk.MacroApplied, error)
}

// NewMacroHandler returns the handler; agents authenticates bearer tokens.
func NewMacroHandler(agents proofdesk.AgentService, d macroDesk) *MacroHandler {
	return &MacroHandler{agents: agents, desk: d}
}

// Register adds, behind bearer-token auth:
//
//	GET    /api/v1/macros            → 200 {"macros": [Macro]} (shared and the caller's own)
//	POST   /api/v1/macros            {"title","body","status","priority","team","tags","shared"} → 201 Macro
//	PUT    /api/v1/macros/{id}       same body → 200 Macro (own, or shared: creator or supervisor)
//	DELETE /api/v1/macros/{id}       → 204
//	POST   /api/v1/conversations/{id}/macros/{macro}/apply {"send": bool}
//	       → 200 {"text", "message_id"?}; a placeholder the
//	       level does not allow → 403 verification_required with
//	       "required_level" and "placeholder"
func (h *MacroHandler) Register(r Router) {
	r.Handle("GET /api/v1/macros", authenticated(h.agents, h.handleList))
	r.Handle("POST /api/v1/macros", authenticated(h.agents, h.handleSave))
	r.Handle("PUT /api/v1/macros/{id}", authenticated(h.agents, h.handleSave))
	r.Handle("DELETE /api/v1/macros/{id}", authenticated(h.agents, h.handleDelete))
	r.Handle("POST /api/v1/conversations/{id}/macros/{macro}/apply", authenticated(h.agents, h.handleApply))
}

func (h *MacroHandler) handleList(w http.ResponseWriter, r *http.Request) {
	ms, err := h.desk.Macros(r.Context())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	if ms == nil {
		ms = []*proofdesk.Macro{}
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"macros": ms})
}

func (h *MacroHandler) handleSave(w http.ResponseWriter, r *http.Request) {
	var in desk.MacroInput
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	id := r.PathValue("id")
	m, err := h.desk.SaveMacro(r.Context(), id, in)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	status := http.StatusOK
	if id == "" {
		status = http.StatusCreated
	}
	httpd.WriteJSON(w, status, m)
}

func (h *MacroHandler) handleDelete(w http.ResponseWriter, r *http.Request) {
	if err := h.desk.DeleteMacro(r.Context(), r.PathValue("id")); err != nil {
		httpd.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *MacroHandler) handleApply(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Send bool `json:"send"`
	}
	if r.ContentLength != 0 {
		if err := httpd.DecodeJSON(r, &in); err != nil {
			httpd.Error(w, r, err)
			return
		}
	}
	id := r.PathValue("id")
	res, err := h.desk.ApplyMacro(r.Context(), id, r.PathValue("macro"))
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	out := map[string]any{"text": res.Text}
	if in.Send && res.Text != "" {
		if h.PostMessage == nil {
			httpd.Error(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "replies are not configured"))
			return
		}
		// The filled text is a reply like any other: the guard checks it.
		m, err := h.PostMessage(r.Context(), id, res.Text, false, proofdesk.NewID("mac"), nil)
		if err != nil {
			httpd.Error(w, r, err)
			return
		}
		out["message_id"] = m.ID
	}
	httpd.WriteJSON(w, http.StatusOK, out)
}
