package guard

import (
	"strconv"
	"time"
)

// Ages told to the person addressed in the forms ageSaid and ageSaid29 do
// not read (g22b, a travel desk's fares and eligibility):
//   - the formal or familiar "you" with its own verb, an adverb between:
//     "Sie sind 46", "usted tiene 46", "lei ne ha 46", "u bent pas 46", "a
//     senhora tem 46", "vous avez 46 ans";
//   - the age to come after a verb of turning and a time between: "Sie
//     werden im November 47", "vous aurez 47 ans cette année";
//   - an age reached at a year: "you won't reach 60 until 2039", "Sie
//     erreichen die 60 erst 2039";
//   - the age's decade narrowed to its part, its approach or "around":
//     "you're in your late forties", "Sie sind Ende vierzig", "vous
//     approchez de la cinquantaine", "u bent bijna vijftig", "usted ronda
//     los cincuenta" (in digits only after a verb of being: "Sie zahlen
//     fast 50" is a price);
//   - a band of ages that holds it: "fica no escalão 45-49";
//   - the year of birth after a gerund of being: "Essendo del '79"
//     (agerel.go's yearFromAt).
// Each needs a person (agePerson32), or a verb that opens the clause with
// its subject left out ("Tienes 46"), and counts within a year either way
// of the age the year of birth gives now.

// Words of these ages (normalised).
var (
	// ageYou32 are the subjects of the person addressed.
	ageYou32 = set("you", "sie", "du", "vous", "tu", "usted", "ustedes", "lei", "voi", "u", "jij", "je", "voce",
		"senhora", "senhor", "ela", "ele", "ella", "el", "she", "he", "er", "elle", "il", "ze", "zij", "hij", "youll",
		"youre", "youd", "shell", "shes", "hell", "hes")
	// ageProDrop32 are the verbs of having an age with the subject left
	// out, opening the clause: "Tienes 46", "Hai 46 anni", "Tens 46 anos".
	ageProDrop32 = set("tienes", "tiene", "hai", "ha", "tens", "tem", "hast", "avete", "tenes")
	// ageHave32 are the verbs of being or having an age after them.
	ageHave32 = set("are", "is", "sind", "bist", "ist", "avez", "as", "a", "etes", "es", "tiene", "tienes", "ha", "hai",
		"e", "bent", "ben", "is", "tem", "tens", "esta", "heeft", "hebt")
	// ageOnly32 may stand between the verb and the age: "u bent pas 46",
	// "lei ne ha 46", "Sie sind erst 46", "usted tiene solo 46".
	ageOnly32 = union(ageAdverbs, set("pas", "erst", "nur", "only", "seulement", "que", "solo", "solamente", "appena",
		"ne", "apenas", "so", "maar", "net", "gerade", "tout", "juste"))
	// ageTurn32 are the verbs of an age to come.
	ageTurn32 = union(turnVerbs, set("werden", "wirst", "werdet", "aurez", "auras", "aurai", "cumples", "cumpliras",
		"cumplira", "compi", "compirai", "compira", "word", "wordt", "fazes", "faras", "fara", "will", "turn", "llegara"))
	// ageWhen32 may stand between a verb of turning and the age: "im
	// November", "this year", "cette année", "en noviembre", "a novembre".
	ageWhen32 = set("im", "in", "en", "em", "nel", "a", "au", "op", "this", "dieses", "diesem", "jahr", "year", "cette",
		"annee", "este", "ano", "anno", "quest", "dit", "jaar", "deze", "next", "nachsten", "naechsten", "prochain",
		"proximo", "prossimo", "volgend", "volgende", "month", "monat", "mois", "mes", "mese", "maand", "no", "de", "el",
		"il", "le", "la", "later", "spater", "plus", "tard", "mais", "tarde", "piu", "dopo", "depois", "schon", "bald",
		"soon", "bientot", "pronto", "presto", "binnenkort", "logo", "then", "dann", "alors", "entonces", "allora", "dan",
		"entao", "ja", "already", "deja", "ya", "gia", "al")
	// ageReach32 are the verbs of reaching an age at a year.
	ageReach32 = set("reach", "reaches", "reached", "hit", "hits", "erreichen", "erreicht", "erreichst", "atteindre",
		"atteindrez", "atteindra", "atteignez", "atteint", "alcanzar", "alcanzara", "alcanza", "alcanzaras",
		"raggiungere", "raggiungera", "raggiunge", "raggiungerai", "bereiken", "bereikt", "bereik", "atingir", "atingira",
		"atinge", "atingiras", "be", "sein", "sera", "serez", "sara", "sarai", "zijn", "zal", "sera", "seras", "tendra",
		"tendras", "avrai", "avra", "hebben", "tera", "teras", "aurez", "aura", "werden", "wird", "turn", "turns")
	// ageUntil32 say "not until (a year)".
	ageUntil32 = set("until", "till", "til", "before", "bis", "erst", "in", "im", "en", "qu", "avant", "hasta", "antes",
		"fino", "al", "nel", "prima", "del", "tot", "pas", "voor", "ate", "em", "no", "antes", "do")
	// beingWords32 are the gerunds of being, before a year of birth
	// ("Essendo del '79", "Sendo de 79", "Siendo del 79", "Étant de 79").
	beingWords32 = set("being", "essendo", "sendo", "siendo", "etant")
	// thingArticles32 open a thing as the subject after it ("Being from
	// 1979, the building ..."; not "le" of "Siendo del 79, le corresponde").
	thingArticles32 = set("the", "der", "die", "das", "el", "los", "las", "il", "lo", "gli", "het", "o", "os", "la", "les")
	// ageDecade32 are the words of an age's decade; digits ("ende 40",
	// "bijna 50") are read with them.
	ageDecade32 = map[string]int{"thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
		"dreissigern": 30, "vierzigern": 40, "funfzigern": 50, "sechzigern": 60, "trentaine": 30, "quarantaine": 40,
		"cinquantaine": 50, "soixantaine": 60, "treintena": 30, "cuarentena": 40, "cincuentena": 50, "sesentena": 60,
		"treinton": 30, "treintona": 30, "cuarenton": 40, "cuarentona": 40, "cincuenton": 50, "cincuentona": 50,
		"trentina": 30, "quarantina": 40, "cinquantina": 50, "sessantina": 60, "trentanni": 30, "quarantanni": 40,
		"cinquantanni": 50, "sessantanni": 60, "trentenne": 30, "quarantenne": 40, "cinquantenne": 50, "dertigers": 30,
		"veertigers": 40, "vijftigers": 50, "zestigers": 60, "trintena": 30, "quarentena": 40, "cinquentena": 50,
		"trintao": 30, "trintona": 30, "quarentao": 40, "quarentona": 40, "cinquentao": 50, "cinquentona": 50}
	// ageDecadePart32 say the part of the decade: 0 early, 1 mid, 2 late
	// (decadeParts), 3 its approach ("nearly fifty").
	ageDecadePart32 = set("early", "mid", "late", "anfang", "mitte", "ende", "debut", "milieu", "fin", "principios",
		"mediados", "finales", "inicio", "meta", "fine", "begin", "midden", "eind", "inicio", "meados", "final", "finais",
		"upper", "lower", "avanzati", "avanzata", "avanzada", "passati")
	// ageAround32 put the age around the decade: "ronda los cincuenta",
	// "sulla cinquantina".
	ageAround32 = set("ronda", "rondas", "rondando", "sulla", "sui", "sul")
	// ageBe32 are more verbs of being at or going toward an age.
	ageBe32 = set("esta", "estas", "sta", "stai", "staat", "gehen", "geht", "gehst", "loopt", "loop", "approchez",
		"approche", "pushing", "youre", "ronda", "rondas", "etes", "sei", "siete", "bent", "ben", "est")
	ageApproach32 = set("approaching", "approach", "nearly", "almost", "nearing", "close", "fast", "bald", "knapp", "pushing",
		"approchez", "approche", "approchant", "presque", "bientot", "casi", "cerca", "rozando", "rozas", "quasi",
		"vicino", "vicina", "verso", "bijna", "tegen", "richting", "quase", "perto", "beira", "aproxima", "aproximando")
)

// decadeFirst32 holds the first letters of the ageDecade32 words.
var decadeFirst32 = func() (f [256]bool) {
	for w := range ageDecade32 {
		f[w[0]] = true
	}
	return f
}()

// ageSaid32 reports whether t tells an age of the person addressed or
// spoken of in one of the forms above that the year of birth by gives.
func (t *text) ageSaid32(by int, now func() time.Time) bool {
	year := 0
	ks := t.numToks // (without a decade's word, only numbers of up to 3 digits read on)
	if t.gate7&g7Decade != 0 {
		ks = t.allToks()
	}
	for _, i32 := range ks {
		i := int(i32)
		tk := &t.toks[i]
		if tk.flags&fQuestion != 0 {
			continue
		}
		// a cheap test on the token's fields first: every token comes here
		if n := tk.len6; tk.shape&tsDigits == 0 || n > 3 {
			if n < 6 || n > 12 || !decadeFirst32[tk.head6] {
				continue // no number of up to 3 digits, no decade's word
			}
		}
		w := t.tokBytes(i)
		if len(w) == 0 {
			continue
		}
		var dec int
		var isDec bool
		if len(w) >= 6 && len(w) <= 12 && decadeFirst32[w[0]] && ageDecadeGate6.tok(tk) {
			dec, isDec = ageDecade32[string(w)] // a cheap test of letters first: every token comes here
		}
		a := 0
		switch {
		case isDigit(w[0]) && len(w) <= 3 && allDigits(w):
			a, _ = dh35Atoi(w)
			if a < 10 || a > 120 {
				continue
			}
		case !isDec:
			continue
		}
		if year == 0 {
			year = now().Year()
		}
		age := year - by // her age this year, or one less before her birthday
		if a > 0 && a <= age && age-a <= 10 && t.ageBand32(i, a, age) {
			return true // "Fica no escalão 45-49", "you're in the 45 to 49 age bracket"
		}
		if a > 0 && abs(age-a) > 1 && a%10 != 0 && !t.yearSoonAfter(i) {
			continue // no age of hers, no decade, no year to reach it at: most numbers
		}
		from, to := t.sentenceOf(i)
		word := func(k int) string {
			if k < from || k >= to {
				return ""
			}
			return string(t.tokBytes(k))
		}
		if a > 0 && a%10 == 0 && !isDec && age >= a-5 && age <= a+10 { // (ageDecadeSaid32 reads no decade further from her age)
			// "Ende 40", "bijna 50", "a finales de los 40", closing its
			// clause ("fast 50 Euro" is a price)
			next := word(i + 1)
			dec, isDec = a, next == "" || t.toks[i].flags&fPunctAfter != 0 || ageYears[next] || next == "zu"
			// and a verb of being before it: "Sie sind Ende 40", not "Sie
			// zahlen fast 50" (a price)
			isDec = isDec && (ageYears[next] || t.ageBeBefore32(i, from))
		}
		if isDec && t.ageDecadeSaid32(i, dec, age, from, to) {
			return true
		}
		if a == 0 {
			continue
		}
		if abs(age-a) <= 1 && t.ageYouHave32(i, from, to) || t.ageReached32(i, a, by, from, to) {
			return true
		}
		if abs(age-a) <= 1 && t.ageTurned32(i, from, to) {
			return true
		}
	}
	return false
}

// ageBand32 reports whether the number a at token i opens an age band
// that holds age (or age-1): its end after it, at most a word for "to"
// between, no wider than ten years, a word for a band or an age group in
// the sentence, and a person or a verb of falling in a band opening it.
func (t *text) ageBand32(i, a, age int) bool {
	k := i + 1
	if k < len(t.toks) && bandTo32[string(t.tokBytes(k))] {
		k++
	}
	if k >= len(t.toks) || t.toks[k].flags&fSentence != 0 {
		return false
	}
	w := t.tokBytes(k)
	if len(w) == 0 || len(w) > 3 || !allDigits(w) {
		return false
	}
	b, _ := strconv.Atoi(string(w))
	if b <= a || b-a > 10 || age-1 > b {
		return false
	}
	from, to := t.sentenceOf(i)
	band := false
	for j := from; j < to; j++ {
		band = band || bandWords32[string(t.tokBytes(j))]
	}
	if !band {
		return false
	}
	return t.agePerson32(from, to) || bandVerbs32[string(t.tokBytes(from))]
}

// Words of an age band (normalised).
var (
	bandTo32    = set("to", "bis", "a", "al", "tot", "ate", "au", "et", "and", "und", "e", "y", "en")
	bandWords32 = set("escalao", "faixa", "altersgruppe", "altersklasse", "alterskategorie", "tranche", "franja",
		"fascia", "leeftijdsgroep", "leeftijdscategorie", "leeftijdsklasse", "bracket", "band", "group", "categoria",
		"categorie", "gruppe", "grupo", "gruppo", "groep", "rango", "range", "klasse", "classe", "clase", "classe")
	bandVerbs32 = set("fica", "ficas", "rientra", "rientri", "entra", "entras", "cae", "caes", "valt", "fallt",
		"fallen", "tombe", "tombez", "falls", "fall", "estas", "esta", "sta", "zit", "sit", "sind", "bist")
)

// yearSoonAfter reports whether a four-digit token follows token i within
// 4 tokens.
func (t *text) yearSoonAfter(i int) bool {
	for k := i + 1; k < len(t.toks) && k <= i+4; k++ {
		if w := t.tokBytes(k); len(w) == 4 && isDigit(w[0]) {
			return true
		}
	}
	return false
}

// ageBeBefore32 reports whether a verb of being or going toward an age
// stands within the 5 tokens before token i.
func (t *text) ageBeBefore32(i, from int) bool {
	for k := i - 1; k >= from && k >= i-5; k-- {
		if w := string(t.tokBytes(k)); ageHave32[w] || beShort[w] || ageBe32[w] {
			return true
		}
	}
	return false
}

// ageDecadeSaid32 reports whether the decade dec at token i, with its
// part or approach before it ("late forties", "Ende vierzig", "de la
// cinquantaine" after "approchez"), holds age or age-1, in a sentence
// about a person.
func (t *text) ageDecadeSaid32(i, dec, age, from, to int) bool {
	lo, hi := -1, -1
	for k := max(from, i-4); k < i; k++ {
		w := string(t.tokBytes(k))
		part, ok := decadeParts[w]
		switch {
		case ageApproach32[w] || w == "auf" && i+1 < to && string(t.tokBytes(i+1)) == "zu": // "auf die fünfzig zu"
			lo, hi = dec-5, dec-1
		case ageAround32[w]:
			lo, hi = dec-4, dec+4
		case !ageDecadePart32[w]:
		case !ok && w == "lower" || ok && part == 0:
			lo, hi = dec, dec+3
		case ok && part == 1:
			lo, hi = dec+3, dec+6
		default:
			lo, hi = dec+6, dec+9 // "late", "upper", "Ende"
		}
	}
	if i+1 < to {
		if w := string(t.tokBytes(i + 1)); w == "avanzati" || w == "passati" || w == "avanzada" || w == "passes" || w == "avancee" || w == "avanzata" || w == "passee" {
			lo, hi = dec+5, dec+9 // "sui quarant'anni avanzati"
		}
	}
	if lo < 0 || age < lo || age-1 > hi {
		return false
	}
	return t.agePerson32(from, to)
}

// agePerson32 reports whether the sentence [from, to) is about a person,
// the one addressed included, and about no business or thing.
func (t *text) agePerson32(from, to int) bool {
	person := false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if ageThings[w] || ourWords[w] && !(w == "nos" && k+1 < to && isDigit(t.tokBytes(k + 1)[0])) {
			return false // not "quase nos 50" (Portuguese "in the")
		}
		person = person || k == from && (turnVerbs[w] || ageProDrop29[w] || ageTurn32[w] || ageProDrop32[w]) || personSubjects[w] || beShort[w] ||
			agePersonNouns[w] || w == "shell" || w == "her" || ageYou32[w] || secondPerson[w]
	}
	return person
}

// ageYouHave32 reports whether the number at token i is the age of the
// subject before it: a pronoun of a person, its verb of being or having,
// at most an adverb between ("Sie sind 46", "usted tiene 46", "lei ne ha
// 46", "u bent pas 46", "a senhora tem 46", "vous avez 46 ans"), the age
// closing its clause or its word for years after it.
func (t *text) ageYouHave32(i, from, to int) bool {
	k := i - 1
	for k > from && k >= i-3 && ageOnly32[string(t.tokBytes(k))] {
		k--
	}
	if k == from && ageProDrop32[string(t.tokBytes(k))] && i+1 < to && ageYears[string(t.tokBytes(i+1))] {
		return t.agePerson32(from, to) // "Tienes 46 años", "Hai 46 anni"
	}
	if k == from && ageProDrop32[string(t.tokBytes(k))] && (i+1 == to || t.toks[i].flags&fPunctAfter != 0) {
		return t.agePerson32(from, to) // "Tienes 46, así que ..."
	}
	if k <= from || !ageHave32[string(t.tokBytes(k))] {
		return false
	}
	s := k - 1
	for s > from && s >= k-2 && ageOnly32[string(t.tokBytes(s))] {
		s-- // "lei ne ha", "Sie sind ja"
	}
	if !ageYou32[string(t.tokBytes(s))] {
		return false // "a senhora tem 46", not "the fare is 46"
	}
	next := ""
	if i+1 < to {
		next = string(t.tokBytes(i + 1))
	}
	if !(next == "" || t.toks[i].flags&fPunctAfter != 0 || ageYears[next] || ageThisWords[next]) {
		return false // "Sie sind 46 Minuten zu spät"
	}
	return t.agePerson32(from, to)
}

// ageTurned32 reports whether the number at token i is an age to come:
// a verb of turning before it with only words of time between ("Sie
// werden im November 47", "vous aurez 47 ans cette année"), the age
// closing its clause or its word for years after it.
func (t *text) ageTurned32(i, from, to int) bool {
	k := i - 1
	for k > from && k >= i-4 && ageWhen32[string(t.tokBytes(k))] || k > from && isMonthTok(t.tokBytes(k)) {
		k--
	}
	if k < from || !ageTurn32[string(t.tokBytes(k))] {
		return false
	}
	next := ""
	if i+1 < to {
		next = string(t.tokBytes(i + 1))
	}
	if !(next == "" || t.toks[i].flags&fPunctAfter != 0 || ageYears[next] || ageThisWords[next] || ageWhen32[next] || isMonthTok([]byte(next))) {
		return false
	}
	return t.agePerson32(from, to)
}

// ageReached32 reports whether the age a at token i is reached at a year
// beside it that gives by: a verb of reaching or being before the age, a
// year after it with at most a word for "until" between ("you won't reach
// 60 until 2039", "Sie erreichen die 60 erst 2039", "não chega aos 60
// antes de 2039").
func (t *text) ageReached32(i, a, by, from, to int) bool {
	verb := false
	for k := max(from, i-3); k < i; k++ {
		if ageReach32[string(t.tokBytes(k))] {
			verb = true
		}
	}
	if !verb {
		return false
	}
	for k := i + 1; k < to && k <= i+4; k++ {
		w := t.tokBytes(k)
		if y, ok := yearTok(w); ok {
			return abs(y-a-by) <= 1 && y != by && t.agePerson32(from, to)
		}
		if s := string(w); !ageUntil32[s] && !ageYears[s] && !ageOnly32[s] && !ageWhen32[s] {
			return false
		}
	}
	return false
}
