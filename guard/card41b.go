package guard

// card41b.go (f41b): numbers equal to a card's last 4 that belong to
// another thing, and a factor written as a word the normaliser keeps.
//
//   - a flight, a train or a seat owns its number in every language, as
//     "flight" does in ownerWords: "Flug 7158 startet um 9 Uhr", "Le vol
//     7158 part à 9 h", "Il volo 7158", "Vlucht 7158", "O voo 7158";
//   - a number with a currency beside it is an amount, not a card's
//     digits: "Die Buchung kostet 7158 Yen", "La reserva cuesta 7158
//     yenes", "JPY 7158";
//   - "3579 per due", "3579 vezes dois": the small number words that
//     are words of another language too ("due", "tre", "sei") are read
//     as numbers after an operator of a product (arith.go).

// ownerWords41b are owner words of other languages than ownerWords'
// English "flight" and "seat" (normalised; a room is handed to her: "La chambre 7158 est la vôtre").
var ownerWords41b = set("flug", "flugnummer", "vol", "vuelo", "volo", "vlucht", "voo", "zug", "train", "treno", "tren",
	"trein", "comboio", "gleis", "binario", "spoor", "sitz", "sitzplatz", "siege", "asiento",
	"posto", "stoel", "bus", "autobus", "coach")

// currencyWords41b name a currency (normalised): a number beside one is
// an amount.
var currencyWords41b = set("yen", "yens", "yenes", "iene", "ienes", "euro", "euros", "eur", "dollar", "dollars",
	"dolar", "dolares", "dollari", "dollaro", "dolares", "usd", "gbp", "chf", "jpy", "cad", "aud", "pound", "pounds",
	"pfund", "livre", "livres", "libra", "libras", "sterline", "sterlina", "pond", "ponden", "franken", "franc",
	"francs", "franchi", "franco", "francos", "frank", "kronen", "kronor", "kroner", "couronnes", "coronas", "corone",
	"yuan", "rupees", "rupien", "roupies", "rupias", "rupie", "cents", "cent", "centimes", "centavos", "centesimi",
	"pesos", "reais", "real", "zloty", "won", "baht", "lire", "lira")

// amountAt41b reports whether the number at token k is an amount: a
// currency word right after it or right before it.
func (t *text) amountAt41b(k int) bool {
	if k+1 < len(t.toks) && t.toks[k+1].flags&fSentence == 0 && currencyWords41b[string(t.tokBytes(k+1))] {
		return true
	}
	return k > 0 && t.toks[k].flags&fSentence == 0 && currencyWords41b[string(t.tokBytes(k-1))]
}

// arithWords41b are the small number words a product's factor may be
// that the normaliser leaves words ("due" is English too).
var arithWords41b = map[string]string{"due": "2", "tre": "3", "sei": "6", "dos": "2", "dois": "2", "twee": "2"}
