package desk

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/proofdesk/proofdesk"
)

// A transcript quotes the requester's own words in a mail that comes from
// the desk's address to an account owner: whoever wrote them must not be
// able to use it to phish the owner. transcriptText makes a message inert
// plain text: no link a mail client would make live (schemes and host
// names defanged, "hxxps://evil[.]example"), no HTML (tags dropped, angle
// brackets shown as ‹ ›), no control, zero-width or bidi characters, and
// continuation lines indented so a message cannot fake a transcript line
// or the mail's own footer. Then emails, digit runs and every word of the
// owners' on-file addresses are masked.

var (
	linkScheme = regexp.MustCompile(`(?i)\b(https?|s?ftp|file|javascript|vbscript|data|mailto|tel|sms|callto|skype|whatsapp|wa|tg|intent|webcal|ms-[a-z-]+)\s*:`)
	// hostInText is a dotted name whose last label has a letter: a host
	// name a mail client would link ("evil.example", "pay.evil.co.uk/x").
	hostInText = regexp.MustCompile(`[\p{L}\p{N}](?:[\p{L}\p{N}_\-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}_\-]*[\p{L}\p{N}])?)*\.\p{L}[\p{L}\p{N}\-]*`)
	htmlTag    = regexp.MustCompile(`<[^<>]{0,1000}>`)
	// dotLike are the characters IDNA reads as label separators.
	dotLike = strings.NewReplacer("\u3002", ".", "\uff0e", ".", "\uff61", ".")
)

// transcriptText returns s as inert, masked transcript text (see above);
// addrWords are the lowercased words of the owners' on-file addresses.
func transcriptText(s string, addrWords map[string]bool) string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r':
			return -1
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.In(r, unicode.Zl, unicode.Zp):
			return -1 // zero-width, bidi controls, soft hyphen, line separators
		}
		return r
	}, s)
	s = dotLike.Replace(s)
	s = htmlTag.ReplaceAllString(s, "")
	s = strings.NewReplacer("<", "‹", ">", "›").Replace(s)
	s = maskWords(s, addrWords)
	s = maskTranscriptText(s) // emails and digits first: a masked email is no host
	s = linkScheme.ReplaceAllStringFunc(s, func(m string) string {
		name := strings.TrimRight(m, ": \t")
		if strings.EqualFold(name, "http") || strings.EqualFold(name, "https") {
			return "hxxp" + name[4:] + "[:]"
		}
		return name + "[:]"
	})
	s = hostInText.ReplaceAllStringFunc(s, func(h string) string { return strings.ReplaceAll(h, ".", "[.]") })
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " \t")
	}
	return strings.Join(lines, "\n    ")
}

// addressWords returns the lowercased words of the customers' on-file
// addresses that identify them: street and place words of three or more
// letters, house and unit numbers, every part of the postal code.
func addressWords(cs []*proofdesk.Customer) map[string]bool {
	words := map[string]bool{}
	for _, c := range cs {
		for _, a := range c.Addresses {
			for _, part := range []string{a.Line1, a.Line2, a.City, a.Region} {
				for _, w := range wordsOf(part) {
					if len([]rune(w)) >= 3 || strings.ContainsAny(w, "0123456789") {
						words[w] = true
					}
				}
			}
			for _, w := range wordsOf(a.PostalCode) {
				words[w] = true
			}
		}
	}
	return words
}

func wordsOf(s string) []string {
	return strings.FieldsFunc(strings.ToLower(norm.NFKC.String(s)), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// maskWords replaces every word of s found in words by ***.
func maskWords(s string, words map[string]bool) string {
	if len(words) == 0 {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !unicode.IsLetter(rs[i]) && !unicode.IsNumber(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		j := i
		for j < len(rs) && (unicode.IsLetter(rs[j]) || unicode.IsNumber(rs[j])) {
			j++
		}
		w := string(rs[i:j])
		if words[strings.ToLower(w)] {
			b.WriteString("***")
		} else {
			b.WriteString(w)
		}
		i = j
	}
	return b.String()
}

var (
	emailInText  = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
	digitsInText = regexp.MustCompile(`\d[\d \-().]{2,}\d`)
)

// maskTranscriptText masks emails and runs of digits (phone numbers,
// postal codes, card digits, house numbers) in a transcript line.
func maskTranscriptText(s string) string {
	s = emailInText.ReplaceAllStringFunc(s, proofdesk.MaskEmail)
	return digitsInText.ReplaceAllStringFunc(s, func(d string) string {
		b := []byte(d)
		seen := 0
		for i := len(b) - 1; i >= 0; i-- {
			if b[i] >= '0' && b[i] <= '9' {
				seen++
				if seen > 2 {
					b[i] = '*'
				}
			}
		}
		return string(b)
	})
}
