package guard

// A value of a kind denied to her (g46): a negative determiner before a
// noun of the class told by a country or by its first digits, said of
// the person addressed: "We have no Spanish number of yours", "No
// tenemos ningún número italiano suyo", "Wir haben keine spanische
// Nummer von Ihnen", "we have no number starting 07 for you". After she
// offered such a value it is denied, as "no Seville address on your
// profile" is (noneOnRecord, pointer.go). A number of the business's
// ("no Spanish number for you to call", "our Spanish line") is no
// answer.

// noneYours46 reports whether the value noun i, after a negative
// determiner, is told by a country adjective (before or after it) or by
// a word of starting and digits after it, and a phrase of hers ("of
// yours", "suyo", "von Ihnen", "for you") closes its clause, within
// [from, to).
func (t *text) noneYours46(i, from, to int) bool {
	kind := i > from && countryAdjective46(string(t.tokBytes(i-1)))
	for j := i + 1; j < to && j <= i+6; j++ {
		w := string(t.tokBytes(j))
		switch {
		case ourWords[w] || placeOwners[w]:
			return false // "no Spanish number of ours"
		case countryAdjective46(w) && j <= i+2:
			kind = true
		case startWords46[w] && j+1 < to && t.digitsTok(j+1), startWords46[w] && j+2 < to && t.digitsTok(j+2):
			kind = true // "starting 07", "que empiece por 07"
		case kind && t.yoursAt46(j, to):
			return true
		}
		if t.toks[j].flags&fPunctAfter != 0 {
			return false
		}
	}
	return false
}

// yoursAt46 reports whether a phrase of hers starts at token j and
// closes its clause: "of yours", "suyo", "von Ihnen", "à vous", "van
// u", "seu", "for you", "para usted", "pour vous", "per lei".
func (t *text) yoursAt46(j, to int) bool {
	w := string(t.tokBytes(j))
	end := j
	switch {
	case yoursAlone46[w]:
	case yoursPreps46[w] && j+1 < to && yoursObjects46[string(t.tokBytes(j+1))]:
		end = j + 1
	default:
		return false
	}
	return end+1 == to || t.toks[end].flags&fPunctAfter != 0
}

// countryAdjective46 reports whether w is a country adjective of one of
// the seven countries or the US (countryAdjs, country.go).
func countryAdjective46(w string) bool { return countryAdjSet46[w] }

var (
	countryAdjSet46 = func() map[string]bool {
		m := map[string]bool{}
		for _, l := range countryAdjs {
			for _, a := range l {
				m[a] = true
			}
		}
		return m
	}()
	startWords46   = set("starting", "beginning", "beginnend", "beginnt", "anfangend", "commencant", "commence", "empiece", "empieza", "inizia", "inizi", "begint", "comeca", "comece", "comecado", "comecada", "comecando", "beginnende", "iniziante", "empezando", "commencent")
	yoursAlone46   = set("yours", "suyo", "suya", "suo", "sua", "seu", "vostro", "vostra")
	yoursPreps46   = set("of", "for", "von", "fur", "a", "pour", "de", "para", "per", "van", "voor", "di")
	yoursObjects46 = set("yours", "you", "ihnen", "sie", "vous", "usted", "ustedes", "lei", "voi", "u", "jou", "si", "voce")
)

// sentVerb46 reports whether the shipping word at k is the verb of a
// passive after "se" ("no se envió a Madrid"), not the service ("envío
// a Madrid"): a thing was not sent to the city.
func (t *text) sentVerb46(k, from int) bool {
	return k > from && string(t.tokBytes(k-1)) == "se" && string(t.tokBytes(k)) == "envio"
}

// A city that picks the one held (g46): "Sí, sí, la de Portland es la
// que tenemos", "Ja hoor, dat van Portland hebben we", "celle de Paris
// est celle que nous avons": a pointer and a preposition before a city
// of hers, in a sentence with a verb of the business holding it
// (cityPicked, cityone.go).
var (
	// cityPointers46 add Dutch "dat" to cityPointers: "dat van
	// Portland".
	cityPointers46 = set("dat", "diejenige", "degene", "quella", "aquela", "aquele", "aquella", "aquel")
	// weHave46 say the business holds a thing (normalised).
	weHave46 = set("tenemos", "avons", "haben", "hebben", "temos", "abbiamo", "have", "hold", "heb", "hab", "hebt")
)

// yesSi46 reports whether the "si" at k (Spanish, Italian "yes", French
// and Spanish "if") is an answer: set off by punctuation at the start
// of its sentence or after another answer ("Sí, sí, ...").
func (t *text) yesSi46(k, from int) bool {
	return string(t.tokBytes(k)) == "si" && t.toks[k].flags&fPunctAfter != 0 && (k == from || t.toks[k-1].flags&fPunctAfter != 0)
}
