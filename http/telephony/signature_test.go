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
