package guard

// A place pointed at. After a value of a place was offered (an address,
// an email, a number), a clause that opens by pointing at a place — "that's
// (indeed) where", "c'est bien là que", "ahí mismo", "daar", "foi mesmo
// para aí que", "genau dorthin" — and goes on with something that went,
// was sent or arrived says the thing went to her value: "That's indeed
// where the boarding pass went at 6:10", "Daar is de instapkaart naartoe
// gegaan". A negation before the verb denies it ("Ce n'est pas là que la
// carte est partie"). The verb must be one of a thing gone (a past or a
// participle): "Daar kunt u de instapkaart ophalen" is where to fetch it,
// "Daar ging het mis" where it went wrong. A question, a condition or a
// deferral is no answer.

// deixis31 returns RuleConfirmation or RuleDenial when a clause of t
// points at a place and says something went there (see above), or "".
// The place word is the rare one: each is judged where it stands.
func (t *text) deixis31() string {
	if t.cls&clPlace31 == 0 {
		return ""
	}
	for p := range t.toks {
		if !t.has(p, clPlace31) {
			continue
		}
		c := p // the clause's first word, at most four tokens before
		for c > 0 && p-c < 5 && t.toks[c-1].flags&fPunctAfter == 0 {
			c--
		}
		if p-c >= 5 || !t.placeOpens31(c, p) {
			continue
		}
		if rule := t.goneThere31(c, p); rule != "" {
			return rule
		}
	}
	return ""
}

// placeOpens31 reports whether the place word at p points at a place
// from the clause opening at c: "where" after a copula ("that's indeed
// where", "es ahí donde"), "là" or "lì" after a copula or "bien",
// "proprio" and before "que" or "che", or a word for "there" that is no
// other word ("ahí", "daar", "dorthin", "aí" after "para" or "mesmo").
func (t *text) placeOpens31(c, p int) bool {
	w := string(t.tokBytes(p))
	next := ""
	if p+1 < len(t.toks) {
		next = string(t.tokBytes(p + 1))
	}
	cop := false
	for j := c; j < p; j++ {
		x := string(t.tokBytes(j))
		cop = cop || copulaWords[x] || x == "that" || x == "dat"
	}
	switch {
	case whereWords31[w]:
		return cop
	case w == "la" || w == "li":
		return p > c && (cop || stressWords31[string(t.tokBytes(p-1))]) && (next == "que" || next == "che" || next == "ou" || next == "dove")
	case w == "ai":
		return p > c && aiLeads31[string(t.tokBytes(p-1))] // Portuguese "aí" after "para" or "mesmo", not French "j'ai"
	}
	return thereWords31[w]
}

// goneThere31 judges the clause opening at k whose place word is p: a
// verb of a thing gone within nine tokens after p, in the same clause,
// with no modal or failure in them and no question; a negation from k to the verb
// makes it a denial.
func (t *text) goneThere31(k, p int) string {
	from, to := t.sentenceOf(k)
	for j := from; j < to; j++ {
		if deferWord(t.tokBytes(j)) || t.toks[j].flags&fQuestion != 0 || condWords[string(t.tokBytes(j))] {
			return "" // "if that's where it went", "is that where it went?"
		}
	}
	neg := false
	for j := k; j < p; j++ {
		neg = neg || negations[string(t.tokBytes(j))] || string(t.tokBytes(j)) == "ne"
	}
	end := p + 1
	for end < to && end <= p+9 {
		w := string(t.tokBytes(end))
		if processCues28[w] || failWords31[w] || otherThings[w] && !shippedWords[w] && !goneThings31[w] && !courierWords[w] {
			return "" // "daar kunt u ...", "daar ging het mis", "that's where the refund policy ..."
		}
		end++
		if t.toks[end-1].flags&fPunctAfter != 0 && !(t.toks[end-1].flags&fNumber != 0 && end < to && t.toks[end].flags&fNumber != 0) {
			break // a mark ends the clause, not the colon of "6:10"
		}
	}
	for j := p + 1; j < end; j++ {
		w := string(t.tokBytes(j))
		switch {
		case negations[w] || noDeterminers[w] || w == "niets" || w == "nothing" || w == "nichts" || w == "rien" || w == "nada" || w == "niente":
			neg = true
		case deliverWords[w] || goneVerbs31[w]:
			if neg {
				return RuleDenial
			}
			return RuleConfirmation
		}
	}
	return ""
}

// Words of a place pointed at and of a thing gone there (normalised).
var (
	// whereWords31 say "where" after a copula: "that's where", "es ahí
	// donde", "c'est là où".
	whereWords31 = set("where", "wohin", "donde", "adonde", "dove", "waar", "waarheen", "onde", "aonde")
	// thereWords31 say "there" and nothing else: "ahí", "allí", "daar",
	// "dorthin", "aí", "ali" ("there" opens "there is", "da" and "la"
	// are other words).
	thereWords31 = set("ahi", "alli", "alla", "daar", "daarheen", "daarnaartoe", "dorthin", "dahin", "dort", "ai", "ali",
		"dessus")
	// aiLeads31 stand before Portuguese "aí" ("para aí", "mesmo aí").
	aiLeads31 = set("para", "por", "mesmo", "foi", "e", "bem", "precisamente", "exatamente")
	// stressWords31 stand before "là" or "lì": "c'est bien là que",
	// "proprio lì che".
	stressWords31 = set("bien", "justement", "exactement", "proprio", "esattamente", "precisamente", "mesmo", "justo")
	// goneVerbs31 say a thing went, was sent or arrived, besides
	// deliverWords: pasts and participles.
	goneVerbs31 = set("ging", "kam", "gekommen", "hingeschickt", "verschickt", "gesendet", "landed", "came", "received",
		"fue", "mandado", "mandada", "llegaron", "llegado", "llegada", "siguio", "salio", "partito", "partita", "inviato",
		"inviata", "arrivati", "ging", "kwam", "gekomen", "gestuurd", "verzonden", "naartoe", "heen", "seguiu", "seguiram",
		"chegaram", "enviado", "enviada", "enviou", "mandou", "partiu", "recu", "recue", "llego", "recibio", "ricevuto",
		"ontvangen", "recebeu", "erhalten", "bekommen", "envoyes", "envoyees", "sortie", "sorti", "entrego", "entregaron",
		"entregou", "zugestellt", "consegnati", "spediti", "livrees", "enviamos", "mandamos", "schickten", "stuurden",
		"envoyames", "enviei", "mandei")
	// goneThings31 are otherThings that go to a place: a ticket, a link
	// (an invoice's place is where invoices go, a rule: "c'est là que la
	// facture est envoyée").
	goneThings31 = set("ticket", "link", "lien", "enlace")
	// failWords31 say where a thing went wrong: "daar ging het mis".
	failWords31 = set("wrong", "mis", "fout", "schief", "falsch", "mal", "storto", "errado", "errada", "problem",
		"probleme", "problema", "probleem")
)
