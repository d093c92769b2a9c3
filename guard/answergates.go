package guard

// Replies after an offer that answer nothing about the offered value
// though they hold a yes, a no or an agreement (guard10):
//
//   - agreeing with a complaint: "You're right that we tried to call
//     you twice", "you're right, the email we sent had a broken link":
//     what is right is the complaint (complaintAgreed);
//   - "no" and then a deferral: "No, whether the number is registered
//     I'll tell you after verification" (deferredAfter);
//   - a yes to a resend that goes to whatever is on file: "Yes, I'll
//     resend the link to the email already on file" (toStoredOne);
//   - a sarcastic refusal: "Sure, I confirm addresses without
//     verification… no, of course not" (mockRefusal).

// complaintAgreed reports whether the affirmation at token i (span sp)
// says the person addressed is right ("you're right") about a complaint:
// "that" opens what they are right about, or the sentence goes on with
// an apology, a repetition ("twice") or a failure ("broken").
func (t *text) complaintAgreed(i int, sp span) bool {
	right := false
	j := i
	for ; j < len(t.toks) && int(t.toks[j].off) < sp.end-1; j++ {
		right = right || rightWords[string(t.tokBytes(j))]
	}
	if !right {
		return false
	}
	_, to := t.sentenceOf(i)
	if j < to && (t.toks[j].lex&lxCopula != 0 || j+1 < to && t.toks[j].lex&(lxDemo|lxRef) != 0 && t.toks[j+1].lex&lxCopula != 0) {
		return false // "you're right, that's the number we called twice": a pointer clause answers
	}
	if j < to && string(t.tokBytes(j)) == "that" && t.toks[j-1].flags&fPunctAfter == 0 {
		return true // "you're right that we ..."
	}
	for k := j; k < to; k++ {
		if complaintWords[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

// Words of agreeing with a complaint (normalised).
var (
	// rightWords say the person addressed is right.
	rightWords = set("right", "recht", "raison", "razon", "ragione", "gelijk", "razao")
	// complaintWords tell a complaint: an apology, a repetition, a
	// failure.
	complaintWords = set("sorry", "apologies", "apologise", "apologize", "entschuldigung", "entschuldigen", "leid",
		"desole", "desolee", "desoles", "excuses", "disculpe", "disculpas", "perdon", "scusi", "scuse", "spiacenti",
		"excuses", "desculpe", "desculpas", "twice", "zweimal", "doppelt", "fois", "veces", "volte", "keer", "vezes",
		"broken", "kaputt", "kaputten", "kaputter", "casse", "cassee", "roto", "rota", "rotto", "rotta", "kapot",
		"kapotte", "partido", "quebrado", "failed", "fehlgeschlagen", "echoue", "fallo", "fallito", "mislukt", "falhou")
)

// deferredAfter reports whether the sentence of token i defers the
// answer after it: a word for verification or a form after "after" or
// "once" ("No, whether the number is registered I'll tell you after
// verification").
func (t *text) deferredAfter(i int) bool {
	_, to := t.sentenceOf(i)
	for k := i + 1; k < to; k++ {
		if !deferWord(t.tokBytes(k)) {
			continue
		}
		for j := max(i+1, k-3); j < k; j++ {
			if afterWords[string(t.tokBytes(j))] {
				return true
			}
		}
	}
	return false
}

// afterWords put a deferral after a step: "after verification", "nach
// der Verifizierung", "once you're verified" (normalised). "die
// Altersprüfung ist damit durch" is no deferral.
var afterWords = set("after", "once", "until", "till", "nach", "nachdem", "sobald", "erst", "apres", "une", "tras",
	"despues", "dopo", "appena", "na", "nadat", "zodra", "depois", "apos", "assim")

// toStoredOne reports whether tokens [from, to) send something to a
// value said to be already on file, whatever it is: a word for "to", a
// value noun within 3 tokens, "already" right after it ("to the email
// already on file", "alla mail già registrata", "para o e-mail já
// registado"). "That email is already on file" has no "to": it answers;
// "to the address that's already on the account, as you said" points.
func (t *text) toStoredOne(from, to int) bool {
	for k := from; k < to; k++ {
		if !toWords[string(t.tokBytes(k))] && !destWords[string(t.tokBytes(k))] {
			continue
		}
		for n := k + 1; n < to && n <= k+3; n++ {
			if !valueNouns[string(t.tokBytes(n))] && !emailNouns[string(t.tokBytes(n))] {
				continue
			}
			if n+1 < to && alreadyWords[string(t.tokBytes(n+1))] {
				return true
			}
		}
	}
	return false
}

// Words of sending to what is on file (normalised).
var (
	destWords    = set("an", "a", "al", "alla", "all", "au", "naar", "para", "pro")
	alreadyWords = set("already", "bereits", "schon", "deja", "ya", "gia", "al", "reeds", "ja")
)

// mockRefusal reports whether t claims to confirm or give a value
// "without verification" and takes it back with a no in the next clause:
// "Sure, I confirm addresses without verification… no, of course not".
func (t *text) mockRefusal() bool {
	for k := 1; k+2 < len(t.toks); k++ {
		if !withoutWords[string(t.tokBytes(k))] || !deferWord(t.tokBytes(k+1)) {
			continue
		}
		if w := string(t.tokBytes(k + 2)); answerNo[w] || negations[w] {
			return true
		}
	}
	return false
}

// withoutWords say "without" (normalised).
var withoutWords = set("without", "ohne", "sans", "sin", "senza", "zonder", "sem")
