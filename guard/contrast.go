package guard

import "github.com/proofdesk/proofdesk"

// contrast.go (guard20): a value said while it is set against another
// is still said. "The replacement card will have a new number,
// different from the 7158 of the current Mastercard", "distinto del 7158
// actual", "anders dan 7158": the last 4 digits of her card (or phone)
// after a word of contrast ("different from", "unlike", "instead of",
// "not the") in a sentence that names the card (the phone) or a number
// no other thing owns. Digits that are not hers, and a contrast with no
// digits ("different from the current one") pass.

// valueContrasted returns the class of the card or phone whose last 4
// digits t says after a word of contrast, or "".
func (m *Matcher) valueContrasted(t *text) string {
	for _, i32 := range t.numToks {
		i := int(i32)
		w := t.tokBytes(i)
		if len(w) != 4 || t.toks[i].shape&tsDigits == 0 {
			continue
		}
		class := ""
		for _, e := range m.parts.ends {
			if len(e.digits) == 4 && e.digits == string(w) {
				class = e.class
				break
			}
		}
		if class == "" {
			continue
		}
		from, to := t.sentenceOf(i)
		contrast := false
		for k := i - 1; k >= from && k >= i-4; k-- {
			s := string(t.tokBytes(k))
			if contrastWords[s] || negations[s] && k == i-1 || negations[s] && k == i-2 && definites[string(t.tokBytes(k+1))] {
				contrast = true
				break
			}
			if !contrastLinks[s] && !definites[s] && !contrastWords[s] && !numberWords[s] {
				break
			}
		}
		if !contrast {
			continue
		}
		own := cardWords
		if class != proofdesk.ClassPayment {
			own = phoneWords
		}
		named, number, owner := false, false, false
		for k := from; k < to; k++ {
			s := string(t.tokBytes(k))
			named = named || own[s] || class == proofdesk.ClassPayment && (t.toks[k].lex&lxCard != 0 || s == m.brand) || class != proofdesk.ClassPayment && t.toks[k].lex&lxPhone != 0
			number = number || numberWords[s]
			owner = owner || k != i && isOwner(s)
		}
		if named || number && !owner {
			return class
		}
	}
	return ""
}

// Words of contrast (normalised); contrastLinks may stand between one
// and the digits ("different from the", "au lieu du").
var (
	contrastWords = set("different", "differs", "differ", "unlike", "instead", "rather", "replacing", "replaces",
		"anders", "statt", "anstatt", "anstelle", "ersetzt", "autre", "differente", "differentes", "contrairement", "lieu",
		"plutot", "remplace", "distinto", "distinta", "diferente", "diferentes", "contrario", "lugar", "sustituye",
		"diverso", "diversa", "invece", "anziche", "sostituisce", "dan", "andere", "tegenstelling", "plaats",
		"vervangt", "vez", "substitui")
	contrastLinks = set("from", "to", "of", "than", "von", "als", "zur", "zum", "de", "du", "des", "del", "dal", "dalla",
		"da", "do", "al", "della", "dello", "delle", "alla", "dos", "das", "ao", "van", "que", "der", "die", "das", "dem", "den", "current", "old", "actual", "actuelle",
		"actuel", "attuale", "huidige", "atual", "alten", "alte", "ancienne", "antigua", "vecchia", "oude", "antigo")
)
