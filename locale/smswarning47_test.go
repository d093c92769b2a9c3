package locale

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestSMSRequestWarnsInEveryLanguage: the SMS verification request carries
// the warning the email has (nobody will ever ask for the code), in every
// language, with every code text, and stays within three concatenated
// UCS-2 segments (3 x 67 characters is too few for the link; 6 x 67 =
// 402), well under the provider's 1600.
func TestSMSRequestWarnsInEveryLanguage(t *testing.T) {
	link := "https://support.example-shop.com/v/" + strings.Repeat("A", 43)
	for _, lang := range Codes {
		tx := For(lang)
		body := tx.T("v_body", "Example Shop", "chat", "2026-01-01 10:00", link, "", "10 minutes")
		warning := warnings47[lang]
		if !strings.Contains(body, warning) {
			t.Fatalf("%s: the email's warning is not %q", lang, warning)
		}
		for _, where := range []string{"chat", "phone", "other"} {
			sms := tx.T("v_sms", "Example Shop", tx.Channel("chat"), link, tx.T("sms_code_"+where, "482913"))
			if !strings.Contains(sms, warning) {
				t.Errorf("%s/%s: the SMS carries the code without the email's warning %q: %q", lang, where, warning, sms)
			}
			if n := utf8.RuneCountInString(sms); n > 402 {
				t.Errorf("%s/%s: the SMS is %d characters, over 6 UCS-2 segments: %q", lang, where, n, sms)
			}
		}
	}
}

// warnings47 is the email's warning in each language, with the company.
var warnings47 = map[string]string{
	"en": "Nobody from Example Shop will ever ask you to read this code out.",
	"de": "Niemand von Example Shop wird Sie je bitten, diesen Code vorzulesen.",
	"fr": "Personne de Example Shop ne vous demandera jamais de lire ce code.",
	"es": "Nadie de Example Shop le pedirá nunca que lea este código en voz alta.",
	"it": "Nessuno di Example Shop ti chiederà mai di leggere questo codice.",
	"nl": "Niemand van Example Shop zal je ooit vragen deze code voor te lezen.",
	"pt": "Ninguém da Example Shop lhe pedirá para ler este código.",
}
