package proofdesk_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/nyaruka/phonenumbers"
	"go.yaml.in/yaml/v3"

	"github.com/proofdesk/proofdesk"
)

// FuzzParsePolicyFile: a policy file (YAML or JSON) never panics the
// parser; a refusal is EINVALID and names the file; an accepted policy
// keeps the hard floors and reads back the same when written out again as
// JSON and as YAML. Seeds: testdata/fuzz/FuzzParsePolicyFile.
func FuzzParsePolicyFile(f *testing.F) {
	f.Add([]byte("classes:    {email: L1, phone: L1, address: L1, date_of_birth: L2, payment: L2, orders: L1}\nactions:    {send_password_reset: L1}\nattributes: {account_number: L2, loyalty_id: L1}\n"), false)
	f.Add([]byte(`{"classes":{"email":"L1","payment":"L2"},"actions":{"send_password_reset":"L2"},"attributes":{"tier":"L1"}}`), true)
	f.Add([]byte(`{"classes":{"email":"L1","email":"L0"}}`), true)
	f.Add([]byte("classes: {payment: L1}\n"), false)
	f.Add([]byte("classes: &a {email: L1}\nactions: *a\n"), false)
	f.Add([]byte("---\nclasses: {}\n---\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, isJSON bool) {
		name := "policy.yaml"
		if isJSON {
			name = "policy.json"
		}
		p, err := proofdesk.ParsePolicyFile(data, name)
		if err != nil {
			var pe *proofdesk.Error
			if proofdesk.ErrorCode(err) != proofdesk.EINVALID || !errors.As(err, &pe) || !strings.HasPrefix(pe.Message, name+": ") {
				t.Fatalf("refusal %v is not EINVALID naming %s", err, name)
			}
			if !utf8.ValidString(pe.Message) {
				t.Fatalf("error message is not UTF-8: %q", pe.Message)
			}
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("accepted a policy that does not validate: %v", err)
		}
		doc := proofdesk.NewPolicyDocument(p)
		js, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		pj, err := proofdesk.ParsePolicyFile(js, "again.json")
		if err != nil {
			t.Fatalf("written back as JSON it is refused: %v\n%s", err, js)
		}
		if d := cmp.Diff(p, pj); d != "" {
			t.Fatalf("JSON round trip (-first +again):\n%s", d)
		}
		ys, err := yaml.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		py, err := proofdesk.ParsePolicyFile(ys, "again.yaml")
		if err != nil {
			t.Fatalf("written back as YAML it is refused: %v\n%s", err, ys)
		}
		if d := cmp.Diff(p, py); d != "" {
			t.Fatalf("YAML round trip (-first +again):\n%s", d)
		}
	})
}

// FuzzNormalizeEmail: a refusal is EINVALID; an accepted address is
// lowercase UTF-8 of at most 254 bytes with a local part and a dotted
// domain, without spaces or control characters, and normalises to itself.
func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{"Jane@Example.com", " jane@example.com ", "Jane <jane@example.com>", "\"a b\"@example.com",
		"jane@localhost", "jane@[127.0.0.1]", "ÄDA@例え.jp", "a@b.c\x00", "=?utf-8?q?x?= <a@b.c>", "a@b@c.d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := proofdesk.NormalizeEmail(s)
		if err != nil {
			if proofdesk.ErrorCode(err) != proofdesk.EINVALID {
				t.Fatalf("refusal %v is not EINVALID", err)
			}
			return
		}
		at := strings.LastIndexByte(got, '@')
		if at <= 0 || !strings.Contains(got[at:], ".") || len(got) > 254 || !utf8.ValidString(got) {
			t.Fatalf("NormalizeEmail(%q)=%q: not an address", s, got)
		}
		if got != strings.ToLower(got) {
			t.Fatalf("NormalizeEmail(%q)=%q: not lowercase", s, got)
		}
		for _, r := range got {
			if r <= ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Fatalf("NormalizeEmail(%q)=%q holds %U", s, got, r)
			}
		}
		again, err := proofdesk.NormalizeEmail(got)
		if err != nil || again != got {
			t.Fatalf("NormalizeEmail(%q)=%q, %v; want itself", got, again, err)
		}
	})
}

// FuzzNormalizePhone: a refusal is EINVALID; an accepted number is E.164
// ("+" and at most 15 digits) that libphonenumber itself parses as a valid
// number formatting to the same E.164, and it normalises to itself.
func FuzzNormalizePhone(f *testing.F) {
	for _, s := range [][2]string{{"+44 7700 900123", ""}, {"06 12 34 56 78", "FR"}, {"+44 (0)20 7946 0958", ""},
		{"0011 61 2 9876 5432", "AU"}, {"(415) 555-0142", "US"}, {"+1 415 555 0142 ext. 12", ""}, {"٠٦١٢٣٤٥٦٧٨", "FR"},
		{"+33６１２３４５６７８", ""}, {"tel:+14155550142", ""}, {"+999 1234", "ZZ"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, s, region string) {
		got, err := proofdesk.NormalizePhoneIn(s, region)
		if err != nil {
			if proofdesk.ErrorCode(err) != proofdesk.EINVALID {
				t.Fatalf("refusal %v is not EINVALID", err)
			}
			return
		}
		if len(got) < 3 || len(got) > 16 || got[0] != '+' || strings.Trim(got[1:], "0123456789") != "" {
			t.Fatalf("NormalizePhoneIn(%q, %q)=%q: not E.164", s, region, got)
		}
		n, err := phonenumbers.Parse(got, "")
		if err != nil || !phonenumbers.IsValidNumber(n) || phonenumbers.Format(n, phonenumbers.E164) != got {
			t.Fatalf("NormalizePhoneIn(%q, %q)=%q: libphonenumber does not read it back (%v)", s, region, got, err)
		}
		again, err := proofdesk.NormalizePhone(got)
		if err != nil || again != got {
			t.Fatalf("NormalizePhone(%q)=%q, %v; want itself", got, again, err)
		}
	})
}
