package guard

import "strings"

// Refusals the phrase sets miss (g24): "neither … nor" with any form of a
// verb of confirming or denying, "Ni lo confirmo ni lo descarto", "Né
// confermo né escludo", "Ik bevestig noch ontken het", "Nem confirmo nem
// nego"; and the desk's own rule of not comparing, "we don't match phone
// numbers against the file in chat". Each is an exclusion and a refusal
// of the confirmation phrase scan: a "confirmo" inside it affirms
// nothing, a "don't match" in it denies nothing.

// Words of these refusals (normalised).
var (
	// neitherWords24 open or join the two sides: "ni", "né", "nem",
	// "noch", "weder", "neither", "nor".
	neitherWords24 = set("ni", "ne", "nem", "noch", "weder", "neither", "nor")
	// denyVerbs24 deny or rule out, in the first person and the
	// infinitive, besides the confirm stems (confirmStem30).
	denyVerbs24 = set("deny", "descarto", "niego", "negar", "descartar", "escludo", "smentisco", "nego", "negare",
		"smentire", "escludere", "ontken", "ontkennen", "dementiere", "verneine", "dementieren", "verneinen",
		"infirme", "dements", "infirmer", "dementir", "nier", "desminto", "desmentir", "exclude", "rule")
	// neitherClitics24 may stand between the correlative and the verb.
	neitherClitics24 = set("lo", "la", "le", "l", "lhe", "o", "a", "je", "n", "ik", "ich", "io", "yo", "eu", "it")
	// compareVerbs24 compare a value with the record.
	compareVerbs24 = set("match", "compare", "check", "verify", "confirm", "cross", "validate")
)

// neitherSpans24 appends to excl and refusals the view spans of t that
// refuse in the two ways above.
func (t *text) neitherSpans24(excl, refusals []span) ([]span, []span) {
	if t.gate7&g7Neither == 0 {
		return excl, refusals // (no "neither" and no verb of comparing: neither reading can start)
	}
	for k := range t.toks {
		if !neitherGate7.tok(&t.toks[k]) {
			continue // (neither a word of neitherWords24 nor "we")
		}
		w := string(t.tokBytes(k))
		var a, b int
		switch {
		case neitherWords24[w]:
			j := k + 1
			for j < len(t.toks) && j <= k+2 && neitherClitics24[string(t.tokBytes(j))] {
				j++
			}
			if j >= len(t.toks) || !t.confirmOrDeny24(j) {
				continue
			}
			a, b = k, j
			if k > 0 && t.confirmOrDeny24(k-1) {
				a = k - 1 // "Ik bevestig noch ontken": the verb before "noch" too
				if k > 1 && neitherClitics24[string(t.tokBytes(k-2))] {
					a = k - 2
				}
			}
			for b+1 < len(t.toks) && t.toks[b].flags&fPunctAfter == 0 {
				n := t.tokBytes(b + 1)
				if !neitherWords24[string(n)] && !neitherClitics24[string(n)] && !t.confirmOrDeny24(b+1) {
					break
				}
				b++ // "ni lo descarto", "nem nego": the other side
			}
		case w == "we" && k+2 < len(t.toks):
			j := k + 1
			if n := string(t.tokBytes(j)); n == "dont" || n == "never" || n == "do" && string(t.tokBytes(j+1)) == "not" {
				if n == "do" {
					j++
				}
				j++
			} else {
				continue
			}
			if j >= len(t.toks) || !compareVerbs24[string(t.tokBytes(j))] {
				continue
			}
			a, b = k, j // "we don't match phone numbers against the file"
		default:
			continue
		}
		if len(excl) == cap(excl) || len(refusals) == cap(refusals) {
			break
		}
		s := span{int(t.toks[a].off), int(t.toks[b].end) + 1}
		excl, refusals = append(excl, s), append(refusals, s)
	}
	return excl, refusals
}

// confirmOrDeny24 reports whether token j is a verb of confirming or
// denying.
func (t *text) confirmOrDeny24(j int) bool {
	w := t.tokBytes(j)
	return confirmStem30(w) || denyVerbs24[string(w)]
}

// alsIf24 are the subjects after which Dutch "als" is "if": "als u ...
// wilt", "als je ... wilt" (not "zo groot als", "als klant").
var alsIf24 = set("u", "je", "jij", "we", "wij", "ze", "zij", "hij", "het", "dat", "dit", "er")

// tldWords24 are top-level domains (normalised).
var tldWords24 = set("com", "net", "org", "de", "fr", "es", "it", "nl", "pt", "eu", "io", "info", "be", "ch", "at", "co",
	"uk", "us", "br", "biz", "example", "test", "invalid")

// otherDomain24 reports whether the domain label at token view offset
// start goes on with a top-level domain that makes a domain none of her
// emails has: "prenom.nom@exemple.com" when hers is exemple.fr, an
// example on another domain (ctxMailShape, described.go).
func (m *Matcher) otherDomain24(t *text, start int) bool {
	i := t.tokenAt(start)
	if i < 0 || i+1 >= len(t.toks) {
		return false
	}
	w, n := string(t.tokBytes(i)), string(t.tokBytes(i+1))
	if !tldWords24[n] {
		return false
	}
	for _, p := range m.emailParts {
		if p[1] == w+n || strings.HasSuffix(p[1], w+n) {
			return false
		}
	}
	return true
}

// neitherIn24 reports whether the clause [a, b) refuses with "neither …
// nor" and a verb of confirming or denying ("Ni lo confirmo ni lo
// descarto"), or is the desk's rule of not comparing ("we don't match
// numbers in chat"): a refusal clause of refusalClauses30.
func (t *text) neitherIn24(a, b int) bool {
	for k := a; k < b; k++ {
		w := string(t.tokBytes(k))
		if neitherWords24[w] {
			j := k + 1
			for j < b && j <= k+2 && neitherClitics24[string(t.tokBytes(j))] {
				j++
			}
			if j < b && t.confirmOrDeny24(j) {
				return true
			}
		}
		if w == "we" && k+2 < b {
			n, j := string(t.tokBytes(k+1)), k+2
			if n == "do" && string(t.tokBytes(k+2)) == "not" {
				n, j = "dont", k+3
			}
			if (n == "dont" || n == "never") && j < b && compareVerbs24[string(t.tokBytes(j))] {
				return true
			}
		}
	}
	return false
}
