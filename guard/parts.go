package guard

// Parts of a value said alone, each in the context that makes it the
// customer's: a house number after a word for it, the day or the year of
// birth in a sentence about the record, an email one letter off.

// houseAlone reports whether the word for a house number at token view
// offset start has a house number on file right after it in its clause
// (past at most three words: "Als Hausnummer steht nur die 5"), said of
// the record: "I see house number 92 on your account", "Veo el número 45
// en la ficha". A noun before it that owns the number ("ticket number
// 92", "la commande numéro 12") or a phone or card word makes it another
// number; a sentence that places the business ("our warehouse is at
// number 45") is about the business. A bare "number" or "número" needs
// the record or a home named in its sentence; "Hausnummer", "huisnummer",
// "civico" and "house number" say it themselves.
func (m *Matcher) houseAlone(t *text, start int) bool {
	i := t.tokenAt(start)
	if i < 0 || len(m.houseNums) == 0 {
		return false
	}
	found := false // the number first: the words for it are common
	for k := i + 1; k < len(t.toks) && k <= i+7 && t.toks[k].flags&fSentence == 0; k++ {
		w := t.tokBytes(k)
		if len(w) > 0 && isDigit(w[0]) {
			found = contains(m.houseNums, string(w))
			break
		}
		if t.toks[k].flags&fPunctAfter != 0 || t.isOwner52(k) || t.is52(k, x52PhoneWord|x52Card) { // isOwner, phoneWords, cardWords
			break // "le numéro de commande sur votre fiche est le 12"
		}
	}
	if !found {
		return false
	}
	from, to := t.sentenceOf(i)
	w := string(t.tokBytes(i))
	// a bare "number" or "número" is the house's after an article, a
	// possessive, a verb or a preposition, not after another noun
	// ("Option number 5 in your account settings")
	if !houseSpecific[w] && i > from && !houseNouns[string(t.tokBytes(i-1))] && !houseLeads[string(t.tokBytes(i-1))] &&
		!(doorLeads[string(t.tokBytes(i-1))] && t.doorSentence(from, to)) && !t.yourStreetAfter(i, to) {
		return false
	}
	// a unit ("Wohnung", "apt", "room" read "unit") is the customer's in a
	// sentence about her or the record: "your unit is 4B", not "Room 12 of
	// the hotel" or "Unit 4B of the manual"
	unit := w == "unit"
	if unit && roomWords[string(t.rawOf(i))] {
		return false // "Room 12 of the hotel is booked for you"
	}
	named := w == "hausnummer" || w == "huisnummer" || w == "civico" || i > from && houseNouns[string(t.tokBytes(i-1))]
	yourStreet := t.yourStreetAfter(i, to) // "le colis va au numéro 12 de votre rue": the parcel goes to the house
	for k := max(from, i-4); k < i; k++ {
		if x := string(t.tokBytes(k)); isOwner(x) && !yourStreet || phoneWords[x] || cardWords[x] {
			return false
		}
	}
	for k := from; k < to; k++ {
		x := string(t.tokBytes(k))
		if placeOwners[x] {
			return false
		}
		named = named || accountWords[x] && !haveWords[x] || isRecordWord(x) || recordPlaces[x] || addressNouns[x] || unit && secondPerson[x] ||
			doorWords[x] || k > i && t.yourStreetAt(k) || k > i && t.textingRight(k) // "nummer 92 klopt" (texting.go)
	}
	return named
}

// unitNamed reports whether the unit word at token view offset start (a
// unit and its number on file follow) names a home: written "apartment",
// "Wohnung", "appartement", "#" and the like, or written "unit" in a
// sentence about the customer, the record or a home ("Unit 4B of the
// manual" is a chapter).
func (t *text) unitNamed(start int) bool {
	i := t.tokenAt(start)
	if i < 0 {
		return false
	}
	if w := t.rawOf(i); w != nil && string(w) != "unit" && !roomWords[string(w)] {
		return true
	}
	from, to := t.sentenceOf(i)
	for k := from; k < to; k++ {
		if x := string(t.tokBytes(k)); secondPerson[x] || accountWords[x] || homeWords[x] && k != i || addressNouns[x] {
			return true
		}
	}
	return false
}

// streetHome reports whether a street's distinctive words, the match
// [start, end) of the token view, stand right before a word for a home
// ("still the Alcalá flat", "your Kalverstraat apartment") or right after
// one and a preposition ("el piso de Alcalá", "die Wohnung in der
// Hauptstraße" is typed and matched apart), in a sentence that places no
// business there ("our Alcalá shop").
func (t *text) streetHome(start, end int) bool {
	i, j := t.tokenAt(start), t.tokenAt(end-2)
	if i < 0 || j < i {
		return false
	}
	from, to := t.sentenceOf(i)
	home := j+1 < to && streetHomeNouns[string(t.tokBytes(j+1))] ||
		i-2 >= from && homePreps[string(t.tokBytes(i-1))] && streetHomeNouns[string(t.tokBytes(i-2))]
	if !home || i == j && exonyms[string(t.tokBytes(i))] != nil {
		return false // "la tua casa di Roma": a street named after a city reads as the city
	}
	for k := from; k < to; k++ {
		if placeOwners[string(t.tokBytes(k))] {
			return false
		}
	}
	return true
}

// streetHomeNouns name a home ("flat" and "apartment" read "unit");
// homePreps join one to its street ("el piso de Alcalá").
var (
	streetHomeNouns = set("unit", "home", "house", "address", "adresse", "anschrift", "wohnung", "haus", "domicile",
		"logement", "maison", "piso", "casa", "domicilio", "direccion", "indirizzo", "abitazione", "woning", "huis",
		"adres", "morada", "endereco")
	homePreps = set("de", "in", "on", "en", "a", "di", "op", "em", "na", "no", "in der", "an", "aan", "sur", "della")
)

// houseSpecific say "house number" in one word; houseLeads may stand
// before a bare "number" that is a house's (normalised).
var (
	houseSpecific = set("hausnummer", "huisnummer", "civico", "unit")
	// houseNouns before "number" make it the house's: "house number",
	// "street number" ("street" reads "st")
	houseNouns = set("house", "st")
	houseLeads = set("the", "el", "le", "la", "l", "il", "lo", "de", "die", "der", "das", "den", "het", "o", "a", "your",
		"votre", "su", "suo", "sua", "je", "uw", "seu", "ihre", "is", "ist", "es", "est", "e", "see", "veo", "vois", "sehe",
		"vedo", "zie", "vejo", "as", "als", "come", "como", "comme", "no", "nr", "at", "am", "au", "al", "op", "em", "na")
)

// rawOf returns the word as written (folded) of token i, or nil.
func (t *text) rawOf(i int) []byte {
	for r := range t.raw {
		if int(t.raw[r].tok) == i {
			return t.rawBuf[t.raw[r].start:t.raw[r].end]
		}
	}
	return nil
}

// roomWords are the unit words of a hotel or an office, not a home
// (folded, as written).
var roomWords = set("room", "rooms", "zimmer", "chambre", "habitacion", "camera", "kamer", "quarto", "suite", "office", "buro", "bureau")

// recordPlaces name where a record is kept beyond accountWords
// (normalised): "nella scheda", "dans le système", and the participles
// of being registered somewhere ("in Lissabon gemeldet").
var recordPlaces = set("scheda", "akte", "systeme", "fichier", "cadastro", "kartei", "registro", "archivio",
	"gemeldet", "angemeldet", "ingeschreven", "inscrit", "inscrite", "inscrita", "inscrito", "iscritta", "iscritto")

// yearOnRecord reports whether the year of birth at token view offset
// start follows a word for "year" (within 3 tokens: "the year as 1979",
// "l'année 1979", "el año 1979", "das Jahr 1979") in a sentence that
// names the record ("on a l'année 1979 dans le dossier", "tenemos el año
// 1979 en la ficha") or has it ("tenemos el año 1979"), and no other
// thing or the business ("the year 1979 on the invoice", "our shop opened
// in the year 1979").
func (t *text) yearOnRecord(start int) bool {
	i := t.tokenAt(start)
	if i < 0 {
		return false
	}
	from, to := t.sentenceOf(i)
	if i > from && string(t.tokBytes(i-1)) == "classe" && !t.isOther(i-1, to) {
		return true // "classe '79", "classe 1979": the year a person was born
	}
	year, named := false, false
	for k := max(from, i-8); k < i; k++ {
		if yearWords[string(t.tokBytes(k))] || decadeWords[string(t.tokBytes(k))] {
			year = true
			// "the year we have is 1979", "el año que tenemos es 1979": a
			// word for having between the year's word and the year
			for j := k + 1; j < i; j++ {
				named = named || haveWords[string(t.tokBytes(j))]
			}
			// "we have the year as 1979", "tenemos el año 1979", "on a
			// l'année 1979": a word for having right before the year's
			for j := max(from, k-3); j < k; j++ {
				w := string(t.tokBytes(j))
				named = named || haveWords[w] || w == "a" && j > from && string(t.tokBytes(j-1)) == "on"
			}
		}
	}
	if !year {
		return false
	}
	for k := from; k < to; k++ {
		x := string(t.tokBytes(k))
		if placeOwners[x] || ourWords[x] || t.isOther(k, to) {
			return false
		}
		named = named || accountWords[x] && !haveWords[x] || accountNouns[x] || isRecordWord(x) || recordPlaces[x]
	}
	return named
}

// decadeWords name a decade, said before the year in it: "late
// seventies, '79 per the account" (normalised).
var decadeWords = set("sixties", "seventies", "eighties", "nineties", "sechziger", "siebziger", "achtziger",
	"neunziger", "siebzigern", "achtzigern")

// yearWords say "year" in seven languages (normalised).
var yearWords = set("year", "jahr", "annee", "an", "ano", "anno", "jaar")

// dayOfBirth reports whether the day of birth at token view offset start
// closes its clause after an article, a preposition or a copula, in a
// sentence that names the date of birth before it: "The birth date on
// file is the 3rd", "La date de naissance enregistrée est le 3", "A data
// de nascimento na ficha é dia 3". A birthday alone ("the birthday gift
// arrives on the 3rd") is not enough; the date of birth must be named.
func (t *text) dayOfBirth(start int) bool {
	i := t.tokenAt(start)
	if i < 1 {
		return false
	}
	from, to := t.sentenceOf(i)
	end := i // "the 3rd of the month": the day's clause may end on the month
	for j := i + 1; j < to && j <= i+3 && t.toks[j-1].flags&fPunctAfter == 0; j++ {
		if monthNouns[string(t.tokBytes(j))] {
			end = j
			break
		}
		if w := string(t.tokBytes(j)); !ofWords[w] && !definites[w] {
			break
		}
	}
	if end+1 < to && t.toks[end].flags&fPunctAfter == 0 || !dayLeads[string(t.tokBytes(i-1))] {
		return false
	}
	for k := max(from, i-10); k < i; k++ {
		x := string(t.tokBytes(k))
		if dobNouns[x] {
			return !t.birthOwned(k, from, to)
		}
		if dayNouns[x] && (k+1 < i && recordedWords[string(t.tokBytes(k+1))] || k > from && recordedWords[string(t.tokBytes(k-1))]) {
			// "le jour enregistré est le 3", "der hinterlegte Tag ist der
			// 3.": the day on the record is the birth day, not a thing's
			// ("the sale's recorded day")
			for j := max(from, k-3); j < k; j++ {
				if otherWord(string(t.tokBytes(j))) {
					return false
				}
			}
			return !t.birthOwned(k, from, to)
		}
		if birthWords[x] && k > from {
			// "date of birth", "date de naissance", "Geburts... datum"
			for j := max(from, k-3); j < k; j++ {
				if dateNouns[string(t.tokBytes(j))] || dayNouns[string(t.tokBytes(j))] {
					return !t.birthOwned(k, from, to)
				}
			}
			if k+1 < i && dateNouns[string(t.tokBytes(k+1))] {
				return !t.birthOwned(k, from, to) // "birth date"
			}
		}
	}
	return false
}

// Words around a day of birth said alone (normalised).
var (
	// dayLeads come right before a day: "is the 3rd", "est le 3", "é dia 3".
	dayLeads = set("the", "le", "der", "den", "am", "el", "il", "lo", "de", "dia", "op", "o", "is", "ist", "est", "es",
		"e", "on", "au", "al", "em", "no", "jour", "tag", "giorno", "dag", "day")
	// dayNouns say "day": "il giorno di nascita".
	dayNouns = set("day", "tag", "jour", "dia", "giorno", "dag")
	// monthNouns say "month" ("the 3rd of the month"); recordedWords say
	// that a day is the one on record ("le jour enregistré").
	monthNouns    = set("month", "monats", "monat", "mois", "mes", "mese", "maand", "mes")
	recordedWords = set("enregistre", "hinterlegt", "hinterlegte", "gespeichert", "gespeicherte", "registrado",
		"registrato", "geregistreerd", "geregistreerde", "registado", "registered", "recorded", "stored", "opgeslagen",
		"salvato", "guardado", "registrierte", "registriert", "vermerkt", "vermerkte")
	// dobNouns say "date of birth" in one word.
	dobNouns = set("dob", "birthdate", "geburtsdatum", "geboortedatum")
)

// mailTypo reports whether an email of the customer's stands in t one
// letter off in its local part or its domain, the other part exact, with
// or without its dots ("elodiemartin@exmple.fr"): read in the compact
// view around each "@".
func (m *Matcher) mailTypo(t *text) bool {
	for i := range t.raw {
		c := int(t.raw[i].coff)
		if t.raw[i].lex&lxAt == 0 || c < 0 {
			continue
		}
		for _, ep := range m.emailParts {
			local, dom := ep[0], ep[1]
			if len(local) < 6 || len(dom) < 6 {
				continue
			}
			for n := len(local) - 1; n <= len(local)+1; n++ {
				if c-n < 0 || !t.rawStarts(i, c-n) || !compactRun(t.buf[c-n:c]) || !editOne(t.buf[c-n:c], local) {
					continue
				}
				exact := n == len(local) && string(t.buf[c-n:c]) == local
				for d := len(dom) - 1; d <= len(dom)+1; d++ {
					e := c + 2 + d
					if e > len(t.buf) || !compactRun(t.buf[c+2:e]) {
						continue
					}
					cand := t.buf[c+2 : e]
					if !t.rawEnds(i, e) || cand[len(cand)-1] != dom[len(dom)-1] || cand[len(cand)-2] != dom[len(dom)-2] {
						continue // "exemple.org" is another domain, not a typo
					}
					if exact && editOne(cand, dom) && string(cand) != dom || !exact && string(cand) == dom {
						return true
					}
				}
			}
		}
	}
	return false
}

// rawStarts reports whether a raw token before raw token i starts at
// compact view offset off; rawEnds whether one after it ends at off.
func (t *text) rawStarts(i, off int) bool {
	for a := i - 1; a >= 0 && t.raw[a].coff >= 0; a-- {
		if c := int(t.raw[a].coff); c == off {
			return true
		} else if c < off {
			return false // coff ascends with the raw tokens: off is passed
		}
	}
	return false
}

func (t *text) rawEnds(i, off int) bool {
	for z := i + 1; z < len(t.raw) && t.raw[z].coff >= 0; z++ {
		if int(t.raw[z].coff) > off {
			return false // coff ascends with the raw tokens: off is passed
		}
		if t.raw[z].lex&lxDot == 0 && int(t.raw[z].coff)+int(t.raw[z].end-t.raw[z].start) == off {
			return true
		}
	}
	return false
}

// compactRun reports whether b holds no window mark of the compact view.
func compactRun(b []byte) bool {
	for _, c := range b {
		if c == 0xff {
			return false
		}
	}
	return true
}
