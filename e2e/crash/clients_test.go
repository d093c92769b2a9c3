package crash_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"
)

// The clients behave as real ones do when the server dies under them: a
// sending mail server retries every mail it did not see acknowledged
// (250 after the data), the widget resends every message it did not see
// acked (same client_id) on a new WebSocket, and an agent's integration
// retries a reply it got no 201 for (same client_id). Each records what
// was acknowledged; the test then counts what the store kept.

// pause is how long a client waits before trying again after a failure.
const pause = 100 * time.Millisecond

// ledger records, per token (a unique text in each item), whether the
// server acknowledged it, and the failures seen (by kind).
type ledger struct {
	mu       sync.Mutex
	acked    map[string]bool
	sent     map[string]bool
	failures map[string]int
	// status503 counts 503 answers and retryAfter those with Retry-After.
	status503, retryAfter int
	// answersLost counts mails sent whose answer the client did not wait for.
	answersLost int
}

func newLedger() *ledger {
	return &ledger{acked: map[string]bool{}, sent: map[string]bool{}, failures: map[string]int{}}
}

func (l *ledger) try(tok string) { l.mu.Lock(); l.sent[tok] = true; l.mu.Unlock() }
func (l *ledger) ack(tok string) { l.mu.Lock(); l.acked[tok] = true; l.mu.Unlock() }
func (l *ledger) fail(kind string) {
	l.mu.Lock()
	l.failures[kind]++
	l.mu.Unlock()
}

// sendMailUntilAcked sends one mail until the server answers 250 to its
// data, or ctx ends. The mail is the same bytes every time. With
// loseFirst, the first attempt hangs up right after the data, before the
// answer, as a sending server does whose connection broke or timed out
// there: the mail is stored, the sender does not know it, and resends.
func sendMailUntilAcked(ctx context.Context, addr, from string, msg []byte, tok string, loseFirst bool, l *ledger) {
	if loseFirst {
		l.try(tok)
		if err := sendMailLosingAnswer(addr, from, msg); err == nil {
			l.mu.Lock()
			l.answersLost++
			l.mu.Unlock()
		}
		l.fail("smtp-answer-lost")
	}
	for ctx.Err() == nil {
		l.try(tok)
		err := sendMailOnce(addr, from, msg)
		if err == nil {
			l.ack(tok)
			return
		}
		l.fail("smtp")
		sleep(ctx, pause)
	}
}

// sendMailLosingAnswer sends a mail and closes the connection after the
// final dot, without reading the server's answer.
func sendMailLosingAnswer(addr, from string, msg []byte) error {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	tp := textproto.NewConn(conn)
	if _, _, err := tp.ReadResponse(220); err != nil {
		return err
	}
	for _, step := range []struct {
		cmd  string
		code int
	}{{"EHLO crash.example", 250}, {"MAIL FROM:<" + from + ">", 250}, {"RCPT TO:<support@desk.test>", 250}, {"DATA", 354}} {
		id, err := tp.Cmd("%s", step.cmd)
		if err != nil {
			return err
		}
		tp.StartResponse(id)
		_, _, err = tp.ReadResponse(step.code)
		tp.EndResponse(id)
		if err != nil {
			return err
		}
	}
	w := tp.DotWriter()
	if _, err := w.Write(msg); err != nil {
		return err
	}
	return w.Close() // the final dot, flushed; the answer is never read
}

func sendMailOnce(addr, from string, msg []byte) error {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(30 * time.Second))
	host, _, _ := net.SplitHostPort(addr)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		return err
	}
	if err := c.Mail(from); err != nil {
		return err
	}
	if err := c.Rcpt("support@desk.test"); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil { // the server's answer to the data
		return err
	}
	_ = c.Quit()
	return nil
}

// visitor is a chat widget: one conversation, a WebSocket redialled after
// every failure.
type visitor struct {
	base, token, conv string
	ws                *websocket.Conn
}

func widgetPost(ctx context.Context, base, path, token string, in, out any) (int, error) {
	b, _ := json.Marshal(in)
	req, err := http.NewRequestWithContext(ctx, "POST", base+path, bytes.NewReader(b))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "https://shop.example.test")
	if token != "" {
		req.Header.Set("Authorization", "Visitor "+token)
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated {
		return resp.StatusCode, fmt.Errorf("POST %s: %d %s", path, resp.StatusCode, body)
	}
	return resp.StatusCode, json.Unmarshal(body, out)
}

var httpClient = &http.Client{Timeout: 15 * time.Second}

// openVisitor creates a visitor and a conversation whose first message
// is first (a token "[...-first]"). As widget.js does, a failed creation
// is not resent: the person types the message again, a new message (new
// client_id, token "...-firstN"); the first that is acknowledged counts.
// A creation the server stored but never answered is then a stored,
// unacknowledged message (counted apart), not a duplicate.
func openVisitor(ctx context.Context, base, first string, l *ledger) *visitor {
	v := &visitor{base: base}
	for ctx.Err() == nil && v.token == "" {
		var tok struct {
			Token string `json:"visitor_token"`
		}
		if _, err := widgetPost(ctx, base, "/widget/v1/visitors", "", struct{}{}, &tok); err != nil {
			l.fail("widget")
			sleep(ctx, pause)
			continue
		}
		v.token = tok.Token
	}
	for try := 0; ctx.Err() == nil && v.conv == ""; try++ {
		var conv struct {
			ID string `json:"conversation_id"`
		}
		body := first
		if try > 0 {
			body = strings.TrimSuffix(first, "]") + strconv.Itoa(try) + "]"
		}
		l.try(body)
		if _, err := widgetPost(ctx, base, "/widget/v1/conversations", v.token,
			map[string]string{"message": body, "client_id": "first" + strconv.Itoa(try)}, &conv); err != nil {
			l.fail("widget")
			sleep(ctx, pause)
			continue
		}
		l.ack(body)
		v.conv = conv.ID
	}
	return v
}

func (v *visitor) dial(ctx context.Context) error {
	dctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	ws, _, err := websocket.Dial(dctx, "ws"+strings.TrimPrefix(v.base, "http")+"/widget/v1/ws?conversation="+v.conv,
		&websocket.DialOptions{Subprotocols: []string{"proofdesk.v1", "visitor." + v.token},
			HTTPHeader: http.Header{"Origin": {"https://shop.example.test"}}})
	if err != nil {
		return err
	}
	for {
		f, err := readFrame(dctx, ws)
		if err != nil {
			ws.CloseNow()
			return err
		}
		if f.Type == "ready" {
			v.ws = ws
			return nil
		}
	}
}

type frame struct {
	Type     string `json:"type"`
	ClientID string `json:"client_id"`
	ID       string `json:"id"`
	Error    string `json:"error"`
}

func readFrame(ctx context.Context, ws *websocket.Conn) (frame, error) {
	_, b, err := ws.Read(ctx)
	if err != nil {
		return frame{}, err
	}
	var f frame
	return f, json.Unmarshal(b, &f)
}

// sendUntilAcked sends one chat message until the server acks its
// client_id, redialling the WebSocket after any failure.
func (v *visitor) sendUntilAcked(ctx context.Context, clientID, body string, l *ledger) {
	for ctx.Err() == nil {
		if v.ws == nil {
			if err := v.dial(ctx); err != nil {
				l.fail("ws-dial")
				sleep(ctx, pause)
				continue
			}
		}
		l.try(body)
		if v.sendOnce(ctx, clientID, body) {
			l.ack(body)
			return
		}
		l.fail("ws")
		v.ws.CloseNow()
		v.ws = nil
		sleep(ctx, pause)
	}
}

func (v *visitor) sendOnce(ctx context.Context, clientID, body string) bool {
	fctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	b, _ := json.Marshal(map[string]string{"type": "message", "client_id": clientID, "body": body})
	if err := v.ws.Write(fctx, websocket.MessageText, b); err != nil {
		return false
	}
	for {
		f, err := readFrame(fctx, v.ws)
		if err != nil {
			return false
		}
		if f.ClientID != clientID {
			continue // our own message echoed, a typing frame...
		}
		return f.Type == "ack"
	}
}

func (v *visitor) close() {
	if v.ws != nil {
		v.ws.Close(websocket.StatusNormalClosure, "")
	}
}

// replyUntilAcked posts an agent reply until the API answers 201, with
// the same client_id every time.
func replyUntilAcked(ctx context.Context, base, token, convID, clientID, body string, l *ledger) {
	for ctx.Err() == nil {
		l.try(body)
		b, _ := json.Marshal(map[string]string{"body": body, "client_id": clientID})
		req, _ := http.NewRequestWithContext(ctx, "POST", base+"/api/v1/conversations/"+convID+"/messages", bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := httpClient.Do(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusCreated {
				l.ack(body)
				return
			}
			if resp.StatusCode == http.StatusServiceUnavailable {
				l.mu.Lock()
				l.status503++
				if resp.Header.Get("Retry-After") != "" {
					l.retryAfter++
				}
				l.mu.Unlock()
			}
			l.fail(fmt.Sprintf("api-%d", resp.StatusCode))
		} else {
			l.fail("api")
		}
		sleep(ctx, pause)
	}
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-ctx.Done():
	case <-time.After(d):
	}
}
