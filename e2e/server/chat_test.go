package server_test

import (
	"net/http"
	"testing"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// TestChat: a visitor's message over a real WebSocket reaches the agent's
// live stream; the agent's API reply reaches the visitor's WebSocket.
func TestChat(t *testing.T) {
	eachStore(t, func(t *testing.T, s *e2etest.Server) {
		events := s.Events(t, s.Agent.Token, "")
		v := newVisitor(t, s, "Sam", "", "Hello, is anyone there?")

		v.send(t, "c1", "I need help with my order.")
		ack := v.next(t, "ack", func(f frame) bool { return f.Type == "ack" && f.ClientID == "c1" })
		must(t, ack.ID != "", "ack without a message id: %+v", ack)

		ev := events.Wait(t, wait, "the visitor's message", func(ev e2etest.Event) bool {
			return ev.Type == "message.created" && ev.Field("message_id") == ack.ID
		})
		must(t, ev.Field("conversation_id") == v.conv, "event for %q, want %q", ev.Field("conversation_id"), v.conv)
		must(t, ev.Field("author_kind") == "customer", "author_kind %q", ev.Field("author_kind"))

		var sent message
		s.API(t, "POST", "/api/v1/conversations/"+v.conv+"/messages", s.Agent.Token,
			map[string]string{"body": "Hi Sam, happy to help. What is the order about?"}, http.StatusCreated, &sent)
		got := v.next(t, "the agent's reply", func(f frame) bool { return f.Type == "message" && f.ID == sent.ID })
		must(t, got.Author == "agent" && got.Body == "Hi Sam, happy to help. What is the order about?", "visitor got %+v", got)

		// An internal note never reaches the visitor: the next visible
		// message arrives, the note does not come before it.
		var note, after message
		s.API(t, "POST", "/api/v1/conversations/"+v.conv+"/messages", s.Agent.Token,
			map[string]any{"body": "internal: check the warehouse", "internal": true}, http.StatusCreated, &note)
		s.API(t, "POST", "/api/v1/conversations/"+v.conv+"/messages", s.Agent.Token,
			map[string]string{"body": "One moment please."}, http.StatusCreated, &after)
		f := v.next(t, "the next visible reply", func(f frame) bool { return f.Type == "message" })
		must(t, f.ID == after.ID, "visitor got %+v, want the message after the internal note", f)
	})
}
