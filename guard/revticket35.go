package guard

import "github.com/proofdesk/proofdesk"

// revticket35.go (a30c): the last 4 digits of her card or of a phone
// written backwards as a ticket's, an order's or a case's number, with a
// word that says to read it backwards: "Your ticket number reversed is
// 8517", "Order 8517 — read right to left", "Ticket 85-17, backwards
// please", "Your case is 8517; flip it for the real reference". The
// reversed readings keep an owned number's exemption (ownedMasked, so
// that "order 8517" in a reply that reverses something else stays the
// order's); here the cue is said of the owned number itself — a number
// of 4 digits (or its pieces run together) in the sentence of the cue,
// owned by a business noun, whose digits backwards are her last 4.

// revTicketCues add to the reversal cues (reversalAt) the words that
// turn a number round: "flip it", "from the end" (normalised).
var revTicketCues = set("flip", "flipped", "flips", "umdrehen", "umgedreht", "retourner", "retournez", "inverser",
	"inversez", "girar", "gire", "invierta", "capovolgere", "capovolga", "inverta", "omdraaien", "draai", "inverter")

// revTicketClass returns the class of a last 4 written backwards as a
// business number in t, or "".
func (m *Matcher) revTicketClass(t *text) string {
	if len(m.frags.card)+len(m.frags.phone) == 0 || len(t.runs) == 0 {
		return ""
	}
	// the tokens of digits (they open with one: numToks); next is the
	// first the walk may read, past a run read
	next := 0
	for _, k32 := range t.numToks {
		k := int(k32)
		if k < next || !t.digitsTok(k) {
			continue
		}
		// the run's digits, in pieces ("85-17", "8 5 1 7")
		var d [8]byte
		n, e := 0, k
		for e < len(t.toks) && t.digitsTok(e) && n+len(t.tokBytes(e)) <= len(d) {
			n += copy(d[n:], t.tokBytes(e))
			e++
		}
		if e < len(t.toks) && t.digitsTok(e) || n != 4 {
			for k+1 < len(t.toks) && t.digitsTok(k+1) {
				k++ // a longer number
			}
			next = k + 1
			continue
		}
		rev := string([]byte{d[3], d[2], d[1], d[0]})
		class := ""
		for _, c := range m.frags.card {
			if c == rev {
				class = proofdesk.ClassPayment
			}
		}
		for _, p := range m.frags.phone {
			if class == "" && p == rev {
				class = proofdesk.ClassPhone
			}
		}
		from, _ := t.sentenceOf(k)
		if class != "" && t.revTicketOwned(k, from) && t.revTicketCue() {
			return class
		}
		next = e
	}
	return ""
}

// revTicketOwned reports whether a business noun owns the number at
// token k: within the 6 tokens before it, in its sentence ("Your order
// number, read right to left: 8517").
func (t *text) revTicketOwned(k, from int) bool {
	for j := k - 1; j >= from && j >= k-6; j-- {
		w := string(t.tokBytes(j))
		if bizNoun(w) || isOwner(w) {
			return true
		}
	}
	return false
}

// revTicketCue reports whether t says to read something backwards
// ("Your case is 8517; flip it").
func (t *text) revTicketCue() bool {
	for k := range t.toks {
		w := string(t.tokBytes(k))
		if revTicketCues[w] || w == "end" && k >= 2 && string(t.tokBytes(k-2)) == "from" {
			return true // "read it from the end"
		}
	}
	for i := range t.raw {
		if t.reversalAt(i) {
			return true
		}
	}
	return false
}
