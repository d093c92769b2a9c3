package guard

// A value spelled in a spelling alphabet: "Echo Lima Oscar Delta India
// Echo dot Mike Alfa Romeo Tango India November at exemple dot fr",
// "Heinrich Anton Ulrich Paula Theodor Samuel Theodor Richard Anton Eszett
// Emil fünf", "E wie Emil, L wie Ludwig, ...", "A come Ancona". A chain of
// 4 or more code words (words for "dot" and "at", digits and number words
// may stand between them) is read as the letters it spells, and the reply
// so decoded is checked as text (variants.go); once one chain qualifies,
// the shorter chains of the reply (2 code words or more: "dot Foxtrot
// Romeo") are decoded too. A lone code word ("Berlin", "Hotel") is never
// read as a letter.

// spellingAlphabets are the code words of the spelling alphabets, each
// for its first letter unless spellingLetters says otherwise (normalised:
// lowercase, accents folded).
var spellingAlphabets = [][]string{
	// ICAO Annex 10, Volume II, §5.2.1.3 (the radiotelephony spelling
	// alphabet, also ITU-R M.1172 and NATO): with the common English
	// spellings Alpha, Juliet, Whisky and X-ray (read as one word)
	{"alfa", "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett", "juliet",
		"kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform",
		"victor", "whiskey", "whisky", "xray", "yankee", "zulu"},
	// DIN 5009 (Germany), the names of the 1983 and 2005 editions and
	// older ones still heard (Siegfried, Zeppelin, Konrad): Ä Ärger, Ö
	// Ökonom, Ü Übermut, Ch Charlotte, Sch Schule, ß Eszett
	{"anton", "arger", "berta", "bertha", "casar", "caesar", "charlotte", "dora", "emil", "friedrich", "gustav",
		"heinrich", "ida", "julius", "kaufmann", "konrad", "ludwig", "martha", "marta", "nordpol", "otto", "okonom",
		"paula", "quelle", "richard", "samuel", "siegfried", "schule", "eszett", "theodor", "ulrich", "ubermut",
		"viktor", "wilhelm", "xanthippe", "ypsilon", "zacharias", "zeppelin"},
	// DIN 5009:2022 (Germany), city names: Ä is "Umlaut Aachen", Ö
	// "Umlaut Offenbach", Ü "Umlaut Unna" (spellingUnit)
	{"aachen", "berlin", "chemnitz", "dusseldorf", "essen", "frankfurt", "goslar", "hamburg", "ingelheim", "jena",
		"koln", "leipzig", "munchen", "nurnberg", "offenbach", "potsdam", "quickborn", "rostock", "salzwedel",
		"tubingen", "unna", "volklingen", "wuppertal", "xanten", "zwickau"},
	// the French spelling alphabet of the PTT (Anatole, Berthe,
	// Célestin ...), É Émile
	{"anatole", "berthe", "celestin", "desire", "eugene", "emile", "francois", "gaston", "henri", "irma", "joseph",
		"kleber", "louis", "marcel", "nicolas", "oscar", "pierre", "quintal", "raoul", "suzanne", "therese", "ursule",
		"william", "xavier", "yvonne", "zoe"},
	// the Spanish telephone spelling alphabet (names and cities, both in use)
	{"antonio", "andalucia", "barcelona", "burgos", "carmen", "dolores", "dinamarca", "enrique", "espana", "francia",
		"gerona", "granada", "historia", "huelva", "ines", "italia", "jose", "lorenzo", "lerida", "madrid", "navarra",
		"oviedo", "paris", "queso", "querido", "ramon", "sabado", "sevilla", "toledo", "tarragona", "ulises",
		"ursula", "valencia", "washington", "xilofono", "yegua", "yolanda", "zaragoza", "zamora"},
	// the Italian telephone alphabet (cities: Ancona, Bologna, Como ...;
	// I lunga, Kappa, Ics, Ipsilon)
	{"ancona", "bari", "bologna", "como", "domodossola", "empoli", "firenze", "genova", "imola", "jolly", "kappa",
		"livorno", "milano", "napoli", "otranto", "padova", "palermo", "quarto", "quadro", "roma", "savona", "salerno",
		"torino", "taranto", "udine", "venezia", "xeres", "ics", "yacht", "york", "ipsilon", "zara", "zeta"},
	// the Dutch spelling alphabet (Anton, Bernard, Cornelis ...), IJ
	// IJmuiden
	{"bernard", "cornelis", "dirk", "eduard", "ferdinand", "gerard", "hendrik", "izaak", "johan", "karel", "lodewijk",
		"maria", "nico", "pieter", "quotient", "simon", "teunis", "utrecht", "willem", "xantippe", "ijmuiden", "zaandam"},
	// the Portuguese spelling alphabets (Portugal's towns: Aveiro, Braga,
	// Coimbra ...; Brazil's words)
	{"aveiro", "braga", "coimbra", "dafundo", "evora", "faro", "guarda", "horta", "kodak", "lisboa", "nazare",
		"ovar", "porto", "queluz", "rossio", "setubal", "tavira", "unidade", "vidago", "waldemar", "zulmira",
		"amor", "bola", "casa", "dado", "escola", "faca", "gato", "igreja", "janela", "navio", "pato", "queijo",
		"rato", "sapo", "tatu", "uva", "vaca", "xicara", "zebra"},
	// a22a: the Swedish spelling alphabet (Adam, Bertil, Cesar ...), Å
	// Åke, Ä Ärlig, Ö Östen
	{"adam", "bertil", "cesar", "david", "erik", "filip", "gustav", "helge", "ivar", "johan", "kalle", "ludvig",
		"martin", "niklas", "olle", "petter", "qvintus", "rudolf", "sigurd", "tore", "urban", "viktor", "wilhelm",
		"xerxes", "yngve", "zata", "ake", "arlig", "osten"},
	// the Greek letters' names, read for the Latin letter they give
	{"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu",
		"xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"},
	// the RAF and US Army alphabet of 1943 (Able, Baker, Charlie ...)
	{"able", "baker", "charlie", "dog", "easy", "fox", "george", "how", "item", "jig", "king", "love", "mike", "nan",
		"oboe", "peter", "queen", "roger", "sugar", "tare", "uncle", "victor", "william", "yoke", "zebra"},
	// the US police (APCO/LAPD) alphabet (Adam, Boy, Charles ...)
	{"adam", "boy", "charles", "david", "edward", "frank", "george", "henry", "ida", "john", "king", "lincoln", "mary",
		"nora", "ocean", "paul", "queen", "robert", "sam", "tom", "union", "victor", "william", "young", "zebra"},
}

// spellingLetters are the code words that stand for other than their
// first letter.
var spellingLetters = map[string]string{
	"charlotte": "ch", "schule": "sch", "eszett": "ss", "ypsilon": "y", "ipsilon": "y", "ics": "x",
	"ijmuiden": "ij", "xray": "x", "theta": "th", "phi": "ph", "chi": "ch", "psi": "ps",
}

// spellWords maps each code word to its letters.
var spellWords = func() map[string]string {
	m := map[string]string{}
	for _, a := range spellingAlphabets {
		for _, w := range a {
			m[w] = w[:1]
		}
	}
	for w, l := range spellingLetters {
		m[w] = l
	}
	return m
}()

// spellCodeWords are the code words of spellWords (class clSpell).
var spellCodeWords = func() map[string]bool {
	m := map[string]bool{}
	for w, l := range spellWords {
		if l != "" {
			m[w] = true
		}
	}
	return m
}()

// spellShape has bit n set in [first][last] for each code word of n letters
// (n < 16) that starts and ends with those letters: a word of another
// shape is no code word without a map lookup.
var spellShape = func() (s [26][26]uint16) {
	for w := range spellWords {
		if n := len(w); n < 16 {
			s[w[0]-'a'][w[n-1]-'a'] |= 1 << n
		}
	}
	return s
}()

// codeLetters returns the letters code word w stands for, or "".
func codeLetters(w []byte) string {
	n := len(w)
	if n < 2 || n >= 16 { // the Greek "mu", "nu", "xi", "pi" are 2 letters
		return ""
	}
	f, l := w[0]-'a', w[n-1]-'a'
	if f >= 26 || l >= 26 || spellShape[f][l]&(1<<n) == 0 {
		return ""
	}
	return spellWords[string(w)]
}

// spellAsWords join a letter to its code word: "E wie Emil", "E comme
// Eugène", "E de España", "E come Empoli", "E van Eduard", "E as in Echo",
// "E for Echo".
var spellAsWords = set("wie", "comme", "como", "come", "de", "di", "van", "voor", "as", "for", "like", "von", "per")

// letterNames are the names of letters said inside a spelled chain
// (Spanish, Italian, Portuguese: "ele", "erre", "emme", "esse"), and
// letterQualifiers the words that tell a letter from its twin ("i
// latina", "i griega").
var (
	letterNames = map[string]string{"be": "b", "ce": "c", "efe": "f", "ge": "g", "hache": "h", "jota": "j", "ka": "k",
		"ele": "l", "elle": "l", "eme": "m", "emme": "m", "ene": "n", "enne": "n", "pe": "p", "cu": "q", "erre": "r",
		"ese": "s", "esse": "s", "te": "t", "uve": "v", "vu": "v", "equis": "x", "acca": "h", "effe": "f", "de": "d",
		"di": "d", "ci": "c", "gi": "g", "pi": "p", "ti": "t", "vi": "v"}
	letterQualifiers = set("latina", "griega", "lunga", "greca")
)

// spellSpaces are the words for a space between spelled words.
var spellSpaces = set("space", "leerzeichen", "leerschritt", "espace", "espacio", "spazio", "spatie", "espaco")

// rawWord returns raw token i of t.
func (t *text) rawWord(i int) []byte { return t.rawBuf[t.raw[i].start:t.raw[i].end] }

// spellingUnit reads one spelled letter at raw token i: a code word, a
// letter and its code word ("E wie Emil", "A as in Alpha"), "X-ray",
// "Umlaut" with a code word or a letter, or a letter with "Umlaut". It
// returns the letters and the raw token after the unit, or next == i.
func (t *text) spellingUnit(i int) (letters string, next int) {
	n := len(t.raw)
	w := t.rawWord(i)
	if l := codeLetters(w); l != "" {
		return l, i + 1
	}
	if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' && i+1 < n {
		nx := t.rawWord(i + 1)
		switch {
		case string(nx) == "ray" && w[0] == 'x':
			return "x", i + 2
		case string(nx) == "umlaut":
			return string(w), i + 2
		case spellAsWords[string(nx)]:
			j := i + 2
			if j < n && string(nx) == "as" && string(t.rawWord(j)) == "in" {
				j++
			}
			if j < n {
				if l := codeLetters(t.rawWord(j)); l != "" && l[0] == w[0] {
					return string(w), j + 1
				}
			}
		}
	}
	if string(w) == "umlaut" && i+1 < n {
		nx := t.rawWord(i + 1)
		if l := codeLetters(nx); l != "" {
			return l, i + 2
		}
		if len(nx) == 1 && nx[0] >= 'a' && nx[0] <= 'z' {
			return string(nx), i + 2
		}
	}
	return "", i
}

// spellingLink reports whether raw token i may stand inside a chain of
// code words, kept as it is: a word for "dot" or "at", digits, a number
// word.
func (t *text) spellingLink(i int) bool {
	w := t.rawWord(i)
	if len(w) == 0 {
		return false
	}
	if allDigits(w) || dotWords[string(w)] || atWords[string(w)] {
		return true
	}
	e := lookup(w)
	return e != nil && e.hasNum
}

// spellingChain reports whether t may hold a chain of code words: 2 or
// more (quick: each raw token is tested by its shape before a look-up).
func (t *text) spellingChain() bool {
	units, gap := 0, 0
	rb := t.rawBuf
	raw := t.raw
	for i := range raw {
		if units == 0 && raw[i].cls&clSpell == 0 {
			continue // no chain open and no code word: one tight test a token first
		}
		s, e := int(t.raw[i].start), int(t.raw[i].end)
		if n := e - s; n >= 2 && n < 16 && t.raw[i].cls&clSpell != 0 { // (clUnread: a word emit did not look up)
			if f, l := rb[s]-'a', rb[e-1]-'a'; f < 26 && l < 26 && spellShape[f][l]&(1<<n) != 0 && spellWords[string(rb[s:e])] != "" {
				units, gap = units+1, 0
				if units >= 2 { // spellingChains decides: 4 units, or 2 glued to a plain piece
					return true
				}
				continue
			}
		}
		if units == 0 {
			continue
		}
		// a bare letter after a code word is a unit too: "P wie Paula A
		// I X"
		if e-s == 1 && rb[s] >= 'a' && rb[s] <= 'z' && gap == 0 {
			if units++; units >= 2 {
				return true
			}
			continue
		}
		// a letter and "wie", "as in", "umlaut", a dot, digits: up to 3
		// words between two code words
		if w := rb[s:e]; gap > 2 || len(w) > 2 && !t.spellingLink(i) && !spellAsWords[string(w)] && !spellSpaces[string(w)] && string(w) != "umlaut" {
			units, gap = 0, 0
			continue
		}
		gap++
	}
	return false
}

// spellingChains appends to vb.repl the chains of code words of t, each
// replaced by the letters it spells (its links kept as words between
// them): the chains of 4 code words or more, and the chains of 2 or more
// when one of 4 is there or when the chain is glued to plain letters, a
// value spelled half ("Echo Lima Oscar die", "elo Delta India Echo",
// "Mike Alfa Romeo tin": the letters and the word beside them, no pause
// between, are one word). Inside a chain a bare letter is a letter too
// ("E wie Emil L wie Ludwig O D I E"), and a chain whose every unit ends
// in a pause ("R come Roma, O come Otranto, M come Milano") is one word
// spelled letter by letter.
func (t *text) spellingChains(vb *variantBufs) {
	first := len(vb.repl)
	long := false
	// the items of a chain: its units' letters and its links
	type item struct {
		text   []byte
		raw    int  // the raw token of a unit that is one code word, else -1
		link   bool // a link, kept as a word
		paused bool // a pause after it
		glue   bool // a plain piece glued to the letters before it
	}
	var items []item
	for i := 0; i < len(t.raw); {
		_, next := t.spellingUnit(i)
		if next == i {
			i++
			continue
		}
		start, units, paused, codes := i, 0, 0, 0
		items = items[:0]
		glued := false
		end, nItems := i, 0
		for i < len(t.raw) {
			l, next := t.spellingUnit(i)
			code := next > i
			if next == i && units > 0 {
				// a bare letter inside a chain: "O D I E"; a letter's name
				// ("ele", "erre", "emme"), alone or with its code word ("de
				// de Dinamarca"); "i latina", "i griega". A bare letter or
				// a letter's name is also an ordinary word ("è", "y", "de",
				// "te"): alone, it is a letter only with a pause after it
				// ("l, o, d comme Désiré") or beside another bare letter
				// ("A I X"), not in "Francia y de Italia es".
				w := t.rawWord(i)
				paused := t.raw[i].flags&fPunctAfter != 0
				if len(w) == 1 && w[0] >= 'a' && w[0] <= 'z' {
					switch {
					case i+1 < len(t.raw) && !paused && letterQualifiers[string(t.rawWord(i+1))]:
						l, next = string(w), i+2
					case paused || t.bareLetter(i-1) || t.bareLetter(i+1):
						l, next = string(w), i+1
					}
				} else if n := letterNames[string(w)]; n != "" {
					if i+2 < len(t.raw) && spellAsWords[string(t.rawWord(i+1))] {
						if c := codeLetters(t.rawWord(i + 2)); c != "" && c[0] == n[0] {
							l, next, code = n, i+3, true
						}
					}
					if next == i && paused {
						l, next = n, i+1
					}
				}
			}
			// a code word that is a number word after a pause ends the
			// chain: "A come Ancona, otto" is 8
			if next == i+1 && units > 0 && items[len(items)-1].paused && len(t.rawWord(i)) > 1 && t.spellingLink(i) {
				break
			}
			if next > i {
				raw := -1
				if next == i+1 && len(t.rawWord(i)) > 1 {
					raw = i
				}
				p := t.raw[next-1].flags&fPunctAfter != 0
				if p {
					paused++
				}
				items = append(items, item{text: []byte(l), raw: raw, paused: p})
				units++
				if code {
					codes++
				}
				i = next
				end, nItems = i, len(items)
				continue
			}
			if spellSpaces[string(t.rawWord(i))] {
				if len(items) > 0 {
					items[len(items)-1].paused = true // "Leerzeichen", "espace": the next letters are another word
				}
				i++
				continue
			}
			if !t.spellingLink(i) {
				break
			}
			items = append(items, item{text: t.rawWord(i), raw: -1, link: true})
			i++
		}
		// the links after the last code word stay outside the chain
		items = items[:nItems]
		if units < 2 {
			continue
		}
		// a plain word glued before a chain of 2 or 3: "elo Delta India
		// Echo", "mar Tango India November" (one of 4 or more stands
		// alone: "Rue de la Papa Alfa India X-ray")
		// A chain of fewer than 4 has 2 code words or more to glue: a
		// bare letter or a letter's name after one code word is the
		// ordinary word it also is ("della Francia è +33": "è" is no E).
		if units < 4 && codes < 2 {
			continue
		}
		if units < 4 && start > 0 && t.raw[start-1].flags&fPunctAfter == 0 && t.gluePiece(start-1) {
			items = append(items[:1], items...)
			items[0] = item{text: t.rawWord(start - 1), raw: -1}
			start, glued = start-1, true
		}
		// a lone code word between links is the word it is: "dot
		// martin at" (a name that is also a code word)
		for k := range items {
			if it := &items[k]; it.raw >= 0 && (k == 0 || items[k-1].link) && (k == len(items)-1 || items[k+1].link) &&
				(k > 0 || k < len(items)-1) {
				it.text = t.rawWord(it.raw)
			}
		}
		// every unit paused: one word spelled letter by letter
		joinAll := units >= 3 && paused >= units-1
		// a plain word glued after it: "Mike Alfa Romeo tin"
		// (across a comma when the chain is short and the piece no word
		// of its own: "Karel Anton Lodewijk, verstraat")
		lastIt := items[len(items)-1]
		if !lastIt.link && end < len(t.raw) && t.gluePiece(end) &&
			(!lastIt.paused || units < 4 && t.raw[end].flags&(fSentence|fListGap) == fListGap && lookup(t.rawWord(end)) == nil) {
			items = append(items, item{text: t.rawWord(end), raw: -1, glue: true})
			end++
			glued = true
			i = end
		}
		outStart := len(vb.out)
		for k, it := range items {
			if k > 0 {
				prev := items[k-1]
				if !it.glue && (prev.link || it.link || prev.paused && !joinAll || prev.raw >= 0 && string(prev.text) == string(t.rawWord(prev.raw))) {
					vb.out = append(vb.out, ' ')
				}
			}
			vb.out = append(vb.out, it.text...)
		}
		vb.repl = append(vb.repl, replacement{from: start, to: end, start: outStart, end: len(vb.out)})
		long = long || units >= 4 || glued
	}
	if !long {
		vb.repl = vb.repl[:first]
	}
}

// bareLetter reports whether raw token i is one letter, a to z.
func (t *text) bareLetter(i int) bool {
	if i < 0 || i >= len(t.raw) {
		return false
	}
	w := t.rawWord(i)
	return len(w) == 1 && w[0] >= 'a' && w[0] <= 'z'
}

// gluePiece reports whether raw token i may be the plain part of a word
// spelled half: letters only, 2 to 10 of them, no code word, no link.
func (t *text) gluePiece(i int) bool {
	w := t.rawWord(i)
	if len(w) < 2 || len(w) > 10 || codeLetters(w) != "" || t.spellingLink(i) || spellAsWords[string(w)] || spellSpaces[string(w)] {
		return false
	}
	for _, c := range w {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
