package api

import (
	"net/http"

	httpd "github.com/proofdesk/proofdesk/http"
)

type unlockRequest struct {
	Reason string `json:"reason"`
}

// handleUnlock lifts the support lock of the conversation's customer:
// POST /api/v1/conversations/{id}/unlock {"reason"} → 200
// {"support_locked":false}, 403 for an agent who is not a supervisor or a
// conversation below L2, 409 when there is no lock.
func (h *VerificationHandler) handleUnlock(w http.ResponseWriter, r *http.Request) {
	var in unlockRequest
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if err := h.desk.RemoveSupportLock(r.Context(), r.PathValue("id"), in.Reason); err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]bool{"support_locked": false})
}
