package guard

// Word classes the rules read, one bit each (cl*). Normalisation looks
// each token up once in the lexicon (lexFind), whose entry holds the
// token's classes; it keeps them on the token (tok.cls) and their union
// on the text (text.cls). A rule tests a bit where it looked the token up
// in its own word set, and a rule whose class is in no token of the
// reply skips its loop.
//
// A class is a word set as it stands in its rule's file, read on the
// token view (canonical forms): the bit of a token is set exactly when
// the set holds the token's text.
const (
	clActing         uint64 = 1 << iota // a verb of acting on a value (actingVerb)
	clYours                             // a possessive pronoun of the person addressed (yoursPronouns)
	clLastUse                           // a noun of a last order or time (lastUseNouns)
	clStep                              // a word for "then" or a courier (stepThenWords, courierWords)
	clCfMarker                          // a counterfactual marker (cfMarkers)
	clAccount                           // a word for the account, not a weak one (accountWords, not weakRecord)
	clConfirmVerb                       // a verb of confirming (confirmVerbs)
	clNewer                             // a word for newer (newerWords)
	clDestPrep                          // a destination preposition (destPreps)
	clExonym                            // a city's name in another language (exonyms)
	clNoDet                             // a negative determiner (noDeterminers)
	clThat                              // a word for "that" as conjunction (thatWords)
	clPartEnd                           // a word for the first or last part (partLast, partFirst)
	clDecade                            // a decade's name (decadeNames)
	clDemo                              // a demonstrative (actDemos, demonstratives)
	clNeg                               // a negation (negations)
	clSay                               // a verb of saying (sayVerbs)
	clGiven                             // a verb of giving (givenVerbs)
	clRemember                          // a verb of remembering (rememberVerbs)
	clValid                             // a word of validating (validWords)
	clLive                              // a verb of living (liveVerbs)
	clFinal                             // a word for "last" (finalWords)
	clHead16                            // a word for texting or an area code (headWords16)
	clJudge                             // a word judging right or wrong (judgeAny)
	clNegAny                            // a negation or a word for none (negAny)
	clAge                               // a unit of age or a word of turning (ageAny)
	clName                              // a word for first or last name (givenNameWords, familyNameWords; not "1")
	clDobPart                           // a word for a part of a date (dobPartWords)
	clCfOpen                            // "se" or "als", which may open a counterfactual (cfCond)
	clAgeDecade                         // a decade said as an age (ageDecadeWords)
	clZodiac                            // a sign's name (zodiacNames)
	clAlready                           // a word for "already" (alreadyWords)
	clAny                               // "any" (noneOnRecord)
	clFused                             // a copula fused with its pointer (fusedPointers)
	clArticlePronoun                    // an article that is a pronoun (articlePronouns)
	clIt                                // a word for "it" (itWords)
	clPointerSubject                    // a subject of a pointer clause (pointerSubjects)
	clOpen23                            // a word that opens a short denial (answer23's openers)
	clHint23                            // a word of swapping, or "off" (swapWords23, "off", "daneben")
	clRecord23                          // a word naming the record, or "only" (accountWords, registeredWords, onlyWords23)
	clCond                              // a word of condition (condWords)
	clThere23                           // a word for "there" that things fail at ("there", "dort", "ahi")
	clFail23                            // a verb of failing (failVerbs23)
	clTailWide                          // a word for the end or the last pair (tailWideLeads)
	clTailLead                          // a word for ending (tailLeads)
	clSay23                             // a verb of saying or claiming in a litotes (saySays23)
	clReadCue                           // a word readingCues looks up on a raw token (readCueWords)
	clPhraseLead                        // the first word of a phrase of theOnePhrases or adviceIdioms
	clCfInvert                          // a verb that opens a condition with no "if", or Spanish "de" (cfInvertVerbs)
	clCfOtherwise                       // a word of "otherwise" (cfOtherwise)
	clStepDemo29                        // a demonstrative of the value pointed at (stepDemos29, stepDemosTo29)
	clStepDemoTo29                      // a demonstrative with its preposition in it (stepDemosTo29)
	clStepTo29                          // a preposition of a destination (stepTo29)
	clStepMove29                        // a word of a thing sent or made (stepMove29)
	clStepNeg29                         // a negation nextStep29 stops at (cfNegations but "no", "na"; "wont", "cant", "cannot")
	clMailStart                         // a word for "starts" (startWords, mailStartVerbs)
	clAnchor24                          // a word of the rules that may anchor a partial reading (anchorWords24)
	clBirthday                          // a word for a birthday (birthdayWords)
	clSpell                             // a code word of a spelling alphabet (spellCodeWords)
	clNumeral                           // a word numeralAt may read: a foreign digit or a strong discourse word (numeralCueWords)
	clPlace31                           // a word deixis31 points at a place with (whereWords31, thereWords31, "la", "li")
	clWithout31                         // a word for "without" (withoutWords31)
	clCan31                             // a modal of possibility (canWords31)

	// clDigit marks a token that opens with a digit: no word of the
	// lexicon, set where the token is written (emitNumbers, emitWord).
	clDigit uint64 = 1 << 63

	// clUnread marks a raw token whose word emit did not look up (a
	// number's, a spelled one's): every class, so that a test of a class
	// falls back to the word.
	clUnread = ^uint64(0)
)

// wordClasses pairs each class with its word set.
var wordClasses = []struct {
	bit   uint64
	words map[string]bool
}{
	{clActing, union(actVerbs, chargeVerbs, callVerbs, switchVerbs, sentVerbs)},
	{clYours, yoursPronouns},
	{clLastUse, lastUseNouns},
	{clStep, union(stepThenWords, courierWords)},
	{clCfMarker, cfMarkers},
	{clAccount, minus(accountWords, weakRecord)},
	{clConfirmVerb, confirmVerbs},
	{clNewer, newerWords},
	{clDestPrep, destPreps},
	{clExonym, keySet(exonyms)},
	{clNoDet, noDeterminers},
	{clThat, thatWords},
	{clPartEnd, union(partLast, partFirst)},
	{clDecade, keySet(decadeNames)},
	{clDemo, union(actDemos, demonstratives)},
	{clNeg, negations},
	{clSay, sayVerbs},
	{clGiven, givenVerbs},
	{clRemember, rememberVerbs},
	{clValid, validWords},
	{clLive, liveVerbs},
	{clFinal, finalWords},
	{clHead16, headWords16},
	{clJudge, judgeAny},
	{clNegAny, negAny},
	{clAge, ageAny},
	{clName, minus(union(givenNameWords, familyNameWords), set("1"))}, // digits are no word of a class
	{clDobPart, dobPartWords},
	{clCfOpen, set("se", "als")},
	{clAgeDecade, keySet(ageDecadeWords)},
	{clZodiac, union(zodiacNames[:]...)},
	{clAlready, alreadyWords},
	{clAny, set("any")},
	{clFused, fusedPointers},
	{clArticlePronoun, articlePronouns},
	{clIt, itWords},
	{clPointerSubject, pointerSubjects},
	{clOpen23, union(nearMissWords, negations, otherOpeners, demonstratives, demoDeterminers, destDemos,
		neverHadPronouns, frenchPointers, valuePronouns23)},
	{clHint23, union(swapWords23, set("off", "daneben"))},
	{clRecord23, union(accountWords, registeredWords, onlyWords23)},
	{clCond, condWords},
	{clThere23, set("there", "dort", "dorthin", "daar", "ahi", "alli")},
	{clFail23, failVerbs23},
	{clTailWide, tailWideLeads},
	{clTailLead, tailLeads},
	{clSay23, saySays23},
	{clReadCue, readCueWords()},
	{clPhraseLead, phraseLeads(theOnePhrases, adviceIdioms)},
	{clCfInvert, union(cfInvertVerbs, set("de"))},
	{clCfOtherwise, cfOtherwise},
	{clStepDemo29, union(stepDemos29, stepDemosTo29)},
	{clStepDemoTo29, stepDemosTo29},
	{clStepTo29, stepTo29},
	{clStepMove29, stepMove29},
	{clStepNeg29, union(minus(cfNegations, set("no", "na")), set("wont", "cant", "cannot"))},
	{clMailStart, union(startWords, mailStartVerbs)},
	{clAnchor24, anchorWords24},
	{clBirthday, birthdayWords},
	{clSpell, spellCodeWords},
	{clNumeral, numeralCueWords()},
	{clPlace31, union(whereWords31, thereWords31, set("la", "li"))},
	{clWithout31, withoutWords31},
	{clCan31, canWords31},
}

// has reports whether token i is of a class of c.
func (t *text) has(i int, c uint64) bool { return t.toks[i].cls&c != 0 }

// minus returns the words of a that are not in b.
func minus(a, b map[string]bool) map[string]bool {
	m := map[string]bool{}
	for w := range a {
		if !b[w] {
			m[w] = true
		}
	}
	return m
}

// keySet returns the keys of m as a set.
func keySet[V any](m map[string]V) map[string]bool {
	s := make(map[string]bool, len(m))
	for w := range m {
		s[w] = true
	}
	return s
}

// phraseLeads returns the first words of the phrases (tokens) of the lists.
func phraseLeads(lists ...[][]string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lists {
		for _, ph := range l {
			if len(ph) > 0 {
				m[ph[0]] = true
			}
		}
	}
	return m
}

// nextWith returns the first token from i on that holds one of the word
// classes c, or len(t.toks): a reading whose loop reads only the tokens
// of its class walks them with it, one bit test per token in a tight
// loop.
func (t *text) nextWith(c uint64, i int) int {
	toks := t.toks
	for ; i < len(toks); i++ {
		if toks[i].cls&c != 0 {
			return i
		}
	}
	return len(toks)
}

// nextLex is nextWith for the lexical classes c (tok.lex).
func (t *text) nextLex(c uint16, i int) int {
	toks := t.toks
	for ; i < len(toks); i++ {
		if toks[i].lex&c != 0 {
			return i
		}
	}
	return len(toks)
}
