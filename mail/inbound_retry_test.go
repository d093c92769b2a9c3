package mail

import (
	"context"
	"encoding/base64"
	"errors"
	"sync"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// failRecord fails RecordInbound while fail is set: the message and its
// files are stored, the mail is not recorded, the sender gets 451.
type failRecord struct {
	ThreadStore
	mu   sync.Mutex
	fail bool
}

func (f *failRecord) RecordInbound(ctx context.Context, m proofdesk.InboundMail) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail {
		return errors.New("disk I/O error")
	}
	return f.ThreadStore.RecordInbound(ctx, m)
}

func (f *failRecord) set(v bool) { f.mu.Lock(); f.fail = v; f.mu.Unlock() }

// withPhoto is a mail with a text part and one attached photo.
func withPhoto(msgID, subject string) string {
	photo := base64.StdEncoding.EncodeToString([]byte("\x89PNG\r\n\x1a\n-photo-bytes-"))
	return "From: Jane Doe <jane@example.com>\nTo: support@shop.example\nSubject: " + subject + "\nMessage-ID: <" + msgID + ">\n" +
		"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n" +
		"--b\nContent-Type: text/plain; charset=utf-8\n\nThe box arrived broken, photo attached.\n" +
		"--b\nContent-Type: image/png; name=box.png\nContent-Disposition: attachment; filename=box.png\nContent-Transfer-Encoding: base64\n\n" +
		photo + "\n--b--\n"
}

// TestInbound_RetryAfterFailureStoresOnce: a mail whose message and files
// were stored (one transaction) but which failed before it was recorded is
// answered 451; the sender's retry finds the message where it is, so no
// second conversation, message or file appears. The same holds for a
// reply to an existing conversation.
func TestInbound_RetryAfterFailureStoresOnce(t *testing.T) {
	db := sqldbtest.Open(t)
	fr := &failRecord{ThreadStore: db}
	e := newInboundEnv(t, db, Limits{}, fr)
	ctx := context.Background()

	check := func(step string, wantConvs, wantMsgs, wantFiles int) *proofdesk.Conversation {
		t.Helper()
		cs := e.emailConversations(t)
		if len(cs) != wantConvs {
			t.Fatalf("%s: %d conversations, want %d", step, len(cs), wantConvs)
		}
		c := cs[len(cs)-1]
		if n := len(e.messages(t, c.ID)); n != wantMsgs {
			t.Fatalf("%s: %d messages, want %d", step, n, wantMsgs)
		}
		as, err := e.convs.FindAttachments(ctx, c.ID)
		if err != nil || len(as) != wantFiles {
			t.Fatalf("%s: %d files (%v), want %d", step, len(as), err, wantFiles)
		}
		return c
	}

	first := withPhoto("r1@example.com", "Broken box")
	fr.set(true)
	if code := e.send(t, first); code != 451 {
		t.Fatalf("code=%d, want 451", code)
	}
	check("after the failure", 1, 1, 1)
	fr.set(false)
	if code := e.send(t, first); code != 0 {
		t.Fatalf("retry code=%d", code)
	}
	conv := check("after the retry", 1, 1, 1)
	if code := e.send(t, first); code != 0 {
		t.Fatalf("second retry code=%d", code)
	}
	check("after a duplicate", 1, 1, 1)

	// A reply threaded by its subject token... by In-Reply-To here.
	reply := "In-Reply-To: <r1@example.com>\n" + withPhoto("r2@example.com", "Re: Broken box")
	fr.set(true)
	if code := e.send(t, reply); code != 451 {
		t.Fatalf("reply code=%d, want 451", code)
	}
	fr.set(false)
	if code := e.send(t, reply); code != 0 {
		t.Fatalf("reply retry code=%d", code)
	}
	if c := check("after the reply's retry", 1, 2, 2); c.ID != conv.ID {
		t.Fatalf("reply went to %s, want %s", c.ID, conv.ID)
	}
}
