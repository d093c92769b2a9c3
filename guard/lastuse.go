package guard

// The offered value said to be the one of the last order or ticket
// (guard13a): "Same as in your last order", "Dieselbe wie bei Ihrer
// letzten Bestellung", "Comme pour votre dernière commande", "Igual que
// en su último pedido", "Come nel suo ultimo ordine", "Net als bij uw
// laatste bestelling", "A mesma da sua última encomenda". The sentence
// is the comparison and nothing else: a yes, a pointer, "same" or "as",
// a possessive or an article, "last" and the order. "Same problem as in your last
// order", "Wie bei Ihrer letzten Bestellung gibt es eine Verzögerung" and
// "Same size as last time?" compare another thing.

// sameAsLast reports whether a sentence of t is only a comparison of the
// offered value with the requester's last order, ticket or time.
func (t *text) sameAsLast() bool {
	if t.cls&clLastUse == 0 {
		return false
	}
	for k := 2; k < len(t.toks); k++ {
		// the order noun is the rare word
		if !t.has(k, clLastUse) {
			continue
		}
		from, to := t.sentenceOf(k)
		if k != to-1 && !(k+1 == to-1 && t.isEmoji(to-1)) || t.toks[k].flags&fQuestion != 0 || t.conditional(k) {
			continue
		}
		like, last := false, false
		ok := true
		for j := from; j < k && ok; j++ {
			w := string(t.tokBytes(j))
			switch {
			case likeWords[w] || sameWords[w]:
				like = true
			case lastWords[w] || previousWords[w]:
				last = true
			case possessives2[w]:
			case comparePreps[w] || yesWordSet[w] || demonstratives[w] || w == "1" || t.isEmoji(j):
			default:
				ok = false
			}
		}
		if ok && like && last {
			return true
		}
	}
	return false
}

// Words of a comparison with the last order (normalised).
var (
	lastUseNouns = set("order", "ticket", "purchase", "time", "bestellung", "auftrag", "einkauf", "mal", "commande",
		"achat", "fois", "pedido", "compra", "vez", "ordine", "acquisto", "volta", "bestelling", "aankoop", "keer",
		"encomenda")
	likeWords = set("as", "like", "wie", "genauso", "comme", "como", "igual", "come", "als", "zoals", "net", "tal")
	sameWords = set("same", "dieselbe", "derselbe", "dasselbe", "gleiche", "gleichen", "meme", "misma", "mismo",
		"stessa", "stesso", "dezelfde", "hetzelfde", "zelfde", "mesma", "mesmo")
	previousWords = set("previous", "vorigen", "vorige", "letztes", "derniere", "dernier", "precedente", "ultimo",
		"ultima", "vorherigen", "anterior")
	possessives2 = set("your", "ihrer", "ihrem", "ihre", "deiner", "deinem", "votre", "ta", "ton", "su", "tu", "suo",
		"sua", "tuo", "tua", "je", "uw", "seu", "sua", "teu", "tua")
	// comparePreps stand between the comparison and the order.
	comparePreps = set("in", "on", "for", "with", "the", "bei", "beim", "im", "in", "pour", "lors", "de", "du", "dans",
		"en", "que", "el", "la", "nel", "nell", "dell", "del", "della", "al", "bij", "in", "da", "do", "no", "na", "a",
		"o", "that", "at", "zum", "zur")
)
