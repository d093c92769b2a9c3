package locale

import (
	"regexp"
	"slices"
	"sort"
	"testing"
)

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		prefs []string
		want  string
	}{
		{nil, "en"},
		{[]string{""}, "en"},
		{[]string{"de-CH,de;q=0.9,en;q=0.5"}, "de"},
		{[]string{"fr-CA"}, "fr"},
		{[]string{"pt-BR,pt;q=0.9"}, "pt"},
		{[]string{"nl-BE"}, "nl"},
		{[]string{"es-419"}, "es"},
		{[]string{"it"}, "it"},
		{[]string{"en-GB,en;q=0.9"}, "en"},
		{[]string{"ja,ko;q=0.8"}, "en"},                  // nothing spoken: English
		{[]string{"ja", "de-AT,de;q=0.9"}, "de"},         // the next preference
		{[]string{"it", "fr-FR,fr;q=0.9"}, "it"},         // the stored preference first
		{[]string{"x-not a tag;;", "fr"}, "fr"},          // malformed: skipped
		{[]string{"*;q=0.5,es;q=0.1"}, "es"},             // wildcard last
		{[]string{"zh-Hant-TW,nl;q=0.2,de;q=0.1"}, "nl"}, // best of the list
	} {
		if got := Match(tc.prefs...); got != tc.want {
			t.Errorf("Match(%q) = %q, want %q", tc.prefs, got, tc.want)
		}
	}
}

var verb = regexp.MustCompile(`%(\[\d+\])?[sd]`)

// Every language has every English key, nothing else, and the same fmt
// verbs (so no text drops or misplaces an argument).
func TestCatalogueComplete(t *testing.T) {
	en := catalogue["en"]
	for _, lang := range Codes {
		m, ok := catalogue[lang]
		if !ok {
			t.Fatalf("no catalogue for %s", lang)
		}
		for k, v := range en {
			tv, ok := m[k]
			if !ok {
				t.Errorf("%s: no text for %q", lang, k)
				continue
			}
			a, b := verb.FindAllString(v, -1), verb.FindAllString(tv, -1)
			sort.Strings(a)
			sort.Strings(b)
			if !slices.Equal(a, b) {
				t.Errorf("%s %q: verbs %v, English has %v", lang, k, b, a)
			}
		}
		for k := range m {
			if _, ok := en[k]; !ok {
				t.Errorf("%s: %q is not an English key", lang, k)
			}
		}
	}
	if got := For("de").T("attempts_n", 3); got != "Noch 3 Versuche." {
		t.Errorf("German attempts: %q", got)
	}
	if got := For("xx").T("ch_yes"); got != "Yes, this is me" {
		t.Errorf("unknown language: %q", got)
	}
	if got := For("fr").Channel("phone"); got != "Appel téléphonique" {
		t.Errorf("French channel: %q", got)
	}
}
