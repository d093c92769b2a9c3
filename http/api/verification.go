package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// VerificationHandler serves the agent's side of verification: sending a
// request to an on-file contact point, listing requests, and revealing a
// field once the conversation's level allows it. No route of it accepts
// the customer's code: the customer completes a request on /v/{token} or
// in the widget, never through an agent.
type VerificationHandler struct {
	agents       proofdesk.AgentService
	verification proofdesk.VerificationService
	desk         deskActions
}

// deskActions are the use cases of package desk the API serves.
type deskActions interface {
	// RemoveSupportLock returns the gate's refusal (EFORBIDDEN,
	// EVERIFICATION, ECONFLICT) or EINVALID for a missing reason.
	RemoveSupportLock(ctx context.Context, conversationID, reason string) error
	// AddContactPoint and ChangeAddress return the gate's refusal
	// (EVERIFICATION, EFORBIDDEN, ELOCKED) or EINVALID.
	AddContactPoint(ctx context.Context, conversationID, kind, value string) (*proofdesk.ContactPoint, error)
	ChangeAddress(ctx context.Context, conversationID string, a proofdesk.Address) error
	// Reveal returns the gate's refusal (EVERIFICATION with
	// "required_level", EFORBIDDEN) or EINVALID.
	Reveal(ctx context.Context, conversationID, field, reason string, breakGlass bool) (string, error)
}

// NewVerificationHandler returns the handler; agents authenticates the
// bearer tokens; desk runs the use cases (unlock, account changes).
func NewVerificationHandler(agents proofdesk.AgentService, verification proofdesk.VerificationService, desk deskActions) *VerificationHandler {
	return &VerificationHandler{agents: agents, verification: verification, desk: desk}
}

// Register adds, behind bearer-token auth:
//
//	POST /api/v1/conversations/{id}/challenges  {"contact_point_id"} → 201 ChallengeInfo
//	GET  /api/v1/conversations/{id}/challenges  → 200 {"challenges":[ChallengeInfo]}
//	POST /api/v1/conversations/{id}/reveal      {"field","reason","break_glass"} → 200 {"field","value"}
func (h *VerificationHandler) Register(r Router) {
	r.Handle("POST /api/v1/conversations/{id}/challenges", authenticated(h.agents, h.handleChallengeCreate))
	r.Handle("GET /api/v1/conversations/{id}/challenges", authenticated(h.agents, h.handleChallengeList))
	r.Handle("POST /api/v1/conversations/{id}/reveal", authenticated(h.agents, h.handleReveal))
	r.Handle("POST /api/v1/conversations/{id}/unlock", authenticated(h.agents, h.handleUnlock))
	r.Handle("POST /api/v1/conversations/{id}/contact-points", authenticated(h.agents, h.handleAddContactPoint))
	r.Handle("PUT /api/v1/conversations/{id}/address", authenticated(h.agents, h.handleChangeAddress))
}

// authenticated puts fn behind the API's bearer-token auth.
func authenticated(agents proofdesk.AgentService, fn http.HandlerFunc) http.Handler {
	return (&Handler{agents: agents}).requireToken(fn)
}

// adminOnly refuses callers that are not admins with 403.
func adminOnly(fn http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		in := proofdesk.DecisionInput{Action: proofdesk.DoAdminister, Actor: proofdesk.ActorOf(proofdesk.AgentFromContext(r.Context()))}
		if d := proofdesk.Decide(in); !d.Allowed {
			httpd.Error(w, r, d.Err(in))
			return
		}
		fn(w, r)
	}
}

// challengeCreate is the whole body: the id of a contact point on file.
// There is no field for an address or a number, and unknown fields are
// refused, so a request can only go where the records say.
type challengeCreate struct {
	ContactPointID string `json:"contact_point_id"`
}

func (h *VerificationHandler) handleChallengeCreate(w http.ResponseWriter, r *http.Request) {
	var in challengeCreate
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	in.ContactPointID = strings.TrimSpace(in.ContactPointID)
	if in.ContactPointID == "" || len(in.ContactPointID) > 100 {
		httpd.Error(w, r, proofdesk.FieldError("contact_point_id", "contact_point_id is required: the id of a contact point on file"))
		return
	}
	info, err := h.verification.IssueChallenge(r.Context(), r.PathValue("id"), in.ContactPointID)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusCreated, info)
}

func (h *VerificationHandler) handleChallengeList(w http.ResponseWriter, r *http.Request) {
	infos, err := h.verification.FindChallenges(r.Context(), r.PathValue("id"))
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	if infos == nil {
		infos = []*proofdesk.ChallengeInfo{}
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"challenges": infos})
}

type revealRequest struct {
	Field      string `json:"field"`
	Reason     string `json:"reason"`
	BreakGlass bool   `json:"break_glass"`
}

type revealResponse struct {
	Field string `json:"field"`
	Value string `json:"value"`
}

// handleReveal goes only through desk.Desk.Reveal, which asks proofdesk.Decide
// (level, policy, holder, lock) and audits either way.
func (h *VerificationHandler) handleReveal(w http.ResponseWriter, r *http.Request) {
	var in revealRequest
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	in.Field = strings.TrimSpace(in.Field)
	if in.Field == "" || len(in.Field) > 100 {
		httpd.Error(w, r, proofdesk.FieldError("field", "field is required, such as addresses or attributes.account_number"))
		return
	}
	v, err := h.desk.Reveal(r.Context(), r.PathValue("id"), in.Field, in.Reason, in.BreakGlass)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, revealResponse{Field: in.Field, Value: v})
}
