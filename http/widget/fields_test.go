package widget_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/proofdesk/proofdesk/http/widget"
)

// TestWidget_Case22v_VisitorFields: a variant of case 22 where the
// visitor's name and email hold invisible characters, a bidi override and
// a line break. Both fields are neutralised as every channel neutralises
// one-line fields (proofdesk.NeutralizeLine), the email as the name.
func TestWidget_Case22v_VisitorFields(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "22v-widget-invisible-fields.json"))
	if err != nil {
		t.Fatal(err)
	}
	var req map[string]string
	if err := json.Unmarshal(raw, &req); err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, widget.Config{})
	token := e.newVisitor(t)
	var out map[string]any
	if st := e.do(t, "POST", "/widget/v1/conversations", token, req, nil, &out); st != http.StatusCreated {
		t.Fatalf("status %d: %v", st, out)
	}
	conv, err := e.convs.FindConversationByID(context.Background(), out["conversation_id"].(string))
	if err != nil {
		t.Fatal(err)
	}
	if conv.Requester.Name != "Support Team Bcc: x@evil.example" || conv.Requester.Email != "ana@example.net" {
		t.Fatalf("name=%q email=%q", conv.Requester.Name, conv.Requester.Email)
	}
	ms, err := e.convs.FindMessages(context.Background(), conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if ms[0].Body != "Hallo, Bestellung 4423 fehlt" {
		t.Fatalf("body=%q", ms[0].Body)
	}
}
