package telephony_test

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk/http/telephony"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

var longDigits = regexp.MustCompile(`^[0-9]{6,}$`)

// FuzzWebhook posts each body as a webhook form (store: SQLite), signed
// as the provider signs it or not. Unsigned or wrongly signed requests get
// 403 (400 for a body that is no form) and change nothing; signed ones get
// 200 with well-formed TwiML or 400 naming CallSid, never a 5xx; keypad
// digits are never echoed. Seeds: testdata/fuzz/FuzzWebhook.
func FuzzWebhook(f *testing.F) {
	f.Add(callForm("+14155550142").Encode(), true, false)
	f.Add(callForm("anonymous").Encode(), true, false)
	f.Add(digitsForm("123456").Encode(), true, true)
	f.Add(digitsForm("1234561234567890").Encode(), true, true)
	f.Add("CallSid=CA1&CallSid=CA2&Digits=%zz", true, true)
	f.Add("CallSid="+callSID+"&From=%2B1%20415%20555%200142%20ext%201", false, false)
	f.Add("a=1;b=2", true, false)
	e := newEnv(f, sqldbtest.Open(f))
	f.Fuzz(func(t *testing.T, body string, sign, digits bool) {
		path := telephony.VoicePath
		if digits {
			path = telephony.DigitsPath
		}
		form, perr := url.ParseQuery(body)
		sig := "bm90IGEgc2lnbmF0dXJl"
		if sign && perr == nil {
			sig = telephony.Signature(authToken, publicBase+path, form)
		}
		req, _ := http.NewRequest("POST", e.srv.URL()+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set(telephony.SignatureHeader, sig)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch {
		case resp.StatusCode >= 500:
			t.Fatalf("POST %s %q: %d %s", path, body, resp.StatusCode, b)
		case perr != nil:
			if resp.StatusCode != http.StatusBadRequest {
				t.Fatalf("a body that is no form (%v): %d, want 400", perr, resp.StatusCode)
			}
		case !sign:
			if resp.StatusCode != http.StatusForbidden {
				t.Fatalf("unsigned %q: %d, want 403", body, resp.StatusCode)
			}
		case resp.StatusCode == http.StatusOK:
			var doc struct {
				XMLName xml.Name
			}
			if err := xml.Unmarshal(b, &doc); err != nil || doc.XMLName.Local != "Response" {
				t.Fatalf("signed %q: TwiML %q does not parse (%v)", body, b, err)
			}
		case resp.StatusCode == http.StatusBadRequest:
			if !strings.Contains(string(b), "CallSid") {
				t.Fatalf("signed %q: 400 %s does not name CallSid", body, b)
			}
		default:
			t.Fatalf("signed %q: %d %s", body, resp.StatusCode, b)
		}
		if d := strings.TrimSpace(form.Get("Digits")); longDigits.MatchString(d) && strings.Contains(string(b), d) {
			t.Fatalf("the keypad digits are echoed: %s", b)
		}
	})
}
