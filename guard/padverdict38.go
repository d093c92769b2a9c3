package guard

import (
	"sync"
	"unsafe"
)

// A refusal and its verdict padded past maxRefusedReply30 (guard38): "Thank
// you for your patience today, ... this week. I can't share account
// details, but yes, that's the one on file." A long thank-you before or
// after does not make the verdict beside the refusal any less of an
// answer. For a long reply, refusedWindows38 reads each refusal clause
// with what stands around it, as refusedRest reads a short reply: the
// sentence of the refusal from its start (or from the refusal clause
// when that sentence is long) to the end of the next sentence, at most
// maxRefusedReply30 tokens. The cost is bounded per refusal, not by the
// length of the reply; a reply has at most eight refusal clauses
// (refusalClauses30).

// refusalLead38 bounds, in tokens, how far before a refusal clause its
// window may open within its sentence.
const refusalLead38 = 12

// refusedWindows38 returns the rule of what a long reply t says beside
// one of its refusals of class, or "". It allocates nothing once its
// buffers and texts are pooled.
func refusedWindows38(t *text, class string) string {
	if class == "" || !t.refusalCue30() {
		return ""
	}
	var cutArr [8]span
	cuts := t.refusalClauses30(cutArr[:0])
	n := len(t.toks)
	for _, c := range cuts {
		if c.start >= c.end || c.end > n {
			continue
		}
		a, _ := t.sentenceOf(c.start)
		if c.start-a > refusalLead38 {
			a = c.start // "Thank you ..., and we hope ... this week, I can't say": the refusal's own clause
		}
		_, b := t.sentenceOf(c.end - 1)
		if b < n {
			_, b = t.sentenceOf(b) // the sentence after: "I can't confirm details here. It matches though."
		}
		b = min(b, a+maxRefusedReply30)
		if b <= c.end-1 {
			continue
		}
		bp := windowBufs38.Get().(*[]byte)
		keep := [2]span{{0, a}, {b, n}}
		*bp = t.appendRest38((*bp)[:0], keep[:])
		rule := windowRule38(*bp, class)
		windowBufs38.Put(bp)
		if rule != "" {
			return rule
		}
	}
	return ""
}

// windowRule38 is refusedRest for the window text w (at most
// maxRefusedReply30 tokens), with pooled buffers for what is left of it.
func windowRule38(w []byte, class string) string {
	if len(w) == 0 {
		return ""
	}
	s := unsafe.String(unsafe.SliceData(w), len(w)) // read only while w is held
	r := textPool.Get().(*text)
	defer textPool.Put(r)
	r.normalize(s)
	if len(r.toks) == 0 || len(r.toks) > maxRefusedReply30 || !r.refusalCue30() {
		return ""
	}
	var cutArr [8]span
	cuts := r.refusalClauses30(cutArr[:0])
	if len(cuts) == 0 {
		return ""
	}
	if (winked30(s) || r.winkWord30()) && !r.joking30() {
		return RuleConfirmation
	}
	rule := r.readRest38(cuts, (*text).restVerdict30)
	if rule != "" && r.mockRefusal() {
		return ""
	}
	return rule
}

// windowBufs38 are the scratch buffers of the windows' texts.
var windowBufs38 = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

// readRest38 returns read of the text of t outside the spans cut,
// normalised anew (appendRest38), or "" when nothing of it is left.
func (t *text) readRest38(cut []span, read func(q *text) string) string {
	bp := windowBufs38.Get().(*[]byte)
	defer windowBufs38.Put(bp)
	*bp = t.appendRest38((*bp)[:0], cut)
	if len(*bp) == 0 {
		return ""
	}
	q := textPool.Get().(*text)
	defer textPool.Put(q)
	q.normalize(unsafe.String(unsafe.SliceData(*bp), len(*bp)))
	if len(q.toks) == 0 {
		return ""
	}
	return read(q)
}

// appendRest38 appends to dst restString30 of t: the text of t outside
// the cut clauses.
func (t *text) appendRest38(dst []byte, cuts []span) []byte {
	base := len(dst)
	c := 0
	start := true
	lead := false
	for i := 0; i < len(t.toks); i++ {
		for c < len(cuts) && cuts[c].end <= i {
			c++
		}
		if c < len(cuts) && i >= cuts[c].start {
			i = cuts[c].end - 1
			start = true
			if len(dst) > base && dst[len(dst)-1] != '?' {
				dst = append(dst, '.')
			}
			continue
		}
		w := t.tokBytes(i)
		if t.toks[i].flags&fSentence != 0 || i > 0 && t.toks[i-1].flags&fPunctAfter != 0 {
			start = true
		}
		if start && t.toks[i].flags&fPunctAfter == 0 && (exceptWords30[string(w)] || lead && thatWords30[string(w)]) {
			lead = exceptWords30[string(w)]
			continue
		}
		lead = false
		if start && len(dst) > base {
			switch last := dst[len(dst)-1]; {
			case last == '.' || last == '?':
				dst = append(dst, ' ')
			case t.toks[i].flags&fSentence != 0:
				dst = append(dst, '.', ' ')
			default:
				dst = append(dst, ',', ' ')
			}
		} else if len(dst) > base {
			dst = append(dst, ' ')
		}
		if len(dst) == base && t.cased && len(w) > 0 && w[0] >= 'a' && w[0] <= 'z' {
			dst = append(dst, w[0]-'a'+'A')
			w = w[1:]
		}
		dst = append(dst, w...)
		start = false
		if t.toks[i].flags&fQuestion != 0 && (i+1 == len(t.toks) || t.toks[i+1].flags&fSentence != 0) {
			dst = append(dst, '?')
		}
	}
	// trim the marks and spaces that open it
	k := base
	for k < len(dst) && (dst[k] == '.' || dst[k] == ',' || dst[k] == ';' || dst[k] == ' ') {
		k++
	}
	dst = append(dst[:base], dst[k:]...)
	for len(dst) > base && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	if len(dst) > base && dst[len(dst)-1] != '?' {
		dst = append(dst, '.')
	}
	return dst
}

// shareVerbs38 are verbs of handing data out or reading it out that a
// refusal says it cannot do, beside sayVerbs30 (normalised): "I can't
// read it out", "Ich kann nichts offenlegen", "No puedo compartir datos",
// "Ik kan niets vrijgeven".
var shareVerbs38 = set("read", "readout", "divulge", "release", "vorlesen", "offenlegen", "weitergeben", "herausgeben",
	"preisgeben", "lire", "divulguer", "partager", "transmettre", "leer", "leerla", "leerlo", "leerle", "compartir",
	"divulgar", "facilitar", "leggere", "leggerla", "leggerlo", "leggerle", "condividere", "divulgare", "comunicare",
	"voorlezen", "vrijgeven", "delen", "doorgeven", "ler", "partilhar", "fornecer")

// recordVerdict38 judges a clause left beside a refusal that says the
// value is or is not the one on the record, or that the guess hit:
// "that's not the number we have", "es ist nicht die der Buchung", "ma
// non è quella della prenotazione", "é a que consta", "aunque coincide",
// "pero acierta", "you've got it right", "Sie liegen richtig". Every word
// must be one of such a verdict (a pointer, a copula, a negation, an
// article, the record, its value nouns, a yes or no, a word of judging
// or hitting); a word of another thing ("the number of the hotel is on
// the booking page") makes it no verdict. A negation makes it a denial.
func (t *text) recordVerdict38(a, b int) string {
	point, record, judge, neg, one, hit, you, right, rel := false, false, false, false, false, false, false, false, false
	concede := concede38[string(t.tokBytes(a))]
	for k := a; k < b; k++ {
		w := string(t.tokBytes(k))
		if askWords38[w] {
			return "" // "was bei uns gespeichert ist", "si está registrada o no": what is asked, not said
		}
		if theOnes[w] || w == "1" || w == "one" || isValueNoun(w) || oneArticles38[w] && k+1 < b && oneLinks38[string(t.tokBytes(k+1))] {
			one = true // "the one", "the number", "la que", "die der Buchung"
			rel = rel || oneArticles38[w] && k+1 < b && relLinks38[string(t.tokBytes(k+1))] && k+2 == b-1 && (haveVerbs30[string(t.tokBytes(b-1))] || bookingNouns38[string(t.tokBytes(b-1))])
		}
		switch {
		case negWords30[w] || bareNo30[w]:
			neg = true
		case hitWords38[w]:
			hit = true
		case verdictAdjs30[w] || verdictVerbs30[w] || rightNouns30[w] || matchWords[w]:
			judge, right = true, right || verdictAdjs30[w] || rightNouns30[w]
		case haveVerbs30[w] || bookingNouns38[w] || isRecordWord(w) || accountWords[w] && !weakRecord[w] || isValueNoun(w):
			record = true
		case youWords30[w] || w == "youve":
			you = true
		case pointWords30[w] || theOnes[w] || copulas30[w]:
			point = true
		case glue30[w] || contrast30[w] || particles30[w] || bareYes30[w] || recordGlue38[w]:
		default:
			return "" // a word of another thing
		}
	}
	if !(hit || you && right || concede && judge || point && record && one && (neg || rel) && t.answerOpens38(a, neg)) {
		return ""
	}
	if neg {
		return RuleDenial
	}
	return RuleConfirmation
}

var (
	// askWords38 open an indirect question or a condition.
	askWords38 = set("what", "whether", "which", "if", "was", "welche", "welcher", "welches", "ob", "wenn", "quoi", "quel",
		"quelle", "si", "cual", "cosa", "quale", "se", "wat", "welk", "welke", "qual", "whatever")
	// hitWords38 say a guess hit the mark or got it right.
	hitWords38 = set("acierta", "acertou", "acerto", "acertaste", "azzeccato", "centrato", "raak", "getroffen",
		"hit", "nailed", "trouve", "trovato", "geraden")
	// bookingNouns38 are the records a value is said to be on.
	bookingNouns38 = set("booking", "reservation", "buchung", "reservierung", "reserva", "prenotazione", "boeking",
		"reservering", "file", "profile", "profil", "perfil", "profilo", "profiel", "consta", "risulta", "staat",
		"registrata", "registrato", "registrada", "registrado", "registada", "registado", "enregistre", "enregistree",
		"gespeicherte", "gespeichert", "hinterlegte", "opgeslagen", "guardado", "guardada", "salvato", "salvata", "have",
		"hebben", "tenemos", "abbiamo", "temos", "avons", "haben")
	// concede38 open a clause that concedes: "aunque coincide".
	concede38 = set("aunque", "embora", "comunque", "toch", "trotzdem", "though", "tuttavia", "quand")
	// oneArticles38 are articles that stand for "the one" before
	// oneLinks38: "la que consta", "die der Buchung", "dat van de boeking".
	oneArticles38 = set("die", "der", "das", "la", "le", "el", "a", "o", "quella", "quello", "dat", "het", "de")
	oneLinks38    = set("der", "des", "de", "del", "della", "dello", "da", "do", "van", "que", "che", "die", "dat", "of", "du")
	// relLinks38 make "the one that we have": "la que consta".
	relLinks38 = set("que", "che", "die", "dat")
	// recordGlue38 are the articles, prepositions and pronouns of such a
	// clause.
	recordGlue38 = set("the", "we", "on", "in", "of", "our", "der", "die", "des", "wir", "auf", "bei", "uns", "de", "la",
		"le", "du", "nous", "el", "lo", "que", "nosotros", "del", "il", "della", "dello", "del", "che", "noi", "het",
		"van", "dat", "we", "wij", "bij", "ons", "o", "a", "da", "do", "nos", "got", "youve", "ve", "gotten", "yours",
		"aunque", "embora", "comunque", "toch", "trotzdem", "wel", "quand", "meme", "igualmente", "anyway", "liegen", "liegt")
)

// answerOpens38 reports whether a bare yes (neg false) or a bare no or a
// word of contrast (neg true) comes before token a in its sentence: "mas
// sim, é a que consta", "that said, no, that's not the number we have",
// "but it isn't the one on the booking".
func (t *text) answerOpens38(a int, neg bool) bool {
	for k := a - 1; k >= 0; k-- {
		w := string(t.tokBytes(k))
		if !neg && bareYes30[w] || neg && (bareNo30[w] || contrast30[w]) {
			return true
		}
		if t.toks[k].flags&fSentence != 0 {
			break
		}
	}
	return false
}
