package api

import (
	"context"
	"net/http"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// orderPusher stores an order through the gate (desk.Desk.PushOrder).
type orderPusher interface {
	// PushOrder returns whether the order is new; EINVALID naming the
	// field, ENOTFOUND, EFORBIDDEN for anyone but the integration.
	PushOrder(ctx context.Context, customerID string, o *proofdesk.Order) (bool, error)
}

// handleOrderPush serves POST and PUT /api/v1/customers/{id}/orders
// {"number","status","items":[{"name","quantity"}],"placed_at",
// "shipping_address":{...},"tracking_number","carrier"}: the order of
// that number is created (201) or replaced (200). The answer is the
// customer, masked like every view of it. Only the integration token may
// push orders.
func (h *Handler) handleOrderPush(w http.ResponseWriter, r *http.Request) {
	var o proofdesk.Order
	if err := httpd.DecodeJSON(r, &o); err != nil {
		httpd.Error(w, r, err)
		return
	}
	id := r.PathValue("id")
	created, err := h.Orders.PushOrder(r.Context(), id, &o)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	c, err := h.customers.FindCustomerByID(r.Context(), id)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	v, err := h.view(r.Context(), c)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	httpd.WriteJSON(w, status, v)
}
