package guard

import (
	"strings"

	"github.com/proofdesk/proofdesk"
)

// The last digits in other words than "ends in". "The final pair of
// digits on the card is 58", "the card's tail: 58", "Die Karte hört mit 58
// auf", "kaart sluit af met 58", "la carte, dernière paire : 58", "the
// card's last digits are 5 and 8", "die letzten drei Ziffern Ihrer Karte
// sind 158": a word for the end or the last pair, then only words of the
// value's frame (articles, prepositions, a copula, the card or phone
// word, "digits", a colon) up to two or three digits that end the card
// or a phone, written as one number or digit by digit ("5 and 8", "5-8",
// "fünf-acht"). tailTwoClass (cardparts.go) reads the ending word right
// before the digits; tailWide the wider frame, in a sentence that names
// the value's class and no other thing's number.

// tailWideLeads say the end or the last pair (normalised), besides
// tailLeads.
var tailWideLeads = set("tail", "pair", "paar", "ziffernpaar", "zahlenpaar", "paire", "par", "coppia", "paio", "paar",
	"last", "letzten", "letzte", "letztes", "derniers", "dernieres", "derniere", "dernier", "ultimos", "ultimas", "ultimo",
	"ultima", "ultimi", "ultime", "laatste", "hort", "hoert", "sluit", "eindpaar", "endpaar", "couple", "pareja")

// tailFillers are the words of the frame between the lead and the digits
// (normalised).
var tailFillers = set("the", "a", "of", "on", "in", "its", "your", "her", "their", "is", "are", "two", "de", "la", "le",
	"les", "l", "du", "des", "del", "el", "los", "las", "da", "do", "das", "dos", "di", "della", "dei", "delle", "il",
	"lo", "van", "het", "der", "die", "den", "dem", "des", "ihrer", "ihre", "ihres", "seiner", "votre", "vos", "sa", "son",
	"su", "sus", "sua", "seu", "suo", "vostra", "uw", "haar", "zijn", "ist", "sind", "est", "sont", "es", "son", "e",
	"sono", "sao", "mit", "met", "af", "auf", "par", "sur", "en", "em", "na", "no", "op", "al", "sulla", "sul", "con",
	"com", "with", "digit", "dans", "auf", "am", "an", "x", "xx", "pair", "paar", "paire", "par", "coppia", "tail",
	"final", "last", "letzten", "letzte", "letztes", "derniers", "dernieres", "derniere", "ultimos", "ultimas", "ultimo",
	"ultima", "ultimi", "ultime", "laatste", "twee", "zwei", "deux", "dos", "due", "dois")

// tailJoins join digits said one by one: "5 and 8".
var tailJoins = set("and", "und", "et", "y", "e", "en", "then", "dann", "puis", "luego", "poi", "dan", "depois")

// tailParticles close the digits in German and Dutch: "hört mit 58 auf".
var tailParticles = set("auf", "af", "op", "uit")

// tailWord reports whether w (normalised) is a word of the frame: a
// filler, a word for digits, the card or phone word, "number", or one of
// them with a possessive s ("card's" reads "cards").
func tailWord(w string) bool {
	if tailFillers[w] || lastDigitNouns[w] || cardWords[w] || phoneWords[w] || numberWords[w] {
		return true
	}
	b := strings.TrimSuffix(w, "s")
	return len(b) < len(w) && (cardWords[b] || phoneWords[b] || numberWords[b])
}

// tailClassNamed reports whether the sentence [from, to) names a value
// of class: the card word for the card, a phone word or "number" for a
// phone (a possessive s too).
func (t *text) tailClassNamed(from, to int, class string) bool {
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		for _, x := range []string{w, strings.TrimSuffix(w, "s")} {
			if class == proofdesk.ClassPayment && cardWords[x] ||
				class == proofdesk.ClassPhone && (phoneWords[x] || numberWords[x]) {
				return true
			}
		}
	}
	return false
}

// tailWide returns the class of a value whose last two or three digits t
// gives in the wider frame (see above), or "".
func (m *Matcher) tailWide(t *text) string {
	if len(m.twos) == 0 || t.cls&(clTailWide|clTailLead) == 0 {
		return ""
	}
	for k := range t.toks {
		if !t.has(k, clTailWide) && !(t.toks[k].lex&lxEnding != 0 && t.has(k, clTailLead)) { // tailWideLeads, tailLeads
			continue
		}
		n := k + 1
		for ; n < len(t.toks) && n <= k+8 && t.toks[n].flags&fSentence == 0; n++ {
			x := t.tokBytes(n)
			if isDigit(x[0]) {
				if len(x) == 1 && n+1 < len(t.toks) && lastDigitNouns[string(t.tokBytes(n+1))] {
					continue // a count: "die letzten drei Ziffern"
				}
				break
			}
			if !tailWord(string(x)) {
				n = len(t.toks)
			}
		}
		if n >= len(t.toks) || n > k+8 || t.toks[n].flags&fSentence != 0 || !isDigit(t.tokBytes(n)[0]) {
			continue
		}
		// the digits: one number of 2 or 3, or single digits joined
		var buf [8]byte
		d, end := buf[:0], n
		if x := t.tokBytes(n); len(x) == 1 {
			for e := n; e < len(t.toks) && len(d) < 4; {
				y := t.tokBytes(e)
				if len(y) != 1 || !isDigit(y[0]) {
					break
				}
				d, end = append(d, y[0]), e
				if e+1 < len(t.toks) && t.toks[e].flags&fPunctAfter == 0 && tailJoins[string(t.tokBytes(e+1))] {
					e += 2
				} else {
					e++
				}
			}
		} else if len(x) <= 3 && allDigits(x) {
			d = append(d, x...)
		}
		if len(d) < 2 || len(d) > 3 {
			continue
		}
		if end+1 < len(t.toks) && t.toks[end].flags&fPunctAfter == 0 && tailParticles[string(t.tokBytes(end+1))] {
			end++ // "hört mit 58 auf"
		}
		if !t.clauseEnd(end) {
			continue // "the last 58 orders": a count of something
		}
		from, to := t.sentenceOf(k)
		owned := false
		for j := from; j < to; j++ {
			owned = owned || isOwner(string(t.tokBytes(j))) // "Het ordernummer eindigt op ...58"
		}
		if owned {
			continue
		}
		for _, tw := range m.twos {
			if len(tw.four) == 4 && strings.HasSuffix(tw.four, string(d)) && t.tailClassNamed(from, to, tw.class) &&
				!t.tailOther(from, to, tw.class) {
				return tw.class
			}
		}
	}
	return ""
}
