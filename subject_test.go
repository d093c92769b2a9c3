package proofdesk_test

import (
	"testing"

	"github.com/proofdesk/proofdesk"
)

// TestViewContext_Subject: the subject is read as the conversation's
// page reads it, with its first customer messages: the known code split
// between subject and body, and (with a request issued) any number that
// runs from the subject into the body, is hidden in the subject; an
// order number without a request stays; an agent's message in between
// does not break the reading, as NewMessageViews reads past it.
func TestViewContext_Subject(t *testing.T) {
	known := func(c string) bool { return c == "482913" }
	cust := func(body string) *proofdesk.Message {
		return &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: body}
	}
	agent := &proofdesk.Message{AuthorKind: proofdesk.AuthorAgent, Body: "Could you say that again?"}
	tests := []struct {
		name, subject string
		sc            proofdesk.SubjectContext
		want          string
	}{
		{"known code split", "my code is 482", proofdesk.SubjectContext{First: []*proofdesk.Message{cust("913 thanks")}}, "my code is [code hidden]"},
		{"known code, words between", "code 482", proofdesk.SubjectContext{First: []*proofdesk.Message{cust("hello"), cust("then 913")}}, "code [code hidden]"},
		{"agent between", "code 482", proofdesk.SubjectContext{First: []*proofdesk.Message{agent, cust("913")}}, "code [code hidden]"},
		{"request issued, unknown digits", "my code 111", proofdesk.SubjectContext{CodesIssued: true, First: []*proofdesk.Message{cust("222 thanks")}}, "my code [code hidden]"},
		{"request issued, one digit a message", "code 1", proofdesk.SubjectContext{CodesIssued: true,
			First: []*proofdesk.Message{cust("2"), cust("3"), cust("4"), cust("5"), cust("6")}}, "code [code hidden]"},
		{"no request: order number stays", "Order 4471", proofdesk.SubjectContext{First: []*proofdesk.Message{cust("2208 boxes never arrived")}}, "Order 4471"},
		{"no number", "Where is my parcel?", proofdesk.SubjectContext{CodesIssued: true, First: []*proofdesk.Message{cust("482913")}}, "Where is my parcel?"},
		{"alone", "my code is 482", proofdesk.SubjectContext{}, "my code is 482"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			vc := proofdesk.ViewContext{KnownCode: known}
			if got := vc.Subject(tt.subject, tt.sc); got != tt.want {
				t.Fatalf("Subject(%q)=%q, want %q", tt.subject, got, tt.want)
			}
		})
	}
	if proofdesk.SubjectHoldsNumber("Where is my parcel?") || !proofdesk.SubjectHoldsNumber("code four eight two") {
		t.Fatal("SubjectHoldsNumber reads a number where there is none, or none in number words")
	}
}

// TestViewContext_Subject_Later: attack13: the subject holds the first
// part of a known code ("code 482"), five messages of chatter follow, and
// the sixth holds the rest ("913"): the conversation's page hides both
// (the known code's pieces are read across all its messages), so the
// lists must not show the subject's part: Subject reads the later
// messages too (sc.Later) for a known code.
func TestViewContext_Subject_Later(t *testing.T) {
	known := func(c string) bool { return c == "482913" }
	cust := func(body string) *proofdesk.Message {
		return &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: body}
	}
	first := []*proofdesk.Message{cust("hello"), cust("anyone?"), cust("please"), cust("it is urgent"), cust("the code is in the subject")}
	vc := proofdesk.ViewContext{KnownCode: known}
	all := append(append([]*proofdesk.Message(nil), first...), cust("then 913"))
	page, _ := proofdesk.NewConversationViews("code 482", all, vc)
	if page != "code [code hidden]" {
		t.Fatalf("the page shows the subject %q: the test proves nothing", page)
	}
	sc := proofdesk.SubjectContext{First: first, Later: func() []*proofdesk.Message { return []*proofdesk.Message{cust("then 913")} }}
	if got := vc.Subject("code 482", sc); got != page {
		t.Fatalf("Subject=%q, the page shows %q", got, page)
	}
	// An order number in the subject, no known code: Later changes nothing.
	sc.Later = func() []*proofdesk.Message { return []*proofdesk.Message{cust("4471 boxes")} }
	if got := vc.Subject("Order 2208", sc); got != "Order 2208" {
		t.Fatalf("Subject=%q, want the order number shown", got)
	}
}
