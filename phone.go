package proofdesk

import (
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/unicode/norm"
)

// NormalizePhone returns s in E.164 form ("+33612345678"). s must carry its
// country code ("+33 6 12 34 56 78", or "00 33 …"); a national number
// ("06 12 34 56 78") is refused with EINVALID, since only a default region
// says which country it belongs to: use NormalizePhoneIn for that.
func NormalizePhone(s string) (string, error) {
	return NormalizePhoneIn(s, "")
}

// NormalizePhoneIn returns s in E.164 form, reading a number written
// without a country code as a national number of region, a CLDR region
// code (ISO 3166-1 alpha-2: "FR", "GB", "AU", "IN"; "" for none). Parsing
// and validation follow libphonenumber's metadata
// (github.com/nyaruka/phonenumbers): the region's trunk prefix is dropped,
// also when written after the country code ("+44 (0)20 7946 0958"), and the
// region's international prefix is understood ("00", "011", "0011").
//
// Errors are EINVALID and say what is wrong: no country code and no
// region, an unknown region, an extension (a contact phone must reach the
// customer directly), or a number that is not valid for its country
// (wrong length or unassigned range).
func NormalizePhoneIn(s, region string) (string, error) {
	// Full-width "＋３３" and "００" read as "+33" and "00"; an RFC 3966
	// "tel:" URI is its number.
	// Contact apps and spreadsheets wrap numbers in bidi controls and
	// marks ("\u202a+972 50-234-5678\u202c" from a right-to-left
	// context): a number has no use for them (IsBidiControl, the implicit
	// marks U+200E, U+200F, U+061C), nor for invisible characters
	// (IsInvisible). Control characters are refused below.
	s = strings.Map(func(r rune) rune {
		if IsBidiControl(r) || IsInvisible(r) || r == 0x200E || r == 0x200F || r == 0x061C {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(norm.NFKC.String(s))
	if len(s) >= 4 && strings.EqualFold(s[:4], "tel:") {
		s = strings.TrimSpace(s[4:])
	}
	region = strings.ToUpper(strings.TrimSpace(region))
	if s == "" {
		return "", Errorf(EINVALID, "not a valid phone number: it is empty")
	}
	if len(s) > 64 {
		return "", Errorf(EINVALID, "not a valid phone number: longer than 64 bytes")
	}
	for _, r := range s {
		if r < ' ' || r == 0x7f {
			return "", Errorf(EINVALID, "not a valid phone number: it contains control characters")
		}
	}
	if region != "" && !phonenumbers.GetSupportedRegions()[region] {
		return "", Errorf(EINVALID, "unknown phone region %q: give an ISO 3166-1 alpha-2 code such as FR, GB, AU or IN", region)
	}
	if region == "" && !hasCountryCode(s) {
		return "", Errorf(EINVALID, "not a valid phone number: it has no country code; write it in international form (+ and the country code) or set a default region")
	}
	parseRegion := region
	if parseRegion == "" {
		parseRegion = "ZZ" // unknown region: the number must carry its country code
		if t := strings.TrimLeft(s, " ("); strings.HasPrefix(t, "00") {
			s = "+" + strings.TrimPrefix(t, "00")
		}
	}
	n, err := phonenumbers.Parse(s, parseRegion)
	if err != nil {
		return "", Errorf(EINVALID, "not a valid phone number")
	}
	if n.GetExtension() != "" {
		return "", Errorf(EINVALID, "not a valid contact phone number: it has an extension; give the direct number without it")
	}
	for _, r := range s {
		if unicode.IsLetter(r) {
			return "", Errorf(EINVALID, "not a valid phone number: it contains letters; give the digits")
		}
	}
	if !phonenumbers.IsValidNumber(n) {
		return "", Errorf(EINVALID, "not a valid phone number: no such number in country code +%d (wrong length or unassigned range)", n.GetCountryCode())
	}
	return phonenumbers.Format(n, phonenumbers.E164), nil
}

// hasCountryCode reports whether s is written in international form: a
// leading "+" or "00" (after blanks and an opening parenthesis).
func hasCountryCode(s string) bool {
	t := strings.TrimLeft(s, " (")
	return strings.HasPrefix(t, "+") || strings.HasPrefix(t, "00")
}

// ValidPhoneRegion reports whether region is a CLDR region code
// libphonenumber has numbering data for ("FR", "GB"), or "".
func ValidPhoneRegion(region string) bool {
	return region == "" || phonenumbers.GetSupportedRegions()[strings.ToUpper(region)]
}
