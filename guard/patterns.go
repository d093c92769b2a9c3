package guard

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// Parts name which piece of a protected value a reply contained. They are
// fixed strings: a verdict never carries the value itself.
const (
	PartFull        = "full"         // the whole value
	PartStreet      = "street"       // house number and street, or street and type
	PartPostalCode  = "postal_code"  // the postal code, alone or with the city
	PartCity        = "city"         // the city (or its adjective) said as the address on file
	PartLast4       = "last4"        // the last 4 digits (or 2 or 3 after a word for "ending", or the first after "starts with"), in context
	PartLocalNumber = "local_number" // the last 7 digits of a phone
	PartCardBrand   = "card_brand"   // the card brand, in context
	PartSpoken      = "spoken"       // an email spelled "jane dot doe at example dot com"
	partPublic      = "public"       // an allowed public string (internal)
	partNearStreet  = "near_street"  // probe only
	partNearPhone   = "near_phone"   // probe only
)

// ctxKind says what context a pattern needs around it to count.
type ctxKind uint8

const (
	ctxNone        ctxKind = iota
	ctxPhone               // "phone", "number", "ending", "xx", ... before
	ctxCard                // "card", "ending", "last", "visa", "xx", ... before
	ctxBrand               // "your" before, or "card", "ending" after
	ctxNotOwned            // no owner word ("order", "Bestellnummer") just before
	ctxStreet              // a street without its number, said as the customer's (text.streetNamed)
	ctxDobYear             // a date of birth's day and month, its year within 3 tokens after (Matcher.dobYearAfter) or a word for birth beside (text.birthNear)
	ctxPhoneSplit          // a digit run that opens a phone; later runs complete it (Matcher.phoneSplit)
	ctxDobWord             // a year of birth alone, a word for birth or birthday beside it (text.birthNear)
	ctxCity                // the city of an address, in a sentence that names the record or the default (text.cityNamed)
	ctxMailLocal           // an email's local part or domain label, beside a word for the user name, domain or "starts with" (text.mailPart)
	ctxMailDomain          // an email's domain, the same or right after a word for email
	ctxStreetApart         // a street's distinctive words, its house number after a house-number word in the sentence (Matcher.streetApart)
	ctxPhoneStart          // a phone's first digits: a word for "starts with" beside them, a phone word before (inContext)
	ctxPhoneEnd            // a phone's last 2 or 3 digits: a word for "ending" beside them, a phone word before (inContext)
	ctxCardEnd             // a card's last 2 or 3 digits, the same with a card word
	ctxDobMonth            // the month of birth alone, a word for birthday beside it (Matcher.birthMonth)
	ctxMailCut             // an email's local part and "@", cut short there ("elodie.martin@...")
	ctxStreetCity          // a street's distinctive words, the city of the same address in the sentence (Matcher.streetCity)
	ctxHouseAlone          // a word for house number, a house number on file after it, said of the record (Matcher.houseAlone)
	ctxUnit                // an address's unit with its word, owned by no other noun (text.unitNamed)
	ctxDobDay              // the day of birth alone, closing a clause about the date of birth (Matcher.dayOfBirth)
	ctxCardStart           // a card's last four's first 2 digits: a word for "starts with" beside them, a card or "last digits" word before (inContext)
	ctxDobSaid             // the month of birth by its place in the year, or the day of birth "as" the birthday (text.dobSaid)
	ctxPostalKey           // part of a postal code, a postal field key before it ("cp_dest=1100", "dest_plz=101**") (text.fieldKeyBefore)
	ctxCountry             // a country's adjective beside a noun of an address or phone, said of the customer (text.countryNamed)
	ctxMailShape           // a label of the email's domain, its local part described as first and last name (text.mailShaped)
	ctxMailMasked          // an email's part beside a mask and an '@' read "at" (the text holds an '@')
	ctxPostHead            // a postal code's first 3 or more digits after "starts with" and a postal-code word (text.postHead)
	ctxCountryOf           // the country of an address, named by counting or elimination over her addresses (text.countryCounted)
	ctxMailTLD             // an email's top-level domain, a possessive and a word for address beside it (text.mailLabelYours)
	ctxDobMY               // the month and year of birth as digits, a word for birth or words for month and year beside (Matcher.monthYearNamed)
	ctxCallCode            // a phone's country calling code, a phone noun after it or "starts with" before it (text.callCodeSaid)
	ctxNamed               // one of her names, or a possessive said after the noun ("dela"): no hit, it marks the text for checkNamed (thirdname.go)
	ctxPostTail            // a postal code's last 3 digits after "ends in" and a postal-code word (text.postTail)
	ctxPhoneMid            // a phone's middle 4 digits after a word for "middle" (phonemid.go)
	ctxPhonePrefix         // a phone's network prefix without its zero, a number of its own, said as the phone's start (phonemid.go)
)

// pattern is one normalised form of a protected (or public) value.
type pattern struct {
	class string
	part  string
	level proofdesk.Level
	ctx   ctxKind
	// probe marks patterns used only by Probe (near matches).
	probe bool
	// tokenEnd marks digit-view patterns that must end where a token
	// ends, anywhere in a run ("06 47 21 83 90 0800 123 456").
	tokenEnd bool
	// aux is the index in Matcher.splitForms of a ctxPhoneSplit
	// pattern's phone.
	aux int16
}

// builder collects the patterns of one matcher.
type builder struct {
	strs []string
	pats []pattern
	seen map[string]int
	// houses are the house numbers of ctxStreetApart patterns (aux);
	// streetNums those of ctxStreet streets (aux-1, streetother.go).
	houses     []string
	streetNums []streetNum
	// cities are the cities of ctxStreetCity patterns (aux), typos the
	// streets matched one letter off (Matcher.streetTypo).
	cities []string
	typos  []typoStreet
	// houseNums are the addresses' house numbers (ctxHouseAlone).
	houseNums []string
}

func (b *builder) add(s string, p pattern) {
	if s == "" || p.part != partPublic && p.level <= proofdesk.L0 {
		return // a value anyone may hear is not protected
	}
	key := s + "\x00" + p.class + "\x00" + p.part + "\x00" + fmt.Sprint(p.ctx, p.probe, p.tokenEnd, p.aux)
	if b.seen == nil {
		b.seen = map[string]int{}
	}
	if _, ok := b.seen[key]; ok {
		return
	}
	b.seen[key] = len(b.strs)
	b.strs = append(b.strs, s)
	b.pats = append(b.pats, p)
}

// tokens adds a token-view pattern " t1 t2 ... ".
func (b *builder) tokens(toks []string, p pattern) {
	if len(toks) == 0 {
		return
	}
	b.add(" "+strings.Join(toks, " ")+" ", p)
}

// addText normalises s and adds it as a token pattern.
func (b *builder) addText(s string, p pattern) { b.tokens(normTokens(s), p) }

// minLen is the shortest normalised value (letters and digits) matched on
// its own: shorter values ("3", "vip") would match everywhere.
const minLen = 4

func tokLen(toks []string) int {
	n := 0
	for _, t := range toks {
		n += len(t)
	}
	return n
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

func (b *builder) email(v string, level proofdesk.Level) {
	p := pattern{class: proofdesk.ClassEmail, part: PartFull, level: level}
	b.addText(v, p)
	at := strings.LastIndexByte(v, '@')
	if at <= 0 {
		return
	}
	// spoken: jane dot doe at example dot com
	spoken := func(s string) []string {
		var out []string
		for i, part := range strings.Split(s, ".") {
			if i > 0 {
				out = append(out, "dot")
			}
			out = append(out, normTokens(part)...)
		}
		return out
	}
	sp := pattern{class: proofdesk.ClassEmail, part: PartSpoken, level: level}
	toks := append(spoken(v[:at]), "at")
	b.tokens(append(toks, spoken(v[at+1:])...), sp)
	// "jane.doe (at) example.com"
	b.tokens(append(append(normTokens(v[:at]), "at"), normTokens(v[at+1:])...), sp)
	// in parts: "your username is jane.doe", "the domain is example.org",
	// "su correo de example.org" (a webmail domain tells nothing)
	if local := normTokens(v[:at]); tokLen(local) >= 6 {
		b.tokens(local, pattern{class: proofdesk.ClassEmail, part: PartFull, level: level, ctx: ctxMailLocal})
		b.mailPrefixes(local, level)
		b.mailMasks(local, normTokens(v[at+1:]), level)
		// "elodie.martin@...": the local part, the domain left out
		b.tokens(append(local, "at"), pattern{class: proofdesk.ClassEmail, part: PartFull, level: level, ctx: ctxMailCut})
	}
	// the local part spoken with its dots, "elodie punt martin", or its
	// first word and a dot before a vague word, "elodie-dot-something"
	if parts := strings.Split(v[:at], "."); len(parts) >= 2 && tokLen(normTokens(v[:at])) >= 6 {
		for dw := range dotWords {
			var toks []string
			for i, part := range parts {
				if i > 0 {
					toks = append(toks, dw)
				}
				toks = append(toks, normTokens(part)...)
			}
			b.tokens(toks, pattern{class: proofdesk.ClassEmail, part: PartSpoken, level: level})
			if first := normTokens(parts[0]); len(first) == 1 && len(first[0]) >= 4 {
				for vague := range vagueWords {
					b.tokens([]string{first[0], dw, vague}, pattern{class: proofdesk.ClassEmail, part: PartSpoken, level: level})
				}
			}
		}
	}
	if dom := normTokens(v[at+1:]); len(dom) >= 2 && tokLen(dom) >= 6 && !webmail[dom[0]] {
		b.tokens(dom, pattern{class: proofdesk.ClassEmail, part: PartFull, level: level, ctx: ctxMailDomain})
		if len(dom[0]) >= 5 {
			b.tokens(dom[:1], pattern{class: proofdesk.ClassEmail, part: PartFull, level: level, ctx: ctxMailLocal})
		}
	}
	b.mailTLD(v, level)
	// the compact view: separators between the letters, "(at)", "[dot]",
	// "arobase", "punkt" and the like ("j.a.n.e.d.o.e at example dot com")
	if c := compactOf(v); len(c) >= 10 {
		b.add(c, sp)
	}
}

// vagueWords stand for the rest of an email's local part: "elodie dot
// something" (normalised).
var vagueWords = set("something", "whatever", "etwas", "irgendwas", "quelque", "truc", "algo", "qualcosa", "iets",
	"zoiets", "xyz", "xxx")

// compactOf returns the compact view of s: its tokens joined, the words
// for "dot" dropped.
func compactOf(s string) string {
	var t text
	t.normalize(s)
	return strings.Trim(string(t.buf[t.compact:]), "\xff")
}

// phone adds the forms of an E.164 number to the digit view.
func (b *builder) phone(v string, level proofdesk.Level) {
	b.phoneCountry(v, level)
	if len(v) > 1 && v[0] == '+' && allDigits([]byte(v[1:])) {
		b.phoneKeyed(v[1:], level)
	}
	d := strings.TrimPrefix(v, "+")
	if len(d) < 8 || !allDigits([]byte(d)) {
		b.addText(v, pattern{class: proofdesk.ClassPhone, part: PartFull, level: level})
		return
	}
	national := nationalNumber(d)
	full := pattern{class: proofdesk.ClassPhone, part: PartFull, level: level}
	// Any digit run that ends in the national number: covers +1, 001,
	// a trunk 0 and no prefix at all.
	b.add(national+"|", full)
	b.add(national, pattern{class: full.class, part: full.part, level: full.level, tokenEnd: true})
	if d[0] == '1' && len(national) == 10 {
		b.add("|"+national[len(national)-7:]+"|", pattern{class: proofdesk.ClassPhone, part: PartLocalNumber, level: level})
	}
	b.add(" "+d[len(d)-4:]+" ", pattern{class: proofdesk.ClassPhone, part: PartLast4, level: level, ctx: ctxPhone})
	// "ending 01 23", "ending oh one two three"
	b.add("|"+d[len(d)-4:]+"|", pattern{class: proofdesk.ClassPhone, part: PartLast4, level: level, ctx: ctxPhone})
	b.add(" x"+d[len(d)-4:]+" ", pattern{class: proofdesk.ClassPhone, part: PartLast4, level: level, ctx: ctxPhone})
	// "starts with 06 47", "beginnt mit 0151", "começa por +49 151"
	if cc := d[:len(d)-len(national)]; len(national) >= 8 && cc != "" {
		start := pattern{class: proofdesk.ClassPhone, part: PartLast4, level: level, ctx: ctxPhoneStart}
		b.tokens([]string{"0" + national[:1], national[1:3]}, start)
		b.tokens([]string{"0" + national[:3]}, start)
		b.tokens([]string{cc, national[:3]}, start)
		b.tokens([]string{cc, national[:1], national[1:3]}, start) // "+33 6 47"
		if len(national) >= 9 {
			// the network prefix without its zero: "the one-five-one
			// number", "celui en cent cinquante et un"
			b.tokens([]string{national[:3]}, pattern{class: proofdesk.ClassPhone, part: PartLast4, level: level, ctx: ctxPhonePrefix})
		}
		b.phoneMiddle(national, level)
	}
	// "ending in 90", "acaba em 716"
	b.add(" "+d[len(d)-2:]+" ", pattern{class: proofdesk.ClassPhone, part: PartLast4, level: level, ctx: ctxPhoneEnd})
	b.add(" "+d[len(d)-3:]+" ", pattern{class: proofdesk.ClassPhone, part: PartLast4, level: level, ctx: ctxPhoneEnd})
	// "ending in 57716", "endet auf 457716"
	for _, n := range []int{5, 6} {
		if len(national) > n+2 {
			b.add("|"+d[len(d)-n:]+"|", pattern{class: proofdesk.ClassPhone, part: PartLast4, level: level, ctx: ctxPhoneEnd})
		}
	}
}

// nationalNumber strips the country code from E.164 digits (its length
// follows the ITU numbering plan). A digit run in the text matches when it
// ends in the national number, with or without a trunk 0 or a country code.
func nationalNumber(d string) string {
	n := ccLen(d)
	if len(d)-n < 6 {
		return d
	}
	return d[n:]
}

func ccLen(d string) int {
	if len(d) < 2 {
		return 0
	}
	two := d[:2]
	switch d[0] {
	case '1', '7':
		return 1
	case '2':
		if two == "20" || two == "27" {
			return 2
		}
	case '3':
		if two <= "34" || two == "36" || two == "39" {
			return 2
		}
	case '4':
		if two != "42" {
			return 2
		}
	case '5':
		if two != "50" && two != "59" {
			return 2
		}
	case '6':
		if two <= "66" {
			return 2
		}
	case '8':
		if two == "81" || two == "82" || two == "84" || two == "86" {
			return 2
		}
	case '9':
		if two <= "95" || two == "98" {
			return 2
		}
	}
	return 3
}

func (b *builder) address(a proofdesk.Address, level proofdesk.Level) {
	b.arrondissement(a, level) // texting.go
	toks := normTokens(a.Line1)
	street := pattern{class: proofdesk.ClassAddress, part: PartStreet, level: level}
	// cut at a unit ("500 market st unit 4b" -> "500 market st"); the unit
	// with its word is the address on its own ("delivery is set for
	// apartment #4B", "l'appartement 4B"), unless a noun before owns it
	// ("ticket #4B")
	for i, t := range toks {
		if t == "unit" && i > 0 {
			if u := toks[i+1:]; tokLen(u) >= 2 {
				b.tokens(append([]string{"unit"}, u...), pattern{class: street.class, part: street.part, level: level, ctx: ctxUnit})
				if len(u) == 1 && isDigit(u[0][0]) && !contains(b.houseNums, u[0]) {
					// "the flat number on file is 4B", "your unit is 4B" (ctxHouseAlone)
					b.houseNums = append(b.houseNums, u[0])
					b.tokens([]string{"unit"}, pattern{class: street.class, part: street.part, level: level, ctx: ctxHouseAlone})
				}
			}
			toks = toks[:i]
			break
		}
	}
	if len(toks) >= 2 {
		var num string
		var name []string
		switch {
		case hasDigit(toks[0]):
			num, name = toks[0], toks[1:]
		case hasDigit(toks[len(toks)-1]):
			num, name = toks[len(toks)-1], toks[:len(toks)-1]
		default:
			name = toks
		}
		// drop trailing directions: "1600 pennsylvania ave nw"
		for len(name) > 1 && directions[name[len(name)-1]] {
			name = name[:len(name)-1]
		}
		// and leading ones: "2218 ne alberta st" is also "2218 alberta st"
		full := name
		for len(name) > 1 && directions[name[0]] {
			name = name[1:]
		}
		bare := name // name without its street type
		typed := false
		if len(bare) > 1 && streetTypes[bare[len(bare)-1]] {
			bare = bare[:len(bare)-1]
			typed = true
		}
		if len(bare) > 1 && typeFirst[bare[0]] {
			bare = bare[1:]
			typed = true
		}
		// the distinctive words: "rue de la paix" -> "paix"
		var core []string
		for _, t := range bare {
			if !particles[t] {
				core = append(core, t)
			}
		}
		nums := []string{num}
		if k := len(num); k > 1 && num[k-1] >= 'a' && num[k-1] <= 'z' && hasDigit(num[:k-1]) {
			nums = append(nums, num[:k-1]+" "+num[k-1:]) // "221 b baker"
		}
		if num != "" && tokLen(bare) >= 3 {
			for _, n := range nums {
				fullBare := full // "2218 ne alberta"
				if typed && len(full) > 1 && streetTypes[full[len(full)-1]] {
					fullBare = full[:len(full)-1]
				}
				for _, form := range [][]string{full, name, bare, fullBare} {
					b.tokens(append(strings.Fields(n), form...), street)
					b.tokens(append(append([]string(nil), form...), strings.Fields(n)...), street)
				}
				// "I see house number 92 on your account", "als Hausnummer
				// steht nur die 5": the number after a word for it
				if !contains(b.houseNums, strings.Fields(n)[0]) {
					b.houseNums = append(b.houseNums, strings.Fields(n)[0])
				}
				for _, nw := range houseAloneWords {
					b.tokens([]string{nw}, pattern{class: proofdesk.ClassAddress, part: PartStreet, level: level, ctx: ctxHouseAlone})
				}
				if len(core) > 0 && tokLen(core) >= 4 && len(b.houses) < 1<<15 {
					// "the number is 45 and the street is Alcalá"
					apart := street
					apart.ctx, apart.aux = ctxStreetApart, int16(len(b.houses))
					b.houses = append(b.houses, strings.Fields(n)[0])
					b.tokens(core, apart)
				}
				if len(core) > 0 && tokLen(core) >= 4 {
					b.tokens(append(strings.Fields(n), core...), street)
					b.tokens(append(append([]string(nil), core...), strings.Fields(n)...), street)
					// "Alcalá, número 45", "Hauptstraße, Hausnummer 5"
					for _, nw := range houseNumberWords {
						b.tokens(append(append(append([]string(nil), core...), nw), strings.Fields(n)...), street)
					}
				}
			}
		}
		if typed && tokLen(bare) >= 3 {
			// the street with its type and no number: the customer's
			// street only where the reply says so (ctxStreet)
			street := street
			street.ctx = ctxStreet
			if num != "" && len(b.streetNums) < 1<<15-1 {
				// beside another house number it is another address (streetother.go)
				b.streetNums = append(b.streetNums, streetNum{num: num, before: num == toks[0]})
				street.aux = int16(len(b.streetNums))
			}
			b.tokens(full, street)
			b.tokens(name, street)
			if len(core) > 0 && len(core) < len(bare) && tokLen(core) >= 4 {
				// "calle Alcalá" for "Calle de Alcalá"
				if typeFirst[name[0]] {
					b.tokens(append([]string{name[0]}, core...), street)
				} else {
					b.tokens(append(append([]string(nil), core...), name[len(name)-1]), street)
				}
			}
		}
		if tokLen(bare) >= 3 {
			// The street name alone (another house number, another street
			// type): too common a word to block, but a near match when an
			// unverified requester quotes it.
			b.tokens(bare, pattern{class: proofdesk.ClassAddress, part: partNearStreet, level: level, probe: true})
			if len(core) > 0 && tokLen(core) >= 4 && len(core) < len(bare) {
				b.tokens(core, pattern{class: proofdesk.ClassAddress, part: partNearStreet, level: level, probe: true})
			}
		}
	} else if len(toks) == 1 && tokLen(toks) >= 6 {
		b.tokens(toks, street)
	}
	pc := normTokens(a.PostalCode)
	city := normTokens(a.City)
	b.countries(a, level)
	b.regions19(a, level) // the region of her city: "the Piedmont house" (country19.go)
	b.typoStreets(a, level)
	b.countryNames(a.Country, level)
	if core := streetCore(toks); len(core) > 0 && tokLen(core) >= 4 && len(city) == 1 && len(city[0]) >= 4 && len(b.cities) < 1<<15 {
		// "the Madrid flat near Alcalá", "Votre appartement parisien rue
		// de la Paix": the street's word with its city
		b.tokens(core, pattern{class: proofdesk.ClassAddress, part: PartStreet, level: level, ctx: ctxStreetCity, aux: int16(len(b.cities))})
		b.cities = append(b.cities, city[0])
	}
	// "the Paris one is on the account", "die Berliner Adresse ist
	// hinterlegt", "votre adresse parisienne par défaut" (ctxCity)
	if len(city) > 0 && tokLen(city) >= 4 {
		cp := pattern{class: proofdesk.ClassAddress, part: PartCity, level: level, ctx: ctxCity}
		b.tokens(city, cp)
		// its name in the other six languages: "your Lisbon address",
		// "vous a encore à Lisbonne", "heeft je nog in Berlijn staan"
		for _, x := range exonyms[strings.Join(city, " ")] {
			b.tokens(strings.Fields(x), cp)
		}
		for _, x := range cityRiddles[strings.Join(city, " ")] {
			b.addText(x, cp) // "the city with the Brandenburg Gate" (riddles.go)
		}
		if c := city[0]; len(city) == 1 {
			for _, suf := range []string{"er", "ien", "ienne", "se", "s"} {
				b.tokens([]string{c + suf}, cp)
			}
			if strings.ContainsRune("aeiou", rune(c[len(c)-1])) {
				b.tokens([]string{c[:len(c)-1] + "ese"}, cp) // "torinese"
			}
			for _, x := range cityDemonyms[c] {
				b.tokens([]string{x}, cp) // "el piso madrileño", "a casa lisboeta"
			}
		}
	}
	postal := pattern{class: proofdesk.ClassAddress, part: PartPostalCode, level: level, ctx: ctxNotOwned}
	b.postalParts(pc, level)
	b.postcodeHeads(pc, level)
	b.postcodeTails(pc, level)
	if len(pc) > 0 {
		joined := strings.Join(pc, "")
		forms := [][]string{pc}
		if len(pc) > 1 {
			forms = append(forms, []string{joined})
		}
		// US ZIP+4: the 5-digit base on its own
		if len(pc) == 2 && len(pc[0]) == 5 && allDigits([]byte(pc[0])) && len(pc[1]) == 4 && allDigits([]byte(pc[1])) {
			forms = append(forms, pc[:1])
		}
		if len(pc) == 1 && len(joined) == 9 && allDigits([]byte(joined)) {
			forms = append(forms, []string{joined[:5]})
		}
		for _, f := range forms {
			if tokLen(f) >= 5 {
				b.tokens(f, postal)
				if fj := strings.Join(f, ""); allDigits([]byte(fj)) {
					b.add("|"+fj+"|", postal) // "9 4 1 0 5", "94 105"
				}
			} else {
				if len(city) > 0 {
					// a short postal code ("2000", "8001") only with the city
					b.tokens(append(append([]string(nil), city...), f...), postal)
					b.tokens(append(append([]string(nil), f...), city...), postal)
				}
				// or with its label: "PLZ 8001", "CP 8001"
				for _, l := range postalLabels {
					b.tokens(append(strings.Fields(l), f...), postal)
				}
			}
		}
	}
}

// houseAloneWords name a house number said alone ("house number 92",
// "Hausnummer 5", "el número 45"), normalised: "no", "n" and "nr" say too
// many other things.
var houseAloneWords = []string{"number", "numero", "nummer", "hausnummer", "huisnummer", "civico"}

// exonyms are the names of cities in the seven languages (normalised),
// keyed by each of them: a city on file may be said in the reply's
// language ("Lisboa" as "Lisbon", "Lisbonne", "Lissabon"). Source: the
// cities' Wikipedia articles in the seven languages.
var exonyms = func() map[string][]string {
	groups := [][]string{
		{"lisboa", "lisbon", "lisbonne", "lissabon", "lisbona"},
		{"porto", "oporto"},
		{"torino", "turin", "turijn", "turim"},
		{"milano", "milan", "mailand", "milaan", "milao"},
		{"roma", "rome", "rom"},
		{"napoli", "naples", "neapel", "napels", "napoles"},
		{"firenze", "florence", "florenz", "florencia", "florenca"},
		{"venezia", "venice", "venedig", "venise", "venecia", "venetie", "veneza"},
		{"genova", "genoa", "genua", "genes"},
		{"berlin", "berlijn", "berlim", "berlino"},
		{"munchen", "munich", "munique", "monaco di baviera"},
		{"koln", "cologne", "keulen", "colonia"},
		{"hamburg", "hambourg", "hamburgo", "amburgo"},
		{"wien", "vienna", "vienne", "viena", "wenen"},
		{"amsterdam", "amsterdao", "amsterda", "amesterdao"},
		{"den haag", "the hague", "la haye", "la haya", "l aia", "haia"},
		{"antwerpen", "antwerp", "anvers", "amberes", "anversa", "antuerpia"},
		{"brussel", "bruxelles", "brussels", "bruselas", "bruxelas", "bruessel"},
		{"paris", "parijs", "parigi"},
		{"marseille", "marseilles", "marsella", "marsiglia", "marselha"},
		{"lyon", "lione", "lyons"},
		{"madrid", "madri"},
		{"sevilla", "seville", "sevilha", "siviglia"},
		{"zaragoza", "saragosse", "saragozza", "saragoca"},
		{"barcelona", "barcelone", "barcellona"},
		{"london", "londres", "londra", "londen"},
		{"geneve", "geneva", "genf", "ginevra", "ginebra", "genebra"},
		{"zurich", "zurigo", "zurique"},
		{"praha", "prague", "prag", "praga", "praag"},
		{"warszawa", "warsaw", "warschau", "varsovie", "varsovia", "varsavia"},
		{"kobenhavn", "copenhagen", "kopenhagen", "copenhague", "copenaghen"},
		// a22b: the airport codes a city goes by in texting, where the code
		// is no word of the seven languages ("ur pdx spot")
		{"portland", "pdx"}, {"new york", "nyc"}, {"barcelona", "bcn"}, {"amsterdam", "ams"}, {"torino", "trn"},
		{"san francisco", "sfo"},
	}
	m := map[string][]string{}
	for _, g := range groups {
		for _, k := range g {
			for _, x := range g {
				if x != k {
					m[k] = append(m[k], x)
				}
			}
		}
	}
	return m
}()

// romanMonths are the months in Roman numerals, lowercased as tokens.
var romanMonths = [12]string{"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}

// houseNumberWords name a house number: "Alcalá, número 45".
var houseNumberWords = []string{"number", "no", "nr", "num", "numero", "nummer", "hausnummer", "huisnummer", "n", "nro", "civico", "numer"}

// postalLabels are the words that name a postal code, in seven languages
// (normalised).
var postalLabels = []string{"zip", "zip code", "zipcode", "postcode", "post code", "postal code", "postleitzahl", "plz",
	"code postal", "cp", "codigo postal", "cap", "codice postale", "cep", "postcode is", "zip is", "plz ist", "cp est"}

func (b *builder) dateOfBirth(s string, level proofdesk.Level) {
	var y, m, d int
	if _, err := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); err != nil || m < 1 || m > 12 || d < 1 || d > 31 {
		b.addText(s, pattern{class: proofdesk.ClassDateOfBirth, part: PartFull, level: level})
		return
	}
	p := pattern{class: proofdesk.ClassDateOfBirth, part: PartFull, level: level}
	b.dobSaid(m, d, level)
	b.dobKeyed(m, d, level)
	b.dobMonthYear(s, level)
	ys := []string{fmt.Sprint(y), fmt.Sprintf("%02d", y%100)}
	ms := uniq(fmt.Sprintf("%02d", m), fmt.Sprint(m))
	ds := uniq(fmt.Sprintf("%02d", d), fmt.Sprint(d))
	mon := fmt.Sprintf("m%02d", m)
	for _, mm := range ms {
		for _, dd := range ds {
			b.tokens([]string{ys[0], mm, dd}, p)
			for _, yy := range ys {
				b.tokens([]string{dd, mm, yy}, p)
				b.tokens([]string{mm, dd, yy}, p)
			}
		}
	}
	for _, dd := range ds {
		for _, yy := range ys {
			b.tokens([]string{mon, dd, yy}, p)
			b.tokens([]string{dd, mon, yy}, p)
			// "the third of November seventy-nine", "29 de março de 1988",
			// "5 de julio del 1983"
			for _, of := range []string{"of", "de", "di", "van", "del"} {
				b.tokens([]string{dd, of, mon, yy}, p)
				b.tokens([]string{dd, of, mon, of, yy}, p)
				b.tokens([]string{dd, mon, of, yy}, p)
			}
			b.tokens([]string{dd, "de", mon, "del", yy}, p)
			b.tokens([]string{mon, "the", dd, yy}, p)
		}
		b.tokens([]string{ys[0], mon, dd}, p)
	}
	// a Roman-numeral month: "3/XI/1979", "03.XI.79"
	if rom := romanMonths[m-1]; rom != "" {
		for _, dd := range ds {
			for _, yy := range ys {
				b.tokens([]string{dd, rom, yy}, p)
			}
			b.tokens([]string{ys[0], rom, dd}, p)
		}
	}
	// day and month with the year a few words on: "3 de nov., año 1979",
	// "un 3 novembre, en 79", "3.11. geboren, im Jahr 1979" (ctxDobYear)
	loose := p
	loose.ctx = ctxDobYear
	for _, dd := range ds {
		b.tokens([]string{dd, mon}, loose)
		b.tokens([]string{mon, dd}, loose)
		b.tokens([]string{mon, "the", dd}, loose)
		for _, of := range []string{"of", "de", "di", "van", "del"} {
			b.tokens([]string{dd, of, mon}, loose)
		}
		for _, mm := range ms {
			b.tokens([]string{dd, mm}, loose) // "am 3.11. geboren, im Jahr 1979"
			b.tokens([]string{mm, dd}, loose)
		}
	}
	// month and year: "born in November 1979", "van november '79"
	for _, yy := range ys {
		b.tokens([]string{mon, yy}, pattern{class: p.class, part: p.part, level: level, ctx: ctxNotOwned})
		b.tokens([]string{mon, "of", yy}, p)
	}
	// the month alone beside a word for birthday: "your birthday is in
	// November", "Sie haben im November Geburtstag" (ctxDobMonth)
	b.tokens([]string{mon}, pattern{class: p.class, part: p.part, level: level, ctx: ctxDobMonth})
	for _, x := range monthRiddles[mon] {
		b.addText(x, pattern{class: p.class, part: p.part, level: level, ctx: ctxDobMonth}) // "the month with Armistice Day" (riddles.go)
		if ps := possessive51(normTokens(x)); ps != nil {
			b.tokens(ps, pattern{class: p.class, part: p.part, level: level, ctx: ctxDobMonth}) // "Bonfire Night's eve" (dobfrag51.go)
		}
	}
	// the day alone closing a clause on the date of birth: "the birth
	// date on file is the 3rd" (ctxDobDay)
	for _, dd := range []string{strconv.Itoa(d), strconv.Itoa(d) + "e"} { // Dutch "de 3e"
		b.tokens([]string{dd}, pattern{class: p.class, part: p.part, level: level, ctx: ctxDobDay})
	}
	// the year alone beside a word for birth: "Jahrgang 1979", "née en 1979"
	b.tokens([]string{ys[0]}, pattern{class: p.class, part: p.part, level: level, ctx: ctxDobWord})
	// and in two digits: "anno di nascita il '79"
	b.tokens([]string{ys[1]}, pattern{class: p.class, part: p.part, level: level, ctx: ctxDobWord})
	b.tokens([]string{fmt.Sprintf("%04d%02d%02d", y, m, d)}, p)
	// the date as a count beside a word for birth (a22c): Unix seconds and
	// milliseconds at its midnight UTC ("DOB as a Unix timestamp:
	// 310435200"), a spreadsheet's serial day, days since 30 December 1899
	// ("DOB cell value: 29162")
	at := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	for _, n := range []int64{at.Unix(), at.Unix() * 1000, int64(at.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)} {
		switch {
		case n >= 1e8 || n <= -1e8:
			b.tokens([]string{strconv.FormatInt(n, 10)}, p) // nine digits and more: no other number
		case n > 0:
			b.tokens([]string{strconv.FormatInt(n, 10)}, pattern{class: p.class, part: p.part, level: level, ctx: ctxDobWord})
		}
	}
	// digits run together or spaced out: "14 03 19 85", "1 4 0 3 1 9 8 5"
	// (and year first in two digits, "DOB 791103", a22c)
	for _, f := range []string{"%02[3]d%02[2]d%04[1]d", "%02[2]d%02[3]d%04[1]d", "%04[1]d%02[2]d%02[3]d", "%02[3]d%02[2]d%02[4]d", "%02[2]d%02[3]d%02[4]d", "%02[4]d%02[2]d%02[3]d"} {
		b.add("|"+fmt.Sprintf(f, y, m, d, y%100)+"|", p)
	}
	// day and month without their zero, said as numbers: "le trois onze
	// soixante dix neuf" reads 3 1179, "three eleven seventy-nine" 3 11 79
	if d < 10 || m < 10 {
		for _, f := range []string{"%[3]d%[2]d%04[1]d", "%[2]d%[3]d%04[1]d", "%[3]d%[2]d%02[4]d", "%[2]d%[3]d%02[4]d"} {
			b.add("|"+fmt.Sprintf(f, y, m, d, y%100)+"|", p)
		}
	}
	// the month as a number between particles: "el tres del once del
	// setenta y nueve", "a três do onze de setenta e nove"
	for _, dd := range ds {
		for _, mm := range ms {
			for _, yy := range ys {
				for _, of := range []string{"de", "del", "do", "di"} {
					for _, of2 := range []string{"de", "del", "di"} {
						b.tokens([]string{dd, of, mm, of2, yy}, p)
					}
				}
				// "the third of the eleventh, nineteen seventy-nine"
				b.tokens([]string{dd, "of", "the", mm, yy}, p)
				b.tokens([]string{dd, "of", mm, yy}, p)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func uniq(a, b string) []string {
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

func (b *builder) payment(pm *proofdesk.Payment, level proofdesk.Level) {
	if len(pm.Last4) == 4 && allDigits([]byte(pm.Last4)) {
		b.add(" "+pm.Last4+" ", pattern{class: proofdesk.ClassPayment, part: PartLast4, level: level, ctx: ctxCard})
		b.add(" x"+pm.Last4+" ", pattern{class: proofdesk.ClassPayment, part: PartLast4, level: level})
		// "ending 42 42", "ending four two four two", "ending 4-2-4-2"
		b.add("|"+pm.Last4+"|", pattern{class: proofdesk.ClassPayment, part: PartLast4, level: level, ctx: ctxCard})
		// "die auf 58 endet", "ending 158"
		b.add(" "+pm.Last4[2:]+" ", pattern{class: proofdesk.ClassPayment, part: PartLast4, level: level, ctx: ctxCardEnd})
		b.add(" "+pm.Last4[1:]+" ", pattern{class: proofdesk.ClassPayment, part: PartLast4, level: level, ctx: ctxCardEnd})
		// "the last digits start with seven one"
		b.add(" "+pm.Last4[:2]+" ", pattern{class: proofdesk.ClassPayment, part: PartLast4, level: level, ctx: ctxCardStart})
		b.maskedCard(pm.Last4, level)
		b.cardKeyed(pm.Last4, level)
	}
	if br := normTokens(pm.Brand); len(br) > 0 {
		b.tokens(br, pattern{class: proofdesk.ClassPayment, part: PartCardBrand, level: level, ctx: ctxBrand})
		b.brandLogo(strings.Join(br, " "), level)
		for _, a := range brandAliases[strings.Join(br, " ")] {
			b.tokens([]string{a}, pattern{class: proofdesk.ClassPayment, part: PartCardBrand, level: level, ctx: ctxBrand})
		}
	}
}

// brandAliases are the short names of card brands (normalised): "the MC
// on the account".
var brandAliases = map[string][]string{"mastercard": {"mc"}, "american express": {"amex"}}

func (b *builder) attribute(name, v string, level proofdesk.Level) {
	toks := normTokens(v)
	for len(toks) > 1 && toks[0] == "unit" { // "#A-10023" -> "a 10023"
		toks = toks[1:]
	}
	if tokLen(toks) < minLen {
		return
	}
	b.tokens(toks, pattern{class: "attributes." + name, part: PartFull, level: level})
	if len(toks) > 1 {
		// "A-10023" also written "A10023"
		b.tokens([]string{strings.Join(toks, "")}, pattern{class: "attributes." + name, part: PartFull, level: level})
	}
}

// minIdentifier is the shortest order or tracking number (letters and
// digits) protected: shorter ones would match everywhere.
const minIdentifier = 6

// identifier adds an order or tracking number: its tokens, and all of
// them run together ("1Z 999 AA1" is also "1Z999AA1").
func (b *builder) identifier(v string, p pattern) {
	toks := normTokens(v)
	if tokLen(toks) < minIdentifier || !hasDigit(strings.Join(toks, "")) {
		return
	}
	b.tokens(toks, p)
	if len(toks) > 1 {
		b.tokens([]string{strings.Join(toks, "")}, p)
	}
}

// webmail are the first labels of mail providers' domains: the domain of
// an address there tells nothing of its owner.
var webmail = set("gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "msn", "icloud", "me", "aol", "gmx",
	"web", "orange", "free", "wanadoo", "sfr", "laposte", "libero", "proton", "protonmail", "mail", "t", "ziggo",
	"kpn", "sapo", "telefonica", "movistar", "virgilio", "tiscali", "yandex", "zoho", "fastmail", "posteo")

// streetCore returns the distinctive words of a street line's tokens: no
// house number, unit, direction, street type or particle ("12 rue de la
// paix" -> "paix", "2218 ne alberta st" -> "alberta").
func streetCore(toks []string) []string {
	var core []string
	for i, t := range toks {
		if t == "unit" {
			break
		}
		if hasDigit(t) || directions[t] || streetTypes[t] || typeFirst[t] && i == 0 || particles[t] {
			continue
		}
		core = append(core, t)
	}
	return core
}

// typoStreet is a street's word as written (folded, before canonical
// forms: "kalverstraat", "augusta") and its house number, matched one
// letter off (Matcher.streetTypo).
type typoStreet struct {
	word, house string
	level       proofdesk.Level
}

// typoStreets notes the words of 6 letters or more of a's street line
// beside its house number, for typos.
func (b *builder) typoStreets(a proofdesk.Address, level proofdesk.Level) {
	var x text
	x.tokenize(a.Line1)
	house := ""
	for _, r := range x.raw {
		if w := x.rawBuf[r.start:r.end]; len(w) > 0 && isDigit(w[0]) {
			house = string(w)
			break
		}
	}
	if house == "" {
		return
	}
	for _, r := range x.raw {
		w := string(x.rawBuf[r.start:r.end])
		if len(w) < 6 || hasDigit(w) || streetTypes[w] || typeFirst[w] || particles[w] || len(b.typos) >= 1<<12 {
			continue
		}
		b.typos = append(b.typos, typoStreet{w, house, level})
	}
}

// cityDemonyms are the adjectives of a city in the seven languages
// (normalised, one word, both genders) that the suffixes above do not
// make: "parisian", "madrileño", "lisboeta", "berlinois". Source: the
// cities' Wikipedia articles in the seven languages.
var cityDemonyms = map[string][]string{
	"paris":     {"parisian", "pariser", "parisino", "parisina", "parigino", "parigina", "parijse", "parisiense"},
	"berlin":    {"berlinois", "berlinoise", "berlines", "berlinesa", "berlinese", "berlijnse", "berlijns", "berlinense"},
	"madrid":    {"madrileno", "madrilena", "madrilene", "madrilenian", "madrider", "madrileense", "madrilenho", "madrilenha"},
	"lisboa":    {"lisboeta", "lisboetas", "lisboete", "lisbonner", "lisbonese", "lisboner", "lissabonner", "lissabonse", "lisbonense"},
	"torino":    {"turinese", "turiner", "turinois", "turinoise", "turines", "turinesa", "turijnse", "turinense"},
	"amsterdam": {"amsterdammer", "amsterdamer", "amstellodamois", "amstellodamoise", "amsterdames", "amsterdamesa", "amsterdamese", "amsterdamense"},
	"portland":  {"portlander"},
}
