package guard

import "github.com/proofdesk/proofdesk"

// formal.go holds guard16's rules: answers said in a formal or
// idiomatic register in the six languages other than English (set 16's
// kinds), each closed by its mechanism rather than by its words.

// brandIsHers reports whether a card brand, the match [start, end) of
// the token view, is said of the customer's card by a copula: a subject
// pronoun, a copula and an indefinite article before it ("Es ist eine
// Mastercard", "C'est une Mastercard", "Es una Mastercard", "È una
// Mastercard", "Het is een Mastercard", "É um Mastercard"), with nothing
// after it that makes it another thing ("eine Mastercard-Aktion") or a
// relative clause asking about it ("C'est une Mastercard qui est
// demandée ?").
func brandIsHers(view []byte, start, end int) bool {
	var prev [3]string
	n := 0
	prevTokens(view, start, 3, func(t []byte) bool {
		prev[n] = string(t)
		n++
		return false
	})
	if n < 2 || !brandIndefinites[prev[0]] || !brandCopulas[prev[1]] && prev[1] != "sind" {
		return false
	}
	// "Es ist", "Het is", "C'est" ("cest"), "Es una", "È una": a subject
	// pronoun before the copula, or the copula opening the clause
	if n == 3 && !brandSubjects[prev[2]] && !(prev[1] == "cest" || prev[1] == "es" || prev[1] == "e") {
		return false
	}
	return !nextTokens(view, end-1, 1, func(t []byte) bool {
		w := string(t)
		return otherWord(w) || brandThings[w] || relPronouns[w] || w == "qui" || w == "cual" || w == "qual"
	})
}

// Words before a brand said of her card (normalised).
var (
	brandIndefinites = set("eine", "ein", "une", "un", "una", "een", "um", "uma")
	brandSubjects    = set("es", "sie", "das", "het", "dat", "die", "ce", "c", "ca", "cela", "esta", "esa", "ella", "lei",
		"essa", "ela", "it", "hers", "yours", "ihre", "la", "a", "sua")
)

// brandLogo adds the card brand described by its logo rather than named
// ("the one with the two circles, red and yellow", "celle aux deux
// cercles", "die mit den zwei Kreisen", "la de los dos círculos"): a
// description only one brand fits names it as well as its name does.
func (b *builder) brandLogo(brand string, level proofdesk.Level) {
	for _, d := range brandLogos[brand] {
		b.addText(d, pattern{class: proofdesk.ClassPayment, part: PartCardBrand, level: level})
	}
}

// brandLogos describe the brands' logos in the seven languages.
var brandLogos = map[string][]string{
	"mastercard": {"two circles", "two interlocking circles", "two overlapping circles", "red and yellow circles",
		"red and orange circles", "zwei Kreise", "zwei Kreisen", "rot-gelben Kreise", "rot-gelben Kreisen",
		"deux cercles", "deux ronds", "cercles rouge et jaune", "dos círculos", "círculos rojo y amarillo",
		"due cerchi", "cerchi rosso e giallo", "twee cirkels", "twee rondjes", "rode en gele cirkels",
		"dois círculos", "círculos vermelho e amarelo", "duas bolas"},
}

// answerFillers open a spoken answer before its yes or no (normalised):
// "Pues sí, …", "Ben oui, …", "Eh già, …", "Pois é, …", "Nou ja, …",
// "Tja, nein, …" (answerOpening). They do not make a yes open its
// sentence for confirmation: "Eh oui, c'est bien la période des soldes".
var answerFillers = set("pues", "bueno", "vaya", "hombre", "ben", "bah", "beh", "eh", "ah", "bon", "alors", "ma",
	"mais", "allora", "dunque", "pois", "olhe", "olha", "bem", "nou", "tja", "na", "also", "ach", "naja", "well", "oh",
	"mmh", "hm", "hmm", "och", "gia", "claro", "natuurlijk", "naturlich", "natural")
