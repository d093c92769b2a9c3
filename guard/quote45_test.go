package guard

import (
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
)

// TestSaidQuote45 checks the finding of a quote in the requester's
// messages: a part of one, in other case, accents, spacing or digits, is
// found; a quote that adds or changes a word is not; no messages, none.
func TestSaidQuote45(t *testing.T) {
	tests := []struct {
		quote string
		said  []string
		want  bool
	}{
		{"is it 12 Rue de la Paix?", []string{"Hi! Is it 12 rue de la paix? thanks"}, true},
		{"is it 12 Rue de la Paix?", []string{"first", "IS IT １２ RUE DE LA PAIX"}, true},
		{"ist es Hauptstraße 5?", []string{"ist es hauptstrasse 5"}, true},
		{"is it +33647218390?", []string{"is it +33 6 47 21 83 90?"}, true},
		{"is it 12 Rue de la Paix?", []string{"is it the Baker Street one?"}, false},
		{"is it 12 Rue de la Paix?", []string{"is it going to Rue de la Paix?"}, false},
		{"is it 2 Rue de la Paix?", []string{"is it 12 Rue de la Paix?"}, false},
		{"is it 47218390?", []string{"is it +33647218390?"}, false},
		{"is it 12 Rue de la Paix?", nil, false},
		{"?", []string{"anything"}, false},
	}
	for _, tt := range tests {
		if got := saidQuote45(tt.quote, tt.said); got != tt.want {
			t.Errorf("saidQuote45(%q, %q) = %v, want %v", tt.quote, tt.said, got, tt.want)
		}
	}
}

// BenchmarkCheckSaidQuote is a 2 KB reply that opens by quoting the
// requester, her five last messages given: the one path that reads them.
func BenchmarkCheckSaidQuote(b *testing.B) {
	m := benchMatcher(b)
	reply := "> is it going to 12 Rue de la Paix? I can't confirm or deny any address until you're verified.\n" + reply2KB()
	said := []string{"Hello", strings.Repeat("My parcel has not arrived yet and the tracking page says nothing. ", 20),
		"Order 5531", "is it going to 12 Rue de la Paix? thanks", "?"}
	offered := []string{proofdesk.ClassAddress}
	b.SetBytes(int64(len(reply)))
	b.ReportAllocs()
	for b.Loop() {
		m.CheckSaid(reply, said, proofdesk.L0, offered)
	}
}
