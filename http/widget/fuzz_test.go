package widget_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/coder/websocket"

	"github.com/proofdesk/proofdesk/http/widget"
)

// knownFrames are the frame types the server sends a visitor.
var knownFrames = map[string]bool{"ready": true, "message": true, "ack": true, "error": true, "typing": true,
	"code_result": true, "level": true, "challenge": true, "status": true, "resync": true}

// FuzzFrame sends each input as a frame over a real WebSocket (store:
// SQLite) and then a frame of an unknown type as a marker. The connection
// stays open, every answer is a JSON object of a known type, an error
// frame has a code and a message and is never internal, an ack
// names the client_id sent, and the marker is answered. Seeds:
// testdata/fuzz/FuzzFrame.
func FuzzFrame(f *testing.F) {
	for _, s := range []string{
		`{"type":"message","client_id":"c1","body":"Hello"}`,
		`{"type":"message","client_id":"c2","body":"123 456"}`,
		`{"type":"code","client_id":"c3","code":"000000"}`,
		`{"type":"resume","after":"msg_0"}`,
		`{"type":"resume","after":"` + "\u202e" + `"}`,
		`{"type":"typing"}`,
		`{"type":"auth","token":"x"}`,
		`{"type":"message","body":"\u0000\ud800"}`,
		`[1,2]`, `null`, `{"type":1}`, ``,
	} {
		f.Add(s)
	}
	e := newEnv(f, widget.Config{RatePerMinute: 1 << 20, Burst: 1 << 20})
	tok := e.newVisitor(f)
	conv := e.newConversation(f, tok, "Fuzzing the frames")
	c, _ := e.dial(f, tok, conv)
	f.Cleanup(func() { c.CloseNow() })
	n := 0
	f.Fuzz(func(t *testing.T, frame string) {
		if len(frame) > widget.DefaultMaxMessageBytes*4 {
			return // over the read limit: the connection is closed, as it should
		}
		n++
		if n%100 == 0 {
			// A fresh conversation now and then: a resume replays the whole
			// conversation, and thousands of fuzz messages in one would
			// turn every resume into a flood no visitor produces.
			c.CloseNow()
			conv = e.newConversation(t, tok, "Fuzzing the frames")
			var err error
			if c, _, err = websocket.Dial(context.Background(), wsURL(e, conv), &websocket.DialOptions{Subprotocols: []string{widget.Subprotocol}}); err != nil {
				t.Fatal(err)
			}
			send(t, c, map[string]string{"type": "auth", "token": tok})
			if ready := read(t, c); ready["type"] != "ready" {
				t.Fatalf("first frame %v, want ready", ready)
			}
		}
		marker := fmt.Sprintf("marker-%d", n)
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := c.Write(ctx, websocket.MessageText, []byte(frame)); err != nil {
			t.Fatalf("write: %v", err)
		}
		b, _ := json.Marshal(map[string]string{"type": "fuzz-marker", "client_id": marker})
		if err := c.Write(ctx, websocket.MessageText, b); err != nil {
			t.Fatalf("write marker after %q: %v", frame, err)
		}
		var sent struct {
			Type     string `json:"type"`
			ClientID string `json:"client_id"`
		}
		_ = json.Unmarshal([]byte(frame), &sent)
		for {
			_, data, err := c.Read(ctx)
			if err != nil {
				t.Fatalf("after frame %q the connection failed: %v", frame, err)
			}
			var got struct {
				Type     string `json:"type"`
				Error    string `json:"error"`
				Message  string `json:"message"`
				ClientID string `json:"client_id"`
				ID       string `json:"id"`
			}
			if err := json.Unmarshal(data, &got); err != nil || !knownFrames[got.Type] {
				t.Fatalf("after frame %q the server sent %s", frame, data)
			}
			switch got.Type {
			case "error":
				if got.Error == "" || got.Message == "" || got.Error == "internal" {
					t.Fatalf("after frame %q: error frame %s", frame, data)
				}
				if got.ClientID == marker {
					return
				}
			case "ack":
				if got.ID == "" || got.ClientID != sent.ClientID {
					t.Fatalf("after frame %q: ack %s", frame, data)
				}
			}
		}
	})
}
