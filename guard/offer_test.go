package guard

import (
	"testing"

	"github.com/proofdesk/proofdesk"
)

// TestOfferAnswer: after an offered value, a sentence naming its class
// beside a word for the account answers about it (blocked), unless an
// exclusion, a deferral or a question sits anywhere in the reply, in the
// same sentence or not.
func TestOfferAnswer(t *testing.T) {
	m := NewMatcher(elodie(), nil, Options{})
	for _, c := range []struct {
		reply, class string
		blocked      bool
	}{
		{"Well, that address is not missing from the account, it is the default one.", proofdesk.ClassAddress, true},
		{"Non, celle du compte est à Lyon.", proofdesk.ClassAddress, true},
		{"That one is not where the account sends parcels, the account points elsewhere.", proofdesk.ClassAddress, true},
		// a refusal in one sentence, the value named in the next
		{"I can't tell you that over chat. Please ring us from the mobile on the account.", proofdesk.ClassPhone, false},
		// a deferral in another sentence
		{"The birth date on the account stays private. Once your verification is done I can say more.", proofdesk.ClassDateOfBirth, false},
		// a question in another sentence
		{"The mobile on the account gets a code from us. Did it arrive?", proofdesk.ClassPhone, false},
	} {
		if v := m.Check(c.reply, proofdesk.L0, []string{c.class}); v.Blocked != c.blocked {
			t.Errorf("%q (offered %s): blocked %v (%s), want %v", c.reply, c.class, v.Blocked, v.Rule, c.blocked)
		}
	}
}
