// Package guard is the disclosure guard of Proofdesk (DESIGN.md §1 rule 6).
//
// A Matcher is built once per customer from the customer and the policy.
// It checks an outgoing agent reply for any protected value of the
// customer that the conversation's assurance level does not allow — whole
// or in part, in any common spelling — and for replies that confirm or deny
// a value the requester offered. It also tells whether an unverified
// requester is quoting account data (Probe).
//
// The package is pure: no I/O, no logging, no clock but Options.Now
// (time.Now unless set), read for an age said in a reply. A Matcher is
// immutable and safe for concurrent use. No verdict, result or error it
// returns ever contains a protected value.
//
// Matching is over normalised text (see text in normalize.go): Unicode
// NFKC, digits of every script, invisible and bidi characters dropped,
// confusable letters folded (UTS #39); case, whitespace and punctuation
// ignored; street types, unit words, months, ordinals and number words in
// English, German, French, Spanish, Italian, Dutch and Portuguese
// canonical; digit runs in any grouping also seen with their separators
// removed, and spelled email addresses seen without them. One
// Aho-Corasick scan per reply finds every pattern at once.
//
// Besides values, a reply is refused when it affirms or denies a value
// the requester offered (phrase sets in the seven languages, emoji, "yes"
// and "no" words judged by the rest of their sentence), and when it lists
// many candidate values of one class (RuleEnumeration). CheckRecent checks
// a reply together with the agent's recent replies, and Index holds every
// customer's email, phone and street address as keyed hashes.
//
// Decisions worth knowing:
//   - The last 4 digits of the phone and of the card block only in context
//     (a phone, card or "ending"/"last"/"digits" word in the 5 tokens
//     before, in any of the seven languages, or a masked "***" group), and
//     not when a nearer noun owns the number: "order 4242 ships today" and
//     "part number 0123" pass.
//   - A postal code of 5 or more characters blocks on its own; a shorter one
//     ("2000", "8001") only next to the city, since it is a common number.
//   - A street name blocks with its house number, or with its street type
//     ("Baker Street"); the bare name ("Baker") only counts for Probe.
//   - A date of birth blocks as a full date in any common format, not as
//     day and month alone.
//   - Custom attribute values shorter than 4 letters and digits are not
//     matched: they would match everywhere.
//   - Name is not matched unless the policy raises it above L0.
package guard

import (
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/proofdesk/proofdesk"
)

// Rules a verdict can name.
const (
	// RuleProtectedValue: the reply contains a protected value.
	RuleProtectedValue = "protected_value"
	// RuleConfirmation: the reply affirms a value the requester offered.
	RuleConfirmation = "confirmation"
	// RuleDenial: the reply denies a value the requester offered.
	RuleDenial = "denial"
	// RuleEnumeration: the reply lists many candidate values of one class
	// (dates of birth, last 4 digits, phone numbers, emails, house
	// numbers): refused whatever it matches, so that blocked or sent tells
	// nothing about the value on file.
	RuleEnumeration = "enumeration"
	// RuleGuardError: the guard failed on the reply (a bug: it panicked).
	// The reply is blocked at L2, never sent unread; the failure is
	// logged without the text (failClosed).
	RuleGuardError = "guard_error"
)

// Options configure a Matcher.
type Options struct {
	// Public lists strings that are never a disclosure, such as the
	// company's own address, returns address or phone number. A match that
	// lies inside one of them passes.
	Public []string
	// Now is the clock an age said in a reply is read against ("she
	// turns 46 this year", age.go); nil means time.Now.
	Now func() time.Time
}

// Verdict is the outcome of a check. It never contains the protected value.
type Verdict struct {
	Blocked bool
	// Rule is RuleProtectedValue, RuleConfirmation, RuleDenial,
	// RuleEnumeration, RuleUnreadableAttachment or RuleGuardError.
	Rule string
	// Class is the data class ("address", "phone", ...) or, for a custom
	// attribute, "attributes.<name>".
	Class string
	// Part says which piece of the value was found (PartFull, PartStreet,
	// PartPostalCode, PartLast4, ...); empty for confirmations and denials.
	Part string
	// RequiredLevel is the level the conversation needs for the reply to
	// pass.
	RequiredLevel proofdesk.Level
}

// Err returns nil if v does not block, or an EDISCLOSURE error whose
// details carry the rule, the class and the required level.
func (v Verdict) Err() error {
	if !v.Blocked {
		return nil
	}
	return &proofdesk.Error{
		Code:    proofdesk.EDISCLOSURE,
		Message: "The reply was not sent: it would disclose, confirm or deny customer data the conversation is not verified for.",
		Details: map[string]any{
			"rule":           v.Rule,
			"class":          v.Class,
			"required_level": v.RequiredLevel.String(),
		},
	}
}

// stricter reports whether v should win over w.
func (v Verdict) stricter(w Verdict) bool {
	if v.Blocked != w.Blocked {
		return v.Blocked
	}
	if ev, ew := v.Rule == RuleEnumeration, w.Rule == RuleEnumeration; v.Blocked && ev != ew {
		// a list of candidate values is refused as a list whatever else
		// it matches: a list holding the value on file (or a near miss
		// of it) must be told from one that does not by nothing, or the
		// verdict answers the guess (TestGuardIsNoOracle,
		// TestEnumerationHidesTheMatch). A value of a class needing a
		// higher level is still blocked on the next send.
		return ev
	}
	if v.RequiredLevel != w.RequiredLevel {
		return v.RequiredLevel > w.RequiredLevel
	}
	return v.Rule == RuleProtectedValue && w.Rule != RuleProtectedValue
}

// Matcher checks text against one customer's protected values. Build it
// with NewMatcher (or through a Cache); it is immutable and safe for
// concurrent use. Its fmt and slog forms never show the values.
type Matcher struct {
	ac   *automaton
	pats []pattern
	// phones holds the national numbers, for near matches in Probe and
	// the fragments of consecutive replies; phoneDigits the same numbers
	// with their country code.
	phones      []string
	phoneDigits []string
	// emailParts holds each email's local part and domain in compact
	// form ("elodiemartin", "exemplefr"), dob the date of birth's day,
	// month and year tokens ("3", "m11", "1979"), for values split
	// across replies (fragments.go).
	emailParts [][2]string
	dob        [3]string
	// dobMonths are the names of the month of birth of 5 letters or more
	// in the seven languages ("november", "novembre", "novembro"), for a
	// full date with its month one letter off (dobTypo).
	dobMonths []string
	// splitForms holds the phones' digit forms (national with and
	// without its trunk 0, international) that a ctxPhoneSplit pattern
	// completes from a reply's later digit runs.
	splitForms []string
	// houses are the house numbers of the ctxStreetApart patterns,
	// streetNums those of the ctxStreet streets (aux-1, streetother.go);
	// houseNums every address's house number (ctxHouseAlone).
	houses     []string
	streetNums []streetNum
	houseNums  []string
	// cities are the cities of the ctxStreetCity patterns; typos the
	// streets matched one letter off beside their house number.
	cities []string
	typos  []typoStreet
	// typoHeads has bit 10*len+d set for each typos house number of
	// len digits opening with d, a quick test before the list.
	typoHeads uint64
	// splitHeads is the set of the splitForms' first three digits (0–999),
	// for a quick test of a reply's three-digit tokens.
	splitHeads [16]uint64
	// levels holds the level each offerable class needs.
	levels map[string]proofdesk.Level
	// frags are the fragments that disclose once their class is offered
	// (offerfrag.go).
	frags offerFrags
	// broken is set when building the matcher failed (a panic in
	// NewMatcher): every check on it fails closed (errBrokenMatcher).
	broken bool
	// parts are the value parts a word for the part may name (partsaid.go),
	// mail the parts of her emails (mailhint.go), dobH the hints at her
	// date of birth (dobhint.go).
	parts partValues
	mail  mailValues
	dobH  dobHints
	// streets are her streets' words and house numbers (streetsaid.go);
	// hintShapes the first words of the streets, the mail and the dobH
	// hints, a quick test per token.
	streets    []streetParts
	hintShapes wordShapes
	// h51 holds her cities' landmarks and regions, her streets' words and
	// landmarks (epithet51.go, streetword51.go).
	h51 hints51
	// h44Shapes is the union of h44Anchors, h44NearShapes and hintShapes:
	// hint44Class's one test before its three (speed52.go).
	h44Shapes wordShapes
	// twos are the last two digits of the card and phones, brand the
	// card's brand in one normalised word (cardparts.go).
	twos  []tailTwo
	brand string
	// nameMail says an email's local part is the customer's first and
	// last name joined by a dot (mailByName).
	nameMail bool
	// cityHeads holds the shapes (first letters and lengths) of the
	// cities and their names in the seven languages, a quick test
	// before the look-ups of cityIndex.
	cityHeads [256]uint32
	// names are the customer's name words, for her name said in the
	// possessive (thirdname.go).
	names []string
	// birthYear is the year of birth (0 if none), now the clock an age
	// is read against (age.go).
	birthYear int
	now       func() time.Time
	// p24 are the values of the partial readings of partial24.go.
	p24 part24Values
	// places are her countries' names and US regions as token lists,
	// publicWords the words of the public strings (herplace.go).
	places      [][]string
	publicWords map[string]bool
}

// errBrokenMatcher is the panic of a check on a matcher whose build
// failed; the check's failClosed (or probeFailClosed) turns it into a
// blocking verdict (or every class found), counted in GuardErrors.
var errBrokenMatcher = errors.New("guard: check on a matcher whose build failed")

// String implements fmt.Stringer without revealing any value.
func (m *Matcher) String() string { return "guard.Matcher{…}" }

// GoString implements fmt.GoStringer without revealing any value.
func (m *Matcher) GoString() string { return m.String() }

// NewMatcher builds the matcher of c under policy p (nil means the default
// policy). It fails closed: should building panic (a bug, a value it
// cannot read), it logs the panic without the values, counts it in
// GuardErrors and returns a matcher on which every Check blocks with
// RuleGuardError and every Probe finds every class.
func NewMatcher(c *proofdesk.Customer, p *proofdesk.Policy, opt Options) (m *Matcher) {
	defer func() {
		if r := recover(); r != nil {
			guardErrors.Add(1)
			slog.Error("guard: internal error building a customer's matcher; every check on it blocks", slog.String("panic", fmt.Sprint(r)), slog.String("stack", string(debug.Stack())))
			m = &Matcher{broken: true}
		}
	}()
	if p == nil {
		p = proofdesk.DefaultPolicy()
	}
	var b builder
	m = &Matcher{levels: map[string]proofdesk.Level{}, now: nowOf(opt)}
	for k := range m.h44Shapes {
		m.h44Shapes[k] = h44Anchors[k] | h44NearShapes[k] // hintShapes joins them below
	}
	for _, cl := range []string{proofdesk.ClassEmail, proofdesk.ClassPhone, proofdesk.ClassAddress, proofdesk.ClassDateOfBirth, proofdesk.ClassPayment, proofdesk.ClassOrders} {
		m.levels[cl] = p.ClassLevel(cl)
	}
	if c != nil {
		m.names = nameWords(c.Name)
		b.named(m.names)
		if lvl := p.ClassLevel(proofdesk.ClassName); lvl > proofdesk.L0 {
			if toks := normTokens(c.Name); tokLen(toks) >= minLen {
				b.tokens(toks, pattern{class: proofdesk.ClassName, part: PartFull, level: lvl})
			}
		}
		for _, cp := range c.ContactPoints {
			switch cp.Kind {
			case proofdesk.ContactEmail:
				b.email(cp.Value, m.levels[proofdesk.ClassEmail])
				b.mailShape(c.Name, cp.Value, m.levels[proofdesk.ClassEmail])
				if at := strings.LastIndexByte(cp.Value, '@'); at > 0 {
					m.emailParts = append(m.emailParts, [2]string{joinedOf(cp.Value[:at]), joinedOf(cp.Value[at+1:])})
					m.nameMail = m.nameMail || localIsName(cp.Value[:at], c.Name)
				}
			case proofdesk.ContactPhone:
				b.phone(cp.Value, m.levels[proofdesk.ClassPhone])
				if d := cp.Value; len(d) > 1 && d[0] == '+' && allDigits([]byte(d[1:])) {
					m.phones = append(m.phones, nationalNumber(d[1:]))
					m.phoneDigits = append(m.phoneDigits, d[1:])
				}
			}
		}
		for _, a := range c.Addresses {
			b.address(a, m.levels[proofdesk.ClassAddress])
		}
		if c.DateOfBirth != "" {
			b.dateOfBirth(c.DateOfBirth, m.levels[proofdesk.ClassDateOfBirth])
			var y, mo, d int
			if _, err := fmt.Sscanf(c.DateOfBirth, "%4d-%2d-%2d", &y, &mo, &d); err == nil && mo >= 1 && mo <= 12 {
				m.dob = [3]string{strconv.Itoa(d), fmt.Sprintf("m%02d", mo), strconv.Itoa(y)}
				m.birthYear = y
				for w, c := range canon {
					if c == m.dob[1] && len(w) >= 5 {
						m.dobMonths = append(m.dobMonths, w)
					}
				}
				sort.Strings(m.dobMonths)
			}
		}
		b.phoneCallForms(c, m.levels[proofdesk.ClassPhone])
		if c.Payment != nil {
			b.payment(c.Payment, m.levels[proofdesk.ClassPayment])
			m.brand = strings.Join(normTokens(c.Payment.Brand), "")
		}
		m.places = placeForms(c)
		m.frags = fragmentsOf(c, m.phones, m.dob)
		m.parts = partValuesOf(c)
		m.mail = mailValuesOf(c)
		m.dobH = dobHintsOf(c.DateOfBirth)
		m.p24 = part24Of(c)
		m.streets = streetPartsOf(c)
		m.h51 = hints51Of(c)
		for _, sp := range m.streets {
			m.hintShapes.add(sp.core[0])
		}
		for k := range m.hintShapes {
			m.hintShapes[k] |= m.mail.shapes[k] | m.dobH.shapes[k]
			m.h44Shapes[k] |= m.hintShapes[k]
		}
		b.revHints(c, m.levels)
		m.twos = tailTwosOf(c, m.phones)
		for _, k := range c.SortedAttributeKeys() {
			b.attribute(k, c.Attributes[k], p.AttributeLevel(k))
		}
		// Orders: the number (orders class), where the parcel goes: the
		// tracking number and the shipping address (address class).
		for _, o := range c.Orders {
			b.identifier(o.Number, pattern{class: proofdesk.ClassOrders, part: PartFull, level: m.levels[proofdesk.ClassOrders]})
			b.identifier(o.TrackingNumber, pattern{class: proofdesk.ClassAddress, part: PartFull, level: m.levels[proofdesk.ClassAddress]})
			if o.ShippingAddress != nil {
				b.address(*o.ShippingAddress, m.levels[proofdesk.ClassAddress])
			}
		}
	}
	// a phone given in one reply in pieces with words between them ("fängt
	// mit 0151 an und geht mit 23457716 weiter"): a run that opens it
	if lvl := m.levels[proofdesk.ClassPhone]; lvl > proofdesk.L0 {
		for i, nsn := range m.phones {
			for _, f := range []string{nsn, "0" + nsn, m.phoneDigits[i]} {
				if len(f) < 8 || len(f) > maxSplitPhone || len(m.splitForms) >= 1<<15 {
					continue
				}
				sp := pattern{class: proofdesk.ClassPhone, part: PartFull, level: lvl, ctx: ctxPhoneSplit, aux: int16(len(m.splitForms))}
				b.add("|"+f[:3], sp) // a run that opens it
				m.splitForms = append(m.splitForms, f)
				if n, err := strconv.Atoi(f[:3]); err == nil {
					m.splitHeads[n>>6] |= 1 << (n & 63)
				}
			}
		}
	}
	for _, s := range opt.Public {
		b.addText(s, pattern{part: partPublic})
	}
	m.publicWords = publicWordsOf(opt.Public)
	m.ac = buildAutomaton(b.strs)
	m.pats = b.pats
	m.houses, m.houseNums, m.streetNums = b.houses, b.houseNums, b.streetNums
	m.cities, m.typos = b.cities, b.typos
	for _, c := range m.cities {
		for _, x := range append([]string{c}, exonyms[c]...) {
			if len(x) > 0 && len(x) < 32 {
				m.cityHeads[x[0]] |= 1 << len(x)
			}
		}
	}
	for _, p := range m.places { // herplace.go: her countries pass the same shape test
		if x := p[0]; len(x) > 0 && len(x) < 32 {
			m.cityHeads[x[0]] |= 1 << len(x)
		}
	}
	for _, ty := range m.typos {
		if n := len(ty.house); n <= 5 && isDigit(ty.house[0]) {
			m.typoHeads |= 1 << (10*n + int(ty.house[0]-'0'))
		} else {
			m.typoHeads = ^uint64(0)
		}
	}
	return m
}

var textPool = sync.Pool{New: func() any { return &text{buf: make([]byte, 0, 4096)} }}

// Check returns the verdict on an outgoing reply in a conversation at
// level. offered lists the classes the requester has offered a value of
// in the conversation (see Offers); a reply that affirms or denies is then
// blocked while level is below what the strictest offered class needs.
//
// The values of a reply's opening quote ("> is it 12 Rue de la Paix? I
// can't confirm that") count as the agent's: Check has none of the
// requester's messages to find the quote in (CheckSaid, quote45.go).
func (m *Matcher) Check(reply string, level proofdesk.Level, offered []string) (v Verdict) {
	return m.CheckSaid(reply, nil, level, offered)
}

// checkReply is Check on one reply, its leading quote read as any text.
func (m *Matcher) checkReply(reply string, level proofdesk.Level, offered []string) (v Verdict) {
	t := textPool.Get().(*text)
	defer textPool.Put(t)
	t.normalize(reply)
	v = m.check(t, level, offered)
	if w := m.maskHead24(reply, t, level); w.stricter(v) {
		v = w // "+33 6 47 …" (phone24.go)
	}
	if !v.Blocked {
		v = m.checkRefused(reply, t, level, offered) // "I can't confirm it, but it's the right one" (refusal30.go)
	}
	if w := m.hints44(reply, t, level); !v.Blocked && w.stricter(v) {
		v = w // "a French one and a German one", "Oh, a Scorpio!" (hints44.go)
	}
	if !v.Blocked {
		if w := m.hints51(t, level); w.Blocked {
			v = w // "your address is in the city of canals", "Su calle es Alcalá", "Your birthday? Early November." (epithet51.go, streetword51.go, dobfrag51.go)
		}
	}
	enc, spoken := t.enc, t.spoken
	if w := m.checkNamed(reply, t, level, offered); w.stricter(v) {
		v = w // "Élodie's card", "l'adresse de Madame Martin" (thirdname.go)
	}
	if w := variantsVerdict(reply, t, offered, []Target{{m, level}}); w.stricter(v) {
		v = w
	}
	if d := decodedVariant(reply, enc); d != "" {
		t.normalize(d)
		if w := m.values(t, level); w.stricter(v) {
			v = w
		}
	}
	if s := spokenReading(reply, spoken); s != "" {
		t.normalize(s)
		if w := m.values(t, level); w.stricter(v) {
			v = w
		}
	}
	return v
}

// Target is one matcher with the level the conversation has for its
// customer.
type Target struct {
	Matcher *Matcher
	Level   proofdesk.Level
}

// CheckAll checks reply against several customers at once — the linked
// customer at the conversation's level, and any customer whose contact
// point matches the requester's, usually at L0 — and returns the strictest
// verdict. The reply is normalised once. The values of a reply's opening
// quote count as the agent's (no requester's messages: CheckSaid).
func CheckAll(reply string, offered []string, targets ...Target) (best Verdict) {
	defer failClosed(&best)
	return checkAllSaid(reply, nil, offered, targets)
}

// checkAllSaid is CheckAll with the requester's messages said, for a
// reply that opens with a quote (quote45.go).
func checkAllSaid(reply string, said, offered []string, targets []Target) Verdict {
	if quoteLead24(reply) {
		if v, ok := quoteVerdict24(reply, said, offered, func(r string, o []string) Verdict { return checkAllReply(r, o, targets) }); ok {
			return v // (quote24.go)
		}
	}
	return checkAllReply(reply, offered, targets)
}

// checkAllReply is CheckAll on one reply, its leading quote read as any
// text.
func checkAllReply(reply string, offered []string, targets []Target) (best Verdict) {
	t := textPool.Get().(*text)
	defer textPool.Put(t)
	t.normalize(reply)
	for _, tg := range targets {
		if tg.Matcher == nil {
			continue
		}
		if v := tg.Matcher.check(t, tg.Level, offered); v.stricter(best) {
			best = v
		}
		if v := tg.Matcher.maskHead24(reply, t, tg.Level); v.stricter(best) {
			best = v // (phone24.go)
		}
		if v := tg.Matcher.checkRefused(reply, t, tg.Level, offered); !best.Blocked && v.stricter(best) {
			best = v // (refusal30.go)
		}
		if v := tg.Matcher.checkNamed(reply, t, tg.Level, offered); v.stricter(best) {
			best = v
		}
		if v := tg.Matcher.hints44(reply, t, tg.Level); !best.Blocked && v.stricter(best) {
			best = v // (hints44.go)
		}
		if !best.Blocked {
			if v := tg.Matcher.hints51(t, tg.Level); v.Blocked {
				best = v // (epithet51.go, streetword51.go, dobfrag51.go)
			}
		}
	}
	enc, spoken := t.enc, t.spoken
	if v := variantsVerdict(reply, t, offered, targets); v.stricter(best) {
		best = v
	}
	if d := decodedVariant(reply, enc); d != "" {
		t.normalize(d)
		best = valuesOfTargets(t, targets, best)
	}
	if s := spokenReading(reply, spoken); s != "" {
		t.normalize(s)
		best = valuesOfTargets(t, targets, best)
	}
	return best
}

// valuesOfTargets returns the stricter of best and every target's verdict
// on the protected values t holds: a second reading of a reply (decoded,
// spoken, written backwards, summed) is checked for values, not answers.
func valuesOfTargets(t *text, targets []Target, best Verdict) Verdict {
	for _, tg := range targets {
		if tg.Matcher == nil {
			continue
		}
		if v := tg.Matcher.values(t, tg.Level); v.stricter(best) {
			best = v
		}
	}
	return best
}

// CheckRecent is CheckAll for a reply that follows the agent's recent
// replies in the same conversation (recent, oldest first): the reply is
// checked alone, then together with them for a protected value that
// starts in a recent reply and ends in this one ("It's 415 555" then
// "0123"). A value wholly inside a recent reply does not count: it was
// checked when that reply was sent. A phone number given in pieces with
// words between them ("the first part is 06 47" then "the rest is 21 83
// 90") is read from the replies' digit groups (fragments.go).
//
// The values of a reply's opening quote count as the agent's (no
// requester's messages: CheckSaid).
func CheckRecent(reply string, recent []string, offered []string, targets ...Target) (best Verdict) {
	defer failClosed(&best)
	best = checkAllSaid(reply, nil, offered, targets)
	return recentVerdict(reply, recent, offered, targets, best)
}

// recentVerdict returns the stricter of best and the verdict on reply
// read after recent (CheckRecent).
func recentVerdict(reply string, recent, offered []string, targets []Target, best Verdict) Verdict {
	if len(recent) == 0 {
		return best
	}
	prev := strings.Join(recent, " ")
	t := textPool.Get().(*text)
	defer textPool.Put(t)
	t.normalize(prev)
	boundary := t.digits - 1 // the token view of prev, without its last space
	t.normalize(prev + " " + reply)
	for _, tg := range targets {
		if tg.Matcher == nil {
			continue
		}
		m := tg.Matcher
		for _, h := range m.matches(t, false, func(p *pattern) bool { return p.level > tg.Level }) {
			if h.start >= boundary || h.tokEnd <= boundary+1 {
				continue
			}
			p := &m.pats[h.id]
			v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: p.class, Part: p.part, RequiredLevel: p.level}
			if v.stricter(best) {
				best = v
			}
		}
	}
	// a phone given in pieces across the replies, words between them
	if v := fragmentsVerdict(reply, recent, targets); v.stricter(best) {
		best = v
	}
	return best
}

// failClosed, deferred by every exported check, turns a panic of the
// guard into a blocking verdict (RuleGuardError, at L2) in *v, so that a
// bug in the guard refuses the reply instead of sending it unread or
// taking down the goroutine (a chat, the outbox) that checks it. It logs
// the panic and its stack, never the reply.
func failClosed(v *Verdict) {
	r := recover()
	if r == nil {
		return
	}
	guardErrors.Add(1)
	slog.Error("guard: internal error, reply blocked", slog.String("panic", fmt.Sprint(r)), slog.String("stack", string(debug.Stack())))
	*v = Verdict{Blocked: true, Rule: RuleGuardError, RequiredLevel: proofdesk.L2}
}

// probeFailClosed, deferred by Probe and Offers, which read a
// requester's message inside the write that stores it, turns a panic into
// the most cautious answer: every protected class found (and a hit), so
// that the message is stored, the conversation is flagged and replies
// that confirm or deny are blocked. Logged without the text, counted in
// GuardErrors.
func probeFailClosed(hit *bool, classes *[]string) {
	r := recover()
	if r == nil {
		return
	}
	guardErrors.Add(1)
	slog.Error("guard: internal error reading a requester's message, read as offering every class", slog.String("panic", fmt.Sprint(r)), slog.String("stack", string(debug.Stack())))
	if hit != nil {
		*hit = true
	}
	*classes = []string{proofdesk.ClassAddress, proofdesk.ClassDateOfBirth, proofdesk.ClassEmail, proofdesk.ClassPayment, proofdesk.ClassPhone}
}

// guardErrors counts the checks failClosed blocked (GuardErrors).
var guardErrors atomic.Int64

// GuardErrors returns how many checks the guard failed on since the
// process started (each blocked its reply: RuleGuardError).
func GuardErrors() int64 { return guardErrors.Load() }

// Strictest returns the strictest of vs: a blocking verdict over a passing
// one, then the higher required level.
func Strictest(vs ...Verdict) Verdict {
	var best Verdict
	for _, v := range vs {
		if v.stricter(best) {
			best = v
		}
	}
	return best
}

type hit struct {
	id         int32
	start, end int
	// tokEnd is where the hit ends in the token view (for a hit in the
	// digit or compact view, the end of the tokens it came from).
	tokEnd int
}

// matches returns the pattern hits in t that have their context and lie
// outside every public string. probe selects the Probe patterns too. The
// hits are t's scratch (no allocation once t has been used): good until
// the next call on t.
func (m *Matcher) matches(t *text, probe bool, keep func(p *pattern) bool) []hit {
	if m.broken {
		panic(errBrokenMatcher)
	}
	hits, public := t.hits[:0], t.public[:0]
	defer func() { t.hits, t.public = hits[:0], public[:0] }()
	view := t.tokenView()
	m.ac.scan(t.buf, func(id int32, start int) bool {
		p := &m.pats[id]
		if p.part == partRevHint {
			t.revHint = true // a value may be written backwards (reversed.go)
			return true
		}
		end := start + int(m.ac.lens[id])
		// where the hit lies in the token view
		ts, te := start, end
		switch {
		case start >= t.compact:
			i, j := t.compactTok(start), t.compactTok(end-1)
			if i < 0 || j < 0 {
				return true
			}
			ts, te = int(t.toks[i].off), int(t.toks[j].off)+len(t.tokBytes(j))+1
		case start >= t.digits:
			r := t.runAt(start)
			if r == nil {
				return true
			}
			if p.tokenEnd && !t.endsToken(r, end) {
				return true
			}
			ts, te = int(r.tokStart), int(r.tokEnd)
		case p.tokenEnd:
			return true // a digit-view pattern, outside the digit view
		}
		if p.part == partPublic {
			public = append(public, span{ts, te})
			return true
		}
		if p.ctx == ctxNamed {
			t.named = true
			return true
		}
		if p.probe && !probe || !keep(p) {
			return true
		}
		switch {
		case p.ctx == ctxStreet:
			if start < t.digits && (!t.streetNamed(ts, te) || p.aux > 0 && t.streetOtherNumber(ts, te, m.streetNums[p.aux-1])) &&
				!(p.aux > 0 && t.herNumberSaid41b(ts, m.streetNums[p.aux-1].num)) { // "..., a few doors from your place at number 5" (street41b.go)
				return true
			}
		case p.ctx == ctxDobYear:
			if start >= t.digits || !m.dobYearAfter(view, end) && !m.birthNear(t, ts, te) && !t.birthdayAround(ts) && !t.birthDateHers(t.tokenAt(ts)) ||
				m.otherYearDate(t, ts) {
				return true
			}
		case p.ctx == ctxCity:
			if start >= t.digits || !t.cityNamed(ts, te) && !t.countryThe19(ts, te, proofdesk.ClassAddress) || m.cityOtherAddress(t, ts) { // country19.go: "the Amsterdam flat"
				return true
			}
		case p.ctx == ctxMailLocal || p.ctx == ctxMailDomain:
			if start >= t.digits || !t.mailPart(ts, p.ctx == ctxMailDomain) && !(p.ctx == ctxMailLocal && t.mailLabelYours(ts, false)) &&
				!(p.ctx == ctxMailDomain && t.atDomainBare(ts)) && !(p.ctx == ctxMailDomain && t.mailPointed19(ts, te)) { // mailpointed19.go
				return true
			}
		case p.ctx == ctxDobMY:
			if start >= t.digits || !m.monthYearNamed(t, ts, te) {
				return true
			}
		case p.ctx == ctxMailTLD:
			if start >= t.digits || !t.mailLabelYours(ts, true) && !t.mailTLDSaid(ts) {
				return true
			}
		case p.ctx == ctxStreetApart:
			if start >= t.digits || !m.streetApart(t, ts, m.houses[p.aux]) {
				return true
			}
		case p.ctx == ctxDobWord:
			if start >= t.digits || !m.birthNear(t, ts, te) && !t.yearOnRecord(ts) && !t.yearOfPerson(ts) {
				return true
			}
		case p.ctx == ctxDobMonth:
			if start >= t.digits || !t.birthMonth(ts) && !m.dayBesideBirth(t, ts) || m.otherYearDate(t, ts) {
				return true
			}
		case p.ctx == ctxMailCut:
			if start >= t.digits || t.ats == 0 || !t.cutAt(te) {
				return true
			}
		case p.ctx == ctxStreetCity:
			if start >= t.digits || !m.streetCity(t, ts, m.cities[p.aux]) && !t.streetHome(ts, te) ||
				m.streetCityOther(t, ts, te, m.cities[p.aux]) && !t.herNumberSaid41b(ts, m.houseOfCity(m.cities[p.aux])) {
				return true
			}
		case p.ctx == ctxHouseAlone:
			if start >= t.digits || !m.houseAlone(t, ts) {
				return true
			}
		case p.ctx == ctxUnit:
			if start >= t.digits || !inContext(view, ts, te, ctxNotOwned) || !t.unitNamed(ts) {
				return true
			}
		case p.ctx == ctxDobDay:
			if start >= t.digits || !t.dayOfBirth(ts) && !t.bornOnDay(ts) || m.otherYearDate(t, ts) {
				return true
			}
		case p.ctx == ctxCountryOf:
			if start >= t.digits || !t.countryCounted(ts) {
				return true
			}
		case p.ctx == ctxPostHead:
			if start >= t.digits || !t.postHead(ts) {
				return true
			}
		case p.ctx == ctxPhonePrefix:
			if start >= t.digits || !t.phonePrefix(view, ts, te) {
				return true
			}
		case p.ctx == ctxPostTail:
			if start >= t.digits || !t.postTail(ts) {
				return true
			}
		case p.ctx == ctxDobSaid:
			if start >= t.digits || !t.dobSaid(ts, te) {
				return true
			}
		case p.ctx == ctxPostalKey:
			if start >= t.digits || !t.fieldKeyBefore(t.tokenAt(ts), postalKeys, postalStems) {
				return true
			}
		case p.ctx == ctxCallCode:
			if start >= t.digits || !t.callCodeSaid(ts) {
				return true
			}
		case p.ctx == ctxCountry:
			if start >= t.digits || !t.countryNamed(ts, te, p.class) && !t.countryThe19(ts, te, p.class) { // country19.go
				return true
			}
		case p.ctx == ctxMailShape:
			if start >= t.digits || !t.mailShaped(ts) || m.otherDomain24(t, ts) {
				return true
			}
		case p.ctx == ctxMailMasked:
			if start >= t.digits || t.ats == 0 {
				return true
			}
		case p.ctx == ctxPhoneSplit:
			if start < t.digits || start >= t.compact || !m.phoneSplit(t, start, m.splitForms[p.aux]) {
				return true
			}
		case p.ctx != ctxNone && !inContext(view, ts, te, p.ctx) && !(p.ctx == ctxCard && t.cardAfter19(ts, te)): // cardafter19.go
			return true
		}
		hits = append(hits, hit{id, ts, te, te})
		return true
	})
	if len(public) == 0 {
		return hits
	}
	out := hits[:0]
	for _, h := range hits {
		if !within(span{h.start, h.end}, public) {
			out = append(out, h)
		}
	}
	return out
}

// values returns the verdict on the protected values t holds above level.
func (m *Matcher) values(t *text, level proofdesk.Level) Verdict {
	if m.broken {
		panic(errBrokenMatcher)
	}
	return m.valuesOf(t, level, m.scan16(t, false))
}

// valuesOf is values with the triggers of guard16's rules found
// (scan16).
func (m *Matcher) valuesOf(t *text, level proofdesk.Level, f16 uint16) Verdict {
	var best Verdict
	t.named = false // set again by this matcher's scan
	for _, h := range m.matches(t, false, func(p *pattern) bool { return p.level > level }) {
		p := &m.pats[h.id]
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: p.class, Part: p.part, RequiredLevel: p.level}
		if v.stricter(best) {
			best = v
		}
	}
	if lvl, ok := m.streetTypo(t); ok && lvl > level {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassAddress, Part: PartStreet, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v
		}
	}
	if lvl := m.levels[proofdesk.ClassEmail]; lvl > level && t.ats > 0 && (m.mailTypo(t) || m.mailMasked(t)) {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassEmail, Part: PartFull, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v
		}
	}
	if lvl := m.levels[proofdesk.ClassAddress]; lvl > level && (f16&g16Cities != 0 && m.citiesPaired(t) || f16&g16Live != 0 && m.liveAtNumber(t) ||
		f16&g16City != 0 && m.homeThingIn(t) || f16&g16Place != 0 && m.herPlaceSaid(t)) {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassAddress, Part: PartCity, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v
		}
	}
	if lvl := m.levels[proofdesk.ClassPhone]; lvl > level && f16&g16Lead != 0 && m.phoneLead(t) {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassPhone, Part: PartFull, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v
		}
	}
	if f16&g16Last != 0 {
		if c := m.lastTwo(t); c != "" && m.levels[c] > level {
			v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: c, Part: PartLast4, RequiredLevel: m.levels[c]}
			if v.stricter(best) {
				best = v
			}
		}
	}
	if lvl := m.levels[proofdesk.ClassEmail]; lvl > level && f16&(g16At|g16Name) == g16At|g16Name && m.mailByName(t) {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassEmail, Part: PartFull, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v
		}
	}
	if lvl := m.levels[proofdesk.ClassEmail]; lvl > level && (t.ats > 0 && m.mailCutDomain(t) || m.mailStartSaid(t)) {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassEmail, Part: PartFull, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v
		}
	}
	if lvl := m.levels[proofdesk.ClassDateOfBirth]; lvl > level && (m.dobTypo(t) || m.dobTransposed(t) || m.dobTexting(t) || m.dobShifted(t) ||
		m.birthYear > 0 && (t.ageSaid(m.birthYear, m.now) || t.ageSaid29(m.birthYear, m.now) || t.ageSaid32(m.birthYear, m.now) ||
			t.ageShared37(m.birthYear, m.now) || t.ageSaid41b(m.birthYear, m.now) || t.ageSaid51(m.birthYear, m.now)) || m.birthdayRelative(t) || // (age41b.go, age51.go)
		t.dobMonthPart(m.dobH.day, m.dobH.month)) {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassDateOfBirth, Part: PartFull, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v
		}
	}
	if cl := m.valueContrasted(t); cl != "" && m.levels[cl] > level {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: cl, Part: PartLast4, RequiredLevel: m.levels[cl]}
		if v.stricter(best) {
			best = v // "a new number, different from the 7158 of the current card" (contrast.go)
		}
	}
	if lvl := m.levels[proofdesk.ClassPayment]; lvl > level && (m.brandTypo(t) || m.brandOnFile(t) || m.brandPaid24(t)) {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassPayment, Part: PartCardBrand, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v
		}
	}
	cl := m.tailTwoClass(t)
	if cl == "" {
		cl = m.tailWide(t) // "the card's tail is 58", "die Karte hört mit 58 auf" (cardtail.go)
	}
	if cl != "" && m.levels[cl] > level {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: cl, Part: PartLast4, RequiredLevel: m.levels[cl]}
		if v.stricter(best) {
			best = v
		}
	}
	if lvl := m.levels[proofdesk.ClassPhone]; lvl > level && (len(t.threes) > 0 && m.phoneSplitThree(t) || m.phoneTransposed(t) || m.phoneMaskedHead(t) || m.phoneEndsShown(t) || m.phoneMiddle24(t)) {
		v := Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassPhone, Part: PartFull, RequiredLevel: lvl}
		if v.stricter(best) {
			best = v
		}
	}
	if !best.Blocked {
		best = m.partials(t, level)
	}
	return best
}

// phoneSplitThree reports whether a phone is given in pieces from one of
// t's three-digit tokens on ("seis cuatro siete y sigue con dos uno ocho
// tres nueve cero"): the digit view's runs start at 4 digits, so the
// automaton sees no opening run there.
func (m *Matcher) phoneSplitThree(t *text) bool {
	for _, k := range t.threes {
		w := t.tokBytes(int(k))
		if n := int(w[0]-'0')*100 + int(w[1]-'0')*10 + int(w[2]-'0'); m.splitHeads[n>>6]&(1<<(n&63)) == 0 {
			continue // no phone opens with these three digits
		}
		for _, f := range m.splitForms {
			if f[:3] != string(w) {
				continue
			}
			ri := sort.Search(len(t.runs), func(i int) bool { return int(t.runs[i].firstTok) > int(k) })
			if m.phoneSplitAt(t, int(k), ri, f) {
				return true
			}
		}
	}
	return false
}

func (m *Matcher) check(t *text, level proofdesk.Level, offered []string) Verdict {
	if m.broken {
		panic(errBrokenMatcher)
	}
	f16 := m.scan16(t, slices.Contains(offered, proofdesk.ClassDateOfBirth))
	best := m.valuesOf(t, level, f16)
	best = m.bizAndHints35(t, level, offered, f16, best) // a30c: bizref35, revticket35, procphone35, ourplace35, dobhint35
	best = m.hints19(t, level, offered, best)            // g19p: dobhint19
	// confirmations and denials of an offered value
	need, class := m.offerNeed(level, offered)
	if ec := t.enumeration(); ec != "" {
		l, ok := m.levels[ec]
		if !ok {
			l = proofdesk.L2
		}
		v := Verdict{Blocked: l > level, Rule: RuleEnumeration, Class: ec, RequiredLevel: l}
		if v.Blocked && v.stricter(best) {
			best = v
		}
	}
	if fc, rule := m.offeredFragment(t, level, offered); fc != "" {
		v := Verdict{Blocked: true, Rule: rule, Class: fc, Part: PartLast4, RequiredLevel: m.levels[fc]}
		if fc == proofdesk.ClassDateOfBirth || fc == proofdesk.ClassEmail {
			v.Part = PartFull
		}
		if rule != RuleProtectedValue {
			v.Part = ""
		}
		if v.stricter(best) {
			best = v
		}
	}
	if l := m.levels[proofdesk.ClassDateOfBirth]; l > level && m.dob[1] != "" && f16&(g16Dob|g16Age) != 0 {
		if rule := m.dobParts(t, slices.Contains(offered, proofdesk.ClassDateOfBirth), f16); rule != "" {
			v := Verdict{Blocked: true, Rule: rule, Class: proofdesk.ClassDateOfBirth, RequiredLevel: l}
			if rule == RuleProtectedValue {
				v.Part = PartFull
			}
			if v.stricter(best) {
				best = v
			}
		}
	}
	if l := m.levels[proofdesk.ClassDateOfBirth]; l > level && slices.Contains(offered, proofdesk.ClassDateOfBirth) && t.ageCompared() {
		v := Verdict{Blocked: true, Rule: RuleDenial, Class: proofdesk.ClassDateOfBirth, RequiredLevel: l}
		if v.stricter(best) {
			best = v // "No, she's older" (agerel.go)
		}
	}
	if class != "" {
		// a call-wrap note's verdict first: "Notes: cust read out mobile,
		// correct"; then a part right and another wrong: "the month's right
		// but the day isn't"
		rule := t.readings41(class) // (refusal41.go)
		if rule == "" {
			rule = t.nextStepSpoken() // "okay, I'll call you back on the one you just said"
		}
		if rule == "" {
			rule = m.verdict50(t, class) // "One digit off at the end", "Exacto, la de Ámsterdam" (verdict50.go)
		}
		if rule != "" {
			v := Verdict{Blocked: true, Rule: rule, Class: class, RequiredLevel: need}
			if v.stricter(best) {
				best = v
			}
		}
		// a part of the offered value judged: after the confirmation, whose
		// rule wins when both judge
		rule = ""
		for _, c := range offered {
			if f16&g16Judge != 0 {
				rule = t.classPartJudged(c)
			}
			if rule == "" && f16&g16Neg != 0 && t.valueDenied(c) {
				rule = RuleDenial
			}
			if rule == "" && c == proofdesk.ClassPhone && m.digitsYours(t) {
				rule = RuleConfirmation
			}
			if rule != "" {
				break
			}
		}
		if rule == "" && (f16&g16Remember != 0 && t.rememberedRight() || f16&g16Valid != 0 && t.validatedAnswer() ||
			f16&g16Swap != 0 && t.swappedRight()) {
			rule = RuleConfirmation
		}
		if rule != "" {
			v := Verdict{Blocked: true, Rule: rule, Class: class, RequiredLevel: need}
			if v.stricter(best) {
				best = v
			}
		}
	}
	return best
}

// Probe reports whether a requester's message quotes the customer's
// protected data: a value on file, whole or in part (at any level), or a
// near match — the same street with another house number or street type,
// the same postal code, a phone number one digit off. The caller flags the
// conversation ("the requester is quoting account data: do not confirm or
// deny") when the requester is not verified. classes is sorted and never
// holds the value. The name is never counted: requesters give their name.
//
// A failure of the guard (a panic) reads as a hit on every class
// (probeFailClosed): the requester's message is still stored, flagged.
func (m *Matcher) Probe(requesterText string) (hit bool, classes []string) {
	defer probeFailClosed(&hit, &classes)
	t := textPool.Get().(*text)
	defer textPool.Put(t)
	t.normalize(requesterText)
	found := map[string]bool{}
	for _, h := range m.matches(t, true, func(p *pattern) bool { return p.class != proofdesk.ClassName }) {
		found[m.pats[h.id].class] = true
	}
	if !found[proofdesk.ClassPhone] && m.nearPhone(t) {
		found[proofdesk.ClassPhone] = true
	}
	for c := range found {
		classes = append(classes, c)
	}
	sort.Strings(classes)
	return len(classes) > 0, classes
}

// nearPhone reports whether a digit run of t ends in a number one digit
// away from a phone on file.
func (m *Matcher) nearPhone(t *text) bool {
	dv := t.buf[t.digits+1 : t.compact]
	for len(dv) > 0 {
		i := 0
		for i < len(dv) && dv[i] != '|' {
			i++
		}
		run := dv[:i]
		for _, ph := range m.phones {
			if len(run) >= len(ph) && len(run) <= len(ph)+4 && oneOff(run[len(run)-len(ph):], ph) {
				return true
			}
		}
		if i == len(dv) {
			break
		}
		dv = dv[i+1:]
	}
	return false
}

// oneOff reports whether a and b (same length) differ in exactly one
// position, or by one swap of neighbours.
func oneOff(a []byte, b string) bool {
	diff, first := 0, -1
	for i := range a {
		if a[i] != b[i] {
			if diff == 0 {
				first = i
			}
			diff++
		}
	}
	if diff == 1 {
		return true
	}
	return diff == 2 && first+1 < len(a) && a[first] == b[first+1] && a[first+1] == b[first]
}

// maxSplitPhone bounds the digits of a phone read from pieces.
const maxSplitPhone = 20

// phoneSplit reports whether the digit groups of t from the run at off
// (the '|' before it) on, some skipped, spell phone in order: "fängt mit
// 0151 an und geht mit 23457716 weiter" has the runs 0151 and 23457716;
// a lone two-digit token is a group too ("... and ends 90").
func (m *Matcher) phoneSplit(t *text, off int, phone string) bool {
	k, ri := -1, -1
	for i := range t.runs {
		if int(t.runs[i].off) == off {
			k, ri = int(t.runs[i].firstTok), i
			break
		}
	}
	if ri < 0 {
		return false
	}
	return m.phoneSplitAt(t, k, ri, phone)
}

// phoneSplitAt is phoneSplit from token k, with ri the first run at or
// after it.
func (m *Matcher) phoneSplitAt(t *text, k, ri int, phone string) bool {
	var reach [maxSplitPhone + 1]bool
	reach[0] = true
	step := func(piece []byte) bool {
		for l := len(phone) - len(piece); l >= 0; l-- {
			if reach[l] && phone[l:l+len(piece)] == string(piece) {
				if l+len(piece) == len(phone) {
					return true
				}
				reach[l+len(piece)] = true
			}
		}
		return false
	}
	for n := 0; k < len(t.toks) && n < 24; n++ {
		var piece []byte
		switch {
		case ri < len(t.runs) && int(t.runs[ri].firstTok) == k:
			r := &t.runs[ri]
			end := int(r.off) + 1
			for end < t.compact && t.buf[end] != '|' {
				end++
			}
			piece = t.buf[r.off+1 : end]
			k += int(r.nTok)
			ri++
		default:
			if w := t.tokBytes(k); len(w) >= 2 && allDigits(w) {
				piece = w
			}
			k++
		}
		if len(piece) == 0 {
			continue
		}
		if step(piece) {
			return true
		}
		if n == 0 && (len(piece) >= len(reach) || !reach[len(piece)]) {
			return false // the opening run is no piece of the phone
		}
	}
	return false
}

// dobYearAfter reports whether the year of the date of birth (4 or 2
// digits) is one of the 4 tokens after the token-view offset end (the
// space after a day and month), not right after a word that makes it the
// number of something else ("Nummer", "order").
func (m *Matcher) dobYearAfter(view []byte, end int) bool {
	y := m.dob[2]
	if y == "" {
		return false
	}
	found, owned := false, false
	nextTokens(view, end-1, 4, func(tok []byte) bool {
		w := string(tok)
		// "3. November, Nummer 1979-44": the number of something else
		found = !owned && (w == y || len(y) == 4 && w == y[2:])
		owned = numberWords[w] || isOwner(w)
		return found
	})
	return found
}

// birthNear reports whether the match [start, end) of the token view, a
// part of the date of birth, has a word for birth or birthday within 4
// tokens of it in its sentence ("Geburtstag laut Konto: 3.11.", "Jahrgang
// 1979") and is not followed by another year ("3 November 1999").
func (m *Matcher) birthNear(t *text, start, end int) bool {
	i, j := t.tokenAt(start), t.tokenAt(end-2) // end-1 is the space after the match
	if i < 0 || j < i {
		return false
	}
	from, to := t.sentenceOf(i)
	if j+1 < to {
		if w := t.tokBytes(j + 1); yearWord(w) && string(w) != m.dob[2] && !t.birthDateHers(i) { // (otheryear37.go)
			return false
		}
	}
	for k := max(from, i-4); k < to && k <= j+4; k++ {
		w := string(t.tokBytes(k))
		if birthWords[w] {
			return true
		}
		// French "né(e) en 1979", "née le 3 novembre" ("ne" alone is a negation)
		if (w == "ne" || w == "nee" || w == "nes" || w == "nees") && k+1 < to && (string(t.tokBytes(k+1)) == "en" || string(t.tokBytes(k+1)) == "le") {
			return true
		}
	}
	return false
}

// yearOfPerson reports whether the year of birth at token view offset
// start is said of the person addressed: "vous êtes de 79", "es usted
// del 79", "ben je van 1979", "Lei è del '79", "a senhora é de 79", "É de
// 79, certo?". The year closes its clause after "de", "del", "van" or
// "from", after a copula whose subject is the person addressed (a
// second-person copula, a pronoun of address before or right after it)
// or none (the copula opens the clause or follows "che", "que"). "El
// total es de 79" (a thing's copula) and "es de 79 euros" (a unit after)
// are amounts.
func (t *text) yearOfPerson(start int) bool {
	i := t.tokenAt(start)
	if i < 2 {
		return false
	}
	from, to := t.sentenceOf(i)
	if i+1 < to && t.toks[i].flags&fPunctAfter == 0 || i-2 < from || !yearFromWords[string(t.tokBytes(i-1))] {
		return false
	}
	c := i - 2
	if w := string(t.tokBytes(c)); addressPronouns[w] && c-1 >= from {
		if p := string(t.tokBytes(c - 1)); personCopulas[p] || youCopulas[p] {
			return true // "es usted del 79", "ben je van 1979"
		}
	}
	switch w := string(t.tokBytes(c)); {
	case youCopulas[w]:
		return true // "vous êtes de 79"
	case !personCopulas[w]:
		return false
	case c == from || t.toks[c-1].flags&fPunctAfter != 0:
		return true // "É de 79, certo?"
	}
	p := string(t.tokBytes(c - 1))
	return addressPronouns[p] || p == "che" || p == "que"
}

// Words of a year said of the person addressed (normalised): the
// preposition before it, the copulas that can only address them, the
// third-person copulas of polite address, and the pronouns of address.
var (
	yearFromWords   = set("de", "del", "van", "from", "von", "vom")
	youCopulas      = set("etes", "eres", "sei", "bent", "bist", "are", "sind")
	personCopulas   = set("es", "e", "ben", "is")
	addressPronouns = set("vous", "tu", "usted", "ustedes", "lei", "je", "jij", "u", "senhora", "senhor", "voce", "you",
		"sie", "du")
)

// birthWords say "birth" or "birthday" in seven languages (normalised).
var birthWords = set("birthday", "birthdays", "born", "birth", "dob", "geburtstag", "geboren", "geburtsdatum", "geburtsjahr",
	"jahrgang", "anniversaire", "naissance", "cumpleanos", "cumple", "nacimiento", "nacido", "nacida",
	"compleanno", "nascita", "nato", "nata", "verjaardag", "geboortedatum", "geboortejaar", "jarig", "aniversario",
	"nascimento", "nascido", "nascida",
	"birthstone", "geburtsstein", "monatsstein", "geboortesteen", // a22c: the stone of the month of birth
	"geburtsmonat", "geboortemaand", "geburtstagsmonat", // guard11: the month of birth's compounds
	// plural and feminine forms ("les clientes nées en 1979", "nacidas en
	// el 79", "nate nel '79", "nascidas em 79"), and Dutch "bouwjaar" said
	// of a person ("klanten van bouwjaar 1979")
	"nacidos", "nacidas", "nati", "nate", "nascidos", "nascidas", "bouwjaar", "jahrgangs", "cumples",
	// guard15: the past of "to be born" ("nació en 1979", "nasceu em 1979", "nacque nel 1979")
	"nacio", "nasceu", "nacque",
	"bday", "bdays", "geburi", "anniv", "niver", "compleanno", "cumpleaños") // guard14: texting forms

// streetApart reports whether a street's distinctive words at token view
// offset start have their house number in the same sentence, within 6
// tokens after a word for "house number" ("El número es el 45 y la calle
// es la de Alcalá"), in a sentence that places no business there ("Il
// negozio di Via Roma apre alle 8").
func (m *Matcher) streetApart(t *text, start int, house string) bool {
	i := t.tokenAt(start)
	if i < 0 {
		return false
	}
	from, to := t.sentenceOf(i)
	for k := max(from, i-6); k < i; k++ {
		if placeOwners[string(t.tokBytes(k))] {
			return false
		}
	}
	for k := from; k < to; k++ {
		if string(t.tokBytes(k)) != house {
			continue
		}
		for j := k - 1; j >= from && j >= k-6; j-- {
			w := string(t.tokBytes(j))
			if isOwner(w) {
				break
			}
			if houseWords[w] {
				return true
			}
		}
	}
	return false
}

// houseWords name a house number (normalised).
var houseWords = set(houseNumberWords...)

// birthMonth reports whether the month at token view offset start, the
// month of birth, has a word for birthday within 6 tokens before it or 4
// after in its sentence ("your birthday is in November", "Sie haben im
// November Geburtstag", "faz anos em novembro"), one that is not the business's
// ("our birthday sale in November") and is followed by no day ("the
// delivery on November 5": another date).
func (t *text) birthMonth(start int) bool {
	i := t.tokenAt(start)
	if i < 0 {
		return false
	}
	from, to := t.sentenceOf(i)
	if i+1 < to {
		// a day after the month is another date, unless it is "segundo"
		// (2) before an article: "em novembro segundo o cadastro"
		if w := t.tokBytes(i + 1); len(w) > 0 && isDigit(w[0]) && !(i+2 < to && definites[string(t.tokBytes(i+2))]) {
			return false
		}
	}
	// the birthday may stand 6 tokens before: "je verjaardag staat bij
	// ons in november"
	for k := max(from, i-6); k < to && k <= i+4; k++ {
		if t.birthWordAt(k, to) && !t.birthOwned(k, from, to) {
			return true
		}
	}
	return false
}

// birthdayAround reports whether a day and month at token view offset
// start stand in a sentence with a word for birthday or a birthday wish,
// or right after a sentence with a word for birthday ("Happy belated
// birthday, I hope the 3rd of November was a good one", "¡Feliz
// cumpleaños atrasado! El 3 de noviembre ...").
func (t *text) birthdayAround(start int) bool {
	i := t.tokenAt(start)
	if i < 0 {
		return false
	}
	from, to := t.sentenceOf(i)
	for k := i + 1; k < to && k <= i+4; k++ {
		if w := t.tokBytes(k); len(w) == 4 && allDigits(w) {
			return false // "opened on 3 November 1999": another year's date
		}
	}
	for k := from; k < to; k++ {
		if (t.birthWordAt(k, to) || wishWords[string(t.tokBytes(k))]) && !t.birthOwned(k, from, to) {
			return true
		}
	}
	// the sentence before only for a date that opens its sentence: "El
	// 3 de noviembre ya queda lejos", not "Your voucher is valid until 3
	// November"
	if from == 0 || i > from+1 || i == from+1 && !definites[string(t.tokBytes(from))] {
		return false
	}
	pfrom, pto := t.sentenceOf(from - 1)
	for k := pfrom; k < pto; k++ {
		if t.birthWordAt(k, pto) && !t.birthOwned(k, pfrom, pto) {
			return true
		}
	}
	return false
}

// birthWordAt reports whether token k says birthday: one of birthWords,
// or Portuguese "faz anos".
func (t *text) birthWordAt(k, to int) bool {
	w := string(t.tokBytes(k))
	if birthWords[w] {
		return true
	}
	if k+1 >= to {
		return false
	}
	n := string(t.tokBytes(k + 1))
	return (w == "faz" || w == "fazes") && n == "anos" || (w == "compi" || w == "compie") && (n == "gli" || n == "anni")
}

// dayBesideBirth reports whether the month of birth at token view offset
// start has the day of birth in its sentence beside a word for birthday
// ("der Gutschein kommt Anfang November, weil du ja am 3. Geburtstag
// hast", "visto che compi gli anni il 3", "je bent op de 3e jarig"):
// the day and month told apart.
func (m *Matcher) dayBesideBirth(t *text, start int) bool {
	i, day := t.tokenAt(start), m.dob[0]
	if i < 0 || day == "" {
		return false
	}
	from, to := t.sentenceOf(i)
	for k := from; k < to; k++ {
		w := t.tokBytes(k)
		if len(w) == 0 || !isDigit(w[0]) || string(w) != day && !(len(w) == len(day)+1 && w[len(w)-1] == 'e' && string(w[:len(day)]) == day) {
			continue
		}
		end := to
		if k == to-1 && to < len(t.toks) {
			_, end = t.sentenceOf(to) // "am 3. Geburtstag": the German ordinal's dot
		}
		for j := max(from, k-4); j < end && j <= k+3; j++ {
			if j != k && t.birthWordAt(j, end) && !t.birthOwned(j, from, end) {
				return true
			}
		}
	}
	return false
}

// birthOwned reports whether the word for birthday at token k is the
// business's or a thing's: "our birthday sale", "notre anniversaire", "a
// nossa campanha de aniversário".
func (t *text) birthOwned(k, from, to int) bool {
	for j := max(from, k-3); j < k; j++ {
		if ourWords[string(t.tokBytes(j))] || thingPossessives[string(t.tokBytes(j))] {
			return true
		}
	}
	if k+1 < to && otherWord(string(t.tokBytes(k+1))) {
		return true
	}
	// "o aniversário da loja", "the birthday of the store"
	if k+2 >= to || !ofWords[string(t.tokBytes(k+1))] {
		return false
	}
	n := string(t.tokBytes(k + 2))
	if definites[n] && k+3 < to {
		n = string(t.tokBytes(k + 3))
	}
	return businessWords[n]
}

// businessWords name the business (after ofWords: "the birthday of the
// store").
var businessWords = set("shop", "store", "company", "brand", "loja", "empresa", "marca", "tienda", "winkel", "bedrijf",
	"merk", "laden", "firma", "marke", "negozio", "azienda", "magasin", "boutique", "societe", "entreprise")

// thingPossessives are a thing's possessives: "celebrate its birthday".
var thingPossessives = set("its", "their", "leur", "leurs", "hun")

// wishWords wish a happy birthday without naming it: "Tanti auguri",
// "Nog gefeliciteerd", "Parabéns" (normalised).
var wishWords = set("auguri", "gefeliciteerd", "parabens", "felicidades", "gluckwunsch", "felicitations", "congratulations")

// cutAt reports whether the "@" that ends at token view offset end (the
// space after it) is cut short: punctuation or the end of the text
// after it ("elodie.martin@...").
func (t *text) cutAt(end int) bool {
	j := t.tokenAt(end - 2)
	return j >= 0 && (t.toks[j].flags&fPunctAfter != 0 || j+1 == len(t.toks))
}

// streetCity reports whether a street's distinctive words at token view
// offset start have the city of their address (or a word made from it,
// "parisien", "Berliner") in their sentence, and the sentence places no
// business there ("our Madrid shop near Alcalá").
func (m *Matcher) streetCity(t *text, start int, city string) bool {
	i := t.tokenAt(start)
	if i < 0 {
		return false
	}
	from, to := t.sentenceOf(i)
	// a business placed in the street's clause or the 6 tokens before it
	// ("our shop in Madrid, the one on Alcalá"); one later in another
	// clause places nothing there ("..., el de Alcalá, así no tienes que
	// ir a la oficina")
	cl := i
	for cl+1 < to && t.toks[cl].flags&fPunctAfter == 0 {
		cl++
	}
	city1, home := false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if placeOwners[w] && (k >= i-6 && k <= cl) {
			return false
		}
		if k != i && strings.HasPrefix(w, city) && len(w) <= len(city)+5 {
			city1 = true
		}
		home = home || homeWords[w] || accountWords[w] || defaultWords[w]
	}
	return city1 && home
}

// homeWords name where someone lives or an address (normalised: "flat"
// reads "unit", "place" "pl").
var homeWords = set("unit", "pl", "home", "house", "address", "adresse", "anschrift", "wohnung", "haus", "domicile",
	"spot", "apartment", "bude", "plek", "plekje", "appartement", "apartamento", "appartamento", "appart",
	"logement", "maison", "piso", "casa", "domicilio", "direccion", "indirizzo", "abitazione", "woning", "huis",
	"adres", "morada", "endereco", "hauptadresse", "standaardadres", "principal", "principale", "hoofdadres")

// streetTypo reports whether t holds a street on file one letter off
// (missing, added, changed or two swapped: "Kalverstrat 92", "Rua Agusta
// 100") right beside its house number, and the level it needs.
func (m *Matcher) streetTypo(t *text) (proofdesk.Level, bool) {
	if len(m.typos) == 0 {
		return 0, false
	}
	var best proofdesk.Level
	found := false
	for _, h32 := range t.rawNums6 { // a house number opens with a digit
		h := int(h32)
		hw := t.rawBuf[t.raw[h].start:t.raw[h].end]
		if len(hw) <= 5 && m.typoHeads&(1<<(10*len(hw)+int(hw[0]-'0'))) == 0 {
			continue
		}
		for _, ty := range m.typos {
			if ty.level <= best && found || string(hw) != ty.house {
				continue
			}
			if m.typoBeside(t, h, ty.word) {
				best, found = ty.level, true
			}
		}
	}
	return best, found
}

// editOne reports whether a and b differ by at most one letter added,
// dropped or changed, or two neighbours swapped.
func editOne(a []byte, b string) bool {
	la, lb := len(a), len(b)
	switch {
	case la == lb:
		if string(a) == b {
			return true
		}
		return oneOff(a, b)
	case la == lb+1:
		i := 0
		for i < lb && a[i] == b[i] {
			i++
		}
		return string(a[i+1:]) == b[i:]
	case la+1 == lb:
		i := 0
		for i < la && a[i] == b[i] {
			i++
		}
		return string(a[i:]) == b[i+1:]
	}
	return false
}

// dobTypo reports whether t holds the full date of birth with its month
// one letter off ("le 3 novmbre 1979", "3 de novenbro de 1979"): the
// year, a word one edit from a name of the month of birth right before it
// or before "de"/"of", and the day in the 2 tokens before that word.
func (m *Matcher) dobTypo(t *text) bool {
	y, d := m.dob[2], m.dob[0]
	if len(y) != 4 || len(m.dobMonths) == 0 {
		return false
	}
	toks := t.numToks // the year's tokens, when it opens with a digit (it does)
	if !isDigit(y[0]) {
		toks = t.allToks()
	}
	for _, j32 := range toks {
		j := int(j32)
		if w := t.tokBytes(j); len(w) != 4 || string(w) != y {
			continue
		}
		for k := j - 1; k >= 1 && k >= j-2; k-- {
			mw := t.tokBytes(k)
			if len(mw) < 4 || k == j-2 && !ofWords[string(t.tokBytes(j-1))] {
				continue // "3 de novenbro de 1979", not "3. Novmber, Sendungsnummer 1979"
			}
			for _, name := range m.dobMonths {
				if !editOne(mw, name) {
					continue
				}
				for h := k - 1; h >= 0 && h >= k-2; h-- {
					if string(t.tokBytes(h)) == d {
						return true
					}
				}
			}
		}
	}
	return false
}

// typoBeside reports whether raw token h, a house number, has word one
// letter off right before it ("Kalverstrat 92") or right after it, past
// a street type ("92 Kalverstrat", "100 rue Agusta"), where the street's
// name does not go on with another word ("100 rue Auguste Comte").
func (m *Matcher) typoBeside(t *text, h int, word string) bool {
	raw := func(k int) string { return string(t.rawBuf[t.raw[k].start:t.raw[k].end]) }
	if h > 0 && editOne([]byte(raw(h-1)), word) {
		return true
	}
	k := h + 1
	if k < len(t.raw) && (streetTypes[raw(k)] || typeFirst[raw(k)] || canon[raw(k)] != "" && streetTypes[canon[raw(k)]]) {
		k++
	}
	if k >= len(t.raw) || !editOne([]byte(raw(k)), word) {
		return false
	}
	if k+1 < len(t.raw) && t.raw[k].flags&fPunctAfter == 0 {
		n := raw(k + 1)
		return len(n) == 0 || isDigit(n[0]) || streetTypes[n] || canon[n] != "" && streetTypes[canon[n]] || cityPreps[n]
	}
	return true
}

// cityPreps lead from a street to its city or district ("92 Kalverstrat
// à Amsterdam", "Hauptstrase 5 in Berlin"): the street's name ends before
// one (normalised).
var cityPreps = set("a", "ad", "in", "en", "te", "em", "op", "im", "at", "on", "nach", "bei", "near", "naar", "vers", "dans",
	"cerca", "vicino", "bij", "perto")

// offerNeed returns, of the classes offered, the one whose level is the
// highest above level and that level (an unknown class needs L2: fail
// closed), or level and "" when none is above it.
func (m *Matcher) offerNeed(level proofdesk.Level, offered []string) (need proofdesk.Level, class string) {
	need = level
	for _, c := range offered {
		if c == "" {
			continue
		}
		l, ok := m.levels[c]
		if !ok {
			l = proofdesk.L2
		}
		if l > need {
			need, class = l, c
		}
	}
	return need, class
}
