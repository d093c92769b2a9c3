package guard

import "github.com/proofdesk/proofdesk"

// Parts of a phone said on the phone channel besides its start and end:
// its middle ("in the middle there's twenty-one eighty-three"), its
// network prefix without the trunk zero ("the one-five-one number", "el
// del uno cinco uno") or after a word for the area code ("a Telekom
// mobile, area code zero one five one").

// phoneMiddle adds the national number's middle 4 digits (after its
// first 3) as a token and as a digit run, said after a word for
// "middle" (ctxPhoneMid).
func (b *builder) phoneMiddle(national string, level proofdesk.Level) {
	if len(national) < 9 {
		return
	}
	mid := national[3:7]
	p := pattern{class: proofdesk.ClassPhone, part: PartLast4, level: level, ctx: ctxPhoneMid}
	b.tokens([]string{mid}, p)
	b.add("|"+mid+"|", p)
}

// middleWords say "in the middle" in seven languages (normalised).
var middleWords = set("middle", "mid", "midway", "mitte", "mittleren", "mittlere", "dazwischen", "milieu", "medio",
	"mitad", "mezzo", "meta", "midden", "meio", "centro", "center", "centre")

// phoneMid reports whether a word for "middle" stands within the 4
// tokens before the match at start.
func phoneMid(view []byte, start int) bool {
	return prevTokens(view, start, 4, func(t []byte) bool { return middleWords[string(t)] })
}

// oneOf reports whether prev0 and prev1, the two tokens before a phone's
// first digits (nearest first), say "the one with" or "the one of":
// "celui en", "el del", "quello col", "dat met", "o do", "die mit".
func oneOf(prev0, prev1 []byte) bool {
	return oneOfPreps[string(prev0)] && oneOfHeads[string(prev1)]
}

var (
	oneOfPreps = set("del", "de", "do", "da", "col", "con", "com", "met", "en", "mit", "with", "avec", "of", "della",
		"dello", "dal", "van", "du", "dem", "der")
	oneOfHeads = set("celui", "celle", "el", "la", "quello", "quella", "dat", "die", "degene", "o", "a", "aquele",
		"aquela", "aquel", "aquella", "lo", "1", "that", "this", "der", "das")
)

// areaCode reports whether a phone's first digits at start follow a word
// for the area code or prefix (prev holds the tokens before them, nearest
// first) and the sentence names a phone within 10 tokens before or 3
// after: "a Telekom mobile, area code 0151", "Vorwahl 0151, Handy".
func areaCode(view []byte, start int, prev [][]byte) bool {
	if len(prev) == 0 {
		return false
	}
	w := string(prev[0])
	area := areaWords[w] || w == "code" && len(prev) >= 2 && (string(prev[1]) == "area" || string(prev[1]) == "dialling" || string(prev[1]) == "dialing")
	if !area {
		return false
	}
	return classBefore(view, start, 10, ctxPhone, false) ||
		nextTokens(view, start+1, 4, func(t []byte) bool { return phoneWords[string(t)] })
}

// areaWords name a phone's area code or prefix (normalised).
var areaWords = set("vorwahl", "prefix", "prefixe", "indicatif", "prefijo", "prefisso", "voorvoegsel", "netnummer",
	"kengetal", "indicativo", "areacode")

// phonePrefix reports whether a phone's network prefix without its zero
// ("151"), the match [start, end) of the token view, is said as the
// phone's start: a number of its own (no digits beside it: "900 647 100"
// is another number), after a word for "starts with" and a phone word,
// or, ending its phrase (punctuation, a phone word, "one" or a country
// after it), as phoneHead reads a phone's first digits ("the 151
// number", "dat met honderdeenenvijftig, het Duitse"). "The one with 151
// reviews" counts reviews.
func (t *text) phonePrefix(view []byte, start, end int) bool {
	i := t.tokenAt(start)
	if i < 0 || i > 0 && allDigits(t.tokBytes(i-1)) || i+1 < len(t.toks) && allDigits(t.tokBytes(i+1)) {
		return false
	}
	starting := func(t []byte) bool { return startWords[string(t)] }
	if (prevTokens(view, start, 3, starting) || nextTokens(view, end-1, 2, starting)) && classBefore(view, start, 10, ctxPhone, false) {
		return true
	}
	if i+1 < len(t.toks) && t.toks[i].flags&fPunctAfter == 0 {
		n := string(t.tokBytes(i + 1))
		if !phoneWords[n] && !numberWords[n] && n != "1" && !countryAdjectives[n] {
			return false
		}
	}
	return phoneHead(view, start, end)
}
