package crash_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// writers is how many API clients write at once in TestKillMidGroupCommit:
// enough that the SQLite group writer runs several of their transactions
// in each commit.
const writers = 12

// TestKillMidGroupCommit kills `proofdesk serve` with SIGKILL while
// concurrent API clients create conversations and reply on them, so that
// group commits are running, then opens the store and checks that every
// write the API acknowledged (201) is stored, with its text. A write
// answered before its group's COMMIT returned would be lost here.
//
//	PROOFDESK_CRASH_TRIALS=20 go test ./e2e/crash/ -run TestKillMidGroupCommit -v
func TestKillMidGroupCommit(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		killMidGroupCommit(t, e2etest.StartServer(t, e2etest.ServerOptions{Args: serveArgs}))
	})
	if sqldbtest.PostgresDSN() != "" {
		t.Run("postgres", func(t *testing.T) {
			killMidGroupCommit(t, e2etest.StartServer(t, e2etest.ServerOptions{Postgres: true, Args: serveArgs}))
		})
	}
}

// ackedWrite is a write the API acknowledged: the conversation it is in
// and the token its text carries.
type ackedWrite struct{ conv, tok string }

func killMidGroupCommit(t *testing.T, s *e2etest.Server) {
	n := trials(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(n)*2*time.Minute)
	defer cancel()
	var mu sync.Mutex
	var acked []ackedWrite
	var failures []string
	failuresOf := func() []string { mu.Lock(); defer mu.Unlock(); return failures }
	for trial := range n {
		var wg sync.WaitGroup
		var acks, running atomic.Int32
		for w := range writers {
			running.Add(1)
			wg.Go(func() {
				defer running.Add(-1)
				// Each client creates a conversation, then replies on it,
				// until a request fails (the server is gone).
				conv := ""
				for i := 0; ctx.Err() == nil; i++ {
					tok := fmt.Sprintf("[crash-group-%d-%d-%d]", trial, w, i)
					var err error
					if conv == "" || i%3 == 0 {
						conv, err = postJSON(ctx, s.URL+"/api/v1/conversations", s.Agent.Token,
							map[string]any{"channel": "api", "subject": "Group commit", "message": "Question " + tok})
					} else {
						_, err = postJSON(ctx, s.URL+"/api/v1/conversations/"+conv+"/messages", s.Agent.Token,
							map[string]any{"body": "Answer " + tok, "client_id": tok})
					}
					var status statusError
					if errors.As(err, &status) {
						// Answered, but not 201: a failure of its own.
						mu.Lock()
						failures = append(failures, err.Error())
						mu.Unlock()
						conv = ""
						continue
					}
					if err != nil {
						return // the server is gone
					}
					mu.Lock()
					acked = append(acked, ackedWrite{conv, tok})
					mu.Unlock()
					acks.Add(1)
				}
			})
		}
		// Kill once the writes are flowing, while every client still writes.
		for acks.Load() < int32(40+20*trial%60) && ctx.Err() == nil {
			time.Sleep(5 * time.Millisecond)
		}
		if got := running.Load(); got != writers {
			t.Fatalf("trial %d: %d of %d clients still writing at the kill, want all", trial, got, writers)
		}
		s.Kill(t)
		wg.Wait()
		s.Restart(t)
	}
	s.Kill(t)

	db := s.OpenStore(t)
	convs := sqldb.NewConversationService(db)
	texts := map[string]string{} // conversation ID → its messages' text
	missing := 0
	for _, a := range acked {
		text, ok := texts[a.conv]
		if !ok {
			ms, err := convs.FindMessages(context.Background(), a.conv)
			if err != nil {
				t.Errorf("acknowledged conversation %s: %v", a.conv, err)
				missing++
				continue
			}
			var b strings.Builder
			for _, m := range ms {
				b.WriteString(m.Body)
				b.WriteByte('\n')
			}
			text, texts[a.conv] = b.String(), b.String()
		}
		if strings.Count(text, a.tok) != 1 {
			t.Errorf("acknowledged write %s: stored %d times in %s, want once", a.tok, strings.Count(text, a.tok), a.conv)
			missing++
		}
	}
	// The group's audit entries and the head they advanced (written once
	// before the group's COMMIT) survive or vanish together.
	if seq, why, err := sqldb.NewAuditService(db).VerifyAudit(context.Background()); err != nil || seq != 0 {
		t.Errorf("audit chain after the kills: entry %d: %s (%v), want intact", seq, why, err)
	}
	if f := failuresOf(); len(f) > 0 {
		t.Errorf("%d writes answered with an error, want none: %q", len(f), f[:min(len(f), 3)])
	}
	t.Logf("%d trials: %d acknowledged writes, %d lost", n, len(acked), missing)
	if len(acked) == 0 {
		t.Fatal("no write was acknowledged")
	}
}

// statusError is an answer other than 201.
type statusError string

func (e statusError) Error() string { return string(e) }

// postJSON posts in to url with a bearer token and returns the "id" of
// the 201 answer; any other outcome is an error.
func postJSON(ctx context.Context, url, token string, in any) (string, error) {
	b, _ := json.Marshal(in)
	req, _ := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := httpClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated {
		return "", statusError(fmt.Sprintf("status %d: %s", resp.StatusCode, bytes.TrimSpace(body)))
	}
	var out struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return "", err
	}
	return out.ID, nil
}
