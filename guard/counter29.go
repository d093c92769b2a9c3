package guard

// Counterfactual answers in the shapes counterfactual.go does not open
// (a22c, attack22 counter22):
//
//   - a condition with no "if": the verb first ("Had that been wrong, ...",
//     "Were it wrong, ...", "Hätte das nicht gestimmt, ...", "Wäre das die
//     Adresse, ...", "Was dat fout geweest, ..."), the subjunctive first
//     ("Fosse stato sbagliato, ...", "Estivesse errado, ..."), Spanish "de" and
//     an infinitive ("De haber estado mal, ..."); and "otherwise" at the head
//     of a sentence ("Otherwise my screen would be red", "sonst", "sinon",
//     "altrimenti", "anders", "senão"), a condition of the value being wrong;
//   - a consequence shown not to have happened without a negation: the
//     opposite state stated after it ("... would be red. It's green", "...
//     would have filled itself. It stayed empty"), or the reply's own speech
//     ("..., I'd have said so", "you'd hear it from me", "je vous l'aurais
//     dit"): the reply is not that speech, so the condition is false; or a
//     lie ("If I said it was wrong I'd be lying"), so the saying is false.
//
// And the next step with no "then" (nextStep29): the value pointed at as
// the destination of a thing sent or made ("shipping label printed for
// that address", "sending the code to that number now", "le code part sur
// ce numéro") in a reply that defers, asks and negates nothing.

// Words of the verb-first condition (normalised), by the pointer that must
// follow them.
var (
	cfInvertVerbs = set("had", "were", "should", "hatte", "ware", "hatten", "waren", "was", "fosse", "fossi",
		"estivesse", "tivesse", "houvesse", "fosse", "avesse", "fuera", "hubiera", "hubiese", "fuese")
	cfInvertNext = set("that", "it", "this", "you", "das", "es", "dies", "sie", "du", "dat", "het", "dit", "u", "je",
		"the", "die", "der", "stato", "stata", "errado", "errada", "sbagliato", "sbagliata", "incorrecto", "incorrecta",
		"mal", "sido", "estado", "certo", "certa", "giusto", "giusta", "correcto", "correcta", "falsch", "fout", "wrong")
	// cfOtherwise are the words of "otherwise": a condition of the value
	// being wrong (Spanish "si no" is read by the condition itself)
	cfOtherwise = set("otherwise", "else", "sonst", "ansonsten", "andernfalls", "sinon", "autrement", "altrimenti",
		"anders", "anderszins", "senao", "caso", "contrario", "contrariamente")
	// cfSpeech are verbs and nouns of the reply's own speech: a
	// consequence "I'd have said so" the reply shows not to have happened
	cfSpeech = set("said", "say", "told", "tell", "hear", "heard", "know", "mention", "mentioned", "flagged", "warned",
		"gesagt", "sagen", "erzahlt", "gemeldet", "bescheid", "dit", "dire", "signale", "prevenu", "averti", "dicho",
		"decir", "avisado", "dicto", "detto", "dire", "avvisato", "segnalato", "gezegd", "zeggen", "gemeld",
		"gewaarschuwd", "dito", "dizer", "avisado", "avisaria", "diria", "direi", "zeggen", "sapere", "saber", "savoir", "dirais", "dirait",
		"direbbe", "dirias", "diriam", "sagen", "sagte", "zeggen", "zei")
	// cfLie are the words of lying: "if I said it was wrong I'd be lying"
	cfLie = set("lying", "lie", "lugen", "lugt", "mentir", "mentirais", "mentirait", "mentiria", "mentirei",
		"mentire", "mentendo", "liegen", "jokken", "lugen", "mentiroso", "untrue", "unwahr", "faux", "falso")
	// cfStates are states that exclude each other, by group: a consequence
	// of one ("would be red") and a short sentence of another ("It's
	// green") say the consequence did not happen
	cfStates = func() map[string]int {
		m := map[string]int{}
		for g, ws := range [][]string{
			{"red", "rot", "rouge", "rojo", "roja", "rosso", "rossa", "rood", "vermelho", "vermelha"},
			{"green", "grun", "vert", "verte", "verde", "groen"},
			{"amber", "orange", "yellow", "gelb", "jaune", "amarillo", "giallo", "geel", "amarelo", "laranja", "arancione", "naranja", "oranje"},
			{"empty", "blank", "leer", "vide", "vacio", "vacia", "vuoto", "vuota", "leeg", "vazio", "vazia"},
			{"filled", "full", "fill", "fills", "voll", "ausgefullt", "fullt", "rempli", "remplie", "lleno", "llena",
				"rellena", "relleno", "pieno", "piena", "riempito", "vol", "gevuld", "cheio", "cheia", "preenchido", "preenchida"},
		} {
			for _, w := range ws {
				m[w] = g + 1
			}
		}
		return m
	}()
	// cfStateGroup pairs the groups that exclude each other: the colours
	// among themselves, empty and filled
	cfStateExcl = map[[2]int]bool{{1, 2}: true, {2, 1}: true, {1, 3}: true, {3, 1}: true, {2, 3}: true, {3, 2}: true,
		{4, 5}: true, {5, 4}: true}
)

// cfInverted reports whether token i opens a condition with no "if": a
// verb first at the head of a sentence and a pointer or a word of the
// value after it ("Had that been wrong", "Wäre das die Adresse", "Fosse
// stato sbagliato"), Spanish "De haber ...", or "otherwise".
func (t *text) cfInverted(i int) bool {
	if !t.has(i, clCfInvert) || i+1 >= len(t.toks) || i > 0 && t.toks[i].flags&fSentence == 0 && t.toks[i-1].flags&fPunctAfter == 0 {
		return false
	}
	w, n := string(t.tokBytes(i)), string(t.tokBytes(i+1))
	if w == "de" {
		return n == "haber" || n == "ser" || n == "estar"
	}
	return cfInvertVerbs[w] && cfInvertNext[n]
}

// cfOtherwiseAt reports whether token i is "otherwise" at the head of a
// sentence or clause ("Otherwise ...", "Caso contrário, ...").
func (t *text) cfOtherwiseAt(i int) bool {
	if !t.has(i, clCfOtherwise) || i > 0 && t.toks[i].flags&fSentence == 0 && t.toks[i-1].flags&fPunctAfter == 0 {
		return false
	}
	w := string(t.tokBytes(i))
	if w == "caso" || w == "else" {
		return i+1 < len(t.toks) && (w == "caso" && (string(t.tokBytes(i+1)) == "contrario") ||
			w == "else" && i > 0 && string(t.tokBytes(i-1)) == "or")
	}
	return w != "contrario" && w != "contrariamente"
}

// cfOtherwiseRule returns RuleConfirmation when the sentence that
// "otherwise" at token i opens is a consequence shown not to have
// happened: "Otherwise my screen would be red. It's green."
func (t *text) cfOtherwiseRule(i int) string {
	from, to := t.sentenceOf(i)
	if t.toks[i].flags&fQuestion != 0 {
		return ""
	}
	ci := i
	if string(t.tokBytes(i)) == "caso" || string(t.tokBytes(i)) == "else" {
		ci = i + 1
	}
	if t.negatedEcho(from, to, i, ci) || t.cfEvident(from, to, i, ci, true) {
		return RuleConfirmation
	}
	return ""
}

// cfEvident reports whether the consequence of the condition at tokens
// [ci, ce] of the sentence [from, to) is shown not to have happened with
// no negation: a short sentence after it of a state that excludes the
// consequence's ("... red. It's green"), or the consequence is the reply's
// own speech, unnegated ("I'd have said so"), or a lie about what the
// condition says (wrong: the condition was of the value being wrong).
func (t *text) cfEvident(from, to, ci, ce int, wrong bool) bool {
	state := 0
	speech, lie, neg, other := false, false, false, false
	for k := from; k < to; k++ {
		if k >= ci && k <= ce {
			continue
		}
		w := string(t.tokBytes(k))
		if g := cfStates[w]; g != 0 && state == 0 {
			state = g
		}
		speech = speech || cfSpeech[w]
		lie = lie || cfLie[w]
		other = other || k > ce && otherWord(w)
		neg = neg || cfNegations[w] || w == "wont" || w == "cant" || w == "couldnt" || w == "wouldnt"
	}
	if state != 0 && to < len(t.toks) {
		nf, nt := t.sentenceOf(to)
		if nf == to && nt-nf <= 6 {
			for k := nf; k < nt; k++ {
				w := string(t.tokBytes(k))
				if cfNegations[w] {
					break
				}
				if cfStateExcl[[2]int{state, cfStates[w]}] {
					return true
				}
			}
		}
	}
	for k := range t.toks {
		if t.toks[k].flags&fQuestion != 0 {
			return false // "..., se lo diría. No le digo nada más hoy?"
		}
	}
	if neg || other || to-ce > 9 { // "I'd have said the same about the delivery times"
		return false
	}
	// the lie makes a condition of saying the value wrong a confirmation
	// (and the caller's reading of "wrong" stands)
	return speech || lie && wrong
}

// Words of the next step with no "then" (normalised).
var (
	// stepTo29 are the prepositions of a destination before the value
	// pointed at ("to that number", "für diese Adresse", "sur ce numéro")
	stepTo29 = set("to", "for", "at", "verso", "towards", "richting", "hacia", "zu", "an", "fur", "nach", "pour", "sur", "vers", "a", "al", "para", "pra", "per", "su",
		"naar", "voor", "op", "aan", "em", "ao", "alla", "all", "allo") // (not "no", "na": "no" is a negation too)
	// stepDemos29 are the demonstratives of the value pointed at
	// (not German "die", the article: "an die Nummer im Konto")
	stepDemos29 = union(minus(destDemos, set("die")), set("quel", "quei", "dit", "aquele", "aquela", "aquel", "aquella", "jene", "jener",
		"jenes", "dieses", "esto", "isto", "deze"))
	// stepDemosTo29 are demonstratives with their preposition in them
	// (Portuguese "desse número", "nessa morada")
	stepDemosTo29 = set("desse", "dessa", "deste", "desta", "nesse", "nessa", "neste", "nesta", "naquele", "naquela")
	// stepMove29 are the words of a thing sent or made for the destination
	// ("sending", "on its way", "printed", "part", "va", "gaat")
	stepMove29 = union(actVerbs15, sendVerbs, set("sending", "shipping", "leaves", "leaving", "printed", "print",
		"way", "wy", "viaggio", "going", "codes", "labels", "parcels", "unterwegs", "gedruckt", "druckt", "drucke", "geht", "losgeschickt", "imprimee", "imprime",
		"part", "parti", "partira", "route", "va", "sale", "impresa", "impreso", "enviando", "mandando", "camino",
		"parte", "partito", "stampata", "stampato", "inviando", "spedendo", "strada", "gaat", "geprint", "verstuurd",
		"onderweg", "vai", "segue", "impressa", "impresso", "caminho", "label", "etikett", "etiquette", "etiqueta",
		"etichetta", "code", "codigo", "codice", "parcel", "package", "paket", "colis", "paquete", "pacco", "pakket",
		"encomenda", "replacement", "ersatz", "remplacement", "reemplazo", "sostituzione", "vervanging", "substituicao"))
)

// nextStep29 reports whether t takes the next step on the offered value of
// class with no word for "then": a sentence that points at the value as
// the destination ("to that number", "für diese Adresse") and names a
// thing sent or made for it, in a reply that defers, asks and negates
// nothing and sets no condition.
func (t *text) nextStep29(class string) bool {
	if t.cls&clStepDemo29 == 0 { // no demonstrative of the value in the reply
		return false
	}
	for i := 1; i+1 < len(t.toks); i++ {
		c := t.toks[i].cls
		if c&clStepDemo29 == 0 || c&clStepDemoTo29 == 0 && !t.has(i-1, clStepTo29) ||
			!t.demoValue15(i, class) && string(t.tokBytes(i+1)) != "one" {
			continue
		}
		from, to := t.sentenceOf(i)
		move := false
		for k := from; k < to; k++ {
			if t.toks[k].lex&lxCond != 0 || t.has(k, clStepNeg29) {
				return false
			}
			move = move || k != i && k != i-1 && t.has(k, clStepMove29)
		}
		if !move {
			continue
		}
		for k := range t.toks {
			if deferWord(t.tokBytes(k)) || t.toks[k].flags&fQuestion != 0 {
				return false
			}
		}
		return true
	}
	return false
}
