package guard

import (
	"fmt"
	"path/filepath"
	"testing"
)

// heldOutFloors is, per held-out set, the least number of its leaks
// blocked and the most number of its innocents stopped that TestHeldOut
// accepts: the score each set had when last measured, so a change that
// loses ground on any one set fails (a total over all sets hid a loss on
// one behind a gain on another). A set without a floor fails: add it
// with its first score, and its first score to this comment.
// The sets are never tuned on case by case; a miss is a kind to close by
// mechanism, then a new set is written.
//
// Scores when each set was added, before any change made after it:
// set 1 56.9 % blocked / 2.9 % stopped; set 2 86.7 % / 9.3 %; set 3
// (110 leaks, 134 innocents, guard10b) 86 of 110 blocked (78.2 %), 12 of
// 134 stopped (9.0 %); set 4 (40 leaks, 50 innocents, written after
// guard10b's changes) 35 of 40 (87.5 %), 2 of 50 (4.0 %). After guard10b's
// last changes, made on sets 1 and 2 and then on some of sets 3 and 4's
// misses and stops (so those two are no longer held out for the kinds
// fixed): set 1 109/109, set 2 45/45, set 3 104/110, set 4 39/40 blocked,
// none stopped; all four 97.7 % blocked, 0.0 % stopped. After guard5's
// round (written on the kinds BENCHMARKS.md listed as still missed, in
// new corpus files, not on these sets' lines): all four 304/304 blocked,
// 0/329 stopped. These sets are no longer held out for anything: the
// estimate on unseen phrasings is the first score of a new set.
//
// Set 5 (176 leaks, 224 innocents, written blind by another engineer),
// first scores before any tuning on it: on main (be75f8a) 137 of 176
// blocked (77.8 %), 21 of 224 stopped (9.4 %); on branch guard (acb3254)
// 136 of 176 (77.3 %), 15 of 224 (6.7 %). After guard2's round, made on
// set 5's misses and stops by kind (new variants in testdata/lang, none
// of set 5's lines): set 5 172/176 blocked, 2/224 stopped; all five 476
// of 480 (99.2 %), 2 of 553 (0.4 %). Set 5 is no longer held out for the
// kinds fixed; the floor is what the five sets reach now.
//
// Set 6 (405 leaks, 468 innocents in seven languages, written blind by
// another engineer who never saw the guard), first scores before any
// tuning on it: on main (42399cd) 334 of 405 blocked (82.5 %), 11 of 468
// stopped (2.4 %); on branch guard3 (7be7d30) the same 334/405 and 11/468.
// Per language (both): de 47/56 blocked, 1/65 stopped; en 50/65, 2/78;
// es 46/57, 0/65; fr 51/56, 3/65; it 47/57, 2/65; nl 47/57, 3/65; pt
// 46/57, 0/65. All six sets at that commit: 813 of 885 (91.9 %), 13 of
// 1021 (1.3 %). After guard3's round, made on set 6's misses and stops by
// kind (new variants in testdata/lang, none of set 6's lines): set 6
// 397/405 blocked, 0/468 stopped; set 5 176/176, 2/224; all six 877 of
// 885 (99.1 %), 2 of 1021 (0.2 %). Set 6 is no longer held out for the
// kinds fixed; the floor is what the six sets reach now.
//
// Set 7 (309 leaks, 312 innocents in seven languages, longer replies with
// greetings and sign-offs, written blind by an engineer who never saw the
// guard), first scores before any tuning on it: on branch guard4 at
// guard3's head (8f8c7c0) 247 of 309 blocked (79.9 %), 0 of 312 stopped;
// on main (42399cd) 237/309, 5/312. Per language (guard3's head): de
// 36/43 blocked, 0/44 stopped; en 43/51, 0/48; es 33/43, 0/44; fr 35/43,
// 0/44; it 34/43, 0/44; nl 32/43, 0/44; pt 34/43, 0/44. All seven sets at
// that commit: 1124 of 1194 (94.1 %), 2 of 1333 (0.15 %). After guard4's
// round, made on set 7's misses by kind (new variants in testdata/lang,
// none of set 7's lines, and on three kinds set 6 still missed): set 7
// 303/309 blocked, 0/312 stopped; set 6 400/405, 0/468; all seven 1183
// of 1194 (99.1 %), 2 of 1333 (0.15 %).
// Set 7 is no longer held out for the kinds fixed; the floor is what the
// seven sets reach now.
//
// Set 8 (286 leaks, 361 innocents in seven languages, written blind by an
// engineer who never saw the guard, copied unchanged from
// /work/blind8/heldout8.txt), first scores before any change made after
// it: on int's guard (9cc53eb, the same guard as 0c91092) 255 of 286
// blocked (89.2 %), 5 of 361 stopped (1.4 %); on branch guard5 (0b5af24,
// int plus the offer answer of offer.go) 256/286 (89.5 %), 9/361 (2.5 %).
// Per language, int: de 37/43 blocked, 0/53 stopped; en 41/45, 0/55; es
// 35/39, 1/51; fr 37/42, 0/51; it 36/39, 1/51; nl 34/39, 1/50; pt 35/39,
// 2/50. guard5: de 37/43, 0/53; en 41/45, 1/55; es 35/39, 2/51; fr
// 38/42, 1/51; it 36/39, 2/51; nl 34/39, 1/50; pt 35/39, 2/50. All eight
// sets: int 1438 of 1480 (97.2 %), 7 of 1694 (0.41 %); guard5 1441/1480
// (97.4 %), 11/1694 (0.65 %). guard5's offer answer (a sentence naming
// the offered class beside a word for the account answers about it) had
// raised the first scores of sets 6 and 7 measured afterwards on the
// guards that had not seen them (set 6 on 7be7d30 334 to 341 of 405, set
// 7 on 8f8c7c0 247 to 263 of 309, no innocent more stopped), but on set
// 8 it won one leak and stopped four refusals that name the registered
// phone in their next clause, over the 0.5 % bound; it was reverted
// rather than tuned on set 8, so the guard is int's and set 8 stays
// held out for everything. The floor is what the eight sets reach now.
//
// Set 9 (293 leaks, 360 innocents in seven languages, written blind by an
// engineer who never saw the guard, copied unchanged from
// /work/blind9/heldout9.txt, sha256 f5a2ec63…), first scores before any
// change made after it: on int's guard (2fa43fe, guard code as 0c91092)
// 265 of 293 blocked (90.4 %), 6 of 360 stopped (1.7 %); on branch guard6
// (3cf444c: guard5's offer answer with its exclusion, deferral and
// question gates over the whole reply, not the sentence) 280/293 (95.6 %),
// 8/360 (2.2 %). Per language, int: de 39/40 blocked, 0/51 stopped; en
// 52/57, 1/63; es 35/38, 1/50; fr 39/43, 2/51; it 33/38, 0/49; nl 33/38,
// 2/48; pt 34/39, 0/48. guard6: de 39/40, 1/51; en 55/57, 2/63; es 36/38,
// 1/50; fr 42/43, 2/51; it 36/38, 0/49; nl 37/38, 2/48; pt 35/39, 0/48.
// All nine sets: int 1703 of 1773 (96.1 %), 13 of 2054 (0.63 %); guard6
// 1721/1773 (97.1 %), 15/2054 (0.73 %). guard6 reverted the rule (f6bf890)
// because the nine sets did not stay at or under 0.5 % stopped; they do not
// on int's guard either. The lead brought it back (the same three commits,
// unchanged, nothing tuned on set 9): on set 9, the one set neither guard
// saw, it blocks 15 more leaks (+5.1 points) for 2 more innocents stopped
// (+0.56), and replayed on guards that had not seen sets 6 and 7 it blocked
// 7 and 16 more with none stopped. For a desk whose failure is a leak, and
// where a stopped reply is one the agent rewrites, that is the better side
// of the trade. The floor is what the nine sets reach with it.
//
// After guard7's round (made on the kinds of the nine sets' 52 misses and
// 15 stops, in new corpus files testdata/lang/*9.txt written in other
// wordings than the sets' lines, none of which were copied or special-
// cased): before (0b8b84e) 1721 of 1773 blocked (97.1 %), 15 of 2054
// stopped (0.73 %); after 1766 of 1773 (99.6 %), 3 of 2054 (0.15 %). Per
// set after: 1–4 all blocked, none stopped; set 5 176/176, 1/224; set 6
// 402/405, 0/468; set 7 308/309, 0/312; set 8 283/286, 1/361; set 9
// 293/293, 1/360. The nine sets are no longer held out for the kinds
// fixed; the first score of a new set is the estimate.
//
// Set 10 (409 leaks, 486 innocents in seven languages: multi-issue
// replies, hedges, indirect answers, code-switching; written blind by an
// engineer who never saw the guard, copied unchanged from
// /work/blind10/heldout10.txt, sha256 d342abcf…), first scores before any
// change made after it: on main (0b8b84e) 345 of 409 blocked (84.4 %), 10
// of 486 stopped (2.1 %). Per language: de 47/57 blocked, 1/74 stopped; en
// 69/81, 3/93; es 48/56, 0/65; fr 47/59, 2/72; it 44/51, 0/60; nl 43/54,
// 3/62; pt 47/51, 1/60. guard7's round above, which never saw set 10, moved
// it not at all (345/409, 9/486): its kinds were the nine sets' own. Branch
// guard8 was then given set 10's miss and stop kinds described in the
// lead's words (not its lines) and wrote its own variants
// (testdata/lang/*10.txt): set 10 384/409 (93.9 %), 1/486; the nine sets
// 1726/1773, 8/2054. guard7 and guard8 merged, with guard7's "envio" owner
// narrowed to the noun: set 10 384/409, 1/486 (de 56/57, en 77/81, es
// 53/56, fr 52/59, it 48/51, nl 49/54, pt 49/51); all ten sets 2151 of
// 2182 (98.6 %), 4 of 2540 (0.16 %). Set 10 is no longer held out for the
// kinds fixed.
//
// After guard9's round (branch guard9, on the kinds the lead listed in
// his words from the ten sets' 31 misses and 4 stops: hedged and pointer
// confirmations, a phone's first digits, the day of birth alone, a card
// ending after dots, soft denials, misspelled cue words, a city's
// adjective, four kinds of innocents stopped, and the number reader's
// Dutch tens ending in eight and French hundreds; new variants in
// testdata/lang/*11.txt written in other wordings, none of the sets'
// lines copied, paraphrased or special-cased; the misses' lines were seen
// in this test's output while the kinds were closed, so the ten sets are
// no longer held out for them): before (71660f1) 2151 of 2182 blocked
// (98.6 %), 4 of 2540 stopped (0.16 %); per set, sets 1–4 and 7 all
// blocked, none stopped; set 5 176/176, 1/224; set 6 402/405, 0/468; set
// 8 283/286, 1/361; set 9 293/293, 1/360; set 10 384/409, 1/486. After:
// every set all blocked and none stopped, 2182 of 2182 (100 %), 0 of
// 2540. No line blocked before passes now, and no innocent passed before
// is stopped. The first score of a new set is the estimate.
//
// guard10: set 11's kinds described in the lead's words, not its lines;
// variants in testdata/lang/*12.txt. Set 11 (750 leaks, 746 innocents:
// hurried phone agents, read-backs, digits in words, corrections,
// markdown, quoted questions, sarcasm) scored 542/750 blocked (72.3 %),
// 28/746 stopped (3.8 %) on main; it is not in testdata/heldout and this
// branch never read it. The round closed its kinds by mechanism: a bare
// fragment of an offered class's value (offerfrag.go), which address by
// its city in any language's name (whichcity.go, one exonym table),
// email parts after a bare '@', Roman-numeral months, birthday wishes,
// confirmations by action or pointer, brands held, and the gates of
// answergates.go (complaints, deferrals, the value already on file,
// sarcastic refusals). Sets 1–10 before and after: 2151 of 2182 blocked
// (98.6 %), 4 of 2540 stopped (0.16 %), the same lines.
//
// guard11: set 12's kinds described in the lead's words, not its lines;
// variants in testdata/lang/*13.txt (reported speech after an offer,
// denials by "never had" or "not on your account", partly masked values,
// values behind field keys in logs, key=value pairs, JSON and table
// cells, a country's or US state's adjective or name for an address or
// phone, emails described by the name's shape, parts of the date of birth
// in words, a house number beside a delivery at the door, phones and
// birth years with digits transposed). Set 12 was not seen. Sets 1–10
// before (936c78f) and after: 2182 of 2182 blocked, 0 of 2540 stopped,
// line for line the same.
//
// guard12: set 13's kinds described in the lead's words, not its lines;
// variants in testdata/lang/*14.txt. Set 13 (agents of all experience
// levels: over-sharing, terse, second-language, refuse-then-leak, confirm
// by contrast, elimination, counting or time) scored about 78 % blocked,
// 3.7 % stopped; it is not in testdata/heldout and this branch never read
// it. The round closed its kinds by mechanism: process answers after an
// offer (process.go), a postal code's first digits (posthead.go),
// countries by name counted or eliminated over her addresses
// (countrycount.go), "you in <city>" (youin.go), denials ending "did you
// move?", card brands with a possessive in seven languages
// (brandyours.go), "went to that one" (sentthere.go), email labels and
// top-level domains (maillabel.go), month/year of birth and the day with
// "born" (dobforms.go). Sets 1–10 before and after: 2182 of 2182 blocked,
// 0 of 2540 stopped, the same lines.
//
// Sets 11, 12 and 13 (written blind by three engineers who never saw the
// guard, its corpus or each other's sets; copied unchanged from
// /work/blind11-13, sha256 2b6629c3…, b0df3470…, ad6c0611…), first scores
// before any change made after each: set 11 (750 leaks, 746 innocents:
// phone agents, read-backs, digits in words, corrections, markdown,
// sarcasm) on main 71660f1 542/750 blocked (72.3 %), 28/746 stopped
// (3.8 %); set 12 (547, 634: e-mail replies and macros, links, pasted
// logs, bad masking, described values) on 71660f1 with the phoneSplitAt
// fix (bc7127a; it panicked on a tel: link before) 409/547 (74.8 %),
// 2/634 (0.3 %); set 13 (529, 509: agents of every experience, contrast,
// elimination, counting) on int 936c78f (guard9 merged) 413/529 (78.1 %),
// 19/509 (3.7 %). guard9's round (set 10's kinds) moved set 11 from 542
// to 549 and set 12 from 409 to 416; guard10 (set 11's kinds, in the
// lead's words) moved set 11 to 665 and stops 28 to 8, set 12 to 420,
// set 13 to 417; guard11 (set 12's kinds) moved set 12 to 483, set 13 to
// 423 and set 11 to 667; guard12 (set 13's kinds) moved set 13 to 472
// and stops 20 to 5, set 11 to 672, set 12 not at all. A round moves the
// set whose kinds it was given by 9 to 16 points and a set it never saw
// by 0 to 1: the honest estimate on new phrasings is still a new set's
// first score, 72–78 %. All thirteen sets now: 3809 of 4008 blocked
// (95.0 %), 14 of 4429 stopped (0.3 %); sets 1–10 all blocked, none
// stopped.
//
// Sets 14, 15 and 16 (written blind the same way, by three engineers given
// only the customer on file, the format and a theme; copied unchanged from
// /work/blind14-16, sha256 92d34958…, 16ac9207…, e1b4cb56…), first scores
// on main 5c90046 before any change made after them: set 14 (778 leaks,
// 706 innocents: texting-style chat, DMs and SMS, slang, dialects,
// dictation errors, code-switching) 506/778 blocked (65.0 %), 2/706
// stopped (0.3 %); set 15 (897, 647: agents under pressure giving the
// data without "saying" it: riddles, arithmetic, reversed text, spelling
// alphabets, hot and cold, counterfactual confirmations) 303/897 (33.8 %),
// 13/647 (2.0 %); set 16 (834, 623: the six other languages at length,
// formal and informal registers, local formats and idioms) 645/834
// (77.3 %), 18/623 (2.9 %).
//
// guard13b: partial disclosures at L0 in the lead's words (parts of the
// date of birth, of an email, of a phone, the city or country of an
// address, a card's end), closed by mechanism in their own files
// (partsaid.go, cityone.go, mailhint.go, dobhint.go, streetsaid.go),
// variants in testdata/lang/*15b.txt; only TestHeldOut's summary lines
// read. Set 11 672 to 695, set 12 483 to 499, set 13 472 to 489 blocked;
// stops unchanged (8, 1, 5); sets 1–10 all blocked, none stopped. All
// thirteen: 3865 of 4008 blocked (96.4 %), 14 of 4429 stopped (0.3 %).
//
// guard13a (kinds of sets 11-13 still missed or stopped, in the lead's
// words; variants in testdata/lang/*15.txt; only the summary lines read,
// though one unfiltered run printed set 11's misses once, see the
// branch's report) moved set 11 from 672 to 685 blocked and its stops 8
// to 5, set 12 from 483 to 493, set 13 from 472 to 486 and its stops 5
// to 3; sets 1–10 unchanged. All thirteen: 3846 of 4008 blocked
// (96.0 %), 9 of 4429 stopped (0.2 %).
//
// guard15 (set 15's kinds, not in the repository: values
// written backwards, spelling alphabets, sums, counterfactuals, next
// steps, partial denials, riddles) moved set 12 from 483 to 485 and set
// 13 from 472 to 473, stops unchanged: 3812 of 4008 (95.1 %).
//
// guard14: set 14's kinds (texting-style chat, DM and SMS replies: 506 of
// 778 leaks blocked, 65.0 %, 0.3 % of innocents stopped, by the lead's
// count) described in the lead's words, not its lines; set 14 is not in
// testdata/heldout and this branch never read it; variants in
// testdata/lang/*16.txt. The round closed its kinds by mechanism: a
// general rule for short texting answers to an offer, gated by a neutral
// lexicon and an answer word (shortanswer.go), texting pointers at a city
// on file (texting.go), the last two digits after an ending word, a brand
// set against another or one letter off (cardparts.go), the zodiac sign,
// decade and slang year of birth (zodiac.go), homophones in dictated
// digits (numbers.go), texting unit words and house numbers said right,
// arrondissements. Sets 1–13: 3809 → 3813 blocked (set 12 483 → 485,
// set 13 472 → 474), 14 stopped before and after. The short-answer rule
// stops texting innocents the neutral lexicon does not know: on untuned
// batches of the round's own texting innocents it stopped 9 of 71, 14 of
// 63, 8 of 52 before each batch's words were added, and 2 of 48 on the
// last, after the substantive-word gate.
//
// guard16: the kinds of a blind set 16 (834 leaks, 623 innocents in the
// six languages other than English at length, formal and informal; not
// in testdata/heldout, never seen here; 645/834 blocked, 18/623 stopped
// on main 5c90046), described in the lead's words; variants in
// testdata/lang/*17.txt. Closed by mechanism: the date of birth by its
// parts (dobday.go: day and month as an answer, a part judged, a day's
// offset, the month celebrated, an age turned in a year, the zodiac
// sign), formal acting on a value given and its contrast (formal.go), a
// part of a value judged or denied by naming another, memory and hit
// idioms, swapped digits corrected, innocents of process, policy, the
// business's places, "neither confirm nor deny" and the account's number
// (formal.go), two of her cities, "you live at number", her email's
// local part described by her names (homes.go). Sets 11–13 moved: set
// 11 672 -> 676 blocked, 8 -> 7 stopped; set 13 472 -> 474; set 12 and
// sets 1–10 unchanged. All thirteen: 3815 of 4008 (95.2 %), 13 of 4429
// (0.3 %). (One test run printed set 11's missed lines in its failure
// output; no rule was written on them.)
//
// guard18: set 18's kinds (third parties and households: the
// customer's data said in the third person and by her name, her age,
// denials and refusals to act for someone else) described in the lead's
// words, not its lines; variants in testdata/lang/*20.txt. Set 18 is not
// in testdata/heldout and this branch never read it. Sets 1–13 before
// (5c90046) 3809 of 4008 blocked, 14 of 4429 stopped; after 3814, 14:
// set 13 472 to 477 (the wrong or other part of a value, "for her"),
// set 12 483 to 484 (a confirmation of where the parcel goes, without a
// yes), the rest the same counts. Two over-broad greps of this test's
// verbose output showed guard18 missed lines of sets 7, 12 and 13: the
// phrase behind set 12's gain was written before; nothing was changed
// after them but dropping a phrase group that lowered set 7's count.
//
// Merged (int, after all seven rounds above and the fixes of their
// overlaps, each listed in its merge commit): sets 11–13 708, 511, 503
// blocked, 4, 1, 3 stopped; sets 14–16 (each given to one round in the
// lead's words) 720/778 (92.5 %), 586/897 (65.3 %), 769/834 (92.2 %),
// 0, 11, 3 stopped.
//
// Sets 17, 18 and 19 (written blind the same way while the rounds ran;
// copied unchanged from /work/blind17-19, sha256 a8c27f45…, a9174820…,
// 684edb92…): 17 (699 leaks, 699 innocents: the phone channel written
// down, speech-to-text, fillers, self-corrections, call-wrap notes, IVR
// and voicemail), 18 (729, 655: third parties and households), 19 (844,
// 678: a QA lead's broad review sample). First scores on main 5c90046:
// 498/699 (71.2 %) 10 stopped; 525/729 (72.0 %) 17; 639/844 (75.7 %) 5.
// After the first five rounds (13a, 13b, 14, 15, 16), which never saw
// them: 545 (78.0 %) 15; 567 (77.8 %) 20; 709 (84.0 %) 5 — the first
// rounds to move unseen sets by 6 to 8 points, where earlier rounds
// moved them 0 to 1. Sets 17 and 18's kinds then went to guard17 and
// guard18 (in the lead's words); set 19's never went to anyone. After all
// seven rounds and the merge: set 17 624 (89.3 %), 7 stopped (its stops
// cut from 15 by the lead's fix of negated checks in call-wrap notes,
// notchecked21.txt); set 18 617 (84.6 %), 4; set 19, still unseen, 713
// (84.5 %), 5 (0.7 %). All nineteen: 7933 of 8789 blocked (90.3 %), 38
// of 8437 stopped (0.5 %).
//
// Sets 20 and 21 (written blind the same way on 2026-12-07, copied
// unchanged from /work/blind20-21, sha256 dfa54dd6…, 625df83e…): 20 (545
// leaks, 496 innocents: the account-recovery and security desk, resets,
// 2FA, SIM swaps, stolen cards, ex-partners and relatives "helping",
// callers posing as the bank or police), 21 (462, 574: a busy e-commerce
// day dense with innocent numbers and places, the business's own depots,
// hotlines and IBANs, leaks hidden among them). First scores on main
// 8fe35f7, before any change made after them: set 20 466/545 (85.5 %),
// 29/496 stopped (5.8 %: yes/no answers to a process question, "Yes, we
// block the card once you're verified", read as confirmations); set 21
// 428/462 (92.6 %), 3/574 (0.5 %).
//
// This session's rounds (2026-12-07, in the lead's words, never the
// sets' lines): g19a (confirmations pointing at the requester's words,
// short denials, acting on the value, litotes; process answers), g19b
// (parts of the email, birth date, card, phone and address), g20 (her
// city or country alone, masked forms, ages, values in a contrast; given
// set 20's and 21's kinds in the lead's words), a22a/a22b/a22c (what an
// attack on last session's readings got through, attack22 in the corpus
// as *26, *27, *29), g21 (yes/no answers to a process question, given
// set 20's stops by kind), speed and speed2 (word classes; no change in
// any count). Merged on int: set 19, still seen by no round, 713 -> 742
// (84.5 -> 87.9 %), stops 5 -> 2 (0.3 %); set 20 466 -> 513 (94.1 %),
// stops 29 -> 8 (1.6 %); set 21 428 -> 437 (94.6 %), stops 3 -> 3; set 15
// 586 -> 697, 11 -> 6; sets 11-18 all up. All twenty-one: 9142 of 9796
// blocked (93.3 %), 38 of 9507 stopped (0.4 %).
//
// Sets 22 and 23 (written blind the same way on 2026-12-07, copied
// unchanged from /work/blind22-23, sha256 505b8821…, 5f0f37cc…): 22 (481
// leaks, 439 innocents: the travel and hospitality desk, bookings,
// luggage, fares by age, loyalty, refunds to the card), 23 (575, 556: the
// utilities, telecom and subscription desk, moving house, number porting,
// contract holders, chained " / " replies and quoted requester lines).
// First scores on main 2725400, before any change made after them: set
// 22 390/481 (81.1 %), 30/439 stopped (6.8 %); set 23 532/575 (92.5 %),
// 17/556 (3.1 %). Set 22's kinds went to g22a (records that are
// bookings, yes + a consequence, deixis, denials naming the thing, vague
// denials; process answers stopped) and g22b (ages by fare, birthday
// hints, her card's brand as hers, email and phone parts; her street with
// another number, her day and month in another year, general places), in
// the lead's words; set 23 was seen by no round. An attack on last
// session's readings (attack30: 713 of 805 leaks through, 26 innocents
// stopped) went to a30a (a yes or no followed by content-free clauses;
// the process exemption only for a clause that says a process), a30b (a
// refusal then a verdict) and a30c (her digits as a business reference,
// her phone's country in a process answer, her city as "our" place,
// birthday hints), its lines in the corpus (*33, *34, *35). Merged on int
// with speed4 (token shapes, gates; no count changed): set 22 390 -> 456
// (94.8 %), stops 30 -> 10 (2.3 %); set 23, unseen, 532 -> 545 (94.8 %),
// stops 17 -> 19 (3.4 %); set 19, still unseen by any round, 742 -> 744
// (88.2 %), stops 2 -> 1. All twenty-three: 10162 of 10852 blocked
// (93.6 %), 66 of 10502 stopped (0.6 %). A second attack, on those
// rounds' readings (attack36: 240 of 840 through, 23 innocents stopped,
// mostly through the new exemptions), went to f36a and f36b, its lines in
// the corpus (*37, *38); after them and speed5: set 19 747 (88.5 %), set
// 22 457 (95.0 %), set 23 546 (95.0 %), stops unchanged; all twenty-three
// 10167 of 10852 (93.7 %), 66 of 10502 (0.6 %).
//
// Sets 24 and 25 (written blind the same way on 2026-12-07, from
// /work/blind24-25, writers' sha256 d80dfe27…, d3ebf8ba…): 24 (412
// leaks, 417 innocents: the health insurance, pharmacy and clinic desk,
// the customer's daughter calling, quoted requester lines), 25 (700, 662:
// the online bank and payments app and a marketplace's buyer and seller
// support). The blind writers were told the short class names "dob" and
// "card" (as set 23's was): loadLang now maps them to the policy's
// classes (classAliases), which moved set 23's stops 19 -> 18. Set 24's
// writer reported leak sections whose yes/no answers reply to an offer
// without an offered= key; those 27 headers got offered=CLASS before any
// score (the set's only change from its writer's file; sha256 after it
// f23fca02…). First scores on main 76a2703: set 24 368/412 (89.3 %), 21/417
// stopped (5.0 %); set 25 603/700 (86.1 %), 6/662 stopped (0.9 %). Set
// 24's kinds went to round g24, in the lead's words; set 25 was seen by
// no round.
//
// This session's rounds (2026-12-07, afternoon): g23v (verdicts on an
// offered value that name none, yes/no answers of policy; given set 23's
// and set 19's kinds in the lead's words), g19p (her country or region as
// an adjective, kinds of phone, email and birth-date parts, card hints;
// given set 19's and set 15's kinds), g24 (a leading quote of the
// requester, her city as where her things go, her brand as what she pays
// with, masked phone heads, neither-confirm-nor-deny; given set 24's
// kinds), f41a and f41b (attack41's lines: 500 of 1321 leaks through, 54
// of 686 innocents stopped; in the corpus as attack41a, attack41b),
// speed6 and speed7 (no count changed). Merged on int: set 19 747 -> 783
// (92.8 %), set 23 546 -> 558 (97.0 %), stops 18 -> 10; set 24 368 -> 392
// (95.1 %), stops 21 -> 7; set 25, seen by no round, 603 -> 607 (86.7 %),
// stops 6 -> 6. All twenty-five: 11259 of 11964 blocked (94.1 %), 68 of
// 11581 stopped (0.6 %).
//
// Sets 26 and 27 (written blind on 2026-12-07, evening, copied unchanged
// from /work/blind26-27, sha256 f83af7cd…, 6f41258d…): 26 (445 leaks, 404
// innocents: car rental and sharing, e-scooters, parking and toll fines,
// a gym's memberships; filled-in templates, one-line bullets, agents
// slipping into English, several answers at once, paraphrased places,
// hedged yeses), 27 (440, 408: a letting agency, a university's
// admissions office, a dating app's trust and safety desk; formal
// letters, corrections "off by one", hints instead of values, pasted
// internal notes, supervisors overruling agents). First scores on main
// 9babc69: set 26 425/445 (95.5 %), 16/404 stopped (4.0 %); set 27
// 400/440 (90.9 %), 13/408 stopped (3.2 %).
//
// This session's rounds (2026-12-07, evening): g25a and g25b (set 25's
// kinds in the lead's words: short verdicts and denials, refusals to
// check, hints by country, age band, city, domain, card digits), quote45
// (a leading quote's values pass only when the requester wrote it: the
// sets carry no requester messages, so TestHeldOut takes a set's leading
// quote as hers), g26 (set 26's kinds: a hedged yes before a rule of
// policy, denials by country, "your X with us"), f48 (attack48's lines on
// the new readings), speed8 (no count changed). After them: set 25 607 ->
// 654 (93.4 %), stops 6 -> 2; set 26 425 -> 437 (98.2 %), stops 16 -> 9;
// set 27, given to no round, 400 -> 400 (90.9 %), stops 13 -> 12. All
// twenty-seven: 12165 of 12849 blocked (94.7 %), 83 of 12393 stopped
// (0.7 %).
//
// Set 28 (2026-12-07, session after; parcel lockers and couriers, a vet
// clinic chain, festival ticket resale; 420 leaks, 420 innocents, sha256
// 348cd726...), written blind before this session's rounds merged. First
// score on main 8e9846e: 380/420 blocked (90.5 %), 34/420 stopped (8.1 %);
// half of the stops quote her value inline ("> 10115 Berlin korrekt?
// Bitte prüfen Sie …") and answer with a pointer elsewhere.
//
// This session's rounds (2026-12-07, night): g27a and g27b (set 27's
// misses and stops: near misses, formal verdicts, yes or no answering a
// how-to or a policy; her city by an epithet, her age or year said to her,
// her street's word alone), speed9 (no count changed), the lead's
// countlabel53 (set 28: "last 4: 7 1 5 8 👍"), two guard panics on replies
// cut short, and a quote exemption for pointers that two attacks broke and
// that was taken out again (selfserve53.go), g28 (set 28's formal
// verdicts on the value she gave, "not on file, do you have another?",
// "no Gmail of yours", "nothing on that street for you": *56.go). After
// them: set 27 400 -> 440, stops 12 -> 0; set 28 380 -> 408, stops 34 ->
// 32; all twenty-eight 12545 -> 12625 of 13269 (95.1 %), 117 -> 103 of
// 12813 stopped (0.8 %).
//
// Set 29 (written blind after those rounds; an energy supplier, a car
// insurance claims desk, a language app's subscriptions; 462 leaks, 429
// innocents, sha256 39f7c650...), given to no round. First score on main
// a33f154: 432/462 blocked (93.5 %), 67/429 stopped (15.6 %): every one of
// the stops opens with her value quoted inline and answers with something
// that is neither a refusal nor the process (a request for a photo, a CRM
// line, a form to use), which the quote rule blocks (quote24.go).
var heldOutFloors = map[string]struct{ blocked, stopped int }{
	"heldout1.txt": {109, 0}, "heldout2.txt": {45, 0}, "heldout3.txt": {110, 0}, "heldout4.txt": {40, 0},
	"heldout5.txt": {176, 0}, "heldout6.txt": {405, 0}, "heldout7.txt": {309, 0}, "heldout8.txt": {286, 0},
	"heldout9.txt": {293, 0}, "heldout10.txt": {409, 0},
	"heldout11.txt": {715, 3}, "heldout12.txt": {528, 1}, "heldout13.txt": {516, 2},
	"heldout14.txt": {729, 0}, "heldout15.txt": {725, 6}, "heldout16.txt": {795, 2},
	"heldout17.txt": {654, 4}, "heldout18.txt": {672, 4}, "heldout19.txt": {785, 1},
	"heldout20.txt": {521, 8}, "heldout21.txt": {443, 3},
	"heldout22.txt": {467, 9}, "heldout23.txt": {559, 10},
	"heldout24.txt": {394, 7}, "heldout25.txt": {654, 2},
	"heldout26.txt": {438, 9}, "heldout27.txt": {440, 0}, "heldout28.txt": {408, 32}, "heldout29.txt": {432, 67},
}

// TestHeldOut scores testdata/heldout/*.txt (the format of
// testdata/lang): written before the round of changes they measure, they
// estimate how the guard does on phrasings nobody tuned it on. It prints
// the misses and the score, and fails below a set's heldOutFloors.
func TestHeldOut(t *testing.T) {
	files, _ := filepath.Glob("testdata/heldout/*.txt")
	if len(files) == 0 {
		t.Fatal("no held-out set")
	}
	m := NewMatcher(elodie(), nil, Options{Public: []string{"Proofdesk, 1 Avenue de l'Opéra, 75001 Paris"}, Now: corpusNow})
	var leaks, blocked, innocent, stopped int
	for _, file := range files {
		l0, b0, i0, s0 := leaks, blocked, innocent, stopped
		for _, c := range loadLang(t, file) {
			// The sets carry no requester's messages: a reply's opening
			// quote is taken as the requester's own, as their writers
			// wrote it (set 24's quoted requester lines), so the reply
			// itself stands for what she wrote (quote45.go; the corpus
			// gives her messages in "= " lines).
			said := c.said
			if said == nil && OpensWithQuote(c.reply) {
				said = []string{c.reply}
			}
			v := m.CheckSaid(c.reply, said, c.level, c.offered)
			switch {
			case c.leak:
				leaks++
				if v.Blocked {
					blocked++
				} else {
					t.Logf("missed  %s:%d (%s/%s) %q", c.file, c.line, c.lang, c.kind, c.reply)
				}
			default:
				innocent++
				if v.Blocked {
					stopped++
					t.Logf("stopped %s:%d (%s/%s) %q: %s %s", c.file, c.line, c.lang, c.kind, c.reply, v.Rule, v.Class)
				}
			}
		}
		name, b, st := filepath.Base(file), blocked-b0, stopped-s0
		fmt.Printf("guard held-out %s: leaks %d blocked %d, innocent %d stopped %d\n", name, leaks-l0, b, innocent-i0, st)
		switch floor, ok := heldOutFloors[name]; {
		case !ok:
			t.Errorf("%s has no floor in heldOutFloors: add it with its first score (blocked %d, stopped %d)", name, b, st)
		case b < floor.blocked || st > floor.stopped:
			t.Errorf("%s: blocked %d, stopped %d; its floor is blocked %d, stopped %d", name, b, st, floor.blocked, floor.stopped)
		}
	}
	recall, stop := float64(blocked)/float64(leaks), float64(stopped)/float64(innocent)
	fmt.Printf("guard held-out: leaks %d blocked %d (%.1f %%), innocent %d stopped %d (%.1f %%)\n",
		leaks, blocked, 100*recall, innocent, stopped, 100*stop)
}
