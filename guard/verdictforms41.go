package guard

import "strings"

// Verdicts in a clause of their own that the phrase sets do not read
// (a41a), whether a refusal, a rule about any mismatch or a value noted
// without comparing stands before them or not:
//
//   - the value is the one the business uses, with no yes before it
//     ("it's the one we text", "c'est celui où nous envoyons les SMS",
//     "het is het nummer waar we naar sms'en"): theOneWe41;
//   - hers is judged, with words between the possessive and the verdict
//     ("yours definitely matches", "Ihre Nummer stimmt ohnehin", "and
//     yours is perfect", "aber Ihre weicht um eine Ziffer ab"): yours41;
//   - what she typed is judged ("you typed it perfectly", "Sie haben sie
//     perfekt getippt", "lo escribió perfectamente"): typedRight41.
//
// A clause that asks, or a condition, judges nothing.

// formVerdict41 returns the rule of the first clause of t that says one
// of these verdicts, or "".
func (t *text) formVerdict41() string {
	var cues uint8      // the readings whose words the reply holds, one look-up a word
	var atArr [16]int32 // the clause readings' cue tokens, bits in cueAt
	var cueAt [16]uint8
	var yoursArr [8]int32 // the possessives' tokens
	at, all, yours, yoursAll := atArr[:0], false, yoursArr[:0], false
	const clauseCues = cueOne41 | cueTyped41 | cueKnown41 | cueRecord41
	toks := t.toks
	for k := range toks {
		if tk := &toks[k]; tk.len6 >= 1 && tk.len6 <= 13 && tk.x8&x8Cue41 != 0 { // (1 to 13 letters, as cueFirst41 was read)
			c := uint8(tk.x8 & x8Cue41) // cueBits41[w] (speed8.go)
			cues |= c
			if c&cueYours41 != 0 {
				if len(yours) == cap(yours) {
					yoursAll = true
				} else {
					yours = append(yours, int32(k))
				}
			}
			if c&clauseCues != 0 {
				if len(at) == cap(at) {
					all = true
				} else {
					cueAt[len(at)] = c
					at = append(at, int32(k))
				}
			}
		}
	}
	if cues&clauseCues != 0 && !all {
		// only the clauses that hold a cue token: found around each
		// (clauseAround7), in order, as the walk below would
		for ci := 0; ci < len(at); {
			a, b := t.clauseAround7(int(at[ci]))
			here := uint8(0)
			for ; ci < len(at) && int(at[ci]) < b; ci++ {
				here |= cueAt[ci]
			}
			if r := t.formClause41(a, b, here); r != "" {
				return r
			}
		}
	} else if cues&clauseCues != 0 {
		ci := 0
		for a := 0; a < len(t.toks); {
			b := t.clauseEnd30(a)
			here := uint8(0) // the cues of this clause
			for ; ci < len(at) && int(at[ci]) < b; ci++ {
				here |= cueAt[ci]
			}
			if all {
				here = cues
			}
			if here&clauseCues != 0 {
				if r := t.formClause41(a, b, here); r != "" {
					return r
				}
			}
			a = b
		}
	}
	if cues&cueYours41 != 0 && cues&cueJudge41 != 0 {
		if yoursAll {
			return t.yours41(nil)
		}
		return t.yours41(yours)
	}
	return ""
}

// formClause41 returns the rule of the clause [a, b) by the readings
// whose words cues says the reply holds, or "".
func (t *text) formClause41(a, b int, cues uint8) string {
	s := a
	for s < b && t.toks[s].x8&x8Lead41 != 0 { // conjunctions38, contrast30, particles30 (speed8.go)
		s++
	}
	if s >= b || t.toks[b-1].flags&fQuestion != 0 {
		return ""
	}
	r := ""
	if cues&cueOne41 != 0 && (t.theOneWe41(s, b) || s > a && t.theOneWe41(a, b)) { // "È il numero ...": "e" is "è", not "and"
		r = RuleConfirmation
	}
	if r == "" && cues&cueTyped41 != 0 {
		r = t.typedRight41(s, b)
	}
	if r == "" && cues&cueKnown41 != 0 {
		r = t.familiar41(s, b)
	}
	if r == "" && cues&cueRecord41 != 0 {
		r = t.recordHolds41(s, b)
	}
	if r != "" && t.askClause41(s, b) {
		return "" // "if it's the one we text", "whether you typed it right"
	}
	return r
}

// The cues of formVerdict41's readings: a verb of using or sending
// (theOneWe41), of typing (typedRight41), of knowing (familiar41), a
// record as a subject (recordHolds41), a possessive and a word of
// judging (yours41).
const (
	cueOne41 uint8 = 1 << iota
	cueTyped41
	cueKnown41
	cueRecord41
	cueYours41
	cueJudge41
)

// cueFirst41 are the first letters of the cue words.
var cueFirst41 = func() (f [256]bool) {
	for w := range cueBits41 {
		f[w[0]] = true
	}
	return f
}()

// cueBits41 maps each cue word to its bits.
var cueBits41 = func() map[string]uint8 {
	m := map[string]uint8{}
	for bit, sets := range map[uint8][]map[string]bool{
		cueOne41:    {weUse38, weUse41},
		cueTyped41:  {typedVerbs41},
		cueKnown41:  {familiarWords41, sayUs41, set("bell", "chose")},
		cueRecord41: {recordNouns41},
		cueYours41:  {yoursWords38, yourDets41, oursWords41, set("ours", "unsere")},
		cueJudge41:  {verdictVerbs30, differVerbs41, strictJudge30, perfectWords41, bookingNouns38, haveVerbs30},
	} {
		for _, set := range sets {
			for w := range set {
				m[w] |= bit
			}
		}
	}
	return m
}()

// askClause41 reports whether the clause [a, b) asks or sets a condition:
// "if it's the one we text", "whether you typed it right".
func (t *text) askClause41(a, b int) bool {
	for k := a; k < b; k++ {
		if askWords38[string(t.tokBytes(k))] && !(k > a && t.toks[k-1].lex&lxCopula != 0) || t.conditionalWord(k) {
			return true // "what" after a copula is "it's what we have"
		}
	}
	return false
}

// theOneWe41 reports whether the clause [a, b) is a copula within its
// first three tokens, then "the one" or a value noun, a relative word or
// a preposition of place, and a verb of using or sending whose subject is
// "we", with no negation: "it's the one we text", "es al que mandamos los
// SMS", "é o número para onde enviamos os SMS".
func (t *text) theOneWe41(a, b int) bool {
	cop := -1
	for k := a; k < b && k < a+3; k++ {
		if t.toks[k].lex&lxCopula != 0 || copulas30[string(t.tokBytes(k))] {
			cop = k
			break
		}
	}
	if cop < 0 {
		return false
	}
	one, we, skip := false, false, 0
	for k := cop + 1; k < b && k <= cop+7+skip; k++ {
		w := string(t.tokBytes(k))
		switch {
		case negWords30[w]:
			return false
		case copulas30[w] && k == cop+1:
		case we && skip < 2 && (objectArticles41[w] || definites[w] || processNouns30[w] || w == "codes" || w == "codici" || w == "codigos"):
			skip++ // "waar we de codes naar sturen": the object before the verb
		case oneArticles38[w] || theOnes[w] || w == "the" || w == "il" || w == "al" || w == "1" || w == "one" || isValueNoun(w):
			one = true
		case relLinks38[w] || oneLinks41[w]:
			we = we || weWords41[w]
		case weUse38[w] || weUse41[w]:
			return one && (we || strings.HasSuffix(w, "mos") || strings.HasSuffix(w, "iamo")) // not "the number to call"
		default:
			return false
		}
	}
	return false
}

// typedRight41 returns the rule of a clause [a, b) that judges how she
// typed or wrote the value: a verb of typing in the past and a word of
// doing it right ("perfectly", "richtig", "parfaitement"), a denial when
// negated; "" when it holds no such pair or gives advice ("make sure you
// type it correctly").
func (t *text) typedRight41(a, b int) string {
	typed, right, neg := false, false, false
	for k := a; k < b; k++ {
		w := string(t.tokBytes(k))
		switch {
		case typedVerbs41[w]:
			typed = true
		case rightAdverbs41[w]:
			right = true
		case negWords30[w]:
			neg = true
		case adviceWords41[w] || modal30[w]:
			return ""
		}
	}
	if !typed || !right {
		return ""
	}
	if neg {
		return RuleDenial
	}
	return RuleConfirmation
}

// yours41 returns, reading the tokens at (all when nil), the rule of "yours" (a bare possessive pronoun, one
// after its article, or a possessive before a value noun) that is the
// subject of a verdict within four tokens of its sentence: a verb of
// matching or of differing, or a copula and a word of judgement ("yours,
// too, matches", "el suyo sin duda coincide", "Ihre Nummer stimmt", "et
// le vôtre est parfait", "aber Ihre weicht um eine Ziffer ab"). A
// negation before the verdict turns it; a verb of differing is a denial.
func (t *text) yours41(at []int32) string {
	for i, k := 0, 0; ; i, k = i+1, k+1 {
		if at != nil {
			if i >= len(at) {
				break
			}
			k = int(at[i])
		}
		if k+1 >= len(t.toks) {
			break
		}
		w := string(t.tokBytes(k))
		bare := yoursBare38[w] || (yoursWords38[w] || oursWords41[w]) && k > 0 && yoursArticles38[string(t.tokBytes(k-1))] ||
			w == "ours" || w == "unsere"
		det := yourDets41[w] && t.toks[k].flags&fPunctAfter == 0 && t.is52(k+1, x52ValueNoun|x52EmailNoun) // isValueNoun
		if !bare && !det {
			continue
		}
		_, to := t.sentenceOf(k)
		neg, cop := false, false
		for j := k + 1; j < to && j <= k+4; j++ {
			v := string(t.tokBytes(j))
			switch {
			case t.toks[j].flags&fQuestion != 0 || askWords38[v] || modal30[v]:
				j = to // "yours can be changed", "if yours matches"
			case negWords30[v] || negations[v]:
				neg = true
			case verdictVerbs30[v] && v != "out" && v != "on":
				if j+1 < to && objectArticles41[string(t.tokBytes(j+1))] {
					j = to // "your voucher matches the order": compared with another thing
					continue
				}
				if neg {
					return RuleDenial
				}
				return RuleConfirmation
			case cop && (bookingNouns38[v] || haveVerbs30[v]) && !oursWords41[w]:
				if neg {
					return RuleDenial // "aber Ihre ist nicht die hinterlegte"
				}
				return RuleConfirmation
			case differVerbs41[v]:
				if neg {
					return RuleConfirmation
				}
				return RuleDenial
			case copulas30[v] || t.toks[j].lex&lxCopula != 0:
				cop = true
			case cop && (strictJudge30[v] || perfectWords41[v]):
				if neg {
					return RuleDenial
				}
				return RuleConfirmation
			}
		}
	}
	return ""
}

var (
	// oneLinks41 link "the one" to "we": relative words and prepositions
	// of place ("where", "où", "waar ... naar", "para onde").
	oneLinks41 = set("where", "which", "that", "to", "we", "wo", "wohin", "an", "wir", "ou", "nous", "donde", "adonde", "a",
		"cui", "dove", "noi", "waar", "waarheen", "naar", "wij", "onde", "para", "nos", "aan")
	// objectArticles41 open an object after a verb of matching: "matches
	// the order".
	objectArticles41 = set("the", "der", "die", "das", "den", "dem", "le", "la", "les", "el", "los", "las", "il", "lo", "gli",
		"het", "o", "os", "as", "your", "ihre", "ihrer", "votre", "su", "sua", "uw", "seu", "a", "with", "to", "all", "alla", "al",
		"au", "zur", "zum", "mit", "met", "con", "com", "avec", "aan")
	// weWords41 are "we" as a subject.
	weWords41 = set("we", "wir", "nous", "noi", "wij", "nos")
	// weUse41 are more verbs of using or sending with "we" as subject.
	weUse41 = set("texted", "message", "email", "mail", "call", "ring", "schreiben", "anrufen", "senden", "simsen",
		"appelons", "contactons", "llamamos", "contactamos", "chiamiamo", "contattiamo", "bellen", "mailen", "appen",
		"ligamos", "contactamos", "mandamos", "smsen")
	// typedVerbs41 say she typed or wrote the value (past forms).
	typedVerbs41 = set("typed", "wrote", "written", "entered", "spelled", "spelt", "getippt", "eingegeben", "geschrieben",
		"tippten", "tape", "ecrit", "saisi", "escribio", "tecleo", "escrito", "introdujo", "scritto", "digitato",
		"inserito", "getypt", "geschreven", "ingevuld", "ingetypt", "escreveu", "digitou", "escrito", "introduziu")
	// rightAdverbs41 say it was done right.
	rightAdverbs41 = set("perfectly", "correctly", "right", "perfekt", "richtig", "korrekt", "fehlerfrei",
		"parfaitement", "correctement", "perfectamente", "correctamente", "bien", "perfettamente", "correttamente",
		"giusto", "perfect", "correct", "goed", "foutloos", "perfeitamente", "corretamente", "certo")
	// adviceWords41 make a clause advice or a request.
	adviceWords41 = set("please", "sure", "bitte", "sicher", "veuillez", "assurez", "favor", "asegurese", "assicuri",
		"prego", "zorg", "controleer", "certifique", "check", "try")
	// yourDets41 are possessives before a noun: "your number", "Ihre
	// Nummer", "uw nummer", "votre numéro".
	yourDets41 = set("your", "ihre", "ihr", "votre", "su", "sua", "suo", "uw", "seu")
	// differVerbs41 say a value differs: "weicht ... ab", "differs".
	differVerbs41 = set("differs", "differ", "weicht", "abweicht", "unterscheidet", "differe", "difiere", "differisce",
		"wijkt", "verschilt", "difere")
	// perfectWords41 judge a value flawless.
	perfectWords41 = set("perfect", "fine", "perfekt", "einwandfrei", "parfait", "parfaite", "perfecto", "perfecta",
		"perfetto", "perfetta", "perfeito", "perfeita", "identical", "identisch", "identique", "identico", "identiek",
		"gelijk", "igual", "uguale")
)

// familiar41 returns the rule of a clause [a, b) that says the value is
// known to the business: "it rings a bell", "sie kommt mir bekannt vor",
// "il me dit quelque chose", "me suena", "die kennen wir", "lo
// conocemos"; a denial when negated ("that number doesn't ring a bell",
// "diese Nummer sagt uns nichts", "ese número no nos suena"). Its subject
// or object is a pronoun, a demonstrative or a value noun, not a thing
// named ("the name rings a bell", "das Problem kennen wir").
func (t *text) familiar41(a, b int) string {
	cue := false // a word of knowing, or "says" beside "us", before the full reading
	for k := a; k < b && !cue; k++ {
		if t.toks[k].x8&uint16(cueKnown41) == 0 {
			continue // none of the words below (cueBits41, speed8.go)
		}
		w := string(t.tokBytes(k))
		cue = familiarWords41[w] || w == "bell" || w == "chose" ||
			t.is52(k, x52SayUs) && (k+1 < b && t.is52(k+1, x52Us) || k > a && t.is52(k-1, x52Us))
	}
	if !cue {
		return ""
	}
	known, neg, said, point, noun := false, false, false, false, false
	for k := a; k < b; k++ {
		w := string(t.tokBytes(k))
		switch {
		case familiarWords41[w] || w == "bell" && k > a && string(t.tokBytes(k-1)) == "a" ||
			w == "chose" && k > a && string(t.tokBytes(k-1)) == "quelque":
			known = true
		case t.is52(k, x52SayUs) && k+1 < b && t.is52(k+1, x52Us):
			said = true // "sagt uns", "nos dice", "ci dice", "zegt ons"
		case t.is52(k, x52SayUs) && k > a && t.is52(k-1, x52Us):
			said = true // "ne nous dit", "não nos diz"
		case negWords30[w] || negations[w]:
			neg = true
		case situation41[w] && !(k+1 < b && string(t.tokBytes(k+1)) == "1"):
			return "" // "das kennen wir", "that sounds familiar": a situation, not the value; "that one" points
		case isValueNoun(w) || t.toks[k].lex&lxDemo != 0 || pointWords30[w] || objPronouns41[w]:
			point = true
		case k > a && !glue30[w] && !particles30[w] && !conjunctions38[w] && !youWords30[w] && t.toks[k].lex&lxCopula == 0 &&
			!usWords41[w] && !familiarGlue41[w]:
			noun = true // a word of another thing
		}
	}
	switch {
	case !point || noun:
		return ""
	case said && neg:
		return RuleDenial
	case known && neg:
		return RuleDenial
	case known:
		return RuleConfirmation
	}
	return ""
}

// recordHolds41 returns the rule of a clause [a, b) whose subject is the
// booking or the profile and whose verb says what it holds: another one
// ("the booking has another", "la réservation en porte un autre") or not
// this one ("Die Buchung enthält diese nicht", "La reserva no lleva ese")
// is a denial; this one is a confirmation.
func (t *text) recordHolds41(a, b int) string {
	k := a
	if k < b && definites[string(t.tokBytes(k))] {
		k++
	}
	if k+1 >= b || !recordNouns41[string(t.tokBytes(k))] {
		return ""
	}
	holds, other, point, neg := false, false, false, false
	for j := k + 1; j < b; j++ {
		w := string(t.tokBytes(j))
		switch {
		case holdVerbs41[w]:
			holds = true
		case otherOpeners[w] || otherWords41[w]:
			other = true
		case (w == "ne" || w == "en") && j+1 < b && holdVerbs41[string(t.tokBytes(j+1))]:
			// "ne ha un altro", "en porte un autre": "of them", no negation
		case negWords30[w] || negations[w]:
			neg = true
		case t.toks[j].lex&lxDemo != 0 || pointWords30[w]:
			point = true
		case glue30[w] || particles30[w] || w == "en" || w == "ne" || w == "un" || w == "uno" || w == "um" || w == "een":
		default:
			return "" // "the booking has two passengers"
		}
	}
	switch {
	case !holds:
		return ""
	case other && !neg:
		return RuleDenial
	case point && neg:
		return RuleDenial
	case point:
		return RuleConfirmation
	}
	return ""
}

var (
	// oursWords41 are "ours" after its article: "le nôtre", "el nuestro".
	oursWords41 = set("notre", "nuestro", "nuestra", "nostro", "nostra", "onze", "11", "nosso", "nossa", "unsere", "unserer")
	// familiarWords41 say a thing is known to the speaker (normalised).
	familiarWords41 = set("familiar", "familiare", "bekannt", "bekend", "suena", "rings", "ring", "connait", "connaissons",
		"conocemos", "conosciamo", "kennen", "conhecemo", "conhecemos", "kenne", "ken")
	familiarGlue41 = set("does", "look", "looks", "seems", "mir", "me", "vor", "komt", "kommt", "mi", "e", "seja", "quelque",
		"we", "wir", "on", "bell", "a", "rings", "ring", "dit", "ci", "nos", "ons", "uns", "nous", "voor", "1")
	// situation41 are the neuter pronouns that stand for a situation.
	situation41 = set("das", "dat", "that", "thats", "this", "cela", "ca", "ce", "eso", "esto", "isso", "isto", "questo",
		"cio", "es")
	// sayUs41 are "says" before or after "us": "sagt uns nichts".
	sayUs41   = set("says", "sagt", "dit", "dice", "zegt", "diz")
	usWords41 = set("us", "uns", "nous", "nos", "ci", "ons")
	// objPronouns41 stand for the value as an object: "die kennen wir".
	objPronouns41 = set("le", "la", "lo", "die", "het", "o", "a", "it", "elle", "ella", "hij", "ele", "ela")
	// recordNouns41 are the records a value is on, as a subject.
	recordNouns41 = set("booking", "reservation", "profile", "account", "buchung", "reservierung", "profil", "konto",
		"reservation", "compte", "reserva", "perfil", "cuenta", "prenotazione", "profilo", "boeking", "reservering",
		"profiel", "account", "conta")
	// holdVerbs41 say what a record holds.
	holdVerbs41 = set("a", "has", "have", "carries", "holds", "shows", "contains", "hat", "enthalt", "fuhrt", "zeigt", "porte",
		"contient", "montre", "tiene", "lleva", "contiene", "muestra", "ha", "riporta", "mostra", "heeft", "bevat",
		"toont", "tem", "contem", "leva")
	// otherWords41 say "another one".
	otherWords41 = set("another", "other", "andere", "anderen", "autre", "otro", "otra", "altro", "altra", "ander",
		"outro", "outra")
)
