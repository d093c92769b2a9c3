package guard

// dobhint19.go (g19p): her date of birth told by its month or sign as
// what the person is, with no word for birth:
//
//   - her sign after a pronoun of the person and a copula, with an
//     article or "of" between: "She is a Scorpio", "Ze is een
//     Schorpioen", "Ela é de Escorpião", "Lei è dello Scorpione" (the
//     sign mates of dobhint35.go stand two tokens from the sign at most);
//   - her month after the person's copula and "from" or "of": "You're
//     from November", "Vous êtes de novembre", "Lei è di novembre",
//     "Usted es de noviembre", "U bent van november", "Você é de
//     novembro" (the Romance "ser de" + month is a birth month); or the
//     month of a holiday near her birthday: "Vous êtes du mois de la
//     Toussaint";
//   - a month-child compound: "Sie sind ein Novemberkind", "zij is een
//     novemberkind".
//
// Someone else ("he's a Scorpio", "my brother is from November") and
// the business ("our offer is from November") pass, and so does a
// question.

// personSubjects19 are the pronouns of the person addressed or spoken of
// that may open "is a Scorpio" (normalised; "sie", "lei" are she and the
// polite you).
var personSubjects19 = set("you", "she", "sie", "du", "vous", "elle", "tu", "usted", "ella", "lei", "u", "jij", "je",
	"zij", "ze", "voce", "ela", "customer", "kundin", "cliente", "klant")

// personCopulas19 are the copulas of the person that dobhint19 reads
// besides copulaWords: "are", "bist", "etes", "eres", "sei", "bent"
// (normalised).
var personCopulas19 = set("are", "were", "sind", "bist", "etes", "es", "eres", "sei", "e", "bent", "ben", "is", "ist",
	"est", "era", "foi", "war", "was", "waren", "etait", "fue", "fu")

// personFused19 fuse a pronoun with its copula: "you're", "she's".
var personFused19 = set("youre", "shes", "ur")

// signLinks19 may stand between the copula and the sign: "a", "een",
// "de", "dello", "du" (normalised).
var signLinks19 = set("a", "an", "ein", "eine", "un", "une", "uno", "una", "een", "um", "uma", "de", "del", "dello",
	"della", "du", "van", "do", "da", "di", "of", "the", "el", "lo", "il", "o", "le", "la", "true", "real", "typical",
	"typische", "typischer", "vrai", "vraie", "tipico", "tipica", "echte", "verdadero", "vero", "verdadeiro")

// monthLinks19 say "from" or "of" before her month: "from November",
// "de novembre", "di novembre", "van november" (normalised).
var monthLinks19 = set("from", "of", "de", "di", "del", "van", "do", "da", "du")

// monthOfLinks19 are signLinks19 and monthLinks19: "from the month of".
var monthOfLinks19 = union(signLinks19, monthLinks19)

// monthNouns19 are the words for a month: "du mois de la Toussaint".
var monthNouns19 = set("month", "monat", "mois", "mes", "mese", "maand", "mes")

// personCopulaBefore19 reports whether tokens before k, in [from, k),
// are a pronoun of the person and a copula (or one fused word), with
// only links of set between them and k.
func (t *text) personCopulaBefore19(k, from int, links map[string]bool) bool {
	j := k - 1
	for j >= from && j >= k-3 && links[string(t.tokBytes(j))] {
		j--
	}
	if j < from {
		return false
	}
	w := string(t.tokBytes(j))
	if personFused19[w] || youAre[w] {
		return j == from || !personOthers19[string(t.tokBytes(j-1))]
	}
	if !personCopulas19[w] && t.toks[j].lex&lxCopula == 0 || j-1 < from {
		return false
	}
	s := string(t.tokBytes(j - 1))
	if !personSubjects19[s] {
		return false
	}
	return j-1 == from || !personOthers19[string(t.tokBytes(j-2))]
}

// personOthers19 before the subject make it someone else's: "if she is",
// "my sister, she is" (normalised).
var personOthers19 = set("if", "wenn", "falls", "si", "se", "als", "my", "mein", "meine", "mon", "ma", "mi", "mio", "mia",
	"mijn", "meu", "minha", "when", "whether", "ob")

// dobHint19 reports whether t tells her month or sign as what the person
// is (see above).
func (m *Matcher) dobHint19(t *text) bool {
	if m.dob[1] == "" || m.dobH.month == 0 {
		return false
	}
	sign := signOf(m.dobH.month, m.dobH.day)
	zod := t.cls&clZodiac != 0 && sign >= 0
	// the first letters of the candidates, a quick test per token: the
	// month's token ("m11"), its names for the "-kind" compounds, the
	// holidays' first words, the sign (its bit, zod)
	var first [256]bool
	first['m'] = true
	for _, w := range m.dobMonths {
		first[w[0]] = true
	}
	var holFirst wordShapes // the holidays' first words: holidayAt19 finds one of them at k
	for _, h := range m.dobH.holidays {
		if len(h) > 0 && len(h[0]) > 0 {
			first[h[0][0]] = true
			holFirst.add(h[0])
		}
	}
	toks, hol := t.toks, len(m.dobH.holidays) > 0
	for k := range toks {
		tk := &toks[k]
		// the cases below by the token's fields first (head6, len6,
		// tail6, wsh6): most tokens are none of them
		if !(zod && tk.cls&clZodiac != 0) && !(tk.len6 == 3 && tk.head6 == 'm') &&
			(!first[tk.head6] || !(tk.len6 > 4 && tk.tail6 == 'd') && !(hol && tk.len6 >= 2 && holFirst.hasTok(tk))) {
			continue
		}
		n := tk.end - tk.off - 1
		b := t.tokBytes(k)
		switch {
		case zod && tk.cls&clZodiac != 0 && isSign(sign, b):
		case n == 3 && b[0] == 'm' && string(b) == m.dob[1]:
		case n > 4 && b[n-4] == 'k' && string(b[n-4:]) == "kind" && canon[string(b[:n-4])] == m.dob[1]:
		case len(m.dobH.holidays) > 0 && n >= 2 && m.dobH.shapes.has(b) && m.holidayAt19(t, k) > 0:
		default:
			continue
		}
		if tk.flags&fQuestion != 0 {
			continue
		}
		from, to := t.sentenceOf(k)
		// the reading first, then what rules it out (the sentence's
		// walks): both are tests without effects, so their order
		// changes no verdict
		hit := false
		switch {
		case tk.cls&clZodiac != 0 && isSign(sign, b):
			hit = (k+1 >= to || tk.flags&fPunctAfter != 0 || dh35SignMates[string(t.tokBytes(k+1))]) && t.personCopulaBefore19(k, from, signLinks19)
		case string(b) == m.dob[1]:
			hit = k-1 >= from && monthLinks19[string(t.tokBytes(k-1))] && t.personCopulaBefore19(k, from, monthLinks19)
		case n > 4 && string(b[n-4:]) == "kind":
			hit = t.personCopulaBefore19(k, from, signLinks19)
		default:
			hit = m.holidayMonth19(t, k, from)
		}
		if hit && !t.dh35Ours(from, to) && !t.condBefore(from, k) && !negBetween19(t, from, k) {
			return true
		}
	}
	return false
}

// holidayAt19 returns the number of tokens of the holiday near her
// birthday that opens at token k, or 0.
func (m *Matcher) holidayAt19(t *text, k int) int {
	head, n := t.toks[k].head6, int(t.toks[k].len6)
	for _, h := range m.dobH.holidays {
		if k+len(h) > len(t.toks) {
			continue
		}
		if len(h) > 0 && len(h[0]) > 0 && (h[0][0] != head || min(len(h[0]), 255) != n) {
			continue // (its first word is not token k's text)
		}
		ok := true
		for n, w := range h {
			if ok = string(t.tokBytes(k+n)) == w; !ok {
				break
			}
		}
		if ok {
			return len(h)
		}
	}
	return 0
}

// holidayMonth19 reports whether a holiday near her birthday opens at
// token k as "the month of" it after the person's copula: "vous êtes du
// mois de la Toussaint", "you're from the month of All Saints".
func (m *Matcher) holidayMonth19(t *text, k, from int) bool {
	j := k - 1
	for j >= from && j >= k-3 && signLinks19[string(t.tokBytes(j))] {
		j--
	}
	return j >= from && monthNouns19[string(t.tokBytes(j))] && t.personCopulaBefore19(j, from, monthOfLinks19)
}

// negBetween19 reports whether a negation stands in [from, k).
func negBetween19(t *text, from, k int) bool {
	for j := from; j < k; j++ {
		if t.toks[j].cls&clNeg != 0 {
			return true
		}
	}
	return false
}
