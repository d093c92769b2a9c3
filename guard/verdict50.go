package guard

// Verdicts of held-out set 27 (guard50) the readings before did not know,
// and answers they took for verdicts:
//
//   - a near miss told by how far off the offer is: "One digit off at the
//     end", "Knapp daneben! Die letzte Ziffer ist um eins verschoben",
//     "Raté, mauvaise ville", "Not quite, we have a dot between the
//     names" deny the offered value (nearMissIn50);
//   - a formal verdict comparing the value the requester quotes with the
//     business's file: "I can confirm the address you quote is the one on
//     our forwarding instruction", "le numéro de carte indiqué ne
//     correspond pas à nos fichiers" (formalIn50);
//   - a plain verdict on a value noun of the record ("No, esa no es la
//     fecha de nacimiento de su expediente", "Oui, c'est l'e-mail du
//     profil", "No, that's not the card — ...") and a yes that picks her
//     city or her phone's country ("That's right, the Portland one",
//     "Exacto, la de Ámsterdam"): the pick names the value (plain50);
//   - a yes or no that answers a question of how or of policy is no
//     verdict: "Ja, die E-Mail ändern Sie unter Einstellungen > Konto",
//     "Sì, una data errata si corregge presentando il passaporto" (howTo50),
//     "No, your date of birth doesn't affect the fee band", "No, the
//     refund can't be sent to a different card than the one used for
//     payment" (policy50).
//
// The readings run after the others found no verdict (check), gated on
// the shapes of their cue words (cue50) and on the reply's first word.

// verdict50 returns the rule of the readings above on t for an offer of
// class, or "".
func (m *Matcher) verdict50(t *text, class string) string {
	if len(t.toks) == 0 {
		return ""
	}
	if r := m.plain50(t, class); r != "" {
		return r
	}
	// the sentences with a cue word only: a near miss needs a part (in a
	// sentence of at most 16 tokens), a formal verdict a word of saying
	lead := -1
	toks := t.toks
	for k := 0; k < len(toks); k++ {
		if !cue50(&toks[k]) {
			continue
		}
		c := cueKinds50[string(t.tokBytes(k))]
		if c == 0 {
			continue
		}
		from, to := t.sentenceOf(k)
		for j := k + 1; j < to; j++ { // the sentence's other cue words
			if cue50(&toks[j]) {
				c |= cueKinds50[string(t.tokBytes(j))]
			}
		}
		if c&cueSaid50 != 0 {
			if r := t.formalIn50(from, to); r != "" {
				return r
			}
		}
		if c&cueOther56 != 0 {
			for j := from; j < to; j++ {
				if another56[string(t.tokBytes(j))] {
					if r := t.another56(j, from, to, class); r != "" {
						return r
					}
				}
			}
		}
		if c&cueNothing56 != 0 {
			if r := t.nothingOn56(from, to, class); r != "" {
				return r
			}
		}
		if c&cueProvider56 != 0 {
			if r := t.provider56(from, to, class); r != "" {
				return r
			}
		}
		if c&cuePart50 != 0 && to-from <= 16 {
			if lead < 0 {
				lead = t.missLead50()
			}
			if t.nearMissIn50(from, to, lead) {
				return RuleDenial
			}
		}
		k = to - 1
	}
	return ""
}

// What a cue word of words50 is (cueKinds50).
const (
	cuePart50     uint8 = 1 << iota // a part of a value (parts50)
	cueSaid50                       // a word of saying (said50)
	cueOther56                      // a word of "another" (another56)
	cueProvider56                   // a mail provider (mailProviders)
	cueNothing56                    // a word of nothing (nothing56)
)

// cueKinds50 maps each cue word to its kinds.
var cueKinds50 = func() map[string]uint8 {
	m := map[string]uint8{}
	for w := range parts50 {
		m[w] |= cuePart50
	}
	for w := range said50 {
		m[w] |= cueSaid50
	}
	for w := range said56 {
		m[w] |= cueSaid50
	}
	for w := range another56 {
		m[w] |= cueOther56
	}
	for w := range mailProviders {
		m[w] |= cueProvider56
	}
	for w := range nothing56 {
		m[w] |= cueNothing56
	}
	return m
}()

// Words of the readings (normalised).
var (
	// parts50 name a part of a value that a near miss is off by: a digit,
	// a letter, the city, a separator, a part of a date, the order.
	parts50 = set("digit", "digits", "ziffern", "zahl", "zahlen", "chiffres", "digito", "digitos", "cifra", "cifras",
		"cifre", "cijfers", "algarismos", "letter", "letters", "buchstabe", "buchstaben", "lettre", "lettres", "letra",
		"letras", "lettera", "lettere", "character", "characters", "zeichen", "caractere", "caracter", "carattere",
		"teken", "city", "town", "stadt", "ville", "ciudad", "citta", "stad", "plaats", "cidade", "dot", "punkt",
		"punto", "punt", "ponto", "hyphen", "bindestrich", "tiret", "guion", "trattino", "streepje", "hifen",
		"underscore", "unterstrich", "year", "jahr", "annee", "ano", "anno", "jaar", "month", "monat", "mois", "mes",
		"mese", "maand", "reihenfolge", "ordre", "orden", "ordine", "volgorde", "ordem", "domain", "domaine", "dominio",
		"domein", "street", "strasse", "rue", "calle", "straat", "rua", "postcode", "plz", "postleitzahl")
	// off50 say a part is off, wrong, swapped, missing or moved.
	off50 = set("off", "wrong", "swapped", "missing", "shifted", "mixed", "transposed", "daneben", "verschoben",
		"falsch", "falsche", "falscher", "vertauscht", "verdreht", "fehlt", "travers", "faux", "fausse", "mauvais",
		"mauvaise", "inverse", "inverses", "inversee", "inversees", "manque", "decale", "decalee", "trompez", "trompe",
		"falla", "fallan", "equivoca", "equivocado", "equivocada", "sobra", "cambiado", "cambiada", "invertido",
		"invertida", "invertidos", "sbagliato", "sbagliata", "sbagliate", "sbagliati", "sbaglia", "invertite", "invertiti",
		"manca", "spostato", "spostata", "naast", "ernaast", "fout", "verkeerd", "verkeerde", "verwisseld", "ontbreekt",
		"verschoven", "errado", "errada", "trocado", "trocada", "trocados", "trocadas", "falha", "errou", "engana",
		"enganou", "wrongly", "mistyped", "vertippt", "falta", "faltan", "mist", "mankeert", "revers", "reves", "invertita", "invertito", "scambiata", "scambiate", "scambiato", "scambiati")
	// offPairs50 say a part is off in two tokens: "zu viel", "en trop",
	// "in più", "de más", "a mais", "te veel".
	offPairs50 = set("zu viel", "en trop", "de trop", "in piu", "di troppo", "de mas", "de sobra", "a mais", "a menos",
		"te veel", "te weinig", "too many", "too few", "un de plus", "en moins")
	// missLeads50 open an answer as a miss: "Raté !", "Missed!", "Close!".
	missLeads50 = set("rate", "loupe", "missed", "nope", "almost", "cl", "nearly", "presque", "fast", "knapp", "beinahe",
		"casi", "quasi", "bijna", "quase", "nah", "fallado", "sbagliato", "mis", "falhou", "daneben", "niet", "nicht",
		"pas", "not", "no", "non", "nao", "nee", "nein")
	// quite50 follow a negation in a miss lead: "not quite", "nicht ganz".
	quite50 = set("quite", "ganz", "tout", "todo", "proprio", "helemaal", "exatamente", "bem", "exactly", "exactamente",
		"esattamente", "precies", "genau", "really", "echt", "del", "a", "fait", "direi")
	// have50 say what the business has instead: "we have a dot", "bei
	// uns steht", "chez nous", "da noi c'è".
	have50 = set("we", "wij", "uns", "nous", "nosotros", "noi", "ons", "nos", "tenemos", "abbiamo", "temos", "avons",
		"haben", "hebben", "ours", "unsere", "chez", "nuestro", "nuestra", "nostro", "nostra", "nosso", "nossa")
	// between50 place a separator: "a dot between the names".
	between50 = set("between", "zwischen", "entre", "tra", "fra", "tussen", "instead", "statt", "anstatt", "lieu",
		"vez", "invece", "plaats")
	// generic50 make a sentence a rule or a tip, not an answer.
	generic50 = set("common", "often", "usually", "frequent", "always", "typical", "typically", "enough", "haufig",
		"oft", "immer", "meistens", "souvent", "toujours", "frequent", "suffit", "menudo", "siempre", "suele", "basta",
		"spesso", "sempre", "basta", "vaak", "altijd", "meestal", "genoeg", "frequentemente", "muitas", "costuma",
		"would", "wurde", "serait", "seria", "sarebbe", "zou", "happens", "passiert", "arrive", "pasa", "succede",
		"gebeurt", "acontece", "tip", "tipp", "conseil", "consejo", "consiglio", "advies", "dica", "example",
		"beispiel", "exemple", "ejemplo", "esempio", "voorbeeld", "exemplo", "easy", "leicht", "facile", "facil",
		"makkelijk", "snel", "quickly", "schnell")
	// record50 name the business's file in a formal register.
	record50 = set("file", "files", "records", "record", "instruction", "instructions", "fichier", "fichiers", "profil",
		"dossier", "dossiers", "expediente", "expedientes", "processo", "pratica", "akte", "akten", "unterlagen",
		"kartei", "bestand", "registo", "registos", "registro", "registros", "archivio", "scheda", "ficha", "fiche",
		"profile", "profilo", "perfil", "profiel", "account", "konto", "compte", "cuenta", "conto", "conta",
		"anagrafica", "cadastro", "systeem", "system", "sistema", "fascicolo", "kundenakte", "kundendaten", "stammdaten", "auftrag",
		"nachsendeauftrag", "ordre", "opdracht", "doorzendopdracht", "instrucao", "instrucoes", "instruccion",
		"instrucciones", "istruzione", "istruzioni")
	// said50 say the requester gave the value: "the address you quote",
	// "le numéro indiqué", "las cifras que indica".
	said50 = set("quote", "quoted", "quotes", "indicate", "indicated", "indique", "indiquee", "indiques", "indiquez",
		"indica", "indicado", "indicada", "indicados", "indicadas", "indicou", "indicata", "indicato", "indicate",
		"indicati", "opgegeven", "opgeeft", "noemt", "genoemd", "genoemde", "angegeben", "angegebene", "angegebenen",
		"nennen", "genannt", "genannte", "genannten", "mention", "mentioned", "mentionne", "mentionnee", "menciona",
		"mencionado", "mencionada", "menziona", "menzionato", "menzionata", "menciona", "mencionou", "cite", "citee",
		"cita", "citado", "citada", "citou", "citato", "citata", "provided", "fourni", "fournie", "facilitado",
		"facilitada", "fornito", "fornita", "fornecido", "fornecida", "stated", "communique", "communiquee")
	// match50 compare a value with the file: "corresponds to", "coincidem
	// com", "stimmt mit ... überein", "is the one on".
	match50 = set("match", "matches", "matched", "correspond", "corresponds", "correspondent", "corresponde",
		"corresponden", "correspondem", "coincide", "coinciden", "coincidem", "corrispondono", "corrisponde",
		"overeen", "overeenkomt", "overeenkomen", "ubereinstimmen", "ubereinstimmt", "uberein", "stimmt", "stimmen",
		"agrees", "agree", "tallies", "tally", "conforme", "conformes", "concorda", "concordam", "concuerda",
		"concuerdan", "confere", "conferem", "bate", "batem", "klopt", "kloppen")
	// neg50 negate a comparison or a copula.
	neg50 = set("not", "doesnt", "dont", "isnt", "arent", "didnt", "cant", "cannot", "wont", "unable", "nicht", "kein", "keine", "keinen", "ne", "pas",
		"nest", "no", "non", "niet", "geen", "nao", "never")
)

// clauseEnd50 returns the end of the clause of token i in [i, to).
func (t *text) clauseEnd50(i, to int) int {
	for i < to-1 && t.toks[i].flags&fPunctAfter == 0 {
		i++
	}
	return i + 1
}

// noAnswer50 reports whether the sentence [from, to) is asked, a
// condition, a rule or a tip, or about a thing of the business's or an
// order's: no sentence of a near miss.
func (t *text) noAnswer50(from, to int) bool {
	neg, say := false, false
	for k := from; k < to; k++ {
		neg = neg || neg50[string(t.tokBytes(k))] && !t.opensSentence(int(t.toks[k].off))
		say = say || t.has(k, clSay) || tell50[string(t.tokBytes(k))]
	}
	if neg && say {
		return true // "No le voy a decir qué dígitos están mal"
	}
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if t.toks[k].flags&fQuestion != 0 || condWords[w] || t.whether50(k, from) || whichWords23[w] ||
			generic50[w] || modalWords23[w] || thingWords[w] || otherThings[w] || businessPlaces[w] || checkVerbs[w] ||
			secondThings[w] || codes50[w] {
			return true
		}
	}
	return false
}

// missLead50 returns the end of a miss that opens the reply and ends its
// clause ("Raté,", "Nicht ganz,", "Not quite —"), or 0.
func (t *text) missLead50() int {
	n := len(t.toks)
	if n == 0 || !missLeads50[string(t.tokBytes(0))] {
		return 0
	}
	if t.toks[0].flags&fPunctAfter != 0 {
		return 1
	}
	for k := 1; k < n && k <= 3; k++ {
		if !quite50[string(t.tokBytes(k))] {
			return 0
		}
		if t.toks[k].flags&fPunctAfter != 0 {
			return k + 1
		}
	}
	return 0
}

// nearMissIn50 reports whether the sentence [from, to) says how far off
// the offer is (lead: missLead50): a part of the value and a word of being off within 5 tokens of it
// ("One digit off at the end", "Te falla un dígito al final", "Je zit er
// één naast bij het laatste cijfer"), or a miss that opens the answer and
// a part with what the business has instead ("Not quite, we have a dot
// between the names"). A question, a condition, a rule or tip, a modal and
// a thing of the business's or an order's rule a sentence out.
func (t *text) nearMissIn50(from, to, lead int) bool {
	part := -1
	for k := from; k < to; k++ {
		if cue50(&t.toks[k]) && parts50[string(t.tokBytes(k))] {
			part = k
			break
		}
	}
	if part < 0 {
		return false
	}
	// the word of being off, or the miss that opens the reply, first: the
	// exclusions read every token of the sentence
	off := false
	for k := max(from, part-5); k < to && k <= part+5 && !off; k++ {
		off = k != part && (off50[string(t.tokBytes(k))] || k > from && offPairs50[string(t.tokBytes(k-1))+" "+string(t.tokBytes(k))])
	}
	missed := lead > 0 && from <= lead && part >= lead
	if !off && !missed || t.noAnswer50(from, to) || gerund50(string(t.tokBytes(from))) {
		return false // "Typing one digit off is easy": a gerund opens a rule
	}
	if t.partOfOther(part, to) && !t.partPlace50(part, to) {
		return false // "the digits of the order", not "un chiffre de travers", "les chiffres du milieu"
	}
	ours := false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		// "Onze klantenservicelijn" reads "11 klantenservicelijn", "um eins verschoben" "11 verschoben"
		ours = ours || ourWords[w] || ours50[w] || w == "11" && k+1 < to && !off50[string(t.tokBytes(k+1))] && !t.digitsTok(k+1)
	}
	if off && !ours {
		return true // not "our hotline's last digit was wrong"
	}
	if !missed {
		return false
	}
	// "Not quite, we have a dot between the names": a miss, then what the
	// business has instead
	have, between := false, false
	for k := lead; k < to; k++ {
		w := string(t.tokBytes(k))
		have = have || have50[w]
		between = between || between50[w]
	}
	return have && (between || part+1 < to && t.toks[part].flags&fPunctAfter != 0) || between && part > lead
}

// formalIn50 returns the rule of the sentence [from, to) if it compares
// the value the requester quotes with the business's file: a value noun or a part, a
// word of saying it ("you quote", "indiqué", "que indicou"), a word of
// matching or "the one on", and a noun of the file after them. A negation
// denies. A question, a condition, "whether" and a refusal before the
// value ("I can't confirm whether ...") rule a sentence out.
func (t *text) formalIn50(from, to int) string {
	noun, said, match, rec, neg, have := -1, -1, -1, -1, false, -1
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		switch {
		case noun < 0 && (isValueNoun(w) || parts50[w] || lastDigitNouns[w] || nouns56[w]):
			noun = k
			if said < 0 {
				for j := max(from, k-6); j < k; j++ {
					if v := string(t.tokBytes(j)); (said50[v] || said56[v]) && (j >= k-3 || saidNouns56[v]) {
						said = j // "die angegebene Adresse", "het opgegeven adres", "Ihre Angabe zu den letzten vier Ziffern"
					}
				}
			}
		case noun >= 0 && said < 0 && (said50[w] || said56[w]) && k <= noun+5:
			said = k
		case said >= 0 && match < 0 && (match50[w] || occur56[w] || w == "1" && k+1 < to && onPreps[string(t.tokBytes(k+1))]):
			match = k
		case said >= 0 && match < 0 && rec < 0 && (truth56[w] || untrue56[w]) && k > noun:
			match, rec = k, k // "Ihre Angabe ... ist zutreffend"
			neg = neg || untrue56[w]
		case said >= 0 && match < 0 && rec < 0 && t.weHave56(k, from, to):
			match, rec, have = k, k, k // "sont ceux que nous avons"
		case noun < 0 && match < 0 && k <= from+1 && openMatch56[w]:
			match = k // "Leider stimmt die von Ihnen angegebene E-Mail-Adresse nicht mit ... überein"
		case said >= 0 && rec < 0 && (record50[w] || accountWords[w] && !haveWords[w] || registeredWords[w] || recordCompound56(w)):
			rec = k
		}
		if thingWords[w] || otherThings[w] && k != said || codes50[w] {
			return "" // "the order number you quote matches our records", "the tracking number you quoted"
		}
		if said >= 0 && noun >= 0 && neg50[w] {
			neg = true
		}
	}
	if rec < 0 || match < 0 {
		return ""
	}
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if t.toks[k].flags&fQuestion != 0 || condWords[w] || t.whether50(k, from) || whichWords23[w] && (k >= have || k < have-4) {
			return ""
		}
		if k < noun && neg50[w] {
			return "" // "I cannot confirm that the address you quote ..."
		}
	}
	if neg {
		return RuleDenial
	}
	return RuleConfirmation
}

// plain50 returns the rule of a reply whose first sentence is a plain
// verdict on a value noun of the record, or a yes that picks her city or
// her phone's country (see above), or "".
func (m *Matcher) plain50(t *text, class string) string {
	yes, no, rest := t.answerLead50()
	if rest < 0 {
		return t.recordNoun50(0, false)
	}
	_, to := t.sentenceOf(0)
	if rest >= to {
		return ""
	}
	if yes && (m.placePick50(t, rest, to) || t.saidValue56(rest, to, class)) {
		return RuleConfirmation
	}
	if r := t.recordNoun50(rest, no); r != "" {
		return r
	}
	return ""
}

// answerLead50 reads the first clause of t as a yes or a no: every token
// of it a yes or no word or a word of "that's right" (at most 3 tokens).
// It returns which, and the token after the clause, or -1.
func (t *text) answerLead50() (yes, no bool, rest int) {
	n := len(t.toks)
	for k := 0; k < n && k < 3; k++ {
		w := string(t.tokBytes(k))
		switch {
		case yesLead50[w]:
			yes = true
		case noLead50[w]:
			no = true
		case !leadGlue50[w]:
			return false, false, -1
		}
		if t.toks[k].flags&fPunctAfter != 0 || t.isEmoji(k) {
			if !yes && !no && k == 1 && pointer50[string(t.tokBytes(0))] != pointer50[string(t.tokBytes(1))] {
				yes = true // "Eso es,", "C'est ça,", "That's it,"
			}
			if yes == no {
				return false, false, -1
			}
			return yes, no, k + 1
		}
	}
	return false, false, -1
}

var (
	yesLead50 = set("yes", "yeah", "yep", "yup", "correct", "right", "exactly", "precisely", "indeed", "ja", "genau",
		"richtig", "stimmt", "exakt", "korrekt", "oui", "exact", "exactement", "effectivement", "si", "exacto",
		"correcto", "correcta", "efectivamente", "esatto", "esattamente", "giusto", "corretto", "precies", "klopt",
		"juist", "inderdaad", "passt", "sim", "exato", "exatamente", "correto", "isso", "emojiyes", "bingo", "certo", "certa")
	noLead50   = set("no", "nope", "nein", "non", "nee", "nao", "emojino")
	leadGlue50 = set("thats", "that", "is", "its", "it", "cest", "ca", "es", "eso", "e", "das", "ist", "dat", "klopt",
		"so", "mesmo", "asi", "cosi", "cela", "bien", "tout", "a", "fait")
)

// placePick50 reports whether the clause [rest, to) after a yes picks a
// place: "the Portland one", "the French one", "la de Ámsterdam", "die in
// Lissabon", "a de Madrid", "the one in Portland", and ends there (an
// emoji may close it). The place is one of her cities (in any of its
// names), a country's name or a country's adjective.
func (m *Matcher) placePick50(t *text, rest, to int) bool {
	end := to
	for end > rest && t.isEmoji(end-1) {
		end--
	}
	if end-rest < 2 || end-rest > 4 || t.toks[rest].flags&fQuestion != 0 {
		return false
	}
	if e := t.clauseEnd50(rest, end); e != end {
		return false
	}
	a, b := string(t.tokBytes(rest)), string(t.tokBytes(rest+1))
	if end-rest == 2 {
		return (definites[a] || pickPronouns50[a]) && countryAdj50[b] // "die deutsche", "la francesa"
	}
	c := string(t.tokBytes(rest + 2))
	switch {
	case end-rest == 3 && definites[a] && c == "1":
		return m.place50(b) // "the Portland one", "the French one"
	case end-rest == 3 && pickPronouns50[a] && pickPreps50[b]:
		return m.place50(c) // "la de Ámsterdam", "die in Lissabon"
	case end-rest == 4 && definites[a] && b == "1" && pickPreps50[c]:
		return m.place50(string(t.tokBytes(rest + 3))) // "the one in Portland"
	}
	return false
}

var (
	// pickPronouns50 are the articles that stand for "the one" before a
	// preposition: "la de", "die in", "a de", "celle de", "quella di".
	pickPronouns50 = set("la", "el", "lo", "die", "der", "das", "a", "o", "celle", "celui", "quella", "quello", "degene",
		"het", "l")
	pickPreps50 = set("de", "in", "en", "di", "da", "em", "uit", "aus", "von", "of", "a", "te", "do", "du", "del")
)

// place50 reports whether w names one of her cities (in any of its
// names), a country or a country's adjective.
func (m *Matcher) place50(w string) bool {
	if countryAdj50[w] || exonymIndex50[w] != "" && slicesHas50(m.cities, exonymIndex50[w]) {
		return true
	}
	for _, c := range m.cities {
		if c == w {
			return true
		}
	}
	for _, names := range countryNames {
		for _, n := range names {
			if n == w {
				return true
			}
		}
	}
	return false
}

// exonymIndex50 maps each name of a city to its first name (exonyms).
var exonymIndex50 = func() map[string]string {
	out := map[string]string{}
	for c, names := range exonyms {
		out[c] = c
		for _, n := range names {
			if _, ok := out[n]; !ok {
				out[n] = c
			}
		}
	}
	return out
}()

func slicesHas50(s []string, w string) bool {
	for _, x := range s {
		if x == w {
			return true
		}
		for _, n := range exonyms[x] {
			if exonymIndex50[n] == w {
				return true
			}
		}
	}
	return false
}

// recordNoun50 returns the rule of a clause from rest on that says a
// value noun is or is not the one of the record: "esa no es la fecha de
// nacimiento de su expediente", "c'est l'e-mail du profil", "that's not
// the card" after a no. A pointer or a fused copula opens it, a negation
// denies (or the no before it, no: the lead of the reply), and the value
// noun ends the clause or an of-phrase naming the record does.
func (t *text) recordNoun50(rest int, no bool) string {
	_, to := t.sentenceOf(rest)
	end := t.clauseEnd50(rest, to)
	k := rest
	if k < end && !pointer50[string(t.tokBytes(k))] {
		return ""
	}
	k++
	neg := false
	for k < end && k <= rest+4 {
		w := string(t.tokBytes(k))
		if neg50[w] {
			neg = true
		} else if !copulaWords[w] && w != "is" && w != "es" && w != "est" && w != "e" && w != "ist" && w != "s" {
			break
		}
		k++
	}
	if k < end && (possessiveArticles[string(t.tokBytes(k))] || string(t.tokBytes(k)) == "l") {
		k++
	}
	if k >= end || !isValueNoun(string(t.tokBytes(k))) {
		return ""
	}
	k++
	if k < end && isValueNoun(string(t.tokBytes(k))) {
		k++ // "phone number", "numéro de carte" reads "numero de carte" below
	}
	for k+1 < end && ofWords[string(t.tokBytes(k))] && birthWords[string(t.tokBytes(k+1))] {
		k += 2 // "fecha de nacimiento", "date of birth"
	}
	record := false
	if k < end {
		if x := string(t.tokBytes(k)); !ofWords[x] && !onPreps[x] && !ofArticles50[x] {
			return ""
		}
		k++
		for k < end && (possessiveArticles[string(t.tokBytes(k))] || yourPossessives[string(t.tokBytes(k))] || ourWords[string(t.tokBytes(k))]) {
			k++
		}
		if k != end-1 || !record50[string(t.tokBytes(k))] {
			return ""
		}
		record = true
	}
	switch {
	case neg && (no || record):
		return RuleDenial
	case neg || !record:
		return ""
	}
	return RuleConfirmation
}

// pointer50 open a clause of a value noun: "that's", "c'est", "esa".
var pointer50 = set("thats", "that", "this", "its", "it", "cest", "ce", "c", "esa", "ese", "esta", "este", "eso", "essa",
	"esse", "esta", "isso", "quella", "quello", "questa", "questo", "dat", "dit", "die", "deze", "das", "dies", "diese",
	"nest", "celle", "celui")

// howTo50 reports whether the clause [from, to) after a yes or a no says
// how a value is changed or corrected, not which it is: a verb of
// changing with a reflexive ("se modifie", "si cambia", "muda-se"), the
// polite you after it ("ändern Sie", "wijzigt u") or a passive before it
// ("is changed"), then where or by what within 3 tokens ("in Settings",
// "unter Einstellungen", "via", "presentando il passaporto"). A pointer
// at the value before the verb ("that email") makes it no how-to.
func (t *text) howTo50(from, to int) bool {
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if pointerDemos50[w] {
			return false
		}
		if !howVerbs50[w] {
			continue
		}
		form := k > from && (reflexive50[string(t.tokBytes(k-1))] || passive50[string(t.tokBytes(k-1))]) ||
			k+1 < to && (reflexive50[string(t.tokBytes(k+1))] || politeYou50[string(t.tokBytes(k+1))])
		far := -1 // "lässt sich unter Einstellungen ändern": a verb of letting, its reflexive, the verb at the end
		for j := max(from+1, k-4); j < k-1 && !form; j++ {
			if reflexive50[string(t.tokBytes(j))] && letVerbs50[string(t.tokBytes(j-1))] {
				form, far = true, j
			}
		}
		for j := k + 1; j < to && j <= k+3 && !form && w == "pas"; j++ {
			form = string(t.tokBytes(j)) == "aan" // "pas je het aan via ...": the verb's particle
		}
		if !form {
			continue
		}
		start := k + 1
		if far >= 0 {
			start = far + 1 // "sich unter Einstellungen ändern": the place before the verb
		}
		for j := start; j < to && j <= k+3; j++ {
			if x := string(t.tokBytes(j)); howPreps50[x] || gerund50(x) {
				return true
			}
		}
	}
	return false
}

// gerund50 reports whether w is a gerund of means: "presentando",
// "apresentando", "presenting".
func gerund50(w string) bool {
	n := len(w)
	return n > 6 && (w[n-4:] == "ando" || w[n-4:] == "endo" || w[n-3:] == "ing" && w != "nothing" && w != "something")
}

var (
	howVerbs50 = set("change", "changed", "changes", "update", "updated", "updates", "edit", "edited", "correct",
		"corrected", "fix", "fixed", "modified", "amended", "andern", "andert", "geandert", "aktualisieren",
		"aktualisiert", "bearbeiten", "korrigieren", "korrigiert", "berichtigen", "modifie", "modifier", "change",
		"changer", "corrige", "corriger", "rectifie", "cambia", "cambian", "cambiar", "modifica", "modifican",
		"modificar", "corrige", "corrigen", "corregir", "actualiza", "actualizar", "edita", "corregge", "correggono",
		"correggere", "aggiorna", "aggiornare", "cambiare", "modificare", "wijzigt", "wijzigen", "wijzig", "verandert",
		"veranderen", "aanpassen", "pas", "corrigeert", "corrigeren", "muda", "mudar", "altera", "alterar", "corrigir",
		"atualiza", "atualizar", "edita", "editar", "cambi", "modifichi", "corregga")
	reflexive50 = set("se", "si", "sich")
	letVerbs50  = set("lasst", "lassen", "laat", "laten", "puede", "pueden", "puo", "possono", "pode", "podem", "peut",
		"peuvent", "kann", "konnen")
	passive50   = set("is", "are", "be", "been", "being", "wird", "werden", "wordt", "worden")
	politeYou50 = set("sie", "u", "vous", "usted", "lei", "voce", "you")
	howPreps50  = set("in", "under", "via", "through", "from", "unter", "uber", "im", "dans", "depuis", "sous", "par",
		"en", "desde", "mediante", "tramite", "nelle", "nella", "nel", "da", "dalla", "dal", "dallo", "dalle", "dai", "onder", "bij", "op", "em", "no", "na",
		"pela", "pelo", "atraves", "by", "con", "com", "met", "mit", "avec", "online")
	pointerDemos50 = set("that", "this", "esa", "ese", "esta", "este", "essa", "esse", "quella", "quello", "questa",
		"questo", "dat", "deze", "diese", "dieser", "cette", "ce", "celle", "celui", "dieses")
)

// policy50 reports whether the clause [from, to) after a no states a
// policy: a negation and a word of effect ("doesn't affect", "hat keinen
// Einfluss", "n'a aucune incidence"), or "another X than" with a word of
// what can be done ("can't be sent to a different card than the one
// used", "op een andere kaart dan de gebruikte is niet mogelijk").
func (t *text) policy50(from, to int) bool {
	neg, effect, other, than, can := false, false, -1, false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if len(w) > 4 && w[0] == 'n' && effect50[w[1:]] {
			return true // "n'affecte pas", "n'influe pas"
		}
		neg = neg || neg50[w] || w == "aucune" || w == "aucun" || w == "ningun" || w == "ninguna" || w == "nessun" ||
			w == "nessuna" || w == "nenhum" || w == "nenhuma" || w == "cant" || w == "cannot"
		effect = effect || effect50[w]
		if other < 0 && otherOpeners[w] {
			other = k
		}
		than = than || other >= 0 && k > other && k <= other+4 && than50[w]
		can = can || can50[w]
	}
	for k := from; neg && !effect && k+1 < to; k++ {
		effect = effectPairs50[string(t.tokBytes(k))+" "+string(t.tokBytes(k+1))]
	}
	return neg && effect || than && can
}

var (
	effect50 = set("affect", "affects", "influence", "influences", "impact", "impacts", "einfluss", "beeinflusst",
		"auswirkung", "auswirkungen", "influe", "incidence", "affecte", "afecta", "afectan", "influye", "influyen",
		"influencia", "incide", "influisce", "influiscono", "influenza", "invloed", "beinvloedt", "effect", "afeta",
		"afetam", "interfere", "matter", "matters", "rolle", "importa", "uitmaken", "affectent", "influent", "impacte",
		"naffecte", "naffectent", "ninflue", "ninfluent", "ninfluence", "nimpacte")
	// effectPairs50 are words of effect in two tokens: "conta para",
	// "niet uit" ("maakt niet uit"), "joue pas".
	effectPairs50 = set("conta para", "cuenta para", "conta per", "niet uit", "nichts aus", "joue pas", "joue aucun",
		"speelt geen", "spielt keine")
	than50 = set("than", "als", "que", "di", "dan", "da", "do", "from", "a")
	can50  = set("can", "cant", "cannot", "only", "possible", "impossible", "moglich", "unmoglich", "nur", "kann",
		"konnen", "possible", "peut", "pouvons", "seulement", "uniquement", "puede", "podemos", "posible", "solo",
		"solamente", "puo", "possiamo", "possibile", "soltanto", "kan", "kunnen", "mogelijk", "alleen", "pode",
		"podemos", "possivel", "apenas", "policy", "politik", "politique", "politica", "beleid", "regra", "rule", "regel",
		"regla", "regola")
)

// policyAt50 is policy50 on the clause of token i.
func (t *text) policyAt50(i int) bool {
	from, to := t.clauseOf(i)
	return t.policy50(from, to) && !t.verdictAfter55(from)
}

// words50 are the cue words of the readings of this file: a sentence
// without one skips formal50 and nearMiss50 (a near miss names a part, a
// formal verdict says who gave the value). shapes50 and tails50 hold
// their shapes (first and last letter with the length), a test of a
// token's fields before its text is sliced and looked up.
var (
	words50  = union(parts50, said50, said56, another56, mailProviders, nothing56)
	shapes50 = shapes(words50)
	tails50  = func() (t [256]uint32) {
		for w := range words50 {
			if n := len(w); n > 0 && n < 32 {
				t[w[n-1]] |= 1 << n
			}
		}
		return t
	}()
)

// cue50 reports whether tk may be one of words50: its first letter and
// length, and its last letter and length, are those of one of them.
func cue50(tk *tok) bool {
	return tk.len6 < 32 && shapes50[tk.head6]&(1<<tk.len6) != 0 && tails50[tk.tail6]&(1<<tk.len6) != 0
}

// partPlace50 reports whether the of-phrase after the part at token i
// says where in the value or how it is off: "un chiffre de travers", "les
// chiffres du milieu", "the digits at the end".
func (t *text) partPlace50(i, to int) bool {
	k := i + 2
	if k < to && possessiveArticles[string(t.tokBytes(k))] {
		k++
	}
	if k >= to {
		return false
	}
	w := string(t.tokBytes(k))
	return off50[w] || placeInValue50[w]
}

// placeInValue50 name a place in a value: its middle, end or start.
var placeInValue50 = set("middle", "end", "start", "beginning", "mitte", "ende", "anfang", "milieu", "fin", "debut",
	"medio", "final", "principio", "inicio", "mezzo", "fine", "inizio", "midden", "einde", "begin", "meio", "fim",
	"comeco")

// countryAdj50 are countryAdjectives with their feminine forms: "la
// francesa", "l'allemande", "a alemã".
var countryAdj50 = union(countryAdjectives, set("alemana", "francesa", "espanola", "italiana", "holandesa", "portuguesa",
	"allemande", "francaise", "espagnole", "italienne", "neerlandaise", "portugaise", "tedesca", "spagnola", "alema",
	"espanhola", "deutsch", "franzosisch", "spanisch", "italienisch", "niederlandisch", "portugiesisch", "franzosische",
	"spanische", "italienische", "niederlandische", "portugiesische", "olandese", "portoghese", "francese"))

// tell50 are verbs of telling a refusal may hold besides sayVerbs.
var tell50 = set("tell", "say", "sagen", "verraten", "dire", "decir", "decirle", "dire", "dirle", "zeggen", "vertellen",
	"dizer", "revelar", "reveal", "confirm", "bestatigen", "confirmer", "confirmar", "confermare", "bevestigen")

// ours50 are the business's possessives ourWords may miss.
var ours50 = set("our", "onze", "ons", "unser", "unsere", "unserer", "unseren", "notre", "nos", "nuestro", "nuestra",
	"nuestros", "nuestras", "nostro", "nostra", "nostri", "nostre", "nosso", "nossa", "nossos", "nossas")

// whether50 reports whether token k (in a sentence opening at from) asks
// whether or sets a condition: "whether", "ob", "si" and the like, and
// Dutch "als" opening its sentence or "of" after a verb of saying or
// knowing ("kan ik u zeggen of ...").
func (t *text) whether50(k, from int) bool {
	w := string(t.tokBytes(k))
	switch {
	case w == "als":
		return k == from || t.toks[k-1].flags&fPunctAfter != 0
	case w == "of":
		if k == from {
			return false
		}
		p := string(t.tokBytes(k - 1))
		return tell50[p] || knowVerbs50[p] || t.toks[k-1].flags&fPunctAfter != 0
	}
	return whetherWords[w]
}

// knowVerbs50 are Dutch verbs of knowing or checking before "of".
var knowVerbs50 = set("weten", "weet", "zien", "kijken", "controleren", "nagaan", "checken", "bekijken", "vertellen")

// codes50 name codes and numbers that are not hers: a tracking number, a
// password, a voucher (normalised).
var codes50 = set("captcha", "password", "passwort", "pin", "otp", "coupon", "voucher", "gutschein", "cupon", "buono",
	"tracking", "sendungsnummer", "suivi", "seguimiento", "tracciamento", "rastreio", "reference", "referenz",
	"referencia", "riferimento", "referentie", "ticket", "ticketnummer", "dossiernummer", "booking", "buchung",
	"reservation", "reservierung", "reserva", "prenotazione", "boeking", "motdepasse", "contrasena", "wachtwoord",
	"senha")

// ofArticles50 are "of" fused with an article: "du profil", "do seu
// processo", "del suo fascicolo".
var ofArticles50 = set("du", "do", "da", "dos", "das", "del", "della", "dello", "dei", "delle", "degli", "des", "der",
	"van", "vom", "of")

// verdictAfter55 reports whether, after the clause of token i (a how-to
// or a policy after a yes or a no), the rest of its sentence or the
// sentence after it judges the value: a word of verdict, sameness or
// record (judgeWords53, registeredWords, isRecordWord), a negation, a
// pointer at "that one" ("Ja, die Karte ändern Sie in der Wallet, das ist
// die hinterlegte"; "No, that card doesn't affect anything because it
// isn't the one on file"; "Yes, the email is changed in Settings. It's
// already that one": attack55).
func (t *text) verdictAfter55(i int) bool {
	_, send := t.sentenceOf(i)
	e := t.clauseEnd50(i, send)
	for k := i + 1; k < e; k++ {
		if w := string(t.tokBytes(k)); because55[w] || contrast53[w] || and55[w] {
			e = k // "… no afecta a nada porque no es la registrada", "… ma è corretto": a clause of its own
			break
		}
	}
	end := send
	if send < len(t.toks) {
		_, end = t.sentenceOf(send)
	}
	for k := e; k < end; k++ {
		w := string(t.tokBytes(k))
		if tailJudge55[w] || contrast53[w] || neg50[w] || registeredWords[w] || isRecordWord(w) || verdictTail55[w] {
			return true
		}
	}
	return false
}

// because55 open a clause of reason, and55 join one (normalised).
var and55 = set("and", "und", "et", "y", "e", "ed", "en")
var because55 = set("because", "since", "as", "weil", "da", "denn", "parce", "car", "puisque", "porque", "pues", "perche",
	"poiche", "omdat", "want", "aangezien", "pois")

// verdictTail55 are the words after a how-to or a policy that point at
// the value on file (normalised): "the one", "hinterlegte", "la buena".
var verdictTail55 = set("one", "1", "yours", "tuyo", "tuya", "suyo", "suya", "tuo", "jouwe", "corretto", "corretta",
	"hinterlegte", "hinterlegten", "gespeicherte", "registrierte", "bonne", "bon", "buena", "bueno", "buona", "buono",
	"goede", "boa", "bom", "richtige", "richtigen", "juiste", "quello", "quella", "celle", "celui", "aquela", "aquele")

// tailJudge55 are judgeWords53 without the business's possessives: "that's
// our policy" after a policy judges nothing.
var tailJudge55 = func() map[string]bool {
	m := map[string]bool{}
	for w := range judgeWords53 {
		m[w] = true
	}
	for _, w := range []string{"our", "ours", "unsere", "unser", "unserer", "unseren", "unserem", "nos", "notre", "nuestro",
		"nuestra", "nuestros", "nuestras", "nostro", "nostra", "nostri", "nostre", "onze", "ons", "nosso", "nossa", "nossos", "nossas"} {
		delete(m, w)
	}
	return m
}()
