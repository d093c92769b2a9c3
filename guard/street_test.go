package guard

import (
	"testing"

	"github.com/proofdesk/proofdesk"
)

// TestStreetNamedAlone: a customer's street with its type but no house
// number is blocked where the reply places the customer there, and passes
// where it places a business there or is news about the street itself.
func TestStreetNamedAlone(t *testing.T) {
	m := NewMatcher(elodie(), nil, Options{})
	leaks := []string{
		"The parcel went out to Rue de la Paix this morning.",
		"Still on Via Roma?",
		"Kalverstraat, right?",
		"La Rue de la Paix est votre adresse de livraison.",
		"Die Hauptstraße ist bei Ihnen als Lieferadresse hinterlegt.",
		"Le enviamos todo a la calle Alcalá.",
		"Today Via Roma is where your parcel goes.",
		"It's Alberta Street, number 2218, Portland.",
		"Het is nummer 92 in de Kalverstraat.",
		"Shipping to Rua Augusta as usual.",
	}
	innocent := []string{
		"La rue de la Paix est fermée pour travaux.",
		"Die Hauptstraße ist wegen Bauarbeiten gesperrt.",
		"La calle Alcalá está cortada por una manifestación.",
		"Via Roma è chiusa per il mercato.",
		"De Kalverstraat wordt morgen opnieuw bestraat.",
		"Hoje a Rua Augusta tem trânsito cortado.",
		"Our store on Rue de la Paix opens at nine.",
		"Unsere Filiale in der Hauptstraße in Köln hat zu.",
		"Il nostro negozio di Via Roma a Milano è chiuso.",
		"Onze winkel zit in de Kalverstraat.",
		"A nossa loja na Rua Augusta abre às dez.",
		"The pickup point on Via Roma has new hours.",
	}
	for _, s := range leaks {
		if v := m.Check(s, proofdesk.L0, nil); !v.Blocked || v.Class != proofdesk.ClassAddress {
			t.Errorf("%q: %+v, want blocked address", s, v)
		}
	}
	for _, s := range innocent {
		if v := m.Check(s, proofdesk.L0, nil); v.Blocked {
			t.Errorf("%q: blocked %s %s %s, want pass", s, v.Rule, v.Class, v.Part)
		}
	}
}
