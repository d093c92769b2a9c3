package guard

import (
	"regexp"
	"sort"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// phrase kinds
const (
	phAffirm = iota
	phDeny
	phExclude // a refusal or idiom: a confirmation inside it does not count
)

type phrase struct {
	kind int
	// start means the phrase counts only when it opens a sentence.
	start bool
}

// affirmations, denials and the refusals and idioms that contain one but
// are neither. Written in plain English; they go through the normaliser.
var (
	affirmPhrases = []string{
		"yes", "yep", "yeah", "yup", "that's right", "that is right", "that's correct",
		"that is correct", "is correct", "is right", "that matches", "it matches", "this matches",
		"matches our records", "matches what we have", "matches the one", "match our records",
		"that's the one", "that is the one", "the one we have", "that's what we have",
		"that is what we have", "same as what we have", "same as the one", "we have that",
		"we do have that", "we have it on file", "is on file", "is the one on file",
		"i can confirm that", "i can confirm it", "i can confirm the", "i can confirm your",
		"i confirm", "i've confirmed", "that checks out", "checks out", "spot on", "you got it",
		"that's the address", "that is the address", "that's the number", "that is the number",
		"that's the email", "that's the card", "that's your address", "that's it exactly",
		"exactly right", "bingo", "affirmative", "you're right", "you are right",
	}
	affirmStartPhrases = []string{"correct", "exactly", "indeed", "right that's", "sure is"}
	denyPhrases        = []string{
		"that's not", "that is not", "that isn't", "this isn't", "this is not", "isn't the",
		"is not the one", "not the address", "not the one", "not the number", "not the email",
		"not the card", "not the date", "not what we have", "not on file", "not in our records",
		"not on our records", "not what's on file", "doesn't match", "does not match", "don't match",
		"do not match", "no match", "not a match", "different one", "different address",
		"different number", "different phone", "different email", "different card",
		"different date", "differs from", "different from", "that's wrong", "that is wrong", "incorrect",
		"not correct", "isn't correct", "not right", "isn't right", "not quite",
		"we don't have that", "we do not have that", "doesn't look right", "no such",
		"not the same", "nope",
	}
	denyStartPhrases = []string{"no", "wrong", "nah"}
	excludePhrases   = []string{
		"can't confirm", "cannot confirm", "can not confirm", "unable to confirm",
		"not able to confirm", "won't be able to confirm", "confirm or deny", "neither confirm",
		"can't say whether that's correct", "whether that's correct", "if that's correct",
		"whether that is correct", "if that is correct", "whether that's right", "if that's right",
		"is that correct", "is that right", "yes or no", "no problem", "no problems", "no worries",
		"no rush", "no need", "no hurry", "no charge", "no longer", "not right now", "right now",
		"that's not something", "that is not something", "this isn't something", "this is not something", "that's not a problem",
		"that is not a problem", "that's not possible", "not quite yet", "no, thank you",
		"no thank you", "no thanks", "not the right channel", "not the right place",
		"whether it matches", "if it matches", "whether that matches", "if that matches",
		"whether we have that", "if we have that", "whether that is the one", "whether that's the one",
	}
)

// phraser is the one automaton of confirmation phrases, shared by every
// matcher.
var phraser = func() struct {
	ac   *automaton
	meta []phrase
} {
	var strs []string
	var meta []phrase
	add := func(list []string, p phrase) {
		for _, s := range list {
			toks := normTokens(s)
			if len(toks) == 0 {
				continue
			}
			strs = append(strs, " "+strings.Join(toks, " ")+" ")
			meta = append(meta, p)
		}
	}
	add(affirmPhrases, phrase{kind: phAffirm})
	add(affirmStartPhrases, phrase{kind: phAffirm, start: true})
	add(denyPhrases, phrase{kind: phDeny})
	add(denyStartPhrases, phrase{kind: phDeny, start: true})
	add(excludePhrases, phrase{kind: phExclude})
	return struct {
		ac   *automaton
		meta []phrase
	}{buildDense(strs), meta}
}()

type span struct{ start, end int }

// confirmation returns the rule ("confirmation" or "denial") if the
// normalised reply affirms or denies, or "".
func (t *text) confirmation() string {
	view := t.tokenView()
	var hits []struct {
		kind int
		span
	}
	var excl []span
	phraser.ac.scan(view, func(id int32, start int) bool {
		p := phraser.meta[id]
		end := start + int(phraser.ac.lens[id])
		if p.start && !t.opensSentence(start) {
			return true
		}
		if p.kind == phExclude {
			excl = append(excl, span{start, end})
			return true
		}
		hits = append(hits, struct {
			kind int
			span
		}{p.kind, span{start, end}})
		return true
	})
	// A denial holds affirmative words ("doesn't match our records"): an
	// affirmation that shares a word with a denial is the denial.
	var denials []span
	for _, h := range hits {
		if h.kind == phDeny && !within(h.span, excl) {
			denials = append(denials, h.span)
		}
	}
	for _, h := range hits {
		if h.kind == phAffirm && !within(h.span, excl) && !overlaps(h.span, denials) {
			return RuleConfirmation
		}
	}
	if len(denials) > 0 {
		return RuleDenial
	}
	return ""
}

func within(s span, spans []span) bool {
	for _, e := range spans {
		if s.start >= e.start && s.end <= e.end {
			return true
		}
	}
	return false
}

// context words around a last-4 or a card brand
var (
	phoneWords = set("phone", "number", "mobile", "cell", "tel", "telephone", "call", "text",
		"sms", "whatsapp", "landline", "ph", "contact")
	cardWords = set("card", "visa", "mastercard", "amex", "discover", "debit", "credit",
		"payment", "maestro", "jcb", "diners", "unionpay")
	endingWords = set("ending", "ends", "end", "last", "digits", "xx", "x", "final")
	yourWords   = set("your", "the", "their", "his", "her", "a")
	brandAfter  = set("card", "ending", "ends", "debit", "credit", "xx", "x")
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// prevTokens calls fn on up to n tokens before offset off of the token
// view, nearest first, until fn returns true.
func prevTokens(view []byte, off, n int, fn func(tok []byte) bool) bool {
	end := off // view[off] is the space before the matched token
	for k := 0; k < n && end > 0; k++ {
		start := end - 1
		for start > 0 && view[start] != ' ' {
			start--
		}
		if start == end-1 {
			return false
		}
		if fn(view[start+1 : end]) {
			return true
		}
		end = start
	}
	return false
}

// nextTokens is prevTokens forwards from off (the space after a match).
func nextTokens(view []byte, off, n int, fn func(tok []byte) bool) bool {
	start := off
	for k := 0; k < n && start < len(view)-1; k++ {
		end := start + 1
		for end < len(view) && view[end] != ' ' {
			end++
		}
		if fn(view[start+1 : end]) {
			return true
		}
		start = end
	}
	return false
}

// inContext reports whether the match [start, end) of the token view has
// the context its kind needs.
func inContext(view []byte, start, end int, k ctxKind) bool {
	switch k {
	case ctxPhone:
		return prevTokens(view, start, 4, func(t []byte) bool { return phoneWords[string(t)] || endingWords[string(t)] })
	case ctxCard:
		return prevTokens(view, start, 4, func(t []byte) bool { return cardWords[string(t)] || endingWords[string(t)] })
	case ctxBrand:
		return prevTokens(view, start, 1, func(t []byte) bool { return yourWords[string(t)] }) ||
			nextTokens(view, end-1, 2, func(t []byte) bool { return brandAfter[string(t)] })
	}
	return true
}

var (
	emailRe       = regexp.MustCompile(`[a-zA-Z0-9._%+-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+`)
	spokenEmailRe = regexp.MustCompile(` [a-z0-9]+( dot [a-z0-9]+)* at [a-z0-9]+( dot [a-z0-9]+)+ `)
	ukPostRe      = regexp.MustCompile(` [a-z]{1,2}[0-9][a-z0-9]? ?[0-9][a-z]{2} `)
	caPostRe      = regexp.MustCompile(` [a-z][0-9][a-z] ?[0-9][a-z][0-9] `)
	usStateZipRe  = regexp.MustCompile(` (al|ak|az|ar|ca|co|ct|de|fl|ga|hi|id|il|in|ia|ks|ky|la|me|md|ma|mi|mn|ms|mo|mt|ne|nv|nh|nj|nm|ny|nc|nd|oh|ok|or|pa|ri|sc|sd|tn|tx|ut|vt|va|wa|wv|wi|wy|dc) [0-9]{5}( [0-9]{4})? `)
	postWordRe    = regexp.MustCompile(` (zip|postcode|postal|post code|zipcode)( code)?( is)? [a-z0-9]*[0-9][a-z0-9]* `)
	dateNameRe    = regexp.MustCompile(` (m(0[1-9]|1[0-2]) [0-9]{1,2} [0-9]{4}|[0-9]{1,2} (of )?m(0[1-9]|1[0-2]) [0-9]{4}|[0-9]{4} m(0[1-9]|1[0-2]) [0-9]{1,2}) `)
	dateNumRe     = regexp.MustCompile(` ([0-9]{1,2} [0-9]{1,2} (19|20)[0-9]{2}|(19|20)[0-9]{2} [0-9]{1,2} [0-9]{1,2}|(19|20)[0-9]{6}) `)
	birthRe       = regexp.MustCompile(` (born|birthday|birth|dob|bday)( [a-z]+){0,4} [a-z0-9]*[0-9]`)
	last4Re       = regexp.MustCompile(` [0-9]{4} `)
)

// Offers returns the data classes a requester's message offers a value
// of — an address, phone, email, date of birth or card digits — whether or
// not the value is the real one. The caller remembers the classes for the
// rest of the conversation and passes them to Check, which then blocks
// replies that confirm or deny. The result is sorted and never holds the
// value.
func Offers(requesterText string) []string {
	var t text
	t.normalize(requesterText)
	view := string(t.tokenView())
	found := map[string]bool{}
	if emailRe.MatchString(requesterText) || spokenEmailRe.MatchString(view) {
		found[proofdesk.ClassEmail] = true
	}
	if offersAddress(view) {
		found[proofdesk.ClassAddress] = true
	}
	if dateNameRe.MatchString(view) || dateNumRe.MatchString(view) || birthRe.MatchString(view) {
		found[proofdesk.ClassDateOfBirth] = true
	}
	// phone: a long digit run, or a shorter one near a phone word
	phoneWord := false
	for w := range phoneWords {
		if strings.Contains(view, " "+w+" ") {
			phoneWord = true
			break
		}
	}
	for _, run := range strings.Split(string(t.buf[t.digits:t.compact]), "|") {
		if len(run) >= 10 || len(run) >= 7 && phoneWord {
			if !dateNumRe.MatchString(" " + run + " ") {
				found[proofdesk.ClassPhone] = true
			}
		}
	}
	// last 4 digits with a card or phone word before them
	for _, loc := range last4Re.FindAllStringIndex(view, -1) {
		var card, phone, ending bool
		prevTokens([]byte(view), loc[0], 5, func(tok []byte) bool {
			w := string(tok)
			card = card || cardWords[w]
			phone = phone || phoneWords[w]
			ending = ending || endingWords[w]
			return false
		})
		if card || ending && !phone {
			found[proofdesk.ClassPayment] = true
		}
		if phone && (ending || !card) {
			found[proofdesk.ClassPhone] = true
		}
	}
	out := make([]string, 0, len(found))
	for c := range found {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

func offersAddress(view string) bool {
	if ukPostRe.MatchString(view) || caPostRe.MatchString(view) || usStateZipRe.MatchString(view) || postWordRe.MatchString(view) {
		return true
	}
	// a house number followed within four tokens by a street type
	toks := strings.Fields(view)
	for i, tk := range toks {
		if !hasDigit(tk) || len(tk) > 6 {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+4; j++ {
			if streetTypes[toks[j]] && j > i+1 {
				return true
			}
		}
	}
	return false
}

// overlaps reports whether s shares a token with one of spans (adjacent
// phrases share only the space between them).
func overlaps(s span, spans []span) bool {
	for _, e := range spans {
		if s.start < e.end-1 && e.start < s.end-1 {
			return true
		}
	}
	return false
}
