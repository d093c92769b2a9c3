package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// AuditHandler serves the audit chain to admins.
type AuditHandler struct {
	agents proofdesk.AgentService
	audit  proofdesk.AuditService
}

// NewAuditHandler returns the handler; agents authenticates the bearer
// tokens.
func NewAuditHandler(agents proofdesk.AgentService, audit proofdesk.AuditService) *AuditHandler {
	return &AuditHandler{agents: agents, audit: audit}
}

// Register adds, behind bearer-token auth, for admins only:
//
//	GET /api/v1/audit?actor=&action=&after=&limit= →
//	    200 {"entries":[...], "chain":{"intact":bool,"first_bad":N,"reason":...}}
//
// Entries come in sequence order after the seq given as after (default
// 0), at most limit (default 100, at most 1000). The chain is checked
// whole on every call.
func (h *AuditHandler) Register(r Router) {
	r.Handle("GET /api/v1/audit", authenticated(h.agents, adminOnly(h.handleList)))
}

type auditEntryJSON struct {
	Seq         int64             `json:"seq"`
	Time        time.Time         `json:"time"`
	ActorKind   string            `json:"actor_kind"`
	ActorID     string            `json:"actor_id,omitempty"`
	Action      string            `json:"action"`
	SubjectKind string            `json:"subject_kind,omitempty"`
	SubjectID   string            `json:"subject_id,omitempty"`
	Detail      map[string]string `json:"detail"`
	PrevHash    string            `json:"prev_hash"`
	Hash        string            `json:"hash"`
}

type auditChainJSON struct {
	Intact   bool   `json:"intact"`
	FirstBad int64  `json:"first_bad"`
	Reason   string `json:"reason,omitempty"`
}

func (h *AuditHandler) handleList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := proofdesk.AuditFilter{Limit: 100}
	if v := q.Get("actor"); v != "" {
		f.ActorID = &v
	}
	if v := q.Get("action"); v != "" {
		f.Action = &v
	}
	if v := q.Get("after"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			httpd.Error(w, r, proofdesk.FieldError("after", "after must be a sequence number, 0 or more"))
			return
		}
		f.AfterSeq = n
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			httpd.Error(w, r, proofdesk.FieldError("limit", "limit must be between 1 and 1000"))
			return
		}
		f.Limit = n
	}
	entries, err := h.audit.FindAuditEntries(r.Context(), f)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	bad, reason, err := h.audit.VerifyAudit(r.Context())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	out := make([]auditEntryJSON, 0, len(entries))
	for _, e := range entries {
		d := e.Detail
		if d == nil {
			d = map[string]string{}
		}
		out = append(out, auditEntryJSON{Seq: e.Seq, Time: e.Time, ActorKind: e.ActorKind, ActorID: e.ActorID, Action: e.Action,
			SubjectKind: e.SubjectKind, SubjectID: e.SubjectID, Detail: d, PrevHash: e.PrevHash, Hash: e.Hash})
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{
		"entries": out,
		"chain":   auditChainJSON{Intact: bad == 0, FirstBad: bad, Reason: reason},
	})
}
