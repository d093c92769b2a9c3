package proofdesk_test

import "strings"

// Cardinals 0-99 in the guard's seven languages, as a customer writes a
// code in pairs ("forty-eight twenty-nine thirteen"). A pair below ten
// is said with its zero ("zero four").

var units = map[string][10]string{
	"en": {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"},
	"de": {"null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"},
	"fr": {"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"},
	"es": {"cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"},
	"it": {"zero", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"},
	"nl": {"nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"},
	"pt": {"zero", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove"},
}

var teens = map[string][10]string{
	"en": {"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"},
	"de": {"zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"},
	"fr": {"dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"},
	"es": {"diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve"},
	"it": {"dieci", "undici", "dodici", "tredici", "quattordici", "quindici", "sedici", "diciassette", "diciotto", "diciannove"},
	"nl": {"tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien"},
	"pt": {"dez", "onze", "doze", "treze", "catorze", "quinze", "dezesseis", "dezessete", "dezoito", "dezenove"},
}

var tens = map[string][10]string{
	"en": {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"},
	"de": {"", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"},
	"fr": {"", "", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante", "quatre-vingt", "quatre-vingt"},
	"es": {"", "", "veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"},
	"it": {"", "", "venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta"},
	"nl": {"", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"},
	"pt": {"", "", "vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa"},
}

var esVeinti = [10]string{"veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco", "veintiséis", "veintisiete", "veintiocho", "veintinueve"}

// cardinal spells n (0-99) in lang as a native writes it.
func cardinal(lang string, n int) string {
	u, t := units[lang], tens[lang]
	switch {
	case n < 10:
		return u[n]
	case n < 20:
		return teens[lang][n-10]
	}
	d, r := n/10, n%10
	switch lang {
	case "en":
		if r == 0 {
			return t[d]
		}
		return t[d] + "-" + u[r]
	case "de":
		if r == 0 {
			return t[d]
		}
		w := u[r]
		if r == 1 {
			w = "ein"
		}
		return w + "und" + t[d]
	case "nl":
		if r == 0 {
			return t[d]
		}
		if strings.HasSuffix(u[r], "e") {
			return u[r] + "ën" + t[d] // tweeëntwintig, drieëntwintig
		}
		return u[r] + "en" + t[d]
	case "fr":
		switch {
		case d == 7 || d == 9:
			if d == 7 && r == 1 {
				return "soixante et onze"
			}
			return t[d] + "-" + cardinal("fr", 10+r)
		case r == 0 && d == 8:
			return "quatre-vingts"
		case r == 0:
			return t[d]
		case r == 1 && d != 8:
			return t[d] + " et un"
		}
		return t[d] + "-" + u[r]
	case "es":
		if d == 2 {
			return esVeinti[r]
		}
		if r == 0 {
			return t[d]
		}
		return t[d] + " y " + u[r]
	case "pt":
		if r == 0 {
			return t[d]
		}
		return t[d] + " e " + u[r]
	case "it":
		if r == 0 {
			return t[d]
		}
		w := t[d]
		if r == 1 || r == 8 {
			w = w[:len(w)-1] // ventuno, trentotto
		}
		w += u[r]
		if r == 3 {
			w = w[:len(w)-1] + "é" // ventitré
		}
		return w
	}
	panic("no language " + lang)
}

var langs = []string{"en", "de", "fr", "es", "it", "nl", "pt"}

// inPairs spells a 6-digit code as three cardinals of two digits; a
// pair below ten is said with its zero.
func inPairs(lang, code string) string {
	var out []string
	for i := 0; i < len(code); i += 2 {
		n := int(code[i]-'0')*10 + int(code[i+1]-'0')
		if n < 10 {
			out = append(out, units[lang][0])
		}
		out = append(out, cardinal(lang, n))
	}
	return strings.Join(out, " ")
}
