// Package locale chooses the language of what customers read (the
// verification and "This wasn't me" pages, the widget's server texts and
// the emails) and holds those texts in the seven languages Proofdesk
// speaks: English, German, French, Spanish, Italian, Dutch, Portuguese.
//
// The choice follows BCP 47 matching (golang.org/x/text/language): the
// customer's stored preference first (a customer attribute "language",
// e.g. "de" or "pt-BR"), then the browser's Accept-Language, then English.
package locale

import (
	"fmt"
	"strings"

	"golang.org/x/text/language"
)

// Codes are the languages spoken, as the base codes Match returns; the
// first is the fallback.
var Codes = []string{"en", "de", "fr", "es", "it", "nl", "pt"}

var matcher = language.NewMatcher([]language.Tag{
	language.English, language.German, language.French, language.Spanish,
	language.Italian, language.Dutch, language.Portuguese,
})

// Match returns the code (one of Codes) of the first preference that
// matches a language spoken. Each preference is an Accept-Language value
// ("de-CH,de;q=0.9,en;q=0.5") or a single tag ("fr", "pt-BR"); empty and
// malformed ones are skipped, and a preference naming no language spoken
// ("ja") passes to the next. With none matching it returns "en".
func Match(prefs ...string) string {
	for _, p := range prefs {
		p = strings.TrimSpace(p)
		if p == "" || len(p) > 500 {
			continue
		}
		tags, _, err := language.ParseAcceptLanguage(p)
		if err != nil || len(tags) == 0 {
			continue
		}
		_, i, conf := matcher.Match(tags...)
		if conf != language.No {
			return Codes[i]
		}
	}
	return Codes[0]
}

// Texts is the catalogue of one language: key -> text (a fmt format when
// it takes arguments). Keys missing in a language fall back to English.
type Texts struct {
	Lang string
	m    map[string]string
}

// For returns the texts of lang (a code of Codes; anything else is
// English).
func For(lang string) Texts {
	if _, ok := catalogue[lang]; !ok {
		lang = "en"
	}
	return Texts{Lang: lang, m: catalogue[lang]}
}

// T returns the text of key with args formatted in (fmt verbs). An
// unknown key returns the key itself, so a missing text shows, and
// TestCatalogueComplete fails.
func (t Texts) T(key string, args ...any) string {
	s, ok := t.m[key]
	if !ok {
		if s, ok = catalogue["en"][key]; !ok {
			return key
		}
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Map returns every text of the language by key, English filling gaps:
// for templates ({{.L.key}}).
func (t Texts) Map() map[string]string {
	out := make(map[string]string, len(catalogue["en"]))
	for k, v := range catalogue["en"] {
		out[k] = v
	}
	for k, v := range t.m {
		out[k] = v
	}
	return out
}

// Channel names a conversation's channel for the customer.
func (t Texts) Channel(ch string) string {
	switch ch {
	case "chat", "email", "phone":
		return t.T("channel_" + ch)
	}
	return t.T("channel_app")
}
