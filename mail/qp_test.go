package mail

import (
	"io"
	"mime/quotedprintable"
	"strings"
	"testing"
)

// TestQPSoftWrap: long lines read whole, escapes never split, short lines
// and soft breaks left as they are.
func TestQPSoftWrap(t *testing.T) {
	tests := []struct{ in, want string }{
		{strings.Repeat("=C3=A9", 2000) + "\r\nnext =\r\nline\r\n", strings.Repeat("é", 2000) + "\r\nnext line\r\n"},
		{strings.Repeat("a", 997) + "=3D" + strings.Repeat("b", 5000), strings.Repeat("a", 997) + "=" + strings.Repeat("b", 5000)},
		// Blanks before an inserted break stay; those ending the line go (RFC 2045 §6.7 rule 3).
		{strings.Repeat("x ", 3000) + "\n", strings.Repeat("x ", 2999) + "x\n"},
		{"short=20line\r\n", "short line\r\n"},
	}
	for i, tt := range tests {
		got, err := io.ReadAll(quotedprintable.NewReader(qpSoftWrap(strings.NewReader(tt.in))))
		if err != nil || string(got) != tt.want {
			t.Fatalf("%d: err=%v, got %d bytes, want %d", i, err, len(got), len(tt.want))
		}
	}
}
