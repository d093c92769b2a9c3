package mail

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// StripQuoted returns text without the quoted history a mail client adds to
// a reply and without a trailing signature; StripQuotedSubject with no
// subject and no sent texts. The full text is always kept besides
// (Inbound.TextBody): this is what the conversation shows, not what is
// stored.
func StripQuoted(text string) string { return StripQuotedSubject(text, "") }

// StripQuotedSubject returns text without the quoted history a mail client
// adds to a reply, and without a trailing signature, in English, German,
// French, Spanish, Italian, Dutch, Portuguese, Danish, Swedish, Norwegian
// and Polish, as Gmail, Outlook and Apple Mail write it. It cuts at:
//
//   - lines starting with ">" (leading blanks allowed), which it drops;
//   - an attribution line ("On … wrote:", "Am … schrieb …:", "Le … a
//     écrit :", "El … escribió:", "Il … ha scritto:", "Op … schreef …:",
//     "Em … escreveu:", "Den … skrev …:", "W dniu … napisał(a):"), which
//     may be wrapped over up to three lines and must hold a digit (the
//     date) or an address, or be followed by ">"-quoted lines;
//   - an "Original Message" separator in any of those languages;
//   - a header block: a sender field ("From:", "Von:", "De:", "Da:",
//     "Van:", "Fra:", "Från:", "Od:", also in bold "*From:*") followed,
//     within the next five lines, by at least two more fields of the same
//     kind of block (sent/date, to, subject, cc), at least one of them a
//     date or subject; a "____" rule just above goes with it;
//   - a signature separator line "-- " (or "--").
//
// Forwarded messages are kept whole: from a forward marker (Gmail's
// "---------- Forwarded message ---------", Apple Mail's "Begin forwarded
// message:", in each language, or the "Attached message" block of a
// message attached whole) nothing more is cut, and when subject is a
// forward ("Fwd:", "WG:", "TR:", "RV:", "I:", "Doorst:", "Enc:", "VS:",
// "VB:", "PD:"…) an Outlook header block starts the forwarded text rather
// than quoted history. A line of dashes, or "From:" and "Date:" lines that
// do not make a whole header block, are the customer's text. Text is
// expected with LF line ends.
//
// sent are the texts the desk itself sent into the conversation (its
// replies, as the mail's text part and as its HTML part read), which a
// client may quote with no marker at all. A line that is one of them,
// re-wrapped or not, is dropped wherever it stands, as a ">" line is, with
// a word-less rule ("____") just above it and the blank lines below; what
// the customer wrote before, between or after the desk's paragraphs stays.
// A line is the desk's when each of its words (runs of letters and digits,
// in NFKC and lowercased, so blank space, quoting prefixes, punctuation
// and HTML-to-text changes do not matter) lies in a run of words one sent
// text holds in that order: a run of at least six words, a whole text of
// at least three below other text, or the last two or more words of a text
// after a longer run of it (the sign-off after an inline answer). Only
// sent counts: the customer's own earlier words, and the lines of a sent
// text that start with ">", are never cut by it. At most the first 50,000
// words of text and of sent are compared.
func StripQuotedSubject(text, subject string, sent ...string) string {
	return stripQuoted(text, isForwardSubject(subject), sent)
}

// stripQuoted is StripQuotedSubject; forward says an Outlook header block
// starts forwarded text rather than quoted history.
func stripQuoted(text string, forward bool, sent []string) string {
	lines := strings.Split(text, "\n")
	desk := deskLines(lines, sent)
	out := make([]string, 0, len(lines))
	afterDesk := false // the blank lines after the desk's text go with it
scan:
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], "\r")
		t := strings.TrimSpace(line)
		if desk != nil && (desk[i] || afterDesk && t == "") {
			afterDesk = true
			continue
		}
		afterDesk = false
		switch {
		case isForwardMarker(t):
			out = append(out, lines[i:]...)
			break scan
		case line == "-- " || line == "--":
			break scan
		case strings.HasPrefix(t, ">"):
			continue
		case isOriginalMessage(t):
			break scan
		case isHeaderBlock(lines, i):
			if forward {
				out = append(out, lines[i:]...)
				break scan
			}
			break scan
		case isAttribution(lines, i):
			break scan
		}
		out = append(out, line)
	}
	// Drop trailing blank lines and Outlook's "____" rule.
	for len(out) > 0 {
		t := strings.TrimSpace(out[len(out)-1])
		if t != "" && strings.Trim(t, "_") != "" {
			break
		}
		out = out[:len(out)-1]
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// normPhrase lowercases s, drops the dashes, asterisks and colons around
// it and collapses inner blanks.
func normPhrase(s string) string {
	s = strings.Trim(s, "-–—*_:= \t")
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// originalMessage are the "-----Original Message-----" separators of
// Outlook in each language.
var originalMessage = map[string]bool{
	"original message": true, "ursprüngliche nachricht": true, "message d'origine": true,
	"mensaje original": true, "messaggio originale": true, "oorspronkelijk bericht": true,
	"mensagem original": true, "oprindelig meddelelse": true, "ursprungligt meddelande": true,
	"opprinnelig melding": true, "oryginalna wiadomość": true, "wiadomość oryginalna": true,
	"originalnachricht": true, "message original": true,
}

func isOriginalMessage(t string) bool {
	return strings.HasPrefix(t, "--") && originalMessage[normPhrase(t)]
}

// forwardMarkers are the lines Gmail ("---------- X ---------") and Apple
// Mail ("X:") put above a forwarded message, in each language, and the
// block marker of a message attached whole.
var forwardMarkers = map[string]bool{
	// Gmail
	"forwarded message": true, "weitergeleitete nachricht": true, "message transféré": true,
	"mensaje reenviado": true, "messaggio inoltrato": true, "doorgestuurd bericht": true,
	"mensagem encaminhada": true, "videresendt meddelelse": true, "vidarebefordrat meddelande": true,
	"videresendt melding": true, "przekazana wiadomość": true, "wiadomość przekazana": true,
	"forwarded message follows": true, "attached message": true,
	// Apple Mail
	"begin forwarded message": true, "anfang der weitergeleiteten nachricht": true,
	"début du message réexpédié": true, "début du message transféré": true,
	"inicio del mensaje reenviado": true, "comienzo del mensaje reenviado": true,
	"inizio messaggio inoltrato": true, "begin doorgestuurd bericht": true,
	"início da mensagem reencaminhada": true, "início da mensagem encaminhada": true,
	"começo da mensagem encaminhada": true, "start på videresendt besked": true,
	"start på videresendt meddelelse": true, "vidarebefordrat mejl": true,
	"början på vidarebefordrat brev": true, "videresendt e-post": true,
	"begynnelse på videresendt melding": true, "początek przekazywanej wiadomości": true,
	"początek przekazanej wiadomości": true,
}

func isForwardMarker(t string) bool {
	if len(t) > 120 {
		return false
	}
	p := normPhrase(t)
	if !forwardMarkers[p] {
		return false
	}
	// Gmail's form is framed by dashes, Apple Mail's ends with a colon.
	return strings.HasPrefix(t, "--") || strings.HasSuffix(t, ":")
}

// forwardPrefixes are the subject prefixes of a forward in each language.
var forwardPrefixes = []string{
	"fwd", "fw", "wg", "tr", "rv", "i", "doorst", "enc", "vs", "vb", "pd", "fwd.", "wg.",
}

// isForwardSubject reports a subject whose first prefix before ":" marks
// a forward ("Fwd: …", "WG: …", "Re: Fw: …" is a reply).
func isForwardSubject(subject string) bool {
	return slices.Contains(forwardPrefixes, subjectPrefix(subject, 8))
}

// subjectPrefix returns what a subject has before its first colon,
// lowercased and trimmed, if that is at most max bytes long, else "".
func subjectPrefix(subject string, max int) string {
	s := strings.TrimSpace(subject)
	i := strings.IndexByte(s, ':')
	if i <= 0 || i > max {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(s[:i]))
}

// replyPrefixes are the subject prefixes of a reply in each language
// ("Re:", "AW:", "SV:", "Antw:", "R:", "RIF:", "RES:", "Odp:"...).
var replyPrefixes = []string{
	"re", "aw", "sv", "antw", "antwort", "r", "rif", "res", "odp", "ynt", "atb", "отв", "回复", "答复", "返信",
}

// isReplySubject reports a subject whose first prefix before ":" marks a
// reply.
func isReplySubject(subject string) bool {
	p := subjectPrefix(subject, 12)
	if j := strings.IndexAny(p, "[("); j > 0 { // "Re[2]:", "RE(3):"
		p = p[:j]
	}
	return p != "" && slices.Contains(replyPrefixes, p)
}

// Header block field kinds.
const (
	fieldFrom = iota + 1
	fieldDate
	fieldTo
	fieldSubject
	fieldCc
)

// headerFields maps the field names of a quoted header block, in each
// language and as Gmail, Outlook and Apple Mail write them, to their kind.
var headerFields = map[string]int{
	// English
	"from": fieldFrom, "sent": fieldDate, "date": fieldDate, "to": fieldTo, "subject": fieldSubject, "cc": fieldCc,
	// German
	"von": fieldFrom, "gesendet": fieldDate, "datum": fieldDate, "an": fieldTo, "betreff": fieldSubject, "kopie": fieldCc,
	// French
	"de": fieldFrom, "envoyé": fieldDate, "envoyé le": fieldDate, "à": fieldTo, "a": fieldTo, "objet": fieldSubject,
	// Spanish
	"enviado": fieldDate, "enviado el": fieldDate, "fecha": fieldDate, "para": fieldTo, "asunto": fieldSubject,
	// Italian
	"da": fieldFrom, "inviato": fieldDate, "data": fieldDate, "oggetto": fieldSubject,
	// Dutch
	"van": fieldFrom, "verzonden": fieldDate, "aan": fieldTo, "onderwerp": fieldSubject,
	// Portuguese
	"enviada": fieldDate, "enviada em": fieldDate, "enviado em": fieldDate, "assunto": fieldSubject,
	// Danish, Norwegian
	"fra": fieldFrom, "sendt": fieldDate, "dato": fieldDate, "til": fieldTo, "emne": fieldSubject, "kopi": fieldCc,
	// Swedish
	"från": fieldFrom, "skickat": fieldDate, "till": fieldTo, "ämne": fieldSubject, "kopia": fieldCc,
	// Polish
	"od": fieldFrom, "wysłano": fieldDate, "wysłane": fieldDate, "do": fieldTo, "temat": fieldSubject, "dw": fieldCc,
}

// headerField returns the kind of a "Name: value" line of a quoted header
// block (the name may be in bold, "*From:*"), or 0.
func headerField(line string) int {
	t := strings.TrimLeft(strings.TrimSpace(line), "*")
	i := strings.IndexByte(t, ':')
	if i <= 0 || i > 24 {
		return 0
	}
	name := strings.ToLower(strings.TrimRight(strings.TrimSpace(t[:i]), "*"))
	return headerFields[name]
}

// isHeaderBlock reports whether a quoted header block starts at lines[i]:
// a sender field, then within five lines at least two more distinct
// fields, one of them a date or a subject. Two lines "From:" and "Date:"
// that the customer wrote are not enough.
func isHeaderBlock(lines []string, i int) bool {
	if headerField(lines[i]) != fieldFrom {
		return false
	}
	seen := map[int]bool{}
	for j := i + 1; j < len(lines) && j <= i+5; j++ {
		k := headerField(lines[j])
		if k == 0 || k == fieldFrom {
			if strings.TrimSpace(lines[j]) == "" {
				break
			}
			continue // a wrapped value
		}
		seen[k] = true
	}
	return len(seen) >= 2 && (seen[fieldDate] || seen[fieldSubject])
}

// attributionVerbs end an attribution line in each language; the line
// ends with the verb and a colon, or the verb is followed by the author
// ("Am … schrieb Name <a@b>:").
var attributionVerbs = []string{
	"wrote", "schrieb", "a écrit", "escribió", "ha scritto", "schreef", "escreveu",
	"skrev", "napisał", "napisała", "napisał(a)", "kirjoitti",
	"het volgende geschreven", "napisana przez",
}

// attributionStarts are the words an attribution line starts with when the
// verb is not last; "" allows any start (Dutch and Scandinavian clients
// also write "Name schreef op …:", "… skrev Name:").
var attributionStarts = []string{
	"on ", "am ", "le ", "el ", "il ", "op ", "em ", "den ", "w dniu ", "dnia ", "på ",
	"wiadomość napisana przez ",
}

// isAttribution reports whether an attribution line ("On … wrote:") starts
// at lines[i], joining up to three lines as clients wrap long ones.
func isAttribution(lines []string, i int) bool {
	t := strings.TrimSpace(lines[i])
	if t == "" {
		return false
	}
	// Only a line that starts like an attribution may wrap onto the next
	// ones; any other line must be a whole attribution by itself.
	maxLines := 1
	l := strings.ToLower(t)
	for _, p := range attributionStarts {
		if strings.HasPrefix(l, p) {
			maxLines = 3
			break
		}
	}
	joined := t
	for j := i; j < len(lines) && j < i+maxLines; j++ {
		if j > i {
			n := strings.TrimSpace(lines[j])
			if n == "" {
				return false
			}
			joined += " " + n
		}
		if len(joined) > 400 {
			return false
		}
		if isAttributionText(joined, quotedNext(lines, j+1)) {
			return true
		}
	}
	return false
}

// quotedNext reports whether the first non-blank line from lines[i]
// starts with ">".
func quotedNext(lines []string, i int) bool {
	for ; i < len(lines); i++ {
		if t := strings.TrimSpace(lines[i]); t != "" {
			return strings.HasPrefix(t, ">")
		}
	}
	return false
}

// isAttributionText reports an attribution line. quoted says the next
// text is ">"-quoted, which stands in for the date or address a line
// must otherwise hold.
func isAttributionText(s string, quoted bool) bool {
	if !strings.HasSuffix(s, ":") {
		return false
	}
	l := strings.ToLower(s)
	hasVerb := false
	for _, v := range attributionVerbs {
		if k := strings.Index(l, v); k >= 0 {
			// a whole word: not "rewrote"
			if k == 0 || !unicode.IsLetter(rune(l[k-1])) {
				hasVerb = true
				break
			}
		}
	}
	if !hasVerb {
		return false
	}
	started := false
	for _, p := range attributionStarts {
		if strings.HasPrefix(l, p) {
			started = true
			break
		}
	}
	// The verb at the end ("… wrote:") or a known start ("Am … schrieb X:").
	endsWithVerb := false
	body := strings.TrimSpace(strings.TrimSuffix(l, ":"))
	for _, v := range attributionVerbs {
		if strings.HasSuffix(body, v) {
			endsWithVerb = true
			break
		}
	}
	// Or a date first and the author's address last ("1 mars 2026 kl.
	// 18:00 skrev Support <s@x>:", as Scandinavian clients write it).
	dated := len(l) > 0 && (l[0] >= '0' && l[0] <= '9' || strings.IndexByte(l, ' ') > 0 && strings.IndexByte(l[:strings.IndexByte(l, ' ')], '.') > 0)
	addressed := strings.HasSuffix(s, ">:") && strings.Contains(s, "@")
	if !started && !endsWithVerb && !(dated && addressed) {
		return false
	}
	// A date or an address, or quoted text below: "My colleague wrote:"
	// followed by their own words is the customer's text.
	return quoted || strings.ContainsAny(s, "0123456789@")
}

// The desk's own text quoted without a marker. Some clients, phones and
// customers who copy and paste put the desk's earlier reply under the new
// text with no ">", attribution or header block. deskLines finds it by
// its words: a line counts as the desk's when every word of it lies in a
// run of words that one of the texts the desk sent holds in the same
// order. Words are runs of letters and digits, lowercased, so re-wrapping,
// blank space, quoting prefixes ("> ", "| "), punctuation and what an
// HTML-to-text conversion changes do not matter.

const (
	// deskMinRun is the fewest words of a run that counts anywhere: six
	// words in a row of the desk's text are not the customer's by chance.
	deskMinRun = 6
	// deskMinWhole is the fewest words of a sent text that counts when the
	// run is the whole text ("Your refund was sent.") and follows other
	// words: a mail that is only "Thank you very much!" is the customer's,
	// whoever said it first.
	deskMinWhole = 3
	// deskMinTail is the fewest words of a run that ends a sent text
	// (its sign-off, "Best, Ann") and counts after a longer run of the
	// same text: the desk's text resumed after an inline answer.
	deskMinTail = 2
	// deskMaxWords bounds the words read of the body and of the sent
	// texts each; what lies beyond is left as it is.
	deskMaxWords = 50000
	// deskMaxCandidates bounds the places of the sent texts tried for
	// each word pair of the body, so that repetitive text stays linear.
	deskMaxCandidates = 32
)

// appendWords appends the words of s to dst: maximal runs of letters,
// digits and combining marks, in Unicode normalization form NFKC (so an
// accent typed apart, a full-width letter or a ligature reads as the
// desk's own character; UAX #15), lowercased.
func appendWords(dst []string, s string) []string {
	s = norm.NFKC.String(s)
	start := -1
	for i, r := range s {
		isWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		switch {
		case isWord && start < 0:
			start = i
		case !isWord && start >= 0:
			dst = append(dst, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		dst = append(dst, strings.ToLower(s[start:]))
	}
	return dst
}

// deskLines reports which of lines are the desk's own text, one of sent,
// quoted without a marker, or nil when none is. A line with words is the
// desk's when each word lies in a counted run (or repeats, on that line,
// a word that does: a link shown as "url <url>"). A run counts when it has
// deskMinRun words, or is a whole sent text of deskMinWhole after other
// words of the body, or ends a
// sent text with deskMinTail words after a counted run of it. A line
// without words (a "____" or "--" rule) is the desk's when the next line
// with words is. Lines of a sent text that start with ">" quote someone
// else (the customer, most often) and are not the desk's own text.
func deskLines(lines []string, sent []string) []bool {
	if len(sent) == 0 {
		return nil
	}
	// The sent texts' words, each text ended by "" (no word equals it);
	// textStart and textEnd: where each text's words start and end.
	var sw []string
	var textOf []int
	textStart, textEnd := make([]int, len(sent)), make([]int, len(sent))
	for k, t := range sent {
		textStart[k] = len(sw)
		for _, l := range strings.Split(t, "\n") {
			if len(sw) >= deskMaxWords {
				break
			}
			if strings.HasPrefix(strings.TrimSpace(l), ">") {
				sw = append(sw, "")
			} else {
				n := len(sw)
				if sw = appendWords(sw, l); len(sw) > n {
					textEnd[k] = len(sw)
				}
			}
			for len(textOf) < len(sw) {
				textOf = append(textOf, k)
			}
		}
		sw, textOf = append(sw, ""), append(textOf, k)
	}
	pairs := map[[2]string][]int{}
	for j := 0; j+1 < len(sw); j++ {
		if sw[j] == "" || sw[j+1] == "" {
			continue
		}
		p := [2]string{sw[j], sw[j+1]}
		if len(pairs[p]) < deskMaxCandidates {
			pairs[p] = append(pairs[p], j)
		}
	}
	// The body's words and the first word of each line; lines from
	// unread on were not read (deskMaxWords).
	var bw []string
	first := make([]int, len(lines)+1)
	unread := len(lines)
	for i, l := range lines {
		first[i] = len(bw)
		if len(bw) >= deskMaxWords && unread == len(lines) {
			unread = i
		}
		if i < unread {
			bw = appendWords(bw, l)
		}
	}
	first[len(lines)] = len(bw)

	covered := make([]bool, len(bw))
	longEnd := make([]int, len(sent)) // per text: sent end of its last counted run, -1 none
	for k := range longEnd {
		longEnd[k] = -1
	}
	found, done := false, 0 // done: body words before it are in a run
	for i := 0; i+1 < len(bw); {
		// The longest run; of equal ones, one that goes on from a counted
		// run of its text (a text may be passed in two forms).
		resumes := func(j int) bool { k := textOf[j]; return longEnd[k] >= 0 && longEnd[k] <= j }
		best, at := 0, -1
		for _, j := range pairs[[2]string{bw[i], bw[i+1]}] {
			n := 0
			for i+n < len(bw) && bw[i+n] == sw[j+n] {
				n++
			}
			if n > best || n == best && n > 0 && resumes(j) && !resumes(at) {
				best, at = n, j
			}
		}
		if best == 0 {
			i++
			continue
		}
		// The pair that starts a run may be too common to be looked up
		// (deskMaxCandidates): take back the words before it that match.
		bi := i
		for bi > done && at > 0 && bw[bi-1] == sw[at-1] {
			bi, at, best = bi-1, at-1, best+1
		}
		k := textOf[at]
		end := at + best
		counts := best >= deskMinRun ||
			best >= deskMinWhole && at == textStart[k] && end == textEnd[k] && bi > 0 ||
			best >= deskMinTail && end == textEnd[k] && longEnd[k] >= 0 && longEnd[k] <= at
		if !counts {
			i++
			continue
		}
		for n := bi; n < bi+best; n++ {
			covered[n] = true
		}
		if end > longEnd[k] {
			longEnd[k] = end
		}
		found = true
		i, done = bi+best, bi+best
	}
	if !found {
		return nil
	}

	desk := make([]bool, len(lines))
	for i := range unread {
		from, to := first[i], first[i+1]
		if from == to {
			continue
		}
		in := map[string]bool{}
		for n := from; n < to; n++ {
			if covered[n] {
				in[bw[n]] = true
			}
		}
		if len(in) == 0 {
			continue
		}
		desk[i] = true
		for n := from; n < to && desk[i]; n++ {
			desk[i] = covered[n] || in[bw[n]]
		}
	}
	// A rule without words goes with the desk's text below it.
	next := false // the next line with words is the desk's
	for i := unread - 1; i >= 0; i-- {
		switch {
		case first[i] != first[i+1]:
			next = desk[i]
		case strings.TrimSpace(lines[i]) != "" && next:
			desk[i] = true
		}
	}
	return desk
}

// marksOnly reports whether lines hold nothing but the marks that
// introduce quoted history: attribution lines (up to the one that ends
// with ":"), header blocks (up to the blank line after them), "Original
// Message" separators, and lines without words. A ">" line is not a mark.
func marksOnly(lines []string) bool {
	for i := 0; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i])
		switch {
		case len(appendWords(nil, t)) == 0 && !strings.HasPrefix(t, ">"):
		case isOriginalMessage(t):
		case isHeaderBlock(lines, i):
			for i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
				i++
			}
		case isAttribution(lines, i):
			for n := 1; n < 3 && !strings.HasSuffix(strings.TrimSpace(lines[i]), ":") && i+1 < len(lines); n++ {
				i++
			}
		default:
			return false
		}
	}
	return true
}
