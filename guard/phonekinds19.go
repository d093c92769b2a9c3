package guard

// phonekinds19.go (g19p): the kinds of phone she has, said of her record
// with a negation or "only": "We have no landline for you, only mobiles",
// "There's no landline on your account", "Sie haben nur Handynummern bei
// uns", "No tenemos fijo para usted, solo móviles". Which kinds of phone
// are on file narrows her numbers as a country does. The business's own
// lines ("we have no landline support, only chat", "our shop has no
// landline"), advice ("you can't use a landline for the codes", "please
// give us a mobile, not a landline"), a question and a condition pass:
// the sentence must hold a word of having or of the record and a second
// person.

// phoneKinds19 name a kind of phone: a landline or a mobile, singular
// and plural (normalised).
var phoneKinds19 = set("landline", "landlines", "festnetz", "festnetznummer", "festnetznummern", "festnetzanschluss",
	"fixe", "fixes", "fijo", "fijos", "fisso", "fissi", "vaste", "vast", "fixo", "fixos", "mobile", "mobiles", "handy",
	"handys", "handynummer", "handynummern", "mobilnummer", "mobilnummern", "portable", "portables", "movil", "moviles",
	"celular", "celulares", "cellulare", "cellulari", "mobiel", "mobiele", "mobieltjes", "telemovel", "telemoveis", "gsm",
	"cell", "cells", "cellphone", "cellphones")

// phoneKindShape19 holds the shapes of phoneKinds19, a quick test
// before the look-up.
var phoneKindShape19 = shapesOf(keysOf(phoneKinds19))

// phoneKindOnly19 say "only" or "no": the kinds she has or lacks
// (normalised).
var phoneKindOnly19 = set("only", "just", "nur", "lediglich", "seulement", "uniquement", "que", "solo", "solamente",
	"unicamente", "soltanto", "solamente", "alleen", "enkel", "slechts", "so", "apenas", "somente", "no", "not", "kein",
	"keine", "keinen", "pas", "aucun", "aucune", "ningun", "ninguno", "nessun", "nessuno", "geen", "nenhum", "nao", "non",
	"nicht", "niet")

// phoneKindHave19 are the words of having or of the record (normalised).
var phoneKindHave19 = union(haveWords, youHave19, set("theres", "hay", "gibt", "registered", "hinterlegt", "gespeichert",
	"enregistre", "enregistres", "registrado", "registrados", "registrato", "registrati", "geregistreerd", "registados",
	"file", "record", "records", "account", "konto", "compte", "cuenta", "conto", "rekening", "conta", "navons", "avons",
	"abbiamo", "hebben", "temos", "tenemos", "ha", "has", "hat", "tiene", "heeft", "tem"))

// phoneKindAdvice19 make the sentence advice or the business's: a modal,
// an imperative of giving, a service (normalised).
var phoneKindAdvice19 = set("can", "cant", "cannot", "could", "must", "need", "needs", "should", "kann", "konnen",
	"muss", "mussen", "sollten", "peut", "pouvez", "devez", "faut", "puede", "pueden", "debe", "necesita", "puo",
	"possono", "deve", "serve", "kan", "kunnen", "moet", "moeten", "pode", "podem", "precisa", "please", "bitte", "give",
	"geben", "donnez", "indiquez", "support", "service", "hotline", "chat", "shop", "store", "laden",
	"magasin", "tienda", "negozio", "winkel", "loja", "accept", "accepts", "accepted", "akzeptieren", "acceptons",
	"aceptamos", "accettiamo", "accepteren", "aceitamos", "receive", "empfangen", "recevoir", "recibir", "ricevere",
	"ontvangen", "receber", "use", "nutzen", "utiliser", "usar", "usare", "gebruiken")

// phoneKindsSaid19 reports whether a sentence of t says which kinds of
// phone are hers (see above).
func (t *text) phoneKindsSaid19() bool {
	if t.cls&(clNeg|clNegAny|clRecord23) == 0 || t.gate7&g7PhoneKind == 0 {
		return false // no negation, no "only" (onlyWords23), no record: nothing to read
	}
	for k := range t.toks {
		tk := &t.toks[k]
		if n := tk.len6; n < 3 || n > 17 || tk.shape&tsDigits != 0 || !phoneKindShape19.hasTok(tk) || !phoneKinds19[string(t.tokBytes(k))] {
			continue
		}
		if tk.flags&fQuestion != 0 {
			continue
		}
		from, to := t.sentenceOf(k)
		var only, have, you bool
		for j := from; j < to; j++ {
			w := string(t.tokBytes(j))
			if ourWords[w] || anyWords[w] || procUs[w] && j > from && !withWords24[string(t.tokBytes(j-1))] || phoneKindAdvice19[w] || procEvery[w] {
				only = false
				have = false
				break
			}
			if t.toks[j].lex&lxCond != 0 && !(w == "si" && j > from && paraWords19[string(t.tokBytes(j-1))]) {
				only = false // "if you have no mobile", not Portuguese "para si"
				break
			}
			only = only || phoneKindOnly19[w] && j != k
			have = have || phoneKindHave19[w]
			you = you || secondPerson[w] || w == "si" && j > from && paraWords19[string(t.tokBytes(j-1))]
		}
		if only && have && you {
			return true
		}
	}
	return false
}

// paraWords19 make Portuguese "si" the person addressed: "para si".
var paraWords19 = set("para", "a", "de", "por")
