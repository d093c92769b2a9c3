package guard

// The one acted on (guard13a): a pointer at the offered value with a
// relative clause that charges, sends or uses it answers which one it
// was: "è quella che è stata addebitata", "fue esa la que se cargó",
// "c'est celle qui a été débitée", "that's the one we charged".

// pointerActed reports whether token k, a pointer pronoun, leads a
// relative pronoun within 2 tokens and a verb of charging, sending or
// using within 4 tokens after that, in [k, to).
func (t *text) pointerActed(k, to int) bool {
	w := string(t.tokBytes(k))
	if !actedPointers[w] && !(w == "1" && k > 0 && pointerArticles[string(t.tokBytes(k-1))]) {
		return false
	}
	for r := k + 1; r < to && r <= k+2; r++ {
		if !relPronouns[string(t.tokBytes(r))] && !actedRelatives[string(t.tokBytes(r))] {
			continue
		}
		for v := r + 1; v < to && v <= r+4; v++ {
			x := string(t.tokBytes(v))
			if chargeVerbs[x] || actVerbs[x] || sendVerbs[x] && !goOnly[x] || actedForms[x] {
				return true
			}
		}
		return false
	}
	return false
}

// Words of the one acted on (normalised).
var (
	actedPointers  = set("esa", "ese", "quella", "quello", "celle", "celui", "die", "deze", "essa", "esse", "aquella", "aquela")
	actedRelatives = set("qui", "we", "wir", "nous", "on", "la", "el", "lo", "o", "a")
	// goOnly are sendVerbs that say where a thing goes, not that it was
	// sent ("the one that goes on sale").
	goOnly     = set("go", "goes", "going", "geht", "gehen", "vont", "vanno", "gaan", "gaat", "vao", "vai")
	actedForms = set("cargo", "cargada", "cargado", "addebitata", "addebitato", "debitee", "debite", "belastet", "cobrado",
		"cobrada", "charged", "billed", "afgeschreven", "usada", "usata", "utilisee", "gebruikt", "verwendet", "benutzt")
)

// stillPointer reports whether tokens [from, to), the rest of a yes, are
// only a word for "still" and a pointer: "Ja, immer noch die", "Ja, nog
// steeds dat", "Oui, toujours celui-là": the value is still the one held.
func (t *text) stillPointer(from, to int) bool {
	still, ptr := false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		switch {
		case stillWords[w]:
			still = true
		case still && (actDemos[w] || demonstratives[w] || w == "1" || w == "ci" || w == "la" || w == "dezelfde" || w == "dieselbe"):
			ptr = true
		default:
			return false
		}
	}
	return still && ptr
}

// stillWords say "still" (normalised).
var stillWords = set("still", "immer", "noch", "nog", "steeds", "altijd", "toujours", "sigue", "siendo", "ancora",
	"sempre", "ainda", "e", "is", "es", "ist", "c", "est")

// theOneWeHold reports whether token k opens "the one we have" in a
// language that says it with an article and a relative ("la que
// tenemos", "a que temos", "el que consta"): a pointer at the value held.
func (t *text) theOneWeHold(k, to int) bool {
	if k+2 >= to || !holdArticles[string(t.tokBytes(k))] || !relPronouns[string(t.tokBytes(k+1))] {
		return false
	}
	for j := k + 2; j < to && j <= k+3; j++ {
		if holdVerbs[string(t.tokBytes(j))] {
			return !t.otherAhead(j+1, to) && !t.placeOwned(j+1, to) // not "la que tenemos en la tienda"
		}
	}
	return false
}

// Words of the one held (normalised).
var (
	holdArticles = set("la", "el", "lo", "a", "o")
	holdVerbs    = set("tenemos", "temos", "tengo", "tenho", "consta", "figura", "registramos", "guardamos", "aparece")
)

// placeOwned reports whether tokens [from, to) name a place of the
// business's ("en la tienda", "no armazém").
func (t *text) placeOwned(from, to int) bool {
	for k := from; k < to; k++ {
		if placeOwners[string(t.tokBytes(k))] || teamWords[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}
