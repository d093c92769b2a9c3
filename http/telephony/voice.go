package telephony

import (
	"log/slog"
	"net/http"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// firstNote opens every call's timeline, for the agent.
const firstNote = "Incoming phone call. The caller ID is a claim, not proof of identity: " +
	"send a verification request to a contact point on file; the caller types the code on the keypad."

// validCallSID accepts provider call IDs: short and plain (Twilio's are
// "CA" and 32 hex digits).
func validCallSID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// handleVoice answers an incoming call (From, To, CallSid): it opens the
// call's phone conversation, or finds it when the provider calls again for
// the same call, and prompts for a keypad code.
func (h *Handler) handleVoice(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	callSID := r.PostForm.Get("CallSid")
	if !validCallSID(callSID) {
		httpd.Error(w, r, proofdesk.FieldError("CallSid", "CallSid is missing or malformed"))
		return
	}
	if _, err := h.calls.FindCallConversationID(ctx, callSID); err == nil {
		writeTwiML(w, h.holdAndGather("Please stay on the line.")...)
		return
	} else if proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
		h.fail(w, r, err)
		return
	}

	// The caller ID is kept as what it is, a claim, and links nobody: the
	// provider's signature vouches for the webhook, not for the number,
	// which any caller can set. Linking the call to the customer with
	// that number on file would answer "is this number on file, and
	// whose is it?" to anyone who calls (an agent past the lookup limit,
	// with a caller-ID spoofing service), uncounted. The agent looks the
	// customer up to link, which is counted and paused like any lookup.
	// Withheld and malformed numbers ("anonymous") leave no claim.
	conv := &proofdesk.Conversation{Channel: proofdesk.ChannelPhone, Subject: "Phone call", Status: proofdesk.StatusOpen, Level: proofdesk.L0}
	if claim, err := proofdesk.NormalizePhone(r.PostForm.Get("From")); err == nil {
		conv.Requester.Phone = claim
	}
	first := &proofdesk.Message{AuthorKind: proofdesk.AuthorSystem, Body: firstNote}
	id, created, err := h.calls.CreateCallConversation(ctx, callSID, conv, first)
	if proofdesk.ErrorCode(err) == proofdesk.ECONFLICT {
		// Another request for this call is opening it: come back shortly.
		writeTwiML(w, pause{Length: 1}, redirect{Method: http.MethodPost, URL: h.cfg.BaseURL + VoicePath})
		return
	} else if err != nil {
		h.fail(w, r, err)
		return
	}
	if created {
		h.logger.Info("telephony: call opened a conversation", slog.String("conversation_id", id))
	}
	writeTwiML(w, h.holdAndGather("Thank you for calling "+h.cfg.Company+" support. An agent will be with you shortly.")...)
}

// fail reports an internal error and tells the caller, in TwiML, since
// the provider plays its own error message on a failed webhook.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	httpd.ReportError(r, err)
	if proofdesk.ErrorCode(err) != proofdesk.EINTERNAL {
		h.logger.Warn("telephony: webhook failed", slog.String("code", proofdesk.ErrorCode(err)))
	}
	writeTwiML(w, say{Text: "Sorry, something went wrong on our side. Please call again later."}, hangup{})
}
