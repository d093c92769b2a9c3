package guard

// An exemption excuses its own clause, not a confirmation added after it
// (guard38): "He anotado el número sin compararlo con el perfil, y sí, es
// al que enviamos" (notcompared31.go), "Nee, een fout in het nummer
// annuleert het ticket niet, en het uwe klopt toch" (process31.go). The
// value noted without comparing, or the rule about any mismatch, says
// nothing of her value; a clause after it that opens with a yes or a no
// ("and yes, it's the one we text") or says hers matches ("und Ihre
// stimmt ohnehin") answers all the same.

// verdictAfter38 reports whether a clause after token k, in its
// sentence, opens (after a conjunction) with a yes or no word or holds a
// verb of matching.
func (t *text) verdictAfter38(k int) bool {
	_, to := t.sentenceOf(k)
	for j := k; j < to; j++ {
		if verdictVerbs30[string(t.tokBytes(j))] && j > k {
			return true // "and yours matches anyway"
		}
		if t.toks[j].flags&fPunctAfter == 0 || j+1 >= to {
			continue
		}
		c := j + 1
		for c < to && conjunctions38[string(t.tokBytes(c))] && t.toks[c].flags&fPunctAfter == 0 {
			c++
		}
		if w := string(t.tokBytes(min(c, to-1))); c < to && (answerYes[w] || answerNo[w] || bareYes30[w]) && t.toks[c].flags&fPunctAfter != 0 {
			return true // ", y sí, es al que enviamos"
		}
	}
	return false
}

// conjunctions38 join a clause to the one before (normalised).
var conjunctions38 = set("and", "und", "et", "y", "e", "en", "but", "aber", "mais", "pero", "ma", "maar", "mas", "so", "also")

// yoursMatch38 returns RuleConfirmation when a possessive pronoun that
// stands for her value is the subject of a verb of matching right after
// it ("yours matches", "Ihre stimmt ohnehin", "le vôtre correspond", "el
// suyo coincide", "het uwe klopt toch"), RuleDenial when a negation
// follows the verb ("yours doesn't match" reads "doesnt" first and is
// left to the phrase sets), or "".
func (t *text) yoursMatch38() string {
	for k := 0; k+1 < len(t.toks); k++ {
		if n := t.toks[k].end - t.toks[k].off - 1; n < 3 || n > 5 {
			continue // every word of yoursWords38 has 3 to 5 letters
		}
		w := string(t.tokBytes(k))
		if !yoursWords38[w] || t.toks[k].flags&fPunctAfter != 0 {
			continue
		}
		if !yoursBare38[w] && (k == 0 || !yoursArticles38[string(t.tokBytes(k-1))]) {
			continue // "le vôtre", "het uwe", not "votre numéro"
		}
		v := k + 1
		if v+1 < len(t.toks) && yoursFill38[string(t.tokBytes(v))] {
			v++ // "el suyo también coincide"
		}
		if !verdictVerbs30[string(t.tokBytes(v))] || t.toks[v].flags&fQuestion != 0 {
			continue
		}
		if v+1 < len(t.toks) && t.toks[v].flags&fPunctAfter == 0 && negations[string(t.tokBytes(v+1))] {
			return RuleDenial // "Ihre stimmt nicht"
		}
		return RuleConfirmation
	}
	return ""
}

// Words of "yours" as a subject (normalised).
var (
	yoursWords38    = set("yours", "ihre", "ihrer", "ihres", "votre", "suyo", "suya", "suo", "sua", "uwe", "seu")
	yoursBare38     = set("yours", "ihre", "ihrer", "ihres")
	yoursArticles38 = set("le", "la", "el", "il", "o", "a", "het", "de", "die", "der", "das", "lo")
	yoursFill38     = set("also", "too", "auch", "aussi", "tambien", "anche", "ook", "wel", "toch", "tambem", "still", "ja", "doch")
)

// theOneWeUse38 reports whether the clause [rest, to) after a yes says
// the value is the one the business uses: a copula, "the one" (an
// article, "al", "quello") and a relative word, then a verb of using or
// sending with "we" as its subject: "sí, es al que enviamos", "e sim, é o
// que usamos", "ja, es ist die, an die wir simsen", "sì, è quello a cui
// scriviamo".
func (t *text) theOneWeUse38(rest, to int) bool {
	cop := -1
	for k := rest; k < to && k < rest+3; k++ {
		if t.toks[k].lex&lxCopula != 0 {
			cop = k
			break
		}
	}
	if cop < 0 {
		return false
	}
	one := false
	for k := cop + 1; k < to && k <= cop+6; k++ {
		w := string(t.tokBytes(k))
		switch {
		case oneArticles38[w] || theOnes[w] || w == "al" || w == "1" || w == "one":
			one = true
		case relLinks38[w] || w == "cui" || w == "an" || w == "a" || w == "wir" || w == "we" || w == "aan" || w == "which":
		case weUse38[w]:
			return one
		default:
			return false
		}
	}
	return false
}

// weUse38 are verbs of using or sending with "we" as subject (normalised).
var weUse38 = set("enviamos", "usamos", "utilizamos", "mandamos", "escribimos", "simsen", "nutzen", "verwenden",
	"schreiben", "schicken", "scriviamo", "usiamo", "utilizziamo", "inviamo", "mandiamo", "envoyons", "utilisons",
	"ecrivons", "gebruiken", "sturen", "smsen", "sms", "use", "send", "text")
