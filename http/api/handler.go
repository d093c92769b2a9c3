// Package api serves the REST API (/api/v1) to clients that authenticate
// with a bearer token and act as the agent that created it. Every customer
// it returns goes through proofdesk.NewCustomerView, masked, and every
// message through proofdesk.NewMessageView, codes hidden, both built per
// request with the policy in force.
package api

import (
	"context"
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
	// Challenges tells whether verification requests were issued on a
	// conversation, and which codes were issued recently anywhere, so that
	// codes typed in messages are hidden; nil hides every number of six
	// digits or more in customers' messages (the safe side).
	Challenges challengeLister
	// PhoneRegion is the region (ISO 3166-1 alpha-2) of phone numbers
	// given without a country code (the --default-region); "" refuses them.
	PhoneRegion string
	// Lookups runs the exact-value customer lookups of GET
	// /api/v1/customers (desk.Desk: audited, counted per agent, refused
	// while the agent is paused); nil refuses them.
	Lookups customerLookup
	// Orders stores orders pushed by the system of record (desk.Desk);
	// nil leaves the order routes out.
	Orders orderPusher

	agents        proofdesk.AgentService
	customers     proofdesk.CustomerService
	conversations proofdesk.ConversationService
	audit         proofdesk.AuditService
	policies      policyFinder
}

// customerLookup finds customers by an exact value through the gate.
type customerLookup interface {
	// LookupCustomers returns EFORBIDDEN (rule "oracle.paused") while
	// the agent is paused.
	LookupCustomers(ctx context.Context, f proofdesk.CustomerFilter) ([]*proofdesk.Customer, int, error)
}

// policyFinder returns the policy in force.
type policyFinder interface {
	FindPolicy(ctx context.Context) (*proofdesk.Policy, error)
}

// challengeLister lists a conversation's verification requests and
// matches the codes issued recently.
type challengeLister interface {
	FindChallenges(ctx context.Context, conversationID string) ([]*proofdesk.ChallengeInfo, error)
	RecentCodes(ctx context.Context) func(code string) bool
	Elsewhere(ctx context.Context, conversationID string) func() []*proofdesk.Message
	AgentText(ctx context.Context, conversationID string) (func(string) (string, bool), error)
}

// NewHandler returns the API handler. policies gives the policy in force,
// read on every request so that a change applies to the very next one (nil
// means the default policy); audit records blocked replies.
func NewHandler(agents proofdesk.AgentService, customers proofdesk.CustomerService,
	conversations proofdesk.ConversationService, audit proofdesk.AuditService, policies proofdesk.PolicyService) *Handler {
	h := &Handler{
		Now:    time.Now,
		agents: agents, customers: customers, conversations: conversations,
		audit: audit,
	}
	if policies != nil {
		h.policies = policies
	}
	return h
}

// Register adds the API routes to r, each behind bearer-token auth.
func (h *Handler) Register(r Router) {
	routes := map[string]http.HandlerFunc{
		"POST /api/v1/customers":                                  h.handleCustomerCreate,
		"GET /api/v1/customers":                                   h.handleCustomerList,
		"GET /api/v1/customers/{id}":                              h.handleCustomerShow,
		"PATCH /api/v1/customers/{id}":                            h.handleCustomerUpdate,
		"POST /api/v1/conversations":                              h.handleConversationCreate,
		"GET /api/v1/conversations":                               h.handleConversationList,
		"GET /api/v1/conversations/{id}":                          h.handleConversationShow,
		"PATCH /api/v1/conversations/{id}":                        h.handleConversationUpdate,
		"GET /api/v1/conversations/{id}/messages":                 h.handleMessageList,
		"GET /api/v1/conversations/{id}/attachments":              h.handleAttachmentList,
		"GET /api/v1/conversations/{id}/attachments/{attachment}": h.handleAttachmentShow,
		"GET /api/v1/conversations/{id}/messages/{mid}/original":  h.handleMessageOriginal,
	}
	if h.Orders != nil {
		routes["POST /api/v1/customers/{id}/orders"] = h.handleOrderPush
		routes["PUT /api/v1/customers/{id}/orders"] = h.handleOrderPush
	}
	for pattern, fn := range routes {
		if strings.Contains(pattern, "/api/v1/customers") {
			r.Handle(pattern, h.requireCustomerToken(fn))
			continue
		}
		r.Handle(pattern, h.requireToken(fn))
	}
	// A message may carry files: a larger body limit.
	create := h.requireToken(http.HandlerFunc(h.handleMessageCreate))
	if u, ok := r.(uploadRouter); ok {
		u.HandleUpload("POST /api/v1/conversations/{id}/messages", create, maxMessageUpload)
	} else {
		r.Handle("POST /api/v1/conversations/{id}/messages", create)
	}
}

// viewContext is what this request may see: the policy in force now, the
// codes issued recently and, for a conversation (convID != ""), whether
// codes were issued on it and the customer data agents quoted that this
// agent may not see now (VerificationService.AgentText).
// ViewContext is the one view's context for an agent reading conversation
// convID ("" for a list): the policy, the codes issued and what agents
// wrote, masked. Handlers outside Handler (merge, search) build their
// answers through it.
func (h *Handler) ViewContext(ctx context.Context, convID string) (proofdesk.ViewContext, error) {
	return h.viewContext(ctx, convID)
}

func (h *Handler) viewContext(ctx context.Context, convID string) (proofdesk.ViewContext, error) {
	vc := proofdesk.ViewContext{Policy: proofdesk.DefaultPolicy(), CodesIssued: true}
	if h.policies != nil {
		p, err := h.policies.FindPolicy(ctx)
		if err != nil {
			return vc, err
		}
		vc.Policy = p
	}
	if h.Challenges != nil {
		// Recent codes are known exactly: outside one conversation's
		// messages nothing else needs hiding.
		vc.KnownCode, vc.CodesIssued = h.Challenges.RecentCodes(ctx), false
		if convID != "" {
			cs, err := h.Challenges.FindChallenges(ctx, convID)
			if err != nil {
				return vc, err
			}
			vc.CodesIssued = len(cs) > 0
			// A known code split between this and another conversation
			// of the customer.
			vc.Elsewhere = h.Challenges.Elsewhere(ctx, convID)
			// What agents wrote, masked as this agent may see it now.
			if vc.AgentText, err = h.Challenges.AgentText(ctx, convID); err != nil {
				return vc, err
			}
		}
	}
	return vc, nil
}

// view is the one way this package shows a customer: masked per the
// policy in force for this request.
func (h *Handler) view(ctx context.Context, c *proofdesk.Customer) (*proofdesk.CustomerView, error) {
	vc, err := h.viewContext(ctx, "")
	if err != nil {
		return nil, err
	}
	return proofdesk.NewCustomerView(c, vc), nil
}
