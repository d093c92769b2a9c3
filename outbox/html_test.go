package outbox_test

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/outbox"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// Every email is multipart/alternative: the plain text, then an HTML part
// with the business's stored name, logo and colour, the same text
// escaped and its links made links. Read back with the standard library.
func TestCompose_BrandedAlternative(t *testing.T) {
	db := sqldbtest.Open(t)
	ctx := context.Background()
	bs := sqldb.NewBrandingService(db, proofdesk.Branding{Company: "Acme"})
	if err := bs.UpdateBranding(ctx, &proofdesk.Branding{Company: "Acme Shop", LogoURL: "https://cdn.acme.example/logo.png", PrimaryColor: "#0b5d3b"}); err != nil {
		t.Fatal(err)
	}
	w, err := outbox.NewWorker(db, relay(t, "127.0.0.1:1"), nil, outbox.Config{ // never dialled: Compose only
		From: "Acme Support <support@desk.test>", Branding: bs, Now: time.Now}, nil)
	if err != nil {
		t.Fatal(err)
	}
	text := "Hello Jane,\n\nOpen https://desk.test/v/abc_DEF-1 and pick the number.\n<script>alert(1)</script> & more\n"
	raw, err := w.Compose(ctx, &proofdesk.OutboxDelivery{OutboxMessage: proofdesk.OutboxMessage{ID: "out_1", Kind: proofdesk.OutboxEmail,
		Purpose: "verification", To: "jane@example.com", Subject: "Acme Shop: is this you contacting support?", Body: text}}, "<m1@desk.test>")
	if err != nil {
		t.Fatal(err)
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("Content-Type %q, want multipart/alternative", msg.Header.Get("Content-Type"))
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	var types, bodies []string
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		b, err := io.ReadAll(quotedprintable.NewReader(p))
		if err != nil {
			t.Fatal(err)
		}
		types, bodies = append(types, ct), append(bodies, strings.ReplaceAll(string(b), "\r\n", "\n"))
	}
	if len(types) != 2 || types[0] != "text/plain" || types[1] != "text/html" {
		t.Fatalf("parts %v, want text/plain then text/html", types)
	}
	if bodies[0] != text {
		t.Fatalf("text part changed:\n%q", bodies[0])
	}
	page := bodies[1]
	for _, want := range []string{"Acme Shop</td>", `src="https://cdn.acme.example/logo.png"`, "background:#0b5d3b", "color:#ffffff",
		`<a href="https://desk.test/v/abc_DEF-1"`, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more", `<meta name="viewport"`} {
		if !strings.Contains(page, want) {
			t.Errorf("HTML part lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "<script>") {
		t.Fatal("HTML part carries the text's markup")
	}
}
