package mail

import (
	"slices"
	"strings"
	"unicode"
)

// StripQuoted returns text without the quoted history a mail client adds to
// a reply and without a trailing signature; StripQuotedSubject with no
// subject. The full text is always kept besides (Inbound.TextBody): this is
// what the conversation shows, not what is stored.
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
func StripQuotedSubject(text, subject string) string {
	return stripQuoted(text, isForwardSubject(subject))
}

// stripQuoted is StripQuotedSubject; forward says an Outlook header block
// starts forwarded text rather than quoted history.
func stripQuoted(text string, forward bool) string {
	lines := strings.Split(text, "\n")
	out := make([]string, 0, len(lines))
scan:
	for i := 0; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], "\r")
		t := strings.TrimSpace(line)
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
