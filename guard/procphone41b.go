package guard

// procphone41b.go (f41b): phone readings of a process answer.
//
// The registered one of a class named by its kind of phone is a process
// step as "the registered number" is (process.go toRegistered): "Le code
// part vers le portable enregistré", "El código va al móvil registrado",
// "Il codice va al cellulare registrato", "O código vai para o
// telemóvel registado".

// regPhoneNouns41b are the kinds of phone beside a word for
// "registered" (normalised).
var regPhoneNouns41b = set("mobile", "portable", "movil", "cellulare", "telemovel", "handy", "mobiel", "celular",
	"cell", "cellphone", "mobiltelefon", "telefonino", "gsm")

// Her phone told by its network's country inside a process answer, as
// procphone35.go reads a phone noun: "We'll ring the one on the German
// network", "Wir rufen Sie auf dem deutschen Netz an", "Nous vous
// appellerons sur le réseau allemand", "Le llamaremos a la red alemana",
// "La chiameremo sulla rete tedesca", "We bellen u op het Duitse
// netwerk", "Vamos ligar-lhe na rede alemã". A network is a phone's:
// her phone's country beside it says she has a phone of that country.

// networkNouns41b name a phone network (normalised).
var networkNouns41b = set("network", "netz", "netzwerk", "mobilfunknetz", "handynetz", "reseau", "red", "rete",
	"netwerk", "rede", "carrier", "operator", "anbieter", "operateur", "operador", "operatore", "provider", "simkaart",
	"sim")

// networkTold41b reports whether a sentence of t does something with
// one of her phones told by its network's country.
func (m *Matcher) networkTold41b(t *text) bool {
	if len(m.phoneDigits) == 0 || t.gate7&g7Network == 0 {
		return false
	}
	for i := range t.toks {
		if !networkGate7.tok(&t.toks[i]) || !networkNouns41b[string(t.tokBytes(i))] {
			continue
		}
		from, to := t.sentenceOf(i)
		if t.toks[i].flags&fQuestion != 0 || !m.phoneQualified(t, i, from, to) || !t.procPhoneAct(from, i, to) {
			continue
		}
		return true
	}
	return false
}
