package guard

// The card's digits said to agree (guard13a): "The four digits match",
// "Die letzten vier Ziffern passen", "Os quatro dígitos batem certo".
// The subject is the digits themselves, with nothing before them but
// an article, a number, "last" or a yes: the digits of an order number
// or a code ("Die vier Ziffern der Bestellnummer passen") name their own
// thing after them, which aboutOther already sees.

// digitsAgree reports whether the agreement phrase at token i (span sp)
// has a digit noun (digitNouns) as its subject and only light words
// before it in its sentence, from token from on.
func (t *text) digitsAgree(from, i int, sp span) bool {
	d := -1
	for k := i; k < len(t.toks) && int(t.toks[k].off) < sp.end-1; k++ {
		if digitNouns[string(t.tokBytes(k))] {
			d = k
			break
		}
	}
	if d < 0 {
		for k := i - 1; k >= from && k >= i-2; k-- {
			if digitNouns[string(t.tokBytes(k))] {
				d = k
				break
			}
		}
	}
	if d < 0 {
		return false
	}
	for k := from; k < d; k++ {
		w := string(t.tokBytes(k))
		if t.toks[k].flags&fNumber == 0 && !lastWords[w] && !digitArticles[w] && !lightWords[w] && !yesWordSet[w] {
			return false
		}
	}
	return true
}

// digitArticles stand before "digits": "the", "die", "les", "los", "le",
// "de", "os" (normalised).
var digitArticles = set("the", "die", "les", "los", "las", "le", "i", "de", "os", "as", "all", "alle", "tous", "todos",
	"tutte", "allemaal", "your", "ihre", "vos", "sus", "sue", "je", "uw", "seus", "both")
