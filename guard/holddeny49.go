package guard

// holdMore49 are verbs of holding that holdDenial43 did not read (guard49,
// attack48 holddeny48): "We don't hold that number", "We haven't got that
// number", "Diese Nummer führen wir nicht", "Quel numero non compare da
// noi", "Dat nummer staat niet bij ons". With a negation and the business
// in the clause of a demonstrative value noun, they deny it as "we don't
// have" does. But for the English ones they must end their clause at
// most three words on ("führen wir nicht", "staat niet bij ons"): "Diese
// Nummer führen wir nicht mehr im Sortiment" is about stock.
var (
	holdMore49    = set("hold", "holds", "got", "fuhren", "fuhrt", "staat", "staan", "figura", "figure")
	englishHold49 = set("hold", "holds", "got")
)
