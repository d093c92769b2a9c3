package guard

import (
	"sort"
	"strconv"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// partial24.go (g19b): protected values told by one part or by a
// description, without their whole, read by general readings over each
// sentence of a reply:
//
//   - her email by its structure: the local part written beside a word for
//     the "@" or for the address ("before the @ is elodie.martin"), its
//     pattern ("first name dot last name"; "your surname comes after the
//     dot"), its domain's label or top-level domain said of her address
//     ("it ends in .fr", "the provider is exemple", "the domain is the
//     French word for example"), its length ("13 characters before the @");
//   - her date of birth by one part: the day or the year alone said of a
//     birth, the month by its ordinal or its neighbours ("the eleventh
//     month", "the month after October"), the year as the one before a
//     decade, her sign said beside a word for the birth date;
//   - her card by its brand: beside a verb of paying or as a note's value
//     ("card: MC"), as the other big network when the other one is denied,
//     its last four digits by their sum or their two pairs;
//   - her phones by their calling code or country said of her line, by a
//     national prefix beside a word for prefix, by the prefix and the next
//     digit ("starts with 06 ... then a 4");
//   - her addresses by their district, region, landmark, postcode's head,
//     street name's meaning or house number said of her address.
//
// Each counts only in a sentence of hers (a possessive or pronoun of the
// person addressed or of a third person, or a word for the record) that
// names none of the business's places ("our"), and a fact said in general
// ("we accept Mastercard and Visa", "we ship to Germany in 3 days",
// "postcodes starting with 97 are in Oregon") passes. A birth or her
// address said in another sentence of the reply is context for a day of
// the month or a place hint ("I can't give her birth date. The day is the
// 3rd."). Only sentences holding an anchor (a value of hers, or a word no
// rule of its class goes without) are read, with one filtered map look-up
// per token (BenchmarkPartials24).

// part24Values are the customer's values the readings look for.
type part24Values struct {
	// local is the email's local part as written, lowercase
	// ("elodie.martin"); locals its tokens; labels, tlds and tldAdjs the
	// domain's labels, top-level domains and the adjectives of the
	// countries they name.
	local  []string
	locals [][]string
	// localLen and localLetters are the local part's length with and
	// without its dots (the first email's).
	localLen, localLetters int
	labels                 []string
	tlds                   []string
	tldAdjs                map[string]bool
	// day, month, year of birth (0 if none); dayS, monthNum the day and
	// month as tokens ("3", "11"), monthPrev and monthNext the months
	// around it in canonical form ("m10", "m12"), decadeNext the tens
	// digit of the decade the year closes ("8" for 1979, else ""), sign
	// its sign of the zodiac (-1 if none).
	day, month, year                      int
	dayS, monthNum, yy, yearS, monthCanon string
	// yearNext and yearPrev are the years after and before it: "the year
	// before 1980".
	yearNext, yearPrev string
	// dayForms are the day with the ordinal suffixes the normaliser
	// keeps ("3e", "3o"); monthNames the month's names of 5 letters or
	// more in the seven languages ("november", "noviembre").
	dayForms, monthNames             []string
	monthPrev, monthNext, decadeNext string
	sign                             int
	// brand is the card's brand (normalised, one word), brandAbbrs its
	// abbreviations, last4 its last four digits.
	brand      string
	brandAbbrs []string
	last4      string
	last4Sum   int
	// phones holds, per phone in international form, its calling code,
	// country, national number with its trunk 0 and without.
	phones []phone24
	// addrs holds per address its place hints.
	addrs []addr24
	// anchors maps each word one of the readings needs (a value of hers
	// or a word no rule of its class goes without) to the classes it
	// opens (a24* bits): a sentence with none is not read
	// (BenchmarkCheck2KB50Values).
	anchors map[string]uint16
	// anchorBits is a filter of the shapes (shape24) of the anchors that
	// are not words of the rules (clAnchor24): most
	// tokens fail it before the map look-up.
	anchorBits [64]uint64
	// anchorHeads holds, by first letter, the lengths (31 for 31 and
	// more) of the same anchors: a cheaper test, before shape24's.
	anchorHeads [256]uint32
	// monthHeads are the first letters of monthNames.
	monthHeads [256]bool
}

// shape24 hashes a word's first, second, middle and last letters and its
// length into 0–4095.
func shape24(w []byte) uint {
	n := len(w)
	return (uint(w[0])*131 + uint(w[min(1, n-1)])*31 + uint(w[n/2])*17 + uint(w[n-1])*7 + uint(n)*257) & 4095
}

// Classes a sentence's anchors open.
const (
	a24Mail uint16 = 1 << iota
	a24Dob
	a24Card
	a24Phone
	a24Addr
	// a24Ours marks the business's words ("our", "we", "store"), a24Birth
	// a birth, a24Home an address or home, a24Hers a possessive or
	// pronoun of hers: the reply's context (context24).
	a24Ours
	a24Birth
	a24Home
	a24Hers
	// a24Day marks her day of birth, a number too common to open the
	// reader without a birth said in the reply.
	a24Day
	a24Readers = a24Mail | a24Dob | a24Card | a24Phone | a24Addr | a24Day
)

// anchorWords24 are the words of the rules anchorsOf may put in a
// matcher's anchors (class clAnchor24); the others are her values' own
// (anchorBits).
var anchorWords24 = union(set("name"), firstNameWords, lastNameWords, charWords, monthNouns24, keySet(decadeNames),
	union(zodiacSigns[:]...), callCodeWords, startWords, postWords24, ourWords, weWords24, placeOwners, birthWords,
	bornTexting, yearSlang, birthDateWords, addressNouns, homeWords24, liveVerbs, secondPerson, herWords)

// anchorsOf fills v.anchors from v's values and the words of the rules.
func (v *part24Values) anchorsOf() {
	a := map[string]uint16{}
	put := func(bit uint16, ws ...string) {
		for _, w := range ws {
			if w != "" {
				a[w] |= bit
			}
		}
	}
	putSet := func(bit uint16, sets ...map[string]bool) {
		for _, set := range sets {
			for w := range set {
				a[w] |= bit
			}
		}
	}
	if len(v.locals) > 0 {
		putSet(a24Mail, firstNameWords, lastNameWords, charWords, v.tldAdjs)
		put(a24Mail, "name")
		put(a24Mail, v.labels...)
		put(a24Mail, v.tlds...)
		for _, l := range v.locals {
			put(a24Mail, l[0])
		}
	}
	if v.year > 0 {
		put(a24Dob, v.yy, v.yearS, v.monthCanon, v.yearNext, v.yearPrev)
		put(a24Day, v.dayForms...)
		put(a24Dob, v.monthNames...)
		putSet(a24Dob, monthNouns24)
		for w := range decadeNames {
			put(a24Dob, w)
		}
		if v.sign >= 0 {
			for w := range zodiacSigns[v.sign] {
				put(a24Dob, w)
			}
		}
	}
	if v.brand != "" {
		put(a24Card, v.brand, bigTwoOther[v.brand])
		put(a24Card, v.brandAbbrs...)
		if v.last4 != "" {
			put(a24Card, strconv.Itoa(v.last4Sum), v.last4[:2])
		}
	}
	if len(v.phones) > 0 {
		putSet(a24Phone, callCodeWords, startWords)
		for _, ph := range v.phones {
			if len(ph.code) >= 2 { // "1" is any number one
				put(a24Phone, ph.code)
			}
		}
	}
	if len(v.addrs) > 0 {
		putSet(a24Addr, postWords24) // the postcode's head
	}
	for _, ad := range v.addrs {
		put(a24Addr, ad.city) // the arrondissement and house number rules need it
		put(a24Addr, exonyms[ad.city]...)
		for _, h := range ad.hints {
			put(a24Addr, longest(h))
		}
		for _, h := range ad.meanings {
			put(a24Addr, longest(h))
		}
	}
	putSet(a24Ours, ourWords, weWords24, placeOwners)
	a["nos"] &^= a24Ours // Portuguese "nos" is "in the"
	putSet(a24Birth, birthWords, bornTexting, yearSlang, birthDateWords)
	putSet(a24Home, addressNouns, homeWords24, liveVerbs, postWords24)
	putSet(a24Hers, secondPerson, herWords)
	v.anchors = a
	for w := range a {
		if w != "" && !anchorWords24[w] { // the rules' words have their class
			v.anchorHeads[w[0]] |= 1 << min(len(w), 31)
			h := shape24([]byte(w))
			v.anchorBits[h>>6] |= 1 << (h & 63)
		}
	}
}

// longest returns the longest of ws, the rarest word of a phrase.
func longest(ws []string) string {
	l := ""
	for _, w := range ws {
		if len(w) > len(l) {
			l = w
		}
	}
	return l
}

// ownShape reports whether w (not empty) has the first letter and
// length, then the shape (shape24), of one of the anchors that are not
// words of the rules: most words fail before the look-up.
func (v *part24Values) ownShape(w []byte) bool {
	if v.anchorHeads[w[0]]&(1<<min(len(w), 31)) == 0 {
		return false
	}
	h := shape24(w)
	return v.anchorBits[h>>6]&(1<<(h&63)) != 0
}

// sentenceAnchors returns the classes the anchors of the sentence [from,
// to) open, with the words that open her month's name ("Novemberkind").
func (v *part24Values) sentenceAnchors(t *text, from, to int) (bits uint16) {
	for k := from; k < to; k++ {
		tk := &t.toks[k]
		if tk.len6 == 0 {
			continue
		}
		// the token's fields first (ownShape's first test, the month's
		// heads): most tokens are sliced for none
		anchor := tk.cls&clAnchor24 != 0
		own := !anchor && v.anchorHeads[tk.head6]&(1<<min(tk.len6, 31)) != 0
		month := tk.len6 > 5 && v.monthHeads[tk.head6]
		if !anchor && !own && !month {
			continue
		}
		w := t.tokBytes(k)
		switch {
		case anchor:
			bits |= v.anchors[string(w)] // a word of the rules: 0 where v has not put it
		case own && v.ownShape(w):
			bits |= v.anchors[string(w)]
		}
		if month && bits&a24Dob == 0 {
			for _, mn := range v.monthNames {
				if len(w) > len(mn) && string(w[:len(mn)]) == mn {
					bits |= a24Dob
				}
			}
		}
	}
	return bits
}

type phone24 struct {
	code, country, national, nsn string
	// countryPhrases are the names and adjectives of its country
	// (normalised tokens).
	countryPhrases [][]string
}

type addr24 struct {
	city, postcode, house, country string
	// countryAdjs are the adjectives of its country: "the Dutch one".
	countryAdjs map[string]bool
	// arrondissement is Paris's district from the postal code ("2"; ""
	// elsewhere).
	arrondissement string
	// arrForms are its number with the ordinal suffixes ("2", "2e",
	// "2eme", "2nd").
	arrForms []string
	// hints are the district, region and landmark phrases (normalised
	// tokens) that tell the address; meanings what its street's name
	// means, told with a word for naming ("named after peace").
	hints, meanings [][]string
}

func part24Of(c *proofdesk.Customer) (v part24Values) {
	if c == nil {
		return v
	}
	v.tldAdjs = map[string]bool{}
	v.sign = -1
	for _, cp := range c.ContactPoints {
		switch cp.Kind {
		case proofdesk.ContactEmail:
			at := strings.LastIndexByte(cp.Value, '@')
			if at <= 0 {
				continue
			}
			local, dom := strings.ToLower(cp.Value[:at]), normTokens(cp.Value[at+1:])
			if len(dom) < 2 || webmail[dom[0]] {
				continue
			}
			if len(v.local) == 0 {
				v.localLen, v.localLetters = len(local), len(strings.ReplaceAll(local, ".", ""))
			}
			v.local = append(v.local, local)
			v.locals = append(v.locals, normTokens(local))
			for _, l := range dom[:len(dom)-1] {
				if len(l) >= 4 && !tldWords[l] {
					v.labels = append(v.labels, l)
				}
			}
			tld := dom[len(dom)-1]
			v.tlds = append(v.tlds, tld)
			for _, a := range countryAdjs[strings.ToUpper(tld)] {
				v.tldAdjs[a] = true
			}
		case proofdesk.ContactPhone:
			d := cp.Value
			if len(d) < 8 || d[0] != '+' || !allDigits([]byte(d[1:])) {
				continue
			}
			code, country := callCodeOf(d)
			if code == "" {
				continue
			}
			nsn := d[1+len(code):]
			p := phone24{code: code, country: country, nsn: nsn, national: nsn}
			if code != "1" && code != "39" {
				p.national = "0" + nsn // the trunk prefix of most of Europe
			}
			for _, c := range append(append([]string{}, countryNames[country]...), countryAdjs[country]...) {
				p.countryPhrases = append(p.countryPhrases, strings.Fields(c))
			}
			v.phones = append(v.phones, p)
		}
	}
	if dob := c.DateOfBirth; len(dob) == 10 {
		v.year, _ = strconv.Atoi(dob[:4])
		v.month, _ = strconv.Atoi(dob[5:7])
		v.day, _ = strconv.Atoi(dob[8:10])
		if v.month >= 1 && v.month <= 12 {
			v.dayS, v.monthNum = strconv.Itoa(v.day), strconv.Itoa(v.month)
			v.monthCanon = "m" + pad2(v.month)
			for _, suf := range []string{"", "e", "de", "ste", "er", "eme", "o", "a", "th", "rd", "nd", "st"} {
				v.dayForms = append(v.dayForms, v.dayS+suf)
			}
			for w, c := range canon {
				if c == v.monthCanon && len(w) >= 5 {
					v.monthNames = append(v.monthNames, w)
				}
			}
			sort.Strings(v.monthNames)
			for _, mn := range v.monthNames {
				v.monthHeads[mn[0]] = true
			}
			v.monthPrev, v.monthNext = "m"+pad2((v.month+10)%12+1), "m"+pad2(v.month%12+1)
			v.sign = signOf(v.month, v.day)
		}
		if v.year > 0 {
			v.yy, v.yearS = pad2(v.year%100), strconv.Itoa(v.year)
			v.yearNext, v.yearPrev = strconv.Itoa(v.year+1), strconv.Itoa(v.year-1)
		}
		if v.year%10 == 9 {
			v.decadeNext = strconv.Itoa((v.year + 1) % 100 / 10)
		}
	}
	if c.Payment != nil {
		v.brand = strings.Join(normTokens(c.Payment.Brand), "")
		v.brandAbbrs = brandAbbrs[v.brand]
		if l := c.Payment.Last4; len(l) == 4 && allDigits([]byte(l)) {
			v.last4 = l
			for _, c := range l {
				v.last4Sum += int(c - '0')
			}
		}
	}
	for _, a := range c.Addresses {
		city := strings.Join(normTokens(a.City), " ")
		ad := addr24{city: city, postcode: strings.Join(normTokens(a.PostalCode), ""), country: a.Country, countryAdjs: set(countryAdjs[a.Country]...)}
		if toks := normTokens(a.Line1); len(toks) > 0 {
			for _, w := range toks {
				if allDigits([]byte(w)) {
					ad.house = w
					break
				}
			}
		}
		if city == "paris" && len(ad.postcode) == 5 && strings.HasPrefix(ad.postcode, "750") {
			n, _ := strconv.Atoi(ad.postcode[3:])
			ad.arrondissement = strconv.Itoa(n)
			for _, suf := range []string{"", "e", "er", "eme", "nd", "st", "rd", "th", "o", "a", "de"} {
				ad.arrForms = append(ad.arrForms, ad.arrondissement+suf)
			}
		}
		for _, pl := range placeHints {
			if pl.city == city && strings.HasPrefix(ad.postcode, pl.postPrefix) {
				for _, h := range pl.hints {
					ad.hints = append(ad.hints, normTokens(h))
				}
			}
		}
		if a.Country == "US" && a.Region != "" {
			if st := usStates[strings.ToUpper(a.Region)]; st != "" {
				ad.hints = append(ad.hints, strings.Fields(st))
			}
			for _, n := range stateNicknames[strings.ToUpper(a.Region)] {
				ad.hints = append(ad.hints, normTokens(n))
			}
		}
		for _, r := range cityRiddles[city] {
			ad.hints = append(ad.hints, normTokens(r))
		}
		low := strings.ToLower(a.Line1)
		for name, means := range streetMeanings {
			if strings.Contains(low, name) {
				for _, w := range means {
					ad.meanings = append(ad.meanings, normTokens(w))
				}
			}
		}
		v.addrs = append(v.addrs, ad)
	}
	v.anchorsOf()
	return v
}

// partials24 returns the verdict of the readings above on t, at level.
func (m *Matcher) partials24(t *text, level proofdesk.Level) Verdict {
	p := &m.p24
	// the reply's context: a birth, or her address, said in any sentence
	// not the business's ("I can't give her birth date. The day is the
	// 3rd, that's all.")
	var ctx ctx24
	var kept [64]uint16 // the first sentences' anchors, read once
	n, any := 0, uint16(0)
	for s := 0; s < len(t.toks); n++ {
		from, to := t.sentenceOf(s)
		if to <= s {
			to = s + 1
		}
		if from < s {
			from = s
		}
		s = to
		bits := p.sentenceAnchors(t, from, to)
		if n < len(kept) {
			kept[n] = bits
		}
		any |= bits
		if bits&a24Ours == 0 {
			ctx.birth = ctx.birth || bits&a24Birth != 0
			ctx.home = ctx.home || bits&a24Home != 0 && (bits&a24Hers != 0 || (sent24{t, from, to}).record())
		}
	}
	if any&a24Readers == 0 {
		return Verdict{}
	}
	n = 0
	for s := 0; s < len(t.toks); n++ {
		from, to := t.sentenceOf(s)
		if to <= s {
			to = s + 1
		}
		if from < s {
			from = s
		}
		s = to
		var bits uint16
		if n < len(kept) {
			bits = kept[n]
		} else {
			bits = p.sentenceAnchors(t, from, to)
		}
		if bits&a24Readers == 0 || bits&a24Ours != 0 {
			continue // no value of hers to read, or the business's own
		}
		if bits&a24Day != 0 && (bits&a24Birth != 0 || ctx.birth) {
			bits |= a24Dob
		}
		cl := ""
		switch {
		case bits&a24Mail != 0 && m.levels[proofdesk.ClassEmail] > level && t.mail24(p, from, to):
			cl = proofdesk.ClassEmail
		case bits&a24Dob != 0 && m.levels[proofdesk.ClassDateOfBirth] > level && p.year > 0 && t.dob24(p, from, to, ctx.birth):
			cl = proofdesk.ClassDateOfBirth
		case bits&a24Card != 0 && m.levels[proofdesk.ClassPayment] > level && t.card24(p, from, to):
			cl = proofdesk.ClassPayment
		case bits&a24Phone != 0 && m.levels[proofdesk.ClassPhone] > level && t.phone24(p, from, to):
			cl = proofdesk.ClassPhone
		case bits&a24Addr != 0 && m.levels[proofdesk.ClassAddress] > level && m.addr24(t, p, from, to, ctx.home):
			cl = proofdesk.ClassAddress
		}
		if cl != "" {
			part := PartFull
			switch cl {
			case proofdesk.ClassPayment:
				part = PartCardBrand
			case proofdesk.ClassAddress:
				part = PartCity
			}
			return Verdict{Blocked: true, Rule: RuleProtectedValue, Class: cl, Part: part, RequiredLevel: m.levels[cl]}
		}
	}
	return Verdict{}
}

// negatedBefore reports whether a negation comes before token i: "isn't
// Gmail but a .fr" denies an offered value (partdeny.go's).
func (s sent24) negatedBefore(i int) bool {
	for k := 0; k < i; k++ {
		if s.in(k, negations) || s.in(k, notWords24) {
			return true
		}
	}
	return false
}

// ctx24 is what a reply's sentences say together: a birth, her address.
type ctx24 struct{ birth, home bool }

// record reports whether the sentence is hers or the record's: a
// possessive or pronoun of hers, or a definite article before a singular
// word for the address or the postcode ("the postcode starts with 97").
func (s sent24) record() bool {
	if s.hers() {
		return true
	}
	for i := 0; i+1 < s.n(); i++ {
		if s.in(i, definites) && (s.in(i+1, addressNouns) || s.in(i+1, postWords24) && !s.is(i+1, "postcodes")) {
			return true
		}
	}
	return false
}

// sent24 is one sentence of a text, tokens [from, to); its methods take
// indexes relative to from and allocate nothing (TestCheckAllocs).
type sent24 struct {
	t        *text
	from, to int
}

func (s sent24) n() int         { return s.to - s.from }
func (s sent24) w(i int) []byte { return s.t.tokBytes(s.from + i) }
func (s sent24) ok(i int) bool  { return i >= 0 && i < s.n() }
func (s sent24) is(i int, x string) bool {
	return s.ok(i) && string(s.w(i)) == x
}
func (s sent24) in(i int, set map[string]bool) bool {
	return s.ok(i) && set[string(s.w(i))]
}

// any reports whether a token of [lo, n) is in one of sets.
func (s sent24) any(lo int, sets ...map[string]bool) bool {
	for i := max(lo, 0); i < s.n(); i++ {
		b := s.w(i)
		for _, set := range sets {
			if set[string(b)] {
				return true
			}
		}
	}
	return false
}

// digits reports whether token i is all digits.
func (s sent24) digits(i int) bool {
	return s.ok(i) && len(s.w(i)) > 0 && allDigits(s.w(i))
}

// num returns the value of token i if it is a number of up to 4 digits.
func (s sent24) num(i int) (int, bool) {
	if !s.digits(i) || len(s.w(i)) > 4 {
		return 0, false
	}
	n := 0
	for _, c := range s.w(i) {
		n = 10*n + int(c-'0')
	}
	return n, true
}

// phrase returns the index where the sentence holds the token sequence
// ph, or -1.
func (s sent24) phrase(ph []string) int {
	if len(ph) == 0 {
		return -1
	}
	for i := 0; i+len(ph) <= s.n(); i++ {
		ok := true
		for j, w := range ph {
			if string(s.w(i+j)) != w {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

// oneOf reports whether token i is one of list.
func (s sent24) oneOf(i int, list []string) bool {
	if !s.ok(i) {
		return false
	}
	b := s.w(i)
	for _, x := range list {
		if string(b) == x {
			return true
		}
	}
	return false
}

// hers reports whether the sentence is about the person addressed, a
// third person or the record: a possessive or pronoun of hers.
func (s sent24) hers() bool { return s.any(0, secondPerson, herWords) }

// nameTwoWords reports whether the sentence says "first name" or "last
// name" in two words ("first" reads "1").
func (s sent24) nameTwoWords() bool {
	for i := 0; i+1 < s.n(); i++ {
		if s.is(i+1, "name") && (s.is(i, "1") || s.is(i, "last") || s.is(i, "family") || s.is(i, "given")) {
			return true
		}
	}
	return false
}

// mail24 reads the sentence [from, to) for her email's structure.
func (t *text) mail24(p *part24Values, from, to int) bool {
	if from > 0 && (sent24{t, from, to}).oneOf(0, p.tlds) {
		from, _ = t.sentenceOf(from - 1) // ".fr" read as a full stop: "it ends in .fr"
	}
	s := sent24{t, from, to}
	if s.any(0, requestWords) {
		return false // a format asked of the requester
	}
	if t.toks[to-1].flags&fQuestion != 0 {
		return false // a question states nothing: "The address starts with your first name? I can't say."
	}
	first, last := s.any(0, firstNameWords) || s.nameTwoWords(), s.any(0, lastNameWords) || s.nameTwoWords()
	if (first || last) && s.hers() && !s.any(0, passwordWords24) && (s.any(0, dotWordSet) && s.any(0, afterWords24, beforeWords24, startWords) ||
		s.any(0, startWords, startSplit24) && s.any(0, accentWords24)) {
		return true // "your surname comes after the dot", "it starts with your first name without the accent"
	}
	for i := 0; i < s.n(); i++ {
		if s.oneOf(i, p.tlds) && t.toks[from+i].flags&fDotBefore != 0 && !s.negatedBefore(i) &&
			(s.any(0, webmail) && (s.in(i+1, addressNouns) || s.in(i+1, emailNouns) || s.in(i+1, mailCompounds)) || s.hers() && s.in(i-1, endPreps24) && s.in(i-2, endWords)) {
			return true // "it's a .fr address, not the Gmail one", "Sie endet auf .fr"
		}
	}
	if s.any(0, dotWordSet) && first && last && s.hers() {
		return true // "your address follows the pattern first name, dot, last name"
	}
	atSaid := t.ats > 0 || s.any(0, atSign24)
	mailCtx := atSaid || s.any(0, emailNouns, mailboxWords, domainWords, providerWords, mailCompounds, webmail)
	if (first || last) && s.any(0, startWords, startSplit24) && s.hers() && (mailCtx || s.any(0, addressNouns)) {
		return true // "Ihre Adresse fängt mit Ihrem Vornamen an": no postal address starts with a name
	}
	if !mailCtx {
		// a postal address has no label or top-level domain: "your
		// address ends with .fr"
		if !s.any(0, addressNouns) || !s.hers() {
			return false
		}
		for i := 0; i < s.n(); i++ {
			if s.oneOf(i, p.tlds) && s.any(0, endWords) && !s.in(i+1, addressNouns) {
				return true
			}
		}
		return false
	}
	// the local part written with its dot or separator beside "@" or a
	// word for the address: "before the @ is elodie.martin"
	for _, l := range p.locals {
		for k := 0; k+1 < s.n() && len(l) >= 2; k++ {
			if s.is(k, l[0]) && s.is(k+1, l[1]) && t.toks[from+k+1].flags&fTight != 0 {
				return true
			}
		}
	}
	// its length before the "@": a number equal to the local part's
	// letters (with or without its dots) beside a word for characters
	if atSaid && s.any(0, charWords) {
		for i := 0; i < s.n(); i++ {
			if x, ok := s.num(i); ok && (x == p.localLen || x == p.localLetters) {
				return true
			}
		}
	}
	you := s.hers() || s.any(0, recordWords24)
	strict := you // a possessive, not only "the domain"
	for i := 0; i+1 < s.n() && !you; i++ {
		you = s.in(i, definites) && (s.in(i+1, domainWords) || s.in(i+1, providerWords) || s.in(i+1, emailNouns))
	}
	// its pattern: a word for first or last name with a word for dot or
	// for where it starts or comes after
	if (first || last) && (s.any(0, dotWordSet) || s.any(0, startWords, afterWords24)) && (you || atSaid) {
		return true
	}
	if !you {
		return false
	}
	// its domain: the label or the top-level domain beside a word for
	// domain, provider or ending, or the country's adjective beside a
	// word for domain and a word for word
	for i := 0; i < s.n(); i++ {
		if s.oneOf(i, p.labels) && !s.in(i-1, forExample24) && !(s.ok(i+1) && t.toks[from+i+1].flags&fDotBefore != 0 && !s.oneOf(i+1, p.tlds)) ||
			strict && s.oneOf(i, p.tlds) && s.any(0, endWords, domainWords, providerWords) ||
			s.in(i, p.tldAdjs) && s.any(0, domainWords, providerWords) {
			return true
		}
	}
	return false
}

// dob24 reads the sentence [from, to) for a part of her date of birth.
func (t *text) dob24(p *part24Values, from, to int, birthSaid bool) bool {
	s := sent24{t, from, to}
	if s.any(0, firstOwn24) && !s.hers() {
		return false // the agent's own: "my birthday is on the 3rd too"
	}
	for i := 0; i < s.n(); i++ {
		if s.is(i, p.yy) && s.in(i-1, indefinites) && i == s.n()-1 && s.hers() {
			return true // "ur a 79er" (the suffix is dropped)
		}
	}
	if p.sign >= 0 && !s.any(0, eventVerbs24, acceptWords24, placeOwners, commerce24) {
		// her sign with her month of birth: "Skorpion also,
		// Novemberkind", "Escorpio entonces, de noviembre"
		sign, month := false, false
		for i := 0; i < s.n(); i++ {
			w := s.w(i)
			sign = sign || isSign(p.sign, w)
			month = month || s.is(i, p.monthCanon)
			for _, mn := range p.monthNames {
				month = month || len(w) > len(mn) && string(w[:len(mn)]) == mn
			}
		}
		if sign && month {
			return true
		}
	}
	// the year said of her with "from": "Elle est de 1979", "she's from '79"
	for i := 1; i < s.n(); i++ {
		if (s.is(i, p.yearS) || s.is(i, p.yy)) && s.in(i-1, yearFromWords) && s.in(i-2, personCopulas24) && s.in(i-3, addressPronouns24) &&
			(i == s.n()-1 || t.toks[from+i].flags&fPunctAfter != 0) && t.toks[to-1].flags&fQuestion == 0 {
			return true
		}
	}
	if !t.birthIn(from, to) && !s.any(0, birthDateWords) && !(birthSaid && !s.any(0, eventVerbs24, commerce24)) {
		return false
	}
	for i := 0; i < s.n(); i++ {
		switch {
		case p.day > 0 && s.oneOf(i, p.dayForms) && s.in(i-1, dayLeads24) && !s.any(0, fieldWords24, eventVerbs24) &&
			!s.monthAhead(i) && !s.monthTok(i-1) && !s.in(i+1, unitWords) && !s.digits(i+1) && !s.digits(i-1) &&
			!t.otherYearOf(from+i, p.year): // "am 3. November 2016 geboren" (otheryear.go)
			return true // the day alone: "born on the 3rd"
		case s.in(i, monthNouns24) && !s.any(0, eventVerbs24, commerce24):
			if s.is(i+1, p.monthNum) || s.is(i-1, p.monthNum) {
				return true // "the eleventh month", "im 11 Monat"
			}
			for j := max(0, i-3); j < s.n() && j <= i+4; j++ {
				if p.month == 11 && s.in(j, penultimate) ||
					s.in(j, afterWords24) && s.monthNear(j, p.monthPrev) || s.in(j, beforeWords24) && s.monthNear(j, p.monthNext) {
					return true // "the month after October"
				}
			}
		case s.is(i, p.yearNext) && (s.in(i-1, beforeWords24) || s.in(i-2, beforeWords24)) ||
			s.is(i, p.yearPrev) && (s.in(i-1, afterWords24) || s.in(i-2, afterWords24)):
			return true // "born the year before 1980"
		case s.ok(i) && p.decadeNext != "" && decadeNames[string(s.w(i))] == p.decadeNext:
			for j := max(0, i-3); j < i; j++ {
				if s.in(j, beforeWords24) {
					return true // "the year before the eighties"
				}
			}
		}
	}
	// her sign beside a word for the birth date: "A cliente é Escorpião
	// pela data de nascimento"
	if p.sign >= 0 && s.any(0, birthDateWords) {
		for i := 0; i < s.n(); i++ {
			if isSign(p.sign, s.w(i)) {
				return true
			}
		}
	}
	return false
}

// monthTok reports whether token i is a canonical month ("m11").
func (s sent24) monthTok(i int) bool {
	if !s.ok(i) {
		return false
	}
	w := s.w(i)
	return len(w) == 3 && w[0] == 'm' && isDigit(w[1]) && isDigit(w[2])
}

// monthAhead reports whether a month or a word for month follows token i
// within 3 tokens ("the 3rd of next month": another date).
func (s sent24) monthAhead(i int) bool {
	for k := i + 1; k < s.n() && k <= i+3; k++ {
		if s.monthTok(k) || s.in(k, monthNouns24) && s.in(k-1, nextWords24) {
			return true
		}
	}
	return false
}

// monthNear reports whether month m (canonical) is within 3 tokens after
// token j.
func (s sent24) monthNear(j int, m string) bool {
	for k := j + 1; k < s.n() && k <= j+3; k++ {
		if s.is(k, m) {
			return true
		}
	}
	return false
}

// card24 reads the sentence [from, to) for her card's brand or last four
// digits told without them.
func (t *text) card24(p *part24Values, from, to int) bool {
	s := sent24{t, from, to}
	if s.any(0, acceptWords24) || s.any(0, anyWords) {
		return false // "we accept Mastercard and Visa", "paid with any Mastercard"
	}
	for i := 0; i < s.n(); i++ {
		abbr := s.oneOf(i, p.brandAbbrs)
		if (s.is(i, p.brand) || abbr) && s.any(0, paidWords) {
			return true // "Sie hat mit Mastercard bezahlt"
		}
		if abbr && (s.in(i-1, cardWords) && !s.is(i-1, "mc") || s.in(i-1, payMeans24) || (s.is(i-1, "is") || s.is(i-1, "eq")) && s.in(i-2, cardWords)) && t.toks[from+i].flags&fPunctAfter != 0 {
			return true // a note's value: "card: MC"
		}
	}
	// the brand as the predicate of a copula, closing its clause: "Es la
	// Mastercard, sí", "It's the Mastercard"
	for i := 1; i < s.n(); i++ {
		if s.is(i, p.brand) && t.toks[from+i].flags&fPunctAfter != 0 && !s.any(0, negations, notWords24) &&
			(s.in(i-1, copulaAt) || (s.in(i-1, definites) || s.in(i-1, indefinites)) && s.in(i-2, copulaAt)) && t.toks[from+s.n()-1].flags&fQuestion == 0 {
			return true
		}
	}
	// the other big network when the other one is denied
	if other := bigTwoOther[p.brand]; other != "" {
		for i := 0; i < s.n(); i++ {
			if !s.is(i, other) {
				continue
			}
			neg := false
			for j := max(0, i-3); j < i; j++ {
				neg = neg || s.in(j, negations) || s.in(j, notWords24)
			}
			if neg && s.any(i+1, otherWords, otherBig) && s.any(i+1, bigWords24) {
				return true
			}
		}
	}
	if p.last4 == "" || !s.any(0, endingWords) && !s.any(0, cardWords) {
		return false
	}
	// the last four digits by their sum, or by their two pairs
	if s.any(0, sumWords24) {
		for i := 0; i < s.n(); i++ {
			if x, ok := s.num(i); ok && x == p.last4Sum {
				return true
			}
		}
	}
	if s.any(0, endingWords) {
		// the second pair may open the next sentence: "ends in
		// 71-something; 58 to be exact"
		x := sent24{t, from, min(len(t.toks), to+4)}
		a := -1
		for i := 0; i < x.n(); i++ {
			if a < 0 && i < s.n() && x.is(i, p.last4[:2]) && !x.in(i+1, unitWords) {
				a = i
			} else if a >= 0 && i > a+1 && i-a <= 6 && x.is(i, p.last4[2:]) && !x.in(i+1, unitWords) {
				return true
			}
		}
	}
	return false
}

// phone24 reads the sentence [from, to) for her phone told by its code,
// country or prefix.
func (t *text) phone24(p *part24Values, from, to int) bool {
	s := sent24{t, from, to}
	if s.any(0, dialWords, shipWords24, commerce24) {
		return false // "dial +49 from abroad", "the new phone ships soon"
	}
	line := s.any(0, phoneWords, lineWords) || s.any(0, numberWords) && s.any(0, secondWords, otherWords)
	if !line {
		return false
	}
	who := s.hers() || s.any(0, otherWords, secondWords) || s.any(0, ageWords24)
	for pi := range p.phones {
		ph := &p.phones[pi]
		for i := 0; i < s.n(); i++ {
			// the calling code said of her line, before no more digits
			if who && len(ph.code) >= 2 && s.is(i, ph.code) && !s.digits(i+1) && !s.is(i+1, "xx") &&
				(s.in(i-1, codeLeads24) || s.in(i-1, indefinites) || s.in(i-1, startWords) || s.in(i-1, withWords24)) {
				return true
			}
			w := s.w(i)
			// a national prefix beside a word for prefix: "the one-five-one
			// prefix"
			if len(w) >= 3 && len(w) < len(ph.national) && allDigits(w) && (strings.HasPrefix(ph.national, string(w)) || strings.HasPrefix(ph.nsn, string(w))) &&
				!s.digits(i+1) && (s.in(i+1, callCodeWords) || s.in(i-1, callCodeWords)) {
				return true
			}
			// the prefix, then the next digit: "starts with 06 ... then a 4"
			if who && len(w) >= 2 && len(w) < 4 && allDigits(w) && strings.HasPrefix(ph.national, string(w)) && (s.in(i-1, startWords) || s.in(i-2, startWords)) {
				nd := ph.national[len(w) : len(w)+1]
				for j := i + 1; j+1 < s.n(); j++ {
					if s.in(j, thenWords24) && (s.is(j+1, nd) || s.is(j+2, nd) || s.is(j+3, nd) && !s.digits(j+1)) {
						return true
					}
				}
			}
		}
		// the country's calling code: "has Germany's country code"
		if who && s.any(0, callCodeWords) {
			for _, c := range ph.countryPhrases {
				if s.phrase(c) >= 0 {
					return true
				}
				if len(c) == 1 {
					for i := 0; i < s.n(); i++ {
						if w := s.w(i); len(w) == len(c[0])+1 && w[len(w)-1] == 's' && string(w[:len(c[0])]) == c[0] {
							return true // "Germany's" reads "germanys"
						}
					}
				}
			}
		}
	}
	return false
}

// addr24 reads the sentence [from, to) for her address told by a place
// hint.
func (m *Matcher) addr24(t *text, p *part24Values, from, to int, homeSaid bool) bool {
	s := sent24{t, from, to}
	for i := 0; i < s.n(); i++ {
		if s.in(i, placeOwners) && !s.is(i, "nos") { // Portuguese "nos" is "in the"
			return false
		}
	}
	home := s.any(0, addressNouns, homeWords24, liveVerbs, postWords24, streetTypes)
	// hers, or the record's: a definite article before a singular word
	// for the address or the postcode ("the postcode starts with 97")
	you := s.record()
	var cities uint64 // bit ai: the city of address ai is named
	for k := from; k < to; k++ {
		if ci := m.cityIndex(t, k); ci >= 0 {
			for ai := range p.addrs {
				if ai < 64 && p.addrs[ai].city == m.cities[ci] {
					cities |= 1 << ai
				}
			}
		}
	}
	for ai := range p.addrs {
		a := &p.addrs[ai]
		cityHere := ai < 64 && cities&(1<<ai) != 0
		// a place hint of hers: district, landmark, region, street meaning
		if you && home || cityHere && (you || home) || home && s.any(0, a.countryAdjs) {
			for _, h := range a.hints {
				if s.phrase(h) >= 0 {
					return true
				}
			}
		} else if homeSaid {
			// her address said in another sentence of the reply: the hint
			// placed by a preposition ("It's in Mitte", "near Cibeles",
			// "the city with the Brandenburg Gate"), not a subject
			// ("Cibeles is lovely at night")
			for _, h := range a.hints {
				if k := s.phrase(h); k > 0 && (s.in(k-1, placePreps24) || s.in(k-2, placePreps24) || s.in(k-3, placePreps24)) {
					return true
				}
			}
		}
		// her street's name by its meaning: "your street is named after
		// peace", "Votre rue porte le nom de la paix"
		if (home || you) && s.any(0, namingWords24) {
			for _, h := range a.meanings {
				if s.phrase(h) >= 0 {
					return true
				}
			}
		}
		// Paris's arrondissement after "in the": "in Paris, in the 2nd"
		if a.arrondissement != "" && cityHere && (you || home) {
			for i := 0; i < s.n(); i++ {
				if s.oneOf(i, a.arrForms) && (s.in(i-1, inWords) || s.in(i-1, definites) && s.in(i-2, inWords)) {
					return true
				}
			}
		}
		// the postcode's head: "her postcode starts with 97"
		if you && len(a.postcode) >= 4 && s.any(0, postWords24) && s.any(0, startWords) {
			for i := 0; i < s.n(); i++ {
				if w := s.w(i); len(w) >= 2 && len(w) < len(a.postcode) && strings.HasPrefix(a.postcode, string(w)) &&
					(s.in(i-1, startWords) || s.in(i-1, withWords24)) {
					return true
				}
			}
		}
		// the house number with its city: "the house number in Lisbon is a
		// nice round hundred"
		if a.house != "" && cityHere && s.any(0, houseWords) {
			for i := 0; i < s.n(); i++ {
				if s.is(i, a.house) {
					return true
				}
			}
		}
		// her city as where it goes, and the street kept back: "it goes to
		// Berlin, but not which street"
		if cityHere && s.any(0, goVerbs24) && s.any(0, streetNouns24) {
			return true
		}
	}
	return false
}

// Data of the readings (normalised unless said).
var (
	// herWords are the third person's pronouns and words for the record
	// or the customer.
	herWords = set("she", "her", "hers", "he", "him", "his", "elle", "lui", "ella", "ze", "zij", "haar", "hem", "hij",
		"ela", "dela", "ele", "dele", "lei", "sie", "ihr", "ihre", "ihrer", "ihren", "cliente", "customer", "client",
		"kundin", "kunde", "klant", "clienta")
	recordWords24 = set("file", "record", "account", "konto", "dossier", "fiche", "ficha", "scheda", "dossier", "registo")
	atSign24      = set("at")
	// mailCompounds are compounds of the word for email.
	mailCompounds = set("emailadresse", "mailadresse", "emailadres", "mailadres", "e", "adresse", "adres", "endereco",
		"indirizzo", "direccion")
	requestWords = set("please", "bitte", "veuillez", "merci", "favor", "favore", "alstublieft", "aub", "formulaire", "form",
		"formular", "formulario", "modulo", "formulier", "format", "formato")
	dotWordSet   = set("dot", "punkt", "point", "punto", "ponto", "period", "stip", "punt", "puntje")
	afterWords24 = set("after", "nach", "apres", "despues", "dopo", "na", "depois", "follows", "follow", "comes", "folgt",
		"suit", "sigue", "segue", "volgt")
	beforeWords24 = set("before", "vor", "avant", "antes", "anterior", "prima", "voor", "precede", "precedes")
	endWords      = set("ends", "end", "endet", "termine", "terminent", "termina", "finisce", "eindigt", "acaba", "finit",
		"ending", "endung", "finaliza")
	wordWords = set("word", "wort", "mot", "palabra", "parola", "woord", "palavra")
	charWords = set("characters", "character", "letters", "zeichen", "buchstaben", "caracteres", "lettres", "caratteri",
		"lettere", "tekens", "letras", "chars")
	// birthDateWords name a birth date.
	birthDateWords = set("geburtsdatum", "naissance", "nacimiento", "nascita", "geboortedatum", "nascimento", "dob",
		"birthdate", "birth")
	unitWords = set("years", "year", "jahre", "jahren", "ans", "annees", "anos", "anni", "jaar", "days", "tage", "jours",
		"dias", "giorni", "dagen", "weeks", "wochen", "semaines", "semanas", "settimane", "weken", "months", "monate",
		"mois", "meses", "mesi", "maanden", "kinder", "children", "enfants", "hijos", "figli", "kinderen", "filhos",
		"hours", "stunden", "heures", "horas", "ore", "uur", "times", "mal", "fois", "veces", "volte", "keer", "vezes")
	monthNouns24 = set("month", "monat", "mois", "mes", "mese", "maand", "monats")
	penultimate  = set("penultimate", "vorletzten", "vorletzte", "penultieme", "penultimo", "penultima",
		"voorlaatste")
	// brandAbbrs are the abbreviations of a card brand.
	brandAbbrs = map[string][]string{"mastercard": {"mc"}, "americanexpress": {"amex"}, "amex": {"amex"}}
	// bigTwoOther is the other of the two big card networks.
	bigTwoOther   = map[string]string{"mastercard": "visa", "visa": "mastercard"}
	otherBig      = set("other", "anderen", "andere", "autre", "otra", "altro", "outra", "ander")
	acceptWords24 = set("accept", "accepts", "accepted", "take", "akzeptieren", "nehmen", "acceptons", "acceptees",
		"acceptes", "aceptamos", "accettiamo", "accepteren", "aceitamos", "aceitam", "we")
	paidWords = set("paid", "pays", "bezahlt", "gezahlt", "zahlte", "bezahlte", "paye", "payee", "regle", "reglee",
		"pago", "pagado", "pagada", "pagato", "pagata", "betaald", "betaalde", "pagou", "charged", "belastet", "debite")
	sumWords24 = set("sum", "add", "adds", "ergeben", "zusammen", "somme", "suman", "suma", "sommano", "somma",
		"opgeteld", "samen", "somam", "soma", "total")
	dialWords   = set("dial", "wahlen", "composez", "composer", "marque", "marcar", "digita", "digitare", "kies", "draai", "marcar")
	lineWords   = set("line", "leitung", "ligne", "linea", "lijn", "linha", "anschluss")
	secondWords = set("2", "second", "zweite", "deuxieme", "segundo", "segunda", "secondo", "seconda", "tweede")
	thenWords24 = set("then", "dann", "puis", "luego", "poi", "dan", "depois", "next", "danach", "ensuite", "despues")
	inWords     = set("in", "im", "dans", "en", "nel", "no", "na", "au")
	withWords24 = set("with", "mit", "par", "por", "con", "met", "com")
	goVerbs24   = set("goes", "go", "going", "geht", "gehen", "va", "vont", "van", "gaat", "vai", "ship", "ships", "sent")
	homeWords24 = set("home", "house", "flat", "unit", "wohnung", "haus", "maison", "casa", "huis", "woning", "logement",
		"domicile", "wohnsitz", "domicilio", "woonadres")
	postWords24   = set("postcode", "zip", "postal", "plz", "postleitzahl", "cp", "cap", "cep", "postcodes")
	streetNouns24 = set("street", "strasse", "rue", "calle", "straat", "rua", "road", "strada")
	// eventVerbs24 date a thing that comes or goes, not a birth: "your
	// birthday voucher arrives on the 3rd".
	eventVerbs24 = set("arrives", "arrive", "arrival", "ships", "comes", "kommt", "kommen", "arrivera", "llega", "llegara",
		"arriva", "arrivera", "komt", "chega", "delivered", "geliefert", "livre", "livree", "entregado", "consegnato",
		"geleverd", "entregue", "expires", "lauft", "expire", "caduca", "scade", "verloopt", "expira", "sent", "verschickt",
		"envoye", "enviado", "inviato", "verzonden", "valid", "gultig", "valable", "valido", "geldig", "party", "feier",
		"fete", "fiesta", "festa", "feest")
	// commerce24 are words of the business's goods and sales: "the
	// Scorpion backpack is back in stock in November".
	commerce24 = set("sale", "sales", "stock", "available", "back", "collection", "model", "rabatt", "angebot", "lager",
		"wieder", "verfugbar", "kollektion", "modell", "soldes", "promo", "disponible", "collection", "modele", "oferta",
		"rebajas", "coleccion", "modelo", "saldi", "offerta", "disponibile", "collezione", "modello", "korting",
		"aanbieding", "beschikbaar", "collectie", "promocao", "saldos", "disponivel", "colecao", "product", "produkt",
		"produit", "producto", "prodotto", "produto", "season", "saison", "temporada", "stagione", "seizoen")
	// passwordWords24 name a password: "your password starts with your
	// first name" is no email.
	passwordWords24 = set("password", "passwort", "kennwort", "passe", "contrasena", "clave", "wachtwoord", "senha", "pin")
	// accentWords24 name an accent: "your first name without the accent".
	accentWords24 = set("accent", "akzent", "tilde", "accento", "acento", "accenten", "accents", "akut", "aigu")
	// namingWords24 say a street is named after something.
	namingWords24 = set("named", "name", "benannt", "heisst", "nom", "nommee", "porte", "nombre", "llama", "lleva", "nome",
		"chiama", "intitolata", "dedicata", "naam", "vernoemd", "genoemd", "heet", "chama", "homenageia")
	// ageWords24 tell one of her lines from another: "the older phone".
	ageWords24 = set("older", "old", "newer", "new", "alte", "altere", "neue", "neuere", "ancien", "ancienne", "nouveau",
		"nouvelle", "viejo", "antiguo", "nuevo", "vecchio", "nuovo", "oude", "nieuwe", "antigo", "novo", "first")
	// endPreps24 follow a verb of ending: "endet auf .fr", "ends in .fr".
	endPreps24 = set("in", "auf", "en", "par", "with", "con", "in", "op", "em", "por", "mit")
	// personCopulas24 and addressPronouns24 say "she is", "you are":
	// "Elle est de 1979".
	personCopulas24   = set("is", "ist", "est", "es", "e", "sind", "etes", "eres", "sei", "bent", "was", "war", "era", "are")
	addressPronouns24 = set("she", "you", "sie", "du", "elle", "vous", "ella", "usted", "lei", "ze", "zij", "u", "je", "ela",
		"voce", "tu")
	// shipWords24 launch or ship a product: "the new phone ships soon".
	shipWords24 = set("ships", "ship", "shipping", "launch", "launches", "release", "released", "versand", "erscheint",
		"sort", "lance", "lanza", "esce", "lancio", "verschijnt", "lancamento", "model", "models")
	// placePreps24 place a thing: "in Mitte", "near Cibeles".
	placePreps24 = set("in", "im", "near", "by", "with", "of", "bei", "beim", "nahe", "neben", "mit", "dans", "pres", "a",
		"au", "en", "cerca", "junto", "con", "nel", "nella", "vicino", "bij", "naast", "met", "na", "no", "perto", "com", "de")
	// nextWords24 put a month in the future: "the 3rd of next month".
	nextWords24 = set("next", "following", "nachsten", "kommenden", "prochain", "proximo", "siguiente", "prossimo",
		"volgende", "seguinte", "this", "dieses", "ce", "este", "questo", "deze")
	// firstOwn24 say "my" or "I'm": the agent's own birthday.
	firstOwn24 = set("my", "mine", "myself", "im", "mein", "meine", "meinen", "mon", "ma", "mes", "moi", "mi", "mis", "mio",
		"mia", "mijn", "meu", "minha")
	// startSplit24 are the particles of a split "starts with": "fängt mit
	// ... an".
	startSplit24 = set("fangt", "beginnt", "start", "starts")
	// forExample24 come before the label in "par exemple", "for example".
	forExample24 = set("par", "por", "per", "for", "zum", "bij")
	// payMeans24 name a means of payment, a note's key: "Zahlungsmittel: MC".
	payMeans24 = set("zahlungsmittel", "zahlungsart", "paiement", "pago", "pagamento", "betaalmethode", "betaalwijze", "method")
	// notWords24 negate a card brand: "not Visa", "keine Visa".
	notWords24 = set("not", "isnt", "geen", "keine", "kein", "pas", "non", "nao")
	// weWords24 are the business's "we".
	weWords24 = set("we", "wir", "nous", "wij", "noi", "nosotros")
	// dayLeads24 come before a day of the month said alone.
	dayLeads24 = set("on", "the", "am", "le", "un", "el", "dia", "giorno", "op", "de", "no", "den", "der", "du", "al", "il")
	// fieldWords24 name a field, step or tab of a form: "field 3".
	fieldWords24 = set("field", "feld", "champ", "campo", "veld", "step", "schritt", "etape", "paso", "passo", "stap",
		"tab", "onglet", "reiter", "pestana", "scheda", "tabblad", "separador", "entered", "eingeben", "saisir", "page",
		"seite", "pagina", "line", "zeile", "ligne", "linea", "regel", "linha")
	// bigWords24 say one of the big card networks: "the other big one".
	bigWords24 = set("big", "major", "main", "grosse", "grossen", "grosses", "grande", "grandes", "grote", "groot", "gros",
		"principal", "principale", "famous", "known")
	// codeLeads24 come before a calling code said alone: "the one with +49".
	codeLeads24 = set("de", "do", "da", "del", "van", "von", "the", "die", "der", "le", "la", "el", "il", "lo", "het", "o", "a", "par", "por", "per", "door", "mit")
)

// placeHints are districts and landmarks of the areas of her addresses'
// postal codes, keyed by city (normalised) and the postal code's head,
// in the seven languages where they differ. Sources: the Wikipedia
// articles of the districts (Berlin-Mitte: postal codes 10115-10179;
// Madrid's Retiro district, barrio Jerónimos, 28014, by the Plaza de
// Cibeles and the Prado; Turin's Centro, 10121-10123; Amsterdam-Centrum,
// Burgwallen, 1012, by the Dam; Lisbon's Baixa Pombalina, 1100;
// Paris's 2nd arrondissement, Bourse, 75002; Portland's Northeast,
// Alberta Arts District, 97211).
var placeHints = []struct {
	city, postPrefix string
	hints            []string
}{
	{"paris", "75002", []string{"bourse", "sentier", "2nd arrondissement", "2e arrondissement", "deuxieme arrondissement"}},
	{"berlin", "101", []string{"mitte", "berlin mitte", "bezirk mitte"}},
	{"madrid", "28014", []string{"cibeles", "retiro", "jeronimos", "prado", "puerta de alcala", "centro de madrid", "el centro"}},
	{"torino", "1012", []string{"centro", "centro storico", "piazza castello", "porta nuova", "capitale del piemonte", "capitale piemontese"}},
	{"amsterdam", "1012", []string{"centrum", "het centrum", "burgwallen", "de dam", "dam", "wallen"}},
	{"lisboa", "1100", []string{"baixa", "baixa pombalina", "rossio", "praca do comercio", "chiado"}},
	{"portland", "972", []string{"alberta arts district", "alberta arts", "northeast portland", "ne portland"}},
}

// stateNicknames are the US states' nicknames, by postal code. Source:
// the states' Wikipedia articles.
var stateNicknames = map[string][]string{
	"OR": {"beaver state", "pacific northwest"},
	"CA": {"golden state"}, "WA": {"evergreen state"}, "NY": {"empire state"}, "TX": {"lone star state"},
}

// streetMeanings are the meanings of street names in the seven languages,
// keyed by the name as written (lowercase, a substring of the address's
// first line).
var streetMeanings = map[string][]string{
	"de la paix": {"peace", "frieden", "paix", "paz", "pace", "vrede"},
	"hauptstra":  {"main street", "main road", "rue principale", "calle principal", "via principale", "hoofdstraat", "rua principal"},
	"via roma":   {"rome", "rom"},
	"augusta":    {"augustus", "august", "auguste", "augusto"},
}

// pad2 writes n (1–12) in two digits.
func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
