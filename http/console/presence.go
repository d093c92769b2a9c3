package console

import (
	"context"
	"net/http"
	"regexp"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// Working together live: who else has a conversation open ("viewing"),
// who is typing (agents, and the requester in the widget), and the
// notifications an agent gets on any console page (a mention in an
// internal note, an assignment, a reply from the customer of a
// conversation they hold, a new chat). Events carry IDs only; names are
// looked up here, and nothing of a message is sent.

// presenceEvent is what the "presence" server-sent event carries.
type presenceEvent struct {
	Kind   string `json:"kind"`   // "viewing", "left", "typing"
	Who    string `json:"who"`    // the agent's name, or "The requester"
	Key    string `json:"key"`    // stable per person, for the page's list
	Note   bool   `json:"note"`   // typing an internal note
	Author string `json:"author"` // "agent" or "customer"
}

// notifyEvent is what the "notify" server-sent event carries.
type notifyEvent struct {
	Kind           string `json:"kind"` // "mention", "assigned", "reply", "new_chat"
	Text           string `json:"text"`
	ConversationID string `json:"conversation_id"`
	URL            string `json:"url"`
}

func (h *Handler) publishViewing(ctx context.Context, convID, status string) {
	if h.d.Events == nil {
		return
	}
	h.d.Events.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventViewing, ConversationID: convID, AuthorKind: proofdesk.AuthorAgent,
		AgentID: proofdesk.AgentIDFromContext(ctx), Status: status, At: h.Now().UTC()})
}

func (h *Handler) agentName(ctx context.Context, id string) string {
	if a, err := h.agents.FindAgentByID(ctx, id); err == nil {
		return a.Name
	}
	return "A colleague"
}

// presence turns a viewing or typing event of another person into what
// the page shows; ok is false for other events and for the agent's own.
func (h *Handler) presence(ctx context.Context, ev proofdesk.Event, me string) (presenceEvent, bool) {
	switch ev.Type {
	case proofdesk.EventViewing, proofdesk.EventTyping, proofdesk.EventTypingNote:
	default:
		return presenceEvent{}, false
	}
	if ev.AuthorKind == proofdesk.AuthorCustomer {
		return presenceEvent{Kind: "typing", Who: "The requester", Key: "customer", Author: proofdesk.AuthorCustomer}, ev.Type == proofdesk.EventTyping
	}
	if ev.AgentID == "" || ev.AgentID == me {
		return presenceEvent{}, false
	}
	p := presenceEvent{Kind: "typing", Who: h.agentName(ctx, ev.AgentID), Key: ev.AgentID, Author: proofdesk.AuthorAgent, Note: ev.Type == proofdesk.EventTypingNote}
	if ev.Type == proofdesk.EventViewing {
		p.Kind = "viewing"
		if ev.Status == "left" {
			p.Kind = "left"
		}
	}
	return p, true
}

// notification is what ev means for agent me, if anything: a mention or
// an assignment addressed to them, a customer's message in a conversation
// they hold, a new conversation (when it is unassigned).
func (h *Handler) notification(ctx context.Context, ev proofdesk.Event, me string) (notifyEvent, bool) {
	n := notifyEvent{Kind: "", ConversationID: ev.ConversationID, URL: "/conversations/" + ev.ConversationID}
	switch ev.Type {
	case proofdesk.EventMention:
		if ev.AgentID != me {
			return n, false
		}
		n.Kind, n.Text = "mention", "You were mentioned in an internal note."
	case proofdesk.EventAssigned:
		if ev.AgentID != me {
			return n, false
		}
		n.Kind, n.Text = "assigned", "A conversation was assigned to you."
	case proofdesk.EventMessageCreated:
		if ev.AuthorKind != proofdesk.AuthorCustomer {
			return n, false
		}
		c, err := h.d.Conversations.FindConversationByID(ctx, ev.ConversationID)
		if err != nil || c.AssigneeID != me {
			return n, false
		}
		n.Kind, n.Text = "reply", "The customer replied in a conversation you hold."
	case proofdesk.EventConversationCreated:
		c, err := h.d.Conversations.FindConversationByID(ctx, ev.ConversationID)
		if err != nil || c.AssigneeID != "" || c.Channel != proofdesk.ChannelChat {
			return n, false
		}
		n.Kind, n.Text = "new_chat", "A new chat is waiting."
	default:
		return n, false
	}
	return n, true
}

// handleTyping tells the conversation's other viewers that the agent is
// typing: a reply (which the customer's widget shows too) or an internal
// note (which it never does). 204, no body.
func (h *Handler) handleTyping(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	if _, err := h.d.Conversations.FindConversationByID(ctx, id); err != nil {
		h.renderError(w, r, err)
		return
	}
	typ := proofdesk.EventTyping
	if r.PostFormValue("internal") == "1" {
		typ = proofdesk.EventTypingNote
	}
	if h.d.Events != nil {
		h.d.Events.PublishEvent(ctx, proofdesk.Event{Type: typ, ConversationID: id, AuthorKind: proofdesk.AuthorAgent,
			AgentID: proofdesk.AgentIDFromContext(ctx), At: h.Now().UTC()})
	}
	w.WriteHeader(http.StatusNoContent)
}

// mentionRE finds @name in a note: a run of letters, digits, dots,
// hyphens and underscores.
var mentionRE = regexp.MustCompile(`@([\pL\pN._-]+)`)

// mentioned returns the active agents a note names with @: by first name,
// by full name without spaces, or by the part of their email before @,
// case-insensitive; not the author.
func mentioned(note string, agents []*proofdesk.Agent, author string) []*proofdesk.Agent {
	var out []*proofdesk.Agent
	names := map[string]bool{}
	for _, m := range mentionRE.FindAllStringSubmatch(note, -1) {
		names[strings.ToLower(strings.TrimRight(m[1], ".-_"))] = true
	}
	if len(names) == 0 {
		return nil
	}
	for _, a := range agents {
		if a.Disabled || a.ID == author {
			continue
		}
		local, _, _ := strings.Cut(strings.ToLower(a.Email), "@")
		full := strings.ToLower(strings.ReplaceAll(a.Name, " ", ""))
		first := strings.ToLower(firstName(a.Name))
		if names[full] || names[local] || (first != "" && names[first]) {
			out = append(out, a)
		}
	}
	return out
}

func firstName(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// notifyMentions publishes a mention for each agent an internal note
// names; they see it on any console page they have open.
func (h *Handler) notifyMentions(ctx context.Context, convID, note string) error {
	if (h.d.Events == nil && h.d.Notifications == nil) || !strings.Contains(note, "@") {
		return nil
	}
	agents, err := h.agents.FindAgents(ctx)
	if err != nil {
		return err
	}
	found := mentioned(note, agents, proofdesk.AgentIDFromContext(ctx))
	if h.d.Notifications != nil {
		ids := make([]string, len(found))
		for i, a := range found {
			ids[i] = a.ID
		}
		return h.d.Notifications.NotifyMention(ctx, convID, ids)
	}
	for _, a := range found {
		h.d.Events.PublishEvent(ctx, proofdesk.Event{Type: proofdesk.EventMention, ConversationID: convID, AuthorKind: proofdesk.AuthorAgent,
			AgentID: a.ID, At: h.Now().UTC()})
	}
	return nil
}
