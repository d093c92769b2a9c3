package guard

// brandlogo19.go (g19p): the card told by its logo's colours: "the card
// with the red and yellow logo", "die Karte mit dem rot-gelben Logo", "la
// carte au logo rouge et jaune", "o cartão com o logótipo vermelho e
// amarelo". formal.go's brandLogos take the logo's set phrases; here a
// card word with an article or possessive, a word for a logo and the
// brand's colours stand in one sentence, in any order or wording. Colours
// of another thing ("the red and yellow logo is McDonald's"), any card
// ("cards with a red logo are accepted") and a question pass.

// logoWords19 name a logo or its shapes (normalised).
var logoWords19 = set("logo", "logos", "logotipo", "logotype", "logotipos", "emblem", "symbol", "symbole", "simbolo",
	"symbool", "circles", "circle", "kreise", "kreisen", "kreis", "cercles", "cercle", "ronds", "circulos", "cerchi",
	"cirkels", "rondjes", "bolas", "rings", "ringe", "anneaux", "anillos", "anelli", "ringen", "aneis")

// brandColours19 are the colours of a brand's logo, two sets that must
// both be said (normalised).
var brandColours19 = map[string][2]map[string]bool{
	"mastercard": {
		set("red", "rot", "rote", "roten", "roter", "rouge", "rouges", "rojo", "roja", "rojos", "rosso", "rossa", "rossi",
			"rood", "rode", "vermelho", "vermelha", "vermelhos"),
		set("yellow", "orange", "gelb", "gelbe", "gelben", "gelber", "jaune", "jaunes", "amarillo", "amarilla", "amarillos",
			"naranja", "giallo", "gialla", "gialli", "arancione", "geel", "gele", "oranje", "amarelo", "amarela",
			"amarelos", "laranja"),
	},
}

// brandLogoSaid19 reports whether a sentence of t tells the card brand
// by its logo's colours (see above).
func (m *Matcher) brandLogoSaid19(t *text) bool {
	cols, ok := brandColours19[m.brand]
	if !ok {
		return false
	}
	for k := range t.toks {
		if t.toks[k].lex&lxCard == 0 {
			continue
		}
		if k == 0 || !cardAfterSkips19[string(t.tokBytes(k-1))] || t.toks[k].flags&fQuestion != 0 {
			continue
		}
		from, to := t.sentenceOf(k)
		var logo, a, b bool
		for j := from; j < to; j++ {
			w := string(t.tokBytes(j))
			if ourWords[w] || anyWords[w] || procEvery[w] {
				logo = false
				break
			}
			logo = logo || logoWords19[w]
			a = a || cols[0][w]
			b = b || cols[1][w]
		}
		if logo && a && b {
			return true
		}
	}
	return false
}
