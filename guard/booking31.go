package guard

// The record is a booking. On a travel or hospitality desk the value is
// kept on a booking, a reservation, an itinerary or a contract as much
// as on "the account": "No, that address isn't on the booking", "Sí, es
// el correo de la reserva", "Klopt, het nummer staat nog op de boeking".
// bookingWords are those records' nouns in seven languages (normalised;
// singular: "the reservations system" is no record of hers); accountWords
// holds them, so every reading that knows "the account" knows them too.
var bookingWords = set("booking", "reservation", "itinerary", "pnr", "contract",
	"buchung", "reservierung", "reiseplan", "vertrag", "buchungsdaten",
	"reservation", "contrat", "itineraire",
	"reserva", "itinerario", "contrato", "localizador",
	"prenotazione", "contratto",
	"boeking", "reservering", "contract",
	"contrato", "roteiro")

// onesOf31 are plural articles that stand for the values before "of":
// "los de la reserva", "os da reserva", "die van de boeking"; ofWords31
// are the "of" they lead.
var (
	onesOf31  = set("los", "las", "os", "as", "quelli", "quelle", "die")
	ofWords31 = set("de", "del", "da", "do", "dos", "das", "di", "della", "dello", "dei", "van")
)

// Words of a city denied on a travel desk (whichcity.go's cityDenied).
var (
	// noneWords31 deny as a negation does: "don't", "nothing", "nichts",
	// "rien", "nada", "niente", "niets".
	noneWords31 = set("dont", "doesnt", "didnt", "havent", "hasnt", "nothing", "nichts", "rien", "nada", "niente", "niets",
		"nulla", "nenhum", "nenhuma", "ninguna", "ninguno", "aucune", "aucun", "keine", "kein", "geen")
	// stayWords31 make a city a place of the business's service, not
	// hers: flights, hotels, rooms free on dates ("we have nothing in
	// Porto for those dates").
	stayWords31 = set("fly", "flies", "fliegen", "volons", "volamos", "voliamo", "vliegen", "voamos", "hotel", "hotels",
		"airport", "flughafen", "aeroport", "aeropuerto", "aeroporto", "luchthaven", "vuelos", "voli", "vluchten", "voos",
		"vols", "fluge", "available", "availability", "room", "rooms", "dates", "fechas", "habitaciones", "disponible",
		"disponibles", "disponibilidad", "zimmer", "frei", "verfugbar", "chambre", "chambres", "camere", "camera",
		"disponibili", "disponibile", "kamers", "kamer", "beschikbaar", "quartos", "quarto", "disponivel", "datas",
		"date", "termine", "nights", "noches", "nachte", "nuits", "notti", "nachten", "noites", "tonight", "weekend",
		"free", "vrij", "libre", "libres", "libera", "libero", "livre", "livres", "seats", "platze", "places", "plazas",
		"posti", "plaatsen", "lugares", "tours", "tour", "excursion", "excursions", "office", "desk", "counter", "shop",
		"week", "semaine", "woche", "semana", "settimana", "noche", "soir", "sera", "avond", "abend", "month", "monat", "mois",
		"mes", "mese", "maand")
	// forWords31 stand before Portuguese "si" (you): "para si".
	forWords31 = set("para", "por", "a", "de")
)

// recordCompounds31 follow a word for the record as the head of a
// compound, another thing: "the booking confirmation", "the account
// page", "the reservation email".
var recordCompounds31 = set("confirmation", "confirmations", "page", "pages", "email", "emails", "mail", "reference",
	"number", "fee", "fees", "settings", "voucher", "pdf", "document", "terms", "policy", "app", "portal", "link",
	"code", "status", "history", "overview", "summary", "receipt", "invoice")
