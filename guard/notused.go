package guard

// The offered card denied as the one used for an order (guard13a): "That
// card wasn't used for this order", "Diese Karte wurde für die Bestellung
// nicht verwendet", "Esse cartão não foi usado nesta encomenda". The
// order is what the card was (not) used for, not another thing the
// denial is about; "The voucher wasn't used for this order" has the
// voucher as its subject.

// subjectValueUse reports whether the never-had phrase at token i has a
// demonstrative and a noun of class as the subject before it in its
// clause [cf, ct), and the other things of the clause all stand after a
// preposition of purpose ("for this order", "nesta encomenda").
func (t *text) subjectValueUse(i, cf, ct int, class string) bool {
	subj := false
	for k := cf; k+1 < i && k+1 < ct; k++ {
		if (t.demoAt(k) || actDemos[string(t.tokBytes(k))]) && t.classNoun(k+1, string(t.tokBytes(k+1)), class) {
			subj = true
			break
		}
	}
	if !subj {
		return false
	}
	use := false
	for k := cf; k < ct && !use; k++ {
		use = useParticiples[string(t.tokBytes(k))]
	}
	if !use {
		return false // "That number we never had for the hotline": what it was for
	}
	for k := cf; k < ct; k++ {
		if !t.isOther(k, ct) {
			continue
		}
		p := false
		for j := max(cf, k-3); j < k; j++ {
			p = p || purposePreps[string(t.tokBytes(j))] || useInPreps[string(t.tokBytes(j))]
		}
		if !p {
			return false
		}
	}
	return true
}

// useInPreps say "in" or "for" of what a card was used on (normalised).
var useInPreps = set("nesta", "neste", "nessa", "nesse", "em", "in", "bei", "fuer", "dans", "en", "su", "op", "bij")

// useParticiples say that a card was used or paid with (normalised).
var useParticiples = set("used", "paid", "charged", "verwendet", "benutzt", "genutzt", "bezahlt", "belastet", "servi",
	"utilisee", "utilise", "debitee", "uso", "utilizo", "usada", "usado", "pago", "pagado", "cobro", "usata", "usato",
	"utilizzata", "utilizzato", "addebitata", "pagato", "gebruikt", "betaald", "belast", "utilizada", "utilizado", "paga",
	"cobrado", "cobrada")
