package guard

// ourplace41b.go (f41b): more ties of the business's place named by her
// city to her home (ourplace35.go ourPlaceTied):
//
//   - her living there said in the sentence: "Since you live in Madrid,
//     our Madrid team brings it over", "Como vive en Madrid, nuestro
//     equipo de Madrid se lo llevará", "Visto che abita a Torino, il
//     nostro team di Torino glielo porta", "Como mora em Lisboa, a nossa
//     equipa de Lisboa leva-lho";
//   - a thing of her home with the possessive after it: "a cinque minuti
//     da casa sua", "perto da casa sua".

// liveVerbs41b are verbs of living somewhere (normalised).
var liveVerbs41b = set("live", "lives", "living", "wohnen", "wohnst", "wohnt", "habitez", "habites", "habite", "vivez",
	"vis", "vit", "vive", "vives", "vivis", "reside", "resides", "residen", "abita", "abiti", "vivi", "woont", "woon",
	"mora", "moras", "moram", "reside")

// homeAfter41b are the possessives that follow a thing of her home
// (normalised).
var homeAfter41b = set("sua", "suo", "seu", "tua", "tuo", "dela", "dele")

// ourPlaceTied41b reports whether the sentence [from, to) ties the
// business's place to her home by the ties above.
func (t *text) ourPlaceTied41b(from, to int) bool {
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if liveVerbs41b[w] && t.liveYou41b(k, from) {
			return true
		}
		if k > from && homeAfter41b[w] && ourPlaceHome[string(t.tokBytes(k-1))] {
			return true
		}
	}
	return false
}

// liveSince41b open a clause of cause whose subject may be left out:
// "Como vive en Madrid", "Visto che abita a Torino" (normalised).
var liveSince41b = set("since", "as", "como", "da", "weil", "comme", "puisque", "porque", "ya", "che", "poiche",
	"siccome", "omdat", "aangezien", "visto", "dado", "pois")

// liveYou41b reports whether the verb of living at token k is said of
// the person addressed: her pronoun, or a clause of cause that leaves
// the subject out, in the three tokens before it.
func (t *text) liveYou41b(k, from int) bool {
	for j := k - 1; j >= from && j >= k-3; j-- {
		x := string(t.tokBytes(j))
		if secondPerson[x] || ageYouObj37[x] {
			return true
		}
		if liveSince41b[x] {
			return j == k-1 || j == k-2 && secondPerson[string(t.tokBytes(k-1))]
		}
	}
	return false
}
