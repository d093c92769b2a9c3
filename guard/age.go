package guard

import (
	"strconv"
	"time"
)

// The year of birth said as an age or a decade (guard18): "she turns 46
// this year", "sie wird dieses Jahr 46", "elle a 46 ans", "cumple 46",
// "ze wordt 46", "faz 46 anos" give the year of birth by subtraction
// from the year the check runs (Options.Now); "born in the late 70s", "a
// late-seventies birth year", "Ende der 70er geboren" give its decade and
// the part of it. An age is read within one year either way: whether the
// birthday has passed is not said.

// ageSaid reports whether t says the age of the person addressed or
// spoken of as one that the year of birth by (on file) gives in year, or
// the decade of birth as by's.
func (t *text) ageSaid(by int, now func() time.Time) bool {
	year := 0 // read from the clock at the first number that may be an age
	if t.cls&(clDigit|clAgeDecade) == 0 {
		return false
	}
	for _, i32 := range t.tokensOf(clDigit | clAgeDecade) {
		i := int(i32)
		if t.toks[i].cls&(clDigit|clAgeDecade) == 0 {
			continue // no number and no decade word
		}
		w := t.tokBytes(i)
		n := len(w)
		if isDigit(w[0]) {
			if n <= 3 && allDigits(w) {
				a, _ := strconv.Atoi(string(w))
				if a < 10 || a > 120 {
					continue
				}
				if year == 0 {
					year = now().Year()
				}
				if abs(year-a-by) <= 1 && t.ageAt(i) {
					return true
				}
			}
			if (n == 2 || n == 4) && allDigits(w) && t.yearFromAt(i, by) {
				return true // "Ze is van '79", "Sie ist Jahrgang 79" (agerel.go)
			}
			if d, ok := decadeNumber(w); ok && d == by/10%10 && t.decadeAt(i, by%10, false) {
				return true
			}
			continue
		}
		// every decade word has 7 letters or more and ends in "ies", "r"
		// or "n": a cheap test before the look-up
		if n < 7 || !(w[n-1] == 's' && w[n-2] == 'e' || w[n-1] == 'r' || w[n-1] == 'n') {
			continue
		}
		if d, ok := ageDecadeWords[string(w)]; ok && d == by/10%10 && t.decadeAt(i, by%10, true) {
			return true
		}
	}
	return false
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// ageAt reports whether the number at token i is said as an age: after a
// verb of turning ("turns 46", "wird 46", "cumple 46") or a word for age
// ("aged 46", "Alter: 46"), before "years old" ("46 years old", "46
// Jahre alt"), or after a verb of being or having whose subject is a
// person and before a word for years or the sentence's end ("she's 46",
// "elle a 46 ans", "ze is 46", "tem 46 anos"); not in a question.
func (t *text) ageAt(i int) bool {
	if t.toks[i].flags&fQuestion != 0 {
		return false // "She's 46? I can't confirm anything about her age": the requester's words asked back
	}
	from, to := t.sentenceOf(i)
	word := func(k int) string {
		if k < from || k >= to {
			return ""
		}
		return string(t.tokBytes(k))
	}
	prev, next := word(i-1), word(i+1)
	b := i - 2 // the word before prev
	if ageAdverbs[prev] {
		prev, b = word(i-2), i-3 // "elle a bien 46 ans", "tiene ya 46", "ze is inmiddels 46" (agerel.go)
	}
	for k := from; k < to; k++ {
		if w := string(t.tokBytes(k)); ourWords[w] && t.businessAt(k, to) || k < i && (k >= i-4 || k <= from+1) && ageThings[w] {
			return false // "our company turns 47 this year", "la tienda cumple 47 años", "The Boeing on this route is 46" (agething37.go)
		}
	}
	if agoWords[word(i+2)] || prev == "a" && word(i-2) == "y" || ageYears[next] && ageOfWords[word(i+2)] && !ageOfSource(word(i+3)) {
		return false // "46 years ago", "il y a 46 ans", "46 ans d'existence" (agerel.go)
	}
	if ageNouns[prev] || ageAtWords[prev] && ageHaveVerbs[next] && personSubjects[word(i+2)] || ageFromWords[prev] && ageNouns[word(i-2)] {
		return true // "Mit 46 ist sie ...", "at the age of 46"
	}
	if (isRecordWord(prev) || accountWords[prev] || recordPlaces[prev]) && sourceWords[word(i-2)] && (next == "" || t.toks[i].flags&fPunctAfter != 0) {
		for k := from; k < i-2; k++ {
			if w := string(t.tokBytes(k)); personSubjects[w] || agePersonNouns[w] {
				return true // "Der Kunde ist laut Akte 46"
			}
		}
	}
	years := ageYears[next]
	if t.ageAtPrep(i, from, to) {
		return true // "At 46 you're over the limit", "Mit 46 Jahren sind Sie ...", "A los 46 años ya ..." (agerel.go)
	}
	if years && ageOldWords[word(i+2)] {
		return true // "46 years old", "46 Jahre alt", "46 jaar oud"
	}
	// "is 46 according to our records", "is 46, per the file"
	closes := next == "" || t.toks[i].flags&fPunctAfter != 0 || ageThisWords[next] || years || sourceWords[next] || next == "per"
	if turnVerbs[prev] && closes {
		return true // "turns 46 this year", "sie wird dieses Jahr 46" (below), "cumple 46 años"
	}
	if ageThisWords[word(i-3)] && yearWords[word(i-2)] && turnVerbs[word(i-4)] || ageThisWords[word(i-2)] && yearWords[word(i-1)] && turnVerbs[word(i-3)] {
		return true // "sie wird dieses Jahr 46", "ze wordt dit jaar 46"
	}
	if !closes {
		return false
	}
	if beShort[prev] || personSubjects[prev] && ageHaveVerbs[word(b)] {
		return true // "she's 46", "he's 47", "volgens ons systeem is ze 46"
	}
	if ageHaveVerbs[prev] && (years || personSubjects[word(b)] || agePersonNouns[word(b)]) {
		return true // "elle a 46 ans", "tiene 46 años", "she is 46", "the customer is 46"
	}
	if agePersonNouns[prev] && (years || t.toks[i].flags&fPunctAfter != 0 || next == "") {
		return true // "is de rekeninghouder 46 jaar"
	}
	return false
}

// decadeNumber reads a decade written in digits: "70s", "1970s" (the
// token view keeps the s), "70" or "1970" (the reader drops "er"); it
// returns its tens digit.
func decadeNumber(w []byte) (int, bool) {
	if n := len(w); n > 0 && w[n-1] == 's' {
		w = w[:n-1]
	}
	switch {
	case len(w) == 2 && w[1] == '0' && allDigits(w):
		return int(w[0] - '0'), true
	case len(w) == 4 && w[0] == '1' && w[1] == '9' && w[3] == '0' && allDigits(w):
		return int(w[2] - '0'), true
	}
	return 0, false
}

// decadeAt reports whether the decade at token i is said as the decade
// the person was born in, and in the part of it that the last digit of
// the year of birth is in when a part is said ("late 70s" for 1977-79,
// "early" for 1970-73, "mid" for 1973-76): a word for birth in its
// sentence. A decade in digits needs a word for decade or years, a part
// or an s after it ("70s", "années 70", "anni 70"), not a bare 70.
func (t *text) decadeAt(i, last int, word bool) bool {
	from, to := t.sentenceOf(i)
	w := t.tokBytes(i)
	part, lead := -1, w[len(w)-1] == 's' || word
	for k := max(from, i-3); k < i; k++ {
		s := string(t.tokBytes(k))
		if p, ok := decadeParts[s]; ok {
			part = p
		}
		lead = lead || ageDecadeLeads[s]
	}
	if !lead && part < 0 {
		return false
	}
	switch part {
	case 0:
		if last > 3 {
			return false
		}
	case 1:
		if last < 3 || last > 6 {
			return false
		}
	case 2:
		if last < 6 {
			return false
		}
	}
	for k := from; k < to; k++ {
		if s := string(t.tokBytes(k)); bornWords[s] || birthNouns[s] {
			return true
		}
	}
	return false
}

// Words of ages and decades (normalised).
var (
	// turnVerbs say a person turns an age.
	turnVerbs = set("turns", "turned", "turning", "turn", "wird", "wurde", "aura", "fete", "cumple", "cumplira",
		"cumplio", "compie", "compira", "compiuto", "wordt", "werd", "faz", "fara", "fez", "completa", "completou")
	// ageNouns name an age before it.
	ageNouns = set("age", "aged", "alter", "edad", "eta", "leeftijd", "idade")
	// ageYears are the words for years after an age; ageOldWords "old".
	ageYears = set("years", "year", "yrs", "yo", "jahre", "jahren", "ans", "an", "anos", "ano", "anni", "anno", "jaar",
		"jahrige", "jahriger", "jahrigen", "jarige")
	ageOldWords = set("old", "alt", "oud")
	// ageThings are the businesses and things that have ages too, as the
	// subject before one: "la tienda cumple 47 años", "il negozio ha 47
	// anni".
	ageThings = union(ageAircraft37, set("company", "store", "shop", "brand", "business", "firm", "unternehmen", "firma", "laden", "geschaft",
		"marke", "entreprise", "societe", "magasin", "boutique", "marque", "maison", "empresa", "tienda", "marca",
		"compania", "azienda", "negozio", "ditta", "bedrijf", "winkel", "merk", "zaak", "loja", "companhia",
		"product", "produkt", "produit", "producto", "prodotto", "produto", "model", "modell", "modele", "modelo",
		"modello", "hotel", "hotels", "albergo", "airline", "aircraft", "plane", "flugzeug", "avion", "aereo",
		"vliegtuig", "aviao", "aerolinea", "fluggesellschaft", "luchtvaartmaatschappij", "building", "gebaude",
		"immeuble", "edificio", "gebouw", "predio", "ship", "schiff", "navire", "barco", "nave", "schip", "navio",
		"airport", "flughafen", "aeroport", "aeropuerto", "aeroporto", "luchthaven", "lounge", "fleet", "flotte",
		"flota", "flotta", "vloot", "frota")) // planes: agething37.go
	// agoWords put years in the past after them: "46 years ago".
	agoWords = set("ago", "fa", "geleden", "atras")
	// ageThisWords say "this (year)" after an age.
	ageThisWords = set("this", "dieses", "diesem", "cette", "este", "questanno", "quest", "dit", "deze")
	// beShort are a person's "is" joined to the pronoun ("she's 46").
	beShort = set("shes", "hes", "youre")
	// ageHaveVerbs say a person is or has an age; personSubjects are the
	// pronouns that make the sentence about a person.
	ageHaveVerbs   = set("is", "ist", "a", "tiene", "ha", "tem", "are", "bent", "est", "e", "es")
	personSubjects = set("she", "he", "you", "sie", "er", "elle", "il", "ella", "el", "lei", "lui", "ze", "zij", "hij", "vous",
		"u", "ela", "ele", "voce")
	// ageDecadeWords are decades in words, by their tens digit.
	ageDecadeWords = map[string]int{"seventies": 7, "sixties": 6, "eighties": 8, "nineties": 9, "fifties": 5,
		"siebziger": 7, "siebzigern": 7, "sechziger": 6, "sechzigern": 6, "achtziger": 8, "achtzigern": 8,
		"neunziger": 9, "neunzigern": 9, "funfziger": 5, "funfzigern": 5}
	// ageDecadeLeads come before a decade in digits: "années 70", "anni 70",
	// "jaren 70", "anos 70", "década de 70", "los 70", "der 70er".
	ageDecadeLeads = set("annees", "anos", "anni", "jaren", "decada", "decade", "decennio", "decennium", "los", "degli",
		"der", "den", "dos", "2", "the")
	// decadeParts say the part of a decade: 0 early, 1 mid, 2 late.
	decadeParts = map[string]int{"early": 0, "fruhen": 0, "anfang": 0, "debut": 0, "principios": 0, "inicios": 0,
		"inizio": 0, "begin": 0, "inicio": 0, "mid": 1, "mitte": 1, "milieu": 1, "mediados": 1, "meta": 1,
		"midden": 1, "meados": 1, "late": 2, "spaten": 2, "ende": 2, "fin": 2, "finales": 2, "fine": 2, "eind": 2,
		"final": 2, "finais": 2}
	// birthNouns are words for birth and the year of birth.
	birthNouns = set("birth", "birthyear", "geburt", "geburtsjahr", "jahrgang", "naissance", "nacimiento", "nascita",
		"geboorte", "geboortejaar", "nascimento", "bouwjaar")
)

// nowOf returns the clock of opt: time.Now unless the options set one.
func nowOf(opt Options) func() time.Time {
	if opt.Now != nil {
		return opt.Now
	}
	return time.Now
}
