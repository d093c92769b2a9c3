package guard

// ourplace35.go (a30c): her city said as a place of the business that
// serves her home, or as her own request affirmed. herPlaceSaid
// (herplace.go) lets the business's places pass ("our Berlin depot is
// closed on Sundays") and the requester's words reported ("you asked us
// to send it to Berlin"); two readings take those exemptions back:
//
//   - the business's place named by one of her cities or regions ("our
//     Madrid team", "our Oregon site", "notre dépôt de Madrid", "unser
//     Team in Berlin") in a sentence that ties it to her
//     home: a thing of her home with a possessive ("your street", "your
//     door", "your home", "your city"), nearness said of her ("round the
//     corner from you", "closest to your home", "since you're nearby"),
//     or delivering her things ("will deliver your parcel");
//   - when she offered an address, her request reported and affirmed:
//     "As you asked, we'll send it to Madrid", "You asked us to send it
//     to Berlin, and that's exactly where it's going": a word for asking
//     after "you", one of her places after a preposition of destination,
//     and a sending that will be done or is going on.

// ourPlaceHome are the things of her home a possessive names
// (normalised; "flat" reads "unit").
var ourPlaceHome = set("street", "st", "door", "doorstep", "home", "house", "unit", "city", "town", "area",
	"neighbourhood", "neighborhood", "building", "letterbox", "mailbox", "district", "tur", "haustur", "haus",
	"wohnung", "strasse", "viertel", "stadt", "porte", "rue", "maison", "domicile", "quartier", "ville", "immeuble",
	"puerta", "calle", "casa", "barrio", "ciudad", "piso", "portal", "porta", "via", "quartiere", "citta", "palazzo",
	"deur", "straat", "huis", "buurt", "stad", "woning", "rua", "bairro", "cidade", "predio")

// ourPlaceNear say nearness (normalised).
var ourPlaceNear = set("near", "nearby", "nearest", "closest", "close", "corner", "next", "around", "local", "youre",
	"nahe", "naehe", "umgebung", "ecke", "nachbarschaft", "pres", "proche", "cote", "chez", "coin", "cerca", "cercano",
	"esquina", "vicino", "vicina", "angolo", "dichtbij", "buurt", "hoek", "perto", "proximo", "esquina")

// ourPlaceFrom say where a thing leaves from (normalised).
var ourPlaceFrom = set("from", "aus", "von", "vanuit", "desde", "depuis")

// ourPlaceYouObj are words for "you" after a preposition that
// secondPerson lacks: "perto de si", "in Ihrer Nähe" (normalised).
var ourPlaceYouObj = set("si", "ihrer", "ihnen", "ti")

// ourPlaceYour are the possessives of the person addressed (normalised).
var ourPlaceYour = set("your", "ihre", "ihr", "ihren", "ihrem", "ihrer", "votre", "vos", "su", "sus", "suo", "sua", "uw",
	"seu", "jouw", "dein", "deine", "tuo", "tua", "teu")

// ourPlaceDeliver deliver a thing to her (normalised).
var ourPlaceDeliver = set("deliver", "delivers", "delivering", "drop", "drops", "bring", "brings", "hand", "handles",
	"handle", "knows", "personally", "liefert", "liefern", "bringt", "bringen", "stellt", "zustellen", "kennt", "livre",
	"livrera", "livrer", "apporte", "apportera", "depose", "deposera", "connait", "entrega", "entregara", "entregar",
	"lleva", "llevara", "conoce", "consegna", "consegnera", "consegnare", "porta", "portera", "conosce", "bezorgt",
	"bezorgen", "brengt", "brengen", "kent", "levara", "leva", "conhece")

// ourPlaceServed reports whether a sentence of t names a place of the
// business by one of her cities and ties it to her home (see above).
func (m *Matcher) ourPlaceServed(t *text) bool {
	if len(m.cities) == 0 && len(m.places) == 0 {
		return false
	}
	for i := 1; i < len(t.toks); i++ {
		// the business's own city too: "Our Paris depot will drop it at
		// your door" says she lives by it
		if m.placeAt(t, i) == 0 || t.toks[i].flags&fQuestion != 0 {
			continue
		}
		from, to := t.sentenceOf(i)
		// "our" right before the place ("our Madrid team"), or before a
		// noun and a preposition ("notre dépôt de Madrid", "unser Team in
		// Berlin")
		o := -1
		switch {
		case t.ourAt(i - 1):
			o = i - 1
		case i-3 >= from && t.ourAt(i-3) && countryPreps[string(t.tokBytes(i-1))]:
			o = i - 3
		}
		if o < 0 || t.condBefore(from, i) {
			continue
		}
		if o-1 >= from && ourPlaceFrom[string(t.tokBytes(o-1))] {
			continue // "shipped from our warehouse in Madrid to your door": where it leaves from
		}
		if t.ourPlaceTied(from, to) || t.ourPlaceTied41b(from, to) { // (ourplace41b.go)
			return true
		}
	}
	return false
}

// ourPlaceTied reports whether the sentence [from, to) ties a place to
// her home: a thing of her home with a possessive, nearness said of the
// person addressed, or delivering her things.
func (t *text) ourPlaceTied(from, to int) bool {
	deliver, yours := false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		deliver = deliver || ourPlaceDeliver[w]
		if !secondPerson[w] && !ourPlaceYour[w] && !ourPlaceYouObj[w] && w != "youre" {
			continue
		}
		if k+1 < to && w != "youre" {
			yours = yours || ourPlaceYour[w]
			if x := string(t.tokBytes(k + 1)); ourPlaceHome[x] || k+2 < to && ourPlaceHome[string(t.tokBytes(k+2))] {
				return true // "your street", "your front door"
			}
		}
		// nearness said of her: "from you", "to your home", "you're nearby"
		for j := max(from, k-4); j < min(to, k+5); j++ {
			if j != k && ourPlaceNear[string(t.tokBytes(j))] {
				return true
			}
		}
	}
	return deliver && yours
}

// ourPlaceAsked is the request reported and affirmed (see above), read
// when she offered an address.
func (m *Matcher) ourPlaceAsked(t *text) bool {
	if len(m.cities) == 0 && len(m.places) == 0 {
		return false
	}
	for i := 1; i < len(t.toks); i++ {
		n := m.placeAt(t, i)
		if n == 0 || t.toks[i].flags&fQuestion != 0 || m.publicWords[string(t.tokBytes(i))] {
			continue
		}
		p := i - 1
		if p > 0 && herArticles[string(t.tokBytes(p))] {
			p--
		}
		if !herPreps[string(t.tokBytes(p))] {
			continue
		}
		from, to := t.sentenceOf(i)
		asked, sent, sure := false, false, false
		for k := from; k < to; k++ {
			w := string(t.tokBytes(k))
			if negations[w] || t.toks[k].lex&lxCond != 0 {
				asked = false
				break
			}
			if placeReport[w] && k > from && placeYou[string(t.tokBytes(k-1))] {
				asked = true // "you asked", "as you asked"
			}
			sent = sent || placeSendVerbs[w] || w == "going" || w == "goes" || w == "headed"
			sure = sure || w == "well" || w == "will" || w == "exactly" || w == "indeed" || w == "shall"
		}
		if asked && sent && sure {
			return true
		}
	}
	return false
}
