package guard

import "github.com/proofdesk/proofdesk"

// A street of hers told apart from its number (guard13b): the house
// number in one sentence and the street's distinctive words in the next
// ("The number is twelve. The street is the one of la Paix."), or the
// street's words beside a word for street and her address in one
// sentence ("the Spanish address on the big street past the Puerta de
// Alcalá"). A sentence that places the business there, or a street with
// no word of hers, stays out.

// streetParts are an address's distinctive street words and its house
// number.
type streetParts struct {
	core  []string
	house string
}

func streetPartsOf(c *proofdesk.Customer) []streetParts {
	var out []streetParts
	for _, a := range c.Addresses {
		toks := normTokens(a.Line1)
		core := streetCore(toks)
		if len(core) == 0 || tokLen(core) < 4 {
			continue
		}
		house := ""
		for _, w := range toks {
			if isDigit(w[0]) {
				house = w
				break
			}
		}
		out = append(out, streetParts{core, house})
	}
	return out
}

// streetAt reports whether token i (w, a word of the hints' shapes)
// opens a street of hers told apart from its number.
func (m *Matcher) streetAt(t *text, i int, w string) bool {
	for _, sp := range m.streets {
		if w == sp.core[0] && t.wordsAt(i+1, len(t.toks), sp.core[1:]) && t.streetOfHers(i, i+len(sp.core), sp.house) {
			return true
		}
	}
	return false
}

// streetOfHers reports whether the street words at tokens [i, j) stand in
// a sentence with a word for street before them and either her house
// number after a word for it in the sentence before or this one ("The
// number is twelve."), or a word for her address ("the Spanish address
// on the big street past the Puerta de Alcalá").
func (t *text) streetOfHers(i, j int, house string) bool {
	from, to := t.sentenceOf(i)
	street, address := false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if placeOwners[w] || ourWords[w] {
			return false
		}
		if k < i && (streetNouns[w] || t.toks[k].lex&lxStreet != 0 && k < i-1) {
			street = true
		}
		if k < i && addressNouns[w] && k > from && (definites[string(t.tokBytes(k-1))] || secondPerson[string(t.tokBytes(k-1))] ||
			countryAdjectives[string(t.tokBytes(k-1))]) {
			address = true
		}
	}
	if !street {
		return false
	}
	if address {
		return true
	}
	if house == "" {
		return false
	}
	pfrom := from
	if from > 0 {
		pfrom, _ = t.sentenceOf(from - 1)
	}
	for k := pfrom; k < from; k++ {
		if w := string(t.tokBytes(k)); placeOwners[w] || ourWords[w] {
			return false // "Our shop is at number 12."
		}
	}
	for k := pfrom; k < to; k++ {
		if string(t.tokBytes(k)) != house || k == pfrom {
			continue
		}
		for b := max(pfrom, k-3); b < k; b++ {
			if w := string(t.tokBytes(b)); streetHouseWords[w] {
				return true
			}
		}
	}
	return false
}

// streetHouseWords name a house number (normalised).
var streetHouseWords = set("number", "numero", "nummer", "hausnummer", "huisnummer", "civico", "no", "nr", "n")
