package guard

// Her city as where a shipment goes, in running text (g24): "your mum's
// medicines go to Turin as usual", "hi, quick: parcel on the way to
// amsterdam, arrives Wed", "1) refund done, 2) parcel to Portland, 3)
// visit confirmed", "colis en route pour Amsterdam". herPlaceAfterPrep
// (herplace.go) reads these with three more shapes: the goods sent to
// her (medicines, prescriptions, shipments) are things of hers; a thing
// of hers that opens a clause with no article, in the telegraphic style
// of a list or a quick note, is hers as much as "the parcel"; a number
// that marks a list item ("2)") is no house number of another address.
// "pour" and "per" lead to a destination too. General rules ("parcels to
// Amsterdam take 2 days") keep passing on their policy words, the
// business's places on theirs.

// goods24 are the goods sent to her, singular and plural (normalised).
var goods24 = set("medicine", "medicines", "medication", "medications", "meds", "prescription", "prescriptions", "pills",
	"shipment", "shipments", "goods", "items", "purchase", "purchases", "box", "boxes", "documents",
	"medikament", "medikamente", "arznei", "arzneien", "arzneimittel", "rezept", "rezepte", "lieferungen", "ware", "waren",
	"medicament", "medicaments", "ordonnance", "ordonnances", "envoi", "envois", "achats", "marchandise",
	"medicamento", "medicamentos", "medicinas", "receta", "recetas", "envios", "compras", "mercancia",
	"farmaco", "farmaci", "medicinale", "medicinali", "medicine", "ricetta", "ricette", "spedizioni", "acquisti", "merce",
	"medicijn", "medicijnen", "medicatie", "recept", "recepten", "zending", "zendingen", "aankopen", "doos",
	"medicamentos", "remedios", "receita", "receitas", "envios", "remessa", "remessas", "caixa")

// destPreps24 lead to a destination besides herPreps: "colis pour
// Portland", "pacco per Torino".
var destPreps24 = set("pour", "per")

// clauseHead24 reports whether the noun at token k opens a clause with no
// determiner (its sentence or the item of a list), in the telegraphic style of a list or a note ("hi, quick:
// parcel on the way to amsterdam", "2) parcel to Portland"), and is no
// label itself ("Shipping: free to Lisbon").
func (t *text) clauseHead24(k, from int) bool {
	if t.toks[k].flags&fPunctAfter != 0 {
		return false
	}
	return k == from || t.toks[k-1].flags&fPunctAfter != 0
}

// listMark24 reports whether the digits at token k mark a list item: a
// number closed by punctuation ("2)", "3.") that opens its sentence or
// follows punctuation, and is not part of an address.
func (t *text) listMark24(k, from int) bool {
	if t.toks[k].flags&fPunctAfter == 0 || len(t.tokBytes(k)) > 2 {
		return false
	}
	return k == from || t.toks[k-1].flags&fPunctAfter != 0
}

// sendVerbs24 send or take a thing besides placeSendVerbs and the verbs
// of going (normalised): "postée à Amsterdam", "partent à Turin".
var sendVerbs24 = set("postee", "postees", "postes", "partent", "partira", "partiront", "posten", "gepost", "aufgegeben",
	"imbucata", "imbucato", "postada", "postado", "van", "vanno", "vao", "gaan", "go")

// wayOf24 reports whether the "de" at token p ends "a caminho de", "on the
// way to" in Portuguese: "encomenda a caminho de Amesterdão".
func (t *text) wayOf24(p, from int) bool {
	if p-1 < from {
		return false
	}
	w := string(t.tokBytes(p))
	return (w == "de" || w == "do" || w == "da") && string(t.tokBytes(p-1)) == "caminho"
}

// policy24 tell how long shipping takes, besides placePolicy: "Delivery
// to Oregon takes about a week".
var policy24 = set("takes", "take", "dauert", "dauern", "prend", "prennent", "tarda", "tardan", "richiede", "richiedono",
	"impiega", "impiegano", "duurt", "duren", "demora", "demoram")

// item24 reports whether w is a thing sent to her, not the service of
// sending: "2) parcel to Portland" is hers, "Delivery to Oregon" a rule.
func item24(w string) bool {
	return shippedWords[w] || goods24[w] || w == "letter" || w == "card" || w == "brief" || w == "karte" ||
		w == "lettre" || w == "carte" || w == "carta" || w == "tarjeta" || w == "lettera" || w == "kaart" || w == "pas" ||
		w == "cartao"
}
