package api

import (
	"cmp"
	"context"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// Input limits.
const (
	maxSubject     = 500
	maxMessageBody = 64 << 10
	maxClaim       = 500
)

// conversationJSON is a conversation as the API shows it. The requester's
// name, email and phone are what they typed: claims, labelled as such.
type conversationJSON struct {
	ID              string              `json:"id"`
	Channel         string              `json:"channel"`
	CustomerID      string              `json:"customer_id,omitempty"`
	RequesterClaims proofdesk.Requester `json:"requester_claims"`
	Subject         string              `json:"subject"`
	Status          string              `json:"status"`
	AssigneeID      string              `json:"assignee_id,omitempty"`
	Team            string              `json:"team,omitempty"`
	Tags            []string            `json:"tags"`
	Priority        string              `json:"priority"`
	SnoozedUntil    *time.Time          `json:"snoozed_until"`
	Level           string              `json:"level"`
	LevelExpiresAt  *time.Time          `json:"level_expires_at"`
	RiskFlags       []string            `json:"risk_flags"`
	Risk            *proofdesk.Risk     `json:"risk,omitempty"`
	Fraud           bool                `json:"fraud"`
	CreatedAt       time.Time           `json:"created_at"`
	UpdatedAt       time.Time           `json:"updated_at"`
	LastActivityAt  time.Time           `json:"last_activity_at"`
}

// newConversationJSON is c as an agent sees it through vc, the one view
// built for this request: the subject read with sc, the conversation's
// first customer messages (proofdesk.ViewContext.Subject; subjectsOf
// finds them), so a code split between subject and body is hidden in
// it. Every answer that carries a conversation is built here, so none
// shows the subject raw.
func newConversationJSON(c *proofdesk.Conversation, now time.Time, vc proofdesk.ViewContext, sc proofdesk.SubjectContext) conversationJSON {
	out := conversationJSON{
		ID: c.ID, Channel: c.Channel, CustomerID: c.CustomerID, RequesterClaims: c.Requester,
		Subject: vc.Subject(c.Subject, sc), Status: c.Status, AssigneeID: c.AssigneeID, Team: c.Team,
		Tags: c.Tags, RiskFlags: c.RiskFlags, Fraud: c.Fraud, Priority: cmp.Or(c.Priority, proofdesk.PriorityNormal), SnoozedUntil: c.SnoozedUntil,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt, LastActivityAt: c.LastActivityAt,
	}
	lvl := c.EffectiveLevel(now)
	out.Level = lvl.String()
	if lvl != proofdesk.L0 {
		out.LevelExpiresAt = c.LevelExpiresAt
	}
	if out.Tags == nil {
		out.Tags = []string{}
	}
	if out.RiskFlags == nil {
		out.RiskFlags = []string{}
	}
	return out
}

// subjectsOf returns what the subjects of convs are read with
// (proofdesk.FindSubjectContexts): one read of store for the page, when
// store can find them (proofdesk.SubjectFinder); else each subject that
// holds a number is read as if a request was issued (the safe side).
func subjectsOf(ctx context.Context, store any, convs ...*proofdesk.Conversation) (map[string]proofdesk.SubjectContext, error) {
	find, _ := store.(proofdesk.SubjectFinder)
	return proofdesk.FindSubjectContexts(ctx, find, convs...)
}

type conversationCreate struct {
	Channel    string              `json:"channel"`
	CustomerID string              `json:"customer_id"`
	Requester  proofdesk.Requester `json:"requester"`
	Subject    string              `json:"subject"`
	Message    string              `json:"message"`
	// Priority (default normal) and Team (a team's ID: its queue) are
	// optional; the store refuses unknown ones.
	Priority string `json:"priority"`
	Team     string `json:"team"`
}

// validate checks and normalises in; phones without a country code are
// read as numbers of phoneRegion.
func (in *conversationCreate) validate(phoneRegion string) error {
	in.Channel = strings.TrimSpace(in.Channel)
	if !proofdesk.ValidChannel(in.Channel) {
		return proofdesk.FieldError("channel", "channel must be one of chat, email, phone, api")
	}
	in.Subject = strings.TrimSpace(in.Subject)
	if len(in.Subject) > maxSubject {
		return proofdesk.FieldError("subject", "subject is longer than %d bytes", maxSubject)
	}
	if !utf8.ValidString(in.Subject) {
		return proofdesk.FieldError("subject", "subject is not valid UTF-8")
	}
	rq := &in.Requester
	rq.Name = strings.TrimSpace(rq.Name)
	if len(rq.Name) > maxClaim {
		return proofdesk.FieldError("requester.name", "requester.name is longer than %d bytes", maxClaim)
	}
	if rq.Email != "" {
		e, err := proofdesk.NormalizeEmail(rq.Email)
		if err != nil {
			return proofdesk.FieldError("requester.email", "requester.email: %s", proofdesk.ErrorMessage(err))
		}
		rq.Email = e
	}
	if rq.Phone != "" {
		p, err := proofdesk.NormalizePhoneIn(rq.Phone, phoneRegion)
		if err != nil {
			return proofdesk.FieldError("requester.phone", "requester.phone: %s", proofdesk.ErrorMessage(err))
		}
		rq.Phone = p
	}
	if strings.TrimSpace(in.Message) != "" {
		if err := validateBody("message", in.Message); err != nil {
			return err
		}
	}
	return nil
}

func validateBody(field, s string) error {
	if strings.TrimSpace(s) == "" {
		return proofdesk.FieldError(field, "%s must not be empty", field)
	}
	if len(s) > maxMessageBody {
		return proofdesk.FieldError(field, "%s is longer than 64 KiB", field)
	}
	if !utf8.ValidString(s) {
		return proofdesk.FieldError(field, "%s is not valid UTF-8", field)
	}
	return nil
}

func (h *Handler) handleConversationCreate(w http.ResponseWriter, r *http.Request) {
	var in conversationCreate
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if err := in.validate(h.PhoneRegion); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if in.CustomerID != "" {
		if _, err := h.customers.FindCustomerByID(r.Context(), in.CustomerID); proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			httpd.Error(w, r, proofdesk.FieldError("customer_id", "no customer has that customer_id"))
			return
		} else if err != nil {
			httpd.Error(w, r, err)
			return
		}
	}
	now := h.Now().UTC()
	conv := &proofdesk.Conversation{
		Channel: in.Channel, CustomerID: in.CustomerID, Requester: in.Requester,
		Subject: in.Subject, Status: proofdesk.StatusOpen, Level: proofdesk.L0,
		CreatedAt: now, UpdatedAt: now, LastActivityAt: now, Priority: in.Priority, Team: in.Team,
	}
	var first *proofdesk.Message
	if strings.TrimSpace(in.Message) != "" {
		first = &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: in.Message, CreatedAt: now}
	}
	if err := h.conversations.CreateConversation(r.Context(), conv, first); err != nil {
		httpd.Error(w, r, err)
		return
	}
	vc, err := h.viewContext(r.Context(), conv.ID)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	scs, err := subjectsOf(r.Context(), h.conversations, conv)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/conversations/"+conv.ID)
	httpd.WriteJSON(w, http.StatusCreated, newConversationJSON(conv, h.Now(), vc, scs[conv.ID]))
}

func (h *Handler) handleConversationShow(w http.ResponseWriter, r *http.Request) {
	c, err := h.conversations.FindConversationByID(r.Context(), r.PathValue("id"))
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	vc, err := h.viewContext(r.Context(), c.ID)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	scs, err := subjectsOf(r.Context(), h.conversations, c)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	out := newConversationJSON(c, h.Now(), vc, scs[c.ID])
	if rf, ok := h.conversations.(riskFinder); ok {
		risk, err := rf.FindRisk(r.Context(), c.ID)
		if err != nil {
			httpd.Error(w, r, err)
			return
		}
		out.Risk = &risk
	}
	httpd.WriteJSON(w, http.StatusOK, out)
}

// riskFinder is the conversation store's risk score, when it has one.
type riskFinder interface {
	FindRisk(ctx context.Context, id string) (proofdesk.Risk, error)
}

func (h *Handler) handleConversationList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f proofdesk.ConversationFilter
	if v := q.Get("status"); v != "" {
		if !proofdesk.ValidStatus(v) {
			httpd.Error(w, r, proofdesk.FieldError("status", "status must be one of open, pending, snoozed, resolved"))
			return
		}
		f.Status = &v
	}
	if v := q.Get("channel"); v != "" {
		if !proofdesk.ValidChannel(v) {
			httpd.Error(w, r, proofdesk.FieldError("channel", "channel must be one of chat, email, phone, api"))
			return
		}
		f.Channel = &v
	}
	if v := q.Get("customer_id"); v != "" {
		f.CustomerID = &v
	}
	if v := q.Get("assignee"); v != "" {
		if v == "me" {
			v = proofdesk.AgentIDFromContext(r.Context())
		}
		f.AssigneeID = &v
	}
	if err := workFilter(q, &f); err != nil {
		httpd.Error(w, r, err)
		return
	}
	var err error
	if f.Limit, f.Offset, err = pagination(r, 50, 200); err != nil {
		httpd.Error(w, r, err)
		return
	}
	cs, n, err := h.conversations.FindConversations(r.Context(), f)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	now := h.Now()
	vc, err := h.viewContext(r.Context(), "")
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	scs, err := subjectsOf(r.Context(), h.conversations, cs...)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	out := make([]conversationJSON, 0, len(cs))
	for _, c := range cs {
		out = append(out, newConversationJSON(c, now, vc, scs[c.ID]))
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"conversations": out, "total": n, "total_capped": proofdesk.ConversationCountCapped(n)})
}

func (h *Handler) handleMessageList(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	conv, err := h.conversations.FindConversationByID(r.Context(), id)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	ms, err := h.conversations.FindMessages(r.Context(), id)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	vc, err := h.viewContext(r.Context(), id)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	out := make([]messageJSON, 0, len(ms))
	_, views := proofdesk.NewConversationViews(conv.Subject, ms, vc)
	for _, v := range views {
		out = append(out, newMessageJSON(v))
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"messages": out})
}

type messageCreate struct {
	Body     string `json:"body"`
	Internal bool   `json:"internal"`
	ClientID string `json:"client_id"`
	// BreakGlassReason lets a supervisor send a reply the disclosure
	// guard blocks: audited, flagged and notified to the owner.
	BreakGlassReason string `json:"break_glass_reason"`
	// Attachments are files sent with the message (base64 data); their
	// names and text content pass the disclosure guard with the body.
	Attachments []attachmentUpload `json:"attachments"`
}

func (h *Handler) handleMessageCreate(w http.ResponseWriter, r *http.Request) {
	var in messageCreate
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	m, err := h.postMessage(r.Context(), r.PathValue("id"), in)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	// The agent's own message: the view shows it as written.
	httpd.WriteJSON(w, http.StatusCreated, newMessageJSON(proofdesk.NewMessageView(m, proofdesk.ViewContext{CodesIssued: true})))
}
