package guard

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A short answer to an offer. In a chat, a DM or a text message the
// answer to "is it 12 rue de la Paix?" is often a few words of slang with
// no punctuation and no word the phrase sets know: "sip esa", "japp
// passt", "da's em", "c bien ça", "nop esa no", "errou kkk", "autre num".
// Phrase lists cannot keep up with slang and dialect, so the rule is
// general: after the requester offered a value the level does not reach,
// a reply in texting form (no capitals: written replies are the phrase
// sets' to judge) of at most shortMax words answers the offer when
//   - none of its words makes it a reply that answers nothing (the
//     neutral lexicon: a refusal, a deferral to verification, a question,
//     a greeting, thanks, a wait, a link or the app, a process or an
//     order's status, an acknowledgement, the team, privacy), no word
//     names another thing (otherThings, the business's, stock, a weekday);
//   - and it carries an answer word: a substantive one (matching, holding,
//     the record, right or wrong, a value noun, "other", hitting the mark,
//     acting on it), or only bare ones (a yes or no word, a pointer) with
//     no content word beside them ("yeah that happens sometimes" is about
//     what happens).
// A short answer holding a word of denial ("no", "nicht", "autre",
// "wrong", "off") is a denial, any other a confirmation. The neutral
// lexicon is what keeps innocents out: a new kind of innocent short reply
// is closed by adding its word class there.

// shortMax is the most words a reply may have to be judged as a short
// answer: the slang answers run from 1 to 6 words; longer replies say
// what they are about, and the phrase sets and pointer rules judge them.
const shortMax = 6

// shortAnswer returns RuleConfirmation or RuleDenial when t is a short
// answer to an offered value (see above), or "". excl holds the spans of
// the exclusion phrases (refusals and idioms) the phrase scan found.
func (t *text) shortAnswer(excl []span) string {
	if t.cased || len(t.toks) == 0 {
		return ""
	}
	// a reassurance after the answer is no part of it ("ouais c elle t
	// inquiète pas du tout"); a word said twice over, a tag or an
	// intensifier adds no word ("nee hoor totaal niet die daar joh echt
	// niet") (a22b)
	end := t.reassureCut()
	if end < 0 {
		return "" // a reassurance alone answers nothing
	}
	if len(excl) > 0 && end == len(t.toks) || t.effectiveWords(end) > shortMax {
		return ""
	}
	if t.fullScore() {
		return RuleConfirmation // "10/10": the guess scored full marks
	}
	answer, deny, pointed, content := false, false, false, 0
	for k := 0; k < end; k++ {
		if t.toks[k].flags&fQuestion != 0 {
			return "" // "that one?": a question back
		}
		b := t.tokBytes(k)
		w := string(b)
		if shortNeutral[w] || noteVerbs[w] || statusWords[w] && !sendVerbs[w] && k > 0 || deferWord(b) || k == 0 && shortOpeners[w] {
			return ""
		}
		if k+1 < end {
			var pair [64]byte
			if p := append(append(append(pair[:0], b...), ' '), t.tokBytes(k+1)...); shortNeutralPairs[string(p)] {
				return "" // "one sec", "no worries", "de nada"
			}
		}
		if ackCore[w] || k+1 < len(t.toks) && t.ackPairAt(k) {
			return "" // "👍 got ur msg", "nope nothing else": the message acknowledged (ackreply.go)
		}
		if intensifiers[w] && k > 0 {
			continue // "nee totaal niet": the intensifier is no thing named ("totaal" is also a sum)
		}
		if t.isOther(k, len(t.toks)) || ourWords[w] || availWords[w] && !readyWords[w] || weekdays[w] {
			return "" // "✅ Refund sent.", "Sì, consegniamo il sabato", "Das ist nicht vorrätig": another thing
		}
		if shortFillers[w] || statusWords[w] || isDigit(b[0]) {
			continue // "ok", "lol"; "done" alone reports a task; a number is a value (values) or none
		}
		switch strong, pointer := t.answerWord(k, w); {
		case strong:
			answer = true
		case pointer:
			pointed = true
		case len(w) >= 4 && t.toks[k].lex&lxCopula == 0:
			content++ // "thats handled by dhl": a pointer at what the word says
		}
		if shortDeny[w] || strings.HasPrefix(w, "nanan") {
			deny, answer = true, true // "nananinanão"
		}
	}
	answer = answer || pointed && content == 0 // "sip esa", "da's em", "é esse aí", not "yeah that happens sometimes"
	switch {
	case !answer:
		return ""
	case deny:
		return RuleDenial
	}
	return RuleConfirmation
}

// answerWord reports whether token k, w, carries an answer about a
// value: a yes or no word or a texting form of one ("sip", "japp",
// "gnau" one letter off "genau"), a pointer ("esa", "das", "ça",
// "quello", "em"), a word for matching, holding or the record ("passt",
// "figura", "ham", "archivio"), for right or wrong, a value noun, an emoji
// yes or no, or a word for hitting the mark ("volltreffer", "raak",
// "centrato"). A short reply without one ("tranquilo", "ich guck mal",
// "je transmets") answers nothing.
func (t *text) answerWord(k int, w string) (strong, pointer bool) {
	if answerYes[w] || answerNo[w] || yesSlang[w] && !pointerSlang[w] || t.isEmoji(k) {
		return false, true // a bare yes or no: "yeah that happens sometimes" is about what follows
	}
	if sq := squeeze(w); sq != w && (answerYes[sq] || answerNo[sq] || yesSlang[sq] && !pointerSlang[sq]) {
		return false, true // "jaaa", "siiii", "nooo": a yes or no drawn out (a22b)
	}
	if matchWords[w] ||
		accountWords[w] && !weakRecord[w] || haveWords[w] || haveSlang[w] || rightWrong[w] || valueNouns[w] ||
		otherWords[w] || markWords[w] || denyAdjectiveSet[w] || isValueNoun(w) || textingHomes[w] || actedSlang[w] ||
		textingValues[w] {
		return true, false
	}
	if t.toks[k].lex&(lxRef|lxDemo) != 0 || pronounRefs[w] || theOnes[w] || destDemos[w] || pointerSlang[w] {
		return false, true
	}
	if len(w) >= 4 && len(w) <= 9 {
		for _, y := range yesNear {
			if w[0] == y[0] && editOne(t.tokBytes(k), y) {
				return true, false // "gnau", "jaaa", "claroo"
			}
		}
	}
	return false, false
}

// Words that carry a short answer (normalised).
var (
	// yesSlang are texting and dialect forms of yes and no the phrase sets
	// do not hold.
	yesSlang = normSet("sip", "sipi", "sisi", "sii", "siii", "japp", "jap", "jo", "joa", "jaa", "jaja", "jupp", "jop",
		"jepp", "idd", "ouep", "ouaip", "ouais", "wesh", "ui", "yas", "yass", "ya", "ye", "yh", "dale", "claro",
		"simsim", "aham", "uhum", "nel", "nee", "neen", "nop", "nope", "nah", "naw", "nö", "nan", "nem", "na",
		"jein", "mera", "mero", "mesmo", "misma", "mismo", "stesso", "stessa", "dezelfde", "selbe", "same",
		"meme", "pareil", "igual", "uguale", "hetzelfde", "precis", "pile", "exacto", "bate", "confere", "isse", "em",
		"ie", "es", "lui", "elle", "lei", "ele", "ela", "hem", "haar", "ihn", "sie", "it", "thats", "dats", "cest",
		"c", "è", "é", "erin", "drin", "dedans", "dentro", "daar", "ahí", "aí", "lì", "là", "there", "da", "dort",
		"hier", "here", "aquí", "aqui", "qui", "qua", "ça", "ca", "drauf", "dahin", "daarheen", "nesse", "nessa",
		"nisso", "ahi",
		// a22b: street slang for yes in the seven languages: "bet", "facts",
		// "grave", "carrément", "simón", "chido", "é nóis", "demorou"
		"bet", "facts", "frfr", "deffo", "defo", "yessir", "yup", "grave", "carrément", "clairement", "ouaip",
		"simón", "chido", "neta", "sale", "órale", "nóis", "demorou", "firmeza", "positivo", "sisì", "jawoll",
		"klaro", "logo", "jep", "tuurlijk", "zeker", "welles", "jup")
	// pointerSlang are the yesSlang words that only point ("em", "it",
	// "ça", "there"): with a content word beside them they point at what
	// it says ("ça reste privé", "thats handled by dhl").
	pointerSlang = normSet("isse", "isses", "issa", "isset", "em", "ie", "es", "lui", "elle", "lei", "ele", "ela", "hem", "haar", "ihn", "sie",
		"it", "thats", "dats", "cest", "c", "è", "é", "erin", "drin", "dedans", "dentro", "daar", "ahí", "aí", "lì",
		"là", "there", "da", "dort", "hier", "here", "aquí", "aqui", "qui", "qua", "ça", "ca", "drauf", "dahin",
		"daarheen", "nesse", "nessa", "nisso", "ahi")
	// actedSlang are texting verbs of acting on a value: "rerouted to that
	// addy", "hab's dahin umgeleitet".
	actedSlang = normSet("rerouted", "redirected", "texted", "umgeleitet", "weitergeleitet", "geschrieben",
		"gschriebn", "gschrieben", "redirigé", "redirigido", "reindirizzato", "omgeleid", "redirecionado",
		"scritto", "escrevi", "escribí", "écrit", "geschreven", "gesms", "smsed", "whatsapped", "mailed",
		"mandé", "mandato", "mandei", "shipou", "envié", "enviei", "gestuurd", "geschickt", "shipped", "posted",
		"verschickt", "envoyé", "spedito", "inviato", "verstuurd", "enviado", "mandado")
	// textingValues are texting nouns of a value: "dat mailtje", "autre num".
	textingValues = normSet("mailtje", "num", "nr", "tel", "cel", "cell", "mobile", "handy", "mobiel", "celular",
		"telemóvel", "telefonino", "portable", "bday", "dob", "addr")
	// haveSlang are texting forms of "we have it" and of the record.
	haveSlang = normSet("ham", "hamma", "hammer", "hämmer", "hamm", "habn", "hebbe", "hebbn", "tenemo", "tem",
		"tenho", "abbiamo", "avons", "figura", "figure", "consta", "risulta", "staat", "steht",
		"archivio", "file", "registered", "hinterlegt", "registrata", "registrado", "registado", "geregistreerd",
		"enregistré", "gespeichert", "opgeslagen", "salvato", "guardado", "got", "have", "has")
	// rightWrong say right or wrong.
	rightWrong = normSet("right", "correct", "bien", "wrong", "bonne", "bon", "mauvaise", "mauvais", "juste", "faux",
		"fausse", "richtig", "falsch", "korrekt", "correcto", "correcta", "equivocado", "giusto", "giusta",
		"sbagliato", "sbagliata", "juist", "fout", "verkeerd", "certo", "certa", "errado", "errada", "errou",
		"off", "diff", "different", "anders", "andere", "autre", "otro", "otra", "altro", "altra", "ander", "outro",
		"outra", "spot", "klopt", "passt", "stimmt", "certinho", "certinha", "esattissimo", "giustissimo")
	// markWords say a guess hit the mark.
	markWords = normSet("tal", "qual", "cual", "pile", "poil", "volltreffer", "treffer", "raak", "centrato", "centro", "centre", "mille", "plein", "bingo",
		"ding", "clavado", "clavada", "mosca", "schwarze", "touché", "touche", "jackpot", "nailed", "bullseye",
		"bang", "dead", "spoton", "acertou", "acertaste", "acertó", "azzeccato", "beccato", "getroffen")
	// yesNear are the yes words a texting form may be one letter off.
	yesNear = []string{"genau", "exakt", "richtig", "stimmt", "klopt", "precies", "inderdaad", "exacto", "claro",
		"esatto", "giusto", "exato", "correct", "correcto", "certo", "exact", "exactly", "yes", "oui", "sim"}
)

// Words of padding (normalised): worryWords say "don't worry", worryLeads
// open it ("t'inquiète pas", "no te preocupes", "keine Sorge", "non ti
// preoccupare", "maak je geen zorgen", "não te preocupes"); padTags and
// intensifiers add nothing to an answer ("hoor", "joh", "echt", "totaal").
var (
	worryWords   = normSet("inquiète", "inquiete", "inquiètes", "inquiétez", "tkt", "preocupes", "preocupe", "sorge", "sorgen", "zorgen", "worry", "worries", "preoccupare", "preoccupi", "stress", "stresse", "stressa")
	worryLeads   = normSet("t", "te", "ne", "no", "keine", "kein", "dont", "don't", "non", "ti", "maak", "je", "geen", "não", "nao", "pas", "never", "nie")
	intensifiers = normSet("hoor", "joh", "echt", "totaal", "helemaal", "really", "totally", "so", "wirklich", "voll", "total", "mega", "vraiment", "trop", "muy", "molto", "proprio", "bem", "mesmo", "super", "gar", "überhaupt", "absolut", "absolument", "du", "tout", "at", "all",
		// modal particles: "passt scho", "klopt toch", "c'est ça quoi"
		"scho", "schon", "halt", "eben", "doch", "wohl", "toch", "wel", "quoi", "pois")
)

// reassureCut returns the index where a reassurance closing the reply
// starts ("t inquiète pas du tout"), -1 when the reply is one, or
// len(t.toks): only words of it
// from a worryLeads word on, a worryWords word among them, at least one
// word before it.
func (t *text) reassureCut() int {
	for k := 1; k < len(t.toks); k++ {
		if !worryWords[string(t.tokBytes(k))] {
			continue
		}
		c := k
		for c > 0 && worryLeads[string(t.tokBytes(c-1))] {
			c--
		}
		if c == 0 {
			return -1 // "t'inquiète pas", "non ti preoccupare": the reassurance alone
		}
		for e := k + 1; e < len(t.toks); e++ {
			if w := string(t.tokBytes(e)); !worryLeads[w] && !intensifiers[w] && !shortFillers[w] {
				return len(t.toks)
			}
		}
		return c
	}
	return len(t.toks)
}

// effectiveWords counts the words of [0, end) that carry something: not
// a word said again, a filler or an intensifier.
func (t *text) effectiveWords(end int) int {
	n := 0
	for k := 0; k < end; k++ {
		w := t.tokBytes(k)
		if shortFillers[string(w)] || intensifiers[string(w)] || k > 0 && string(w) == string(t.tokBytes(k-1)) {
			continue
		}
		n++
	}
	return n
}

// squeeze returns w with each run of three or more of one letter cut to
// one ("jaaa" is "ja", "ouiii" "oui"), or w when it has none.
func squeeze(w string) string {
	run := false
	for i := 2; i < len(w); i++ {
		run = run || w[i] == w[i-1] && w[i] == w[i-2]
	}
	if !run {
		return w
	}
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); {
		j := i
		for j < len(w) && w[j] == w[i] {
			j++
		}
		if j-i >= 3 {
			b = append(b, w[i])
		} else {
			b = append(b, w[i:j]...)
		}
		i = j
	}
	return string(b)
}

// fullScore reports whether t is a score of full marks and nothing else
// but fillers: "10/10", "5/5", "100/100", "100%" (a22b).
func (t *text) fullScore() bool {
	n := 0
	for k := 0; k < len(t.toks); k++ {
		w := string(t.tokBytes(k))
		if shortFillers[w] || t.isEmoji(k) {
			continue
		}
		if n == 0 && w == "100" && t.enc&encPct != 0 && t.toks[k].flags&fPunctAfter != 0 {
			n = 2 // "100%": the one '%' of the reply after it (the token view keeps no '%')
			continue
		}
		if n == 0 && (w == "10" || w == "5" || w == "100") && k+1 < len(t.toks) && string(t.tokBytes(k+1)) == w &&
			t.toks[k+1].flags&fTight != 0 && t.toks[k].flags&fPunctAfter == 0 {
			n = 2
			k++
			continue
		}
		return false
	}
	return n == 2
}

// normSet is set over the normalised tokens of each phrase: the lexicon
// is written as people type it and read as the token view spells it
// ("c'est" and "ça" as the normaliser turns them).
func normSet(words ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range words {
		if toks := normTokens(w); len(toks) == 1 {
			m[toks[0]] = true
		}
	}
	return m
}

// normVocab is the set of every normalised token of the lines: a
// vocabulary written as running words ("thanks for your patience").
func normVocab(lines ...string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lines {
		for _, w := range normTokens(l) {
			m[w] = true
		}
	}
	return m
}

// normPairs is normSet for two-word phrases, kept as "first second".
func normPairs(phrases ...string) map[string]bool {
	m := map[string]bool{}
	for _, p := range phrases {
		if toks := normTokens(p); len(toks) == 2 {
			m[toks[0]+" "+toks[1]] = true
		}
	}
	return m
}

// The neutral-reply lexicon: words that make a short reply one that
// answers nothing, in seven languages and their texting forms.
var (
	shortNeutral = normSet(
		// thanks and you're welcome
		"thanks", "thank", "thx", "thnx", "ty", "tysm", "danke", "dankeschön", "merci", "mrc", "gracias", "grax",
		"grazie", "bedankt", "dank", "dankjewel", "dankuwel", "thanx", "obrigado", "obrigada", "brigado", "vlw",
		"valeu", "welcome", "gerne", "gern", "prego",
		// greetings and farewells
		"hi", "hey", "hello", "hallo", "moin", "servus", "salut", "bonjour", "bonsoir", "coucou", "hola", "buenas",
		"ciao", "salve", "hoi", "olá", "oi", "bye", "tschüss", "tschau", "adios", "adiós", "adeus", "tchau",
		"doei", "arrivederci", "ttyl", "cya",
		// sorry, can't, not allowed
		"sorry", "sry", "soz", "leider", "désolé", "désolée", "dsl", "siento", "perdón", "perdon", "scusa",
		"scusate", "spiace", "dispiace", "helaas", "sinto", "desculpa", "desculpe", "lamento", "infelizmente",
		"cant", "cannot", "can't", "unable", "kann", "kannst", "können", "darf", "dürfen", "peux", "peut",
		"pouvons", "puedo", "podemos", "puede", "posso", "possiamo", "può", "kan", "kunnen", "mag", "mogen",
		"pode", "allowed", "erlaubt", "autorisé", "permitido", "consentito", "toegestaan",
		// wait a moment
		"sec", "secs", "moment", "momento", "momentito", "momentje", "attimo", "minute", "min", "mins",
		"minuto", "minutje", "sekunde", "sek", "wait", "warte", "attends", "attendez", "espera", "espere", "aguarde",
		"aspetta", "aspetti", "wacht", "wachten", "warten", "brb", "hang", "hold", "gleich", "worries", "souci",
		"soucis", "sorge", "sorgen", "zorgen", "worry", "preocupes", "preocupe", "preocupa", "preocupar", "paura",
		"stress", "aviso", "avisar", "avisa", "avise", "melde", "weten",
		// looking into it, checking, security
		"check", "checking", "checken", "checke", "prüfe", "prüfen", "schaue", "schau", "nachschauen", "regarde",
		"regarder", "mirar", "miro", "mirando", "reviso", "revisando", "controllo", "controllare", "guardo",
		"kijk", "kijken", "verifico", "confiro", "look", "looking", "security", "sicherheit", "sécurité",
		"seguridad", "sicurezza", "veiligheid", "segurança", "identity", "identität", "identité", "identidad",
		"identità", "identiteit", "identidade", "privacy", "datenschutz", "gdpr", "dsgvo", "rgpd",
		// links, inbox, app, code, login: use the process
		"link", "inbox", "spam", "app", "code", "login", "portal", "posteingang", "boîte", "bandeja", "casella",
		"caixa", "enlace", "lien", "postvak",
		// what the business does in general: "we ship to ireland", "aceitamos
		// mastercard" (not "enviamos", also "we sent")
		"ship", "ships", "deliver", "delivers", "liefern", "versenden", "livrons", "expedions", "repartimos",
		"spediamo", "consegniamo", "bezorgen", "leveren", "verzenden", "entregamos", "accept", "accepts",
		"akzeptieren", "acceptons", "aceptamos", "accettiamo", "accepteren", "aceitamos",
		// please
		"please", "pls", "plse", "bitte", "svp", "stp", "porfa", "favor", "favore", "alsjeblieft", "aub", "pfv",
		// I will, let me: an intent, no answer
		"will", "ill", "gonna", "lemme", "let", "werde", "vais", "voy", "vou", "zal",
		// noted, received, forwarded to a colleague
		"noted", "notiert", "noté", "anotado", "annotato", "genoteerd", "anotei", "received", "colleague",
		"colleagues", "kollege", "kollegin", "collègue", "colega", "collega", "team", "escalated", "forwarded",
		"weitergeleitet", "transmis", "transferido", "inoltrato", "encaminhado", "help", "hilfe", "aide",
		"ayuda", "aiuto", "hulp", "ajuda",
		// need something first, ask someone else, no access, another channel
		"need", "needs", "brauche", "brauch", "brauchen", "besoin", "necesito", "necesitamos", "serve", "servono",
		"nodig", "preciso", "precisamos", "ask", "frag", "frage", "demande", "demandez", "pregunta", "pregunte",
		"chiedi", "chieda", "vraag", "pergunta", "pergunte", "access", "zugriff", "accès", "acceso", "accesso",
		"toegang", "acesso", "sms", "chat", "dm", "whatsapp", "telegram", "np", "anytime", "seg", "segundo",
		"secondo", "seconde", "vejo", "occupe", "encargo", "day", "weekend", "tag", "journée", "día", "giornata", "dia",
		// anything else, our fault, the app, from here
		"anything", "something", "chose", "cosa", "coisa", "iets", "etwas", "algo", "fault", "schuld", "faute",
		"culpa", "colpa", "uns", "us", "appli", "aplicación", "aplicativo", "desde", "daqui", "dici",
		// an order's status: on its way, arrives tomorrow, being processed
		"way", "unterwegs", "onderweg", "caminho", "camino", "parti", "partie", "salió", "salio", "partito", "partita",
		"saiu", "arrive", "arrives", "arriving", "arriva", "llega", "chega", "komt", "kommt", "ankommen", "processing",
		"processed", "processamento", "bearbeitet", "bearbeitung", "cours", "proceso", "lavorazione", "behandeling",
		"tmrw", "tomorrow", "tmr", "morgen", "demain", "mañana", "domani", "amanhã", "soon", "bald", "bientôt",
		"presto", "binnenkort", "breve", "eta",
		// "that works", "ça marche", "dat werkt": agreeing to a plan
		"works", "work", "marche", "funciona", "funziona", "werkt",
		// can, could; carriers; the team; understanding; helping
		"can", "could", "dhl", "ups", "fedex", "usps", "gls", "dpd", "hermes", "colissimo", "chronopost", "correos",
		"seur", "brt", "sda", "postnl", "ctt", "tnt", "courier", "kurier", "livreur", "repartidor", "corriere",
		"koerier", "estafeta", "equipa", "equipo", "équipe", "squadra", "ploeg", "passo", "paso", "get", "verstehe",
		"comprends", "entiendo", "capisco", "snap", "entendo", "begrijp", "ayudo", "ayudar", "helf", "helfe",
		"helfen", "aider", "aiutare", "aiuto", "helpen", "ajudo", "ajudar",
		// a lot going on: "wir haben grad viel los", "trop bien"
		"viel", "lots", "loads", "busy", "beaucoup", "trop", "mucho", "molto", "veel", "muito", "druk", "tope",
		// the browser, the page, the cache
		"browser", "navigateur", "navegador", "cache", "page", "seite", "pagina", "página", "pagina", "footer",
		// private, safe, not stored or shown here, a message, the wait
		"private", "privat", "privé", "privée", "privado", "privada", "privato", "privata", "confidential",
		"vertraulich", "confidentiel", "confidencial", "riservato", "vertrouwelijk", "safe", "secure", "sicher",
		"protégé", "protégées", "protégés", "seguro", "seguros", "sicuro", "sicuri", "veilig", "store", "stored",
		"show", "display", "zeigen", "speichern", "affiche", "afficher", "mostramos", "mostrar", "mostriamo",
		"mostra", "tonen", "toon",
		"wartezeit", "attente", "attesa", "demora", "wait",
		// no idea, don't know
		"idea", "idee", "weiß", "sais", "weet",
	)
	// shortNeutralPairs are the two-word neutral forms.
	shortNeutralPairs = normPairs("one sec", "no worries", "no problem", "no prob", "de nada", "por nada",
		"di niente", "de rien", "kein problem", "geen probleem", "sem problema", "pas de souci", "ningún problema",
		"nessun problema", "geen zorgen", "keine sorge", "pas grave", "un momento", "un attimo", "un moment",
		"einen moment", "even kijken", "gern geschehen", "graag gedaan", "let me", "give me", "got it", "on it",
		"will do", "mach ich", "bear with", "hang tight", "kein ding", "good one", "nice day", "por aquí", "par ici", "komt goed",
		"deixa comigo", "ci penso", "lo hago", "hier nicht", "qui no", "hier niet", "aqui não", "all good",
		"por hoje", "for today", "für heute", "pour aujourd'hui", "por hoy", "per oggi", "voor vandaag", "d ici",
		"da qui", "von hier", "from here", "same here", "as always", "wie immer", "comme toujours", "como siempre",
		"come sempre", "zoals altijd", "como sempre", "geht klar")
	// shortOpeners open a question without a question mark: "which one",
	// "welche denn".
	shortOpeners = normSet("what", "which", "how", "when", "where", "why", "who", "was", "welche", "welcher",
		"wann", "wo", "warum", "wieso", "quoi", "quel", "quelle", "quand", "pourquoi", "qui", "cuál", "cual",
		"cuándo", "dónde", "donde", "qué", "quale", "quali", "quando", "dove", "perché", "chi", "wat", "welke",
		"hoe", "wanneer", "waar", "waarom", "qual", "quais", "onde", "porquê", "quem")
	// shortFillers carry no answer by themselves: "ok", "lol", "hmm".
	shortFillers = normSet("ok", "okay", "okey", "oki", "okk", "kk", "k", "lol", "lmao", "haha", "hahaha", "hehe",
		"jaja", "jajaja", "kkk", "kkkk", "rsrs", "mdr", "ptdr", "hmm", "hm", "hmmm", "mmh", "uhm", "um", "uh", "ah",
		"oh", "eh", "ahh", "ooh", "alright", "aight", "well", "also", "bon", "pues", "allora", "nou", "dus", "então",
		"entao", "beh", "boh", "tja", "bueno", "bem", "alors",
		// acknowledgements: "perfect", "cool", "gotcha" take a message in,
		// they answer nothing ("certo", "klar", "bien", "vale" also say
		// "right" and stay answers)
		"perfect", "great", "cool", "nice", "awesome", "super", "top", "prima", "parfait", "perfecto", "perfetto",
		"perfeito", "ottimo", "otimo", "genial", "gotcha", "understood", "verstanden", "compris", "entendido",
		"capito", "begrepen", "entendi", "okie", "oke", "sweet", "lovely", "good", "sounds", "fine")
	// shortDeny are the words that make a short answer a denial.
	shortDeny = normSet("n", "no", "nope", "nop", "nah", "naw", "nö", "nee", "neen", "nein", "ne", "ned", "nid", "nit",
		"ni", "nan", "non", "não", "nao", "nem", "niet", "not", "nicht", "pas", "keine", "kein", "keiner", "geen",
		"nessuna", "nessun", "nessuno", "ninguna", "ninguno", "nenhum", "nenhuma", "aucun", "aucune", "nada",
		"niente", "nix", "nichts", "rien", "niets", "isnt", "wrong", "off", "diff", "different", "other", "another",
		"else", "falsch", "anders", "andere", "anderer", "anderes", "autre", "autres", "otro", "otra", "altro",
		"altra", "ander", "outro", "outra", "mauvais", "mauvaise", "faux", "fausse", "equivocado", "equivocada",
		"incorrecto", "incorrecta", "sbagliato", "sbagliata", "errato", "errata", "verkeerd", "fout", "errado",
		"errada", "errou", "incorrect", "nope", "nee hoor", "différent", "diferente", "differente", "anderen",
		// a22b: slang for no: "manco per sogno", "macché", "nem a pau", "nö nö"
		"manco", "macché", "nee", "nix", "nada", "nel", "nones", "nanay", "jamais", "nunca", "mai", "nooit", "nie")
)

// readyWords are availWords that also open a short answer: "listo lo
// mandé ahí", "pronto mandei pra lá".
var readyWords = set("listo", "lista", "pronto", "pronta", "ready", "fertig", "pret", "klaar")

// weekdays name a day of the week (normalised): a delivery day is the
// service's schedule ("repartimos los sábados"). The working days are
// weekDays (homes.go); weekendDays the rest.
var weekdays = union(weekDays, weekendDays)

// weekendDays name Saturday and Sunday, and their plurals (normalised).
var weekendDays = set("saturday", "sunday", "samstag", "sonntag", "samstags", "sonntags", "samedi", "dimanche", "sabado",
	"sabados", "domingo", "domingos", "sabato", "domenica", "zaterdag", "zondag")

// hasUpper reports whether s holds an upper-case letter. A reply in
// texting form has none; one with capitals is written out, and the phrase
// sets, which know the written forms, judge it.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			return true
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsUpper(r) {
				return true
			}
			i += n - 1
		}
	}
	return false
}
