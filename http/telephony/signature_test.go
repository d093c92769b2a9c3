package telephony_test

import (
	"net/url"
	"testing"

	"github.com/proofdesk/proofdesk/http/telephony"
)

// TestSignatureVector checks Signature against the example in Twilio's
// documentation snippets (security/signature_validation).
func TestSignatureVector(t *testing.T) {
	params := url.Values{
		"CallSid": {"CA1234567890ABCDE"},
		"Caller":  {"+14158675310"},
		"Digits":  {"1234"},
		"From":    {"+14158675310"},
		"To":      {"+18005551212"},
	}
	got := telephony.Signature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params)
	if want := "GvWf1cFY/Q7PnoempGyD5oXAezc="; got != want {
		t.Fatalf("Signature=%q, want %q", got, want)
	}
	params.Set("Caller", "+14158675309")
	params.Set("From", "+14158675309")
	got = telephony.Signature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params)
	if want := "RSOYDt4T1cUTdK1PDd93/VVr8B8="; got != want {
		t.Fatalf("Signature=%q, want %q", got, want)
	}
}

// TestSignature_TwilioDocs checks the example of Twilio's "Secure webhooks"
// page (auth token 12345, that URL and those parameters give
// 0/KCTR6DLpKmkAf8muzZqo1nDgQ=), and callers shown as "anonymous",
// "client:…" and "sip:…" next to parameters whose names extend theirs
// (Caller, CallerCountry): the parameters are sorted by name, not by
// name+value. Those expected values were computed outside Go (Python's
// hmac over the documented string).
func TestSignature_TwilioDocs(t *testing.T) {
	const url0 = "https://mycompany.com/myapp.php?foo=1&bar=2"
	doc := url.Values{"CallSid": {"CA1234567890ABCDE"}, "Caller": {"+12349013030"}, "Digits": {"1234"}, "From": {"+12349013030"}, "To": {"+18005551212"}}
	if got, want := telephony.Signature("12345", url0, doc), "0/KCTR6DLpKmkAf8muzZqo1nDgQ="; got != want {
		t.Fatalf("Twilio docs example: Signature=%q, want %q", got, want)
	}
	for _, tt := range []struct{ caller, want string }{
		{"anonymous", "ZF6h1rqjCx792IgFVibD22Jn/xk="},
		{"client:alice", "ASr5W12V0nbO3ppU83q9PrckxQI="},
		{"sip:alice@example.com", "4Q2sSpUKV8+moK7/DKrc1eXGqik="},
	} {
		p := url.Values{"CallSid": {"CA1234567890ABCDE"}, "Caller": {tt.caller}, "CallerCountry": {"US"}, "From": {tt.caller}, "FromCountry": {"US"}, "To": {"+18005551212"}}
		if got := telephony.Signature("12345", url0, p); got != tt.want {
			t.Errorf("caller %q: Signature=%q, want %q", tt.caller, got, tt.want)
		}
	}
}

// BenchmarkSignature: one webhook's signature check (a typical Twilio
// voice webhook carries about 20 parameters).
func BenchmarkSignature(b *testing.B) {
	params := url.Values{}
	for _, k := range []string{"AccountSid", "ApiVersion", "CallSid", "CallStatus", "Called", "CalledCity", "CalledCountry", "CalledState", "CalledZip",
		"Caller", "CallerCity", "CallerCountry", "CallerState", "CallerZip", "Direction", "From", "FromCity", "FromCountry", "To", "ToCountry"} {
		params.Set(k, "value-of-"+k)
	}
	for b.Loop() {
		_ = telephony.Signature("12345", "https://desk.example.com/api/v1/telephony/voice", params)
	}
}
