package sms

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/proofdesk/proofdesk"
)

// FakeMessage is a message FakeTwilio accepted.
type FakeMessage struct {
	SID                 string
	To                  string
	From                string
	MessagingServiceSID string
	Body                string
	At                  time.Time
}

// fakeFailure is a queued failure: Status 0 drops the connection.
type fakeFailure struct {
	status  int
	code    int
	message string
}

// FakeTwilio is a Twilio Messages API on a loopback httptest server, for
// tests and end-to-end runs. It checks Basic auth, the account in the path
// and the form as Twilio does, answers Twilio's JSON, records accepted
// messages, and fails on request (FailNext).
type FakeTwilio struct {
	// AccountSID and AuthToken are the credentials it accepts.
	AccountSID string
	AuthToken  string

	srv *httptest.Server

	mu       sync.Mutex
	messages []FakeMessage
	failures []fakeFailure
}

// NewFakeTwilio starts a fake accepting accountSID:authToken. Close it
// when done.
func NewFakeTwilio(accountSID, authToken string) *FakeTwilio {
	f := &FakeTwilio{AccountSID: accountSID, AuthToken: authToken}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	return f
}

// URL returns the fake's base URL, for Config.BaseURL.
func (f *FakeTwilio) URL() string { return f.srv.URL }

// Close stops the server.
func (f *FakeTwilio) Close() { f.srv.Close() }

// Config returns a client configuration that talks to the fake with its
// credentials and from as the sender.
func (f *FakeTwilio) Config(from string) Config {
	return Config{BaseURL: f.URL(), AccountSID: f.AccountSID, AuthToken: f.AuthToken, From: from, HTTPClient: f.srv.Client()}
}

// FailNext makes the next accepted-looking request fail with the HTTP
// status and Twilio error code and message; status 0 drops the connection
// without an answer. Calls queue up, one failure per request.
func (f *FakeTwilio) FailNext(status, code int, message string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures = append(f.failures, fakeFailure{status: status, code: code, message: message})
}

// Messages returns the accepted messages, oldest first.
func (f *FakeTwilio) Messages() []FakeMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]FakeMessage(nil), f.messages...)
}

func (f *FakeTwilio) serve(w http.ResponseWriter, r *http.Request) {
	prefix := "/2010-04-01/Accounts/"
	rest, ok := strings.CutPrefix(r.URL.Path, prefix)
	sid, tail, _ := strings.Cut(rest, "/")
	if !ok || tail != "Messages.json" {
		twilioFail(w, http.StatusNotFound, 20404, "The requested resource "+r.URL.Path+" was not found")
		return
	}
	if r.Method != http.MethodPost {
		twilioFail(w, http.StatusMethodNotAllowed, 20004, "Method not allowed")
		return
	}
	user, pass, ok := r.BasicAuth()
	if !ok || subtle.ConstantTimeCompare([]byte(user), []byte(f.AccountSID)) != 1 ||
		subtle.ConstantTimeCompare([]byte(pass), []byte(f.AuthToken)) != 1 {
		w.Header().Set("WWW-Authenticate", `Basic realm="Twilio API"`)
		twilioFail(w, http.StatusUnauthorized, 20003, "Authenticate")
		return
	}
	if sid != f.AccountSID {
		twilioFail(w, http.StatusNotFound, 20404, "The requested resource "+r.URL.Path+" was not found")
		return
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/x-www-form-urlencoded" {
		twilioFail(w, http.StatusBadRequest, 21602, "Message body is required.")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		twilioFail(w, http.StatusBadRequest, 20001, "Invalid request body")
		return
	}
	m := FakeMessage{
		To: r.PostForm.Get("To"), From: r.PostForm.Get("From"), MessagingServiceSID: r.PostForm.Get("MessagingServiceSid"),
		Body: r.PostForm.Get("Body"), At: time.Now().UTC(),
	}
	switch {
	case m.To == "":
		twilioFail(w, http.StatusBadRequest, 21604, "A 'To' phone number is required.")
		return
	case m.From == "" && m.MessagingServiceSID == "":
		twilioFail(w, http.StatusBadRequest, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message.")
		return
	case m.Body == "":
		twilioFail(w, http.StatusBadRequest, 21602, "Message body is required.")
		return
	case utf8.RuneCountInString(m.Body) > MaxBodyChars:
		twilioFail(w, http.StatusBadRequest, 21617, "The concatenated message body exceeds the 1600 character limit.")
		return
	}
	if norm, err := proofdesk.NormalizePhone(m.To); err != nil || norm != m.To {
		twilioFail(w, http.StatusBadRequest, 21211, fmt.Sprintf("The 'To' number %s is not a valid phone number.", m.To))
		return
	}
	f.mu.Lock()
	if len(f.failures) > 0 {
		fail := f.failures[0]
		f.failures = f.failures[1:]
		f.mu.Unlock()
		if fail.status == 0 {
			if hj, ok := w.(http.Hijacker); ok {
				if conn, _, err := hj.Hijack(); err == nil {
					conn.Close()
					return
				}
			}
			fail.status = http.StatusBadGateway
		}
		twilioFail(w, fail.status, fail.code, fail.message)
		return
	}
	var b [16]byte
	_, _ = rand.Read(b[:])
	m.SID = "SM" + hex.EncodeToString(b[:])
	f.messages = append(f.messages, m)
	f.mu.Unlock()

	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"sid": m.SID, "account_sid": f.AccountSID, "to": m.To, "from": m.From, "messaging_service_sid": nilIfEmpty(m.MessagingServiceSID),
		"body": m.Body, "status": "queued", "direction": "outbound-api", "num_segments": "1", "api_version": "2010-04-01",
		"date_created": m.At.Format(time.RFC1123Z), "uri": "/2010-04-01/Accounts/" + f.AccountSID + "/Messages/" + m.SID + ".json",
		"error_code": nil, "error_message": nil,
	})
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// twilioFail writes Twilio's JSON error body.
func twilioFail(w http.ResponseWriter, status, code int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	body := map[string]any{"code": code, "message": message, "status": status}
	if code != 0 {
		body["more_info"] = fmt.Sprintf("https://www.twilio.com/docs/errors/%d", code)
	}
	_ = json.NewEncoder(w).Encode(body)
}
