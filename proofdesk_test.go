package proofdesk_test

import (
	"bytes"
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/verify"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
		phone          bool
		wantErr        bool
	}{
		{"email case", " Jane.Doe@Example.COM ", "jane.doe@example.com", false, false},
		{"email with name refused", "Jane <jane@example.com>", "", false, true},
		{"email no dot", "jane@localhost", "", false, true},
		{"email garbage", "not-an-email", "", false, true},
		{"us grouped, no country code", "(415) 555-0123", "", true, true},
		{"us dotted, no country code", "415.555.0123", "", true, true},
		{"us grouped", "+1 (415) 555-0123", "+14155550123", true, false},
		{"us dotted", "+1.415.555.0123", "+14155550123", true, false},
		{"intl", "+44 20 7946 0958", "+442079460958", true, false},
		{"00 prefix", "0044 20 7946 0958", "+442079460958", true, false},
		{"letters", "+1 415 CALL NOW", "", true, true},
		{"too short", "+1234", "", true, true},
		{"national without country", "020 7946 0958", "", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			var err error
			if tt.phone {
				got, err = proofdesk.NormalizePhone(tt.in)
			} else {
				got, err = proofdesk.NormalizeEmail(tt.in)
			}
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Fatalf("got %q, %v; want %q (error %v)", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestCustomerInput(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		body      string
		wantField string
	}{
		{"ok", `{"name":"A","emails":["a@example.com",{"value":"b@example.com","added_at":"2020-01-01"}],"phones":["+14155550123"]}`, ""},
		{"no name", `{"emails":["a@example.com"]}`, "name"},
		{"bad email", `{"name":"A","emails":["nope"]}`, "emails[0]"},
		{"bad phone", `{"name":"A","phones":["12"]}`, "phones[0]"},
		{"duplicate email", `{"name":"A","emails":["a@example.com","A@example.com"]}`, "emails[1]"},
		{"future added_at", `{"name":"A","emails":[{"value":"a@example.com","added_at":"2030-01-01"}]}`, "emails[0].added_at"},
		{"bad dob", `{"name":"A","date_of_birth":"14/03/1985"}`, "date_of_birth"},
		{"bad last4", `{"name":"A","payment":{"brand":"visa","last4":"42"}}`, "payment.last4"},
		{"address without city", `{"name":"A","addresses":[{"line1":"1 Main St","country":"US"}]}`, "addresses[0].city"},
		{"bad attribute name", `{"name":"A","attributes":{"Bad Key":"x"}}`, "attributes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in proofdesk.CustomerInput
			if err := json.Unmarshal([]byte(tt.body), &in); err != nil {
				t.Fatal(err)
			}
			c, err := in.Customer(now)
			var pe *proofdesk.Error
			if tt.wantField == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(c.ContactPoints) != 3 || !c.ContactPoints[1].AddedAt.Equal(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)) || !c.ContactPoints[0].AddedAt.Equal(now) {
					t.Fatalf("contact points: %+v", c.ContactPoints)
				}
				return
			}
			if err == nil {
				t.Fatal("accepted")
			}
			pe, _ = err.(*proofdesk.Error)
			if pe == nil || pe.Code != proofdesk.EINVALID || pe.Field != tt.wantField {
				t.Fatalf("err = %#v, want field %q", err, tt.wantField)
			}
			if strings.Contains(pe.Message, "nope") || strings.Contains(pe.Message, "14/03") {
				t.Fatalf("message repeats the value: %q", pe.Message)
			}
		})
	}
}

func TestPolicyValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *proofdesk.Policy)
		want   string
	}{
		{"defaults", func(p *proofdesk.Policy) {}, ""},
		{"raise dob", func(p *proofdesk.Policy) { p.Classes["date_of_birth"] = proofdesk.L2 }, ""},
		{"payment below floor", func(p *proofdesk.Policy) { p.Classes["payment"] = proofdesk.L1 }, "classes.payment"},
		{"address below floor", func(p *proofdesk.Policy) { p.Classes["address"] = proofdesk.L0 }, "classes.address"},
		{"change action below floor", func(p *proofdesk.Policy) { p.Actions["change_email"] = proofdesk.L1 }, "actions.change_email"},
		{"unknown class", func(p *proofdesk.Policy) { p.Classes["shoe_size"] = proofdesk.L1 }, "classes.shoe_size"},
		{"unknown action", func(p *proofdesk.Policy) { p.Actions["launch"] = proofdesk.L2 }, "actions.launch"},
		{"bad level", func(p *proofdesk.Policy) { p.Attributes["x"] = proofdesk.Level(7) }, "attributes.x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := proofdesk.DefaultPolicy()
			tt.change(p)
			err := p.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			pe, _ := err.(*proofdesk.Error)
			if pe == nil || pe.Field != tt.want {
				t.Fatalf("err = %v, want field %s", err, tt.want)
			}
		})
	}
	if _, err := proofdesk.ParseLevel("L3"); err == nil {
		t.Fatal("ParseLevel accepted L3")
	}
}

func TestVerifyChain(t *testing.T) {
	key := bytes.Repeat([]byte{7}, 32)
	var entries []*proofdesk.AuditEntry
	prev := ""
	for i := int64(1); i <= 4; i++ {
		e := &proofdesk.AuditEntry{Seq: i, Time: time.Unix(i, 0), Action: "a", Detail: map[string]string{"k": "v"}, PrevHash: prev}
		e.Hash = e.ComputeHash(key)
		prev = e.Hash
		entries = append(entries, e)
	}
	if seq, why := proofdesk.VerifyChain(entries, "", 0, key); seq != 0 {
		t.Fatalf("intact chain reported bad at %d: %s", seq, why)
	}
	// The keyed hash is HMAC-SHA256 (RFC 2104) of PrevHash || canonical form.
	m := hmac.New(sha256.New, key)
	m.Write([]byte(entries[1].PrevHash))
	m.Write([]byte(`[2,"` + time.Unix(2, 0).UTC().Format(time.RFC3339Nano) + `","","","a","","",[["k","v"]]]`))
	if got, want := entries[1].Hash, hex.EncodeToString(m.Sum(nil)); got != want {
		t.Fatalf("hash=%s, want HMAC-SHA256 %s", got, want)
	}
	// Another key, or none (the unkeyed chain anyone can compute), fails.
	if seq, _ := proofdesk.VerifyChain(entries, "", 0, bytes.Repeat([]byte{8}, 32)); seq != 1 {
		t.Fatalf("chain verified under another key (bad at %d)", seq)
	}
	if seq, _ := proofdesk.VerifyChain(entries, "", 0, nil); seq != 1 {
		t.Fatalf("keyed chain verified unkeyed (bad at %d)", seq)
	}
	entries[2].Detail["k"] = "changed"
	if seq, _ := proofdesk.VerifyChain(entries, "", 0, key); seq != 3 {
		t.Fatalf("edited entry 3 reported at %d", seq)
	}
	// An attacker without the key re-hashes the edited entry and its
	// successors with the unkeyed algorithm: caught at the first of them.
	prev = entries[1].Hash
	for _, e := range entries[2:] {
		e.PrevHash = prev
		e.Hash = e.ComputeHash(nil)
		prev = e.Hash
	}
	if seq, _ := proofdesk.VerifyChain(entries, "", 0, key); seq != 3 {
		t.Fatalf("unkeyed re-hash of entries 3-4 reported at %d, want 3", seq)
	}
}

func TestAuditAnchor(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	a := &proofdesk.AuditAnchor{Seq: 42, Hash: strings.Repeat("ab", 32), Time: time.Date(2026, 12, 6, 12, 0, 0, 5, time.UTC)}
	a.Sign(priv)
	b, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	got, err := proofdesk.ParseAuditAnchor(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := got.VerifySignature(pub); err != nil {
		t.Fatalf("genuine anchor refused: %v", err)
	}
	// The signature is plain Ed25519 (RFC 8032) over SigningBytes.
	sig, _ := base64.StdEncoding.DecodeString(got.Signature)
	if !ed25519.Verify(pub, []byte("proofdesk-audit-anchor/1\n42\n"+a.Hash+"\n2026-12-06T12:00:00.000000005Z\n"+proofdesk.AnchorKeyID(pub)+"\n"), sig) {
		t.Fatal("signature is not Ed25519 over the documented bytes")
	}
	otherPub, otherPriv, _ := ed25519.GenerateKey(rand.Reader)
	forgedByOther := *a
	forgedByOther.Sign(otherPriv)
	tests := []struct {
		name   string
		anchor proofdesk.AuditAnchor
		pub    ed25519.PublicKey
		want   string
	}{
		{"later seq", func() proofdesk.AuditAnchor { x := *a; x.Seq = 41; return x }(), pub, "does not verify"},
		{"other hash", func() proofdesk.AuditAnchor { x := *a; x.Hash = strings.Repeat("cd", 32); return x }(), pub, "does not verify"},
		{"other time", func() proofdesk.AuditAnchor { x := *a; x.Time = x.Time.Add(time.Second); return x }(), pub, "does not verify"},
		{"no signature", func() proofdesk.AuditAnchor { x := *a; x.Signature = ""; return x }(), pub, "does not verify"},
		{"signed by another key", forgedByOther, pub, "anchor key is"},
		{"other key id claimed", func() proofdesk.AuditAnchor { x := forgedByOther; x.KeyID = a.KeyID; return x }(), pub, "does not verify"},
		{"checked with another installation's key", *a, otherPub, "anchor key is"},
		{"format", func() proofdesk.AuditAnchor { x := *a; x.Format = "v0"; return x }(), pub, "format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.anchor.VerifySignature(tt.pub)
			if proofdesk.ErrorCode(err) != proofdesk.EINVALID || !strings.Contains(proofdesk.ErrorMessage(err), tt.want) {
				t.Fatalf("err=%v, want EINVALID containing %q", err, tt.want)
			}
		})
	}
	if _, err := proofdesk.ParseAuditAnchor([]byte(`{"format":"proofdesk-audit-anchor/1","seq":1,"extra":1}`)); err == nil {
		t.Fatal("anchor with an unknown field accepted")
	}
}

func sampleCustomer() *proofdesk.Customer {
	in := proofdesk.CustomerInput{Name: "Jane Doe", ExternalID: "u-1",
		Emails:      []proofdesk.ContactPointInput{{Value: "jane.doe@example.com"}},
		Phones:      []proofdesk.ContactPointInput{{Value: "+14155550123"}, {Value: "+442079460958"}},
		Addresses:   []proofdesk.Address{{Line1: "742 Evergreen Terrace", Line2: "Apt 4B", City: "Springfield", Region: "OR", PostalCode: "97403", Country: "US"}},
		DateOfBirth: "1985-03-14", Payment: &proofdesk.Payment{Brand: "visa", Last4: "4242"},
		Attributes: map[string]string{"loyalty_id": "LOY-1", "tier": "gold"}}
	c, err := in.Customer(time.Now())
	if err != nil {
		panic(err)
	}
	return c
}

func TestCustomerViewMasksEverything(t *testing.T) {
	c := sampleCustomer()
	p := proofdesk.DefaultPolicy()
	p.Attributes["tier"] = proofdesk.L0
	v := proofdesk.NewCustomerView(c, proofdesk.ViewContext{Policy: p})
	b, _ := json.Marshal(v)
	out := string(b)
	for _, secret := range []string{"jane.doe", "example.com", "5550123", "7946", "Evergreen", "97403", "Apt 4B", "1985", "4242", "visa", "LOY-1", "Springfield"} {
		if strings.Contains(out, secret) {
			t.Errorf("view leaks %q: %s", secret, out)
		}
	}
	for _, shown := range []string{`"name":"Jane Doe"`, `"tier":"gold"`, `"j***@e***.com"`, `"+1 ***-***-0123"`, `"*** E*** Terrace"`, `"9****"`} {
		if !strings.Contains(out, shown) {
			t.Errorf("view lacks %s: %s", shown, out)
		}
	}
	// A context that allows a class shows it.
	v = proofdesk.NewCustomerView(c, proofdesk.ViewContext{Policy: p, Shown: func(class string) bool { return class == proofdesk.ClassAddress }})
	if v.Addresses[0].Line1 != "742 Evergreen Terrace" || v.DateOfBirth == "1985-03-14" {
		t.Fatalf("selective view: %+v", v)
	}
}

func TestRevealFieldValue(t *testing.T) {
	c := sampleCustomer()
	tests := map[string]string{
		"emails": "jane.doe@example.com", "phones": "+14155550123, +442079460958",
		"addresses": "742 Evergreen Terrace, Apt 4B, Springfield, OR, 97403, US", "payment": "visa ending 4242",
		"date_of_birth": "1985-03-14", "attributes.loyalty_id": "LOY-1", "name": "Jane Doe",
	}
	for field, want := range tests {
		if got := c.FieldValue(field); got != want {
			t.Errorf("FieldValue(%s) = %q, want %q", field, got, want)
		}
	}
	if _, _, ok := proofdesk.RevealFieldClass("ssn"); ok {
		t.Fatal("unknown field accepted")
	}
}

// BenchmarkMaskCustomer measures building the masked view of a full customer.
func BenchmarkMaskCustomer(b *testing.B) {
	c := sampleCustomer()
	vc := proofdesk.ViewContext{Policy: proofdesk.DefaultPolicy()}
	for b.Loop() {
		if v := proofdesk.NewCustomerView(c, vc); len(v.Masked) == 0 {
			b.Fatal("nothing masked")
		}
	}
}

func TestMaskAddressHidesHouseNumbers(t *testing.T) {
	tests := map[string]string{
		"742 Evergreen Terrace": "*** E*** Terrace",
		"Hauptstraße 42":        "*** H***",
		"12 rue de la Paix":     "*** rue P***",
		"Calle de Alcalá 45":    "*** Calle A***",
		"Via Roma 8":            "*** Via R***",
		"Rua Augusta 100":       "*** Rua A***",
		"Flat 3, 221B Baker St": "*** F*** St",
		"42":                    "***",
	}
	for in, want := range tests {
		if got := proofdesk.MaskAddress(proofdesk.Address{Line1: in}).Line1; got != want {
			t.Errorf("MaskAddress(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHideCodes(t *testing.T) {
	if got := proofdesk.HideCodesDigits(); got != verify.CodeDigits {
		t.Fatalf("the view hides %d-digit codes, verify issues %d-digit ones", got, verify.CodeDigits)
	}
	tests := []struct {
		name   string
		in     string
		issued bool
		want   string
	}{
		{"sentence, issued", "my code is 482 913 thanks", true, "my code is [code hidden] thanks"},
		{"sentence, not issued", "my code is 482 913 thanks", false, "my code is 482 913 thanks"},
		{"only a code, not issued", " 482913 ", false, "[code hidden]"},
		{"only a code with punctuation", "482-913.", false, "[code hidden]"},
		{"glued to a word", "code:482913", true, "code:[code hidden]"},
		{"glued to letters", "code482913ok", true, "code[code hidden]ok"},
		{"spaced digits", "it is 4 8 2 9 1 3", true, "it is [code hidden]"},
		{"dots", "482.913 is it", true, "[code hidden] is it"},
		{"slashes and hyphens", "4-8-2/9-1-3", true, "[code hidden]"},
		{"full-width digits", "コードは４８２９１３です", true, "コードは[code hidden]です"},
		{"arabic-indic digits", "الرمز ٤٨٢٩١٣", true, "الرمز [code hidden]"},
		{"devanagari digits", "कोड ४८२९१३ है", true, "कोड [code hidden] है"},
		{"zero-width space", "482\u200b913", true, "[code hidden]"},
		{"no-break and thin spaces", "482\u00a0913 or 482\u202f913", true, "[code hidden] or [code hidden]"},
		{"code typed twice", "482913 482913", true, "[code hidden]"},
		{"a digit too many", "4829131", true, "[code hidden]"},
		{"two codes", "first 111 222 then 333-444", true, "first [code hidden] then [code hidden]"},
		{"short numbers stay", "order 12345, 2 items, 3 days", true, "order 12345, 2 items, 3 days"},
		{"far-apart groups stay", "482   913", true, "482   913"},
		{"no digits", "hello there", true, "hello there"},
		{"empty", "", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, hidden := proofdesk.HideCodes(tt.in, tt.issued)
			if got != tt.want || hidden != (got != tt.in) {
				t.Fatalf("HideCodes(%q, %v) = %q, %v; want %q", tt.in, tt.issued, got, hidden, tt.want)
			}
		})
	}
}

func TestNewMessageView(t *testing.T) {
	at := time.Unix(1, 0)
	cust := &proofdesk.Message{ID: "m1", ConversationID: "c1", AuthorKind: proofdesk.AuthorCustomer, Body: "my code is 482 913 thanks", CreatedAt: at}
	v := proofdesk.NewMessageView(cust, proofdesk.ViewContext{CodesIssued: true})
	if v.Body != "my code is [code hidden] thanks" || !v.CodeHidden || v.ID != "m1" || v.ConversationID != "c1" || !v.CreatedAt.Equal(at) {
		t.Fatalf("customer message view = %+v", v)
	}
	agent := &proofdesk.Message{ID: "m2", AuthorKind: proofdesk.AuthorAgent, AuthorID: "agt_1", Body: "Your order 123456 ships today"}
	if v := proofdesk.NewMessageView(agent, proofdesk.ViewContext{CodesIssued: true}); v.Body != agent.Body || v.CodeHidden || v.AuthorID != "agt_1" {
		t.Fatalf("agent message view = %+v, want as written", v)
	}
}

// TestNewMessageView_FileNames: a file name the customer typed is shown
// through the same view as the body, codes hidden in any spacing or
// script; an agent's file names are shown as written, like its body.
func TestNewMessageView_FileNames(t *testing.T) {
	vc := proofdesk.ViewContext{KnownCode: func(c string) bool { return c == "482913" }}
	files := func(names ...string) []*proofdesk.Attachment {
		var out []*proofdesk.Attachment
		for i, n := range names {
			out = append(out, &proofdesk.Attachment{ID: "att_" + strconv.Itoa(i), ConversationID: "c1", MessageID: "m1", Filename: n,
				ContentType: "image/png", Size: 10})
		}
		return out
	}
	cust := &proofdesk.Message{ID: "m1", ConversationID: "c1", AuthorKind: proofdesk.AuthorCustomer, Body: "see the files",
		Attachments: files("code 482 913.png", "４８２９１３.pdf", "order 123456.pdf")}
	v := proofdesk.NewMessageView(cust, vc)
	want := []string{"code [code hidden].png", "[code hidden].pdf", "order 123456.pdf"}
	if len(v.Attachments) != len(want) || !v.CodeHidden || v.Body != "see the files" {
		t.Fatalf("customer view = %+v", v)
	}
	for i, a := range v.Attachments {
		if a.Filename != want[i] || a.ID != cust.Attachments[i].ID || a.MessageID != "m1" || a.ConversationID != "c1" || a.Size != 10 || a.ContentType != "image/png" {
			t.Errorf("file %d = %+v, want name %q", i, a, want[i])
		}
	}
	// Once a request was issued on the conversation, every 6-digit number.
	if got := proofdesk.NewMessageView(cust, proofdesk.ViewContext{CodesIssued: true}).Attachments[2].Filename; got != "order [code hidden].pdf" {
		t.Errorf("with codes issued: %q", got)
	}
	agent := &proofdesk.Message{ID: "m2", AuthorKind: proofdesk.AuthorAgent, Body: "label", Attachments: files("label 482913.pdf")}
	if v := proofdesk.NewMessageView(agent, vc); v.Attachments[0].Filename != "label 482913.pdf" || v.CodeHidden {
		t.Fatalf("agent's file = %+v, want as written", v.Attachments[0])
	}
	if v := proofdesk.NewMessageView(&proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer}, vc); v.Attachments == nil {
		t.Fatal("a message without files has nil Attachments, want empty (JSON [])")
	}
}

// TestNewMessageView_KnownCode: a code issued on another conversation is
// hidden wherever it is typed, in any script, also inside a longer run,
// while other numbers in a conversation without requests stay.
func TestNewMessageView_KnownCode(t *testing.T) {
	known := func(c string) bool { return c == "482913" }
	vc := proofdesk.ViewContext{KnownCode: known}
	tests := []struct{ in, want string }{
		{"my code is 482 913 thanks", "my code is [code hidden] thanks"},
		{"my code is ४८२९१३", "my code is [code hidden]"},              // Devanagari
		{"code 𝟒𝟖𝟐𝟗𝟏𝟑", "code [code hidden]"},                          // mathematical bold digits
		{"482913482913 twice", "[code hidden] twice"},                  // typed twice
		{"order 123456 and 4829130", "order 123456 and [code hidden]"}, // a digit too many
		{"order 123456 please", "order 123456 please"},
		{"it's 482 and then 913", "it's [code hidden] and then [code hidden]"}, // split by words
		{"48 29 13", "[code hidden]"},
		{"call 2 items, 5 days", "call 2 items, 5 days"},
	}
	// A wall of digits is not checked window by window (each check costs a
	// keyed hash per recent code): its long numbers are hidden outright.
	calls := 0
	counting := proofdesk.ViewContext{KnownCode: func(string) bool { calls++; return false }}
	wall := strings.Repeat("1234567890 ", 1000) + "and 12 34"
	got := proofdesk.NewMessageView(&proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: wall}, counting).Body
	if calls > 64 || strings.Contains(got, "1234567890") || !strings.HasSuffix(got, "and 12 34") {
		t.Fatalf("wall of digits: %d checks, view ends %q", calls, got[max(0, len(got)-40):])
	}
	for _, tt := range tests {
		m := &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: tt.in}
		if got := proofdesk.NewMessageView(m, vc).Body; got != tt.want {
			t.Errorf("view of %q = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestUnicodeDecimalDigitRuns checks what digit values rely on: Unicode's
// stability policy encodes every script's decimal digits as contiguous
// runs 0-9, so each range of the Nd table is whole runs of ten.
func TestUnicodeDecimalDigitRuns(t *testing.T) {
	for _, rg := range unicode.Nd.R16 {
		if rg.Stride != 1 || (int(rg.Hi)-int(rg.Lo)+1)%10 != 0 {
			t.Fatalf("Nd range %U-%U stride %d is not whole runs of ten", rg.Lo, rg.Hi, rg.Stride)
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if rg.Stride != 1 || (int(rg.Hi)-int(rg.Lo)+1)%10 != 0 {
			t.Fatalf("Nd range %U-%U stride %d is not whole runs of ten", rg.Lo, rg.Hi, rg.Stride)
		}
	}
}

func BenchmarkNewMessageView(b *testing.B) {
	m := &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer,
		Body: "Hi, I ordered on the 3rd (order 7654321) and my code is 482 913, can you check where it is? Thanks, J."}
	vc := proofdesk.ViewContext{CodesIssued: true, KnownCode: func(c string) bool { return c == "482913" }}
	for b.Loop() {
		if v := proofdesk.NewMessageView(m, vc); !v.CodeHidden {
			b.Fatal("code not hidden")
		}
	}
}
