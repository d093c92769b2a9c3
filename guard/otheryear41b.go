package guard

// otheryear41b.go (f41b): two more gates of birthDateHers
// (otheryear37.go), for another person's date with her day and month.
//
//   - a likeness or a togetherness with the person addressed ties the
//     date to her as sameness does: "celebrates that day, and so do
//     you", "genau wie Sie", "tout comme vous", "igual que usted",
//     "proprio come lei", "tal como a senhora", "together with yours",
//     "zusammen mit Ihnen", "avec vous", "con usted", "insieme a lei",
//     "samen met u", "consigo", "when you do", and a birthday twin
//     ("your birthday twin", "su gemelo de cumpleaños");
//   - a birthday or a celebration owned by the business or a thing is
//     no tie of the date to her: "Die Geburtstagsfeier unseres Hotels
//     ist am 3. November 2026", "L'hôtel fête ses 10 ans le 3 novembre
//     2026", "La fête d'anniversaire de l'hôtel", "Onze verjaardagsactie
//     begint op 3 november 2026".

// likeWords41b say "like", "as", "with", "together with" before the
// person addressed (normalised; "a" and "o" of "a senhora" skipped).
var likeWords41b = set("like", "as", "with", "wie", "mit", "comme", "avec", "como", "con", "come", "insieme", "zoals",
	"met", "com", "when", "wann", "quand", "cuando", "quando", "wanneer", "toen", "tegelijk", "samen", "zusammen", "igual",
	"tal", "quanto")

// likeYouAlone41b are the person addressed after "with" in one word
// ("consigo", "contigo", "convosco").
var likeYouAlone41b = set("consigo", "contigo", "convosco")

// dayWords41b name a day (normalised).
var dayWords41b = set("day", "tag", "jour", "dia", "giorno", "dag")

// themWords41b are the others after "with" ("with them", "avec eux")
// (normalised).
var themWords41b = set("them", "eux", "elles", "ellos", "ellas", "loro", "hen", "hun", "eles", "elas")

// twinWords41b make a birthday twin (normalised).
var twinWords41b = set("twin", "twins", "zwilling", "jumeau", "jumelle", "gemelo", "gemela", "gemello", "gemella",
	"tweeling", "gemeo", "gemea")

// likeYou41b reports whether token k is a likeness or togetherness word
// before the person addressed ("like you", "mit Ihnen", "como a
// senhora", "consigo"), or "so do you", or a twin word.
func (t *text) likeYou41b(k, to int) bool {
	w := string(t.tokBytes(k))
	if likeYouAlone41b[w] || twinWords41b[w] {
		return true
	}
	if dayWords41b[w] {
		// "am Tag Ihres Geburtstags", "the day of your birthday"
		for j := k + 1; j+1 < to && j <= k+3; j++ {
			if x := string(t.tokBytes(j)); (secondPerson[x] || x == "ihres") && birthStem(string(t.tokBytes(j+1))) {
				return true
			}
		}
		return false
	}
	if !likeWords41b[w] && w != "so" {
		return false
	}
	j := k + 1
	if w == "so" && j < to && ageSoVerbs39[string(t.tokBytes(j))] {
		j++ // "and so do you"
	} else if w == "so" {
		return false
	}
	for s := 0; s < 2 && j < to; s++ {
		x := string(t.tokBytes(j))
		if ageYouObj37[x] || x == "yours" || x == "ihnen" || x == "ihrem" {
			return true
		}
		if themWords41b[x] && w != "as" && w != "like" {
			return true // "you celebrate with them": the person addressed is in the sentence (birthDateHers)
		}
		if x != "a" && x != "o" && x != "with" && x != "mit" && x != "met" && x != "que" && x != "as" {
			return false
		}
		j++
	}
	return false
}

// birthThing41b reports whether a word of birth or celebration in the
// sentence [from, to) is owned by the business or a thing: an our-word,
// a thing or the business before it (three tokens, no person addressed
// between), or "of the hotel" after it.
func (t *text) birthThing41b(from, to int) bool {
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if !(birthWords[w] || birthTied[w] || celebrateWords[w] && !frenchNe[w] || birthStem(w)) {
			continue
		}
		for j := k - 1; j >= from && j >= k-3; j-- {
			x := string(t.tokBytes(j))
			if secondPerson[x] && !thingPoss39[x] && x != "vos" {
				break
			}
			if ourWords[x] || x == "unseres" || ageThings[x] || businessWords[x] || t.rawIs41b(j, ourWords) {
				return true
			}
		}
		if k+1 < to && (ourWords[string(t.tokBytes(k+1))] || string(t.tokBytes(k+1)) == "unseres") {
			return true // "Die Geburtstagsfeier unseres Hotels"
		}
		if k+2 < to && ofWords[string(t.tokBytes(k+1))] {
			n := k + 2
			if definites[string(t.tokBytes(n))] && n+1 < to {
				n++
			}
			if x := string(t.tokBytes(n)); ageThings[x] || businessWords[x] || ourWords[x] || x == "unseres" {
				return true
			}
		}
	}
	return false
}

// rawIs41b reports whether the raw word that became token k is in ws
// ("Onze", which the token view reads 11).
func (t *text) rawIs41b(k int, ws map[string]bool) bool {
	for r := range t.raw {
		if int(t.raw[r].tok) == k {
			return ws[string(t.rawBuf[t.raw[r].start:t.raw[r].end])]
		}
	}
	return false
}
