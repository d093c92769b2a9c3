package guard

// Her card's brand told as what her payments go on (g24), in passing or
// to a third party: "your mother's premiums are paid with a Mastercard",
// "die Beiträge laufen über eine Mastercard", "ça va sur la Mastercard",
// "las cuotas van a una Mastercard", "i contributi vanno su una
// Mastercard", "de bijdragen gaan op een Mastercard", "as contribuições
// vão para um Mastercard". The brand follows an article (or a
// preposition joined to one) after a preposition of paying, and its
// clause holds a verb of paying, charging or going or a word for money
// paid (premiums, contributions, a refund). The brand as such stays free:
// the cards the business takes ("we accept Mastercard and Visa", our
// words), a rule ("Mastercard payments may take 2 days", no article), a
// choice ("with a Mastercard or a Visa", any other brand or "or"), any
// card of the brand ("any Mastercard"), a condition ("if you pay with a
// Mastercard") and what the person addressed can do ("Sie können mit
// einer Mastercard bezahlen").

// Words around a brand paid with (normalised).
var (
	payPreps24 = set("with", "on", "to", "onto", "via", "through", "by", "mit", "uber", "auf", "von", "avec", "sur", "par",
		"con", "a", "en", "por", "su", "met", "op", "com", "para", "no", "na", "em", "pela", "pelo", "sulla", "sul",
		"alla", "al", "ao", "zur", "zum", "tramite", "naar")
	payWords24 = set("paid", "pay", "pays", "charged", "charge", "billed", "debited", "goes", "go", "going", "gone",
		"bezahlt", "gezahlt", "belastet", "abgebucht", "geht", "gehen", "laufen", "lauft", "bezahlen",
		"payee", "payees", "paye", "payes", "debite", "debitee", "debitees", "preleve", "prelevee", "prelevees", "passent",
		"passe", "va", "vont", "pagan", "paga", "pagado", "pagada", "pagadas", "pagados", "cargan", "carga", "cargado",
		"cargados", "van", "pagati", "pagate", "pagato", "pagata", "addebitati", "addebitato", "addebitate", "vanno",
		"betaald", "betaalt", "afgeschreven", "gaat", "gaan", "pagas", "pago", "pagos", "cobradas", "cobrado", "cobrados",
		"debitado", "debitadas", "vao", "vai", "premiums", "premium", "contributions", "subscription", "fees",
		"instalments", "installments", "beitrage", "beitrag", "pramie", "pramien", "abo", "cotisations", "cotisation",
		"primes", "abonnement", "cuotas", "cuota", "primas", "suscripcion", "premi", "contributi", "rate",
		"abbonamento", "premies", "bijdragen", "quotas", "prestacoes", "contribuicoes", "assinatura", "mensalidades")
	// otherPay24 set the brand among others: another brand, "or", any
	// card of the brand.
	otherPay24 = set("visa", "amex", "maestro", "paypal", "american", "discover", "jcb", "diners", "girocard", "bizum",
		"ideal", "klarna", "sepa", "or", "oder", "ou", "oppure", "of", "any", "jede", "jeder", "jeden", "importe",
		"cualquier", "qualsiasi", "qualunque", "elke", "qualquer")
	// payModals24 say what can be done: "können", "peuvent", "pueden".
	payModals24 = set("can", "could", "may", "kann", "konnen", "konnte", "peut", "peuvent", "pouvez", "puede", "pueden",
		"puo", "possono", "kan", "kunnen", "kunt", "pode", "podem")
)

// brandPaid24 reports whether t names the card's brand as what her
// payments go on, as above.
func (m *Matcher) brandPaid24(t *text) bool {
	b := m.brand
	if len(b) < 4 {
		return false
	}
	n6 := min(len(b), 255)
	for k := 2; k < len(t.toks); k++ {
		if tk := &t.toks[k]; tk.head6 != b[0] || int(tk.len6) != n6 {
			continue // (the token's fields before its text)
		}
		w := t.tokBytes(k)
		if len(w) != len(b) || w[0] != b[0] || string(w) != b {
			continue
		}
		from, to := t.sentenceOf(k)
		if k-2 < from || t.toks[k].flags&fQuestion != 0 || t.brandOurs(from, to) {
			continue
		}
		art, prep := string(t.tokBytes(k-1)), string(t.tokBytes(k-2))
		if !(brandArticles[art] && payPreps24[prep] || brandDefs32[art] || art == "sulla" || art == "sul") {
			continue // "paid with a Mastercard", "va sulla Mastercard"; not "Mastercard payments"
		}
		a, z := t.clause30(k)
		if t.condBefore(from, k) || t.paidAmong24(from, to) {
			continue
		}
		pay := false
		for j := max(a-6, from); j < min(z+4, to); j++ {
			pay = pay || payWords24[string(t.tokBytes(j))] || moneyWords[string(t.tokBytes(j))]
		}
		if pay {
			return true
		}
	}
	return false
}

// paidAmong24 reports whether the sentence [from, to) sets the brand
// among others or says what the person addressed can do (a "you" and a
// modal).
func (t *text) paidAmong24(from, to int) bool {
	you, modal := false, false
	for j := from; j < to; j++ {
		w := string(t.tokBytes(j))
		if otherPay24[w] {
			return true
		}
		you = you || placeYou[w]
		modal = modal || payModals24[w]
	}
	return you && modal
}

// brandChoice24 reports whether a brand after "a" or "the", the match
// [start, end) of the token view, is one choice among others or any
// card of the brand: another brand or "or" right after it ("pay with a
// Mastercard or a Visa"), "or" before its article, "if" or "any" in the
// 6 tokens before it; not "not a visa, a mastercard".
func brandChoice24(view []byte, start, end int) bool {
	var article []byte
	prevTokens(view, start, 1, func(t []byte) bool { article = t; return true })
	if w := string(article); w != "a" && w != "the" {
		return false // "your Mastercard" stays hers
	}
	return nextTokens(view, end-1, 2, func(t []byte) bool { return otherPay24[string(t)] }) ||
		prevTokens(view, start, 6, func(t []byte) bool { w := string(t); return w == "if" || anyWords[w] }) ||
		prevTokens(view, start, 2, func(t []byte) bool { w := string(t); return w == "or" })
}
