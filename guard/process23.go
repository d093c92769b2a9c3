package guard

// Yes and no that answer a process question, not the offered value
// (guard19a): "No, you don't need to create another account", "Sí, puede
// cambiarlo en Ajustes", "Nee, u hoeft niets te doen". A yes or no word
// whose clause has the person addressed as the subject of a modal — need
// to, can, will be able to, must — says what the requester may or must
// do. A clause that points at the value ("you can use that one") or
// names another value ("you'll need another address") still answers.
// "No comment" and telling no one refuse whatever their sentence holds.

// youProcess reports whether the clause [rest, to) after a yes or no word
// opens with the person addressed and a modal within three tokens, and
// points at no value.
func (t *text) youProcess(rest, to int) bool {
	k := rest
	if k < to && butWords[string(t.tokBytes(k))] {
		k++
	}
	if k < to && negations[string(t.tokBytes(k))] {
		k++ // "No, no necesita ...", "Não, não precisa ..."
	}
	if k >= to {
		return false
	}
	modal := proDropModals23[string(t.tokBytes(k))] // "no necesita", "non deve", "pode": the person is in the verb
	if !modal && !youSubjects23[string(t.tokBytes(k))] {
		return false
	}
	for j := k + 1; j < to && j <= k+3; j++ {
		modal = modal || youModals23[string(t.tokBytes(j))]
	}
	if !modal {
		return false
	}
	for j := k; j < to; j++ {
		x := string(t.tokBytes(j))
		lx := t.toks[j].lex
		if lx&lxStrong != 0 && !otherOpeners[x] || lx&lxDemo != 0 && j+1 < to || j == to-1 && lx&lxEndRef != 0 && !hereWords[x] ||
			otherOpeners[x] && j+1 < to && (valueNouns[string(t.tokBytes(j+1))] || string(t.tokBytes(j+1)) == "1") {
			return false // "you can use that one", "you'll need another address"
		}
		if t.toks[j].flags&fPunctAfter != 0 && j+1 < to {
			break // the first clause only
		}
	}
	return true
}

// youProcessAfterWord reports whether the sentence [from, to) opens with
// a yes or no word set off by a mark and goes on as youProcess reads.
func (t *text) youProcessAfterWord(from, to int) bool {
	w := string(t.tokBytes(from))
	return from+1 < to && t.toks[from].flags&fPunctAfter != 0 && (answerYes[w] || answerNo[w]) && t.youProcess(from+1, to)
}

// Words of a process answer (normalised).
var (
	youSubjects23 = set("you", "youll", "youre", "sie", "du", "vous", "tu", "usted", "ustedes", "lei", "voi", "u", "je",
		"jij", "voce", "voces")
	youModals23 = set("need", "needs", "dont", "do", "can", "cant", "may", "must", "will", "ll", "able", "have", "should",
		"mussen", "musst", "brauchen", "brauchst", "konnen", "kannst", "durfen", "darfst", "werden", "wirst",
		"besoin", "devez", "dois", "pouvez", "peux", "pourrez", "pourras", "necesita", "necesitas", "tiene", "tienes",
		"puede", "puedes", "podra", "podras", "deve", "devi", "puo", "puoi", "potra", "potrai", "serve", "hoeft",
		"hoef", "moet", "kunt", "kan", "kun", "mag", "zult", "precisa", "precisas", "pode", "podes", "podera", "tem",
		"tens", "deve", "n", "ne", "no", "non", "nicht", "niet", "nao", "avez", "hai", "ha")
	// proDropModals23 are modals whose ending names the person addressed.
	proDropModals23 = set("necesita", "necesitas", "puede", "puedes", "podra", "podras", "tiene", "tienes", "deve",
		"devi", "puo", "puoi", "potra", "potrai", "serve", "precisa", "precisas", "pode", "podes", "podera", "tem",
		"tens", "hoeft", "kunt", "moet")
	// noComment23 refuse to comment.
	noComment23 = []string{
		// telling no one which part is right is a rule of disclosure: "No le diré a nadie qué dígitos son
		// correctos", "Non dico a nessuno quali cifre sono giuste"
		"tell anyone", "tell anybody", "tell no one", "tell nobody", "a nadie", "a nessuno", "a ninguém",
		"à personne", "niemandem", "aan niemand", "vertel niemand", "zeg niemand", "no comment", "kein kommentar", "sans commentaire", "pas de commentaire", "sin comentarios",
		"sin comentario", "nessun commento", "no comment", "geen commentaar", "sem comentários", "sem comentario"}
)
