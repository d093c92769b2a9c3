package guard

// Process answers on a travel desk (guard22a): after a yes or no word,
//
//   - a rule about any such value, its subject led by an indefinite
//     article and a negation or a modal in it: "No, a date-of-birth
//     mismatch doesn't cancel the ticket; it just needs correcting", "Nein,
//     ein Zahlendreher im Geburtsdatum storniert die Buchung nicht";
//   - how a value is to be written: a word for the format ("Ja, im
//     APIS-Formular muss das Datum im Format TT.MM.JJJJ stehen", "Sí, la
//     fecha va en formato DD/MM/AAAA").
//
// Neither says whether her value is the one on record. A strong pointer
// ("the one", "same"), "another", a word of matching or a word for the
// record keeps the answer an answer, and so does a demonstrative in a
// rule ("No, a German number, not this one").

// process31 reports whether the clause [rest, to) after a yes or no word
// is one of the process answers above.
func (t *text) process31(rest, to int) bool {
	if rest >= to || t.verdictAfter38(rest) {
		return false // "…, en het uwe klopt toch" (triggerwrap38.go)
	}
	generic := indefinites28[string(t.tokBytes(rest))] && !otherOpeners[string(t.tokBytes(rest))]
	rule, format, points := false, false, false
	for k := rest; k < to; k++ {
		w := string(t.tokBytes(k))
		lx := t.toks[k].lex
		if lx&lxStrong != 0 || otherOpeners[w] || sameWords28[w] || matchWords[w] || matchWords28[w] ||
			accountWords[w] && !weakRecord[w] || isRecordWord(w) || theOnes[w] {
			return false // "No, a different one", "Yes, in the same format and it matches"
		}
		points = points || lx&lxDemo != 0 // "das Datum" may be "that date": only the format still rules
		rule = rule || negations[w] || processCues28[w] || w == "doesnt" || w == "dont" || w == "wont" || w == "niet" || w == "nao"
		format = format || formatWords31[w]
	}
	return generic && rule && !points || format
}

// formatWords31 name the format a value is written in (normalised).
var formatWords31 = set("format", "formats", "formaat", "formato", "schreibweise", "notation", "dd", "mm", "yyyy", "tt",
	"jjjj", "aaaa", "aa", "jj", "gg")

// genericNoun31 reports whether the word of mismatch at token i (in a
// sentence [from, to)) heads a noun phrase led by an indefinite article
// with a value noun between them, and the sentence goes on with a
// negation or a modal: "a date-of-birth mismatch doesn't cancel the
// ticket", "une différence d'adresse n'annule pas la réservation" is any
// such mismatch, a rule's subject. A match ("a postcode match") is no
// rule.
func (t *text) genericNoun31(i, from, to int) bool {
	if !mismatchWords31[string(t.tokBytes(i))] {
		return false
	}
	rule := false
	for k := i + 1; k < to && !rule; k++ {
		w := string(t.tokBytes(k))
		rule = negations[w] || processCues28[w] || w == "doesnt" || w == "dont" || w == "wont" || w == "ne"
	}
	if !rule {
		return false
	}
	noun := false
	for j := i - 1; j >= from && j >= i-4; j-- {
		w := string(t.tokBytes(j))
		if t.toks[j].flags&fPunctAfter != 0 {
			return false
		}
		switch {
		case indefinites28[w] && !otherOpeners[w]:
			return noun
		case isValueNoun(w) || birthWords[w] || dateNouns[w] || postalWords[w]:
			noun = true
		case w != "of" && w != "de" && w != "di" && w != "van" && w != "do" && w != "da":
			return false
		}
	}
	return false
}

// mismatchWords31 name a mismatch or an error in a value (normalised).
var mismatchWords31 = set("mismatch", "discrepancy", "difference", "typo", "error", "abweichung", "unterschied",
	"zahlendreher", "fehler", "ecart", "erreur", "discordance", "discordancia", "diferencia", "discrepanza",
	"differenza", "errore", "afwijking", "verschil", "fout", "discrepancia", "diferenca", "erro", "gralha")
