// Package api serves the REST API (/api/v1) to clients that authenticate
// with a bearer token and act as the agent that created it. Every customer
// it returns goes through proofdesk.NewCustomerView, masked.
package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// Router is where the API registers its routes; *http.Server of package
// http and *net/http.ServeMux both are one.
type Router interface {
	Handle(pattern string, h http.Handler)
}

// Handler serves /api/v1.
type Handler struct {
	// Now is the clock; NewHandler sets time.Now.
	Now func() time.Time

	agents        proofdesk.AgentService
	customers     proofdesk.CustomerService
	conversations proofdesk.ConversationService
	audit         proofdesk.AuditService
	policy        *proofdesk.Policy
}

// NewHandler returns the API handler. policy decides what customer views
// show (nil means the default policy); audit records blocked replies.
func NewHandler(agents proofdesk.AgentService, customers proofdesk.CustomerService,
	conversations proofdesk.ConversationService, audit proofdesk.AuditService, policy *proofdesk.Policy) *Handler {
	if policy == nil {
		policy = proofdesk.DefaultPolicy()
	}
	return &Handler{
		Now:    time.Now,
		agents: agents, customers: customers, conversations: conversations,
		audit: audit, policy: policy,
	}
}

// Register adds the API routes to r, each behind bearer-token auth.
func (h *Handler) Register(r Router) {
	routes := map[string]http.HandlerFunc{
		"POST /api/v1/customers":                   h.handleCustomerCreate,
		"GET /api/v1/customers":                    h.handleCustomerList,
		"GET /api/v1/customers/{id}":               h.handleCustomerShow,
		"PATCH /api/v1/customers/{id}":             h.handleCustomerUpdate,
		"POST /api/v1/conversations":               h.handleConversationCreate,
		"GET /api/v1/conversations":                h.handleConversationList,
		"GET /api/v1/conversations/{id}":           h.handleConversationShow,
		"PATCH /api/v1/conversations/{id}":         h.handleConversationUpdate,
		"GET /api/v1/conversations/{id}/messages":  h.handleMessageList,
		"POST /api/v1/conversations/{id}/messages": h.handleMessageCreate,
	}
	for pattern, fn := range routes {
		if strings.Contains(pattern, "/api/v1/customers") {
			r.Handle(pattern, h.requireCustomerToken(fn))
			continue
		}
		r.Handle(pattern, h.requireToken(fn))
	}
}

// view is the one way this package shows a customer: masked per policy.
func (h *Handler) view(c *proofdesk.Customer) *proofdesk.CustomerView {
	return proofdesk.NewCustomerView(c, proofdesk.ViewContext{Policy: h.policy})
}
