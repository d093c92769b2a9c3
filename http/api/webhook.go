package api

import (
	"context"
	"net/http"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// WebhookHandler serves the admins' webhook subscriptions.
type WebhookHandler struct {
	agents proofdesk.AgentService
	hooks  webhooks
}

// webhooks manages subscriptions; desk.Webhooks is one. Each method
// returns the gate's refusal for anyone but an admin.
type webhooks interface {
	// CreateWebhook returns EINVALID naming "url" or "events".
	CreateWebhook(ctx context.Context, url string, events []string, allowHTTP bool) (*proofdesk.Webhook, string, error)
	FindWebhooks(ctx context.Context) ([]*proofdesk.Webhook, error)
	// DeleteWebhook returns ENOTFOUND for an unknown ID.
	DeleteWebhook(ctx context.Context, id string) error
}

// NewWebhookHandler returns the handler; agents authenticates the bearer
// tokens; hooks decides and stores.
func NewWebhookHandler(agents proofdesk.AgentService, hooks webhooks) *WebhookHandler {
	return &WebhookHandler{agents: agents, hooks: hooks}
}

// Register adds, behind bearer-token auth (admins):
//
//	GET    /api/v1/webhooks       → 200 {"webhooks": [...]} with each one's last delivery
//	POST   /api/v1/webhooks       {"url","events","allow_http"} → 201 {"webhook", "secret"} (the secret is shown once)
//	DELETE /api/v1/webhooks/{id}  → 204
func (h *WebhookHandler) Register(r Router) {
	r.Handle("GET /api/v1/webhooks", authenticated(h.agents, h.handleList))
	r.Handle("POST /api/v1/webhooks", authenticated(h.agents, h.handleCreate))
	r.Handle("DELETE /api/v1/webhooks/{id}", authenticated(h.agents, h.handleDelete))
}

type webhookDeliveryJSON struct {
	ID        string    `json:"id"`
	Event     string    `json:"event"`
	Status    string    `json:"status"`
	Attempts  int       `json:"attempts"`
	LastError string    `json:"last_error,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

type webhookJSON struct {
	ID           string               `json:"id"`
	URL          string               `json:"url"`
	Events       []string             `json:"events"`
	AllowHTTP    bool                 `json:"allow_http"`
	CreatedBy    string               `json:"created_by"`
	CreatedAt    time.Time            `json:"created_at"`
	LastDelivery *webhookDeliveryJSON `json:"last_delivery"`
}

func newWebhookJSON(w *proofdesk.Webhook) webhookJSON {
	out := webhookJSON{ID: w.ID, URL: w.URL, Events: w.Events, AllowHTTP: w.AllowHTTP, CreatedBy: w.CreatedBy, CreatedAt: w.CreatedAt}
	if d := w.Last; d != nil {
		out.LastDelivery = &webhookDeliveryJSON{ID: d.ID, Event: d.Event, Status: d.Status, Attempts: d.Attempts, LastError: d.LastError, CreatedAt: d.CreatedAt}
	}
	return out
}

func (h *WebhookHandler) handleList(w http.ResponseWriter, r *http.Request) {
	ws, err := h.hooks.FindWebhooks(r.Context())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	out := []webhookJSON{}
	for _, wh := range ws {
		out = append(out, newWebhookJSON(wh))
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"webhooks": out})
}

func (h *WebhookHandler) handleCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		URL       string   `json:"url"`
		Events    []string `json:"events"`
		AllowHTTP bool     `json:"allow_http"`
	}
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	wh, secret, err := h.hooks.CreateWebhook(r.Context(), in.URL, in.Events, in.AllowHTTP)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusCreated, map[string]any{"webhook": newWebhookJSON(wh), "secret": secret})
}

func (h *WebhookHandler) handleDelete(w http.ResponseWriter, r *http.Request) {
	if err := h.hooks.DeleteWebhook(r.Context(), r.PathValue("id")); err != nil {
		httpd.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
