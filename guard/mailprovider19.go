package guard

// mailprovider19.go (g19p): her email told by the provider it is not, on
// her record: "Your e-mail isn't a Sapo one", "It isn't a Gmail address
// we have for you", "Ihre E-Mail ist keine GMX-Adresse", "Votre e-mail
// n'est pas une adresse Gmail". Ruling a provider out narrows her address
// as naming one does (offerfrag.go's providerDenied reads the same after
// an offer, with her domain's ending beside it). The sentence names her
// (a second person or "we have") and an email or "one" beside the
// provider; her own provider, the business's rules ("we don't accept GMX
// addresses", "Gmail isn't supported"), a question and a condition pass.

// mailProviders19 are webmail's providers that name no common word
// (normalised).
var mailProviders19 = minus(webmail, set("live", "me", "web", "orange", "free", "mail", "t"))

// mailProviderRules19 make the sentence a rule of the business's
// (normalised).
var mailProviderRules19 = set("accept", "accepts", "accepted", "support", "supports", "supported", "allow", "allowed",
	"akzeptieren", "akzeptiert", "unterstutzen", "unterstutzt", "acceptons", "accepte", "acceptees", "acceptes",
	"aceptamos", "acepta", "aceptan", "aceptadas", "accettiamo", "accetta", "accettate", "accepteren", "geaccepteerd",
	"aceitamos", "aceita", "aceites", "can", "cannot", "cant", "kann", "konnen", "peut", "pouvez", "puede", "puo", "kan",
	"pode", "use", "nutzen", "utilisez", "utilice", "usi", "gebruik", "utilize", "please", "bitte", "blocked", "blocks",
	"bloqueamos", "blockieren", "bloquons", "bloccati", "blokkeren", "bloqueamos", "spam", "filter", "filtert", "filtre")

// mailProviderSaid19 reports whether t rules a provider out of her email
// (see above).
func (m *Matcher) mailProviderSaid19(t *text) bool {
	if len(m.emailParts) == 0 || t.cls&(clNeg|clNegAny) == 0 {
		return false
	}
	for k := range t.toks {
		tk := &t.toks[k]
		if n := tk.end - tk.off - 1; n < 3 || n > 11 || tk.shape&tsDigits != 0 {
			continue
		}
		w := string(t.tokBytes(k))
		if !mailProviders19[w] || m.herProvider19(w) || tk.flags&fQuestion != 0 {
			continue
		}
		from, to := t.sentenceOf(k)
		var neg, mail, her bool
		for j := from; j < to; j++ {
			x := string(t.tokBytes(j))
			if mailProviderRules19[x] || ourWords[x] || t.toks[j].lex&lxCond != 0 {
				neg = false
				break
			}
			neg = neg || t.toks[j].cls&(clNeg|clNegAny) != 0 || x == "pas" || x == "niet" || x == "geen" || x == "nao"
			mail = mail || emailNouns[x] || mailboxWords[x] || addressNouns[x] || j == k+1 && x == "1"
			her = her || secondPerson[x] || haveWords[x] || accountWords[x]
		}
		if neg && mail && her {
			return true
		}
	}
	return false
}

// herProvider19 reports whether w is the first label of one of her
// emails' domains (joined: "exemplefr" opens with "exemple").
func (m *Matcher) herProvider19(w string) bool {
	for _, p := range m.emailParts {
		if len(p[1]) >= len(w) && p[1][:len(w)] == w {
			return true
		}
	}
	return false
}
