package guard

// ourplace35.go (a30c): her city said as a place of the business that
// serves her home, or as her own request affirmed. herPlaceSaid
// (herplace.go) lets the business's places pass ("our Berlin depot is
// closed on Sundays") and the requester's words reported ("you asked us
// to send it to Berlin"); two readings take those exemptions back:
//
//   - the business's place named by one of her cities or regions ("our
//     Madrid team", "our Oregon site") in a sentence that ties it to her
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
	"neighbourhood", "neighborhood", "building", "letterbox", "mailbox", "address", "district")

// ourPlaceNear say nearness (normalised).
var ourPlaceNear = set("near", "nearby", "nearest", "closest", "close", "corner", "next", "around", "local", "youre")

// ourPlaceDeliver deliver a thing to her (normalised).
var ourPlaceDeliver = set("deliver", "delivers", "delivering", "drop", "drops", "bring", "brings", "hand", "handles",
	"handle", "knows", "personally")

// ourPlaceServed reports whether a sentence of t names a place of the
// business by one of her cities and ties it to her home (see above).
func (m *Matcher) ourPlaceServed(t *text) bool {
	if len(m.cities) == 0 && len(m.places) == 0 {
		return false
	}
	for i := 1; i < len(t.toks); i++ {
		if string(t.tokBytes(i-1)) != "our" {
			continue
		}
		// the business's own city too: "Our Paris depot will drop it at
		// your door" says she lives by it
		if m.placeAt(t, i) == 0 || t.toks[i].flags&fQuestion != 0 {
			continue
		}
		from, to := t.sentenceOf(i)
		if t.condBefore(from, i) {
			continue
		}
		if t.ourPlaceTied(from, to) {
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
		if !secondPerson[w] && w != "youre" {
			continue
		}
		if k+1 < to && w != "youre" {
			yours = yours || w == "your"
			if x := string(t.tokBytes(k + 1)); ourPlaceHome[x] || k+2 < to && ourPlaceHome[string(t.tokBytes(k+2))] {
				return true // "your street", "your front door"
			}
		}
		// nearness said of her: "from you", "to your home", "you're nearby"
		for j := max(from, k-4); j < min(to, k+3); j++ {
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
