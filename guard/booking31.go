package guard

// The record is a booking. On a travel or hospitality desk the value is
// kept on a booking, a reservation, an itinerary or a contract as much
// as on "the account": "No, that address isn't on the booking", "Sí, es
// el correo de la reserva", "Klopt, het nummer staat nog op de boeking".
// bookingWords are those records' nouns in seven languages (normalised);
// accountWords holds them, so every reading that knows "the account"
// knows them too.
var bookingWords = set("booking", "bookings", "reservation", "reservations", "itinerary", "pnr", "contract",
	"buchung", "buchungen", "reservierung", "reiseplan", "vertrag", "buchungsdaten",
	"reservation", "reservations", "contrat", "itineraire",
	"reserva", "reservas", "itinerario", "contrato", "localizador",
	"prenotazione", "prenotazioni", "contratto",
	"boeking", "boekingen", "reservering", "reserveringen", "contract",
	"contrato", "roteiro")

// onesOf31 are plural articles that stand for the values before "of":
// "los de la reserva", "os da reserva", "die van de boeking"; ofWords31
// are the "of" they lead.
var (
	onesOf31  = set("los", "las", "os", "as", "quelli", "quelle", "die")
	ofWords31 = set("de", "del", "da", "do", "dos", "das", "di", "della", "dello", "dei", "van")
)
