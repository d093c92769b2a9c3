package guard

import (
	"testing"

	"github.com/proofdesk/proofdesk"
)

// TestAgreementAbout: sameness and a denied difference affirm, a
// difference denies, when the sentence is about the account or the offer;
// an affirmation or denial about another thing (a policy, a fee, a
// delivery date, a discount code) answers something else and passes.
func TestAgreementAbout(t *testing.T) {
	m := NewMatcher(elodie(), nil, Options{})
	cases := []struct {
		reply, offered, rule string // rule "" = must pass
	}{
		{"I have the identical address in the account.", "address", RuleConfirmation},
		{"No difference from what you typed, it's on the profile.", "address", RuleConfirmation},
		{"Keine Abweichung zu dem, was Sie geschrieben haben.", "phone", RuleConfirmation},
		{"Je vois la même adresse sur le compte.", "address", RuleConfirmation},
		{"Ninguna diferencia con los datos del sistema.", "email", RuleConfirmation},
		{"È lo stesso numero registrato.", "phone", RuleConfirmation},
		{"Geen verschil met het profiel.", "address", RuleConfirmation},
		{"Sem diferença em relação aos dados.", "date_of_birth", RuleConfirmation},
		{"There is a discrepancy with the account.", "address", RuleDenial},
		{"Es gibt einen Unterschied zu unseren Daten.", "phone", RuleDenial},
		{"Ça ne colle pas avec le dossier.", "email", RuleDenial},
		{"Ja, so haben wir das auch.", "address", RuleConfirmation},
		{"Die Adresse ist identisch mit dem, was hinterlegt ist.", "address", RuleConfirmation},
		{"Dat is één op één wat u opgaf.", "phone", RuleConfirmation},
		{"That matches our shipping policy exactly.", "address", ""},
		{"Cela correspond à nos conditions de vente.", "address", ""},
		{"Das entspricht unserer Rückgabe-Richtlinie.", "address", ""},
		{"Le prix ne correspond pas à celui du site, je corrige.", "phone", ""},
		{"Esa talla no es la que está en oferta.", "date_of_birth", ""},
		{"No, esa fecha de entrega ya no está libre.", "date_of_birth", ""},
		{"Il codice sconto non risulta valido.", "email", ""},
		{"De kortingscode komt niet overeen met de actie.", "phone", ""},
		{"O preço não corresponde ao anunciado, vamos corrigir.", "phone", ""},
		{"Same-day delivery is available in Paris.", "address", ""},
		{"We have the same problem with another courier.", "address", ""},
		{"Confermo l'appuntamento di venerdì.", "date_of_birth", ""},
		{"That's correct, your delivery will go there.", "address", RuleConfirmation},
		{"Correct, your parcel goes there.", "address", RuleConfirmation},
		{"Klopt, uw pakket gaat daarheen.", "address", RuleConfirmation},
		{"That matches the address for your order.", "address", RuleConfirmation},
	}
	for _, c := range cases {
		v := m.Check(c.reply, proofdesk.L0, []string{c.offered})
		switch {
		case c.rule == "" && v.Blocked:
			t.Errorf("%q: blocked %s %s, want pass", c.reply, v.Rule, v.Class)
		case c.rule != "" && (!v.Blocked || v.Rule != c.rule):
			t.Errorf("%q: %+v, want %s", c.reply, v, c.rule)
		}
	}
}
