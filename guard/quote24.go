package guard

import (
	"slices"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// A reply that opens by quoting the requester (g24): "> is it going to
// 12 Rue de la Paix? I can't confirm or deny any address until you're
// verified", "> my DOB is 3 Nov 1979. Thanks. DOB alone isn't enough…",
// "> the old card ends 7158, please replace it / You can change the card
// yourself in the app". The quote runs from the leading "> " to the end
// of its first sentence (?, ! or . before a space) or of its line; a
// " / ", " | " or " — " after it only separates.
//
// The quote is the requester's own words when it asks ("?"), speaks in
// the first person ("my", "ich", "je", "mi", "mijn", "eu") or asks for
// something ("please", "bitte", "por favor"), and holds no words of the
// desk's voice ("your", "we", "our", "votre", "nous", "unser"). Then what
// it holds is an offer of its classes (Offers, and the class of a value
// on file found in it), and the rest of the reply is checked alone, as an
// answer to that offer: "> is it still Via Garibaldi 3? No, that's not
// the one on file" denies, "> which mail? elodie.martin – at exemple.fr"
// gives the value. The quote's own values pass only when the rest refuses
// or speaks of the process (a refusal clause, a verification word, a
// process answer), and only when the caller's offered classes (read from
// the requester's own messages) hold their class: a quote of a class the
// requester never offered is the agent's own words. They pass only when
// the requester wrote the quote, too: found in one of the requester's
// recent messages the caller gives (CheckSaid, quote45.go; none given,
// none found). Otherwise the reply is checked whole as well, so a
// quote alone ("> 12 Rue de la Paix"), one that is not at the start, or
// one in the desk's voice ("> Your card ends 7158. Please verify") still
// blocks on its values.

// leadQuote24 returns the quote of reply and what follows it, when reply
// opens with "> " and something follows the quote's first sentence.
func leadQuote24(reply string) (quote, rest string, ok bool) {
	s := strings.TrimLeft(reply, " \t\r\n")
	if !strings.HasPrefix(s, ">") {
		return "", "", false
	}
	s = strings.TrimLeft(s[1:], " \t")
	end, next := len(s), len(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' {
			end, next = i, i+1
			break
		}
		if c != '?' && c != '!' && c != '.' {
			continue
		}
		j := i + 1
		for j < len(s) && (s[j] == '?' || s[j] == '!' || s[j] == '.') {
			j++
		}
		if c == '.' && j == i+1 && ordinalOrAbbrev53(s, i) {
			continue // "> 3. November 79?", "> geb. 1979?": the dot ends no sentence
		}
		k := j + closersLen24(s[j:])
		if k == len(s) || s[k] == ' ' || s[k] == '\n' || s[k] == '\t' || s[k] == '\r' {
			end, next = k, k
			break
		}
	}
	quote = strings.TrimSpace(s[:end])
	rest = strings.TrimLeft(s[next:], " \t\r\n/|—–-")
	rest = strings.TrimSpace(rest)
	if quote == "" || rest == "" {
		return "", "", false
	}
	return quote, rest, true
}

// closersLen24 returns the length in bytes of the closing quotation marks
// s opens with: '»', '"', '“', '”', '’' or an apostrophe.
func closersLen24(s string) int {
	n := 0
	for n < len(s) {
		switch {
		case s[n] == '"' || s[n] == '\'':
			n++
		case strings.HasPrefix(s[n:], "»"), strings.HasPrefix(s[n:], "“"), strings.HasPrefix(s[n:], "”"), strings.HasPrefix(s[n:], "’"):
			n += 2
			if s[n-2] == 0xe2 {
				n++ // the three-byte marks
			}
		default:
			return n
		}
	}
	return n
}

// Words of the requester's voice and of the desk's (normalised).
var (
	requesterVoice24 = set("i", "im", "ive", "id", "my", "me", "mine", "ich", "mein", "meine", "meinen", "meiner", "meinem",
		"mir", "mich", "je", "j", "mon", "ma", "mes", "moi", "yo", "mi", "mis", "io", "mio", "mia", "miei", "mie",
		"ik", "mijn", "mij", "eu", "meu", "minha", "meus", "minhas", "please", "pls", "bitte", "svp", "plait",
		"favor", "favore", "alstublieft", "graag", "alsjeblieft")
	deskVoice24 = set("your", "yours", "we", "our", "ours", "weve", "wir", "unser", "unsere", "unseren", "unserem", "dein",
		"deine", "votre", "vos", "nous", "notre", "nos", "nosotros", "nuestro", "nuestra", "vuestro", "vuestra",
		"noi", "nostro", "nostra", "vostro", "vostra", "tuo", "tua", "wij", "ons", "onze", "uw", "jouw", "nos",
		"nosso", "nossa", "teu", "tua", "vosso", "vossa")
	// words of the process a rest speaks of: verifying, the link or code
	// sent, the app or the profile where a change is made
	processWords24 = set("verify", "verified", "verification", "verifying", "verifizieren", "verifiziert", "verifizierung",
		"verifier", "verifie", "verification", "verificar", "verificado", "verificacion", "verificarse", "verificare",
		"verificato", "verifica", "verifiche", "verifieren", "geverifieerd", "verificatie", "verificacao", "verificada",
		"identify", "identification", "identifizierung", "identifier", "identificacion", "identificazione",
		"identificatie", "identificacao", "authenticate", "authentication", "link", "lien", "enlace", "collegamento",
		"code", "codigo", "codice", "app", "application", "aplicacion", "applicazione", "aplicacao", "profile",
		"profil", "perfil", "profilo", "profiel", "settings", "einstellungen", "parametres", "ajustes", "impostazioni",
		"instellingen", "definicoes", "konto", "account", "compte", "cuenta", "conta", "portal")
)

// requesterQuote24 reports whether the quote q reads as the requester's
// words: a question, the first person or a request, and no word of the
// desk's voice.
func requesterQuote24(q string) bool {
	r := textPool.Get().(*text)
	defer textPool.Put(r)
	r.normalize(q)
	voice := strings.HasSuffix(strings.TrimRight(q, "»\"“”’' "), "?")
	for i := range r.toks {
		w := string(r.tokBytes(i))
		if deskVoice24[w] {
			return false
		}
		voice = voice || requesterVoice24[w]
	}
	return voice
}

// restAnswersProcess24 reports whether the rest of a quoted reply refuses
// or speaks of the process: a refusal clause, a process answer in one of
// its sentences, or a word of the process.
func restAnswersProcess24(rest string) bool {
	r := textPool.Get().(*text)
	defer textPool.Put(r)
	r.normalize(rest)
	for i := range r.toks {
		if w := r.tokBytes(i); processWords24[string(w)] || len(w) > 6 && (string(w[:5]) == "verif" || string(w[:6]) == "identi") {
			return true // "verificatielink", "Verifizierungscode"
		}
	}
	return r.refusesOrProcess24()
}

// refusesOrProcess24 reports whether t holds a refusal (refusalClauses30)
// or a sentence that answers with the process (processAnswer).
func (t *text) refusesOrProcess24() bool {
	var cutArr [8]span
	if t.refusalCue30() && len(t.refusalClauses30(cutArr[:0])) > 0 {
		return true
	}
	return t.anySentence53(t.processAnswer)
}

// quoteVerdict24 returns the verdict on a reply that opens with a quote of
// the requester, and true, or false when reply opens with none. said are
// the requester's recent messages (saidQuote45), check the verdict of one
// reply under the offered classes.
func quoteVerdict24(reply string, said, offered []string, check func(reply string, offered []string) Verdict) (Verdict, bool) {
	quote, rest, ok := leadQuote24(reply)
	if !ok || !requesterQuote24(quote) {
		return Verdict{}, false
	}
	whole := check(reply, offered)
	off := offered
	for _, c := range Offers(quote) {
		if !slices.Contains(off, c) {
			off = append(slices.Clip(off), c)
		}
	}
	if whole.Blocked && whole.Rule == RuleProtectedValue && whole.Class != proofdesk.ClassName && !slices.Contains(offered, whole.Class) {
		// A value of a class the requester never offered (offered comes
		// from the requester's own messages, not from this reply) is the
		// agent's, whatever quote marks it wears: "> is it 12 Rue de la
		// Paix? I can't confirm" on a conversation where no address was
		// offered.
		return whole, true
	}
	v := check(rest, off)
	if first, _, more := leadQuote24("> " + rest); !v.Blocked && more {
		// The answer's first sentence alone, as the answer to the quoted
		// question: "> does my card end 7158? Correct. Please verify." —
		// a verify step after it does not make a bare verdict a process
		// answer (attack42).
		if w := check(first, off); w.Blocked && (w.Rule == RuleConfirmation || w.Rule == RuleDenial) {
			v = w
		}
	}
	if !v.Blocked {
		v = openingVerdict53(rest, off, check, v) // "> card 7158? Yes, check your bank app for the details."
	}
	if whole.stricter(v) {
		switch {
		case !saidQuote45(quote, said):
			v = whole // the requester never wrote the quote (quote45.go)
		case v.Blocked:
			// her own words quoted, and the answer judges them: the
			// verdict is what the reply discloses
		case !restAnswersProcess24(rest):
			v = whole // the quote's values pass only beside a refusal or the process
		}
	}
	return v, true
}

// quoteLead24 reports whether reply's first character after blanks is
// '>': the one test Check makes before reading a quote.
func quoteLead24(reply string) bool {
	for i := 0; i < len(reply); i++ {
		switch reply[i] {
		case ' ', '\t', '\r', '\n':
		case '>':
			return true
		default:
			return false
		}
	}
	return false
}
