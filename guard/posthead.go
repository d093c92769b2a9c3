package guard

import "github.com/proofdesk/proofdesk"

// postcodeHeads adds the first digits of a postal code (its first token's
// first 3 or more digits, short of the whole code) as token patterns of
// ctxPostHead: "the postcode starts with 750, the rest is unreadable",
// "die PLZ beginnt mit 101", "o código postal começa por 1100" say part
// of the code on file. pc is the code's normalised tokens.
func (b *builder) postcodeHeads(pc []string, level proofdesk.Level) {
	if len(pc) == 0 {
		return
	}
	head := pc[0]
	n := 0
	for n < len(head) && isDigit(head[n]) {
		n++
	}
	whole := len(pc) == 1 && n == len(head)
	for k := 3; k <= n; k++ {
		if k == n && whole {
			break // the whole code is a value of its own
		}
		b.tokens([]string{head[:k]}, pattern{class: proofdesk.ClassAddress, part: PartPostalCode, level: level, ctx: ctxPostHead})
	}
}

// postHead reports whether the digits at offset start of the token view
// follow a word for "starts with" (and its preposition), itself after a
// word for the postal code within 4 tokens of its sentence: "your zip
// starts with 972", "le code postal commence par 750". The order number
// that starts with 750 is no postal code, nor is the business's own.
func (t *text) postHead(start int) bool {
	return t.postcodeCue(start, postStartPreps, postStartWords)
}

// postcodeCue reports whether the digits at offset start of the token
// view follow a word of cues (and one of preps after it), itself after a
// word for the postal code within 4 tokens of its sentence, with no word
// of the business's ("our head office postcode starts with 750") nor of
// an owner, phone or card between: postHead's "starts with", postTail's
// "ends in".
func (t *text) postcodeCue(start int, preps, cues map[string]bool) bool {
	i := t.tokenAt(start)
	if i < 1 {
		return false
	}
	from, _ := t.sentenceOf(i)
	k := i - 1
	if k > from && preps[string(t.tokBytes(k))] {
		k--
	}
	if !cues[string(t.tokBytes(k))] {
		return false
	}
	for j := k - 1; j >= from && j >= k-4; j-- {
		w := string(t.tokBytes(j))
		if postCodeWords[w] {
			for o := k - 1; o >= from && o >= j-3; o-- {
				if t.ourAt(o) {
					return false // "le code postal de notre siège", "our depot's postcode ends in 115"
				}
			}
			return true
		}
		if isOwner(w) || phoneWords[w] || cardWords[w] {
			return false
		}
	}
	return false
}

// Words around a postal code's head (normalised).
var (
	postStartWords = set("starts", "start", "begins", "begin", "beginnt", "beginnen", "fangt", "anfangt", "commence",
		"commencent", "debute", "empieza", "comienza", "inicia", "empiezan", "inizia", "comincia", "iniziano", "begint",
		"comeca", "inicia", "comecam", "opens")
	postStartPreps = set("with", "mit", "par", "por", "con", "met", "com", "by", "per")
	postCodeWords  = set("zip", "zipcode", "postcode", "postleitzahl", "plz", "postal", "cp", "cap", "postale", "cep")
)
