package guard

// procphone35.go (a30c): which of her phones, told by its country, its
// country code or its first digits, inside a process answer: "Yes, we'll
// text the French mobile, not the German one", "you'll get the code on
// your +33 line", "recibirá el SMS en la línea con prefijo francés",
// "vous recevrez le code sur le numéro en 06", "we will text the +49 1512
// one". countryNamed (country.go) leaves a sentence opened by "yes" to
// the answer's readings ("Yes, the French mobile is still registered");
// here the sentence does something with the phone — texts, calls, sends
// a code to it, uses it — so it says she has one of that country. The
// qualifier is one of her phones': the adjective or name of its country,
// its country code, the code with its first digits, or its trunk prefix
// and first digits ("06", "0151"). The business's lines ("our French
// line"), any of a kind ("any French number", "a German mobile"), a
// condition and a question pass.

// procPhoneNouns name a phone or its prefix (normalised).
var procPhoneNouns = set("mobile", "phone", "number", "cell", "cellphone", "line", "landline", "handy", "handynummer",
	"mobilnummer", "nummer", "telefonnummer", "leitung", "mobiltelefon", "portable", "numero", "telephone", "ligne", "movil",
	"telefono", "linea", "celular", "cellulare", "mobiel", "mobiele", "mobieltje", "gsm", "telefoon", "telefoonnummer", "lijn",
	"telemovel", "telefone", "linha", "prefix", "vorwahl", "landervorwahl", "indicatif", "prefijo", "prefisso",
	"voorvoegsel", "landcode", "indicativo", "1")

// procPrefixNouns name a phone's prefix (normalised).
var procPrefixNouns = set("prefix", "vorwahl", "landervorwahl", "indicatif", "prefijo", "prefisso", "voorvoegsel",
	"landcode", "indicativo")

// procPhoneShape holds the shapes of the phone nouns and "code".
var procPhoneShape = shapesOf(keysOf(procPhoneNouns), []string{"code"})

// procPhoneFillers may stand between a country's adjective and the noun
// ("the French country code", "het Franse mobiele nummer").
var procPhoneFillers = set("country", "mobile", "mobiele", "cell", "mobil", "calling", "dialling", "dialing")

// procPhoneLinks may stand between a phone noun and its digits ("le
// numéro en 06", "el número que empieza por 06", "the number with the
// +33 prefix").
var procPhoneLinks = set("en", "with", "mit", "avec", "con", "com", "met", "que", "empieza", "por", "starting", "starts",
	"begins", "beginning", "commence", "commencant", "par", "beginnt", "inizia", "begint", "comeca", "the", "die", "der",
	"le", "la", "el", "il", "o", "a", "het", "de", "that", "which", "di", "da")

// procPhonePreps come between a phone noun and her country's name ("the
// mobile from France", "le portable d'Allemagne").
var procPhonePreps = set("from", "in", "of", "aus", "de", "d", "del", "di", "da", "do", "uit", "van")

// procPhoneActs are the words of a process done with a phone: texting,
// calling, sending or getting a code, using it (normalised).
var procPhoneActs = set("text", "texts", "texting", "texted", "call", "calls", "calling", "send", "sends", "sending",
	"get", "gets", "receive", "receives", "use", "uses", "code", "sms", "message", "ring", "reach", "write", "go", "goes",
	"backup", "schicken", "senden", "schreiben", "rufen", "anrufen", "anruf", "bekommen", "erhalten", "nutzen", "benutzen",
	"verwenden", "kommt", "geht", "reserve", "nachricht", "envoyer", "enverrons", "enverra", "envoie", "appellerons",
	"appeler", "appellera", "appel", "recevrez", "recevoir", "recevra", "utilisera", "utiliserons", "utiliser", "ecrirons",
	"ecrire", "partira", "arrivera", "secours", "texto", "codigo", "enviaremos", "enviar", "enviara", "llamaremos", "llamar",
	"llamada", "recibira", "recibir", "usaremos", "usar", "escribiremos", "ira", "llegara", "respaldo", "mensaje",
	"codice", "invieremo", "inviare", "chiameremo", "chiamare", "chiamata", "ricevera", "ricevere", "useremo", "usare",
	"scriveremo", "andra", "riserva", "messaggio", "sturen", "sturen", "bellen", "gebeld", "oproep", "krijgt", "ontvangt",
	"gebruiken", "gaat", "komt", "smsen", "sms'en", "bericht", "ligaremos", "ligar", "chamada", "recebera", "receber",
	"escreveremos", "vai", "chegara", "alternativa", "mensagem", "receba", "recebe", "enviamos", "sturen", "verzenden")

// phoneToldInProcess reports whether a sentence of t does something with
// one of her phones told by its country, code or first digits (see
// above).
func (m *Matcher) phoneToldInProcess(t *text) bool {
	if len(m.phoneDigits) == 0 {
		return false
	}
	for i := range t.toks {
		if !procPhoneShape.hasTok(&t.toks[i]) {
			continue // a cheap test first: most words are no phone noun
		}
		w := string(t.tokBytes(i))
		if !t.is52(i, x52ProcPhone) && w != "1" && !(w == "code" && i > 0 && t.is52(i-1, x52ProcCode)) { // procPhoneNouns, procCodeLeads
			continue
		}
		from, to := t.sentenceOf(i)
		if t.is52(i, x52ProcPrefix) || w == "code" {
			// a prefix is hers beside a phone noun or a possessive: "the
			// number with the +33 prefix", "la línea con prefijo francés",
			// not "use the +33 prefix from abroad"
			own := false
			for j := max(from, i-5); j < i; j++ {
				x := string(t.tokBytes(j))
				own = own || (t.is52(j, x52ProcPhone) || x == "1") && !t.is52(j, x52ProcPrefix) || secondPerson[x]
			}
			if !own {
				continue
			}
		}
		if t.toks[i].flags&fQuestion != 0 || !m.phoneQualified(t, i, from, to) || !t.procPhoneAct(from, i, to) {
			continue
		}
		return true
	}
	return false
}

// procPhoneAct reports whether the sentence [from, to) does something
// with a phone, and is none of the business's ("call us on +33 1 ..."),
// no condition before the phone noun at i (its "yes" is none: "Sí", "Si")
// and no choice of any.
func (t *text) procPhoneAct(from, i, to int) bool {
	act := false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if ourWords[w] || anyWords[w] || procUs[w] || procEvery[w] {
			return false
		}
		act = act || procPhoneActs[w]
	}
	if from < i && yesWordSet[string(t.tokBytes(from))] {
		from++
	}
	switch string(t.tokBytes(from)) {
	case "call", "text", "send", "use", "dial", "ring", "ruf", "rufen", "appelez", "composez", "utilisez":
		return false // "Yes, call the German line for help": an instruction, no phone of hers
	}
	return act && !t.condBefore(from, i)
}

// procUs are the business as an object: "call us", "rufen Sie uns an"
// (normalised).
var procUs = set("us", "uns", "ons")

// procEvery say any phone of a kind: "jede französische Nummer", "elk
// Duits nummer" (normalised).
var procEvery = set("every", "each", "jede", "jeder", "jedes", "jeden", "elk", "elke", "chaque", "cada", "ogni")

// procCodeLeads make "code" the prefix of a phone: "the French country
// code".
var procCodeLeads = set("country", "calling", "dialling", "dialing", "area")

// procIndefinites are the indefinite articles after which a phone noun
// is any of a kind ("un numero di Francia"); Portuguese "a" is the
// definite one after the noun.
var procIndefinites = set("an", "ein", "eine", "einen", "einem", "un", "une", "uno", "una", "een", "um", "uma")

// phoneQualified reports whether the phone noun at token i is qualified
// as one of hers: her phone's country (adjective or name), code or first
// digits beside it, with no indefinite article before it.
func (m *Matcher) phoneQualified(t *text, i, from, to int) bool {
	w := string(t.tokBytes(i))
	// before the noun: "the French mobile", "your +33 line", "the 06
	// number", "the +49 1512 one", "het Franse mobiele nummer"
	j := i - 1
	for j >= from && j >= i-2 && t.is52(j, x52ProcFiller) { // procPhoneFillers
		j--
	}
	if j >= from {
		x := string(t.tokBytes(j))
		if m.herPhoneCountryAdj(x) && !(j > from && indefinites[string(t.tokBytes(j-1))]) {
			return true
		}
		if t.digitsTok(j) {
			// the whole run before the noun: "+49 1512"
			var buf [24]byte
			s := j
			for s-1 >= from && t.digitsTok(s-1) && j-s < 4 {
				s--
			}
			d := buf[:0]
			for n := s; n <= j && len(d)+len(t.tokBytes(n)) <= len(buf); n++ {
				d = append(d, t.tokBytes(n)...)
			}
			if m.herPhoneHead(d) && (w != "1" || len(d) >= 4 && i+1 < to && !t.digitsTok(i+1)) {
				return true // "one" after a code with its first digits: "the +49 1512 one"
			}
		}
	}
	if w == "1" {
		return false // "one" only after the qualifier
	}
	indef := i > from && procIndefinites[string(t.tokBytes(i-1))]
	if indef {
		return false
	}
	// after the noun: "le mobile allemand", "la ligne +33", "the mobile
	// from France", "le numéro en 06", "el número que empieza por 06"
	if i+1 < to {
		x := string(t.tokBytes(i + 1))
		if m.herPhoneCountryAdj(x) {
			return true
		}
		if procPhonePreps[x] && i+2 < to && m.herPhoneCountryName(t, i+2) {
			return true
		}
	}
	for k := i + 1; k < to && k <= i+4; k++ {
		x := t.tokBytes(k)
		if isDigitTok(x) {
			// the whole run: "the number 06 12 34 56 78" is another
			// number, not her prefix
			var buf [24]byte
			d := append(buf[:0], x...)
			for n := k + 1; n < to && t.digitsTok(n) && len(d)+len(t.tokBytes(n)) <= len(buf); n++ {
				d = append(d, t.tokBytes(n)...)
			}
			return m.herPhoneHead(d)
		}
		if !procPhoneLinks[string(x)] && !procPhoneNouns[string(x)] {
			break
		}
	}
	return false
}

// countryOfAdj and countryOfName map a country's adjectives and names
// (countryAdjs, countryNames) to its ISO code.
var countryOfAdj, countryOfName = func() (a, n map[string]string) {
	a, n = map[string]string{}, map[string]string{}
	for c, ws := range countryAdjs {
		for _, w := range ws {
			a[w] = c
		}
	}
	for c, ws := range countryNames {
		for _, w := range ws {
			n[w] = c
		}
	}
	return a, n
}()

// herPhoneCountry reports whether country c is the country of one of her
// phones (by its calling code).
func (m *Matcher) herPhoneCountry(c string) bool {
	for _, p := range m.phoneDigits {
		for n := 1; n <= 3 && n < len(p); n++ {
			if pc := phoneCountries[p[:n]]; pc != "" {
				if pc == c {
					return true
				}
				break
			}
		}
	}
	return false
}

// herPhoneCountryAdj reports whether w is an adjective of the country of
// one of her phones.
func (m *Matcher) herPhoneCountryAdj(w string) bool {
	c, ok := countryOfAdj[w]
	return ok && m.herPhoneCountry(c)
}

// herPhoneCountryName reports whether token k opens the name of the
// country of one of her phones (one word: "Frankreich", "França").
func (m *Matcher) herPhoneCountryName(t *text, k int) bool {
	c, ok := countryOfName[string(t.tokBytes(k))]
	return ok && m.herPhoneCountry(c)
}

// herPhoneHead reports whether the digits d open one of her phones: its
// country code ("33"), the code with its first digits ("491512"), or
// its trunk prefix with its first digits ("06", "0151"), short of the
// whole number.
func (m *Matcher) herPhoneHead(d []byte) bool {
	if len(d) < 2 {
		return false
	}
	for i, p := range m.phoneDigits {
		nat := m.phones[i]
		cc := p[:len(p)-len(nat)]
		switch {
		case string(d) == cc:
			return true
		case len(d) >= 4 && len(d) < len(p) && p[:len(d)] == string(d) && string(d[:len(cc)]) == cc:
			return true
		case d[0] == '0' && len(d) <= 5 && len(d)-1 <= len(nat) && nat[:len(d)-1] == string(d[1:]):
			return true
		}
	}
	return false
}
