package proofdesk_test

import (
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
	"github.com/proofdesk/proofdesk"
)

// TestNormalizePhoneIn_Examples checks every example number libphonenumber
// publishes (its metadata's example fixed-line and mobile numbers) for the
// regions the desk is asked about and many more: written nationally with
// the region set, internationally without one, and with "00", each must
// give libphonenumber's own E.164 form.
func TestNormalizePhoneIn_Examples(t *testing.T) {
	regions := []string{"FR", "GB", "AU", "IN", "US", "CA", "DE", "ES", "IT", "NL", "PT", "BR", "JP", "NZ", "IE", "BE", "CH", "AT", "MX", "ZA", "SG"}
	n := 0
	for _, region := range regions {
		for _, typ := range []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE} {
			ex := phonenumbers.GetExampleNumberForType(region, typ)
			if ex == nil {
				continue
			}
			want := phonenumbers.Format(ex, phonenumbers.E164)
			national := phonenumbers.Format(ex, phonenumbers.NATIONAL)
			intl := phonenumbers.Format(ex, phonenumbers.INTERNATIONAL)
			for _, c := range []struct{ in, region string }{
				{national, region},
				{strings.ReplaceAll(national, " ", ""), strings.ToLower(region)},
				{intl, ""},
				{intl, "FR"},
				{"00" + strings.TrimPrefix(want, "+"), ""},
			} {
				got, err := proofdesk.NormalizePhoneIn(c.in, c.region)
				if err != nil || got != want {
					t.Errorf("NormalizePhoneIn(%q, %q)=%q, %v, want %q", c.in, c.region, got, err, want)
				}
				n++
			}
			// Without a region a national number is refused, never read as +1.
			if _, err := proofdesk.NormalizePhone(national); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
				t.Errorf("NormalizePhone(%q) without region: err=%v, want EINVALID", national, err)
			}
		}
	}
	if n < 100 {
		t.Fatalf("checked %d example numbers, want at least 100", n)
	}
}

// The numbers of the import case 27-national-phones.csv and the forms
// people write: trunk prefix after the country code, no-break spaces, dots.
func TestNormalizePhoneIn(t *testing.T) {
	tests := []struct {
		in, region, want string
	}{
		{"06 12 34 56 78", "FR", "+33612345678"},
		{"06.12.34.56.78", "FR", "+33612345678"},
		{"06\u00a012\u00a034\u00a056\u00a078", "FR", "+33612345678"},
		{"+33 (0)6 12 34 56 78", "", "+33612345678"},
		{"0412 345 678", "AU", "+61412345678"},
		{"0011 61 412 345 678", "AU", "+61412345678"},
		{"98765 43210", "IN", "+919876543210"},
		{"+44 (0)20 7946 0958", "", "+442079460958"},
		{"+44 (0)20 7946 0958", "US", "+442079460958"},
		{"020 7946 0958", "GB", "+442079460958"},
		{"(415) 555-0132", "US", "+14155550132"},
		{"011 44 20 7946 0958", "US", "+442079460958"},
		{"+1 415 555 0132", "", "+14155550132"},
	}
	for _, tt := range tests {
		got, err := proofdesk.NormalizePhoneIn(tt.in, tt.region)
		if err != nil || got != tt.want {
			t.Errorf("NormalizePhoneIn(%q, %q)=%q, %v, want %q", tt.in, tt.region, got, err, tt.want)
		}
	}
}

func TestNormalizePhoneIn_Invalid(t *testing.T) {
	tests := []struct {
		in, region, wantMsg string
	}{
		{"06 12 34 56 78", "", "no country code"},
		{"0412 345 678", "", "no country code"},
		{"98765 43210", "", "no country code"},
		{"4155550132", "", "no country code"},
		{"06 12 34 56 78", "XX", "unknown phone region"},
		{"+1 415 555 0132 ext. 45", "", "extension"},
		{"+44 20 7946 0958 x12", "", "extension"},
		{"+33 6 12 34", "", "no such number"},
		{"+1 055 555 0132", "", "no such number"},
		{"12", "FR", "not a valid phone number"},
		{"", "FR", "empty"},
		{"call me", "FR", "not a valid phone number"},
		{"+33 6 12 34 56 78\n", "", ""},
		{"+33 6\x0012 34 56 78", "", "control characters"},
	}
	for _, tt := range tests {
		got, err := proofdesk.NormalizePhoneIn(tt.in, tt.region)
		if tt.wantMsg == "" {
			if err != nil {
				t.Errorf("NormalizePhoneIn(%q, %q): %v, want ok", tt.in, tt.region, err)
			}
			continue
		}
		if proofdesk.ErrorCode(err) != proofdesk.EINVALID || !strings.Contains(proofdesk.ErrorMessage(err), tt.wantMsg) {
			t.Errorf("NormalizePhoneIn(%q, %q)=%q, %v, want EINVALID with %q", tt.in, tt.region, got, err, tt.wantMsg)
		}
	}
}
