package guard

// Fillers before an answer word that fillerOpens43 did not read (guard49,
// attack48 filler48, filler48b): "Ugh, no, not that number", "Pues no,
// ese no", "Ai, não, esse não", "Hmm, well, yes", and "eh" before a no
// ("Eh no, ese no", "Eh nein, die nicht"): only "eh oui" is the French
// idiom ("Eh oui, c'est la période des soldes"), so "eh" before any other
// answer word is a filler.

// fillers49 are interjections of the seven languages that lead an answer
// without adding to it (normalised).
var fillers49 = set("ugh", "urgh", "pues", "ai", "ay", "uff", "puh", "well", "bueh", "vabbe", "nah")

// ehFiller49 reports whether "eh" or "pues" before the answer word w is
// a filler: any answer but "oui", "si", "yes" (the idioms "eh oui", "eh
// sì", "pues sí, ese mismo es el modelo").
func ehFiller49(w []byte) bool {
	x := string(w)
	return x != "oui" && x != "si" && x != "yes" && x != "ja" && x != "sim"
}
