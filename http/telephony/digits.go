package telephony

import (
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// maxDigits caps what is passed on as a code; a code has 6.
const maxDigits = 16

// handleDigits takes the keypad input of a call (Digits, CallSid) as a
// code for the call's conversation. The code reaches only the
// verification service; it is never stored in the timeline or logged.
func (h *Handler) handleDigits(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	callSID := r.PostForm.Get("CallSid")
	if !validCallSID(callSID) {
		httpd.Error(w, r, proofdesk.FieldError("CallSid", "CallSid is missing or malformed"))
		return
	}
	convID, err := h.calls.FindCallConversationID(ctx, callSID)
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		writeTwiML(w, say{Text: "Sorry, we could not find your call. Please call again."}, hangup{})
		return
	} else if err != nil {
		h.fail(w, r, err)
		return
	}
	digits := strings.TrimSpace(r.PostForm.Get("Digits"))
	if digits == "" {
		writeTwiML(w, h.holdAndGather("We did not receive a code.")...)
		return
	}
	if len(digits) > maxDigits {
		digits = digits[:maxDigits]
	}

	// The store publishes the request's and the level's change to the
	// agent's screen.
	res, err := h.verification.CompleteByCode(ctx, convID, digits)
	if err == nil && res != nil && res.OK {
		h.logger.Info("telephony: caller completed a verification request", slog.String("conversation_id", convID), slog.String("level", res.Level.String()))
		writeTwiML(w, h.holdAndGather("Thank you. You are verified. Please stay on the line.")...)
		return
	}
	switch code := proofdesk.ErrorCode(err); {
	case code == proofdesk.EINVALID && res != nil:
		// A wrong code: the request counts it.
		writeTwiML(w, h.holdAndGather(fmt.Sprintf("Sorry, that code did not match. You have %s left.", attempts(res.AttemptsLeft)))...)
	case code == proofdesk.ERATELIMIT:
		// This request is locked, or the customer's hourly cap is reached.
		writeTwiML(w, h.holdAndGather("Sorry, there have been too many attempts. Please ask the agent for a new code.")...)
	case code == proofdesk.EINVALID:
		// No request is waiting for a code.
		writeTwiML(w, h.holdAndGather("There is no verification request waiting for a code yet.")...)
	case code == proofdesk.EFORBIDDEN || code == proofdesk.ECONFLICT || code == proofdesk.ELOCKED:
		writeTwiML(w, h.holdAndGather("Sorry, we could not verify you with that code. Please ask the agent.")...)
	case err == nil:
		// A result that is neither success nor failure: treat as no match.
		writeTwiML(w, h.holdAndGather("Sorry, that code did not match.")...)
	default:
		h.fail(w, r, err)
	}
}

func attempts(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return fmt.Sprintf("%d attempts", n)
}
