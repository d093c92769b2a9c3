package guard

import "strings"

// Answers after a quoted value (quote24.go). A pointer to where she can
// look herself ("Please check it under My orders once you're signed in")
// or a "cannot check here" was, for one round, let stand beside her own
// quoted words; two attacks (attack54.txt, attack57.txt) got 185 and then
// 176 leaks through it in words no reading knew ("Check your statement,
// bang on"), so it is gone: her quoted values pass only beside a refusal
// or the process, as before. What stays: a short verdict before a pointer
// is a verdict (openingVerdict53), and quotes that open with a day's
// ordinal or an abbreviation end at their question mark
// (ordinalOrAbbrev53).

// openingVerdict53 returns the verdict of rest's first clause, checked
// alone under the offered classes, when that clause is short (at most
// three words), what follows it sends her to look herself
// (selfService53), and it is a confirmation or a denial, and rest refuses
// nothing and answers no how-to; else v. rest is the
// answer after a quoted value: "> was it my card 7158? Yes, check your bank
// app for the details" opens with a yes, and the pointer after it (read
// whole, an answer about the app) must not carry the yes through. "No, I
// can't check that here" and "Yes, you can change it in Settings" keep
// their reading.
func openingVerdict53(rest string, offered []string, check func(reply string, offered []string) Verdict, v Verdict) Verdict {
	first := rest
	if i := strings.IndexAny(first, ",;:.!?—–("); i >= 0 {
		first = first[:i]
	}
	if i := strings.Index(first, " - "); i >= 0 {
		first = first[:i]
	}
	if len(first) == len(rest) || len(strings.Fields(first)) > 3 {
		return v // only a short verdict before a pointer to self-service
	}
	w := check(first, offered)
	if !w.Blocked || w.Rule != RuleConfirmation && w.Rule != RuleDenial {
		return v
	}
	r := textPool.Get().(*text)
	defer textPool.Put(r)
	r.normalize(rest[len(first):])
	if !r.selfService53() {
		return v
	}
	r.normalize(rest)
	if r.cannotCheck53() || r.refusesOrProcess24() {
		return v
	}
	return w
}

// cannotCheck53 reports whether a sentence of t says the agent cannot
// check (cannotSentence53).
func (t *text) cannotCheck53() bool { return t.anySentence53(t.cannotSentence53) }

// anySentence53 reports whether f holds for one of t's sentences [a, b).
func (t *text) anySentence53(f func(a, b int) bool) bool {
	for a := 0; a < len(t.toks); {
		_, b := t.sentenceOf(a)
		if b <= a {
			b = a + 1
		}
		if f(a, b) {
			return true
		}
		a = b
	}
	return false
}

// cannotSentence53 reports whether tokens [a, b) say the agent cannot
// check: a modal of ability, a verb of checking, and a negation between
// them or just before the first, with no conjunction in that span
// ("Telefonnummern kann ich im Chat grundsätzlich nicht abgleichen", "je
// ne peux pas le vérifier", "no puedo comprobarlo"); "I can check that and
// it isn't wrong" has its negation on another clause.
func (t *text) cannotSentence53(a, b int) bool {
	modal, check := -1, -1
	for k := a; k < b; k++ {
		w := string(t.tokBytes(k))
		if modal < 0 && (processModals[w] || ableWords53[w] || cannotWords53[w]) {
			modal = k
		}
		if check < 0 && (checkWords43[w] || checkWords30[w] || checkVerbs[w] || checkMore53[w]) {
			check = k
		}
	}
	if modal < 0 || check < 0 {
		return false
	}
	lo, hi := min(modal, check), max(modal, check)
	if cannotWords53[string(t.tokBytes(modal))] {
		lo = modal
	} else {
		lo = max(a, lo-2)
	}
	neg := false
	for k := lo; k <= hi; k++ {
		w := string(t.tokBytes(k))
		if conj53[w] && k > min(modal, check) {
			return false
		}
		neg = neg || negations[w] || noDeterminers[w] || cannotWords53[w] || w == "ne"
	}
	return neg
}

// pointerSentence53 reports whether tokens [a, b) send her to a place of
// self-service with a verb of looking and no first person ("I see …").
func (t *text) pointerSentence53(a, b int) bool {
	look, place := false, false
	for k := a; k < b; k++ {
		w := string(t.tokBytes(k))
		if firstPerson53[w] || w == "i" && k+1 < b && (lookVerbs53[string(t.tokBytes(k+1))] || processModals[string(t.tokBytes(k+1))]) {
			return false // "I see it in your orders" (Italian "i" is an article: "in I miei ordini")
		}
		look = look || lookVerbs53[w]
		place = place || selfPlaces53[w] || loginWords[w] || accountNouns[w]
	}
	return look && place
}

// ableWords53 are the modals of ability processModals lacks, cannotWords53
// a modal and its negation in one token, checkMore53 the verbs of checking
// the check sets lack, with their clitics (normalised); not verbs of
// seeing: "Je ne peux voir cette carte nulle part" denies (attack54).
var (
	ableWords53 = set("konnen", "konnte", "puis", "pueden", "podemos", "consigo", "conseguimos", "possono", "possiamo",
		"kunnen", "kun", "mogen", "darf", "durfen", "able", "allowed", "permitted", "autorise", "autorisee")
	cannotWords53 = set("cannot", "cant", "couldnt", "unable")
	checkMore53   = set("mirarlo", "mirarla", "comprobarlo",
		"comprobarla", "verificarlo", "verificarla", "controllarli", "controllarlo", "controllarla", "verificarli",
		"verificarlo", "controlarlo", "conferir", "nagaan", "checken", "match", "compare", "comparer", "comparar",
		"confrontare", "vergleichen", "vergelijken", "lookup", "checked", "verified", "compared", "gepruft", "uberpruft",
		"verifie", "verifiee", "verifies", "verifiees", "comprobado", "comprobados", "verificado", "verificados", "verificato",
		"verificati", "gecontroleerd", "geverifieerd", "verificadas", "controlados", "controllati")
)

// selfService53 reports whether a sentence of t points the requester to a
// place of self-service (her account, the portal, the app, her orders, her
// bank) with a verb of looking ("check", "prüfen Sie", "consultez",
// "revisa", "controlli", "bekijk", "veja"): pointerSentence53.
func (t *text) selfService53() bool { return t.anySentence53(t.pointerSentence53) }

// Words of self-service (normalised): verbs of looking, in the imperative
// or infinitive; the places she looks in.
var (
	lookVerbs53 = set("check", "see", "look", "review", "find", "view", "consult",
		"prufen", "prufe", "uberprufen", "sehen", "siehst", "schauen", "schau", "nachsehen", "finden", "findest", "einsehen", "zeigt",
		"consultez", "consulter", "verifiez", "verifier", "voyez", "voir", "regardez", "regarder", "retrouvez", "vois", "consulte",
		"revisa", "revise", "revisar", "revisalo", "compruebalo", "miralo", "consultalo", "verificalo", "mirala", "revisala", "consulta", "consultar", "mira", "mire", "comprueba", "compruebe", "verifica", "verifique", "ver",
		"controlli", "controlla", "controllare", "verifichi", "consulti", "guardi", "guarda", "veda", "vede", "trova", "trovi",
		"bekijk", "kijk", "controleer", "zie", "bekijken", "kijken", "controleren",
		"veja", "confira", "consulte", "verificar", "vê", "ve", "verifica",
		"show", "shows", "tell", "tells", "zeigt", "zeigen", "montre", "montrera", "dira", "muestra", "mostrara", "dara",
		"mostra", "mostrera", "dira", "toont", "laat", "mostra", "diz", "dice", "ves", "ziet", "zie", "vede", "vedere", "voyez", "vois", "toont", "mostrera", "montrera",
		"mostrara", "mostrar", "mostrera", "vindt", "encuentras", "encontraras", "encontra", "trouverez", "trovera", "finden")
	selfPlaces53 = set("portal", "kundenportal", "portail", "portale", "app", "application", "appli", "aplicacion", "aplicacao",
		"settings", "einstellungen", "parametres", "ajustes", "impostazioni", "instellingen", "definicoes", "configuracoes",
		"orders", "bestellungen", "commandes", "pedidos", "ordini", "bestellingen", "encomendas",
		"bank", "banking", "bankapp", "banque", "bancaire", "banco", "bancaria", "banca", "bancario", "bankapp", "bancaria",
		"statement", "kontoauszug", "releve", "extracto", "estratto", "bankafschrift", "extrato",
		"invoices", "billing", "rechnungen", "factures", "facturas", "fatture", "facturen", "faturas", "portaal",
		"accountinstellingen", "kontoeinstellungen", "profiel", "profil", "perfil", "profilo", "profile", "konto", "compte",
		"daten", "donnees", "datos", "dati", "gegevens", "dados", "kundenkonto", "espace", "area", "omgeving", "bereich")
)

// ordinalOrAbbrev53 reports whether the '.' at s[i] ends a day's ordinal
// before a month's name ("3. November", "14. Februar": German, Dutch and
// Scandinavian dates) or an abbreviation of abbrevs53 before a number
// ("geb. 1979", "Nr. 5", "Str. 12"), not a sentence; "Yes. 2 days after
// you verify" ends one (attack54).
func ordinalOrAbbrev53(s string, i int) bool {
	a := i
	for a > 0 && s[a-1] != ' ' && s[a-1] != '>' {
		a--
	}
	word := s[a:i]
	if i+2 >= len(s) || s[i+1] != ' ' || word == "" || len(word) > 4 {
		return false
	}
	next := s[i+2:]
	if e := strings.IndexAny(next, " ,.;:?!"); e >= 0 {
		next = next[:e]
	}
	digits, letters := 0, 0
	for k := 0; k < len(word); k++ {
		switch c := word[k]; {
		case c >= '0' && c <= '9':
			digits++
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			letters++
		}
	}
	switch {
	case digits == len(word) && digits <= 2:
		m, ok := canon[strings.ToLower(next)]
		return ok && len(m) == 3 && m[0] == 'm'
	case letters == len(word) && abbrevs53[strings.ToLower(word)]:
		return next != "" && next[0] >= '0' && next[0] <= '9'
	}
	return false
}

// Words that judge a value (normalised; judgeWords53: yes or no, right or
// wrong, same or different, a reference back to her words, the business's
// own data), read after a how-to or a policy (verdictAfter55); contrast53
// and conj53 join clauses; firstPerson53 make "I see" the agent's look,
// not hers (pointerSentence53).
var (
	judgeWords53 = set("yes", "yeah", "yep", "yup", "yea", "nope", "nah", "ja", "jep", "jawohl", "jo", "nein", "nee", "oui",
		"ouais", "sim", "sip", "vale", "right", "wrong", "correct", "incorrect", "true", "false", "mistake", "mistaken", "error",
		"guessed", "guess", "spot", "bingo", "indeed", "exactly", "precisely", "same", "different", "differs", "another", "other",
		"else", "very", "identical", "matches", "nailed", "memory", "remembered", "remember", "correctly", "misremember",
		"misremembered", "treffer", "recht", "equivocas", "indovinato", "raison", "tort", "gelijk", "razao", "razon", "woanders",
		"elsewhere", "ailleurs", "altrove", "named", "rings", "ring", "anywhere", "nowhere", "nirgends", "nirgendwo", "nulle", "nergens", "matching", "looks", "seems", "mention", "mentioned", "mentions", "cite",
		"cited", "quote", "quoted", "gave", "given", "said", "indicated", "our", "ours", "okay", "matched",
		"richtig", "falsch", "korrekt", "fehler", "irren", "irrt", "irrtum", "wahr", "stimmt", "genau", "exakt", "selbe",
		"dieselbe", "derselbe", "dasselbe", "gleiche", "gleichen", "andere", "anderen", "anders", "anderer", "passt", "genannt",
		"genannte", "genannten", "angegeben", "angegebene", "angegebenen", "erwahnt", "erwahnte", "nennen", "scheint", "unsere",
		"unser", "unserer", "unseren", "unserem",
		"juste", "faux", "vrai", "erreur", "trompez", "trompe", "exact", "exacte", "exactement", "meme", "autre", "autres",
		"differente", "pareil", "identique", "correspond", "citez", "indique", "indiquee", "mentionne", "mentionnee", "semble",
		"nos", "notre",
		"cierto", "falso", "equivocada", "equivocado", "equivoca", "exacto", "exactamente", "misma", "mismo", "otra", "otro",
		"distinta", "distinto", "igual", "coincide", "coinciden", "mencionas", "menciona", "mencionada", "indicas", "dices",
		"dijiste", "diste", "parece", "nuestro", "nuestra", "nuestros", "nuestras", "correcto", "correcta",
		"vero", "giusto", "giusta", "sbagliato", "sbagliata", "errore", "sbaglia", "esatto", "esatta", "esattamente", "proprio",
		"stessa", "stesso", "altra", "altro", "diversa", "diverso", "corrisponde", "citi", "cita", "indicato", "indicata",
		"menzionato", "detto", "sembra", "nostro", "nostra", "nostri", "nostre",
		"goed", "fout", "juist", "waar", "onjuist", "vergist", "klopt", "precies", "zelfde", "dezelfde", "hetzelfde", "ander",
		"overeen", "noemt", "noemde", "genoemd", "opgegeven", "lijkt", "onze", "ons",
		"certo", "certa", "errado", "errada", "verdade", "engano", "engana", "correto", "correta", "exato", "exata",
		"exatamente", "mesma", "mesmo", "outra", "outro", "diferente", "bate", "confere", "refere", "referiu", "indicou",
		"mencionou", "disse", "nosso", "nossa", "nossos", "nossas",
		// attack57's synonyms
		"bang", "haargenau", "zutreffend", "goldrichtig", "clavado", "acertaste", "azzeccato", "centrato", "raak",
		"affirmative", "affirmatif", "accurate", "legit", "jawoll", "yessir", "aye", "mhm", "nickel", "effectivement",
		"efectivamente", "inderdaad", "daneben", "stimmig")
	contrast53 = set("but", "though", "although", "however", "aber", "doch", "jedoch", "mais", "pourtant", "cependant",
		"pero", "aunque", "sino", "ma", "pero", "tuttavia", "maar", "echter", "mas", "porem", "contudo", "embora")
	conj53 = set("and", "but", "though", "however", "und", "aber", "doch", "sondern", "et", "mais", "pourtant", "y",
		"pero", "sino", "e", "ma", "pero", "en", "maar", "toch", "mas", "porem")
	firstPerson53 = set("ive", "ich", "moi", "yo", "io", "ik", "eu", "we", "wir", "nous", "vemos", "vediamo", "wij", "vemos")
)

// abbrevs53 are the abbreviations read before a number (lower case).
var abbrevs53 = set("geb", "gebr", "nr", "str", "ca", "bzw", "tel", "hnr", "num", "art", "pag", "apt", "ave", "av", "dr",
	"vol", "ref", "nro", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "okt", "nov", "dec", "dez",
	"janv", "fevr", "avr", "juil", "ene", "abr", "ago", "dic", "gen", "mag", "giu", "lug", "set", "ott", "mei", "mrt")
