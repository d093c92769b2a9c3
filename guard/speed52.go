package guard

// More word sets kept as bits on the token (tok.x52), as speed8.go keeps
// x8: the lexicon entry of a token's text holds them (lexEntry.x52), set
// where emit sets the token's classes (setEntry), so that a rule tests a
// bit where it looked the token's text up in a map. The bits of a token
// are set exactly when its text is a word of the set (TestWordSets52). A
// word that opens with a digit has no bit (a number token has no entry's
// bits): the sets of x52DigitTested hold some, which their readings test
// themselves (procPhoneNouns's "1", h44Decades's "30s").
//
//	thisWords[w]        tk.x52 & x52This != 0
//	articleDemos[w]     tk.x52 & x52ArticleDemo != 0
//	... (one bit a set, wordSets52)
const (
	x52This        uint64 = 1 << iota // thisWords (holdDenial43)
	x52ArticleDemo                    // articleDemos (holdDenial43)
	x52HedgeSubj                      // hedgeSubjects46 (hedgeYes46)
	x52HedgeVerb                      // hedgeVerbs46 (hedgeYes46)
	x52Neg30                          // neg30 (holdIn49)
	x52SayUs                          // sayUs41 (familiar41)
	x52Us                             // usWords41 (familiar41)
	x52RelOpen                        // relOpeners49 (judgedClause49)
	x52Match                          // matchWords49 (judgedClause49)
	x52Differ                         // differWords49 (judgedClause49)
	x52ProcPhone                      // procPhoneNouns but "1" (phoneToldInProcess)
	x52ProcPrefix                     // procPrefixNouns (phoneToldInProcess)
	x52ProcCode                       // procCodeLeads (phoneToldInProcess)
	x52AgeMonth                       // ageMonths29 (ageSaid29)
	x52Negation                       // negations
	x52Other                          // otherThings
	x52We                             // weWords
	x52HeldWe                         // heldWe43
	x52Have                           // haveWords43
	x52Known                          // knownWords43
	x52Linked                         // linkedWords43
	x52Whether                        // whetherWords43
	x52HoldMore                       // holdMore49
	x52EnglishHold                    // englishHold49
	x52Nothing                        // nothingWords43
	x52ValueNoun                      // valueNouns
	x52PhoneWord                      // phoneWords
	x52EmailNoun                      // emailNouns
	x52Already                        // alreadyWords49 (holdIn49)
	x52Indef                          // indefinites (indefiniteBefore)
	x52Pointer                        // pointerWords6 (pointerNotYours)
	x52Copula                         // copulaWords (pointerNotYours)
	x52RelPron                        // relPronouns
	x52ProcFiller                     // procPhoneFillers (phoneQualified)
	x52ValuePron                      // valuePronouns23 (notOnAccount)
	x52CheckVerb                      // checkVerbs (conditionalWord)
	x52NothingPron                    // nothingPronouns (nothingToFix)
	x52Account                        // accountWords (notOnAccount)
	x52Decade44                       // h44Decades's words but "30s", "40s", ... (hint44Class)
	x52CountryAdj                     // a country's adjective (countryAdjs), of which a matcher's phoneAdjs are (hint44Class)
	x52Owner                          // ownerWords, ownerWords41b: isOwner's sets (its compounds end in r or o)
	x52Card                           // cardWords
	x52Dh35                           // dh35Candidate's words: dh35GenWords, dh35Boomers, dh35Millenial, dh35Seasons (dobHint35)
	x52MonthPart                      // monthPartKinds's words (dobMonthPart)
	x52Greeting                       // greetingWords (emit, of a raw token)
)

// x52G7Shift is where x52 holds text.gate7's bits (gate7Sets, speed7.go):
// emit's last pass joins a token's into the text's, and looks a token
// that opens with a digit up in gateWords7 as before.
const x52G7Shift = 56

// x52DigitTested are the bits of sets with words that open with a digit,
// which the bits leave out: their readings test those words themselves.
const x52DigitTested = x52ProcPhone | x52Decade44 | 0xff<<x52G7Shift

// countryAdjWords52 holds every adjective of countryAdjs.
var countryAdjWords52 = func() map[string]bool {
	m := map[string]bool{}
	for _, adjs := range countryAdjs {
		for _, a := range adjs {
			m[a] = true
		}
	}
	return m
}()

// wordSets52 pairs each bit of x52 with its word set.
var wordSets52 = []struct {
	bit uint64
	set map[string]bool
}{
	{x52This, thisWords}, {x52ArticleDemo, articleDemos}, {x52HedgeSubj, hedgeSubjects46}, {x52HedgeVerb, hedgeVerbs46},
	{x52Neg30, neg30}, {x52SayUs, sayUs41}, {x52Us, usWords41}, {x52RelOpen, relOpeners49}, {x52Match, matchWords49},
	{x52Differ, differWords49}, {x52ProcPhone, procPhoneNouns}, {x52ProcPrefix, procPrefixNouns}, {x52ProcCode, procCodeLeads},
	{x52AgeMonth, ageMonths29}, {x52Negation, negations}, {x52Other, otherThings}, {x52We, weWords},
	{x52HeldWe, heldWe43}, {x52Have, haveWords43}, {x52Known, knownWords43}, {x52Linked, linkedWords43},
	{x52Whether, whetherWords43}, {x52HoldMore, holdMore49}, {x52EnglishHold, englishHold49}, {x52Nothing, nothingWords43},
	{x52ValueNoun, valueNouns}, {x52PhoneWord, phoneWords}, {x52EmailNoun, emailNouns},
	{x52Already, alreadyWords49}, {x52Indef, indefinites}, {x52Pointer, pointerWords6}, {x52Copula, copulaWords},
	{x52RelPron, relPronouns}, {x52ProcFiller, procPhoneFillers}, {x52ValuePron, valuePronouns23}, {x52CheckVerb, checkVerbs},
	{x52NothingPron, nothingPronouns}, {x52Account, accountWords}, {x52Decade44, keySet(h44Decades)},
	{x52CountryAdj, countryAdjWords52}, {x52Owner, ownerWords}, {x52Owner, ownerWords41b}, {x52Card, cardWords},
	{x52Dh35, dh35GenWords}, {x52Dh35, dh35Boomers}, {x52Dh35, dh35Millenial}, {x52Dh35, keySet(dh35Seasons)},
	{x52MonthPart, keySet(monthPartKinds)}, {x52Greeting, greetingWords},
}

// wordBits52 returns every word of wordSets52 and gate7Sets with its
// bits.
func wordBits52() map[string]uint64 {
	m := map[string]uint64{}
	for bit, sets := range gate7Sets {
		for _, s := range sets {
			for w := range s {
				if w != "" && !isDigit(w[0]) {
					m[w] |= uint64(bit) << x52G7Shift
				}
			}
		}
	}
	for _, s := range wordSets52 {
		for w := range s.set {
			if w == "" || isDigit(w[0]) {
				continue // no entry's bits on a number token
			}
			m[w] |= s.bit
		}
	}
	return m
}

// x52Of returns the word-set bits (x52) of a lexicon entry, 0 for nil.
func x52Of(e *lexEntry) uint64 {
	if e == nil {
		return 0
	}
	return e.x52
}

// isOwner52 is isOwner of token k's text: a word of its sets, or a
// compound of "nummer", "number", "numero" or "nr" (ending in r or o).
func (t *text) isOwner52(k int) bool {
	tk := &t.toks[k]
	return tk.x52&x52Owner != 0 || (tk.tail6 == 'r' || tk.tail6 == 'o') && isOwner(string(t.tokBytes(k)))
}

// is52 reports whether token k's text is a word of the sets of bits.
func (t *text) is52(k int, bits uint64) bool { return t.toks[k].x52&bits != 0 }
