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

// lostAnswer stores inbound mail and then fails while set, as when the
// server dies after the commit and before its 250 reaches the sender:
// the mail is stored, the sender saw no acknowledgement and retries.
// With before set it fails without storing, as when the server dies
// before the commit.
type lostAnswer struct {
	ThreadStore
	mu           sync.Mutex
	fail, before bool
}

func (f *lostAnswer) StoreInbound(ctx context.Context, d *proofdesk.InboundDelivery) error {
	f.mu.Lock()
	fail, before := f.fail, f.before
	f.mu.Unlock()
	if fail && before {
		return errors.New("disk I/O error")
	}
	if err := f.ThreadStore.StoreInbound(ctx, d); err != nil {
		return err
	}
	if fail {
		return errors.New("connection reset after commit")
	}
	return nil
}

func (f *lostAnswer) set(fail, before bool) {
	f.mu.Lock()
	f.fail, f.before = fail, before
	f.mu.Unlock()
}

// withPhoto is a mail with a text part and one attached photo.
func withPhoto(msgID, subject string) string {
	photo := base64.StdEncoding.EncodeToString([]byte("\x89PNG\r\n\x1a\n-photo-bytes-"))
	return "From: Jane Doe <jane@example.com>\nTo: support@shop.example\nSubject: " + subject + "\nMessage-ID: <" + msgID + ">\n" +
		"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n" +
		"--b\nContent-Type: text/plain; charset=utf-8\n\nThe box arrived broken, photo attached.\n" +
		"--b\nContent-Type: image/png; name=box.png\nContent-Disposition: attachment; filename=box.png\nContent-Transfer-Encoding: base64\n\n" +
		photo + "\n--b--\n"
}

// TestInbound_RetryAfterFailureStoresOnce: a mail stored (message, files
// and its Message-ID record in one transaction) whose acknowledgement was
// lost is answered 451; the sender's retry is recognised, so no second
// conversation, message or file appears. A mail that failed before the
// commit left nothing, and its retry stores it once. The same holds for a
// reply to an existing conversation.
func TestInbound_RetryAfterFailureStoresOnce(t *testing.T) {
	db := sqldbtest.Open(t)
	fr := &lostAnswer{ThreadStore: db}
	e := newInboundEnv(t, db, Limits{}, fr)
	ctx := context.Background()

	check := func(step string, wantConvs, wantMsgs, wantFiles int) *proofdesk.Conversation {
		t.Helper()
		cs := e.emailConversations(t)
		if len(cs) != wantConvs {
			t.Fatalf("%s: %d conversations, want %d", step, len(cs), wantConvs)
		}
		if wantConvs == 0 {
			return nil
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
	fr.set(true, true)
	if code := e.send(t, first); code != 451 {
		t.Fatalf("code=%d, want 451", code)
	}
	check("after a failure before the commit", 0, 0, 0)
	fr.set(true, false)
	if code := e.send(t, first); code != 451 {
		t.Fatalf("code=%d, want 451", code)
	}
	check("after the lost answer", 1, 1, 1)
	fr.set(false, false)
	if code := e.send(t, first); code != 0 {
		t.Fatalf("retry code=%d", code)
	}
	conv := check("after the retry", 1, 1, 1)
	if code := e.send(t, first); code != 0 {
		t.Fatalf("second retry code=%d", code)
	}
	check("after a duplicate", 1, 1, 1)

	// A reply threaded by In-Reply-To, its answer lost.
	reply := "In-Reply-To: <r1@example.com>\n" + withPhoto("r2@example.com", "Re: Broken box")
	fr.set(true, false)
	if code := e.send(t, reply); code != 451 {
		t.Fatalf("reply code=%d, want 451", code)
	}
	fr.set(false, false)
	if code := e.send(t, reply); code != 0 {
		t.Fatalf("reply retry code=%d", code)
	}
	if c := check("after the reply's retry", 1, 2, 2); c.ID != conv.ID {
		t.Fatalf("reply went to %s, want %s", c.ID, conv.ID)
	}
}
