package guard

// Verdicts said beside a refusal (a30b), read clause by clause in what is
// left of a reply once its refusal is cut out (refusal30.go): a clause
// made only of a subject, a copula and a word of judgement ("es stimmt",
// "c'est la bonne", "korrekt ist es aber", "het is precies die"), "you're
// right" ("Sie haben recht", "tiene razón"), a bare yes or no ("but
// yes"), the one on file ("c'est celle que nous avons"), where the
// business delivers; advice that only makes sense if the value is wrong
// ("you'll want to update it", "I'd double-check your paperwork", "try
// another one") or right ("I'd keep using it", "no correction needed",
// "you can relax", "your next step is simply to continue"); and a no
// refused ("I won't say no", "you didn't hear a no from me"). A clause
// about another thing ("it's the right time to verify", "check your inbox
// for the link", "you can update it in the app") judges nothing.

// clauseEnd30 returns the end of the clause of t that opens at token a:
// just past its first token with punctuation after it, or where the next
// sentence opens, or the end of t.
func (t *text) clauseEnd30(a int) int {
	b := a
	for b < len(t.toks) && t.toks[b].flags&fPunctAfter == 0 && !(b+1 < len(t.toks) && t.toks[b+1].flags&fSentence != 0) {
		b++
	}
	if b < len(t.toks) {
		b++
	}
	return b
}

// restVerdict30 returns the rule of the first clause of t that judges
// the offered value, or "".
func (t *text) restVerdict30() string {
	for a := 0; a < len(t.toks); {
		b := t.clauseEnd30(a)
		if t.toks[a].flags&fQuestion == 0 && !t.conditionalWord(a) && t.endsSentence30(b) && !t.concessive43(a, b) { // not "Of het klopt of niet" (refusal43.go)
			if r := t.clauseVerdict30(a, b); r != "" {
				return r
			}
		}
		a = b
	}
	return ""
}

// clauseVerdict30 judges the clause [a, b) of t.
func (t *text) clauseVerdict30(a, b int) string {
	but := contrast30[string(t.tokBytes(a))] // advice set against the refusal: "I can't say, but check your papers"
	// particles that open or close a clause: "but", "though", "cela dit",
	// "eso sí", "no entanto"
	for a < b && (contrast30[string(t.tokBytes(a))] || particles30[string(t.tokBytes(a))]) {
		a++
	}
	for b > a && (particles30[string(t.tokBytes(b-1))] || contrast30[string(t.tokBytes(b-1))]) {
		b--
	}
	if b-a >= 3 && tailPairs30[string(t.tokBytes(b-2))+" "+string(t.tokBytes(b-1))] {
		b -= 2 // "c'est exact, cela dit", "es exacto, eso sí", "está correto, no entanto"
	}
	if a >= b {
		return ""
	}
	if end := b; b-a == 1 && (end == len(t.toks) || t.toks[end-1].flags&fPunctAfter != 0 && (end == len(t.toks) || t.toks[end].flags&fSentence != 0)) {
		switch w := string(t.tokBytes(a)); {
		case bareYes30[w] || verdictVerbs30[w] || verdictAdjs30[w]:
			return RuleConfirmation // "mais oui", "passt", "correct"
		case bareNo30[w]:
			return RuleDenial // "… but no"
		}
	}
	if r := t.bagVerdict30(a, b, but || t.answerBefore30(a)); r != "" {
		return r
	}
	if t.noRefused30(a, b) {
		return RuleConfirmation
	}
	if r := t.advice30(a, b, but); r != "" {
		return r
	}
	return t.recordVerdict38(a, b) // "that's not the number we have", "pero acierta" (padverdict38.go)
}

// bagVerdict30 judges a clause whose every word is of a verdict (set
// says it is set against the refusal or follows a yes): a
// subject, a copula, an adverb, an article and a word of judgement, "you
// are right", the one we have, where we deliver. A negation among them
// makes it a denial ("it's not the right one", "you didn't get it").
func (t *text) bagVerdict30(a, b int, set bool) string {
	judge, you, right, point, have, there, deliver, neg, cop := false, false, false, false, false, false, false, false, false
	for k := a; k < b; k++ {
		w := string(t.tokBytes(k))
		in := false
		for _, f := range [...]struct {
			set map[string]bool
			on  *bool
		}{{verdictAdjs30, &judge}, {verdictVerbs30, &judge}, {rightNouns30, &right}, {youWords30, &you}, {negWords30, &neg},
			{haveVerbs30, &have}, {thereWords30, &there}, {deliverVerbs30, &deliver}, {pointWords30, &point}, {copulas30, &cop}} {
			if f.set[w] {
				*f.on, in = true, true
			}
		}
		if !in && !glue30[w] && !contrast30[w] && !particles30[w] {
			return "" // a word of another thing
		}
	}
	// a bare pointer ("that's it", "es esa") answers only when set
	// against the refusal or after a yes: "No comment. That's it." ends
	// the talk
	if !(judge || you && right || point && (have || cop && set && !t.whatIn30(a, b)) || there && deliver) {
		return ""
	}
	if neg {
		return RuleDenial
	}
	return RuleConfirmation
}

// advice30 judges a clause of advice: a verb of correcting or checking
// recommended (a modal of advice, the speaker's conditional, an
// imperative) is a denial; one negated ("I wouldn't change anything",
// "no correction needed"), a verb of keeping or going on, or reassurance
// is a confirmation. An offer of what the requester can do ("you can
// update it in the app") or a check of another thing ("check your inbox")
// is no advice.
func (t *text) advice30(a, b int, but bool) string {
	fix, check, retry, use, keep, cont, calm := -1, -1, -1, -1, -1, -1, -1
	advise, neg, ability, other, again, later := false, false, false, false, false, false
	for k := a; k < b; k++ {
		w := string(t.tokBytes(k))
		switch {
		case fixWords30[w] && (w != "correct" || k+1 < b && fixObjects30[string(t.tokBytes(k+1))] || k > a && string(t.tokBytes(k-1)) == "to"):
			if fix < 0 {
				fix = k // "correct" a verb only before its object: "Correct, the parcel left" is no advice
			}
		case checkWords30[w]:
			check = k
		case retryWords30[w]:
			retry = k
		case useAdvice30[w]:
			use = k
		case keepWords30[w]:
			keep = k
		case contWords30[w]:
			cont = k
		case calmWords30[w]:
			calm = k
		}
		advise = advise || adviseWords30[w] || condVerbs30[w] // "I'd", "besser", "je la corrigerais"
		neg = neg || negWords30[w]
		ability = ability || abilityWords30[w]
		other = other || otherThings30[w]
		again = again || againAdvice30[w] || anotherWords30[w]
		later = later || laterAdvice30[w]
	}
	if !t.adviceWordsOnly30(a, b) {
		return "" // "Actualice su tarjeta en su cuenta": advice about another thing
	}
	imperative := func(k int) bool { return but && (k == a || k == a+1 && pleaseWords30[string(t.tokBytes(a))]) }
	switch {
	case calm >= 0 && t.onlyAfter30(calm, b, beWords30) && !neg:
		return RuleConfirmation // "Sie können beruhigt sein"
	case cont >= 0 && cont == b-1 && !neg && !later:
		return RuleConfirmation // "your next step is simply to continue"
	case keep >= 0 && !neg && !other:
		return RuleConfirmation // "I'd keep it", "je la garderais telle quelle"
	case use >= 0 && (t.keepingOn30(a, b) || t.asIs30(a, b)) && !neg:
		return RuleConfirmation // "I'd keep using it", "ik zou het blijven gebruiken"
	case fix >= 0 && neg && !other && !later:
		return RuleConfirmation // "I wouldn't change anything", "no correction needed", "I wouldn't send a correction"
	case use >= 0 && neg && advise && !other:
		return RuleDenial // "I wouldn't use that one for the delivery"
	case fix >= 0 && !neg && !other && !later && (advise || imperative(fix)) && !(ability && !advise):
		return RuleDenial // "you'll want to update it", "aktualisieren Sie besser Ihre Daten"
	case check >= 0 && !neg && !other && !later && !t.mailIn30(a, b) && !t.ownCheck30(a, check) &&
		(advise || again || imperative(check) && string(t.tokBytes(check)) != "checking") &&
		!(ability && !advise):
		return RuleDenial // "I'd double-check your paperwork", "kijk uw papieren nog eens na"
	case retry >= 0 && !neg && !other && !later && (advise || again || imperative(retry)) && !(ability && !advise):
		return RuleDenial // "try another one", "réessayez plutôt"
	}
	return ""
}

// keepingOn30 reports whether [a, b) holds a verb of going on ("keep",
// "weiter", "blijven", "seguiría").
func (t *text) keepingOn30(a, b int) bool { return t.anyWord30(a, b, keepOnWords30) }

var (
	// particles30 open or close a clause without changing what it says.
	particles30 = set("though", "tho", "however", "anyway", "indeed", "really", "schon", "doch", "wohl", "halt",
		"pero", "wel", "hoor", "toch", "well", "oh", "honestly", "todavia", "pourtant", "allerdings",
		"jedenfalls", "comunque")
	tailPairs30 = set("cela dit", "eso si", "no entanto", "quand meme", "de todos", "mind you", "por cierto")
	copulas30   = set("is", "s", "its", "thats", "ist", "est", "cest", "es", "e", "esta", "era", "was", "war", "sind", "are",
		"va", "etait", "whats", "nest", "netait")
	bareYes30 = set("yes", "yeah", "yep", "ja", "jawohl", "oui", "ouais", "si", "sim", "jep", "yup", "claro", "certo")
	bareNo30  = set("no", "nope", "nein", "non", "nee", "nao", "nah")
	// verdictAdjs30 and verdictVerbs30 judge a value right.
	verdictAdjs30 = set("right", "correct", "exact", "exactly", "accurate", "spot", "on", "precisely", "richtig", "richtige",
		"korrekt", "korrekte", "exakt", "genau", "zutreffend", "juste", "exacte", "correcte", "bonne", "bon", "correcto",
		"correcta", "exacto", "exacta", "buena", "bueno", "bien", "giusto", "giusta", "corretto", "corretta", "esatto",
		"esatta", "bene", "juist", "juiste", "goed", "goede", "precies", "certo", "certa", "correto", "correta", "exato",
		"exata", "bem", "spot")
	verdictVerbs30 = set("matches", "match", "stimmt", "passt", "ubereinstimmt", "uberein", "colle", "correspond",
		"coincide", "corrisponde", "torna", "klopt", "overeen", "overeenkomt", "bate", "confere", "checks", "out", "fits")
	// rightNouns30 are "right" as a noun of "you are right".
	rightNouns30 = set("right", "recht", "raison", "razon", "ragione", "gelijk", "razao", "got", "get")
	youWords30   = set("you", "youre", "u", "sie", "vous", "navez", "usted", "lei", "voce", "du", "tu", "ustedes", "heeft",
		"haben", "avez", "tiene", "ha", "tem", "are", "hebt", "hai", "tienes", "have", "got", "pegou")
	negWords30 = set("not", "no", "nicht", "kein", "keine", "ne", "pas", "non", "niet", "geen", "nao", "didnt", "dont",
		"doesnt", "isnt", "wont", "wouldnt", "never", "nie", "jamais", "nunca", "mai", "nooit", "nothing", "nichts", "rien",
		"nada", "nulla", "niente", "niets", "neither", "tampoco", "nemmeno", "neanche", "evenmin", "tambem", "auch", "ook",
		"either", "aucune", "aucun", "ninguna", "ninguno", "nessuna", "nessun", "nenhuma", "nenhum", "n", "havent", "nest",
		"navez", "netait")
	haveVerbs30 = set("have", "got", "haben", "hinterlegt", "hinterlegte", "gespeichert", "avons", "dossier", "fiche",
		"tenemos", "registrada", "registrado", "abbiamo", "registrato", "registrata", "hebben", "geregistreerd", "temos",
		"registada", "registado", "file", "record", "records")
	thereWords30   = set("where", "there", "dahin", "dorthin", "da", "la", "ahi", "alli", "li", "la", "daar", "daarheen", "onde", "ali")
	deliverVerbs30 = set("deliver", "ship", "send", "liefern", "schicken", "livre", "livrons", "envoie", "entregamos",
		"enviamos", "consegniamo", "spediamo", "leveren", "sturen", "entregamos", "enviamos")
	// pointWords30 point at the value: "the one", "celle-là", "esa".
	pointWords30 = set("1", "ones", "elle", "ella", "ela", "zij", "that", "thats", "this", "it", "its", "what", "die", "sie", "diese", "dies", "das", "es",
		"er", "celle", "celui", "ci", "ca", "cela", "ce", "esa", "ese", "eso", "esta", "este", "quello", "quella", "questo",
		"questa", "degene", "datgene", "dat", "dit", "het", "deze", "essa", "esse", "isso", "aquela", "aquele", "a", "o",
		"the", "la", "le", "el", "lo", "il", "de", "een", "uma", "um", "one")
	// glue30 are the subjects, copulas, relatives and adverbs between.
	glue30 = set("is", "s", "ist", "est", "cest", "es", "e", "esta", "sind", "are", "was", "war", "etait", "era", "era",
		"is", "what", "que", "qu", "che", "dat", "die", "which", "we", "wir", "nous", "on", "nosotros", "noi", "wij",
		"nos", "exactly", "just", "quite", "precisamente", "genau", "ganz", "bien", "tout", "proprio", "precies", "mesmo",
		"really", "totally", "absolutely", "welche", "der", "den", "dem", "en", "en", "in", "di", "del", "du", "of", "on",
		"i", "ik", "je", "ich", "yo", "io", "eu", "wel", "ja", "va", "da", "am", "im", "so", "aussi", "ook", "auch",
		"very", "muy", "molto", "heel", "muito", "sehr", "tres", "right", "exakt", "komt")
	// fixWords30 correct or change a value; condVerbs30 are the
	// speaker's conditional of a verb of advice ("I'd correct it").
	fixWords30 = set("update", "updating", "correct", "correcting", "change", "changing", "fix", "correction",
		"amend", "edit", "aktualisieren", "korrigieren", "andern", "anpassen", "korrektur", "berichtigen", "aktualisiert",
		"mettre", "corriger", "changer", "modifier", "correction", "corrigerais", "changerais", "modifierais", "mettez",
		"actualizar", "actualizarlo", "actualizarla", "actualice", "actualicela", "actualicelo", "corrijala", "corrijalo",
		"cambiela", "cambielo", "corregir", "corregirlo", "corrija", "corregiria",
		"cambiar", "cambiaria", "correccion", "cambie", "aggiornare", "aggiornarla", "aggiornarlo", "aggiorni",
		"correggere", "correggerla", "correggerlo", "corregga", "correggerei", "cambiare", "cambierei", "correzione",
		"bijwerken", "bij", "corrigeren", "veranderen", "wijzigen", "aanpassen", "correctie", "werk", "atualizar",
		"atualize", "atualiza", "corrigir", "corrija", "corrigia", "mudar", "mudava", "alterar", "alterava", "correcao",
		"bijgewerkt", "gewijzigd", "aendern", "ander", "corrigez", "modifiez", "changez", "corregga", "cambi", "corrigeer",
		"wijzig", "altere", "mude")
	checkWords30 = set("check", "checking", "recheck", "look", "prufen", "uberprufen", "nachsehen", "schauen", "nachprufen",
		"verifier", "verifiez", "verifierais", "revoir", "revisar", "revise", "revisaria", "comprobar", "compruebe",
		"controllare", "ricontrolli", "ricontrollare", "ricontrollerei", "ricontrollarla", "controlli", "nakijken", "na",
		"controleren", "controleer", "verifique", "verificar", "verificava", "confira", "conferir", "prufe")
	retryWords30 = set("try", "retry", "probieren", "versuchen", "essayer", "essayez", "reessayer", "reessayez",
		"probar", "pruebe", "intentar", "intentelo", "provare", "provi", "riprovi", "riprovare", "proberen", "probeer",
		"tentar", "tente", "experimente", "experimentar", "probaria", "experimentava", "essaierais", "proverei", "probeerde",
		"tentava", "tentaria", "probieren", "versuchen")
	useAdvice30 = set("use", "using", "nehmen", "benutzen", "verwenden", "utiliser", "utiliserais", "usar", "usaria",
		"usando", "usare", "userei", "usarla", "usarlo", "gebruiken", "usava", "usa", "send", "utilisant")
	keepWords30   = set("keep", "lassen", "garderais", "garder", "dejaria", "lascerei", "laten", "deixava", "deixaria")
	keepOnWords30 = set("keep", "keeping", "weiter", "continuerais", "seguiria", "continuerei", "blijven", "continuava",
		"continuaria", "still")
	contWords30 = set("continue", "proceed", "weitermachen", "weiterzumachen", "fortfahren", "continuer", "continuar",
		"continuare", "doorgaan", "prosseguir", "on")
	calmWords30 = set("relax", "assured", "beruhigt", "tranquille", "tranquilla", "tranquila", "tranquilo", "gerust",
		"descansada", "descansado", "sereno", "serena", "easy")
	adviseWords30 = set("want", "should", "better", "id", "would", "wouldnt", "worth", "ought", "sollten", "sollte", "besser",
		"lieber", "ratsam", "wurde", "empfehle", "devriez", "devrait", "plutot", "mieux", "serait", "conseille", "deberia",
		"mejor", "convendria", "conviene", "recomiendo", "dovrebbe", "farebbe", "piuttosto", "meglio", "consiglio",
		"zou", "moeten", "liever", "verstandig", "beter", "raad", "devia", "deveria", "antes", "seria", "aconselho",
		"might", "may", "probably", "nuttig", "util", "utile", "recommend", "suggest", "advise")
	condVerbs30 = set("probaria", "experimentava", "essaierais", "proverei", "tentava", "tentaria", "corrigerais", "changerais", "verifierais", "corregiria", "cambiaria", "revisaria", "correggerei",
		"cambierei", "ricontrollerei", "corrigia", "mudava", "verificava", "utiliserais", "usaria", "userei", "usava")
	abilityWords30 = set("can", "could", "kann", "konnen", "pouvez", "pourrez", "peut", "puede", "podra", "puo",
		"potra", "kunt", "kan", "pode", "podera", "always", "anytime", "jederzeit", "yourself", "selbst", "vous", "meme",
		"usted", "mismo", "misma", "stessa", "stesso", "zelf", "toujours", "siempre", "sempre", "altijd")
	otherThings30 = set("inbox", "spam", "link", "page", "app", "website", "site", "faq", "help", "policy", "tracking",
		"status", "code", "message", "messages", "settings", "postfach", "einstellungen", "seite", "boite", "reception",
		"lien", "appli", "enlace", "bandeja", "pagina", "casella", "collegamento", "inbox", "instellingen", "caixa",
		"entrada", "definicoes", "password", "passwort", "browser", "order", "bestellung", "commande", "pedido", "ordine",
		"bestelling", "encomenda", "sms", "verification", "verifizierung", "verificacion", "verifica", "verificatie",
		"verificacao", "time", "zeit", "heure", "hora", "ora", "uur", "verificatielink", "bestatigungslink",
		"folder", "ordner", "dossier", "carpeta", "cartella", "map", "pasta")
	nothingAdvice30 = set("nothing", "anything", "nichts", "rien", "nada", "nulla", "niente", "niets", "aucune", "aucun",
		"ninguna", "ninguno", "nessuna", "nessun", "nenhuma", "nenhum", "thing", "letter", "keine", "geen", "hoeft", "nodig",
		"needed", "necessary", "notig", "necessaire", "necesaria", "necessaria", "necessario", "precisa", "preciso")
	againAdvice30  = set("again", "nochmal", "nochmals", "erneut", "nouveau", "nuevo", "vez", "nog", "eens", "opnieuw", "outra", "double", "twice", "another", "novo")
	anotherWords30 = set("another", "different", "other", "andere", "anderen", "anderer", "autre", "otro", "otra", "altro", "altra", "ander", "outro", "outra")
	laterAdvice30  = set("stunde", "minuten", "heure", "minutes", "hora", "minutos", "minuti", "uur", "after", "once", "when", "later", "tomorrow", "minutes", "hour", "nach", "sobald", "wenn", "spater",
		"dans", "apres", "quand", "dentro", "despues", "cuando", "tra", "dopo", "quando", "over", "zodra",
		"daqui", "depois", "until", "bis", "verified", "verifiziert", "verifie", "verificado", "verificata", "geverifieerd")
	pleaseWords30 = set("please", "bitte", "svp", "por", "favor", "per", "favore", "alstublieft", "just", "do", "simply")
)

// noRefused30 reports whether the clause [a, b) refuses to deny: a verb
// of saying or hearing negated before a no or a word of wrong ("I won't
// say no", "you didn't hear a no from me", "Nein sage ich aber auch
// nicht", "je ne dirai pas que c'est faux"), or a negation before a word
// of wrong ("nothing you said was wrong"): two negations make a yes.
func (t *text) noRefused30(a, b int) bool {
	say, wrong, firstNo, lastNo := -1, -1, -1, -1
	var negs [4]int
	n := 0
	for k := a; k < b; k++ {
		w := string(t.tokBytes(k))
		switch {
		case saidVerbs30[w]:
			say = k
		case wrongWords30[w]:
			wrong = k
		}
		if bareNo30[w] {
			if firstNo < 0 {
				firstNo = k
			}
			lastNo = k
		}
		if negWords30[w] && n < len(negs) {
			negs[n] = k
			n++
		}
	}
	for _, g := range negs[:n] {
		if say >= 0 && (firstNo >= 0 && firstNo != g || lastNo >= 0 && lastNo != g || wrong > g && t.onlyAfter30(wrong, b, afterWrong30)) {
			return true // "I won't say no", "je ne dirai pas que c'est faux"
		}
		if say < 0 && firstNo < 0 && wrong > g && t.onlyAfter30(wrong, b, afterWrong30) && nothingAdvice30[string(t.tokBytes(g))] {
			return true // "nothing you said was wrong"
		}
	}
	return false
}

// onlyAfter30 reports whether every token after k in the clause ending
// at b is one of words: "Sie können beruhigt sein".
func (t *text) onlyAfter30(k, b int, words map[string]bool) bool {
	for j := k + 1; j < b; j++ {
		if !words[string(t.tokBytes(j))] {
			return false
		}
	}
	return true
}

// asIs30 reports whether [a, b) says "as it is" ("so wie es ist", "telle
// quelle", "tal cual", "così com'è", "zo", "assim").
func (t *text) asIs30(a, b int) bool { return t.anyWord30(a, b, asIsWords30) }

// anyWord30 reports whether a token of [a, b) is a word of words.
func (t *text) anyWord30(a, b int, words map[string]bool) bool {
	for k := a; k < b; k++ {
		if words[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

var (
	beWords30   = set("be", "sein", "etre", "estar", "stare", "zijn", "ficar", "now", "then", "jetzt", "dann")
	asIsWords30 = set("unchanged", "telle", "tel", "quelle", "cual", "cosi", "assim", "is", "ist", "so", "zo", "est", "es", "e")
	saidVerbs30 = set("say", "said", "saying", "tell", "hear", "heard", "sage", "sagen", "gesagt", "horen", "dirai", "dirais", "dire",
		"dis", "dit", "dire", "digo", "dire", "diria", "decir", "dira", "diro", "direi", "dico", "zeg", "zeggen", "zou",
		"dizer", "digo", "diria", "direi", "vou")
	wrongWords30 = set("wrong", "incorrect", "falsch", "faux", "fausse", "incorrecte", "mal", "equivocado", "equivocada",
		"incorrecto", "incorrecta", "sbagliato", "sbagliata", "errato", "errata", "fout", "onjuist", "verkeerd", "errado",
		"errada", "incorreto", "incorreta", "off")
)

// wholeVerdict30 returns the rule of a sentence of t that is only a
// verdict on the offered value, with no refusal beside it: "Es stimmt.",
// "It's the right one.", "Es la buena.", "No correction needed."
func (t *text) wholeVerdict30() string {
	for a := 0; a < len(t.toks); {
		b := a + 1
		for b < len(t.toks) && t.toks[b].flags&fSentence == 0 {
			b++
		}
		if t.toks[a].flags&fQuestion == 0 && b-a >= 2 && b-a <= 5 && t.strictVerdict30(a, b) {
			return RuleConfirmation
		}
		a = b
	}
	return ""
}

// strictVerdict30 reports whether the sentence [a, b) is one clause of a
// pointer or subject and a strict word of judgement ("es stimmt", "c'est
// la bonne"), or a correction said not needed.
func (t *text) strictVerdict30(a, b int) bool {
	judge, subj, fix, need, neg := false, false, false, false, false
	for k := a; k < b; k++ {
		if k < b-1 && t.toks[k].flags&fPunctAfter != 0 {
			return false
		}
		w := string(t.tokBytes(k))
		switch {
		case strictJudge30[w]:
			judge = true
		case pointWords30[w] || copulas30[w]:
			subj = true
		case w == "correction" || w == "korrektur" || w == "correccion" || w == "correzione" || w == "correctie" || w == "correcao":
			fix = true
		case nothingAdvice30[w] && !negWords30[w]:
			need = true
		case negWords30[w]:
			neg = true
		case glue30[w]:
		default:
			return false
		}
	}
	return judge && subj && !neg && !fix || fix && need && neg
}

// strictJudge30 judge a value right and nothing else.
var strictJudge30 = set("right", "correct", "exact", "accurate", "richtig", "richtige", "korrekt", "korrekte", "stimmt",
	"passt", "juste", "exacte", "correcte", "bonne", "correcto", "correcta", "exacto", "exacta", "buena", "giusto", "giusta",
	"corretto", "corretta", "esatto", "esatta", "juist", "juiste", "klopt", "certo", "certa", "correto", "correta", "exato",
	"exata", "matches", "coincide", "corrisponde", "ubereinstimmt", "correspond", "overeen")

// endsSentence30 reports whether only particles follow token b-1 in its
// sentence: a verdict that opens a sentence going on about another thing
// ("Correct, the parcel left this morning") is that thing's answer, and
// "c'est exact, cela dit" still ends with the verdict.
func (t *text) endsSentence30(b int) bool {
	for k := b; k < len(t.toks) && t.toks[k].flags&fSentence == 0; k++ {
		w := string(t.tokBytes(k))
		if !particles30[w] && !contrast30[w] && !tailWords30[w] {
			return false
		}
	}
	return true
}

// tailWords30 are the words of the tailPairs30.
var tailWords30 = set("cela", "dit", "eso", "si", "no", "entanto", "quand", "meme", "de", "todos", "mind", "you")

// adviceWordsOnly30 reports whether every word of [a, b) may stand in
// advice about the offered value: the verbs of advice and their modals,
// pronouns, determiners and the nouns of the requester's own records
// ("your paperwork", "Ihre Angaben", "vos données").
func (t *text) adviceWordsOnly30(a, b int) bool {
	for k := a; k < b; k++ {
		w := string(t.tokBytes(k))
		if adviceGlue30[w] || glue30[w] || pointWords30[w] || youWords30[w] || particles30[w] || contrast30[w] ||
			fixWords30[w] || checkWords30[w] || retryWords30[w] || useAdvice30[w] || keepWords30[w] || keepOnWords30[w] ||
			contWords30[w] || calmWords30[w] || adviseWords30[w] || condVerbs30[w] || negWords30[w] || nothingAdvice30[w] ||
			againAdvice30[w] || anotherWords30[w] || pleaseWords30[w] || beWords30[w] || asIsWords30[w] || abilityWords30[w] {
			continue
		}
		return false
	}
	return true
}

// adviceGlue30 are the determiners, auxiliaries and record nouns of
// advice (normalised).
var adviceGlue30 = set("your", "the", "a", "an", "to", "will", "ll", "youll", "youd", "id", "im", "do", "have", "at", "if",
	"were", "old", "for", "with", "as", "need", "needed", "simply", "next", "step", "thing", "one", "ones", "any", "all",
	"details", "data", "record", "records", "paperwork", "papers", "documents", "letters", "contract", "lease",
	"information", "info", "entry", "address", "email", "number", "date", "birth", "of", "there", "nothing", "something",
	"ihre", "ihren", "ihr", "ihrer", "eine", "ein", "einen", "unterlagen", "vertrag", "angaben", "daten", "adresse", "nummer",
	"mal", "es", "sie", "lieber", "besser", "einfach", "nachster", "schritt", "ist", "zu", "weiterzumachen", "brauchen",
	"mussen", "musst", "sollten", "wurde", "ware", "die", "fur", "lieferung", "das", "noch", "einmal",
	"vos", "votre", "une", "un", "la", "le", "l", "les", "vous", "devriez", "papiers", "donnees", "informations", "adresse",
	"numero", "mail", "prochaine", "etape", "simplement", "de", "continuer", "a", "avec", "place", "serait", "cependant",
	"jour", "nouveau", "aucune", "necessaire", "est", "pouvez", "etre", "avez", "n", "navez", "rien",
	"su", "sus", "lo", "la", "el", "otro", "otra", "papeles", "datos", "direccion", "telefono", "numero", "siguiente",
	"paso", "simplemente", "con", "hace", "falta", "ninguna", "tiene", "que", "puede", "estar", "aun", "asi", "convendria",
	"vez", "mejor", "yo", "seguiria",
	"suoi", "sua", "suo", "i", "il", "lei", "documenti", "dati", "indirizzo", "prossimo", "passo", "semplicemente",
	"serve", "nessuna", "deve", "puo", "stare", "bene", "farebbe", "piuttosto", "con", "un", "un", "altra", "altro",
	"uw", "het", "de", "een", "papieren", "gegevens", "adres", "nummer", "volgende", "stap", "gewoon", "hoeft", "niet",
	"nodig", "kunt", "zijn", "zou", "moeten", "liever", "nog", "eens", "bij", "te", "ander", "andere", "wel", "ga",
	"os", "seus", "as", "suas", "o", "a", "documentos", "dados", "morada", "proximo", "simplesmente", "precisa", "de",
	"nenhuma", "e", "pode", "ficar", "devia", "antes", "com", "outra", "outro", "seria", "no", "entanto", "eu",
	"worth", "might", "may", "m05", "want", "probably", "should", "better", "just", "again", "another", "different",
	"look", "have", "send", "sending", "it", "its", "that", "this", "using", "keep", "same", "way", "them", "those",
	"or", "2", "letter", "letters", "mit", "einer", "einem", "nest", "una", "sarebbe", "utile", "werken", "kijk", "seu",
	"sua", "theres", "delivery", "livraison", "entrega", "consegna", "levering", "say", "can", "and", "und", "et", "y",
	"e", "en", "pl", "rest")

// fixObjects30 may follow "correct" as its object.
var fixObjects30 = set("it", "that", "this", "your", "the", "them", "those")

// afterWrong30 may follow the word of wrong in a no refused: "dat het
// fout is", "either".
var afterWrong30 = set("is", "ist", "est", "es", "e", "either", "auch", "non", "plus", "tampoco", "ook", "nicht", "not", "pas")

// mailIn30 reports whether [a, b) names mail: "check your email" is the
// inbox, not the address.
func (t *text) mailIn30(a, b int) bool {
	for k := a; k < b; k++ {
		if w := string(t.tokBytes(k)); w == "email" || w == "mail" || w == "emails" || w == "mails" || w == "mailbox" || w == "correo" || w == "posta" {
			return true
		}
	}
	return false
}

// ownCheck30 reports whether the check at token k is the speaker's own
// ("I would need to check it", "I'll look at it"), not advice: a first
// person before it with no modal of advice to the requester.
func (t *text) ownCheck30(a, k int) bool {
	for j := a; j < k; j++ {
		switch string(t.tokBytes(j)) {
		case "need", "ill", "let", "me", "will", "we", "wir", "nous", "nosotros", "noi", "wij", "nos", "brauche", "besoin", "necesito", "devo", "moet", "preciso":
			return true
		}
	}
	return false
}

// whatIn30 reports whether [a, b) says "what" ("it is what it is"): a
// pointer at a thing said, not at the value, unless the business has it.
func (t *text) whatIn30(a, b int) bool {
	for k := a; k < b; k++ {
		if w := string(t.tokBytes(k)); w == "what" || w == "was" || w == "wat" || w == "quoi" {
			return true
		}
	}
	return false
}

// answerBefore30 reports whether a word of contrast or a yes comes before
// token a in its sentence: "but yes, that's it", "pero sí, es esa".
func (t *text) answerBefore30(a int) bool {
	for k := a - 1; k >= 0; k-- {
		if w := string(t.tokBytes(k)); contrast30[w] || bareYes30[w] {
			return true
		}
		if t.toks[k].flags&fSentence != 0 {
			break
		}
	}
	return false
}
