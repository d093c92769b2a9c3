package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/verify"
)

// IdentityHandler links a conversation to a customer from a signed
// session token minted by the business's backend (verify/MINTING.md): the
// conversation is then at L1 without a verification request.
type IdentityHandler struct {
	// Now is the clock; NewIdentityHandler sets time.Now.
	Now func() time.Time
	// UserHashSecret, when set, also accepts an Intercom-style
	// {"user_id","user_hash"} (hex HMAC-SHA256 of the user ID), for teams
	// migrating from such setups. It never expires and cannot be
	// replay-protected, so prefer tokens; nil refuses user hashes.
	UserHashSecret []byte
	// Subjects finds what the conversation's subject is read with (the
	// store); nil reads a subject that holds a number on the safe side.
	Subjects proofdesk.SubjectFinder

	agents       proofdesk.AgentService
	verifier     *verify.TokenVerifier
	verification proofdesk.VerificationService
}

// NewIdentityHandler returns the handler. verifier holds the
// installation's token secret and audience; nil refuses every token (403:
// signed sessions not configured).
func NewIdentityHandler(agents proofdesk.AgentService, verifier *verify.TokenVerifier, verification proofdesk.VerificationService) *IdentityHandler {
	return &IdentityHandler{Now: time.Now, agents: agents, verifier: verifier, verification: verification}
}

// Register adds, behind bearer-token auth:
//
//	POST /api/v1/conversations/{id}/identity {"token":"<JWT>"} → 200 conversation (level L1),
//	     or 401 {"error":"unauthorized","message":<the verifier's refusal>}
func (h *IdentityHandler) Register(r Router) {
	r.Handle("POST /api/v1/conversations/{id}/identity", authenticated(h.agents, h.handleLink))
}

type identityRequest struct {
	Token    string `json:"token"`
	UserID   string `json:"user_id"`
	UserHash string `json:"user_hash"`
}

func (h *IdentityHandler) handleLink(w http.ResponseWriter, r *http.Request) {
	if h.verifier == nil {
		httpd.Error(w, r, proofdesk.Errorf(proofdesk.EFORBIDDEN, "Signed session tokens are not configured on this installation."))
		return
	}
	var in identityRequest
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	in.Token = strings.TrimSpace(in.Token)
	now := h.Now().UTC()
	var externalID string
	switch {
	case in.Token != "":
		id, err := h.verifier.Verify(r.Context(), in.Token, now)
		if err != nil {
			httpd.Error(w, r, err)
			return
		}
		externalID = id.ExternalID
	case in.UserID != "" || in.UserHash != "":
		if h.UserHashSecret == nil {
			httpd.Error(w, r, proofdesk.Errorf(proofdesk.EFORBIDDEN, "user_hash is not enabled on this installation; send a signed session token."))
			return
		}
		if in.UserID == "" || !verify.CheckUserHash(h.UserHashSecret, in.UserID, in.UserHash) {
			httpd.Error(w, r, proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "user_hash does not match user_id."))
			return
		}
		externalID = in.UserID
	default:
		httpd.Error(w, r, proofdesk.FieldError("token", "token is required: a signed session token from your backend"))
		return
	}
	conv, err := h.verification.LinkSession(r.Context(), r.PathValue("id"), externalID, now)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	// The one view without the conversation's requests at hand: every
	// number of code length hidden (the safe side), recent codes too.
	vc := proofdesk.ViewContext{CodesIssued: true, KnownCode: h.verification.RecentCodes(r.Context())}
	scs, err := subjectsOf(r.Context(), h.Subjects, conv)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, newConversationJSON(conv, now, vc, scs[conv.ID]))
}
