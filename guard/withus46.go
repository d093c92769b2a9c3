package guard

// "Your X with us" (g46): after a noun of the offered class, "with us"
// ("chez nous", "da noi", "bei uns", "con nosotros", "bij ons",
// "connosco") says where the value is held, the record, not a thing of
// the business's own: "Tout à fait, c'est votre portable chez nous",
// "Corretto, quello è il suo cellulare da noi" name her value on file
// (fieldIs23v, offerverdict23v.go), as "that's your mobile with us" does.

// withUs46 reports whether tokens from j on, before to, say "with us":
// a preposition of keeping ("with", "chez", "da", "bei", "con", "bij")
// then a pronoun of the business ("us", "nous", "noi", "uns",
// "nosotros", "ons"), or the fused "connosco"; and the sentence ends
// there or after a comma.
func (t *text) withUs46(j, to int) bool {
	if j >= to {
		return false
	}
	w := string(t.tokBytes(j))
	n := 1
	if w != "connosco" && w != "conosco" {
		if j+1 >= to || !withPreps46[w] || !usWords46[string(t.tokBytes(j+1))] {
			return false
		}
		n = 2
	}
	return j+n == to || t.toks[j+n-1].flags&fPunctAfter != 0
}

var (
	withPreps46 = set("with", "chez", "da", "bei", "con", "bij", "presso", "aupres")
	usWords46   = set("us", "nous", "noi", "uns", "nosotros", "ons", "nos")
)

// toutAFait46 reports whether token j is the "à" of "tout à fait"
// ("quite so"), no verb "a" of having to.
func (t *text) toutAFait46(j int) bool {
	return j > 0 && j+1 < len(t.toks) && string(t.tokBytes(j)) == "a" && string(t.tokBytes(j-1)) == "tout" && string(t.tokBytes(j+1)) == "fait"
}
