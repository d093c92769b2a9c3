package guard

// bookcard37.go (f36a): her card's last 4 handed to her as a booking's
// code or number, as bizref35.go reads a ticket's: "Your booking code is
// 7158.", "O seu código de reserva é 7158.", "Il suo biglietto: MC7158.",
// "Il codice della prenotazione è 7158.", "Código de reserva 7158, el
// suyo.", "Billet reference for you: 7158." A booking, a reservation, a
// locator or a ticket of travel is issued to the person addressed, like a
// case: a number said as its value (after a copula, a word for "number"
// or "code", or a colon) is handed to her, with or without a possessive;
// so is one with a possessive pronoun after it ("..., le vôtre") or "for
// you" before it. Another number ("Your booking code is 8841") passes.

// bookNouns are the nouns of a travel booking and its ticket
// (normalised).
var bookNouns = set("booking", "bookings", "reservation", "reservations", "locator", "pnr", "buchung", "reservierung",
	"reserva", "reservacion", "prenotazione", "boeking", "reservering", "billet", "billete", "biglietto", "bilhete",
	"fahrkarte", "bordkarte", "localizador", "localizzatore", "boardingpass", "itinerary", "reisecode",
	// a code handed for her use (bookcard39): a voucher, a PIN, a door,
	// gate or access code ("Your door code is 7158.", "Ihr Gutscheincode
	// lautet 7158.", "O seu PIN é 7158.", "Votre code d'accès : 7158.")
	"voucher", "vouchers", "coupon", "gutschein", "bon", "cupon", "vale", "buono", "tegoed", "tegoedbon",
	"pin", "pincode", "door", "gate", "access", "tur", "tuer", "tor", "zugang", "zugangs", "porte", "acces",
	"puerta", "acceso", "porta", "accesso", "deur", "poort", "toegang", "toegangs", "portao", "acesso")

// bookNoun reports whether w is a booking noun or its compound with a
// word for number or code ("Reservierungsnummer", "buchungscode",
// "reserveringsnummer", "boekingscode").
func bookNoun(w string) bool {
	if bookNouns[w] {
		return true
	}
	for _, suf := range []string{"nummer", "number", "code", "nr"} {
		if len(w) > len(suf)+3 && w[len(w)-len(suf):] == suf {
			stem := w[:len(w)-len(suf)]
			return bookNouns[stem] || bookNouns[stem[:len(stem)-1]] && stem[len(stem)-1] == 's'
		}
	}
	return false
}

// bookYours are the possessive pronouns that give a number to the person
// addressed after it ("7158 is yours", "7158, le vôtre", "el suyo", "il
// suo", "o seu", "de uwe") (normalised).
var bookYours = set("yours", "votre", "votres", "suyo", "suya", "tuyo", "tuya", "suo", "sua", "tuo", "tua", "seu",
	"teu", "uwe", "jouwe", "ihre", "ihrer", "ihres", "deine", "deiner", "deins")

// bookHanded reports whether the card's last 4 at token k, b the token
// before it and noun the business noun before b, is a booking's value
// handed to the person addressed (see above).
func (t *text) bookHanded(k, b, noun, from, to int) bool {
	book := false
	for j := max(from, noun-3); j <= b; j++ {
		book = book || bookNoun(string(t.tokBytes(j)))
	}
	if !book {
		return false
	}
	bw := string(t.tokBytes(b))
	if bizCopulas[bw] || bizValueWords[bw] || t.toks[b].flags&fPunctAfter != 0 {
		return true // "Il codice della prenotazione è 7158", "Il suo biglietto: MC7158"
	}
	for j := k + 1; j < to && j <= k+4; j++ {
		if bookYours[string(t.tokBytes(j))] {
			return true // "Código de reserva 7158, el suyo"
		}
	}
	for j := from; j+1 < k; j++ {
		if bizForYou(string(t.tokBytes(j)), t.tokBytes(j+1)) {
			return true // "Billet reference for you: 7158"
		}
	}
	return false
}
