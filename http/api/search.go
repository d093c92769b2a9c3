package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// SearchHandler serves full-text search over conversations.
type SearchHandler struct {
	agents        proofdesk.AgentService
	search        conversationSearch
	conversations proofdesk.ConversationService
	// Now is the clock of levels; NewSearchHandler sets time.Now.
	Now func() time.Time
	// View is the one view's context (Handler.ViewContext); nil hides
	// every code-shaped word of the subjects.
	View func(ctx context.Context, convID string) (proofdesk.ViewContext, error)
}

// conversationSearch is desk.Desk's search (refused for protected shapes).
type conversationSearch interface {
	SearchConversations(ctx context.Context, query string, limit int) ([]string, error)
}

// NewSearchHandler returns the handler.
func NewSearchHandler(agents proofdesk.AgentService, s conversationSearch, conversations proofdesk.ConversationService) *SearchHandler {
	return &SearchHandler{agents: agents, search: s, conversations: conversations, Now: time.Now}
}

// Register adds, behind bearer-token auth:
//
//	GET /api/v1/search?q=WORDS[&limit=N] → 200 {"conversations": [Conversation]}:
//	    conversations whose subject or messages hold every word (case and
//	    accents folded), newest activity first, at most N (default 50, max
//	    200). A query shaped like a protected value (email, phone, address,
//	    card digits, date of birth) → 403 verification_required with
//	    "required_level"; it counts like an exact-value lookup.
func (h *SearchHandler) Register(r Router) {
	r.Handle("GET /api/v1/search", authenticated(h.agents, h.handleSearch))
}

func (h *SearchHandler) handleSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if q == "" || len(q) > 200 {
		httpd.Error(w, r, proofdesk.FieldError("q", "q is required, at most 200 bytes"))
		return
	}
	limit := 50
	if s := r.URL.Query().Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 200 {
			httpd.Error(w, r, proofdesk.FieldError("limit", "limit must be 1 to 200"))
			return
		}
		limit = n
	}
	ids, err := h.search.SearchConversations(r.Context(), q, limit)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	var cs []*proofdesk.Conversation
	for _, id := range ids {
		c, err := h.conversations.FindConversationByID(r.Context(), id)
		if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			continue
		} else if err != nil {
			httpd.Error(w, r, err)
			return
		}
		cs = append(cs, c)
	}
	scs, err := subjectsOf(r.Context(), h.conversations, cs...)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	out := []conversationJSON{}
	now := h.Now()
	for _, c := range cs {
		vc, err := viewOf(r.Context(), h.View, c.ID)
		if err != nil {
			httpd.Error(w, r, err)
			return
		}
		out = append(out, newConversationJSON(c, now, vc, scs[c.ID]))
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"conversations": out})
}
