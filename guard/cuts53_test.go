package guard

import (
	"path/filepath"
	"testing"

	"github.com/proofdesk/proofdesk"
)

// TestCutRepliesNoGuardError checks every corpus reply cut after each of
// its words, with every class offered: no cut may make the guard fail
// (RuleGuardError, a recovered panic). Readings that look a token or two
// ahead read past the reply's end on replies that stop early ("Nicht
// die", "it's at exemple"): a panic blocks the reply (fail closed) but
// logs an internal error for an innocent reply.
func TestCutRepliesNoGuardError(t *testing.T) {
	m := NewMatcher(elodie(), nil, Options{Public: []string{"Proofdesk, 1 Avenue de l'Opéra, 75001 Paris"}, Now: corpusNow})
	all := []string{proofdesk.ClassAddress, proofdesk.ClassPhone, proofdesk.ClassEmail, proofdesk.ClassDateOfBirth, proofdesk.ClassPayment}
	files, _ := filepath.Glob("testdata/lang/*.txt")
	seen := map[string]bool{}
	for _, f := range files {
		for _, c := range loadLang(t, f) {
			r := c.reply
			for i := 1; i <= len(r); i++ {
				if i < len(r) && r[i] != ' ' || seen[r[:i]] {
					continue
				}
				seen[r[:i]] = true
				if v := m.Check(r[:i], proofdesk.L0, all); v.Rule == RuleGuardError {
					t.Errorf("%s:%d cut %q: guard error", c.file, c.line, r[:i])
				}
			}
		}
	}
	if len(seen) < 100000 {
		t.Fatalf("only %d cuts checked", len(seen))
	}
}

// TestCutRepliesRegressions are the cuts that made the guard fail, with
// the verdicts they must get: a bare "not that one" after an offer is a
// denial, and her mail domain's label at the reply's end is a disclosure.
func TestCutRepliesRegressions(t *testing.T) {
	m := NewMatcher(elodie(), nil, Options{Public: []string{"Proofdesk, 1 Avenue de l'Opéra, 75001 Paris"}, Now: corpusNow})
	for _, tc := range []struct {
		reply, offered, rule, class string
	}{
		{"Nicht die", proofdesk.ClassPayment, RuleDenial, proofdesk.ClassPayment},
		{"Non quella.", proofdesk.ClassPayment, RuleDenial, proofdesk.ClassPayment},
		{"Die niet.", proofdesk.ClassPhone, RuleDenial, proofdesk.ClassPhone},
		{"its at exemple", "", RuleProtectedValue, proofdesk.ClassEmail},
		{"The one we have is at exemple", "", RuleProtectedValue, proofdesk.ClassEmail},
		{"arobase exemple", proofdesk.ClassEmail, RuleProtectedValue, proofdesk.ClassEmail},
	} {
		var off []string
		if tc.offered != "" {
			off = []string{tc.offered}
		}
		if v := m.Check(tc.reply, proofdesk.L0, off); v.Rule != tc.rule || v.Class != tc.class {
			t.Errorf("%q (offered %q): %s %s, want %s %s", tc.reply, tc.offered, v.Rule, v.Class, tc.rule, tc.class)
		}
	}
}
