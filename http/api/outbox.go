package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// OutboxHandler serves the built-in outbox to admins: in the demo and in
// development, where no relay delivers mail, it stands in for the
// customers' mailboxes.
type OutboxHandler struct {
	// RelayConfigured says that an SMTP relay delivers the outbox's mail,
	// SMSConfigured that an SMS provider delivers its SMS. With either,
	// bodies, which hold verification links and codes, are never shown,
	// and recipients are masked (proofdesk.OutboxBodiesShown).
	RelayConfigured bool
	SMSConfigured   bool
	// RelayFunc, when set, also tells whether a relay delivers the outbox
	// now (one set in the console's channel settings).
	RelayFunc func(ctx context.Context) bool
	// RecentCodes, when set, reports the codes issued in the last hour
	// (VerificationService.RecentCodes): subjects, which are the
	// customer's words ("Re: my code 482913"), are read through the view
	// with them. Without it every number of six digits or more in a
	// subject is hidden.
	RecentCodes func(ctx context.Context) func(code string) bool
	// Subjects finds what a conversation's subject is read with (its
	// first customer messages): a reply's subject ("Re: my code is 482")
	// reads as the lists read the conversation's (ViewContext.Subject).
	// Without it, each such subject holding a number reads as if a request
	// was issued on its conversation.
	Subjects proofdesk.SubjectFinder

	agents proofdesk.AgentService
	outbox proofdesk.OutboxService
}

// NewOutboxHandler returns the handler; agents authenticates the bearer
// tokens.
func NewOutboxHandler(agents proofdesk.AgentService, outbox proofdesk.OutboxService) *OutboxHandler {
	return &OutboxHandler{agents: agents, outbox: outbox}
}

// Register adds, behind bearer-token auth, for admins only:
//
//	GET /api/v1/outbox?limit=&status=&conversation_id= → 200 {"messages":[OutboxMessage], "relay_configured":bool}
//
// newest first, at most limit (default 100, at most 500); status is
// queued, sent or failed; each message has its last error in words.
func (h *OutboxHandler) Register(r Router) {
	r.Handle("GET /api/v1/outbox", authenticated(h.agents, adminOnly(h.handleList)))
}

func (h *OutboxHandler) handleList(w http.ResponseWriter, r *http.Request) {
	limit := 100
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 500 {
			httpd.Error(w, r, proofdesk.FieldError("limit", "limit must be between 1 and 500"))
			return
		}
		limit = n
	}
	q := r.URL.Query()
	status := q.Get("status")
	if status != "" && status != proofdesk.OutboxQueued && status != proofdesk.OutboxSent && status != proofdesk.OutboxFailed {
		httpd.Error(w, r, proofdesk.FieldError("status", "status must be queued, sent or failed"))
		return
	}
	msgs, err := h.outbox.FindOutboxMessages(r.Context(), proofdesk.OutboxFilter{Limit: limit, Status: status, ConversationID: q.Get("conversation_id")})
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	if msgs == nil {
		msgs = []*proofdesk.OutboxMessage{}
	}
	relay := h.RelayConfigured || (h.RelayFunc != nil && h.RelayFunc(r.Context()))
	vc := proofdesk.ViewContext{CodesIssued: h.RecentCodes == nil}
	if h.RecentCodes != nil {
		vc.KnownCode = h.RecentCodes(r.Context())
	}
	if err := vc.OutboxSubjects(r.Context(), h.Subjects, msgs); err != nil {
		httpd.Error(w, r, err)
		return
	}
	for _, m := range msgs {
		if !proofdesk.OutboxBodiesShown(relay, h.SMSConfigured) {
			m.Body = ""
			if m.Kind == proofdesk.OutboxSMS {
				m.To = proofdesk.MaskPhone(m.To)
			} else {
				m.To = proofdesk.MaskEmail(m.To)
			}
		}
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"messages": msgs, "relay_configured": relay || h.SMSConfigured})
}
