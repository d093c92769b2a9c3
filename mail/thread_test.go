package mail

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/proofdesk/proofdesk"
)

func TestConversationToken(t *testing.T) {
	const id = "cnv_abcdefghijklmnopqrst"
	tests := []struct {
		subject string
		wantID  string
		wantOK  bool
	}{
		{"Re: Where is my order? [#cnv_abcdefghijklmnopqrst]", id, true},
		{"[#CNV_ABCDEFGHIJKLMNOPQRST] upper-cased by a client", id, true},
		{"Fwd: [#cnv_aaaaaaaaaaaaaaaaaaaa] then [#cnv_abcdefghijklmnopqrst]", id, true},
		{"no token here", "", false},
		{"[#cnv_short]", "", false},
		{"[#cnv_abcdefghijklmnopqrs1]", "", false}, // 1 is not base32
		{"[#cus_abcdefghijklmnopqrst]", "", false},
		{"#cnv_abcdefghijklmnopqrst without brackets", "", false},
	}
	for _, tt := range tests {
		gotID, gotOK := ConversationToken(tt.subject)
		if gotID != tt.wantID || gotOK != tt.wantOK {
			t.Errorf("ConversationToken(%q)=%q,%v, want %q,%v", tt.subject, gotID, gotOK, tt.wantID, tt.wantOK)
		}
	}
}

func TestAddToken(t *testing.T) {
	const id = "cnv_abcdefghijklmnopqrst"
	tests := []struct{ subject, id, want string }{
		{"Where is my order?", id, "Where is my order? [#cnv_abcdefghijklmnopqrst]"},
		{"Re: Where is my order? [#cnv_abcdefghijklmnopqrst]", id, "Re: Where is my order? [#cnv_abcdefghijklmnopqrst]"},
		{"Re: x [#cnv_aaaaaaaaaaaaaaaaaaaa]", id, "Re: x [#cnv_abcdefghijklmnopqrst]"},
		{"", id, "[#cnv_abcdefghijklmnopqrst]"},
		{"Hello", "not-an-id", "Hello"},
		{"Hello", "cnv_ABCDEFGHIJKLMNOPQRST", "Hello"},
	}
	for _, tt := range tests {
		if got := AddToken(tt.subject, tt.id); got != tt.want {
			t.Errorf("AddToken(%q, %q)=%q, want %q", tt.subject, tt.id, got, tt.want)
		}
	}

	// Round trip with real IDs.
	for i := 0; i < 50; i++ {
		id := proofdesk.NewID("cnv")
		got, ok := ConversationToken("Re: " + AddToken("Question", id))
		if !ok || got != id {
			t.Fatalf("round trip of %s: got %q, %v", id, got, ok)
		}
	}
}

func TestThreadKeys(t *testing.T) {
	in := mustParseFile(t, "reply_gmail.eml")
	want := []string{"pd-reply-1@shop.example", "plain-1@mail.example.com"}
	if diff := cmp.Diff(want, ThreadKeys(in)); diff != "" {
		t.Fatalf("ThreadKeys mismatch (-want +got):\n%s", diff)
	}

	in = &Inbound{MessageID: "self@x", InReplyTo: "c@x", References: []string{"a@x", "b@x", "c@x", "self@x", ""}}
	want = []string{"c@x", "b@x", "a@x"}
	if diff := cmp.Diff(want, ThreadKeys(in)); diff != "" {
		t.Fatalf("ThreadKeys mismatch (-want +got):\n%s", diff)
	}
	if got := ThreadKeys(&Inbound{MessageID: "only@x"}); len(got) != 0 {
		t.Fatalf("ThreadKeys of a first message=%v, want none", got)
	}
}

func TestNewMessageID(t *testing.T) {
	re := regexp.MustCompile(`^[a-z2-7]{32}@mail\.example\.com$`)
	seen := map[string]bool{}
	for i := 0; i < 100; i++ {
		id := NewMessageID("mail.example.com")
		if !re.MatchString(id) {
			t.Fatalf("NewMessageID=%q, want match of %s", id, re)
		}
		if seen[id] {
			t.Fatalf("NewMessageID repeated %q", id)
		}
		seen[id] = true
	}
	if id := NewMessageID(""); !strings.HasSuffix(id, "@localhost") {
		t.Fatalf("NewMessageID(\"\")=%q, want @localhost", id)
	}
	// An ID we generate survives a parse round trip as a thread key.
	id := NewMessageID("shop.example")
	in, err := Parse(strings.NewReader("From: a@b.example\r\nIn-Reply-To: <"+id+">\r\n\r\nhi\r\n"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if keys := ThreadKeys(in); len(keys) != 1 || keys[0] != id {
		t.Fatalf("ThreadKeys=%v, want [%s]", keys, id)
	}
}
