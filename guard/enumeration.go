package guard

import (
	"regexp"

	"github.com/proofdesk/proofdesk"
)

// enumThreshold is how many distinct candidate values of one class make a
// reply an enumeration. A reply that tells a customer their own data names
// one or two; an agent testing the guard as an oracle lists many.
const enumThreshold = 5

// enumeration returns the class of which the reply lists enumThreshold or
// more distinct candidate values, or "": dates that could be a date of
// birth (years 1900–2015), numbers of 4 digits with a card or phone word in
// the reply, phone numbers (digit runs of 7 or more), email addresses, or
// house numbers with a street type.
func (t *text) enumeration() string {
	view := t.tokenView()
	if t.ats >= enumThreshold {
		return proofdesk.ClassEmail
	}
	dates := map[string]bool{}
	for _, re := range [...]*regexp.Regexp{dateNameRe, dateNumRe} {
		// matches share their spaces: search again from the last one
		for from := 0; from < len(view); {
			loc := re.FindIndex(view[from:])
			if loc == nil {
				break
			}
			d := view[from+loc[0] : from+loc[1]]
			if plausibleBirthYear(d) {
				dates[string(d)] = true
			}
			from += loc[1] - 1
		}
	}
	if len(dates) >= enumThreshold {
		return proofdesk.ClassDateOfBirth
	}
	var card, phone bool
	four := map[string]bool{}
	houses := map[string]bool{}
	for i := range t.toks {
		w := t.tokBytes(i)
		switch {
		case cardWords[string(w)]:
			card = true
		case phoneWords[string(w)]:
			phone = true
		case len(w) == 4 && allDigits(w):
			four[string(w)] = true
		}
		if hasDigitB(w) && len(w) <= 6 {
			for j := i + 1; j < len(t.toks) && j <= i+4; j++ {
				if streetTypes[string(t.tokBytes(j))] && j > i+1 {
					houses[string(w)] = true
					break
				}
			}
		}
	}
	if len(four) >= enumThreshold+1 && (card || phone) {
		if card {
			return proofdesk.ClassPayment
		}
		return proofdesk.ClassPhone
	}
	runs := map[string]bool{}
	for _, r := range t.runs {
		end := int(r.off) + 1
		for end < t.compact && t.buf[end] != '|' {
			end++
		}
		if d := t.buf[r.off+1 : end]; len(d) >= 7 {
			runs[string(d)] = true
		}
	}
	if len(runs) >= enumThreshold {
		return proofdesk.ClassPhone
	}
	if len(houses) >= enumThreshold {
		return proofdesk.ClassAddress
	}
	return ""
}

func hasDigitB(b []byte) bool {
	for _, c := range b {
		if c >= '0' && c <= '9' {
			return true
		}
	}
	return false
}

// plausibleBirthYear reports whether the date match d holds a 4-digit
// year from 1900 to 2015, or a 2-digit one.
func plausibleBirthYear(d []byte) bool {
	for i := 0; i+4 <= len(d); i++ {
		if (i == 0 || d[i-1] == ' ') && allDigits(d[i:i+4]) && (i+4 == len(d) || d[i+4] == ' ') {
			y := int(d[i]-'0')*1000 + int(d[i+1]-'0')*100 + int(d[i+2]-'0')*10 + int(d[i+3]-'0')
			return y >= 1900 && y <= 2015
		}
	}
	return true
}
