package guard

// sentThere reports whether tokens [from, to), the rest of a yes-word's
// sentence, say that something went to the offered value: a verb of going
// or sending, then a word for "to" and a demonstrative closing the clause
// ("Exactly, the code went to that one", "Genau, der Code ging an die",
// "Exato, o código foi para esse"), a verb of going before "dessus" or
// "daarheen" ("le code est parti dessus"), or "that's where" before a verb
// of going ("Correct, that's where the receipts go", "Sí, ahí llegan los
// recibos").
func (t *text) sentThere(from, to int) bool {
	end := from
	for end < to-1 && t.toks[end].flags&fPunctAfter == 0 {
		end++
	}
	end++ // the first clause: [from, end)
	for k := from; k < end; k++ {
		w := string(t.tokBytes(k))
		switch {
		case wentVerbs[w]:
			for j := k + 1; j < end && j <= k+3; j++ {
				x := string(t.tokBytes(j))
				if wentThereWords[x] && j >= end-2 {
					return true // "est parti dessus", "ging daarheen"
				}
				if (toWords[x] || destWords[x] || x == "an" || x == "su") && j+1 < end && j+3 >= end &&
					(t.toks[j+1].lex&lxDemo != 0 || thisWords[string(t.tokBytes(j+1))] || articleDemos[string(t.tokBytes(j+1))]) {
					return true // "went to that one", "ging an die"
				}
			}
		case (wentWhereWords[w] || thereThat43(w, t, k, end)) && k > from && k <= from+3: // "c'est là que partent ..." (status43.go)
			for j := k + 1; j < end && j <= k+4; j++ {
				if wentVerbs[string(t.tokBytes(j))] || arriveVerbs[string(t.tokBytes(j))] || t.sendTo43(j, end) { // (status43.go)
					return true // "that's where the receipts go", "ahí llegan los recibos"
				}
			}
		case (w == "ahi" || w == "ali" || w == "li") && k == from:
			for j := k + 1; j < end && j <= k+3; j++ {
				if arriveVerbs[string(t.tokBytes(j))] || wentVerbs[string(t.tokBytes(j))] {
					return true
				}
			}
		}
	}
	return false
}

// Words of where something went (normalised).
var (
	wentVerbs = set("went", "go", "goes", "gone", "sent", "ging", "gehen", "geht", "gegangen", "parti", "partie", "part",
		"alle", "fue", "ido", "va", "van", "andato", "andata", "va", "vanno", "gaat", "gaan", "gegaan", "foi", "vai", "vao",
		"verschickt", "envoye", "enviado", "inviato", "verstuurd", "gestuurd")
	arriveVerbs = set("arrive", "arrives", "arriven", "land", "ankommen", "kommen", "arrivent", "llegan", "llega",
		"arrivano", "arriva", "aankomen", "komen", "chegam", "chega")
	wentThereWords = set("dessus", "daarheen", "daarnaartoe", "dahin", "dorthin", "hin", "alla", "la", "ali", "ahi", "li", "ai",
		"heen")
	wentWhereWords = set("where", "wohin", "ou", "donde", "dove", "waar", "onde", "daar")
)
