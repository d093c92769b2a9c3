package guard

// storePolicy reports whether tokens [from, to), the rest of a yes- or
// no-word's sentence, say what the business keeps or stores ("No, we
// never keep the full card number", "No, nunca guardamos el número
// completo de la tarjeta", "Não, nunca armazenamos o cartão"): a policy,
// not a verdict on the value offered. A verb of keeping counts in the
// first person plural, or after "we" within 3 words, and negated: "the
// number we keep" points at the record, and so does "that's not the
// number we keep" (the negation 2 words before the verb at most, or
// just after it: "wir speichern nie", "we bewaren nooit").
func (t *text) storePolicy(from, to int) bool {
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		verb := storeWeVerbs[w]
		if storeVerbs[w] {
			for j := max(from, k-3); j < k; j++ {
				verb = verb || weWords[string(t.tokBytes(j))]
			}
		}
		if !verb {
			continue
		}
		for j := max(from, k-2); j < to && j <= k+1; j++ {
			if j != k && storeNegations[string(t.tokBytes(j))] && (j > k || t.toks[j].flags&fPunctAfter == 0) {
				return true
			}
		}
	}
	return false
}

// storeNegations negate a verb of keeping: "never", "nunca", "nooit".
var storeNegations = set("never", "not", "dont", "nunca", "jamais", "nie", "niemals", "nooit", "mai", "nao", "no",
	"non", "nicht", "niet", "pas", "kein", "keine", "geen", "nada", "rien", "nulla", "nothing", "nichts", "niets")

// storeWeVerbs say "we keep" or "we store" in one word (es, pt, it, fr).
var storeWeVerbs = set("guardamos", "almacenamos", "conservamos", "archivamos", "registramos", "armazenamos",
	"registamos", "gravamos", "conserviamo", "memorizziamo", "salviamo", "archiviamo", "teniamo", "conservons",
	"stockons", "gardons", "enregistrons", "archivons", "memorisons")

// storeVerbs say "keep" or "store" after "we" (en, de, nl, fr).
var storeVerbs = set("keep", "store", "save", "retain", "kept", "stored", "saved", "speichern", "bewahren",
	"behalten", "aufbewahren", "bewaren", "opslaan", "slaan", "houden", "bewaard", "opgeslagen", "gespeichert",
	"conservons", "stockons", "gardons", "enregistrons")
