package api

import (
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

type addContactPointRequest struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

type addedContactPoint struct {
	ID         string    `json:"id"`
	Kind       string    `json:"kind"`
	Value      string    `json:"value"` // masked
	AddedAt    time.Time `json:"added_at"`
	CountsFrom string    `json:"counts_for_verification_from"`
}

// handleAddContactPoint adds an email or phone to the conversation's
// customer: POST /api/v1/conversations/{id}/contact-points
// {"kind","value"} → 201, or 403 verification_required below the level
// (L2 by default), 423 support_locked under a lock.
func (h *VerificationHandler) handleAddContactPoint(w http.ResponseWriter, r *http.Request) {
	var in addContactPointRequest
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if len(in.Value) > 254 {
		httpd.Error(w, r, proofdesk.FieldError("value", "value is longer than 254 bytes"))
		return
	}
	cp, err := h.desk.AddContactPoint(r.Context(), r.PathValue("id"), in.Kind, in.Value)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	masked := proofdesk.MaskEmail(cp.Value)
	if cp.Kind == proofdesk.ContactPhone {
		masked = proofdesk.MaskPhone(cp.Value)
	}
	httpd.WriteJSON(w, http.StatusCreated, addedContactPoint{ID: cp.ID, Kind: cp.Kind, Value: masked, AddedAt: cp.AddedAt,
		CountsFrom: "after the cooling-off period from added_at"})
}

// handleChangeAddress replaces the customer's address: PUT
// /api/v1/conversations/{id}/address {"line1",...} → 200.
func (h *VerificationHandler) handleChangeAddress(w http.ResponseWriter, r *http.Request) {
	var in proofdesk.Address
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if err := h.desk.ChangeAddress(r.Context(), r.PathValue("id"), in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]bool{"changed": true})
}
