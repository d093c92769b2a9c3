package guard

import "github.com/proofdesk/proofdesk"

// bookcard41b.go (f41b): her card's last 4 as a business number
// (bizref35.go, bookcard37.go), two more readings.
//
//   - A bare business number (an order's, an invoice's, a member's, a
//     code) equal to the card's last 4 is no leak by design (a number
//     that happens to hold four digits of a value names its own thing);
//     the sentence that ties it to the card is: "Your order number is
//     7158, the same as your card", "Votre numéro client est 7158, comme
//     la fin de votre carte", "Su número de socio, 7158, coincide con su
//     tarjeta". A word of sameness or likeness and a card word in the
//     sentence make any business number handed over hers.
//   - The digits written one by one ("7-1-5-8", "7 1 5 8") read as the
//     number: "Your gate code is 7-1-5-8", "Ihr Gutscheincode ist
//     7-1-5-8".

// cardSame41b are the words that say a number is the same as another
// (normalised), besides birthSame39 and likeWords41b.
var cardSame41b = set("matches", "match", "identical", "equal", "equals", "gleich", "gleiche", "identisch", "entspricht",
	"identique", "correspond", "pareil", "igual", "coincide", "identico", "identica", "uguale", "corrisponde",
	"gelijk", "hetzelfde", "overeen", "identiek", "coincidem", "corresponde")

// cardTied41b reports whether the sentence [from, to) ties a number to
// the card: a card word, and a word of sameness or likeness at most
// five tokens before it.
func (t *text) cardTied41b(from, to int) bool {
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if !cardWords[w] && !ownCompound(w, cardWords) {
			continue
		}
		for j := max(from, k-5); j < k; j++ {
			x := string(t.tokBytes(j))
			if birthSame39[x] || cardSame41b[x] || likeWords41b[x] && x != "with" && x != "mit" && x != "met" && x != "com" && x != "con" && x != "avec" {
				return true
			}
		}
	}
	return false
}

// bizSpelled41b returns the class of a last 4 written digit by digit
// and handed over as a business number ("Your gate code is 7-1-5-8"),
// or "".
func (m *Matcher) bizSpelled41b(t *text) string {
	if len(m.frags.card) == 0 {
		return ""
	}
	next := 0                       // the first token not skipped (k += 3 below)
	for _, k32 := range t.numToks { // (a run opens with a single digit)
		k := int(k32)
		if k+3 >= len(t.toks) {
			break
		}
		if k < next {
			continue
		}
		if tk := &t.toks[k]; tk.len6 != 1 || !isDigit(tk.head6) {
			continue
		}
		var d [4]byte
		ok := true
		for j := 0; j < 4 && ok; j++ {
			w := t.tokBytes(k + j)
			ok = len(w) == 1 && isDigit(w[0]) && (j == 0 || t.toks[k+j-1].flags&fPunctAfter == 0 && t.toks[k+j].flags&fSentence == 0)
			if ok {
				d[j] = w[0]
			}
		}
		if !ok || k+4 < len(t.toks) && t.toks[k+3].flags&fPunctAfter == 0 && t.digitsTok(k+4) {
			continue
		}
		if k > 0 && t.toks[k-1].flags&fPunctAfter == 0 && t.digitsTok(k-1) {
			continue // inside a longer run of digits
		}
		from, to := t.sentenceOf(k)
		for _, c := range m.frags.card {
			if c == string(d[:]) && t.bizHanded(k, from, to, true) {
				return proofdesk.ClassPayment
			}
		}
		next = k + 4
	}
	return ""
}
