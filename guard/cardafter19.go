package guard

// cardafter19.go (g19p): the card's last digits as the subject of a
// sentence whose complement is the card: "7158 is the card we tried",
// "Seven one five eight is your card", "Sieben eins fünf acht ist die
// Karte", "Sept un cinq huit, c'est la carte", "Sete um cinco oito é o
// cartão". ctxCard (inContext) looks for a card word before the digits;
// here it comes after them, past a copula and an article or possessive
// only. A number owned by another noun before it ("order 7158 is the card
// replacement") or after the copula ("7158 is the order number of the
// card") is not the card's.

// cardAfterSkips19 may stand between the copula and the card word: an
// article, a possessive, a demonstrative (normalised).
var cardAfterSkips19 = set("the", "your", "die", "der", "das", "ihre", "ihr", "deine", "la", "le", "l", "votre", "ta",
	"el", "su", "tu", "il", "sua", "tua", "de", "het", "uw", "je", "o", "a", "seu", "teu", "that", "this", "dies", "diese",
	"celle", "ca", "esa", "esta", "questa", "quella", "deze", "die", "dat", "essa", "esta", "sole", "only", "einzige",
	"seule", "unica", "enige", "unico", "same", "selbe", "gleiche", "meme", "misma", "mismo", "stessa", "zelfde", "mesmo", "mesma")

// cardAfter19 reports whether the digits [start, end) of the token view
// are followed, within their sentence, by a copula and the card (see
// above).
func (t *text) cardAfter19(start, end int) bool {
	i, j := t.tokenAt(start), t.tokenAt(end-2)
	if i < 0 || j < i || j+2 >= len(t.toks) {
		return false
	}
	from, to := t.sentenceOf(i)
	if i > from && isOwner(string(t.tokBytes(i-1))) {
		return false // "order 7158 is the card replacement"
	}
	k := j + 1
	if t.toks[k].lex&lxCopula == 0 {
		return false
	}
	for k++; k < to && k <= j+4; k++ {
		w := string(t.tokBytes(k))
		switch {
		case t.toks[k].lex&lxCard != 0:
			return true
		case cardAfterSkips19[w]:
		default:
			return false
		}
	}
	return false
}
