package guard

// Riddles that name a city or a month of the customer's without its name
// (guard15): "the city with the Brandenburg Gate", "the capital of
// Piedmont, home of Fiat", "the month with Armistice Day". Data, not code:
// each riddle is another name of its city or month, matched as the name
// is, with the same context (ctxCity: said as the customer's address;
// ctxDobMonth: a word for birthday beside it). Keys are normalised names
// ("torino") and canonical months ("m11").

// cityRiddles are landmarks and nicknames of cities, in the seven
// languages.
var cityRiddles = map[string][]string{
	"paris": {"eiffel tower", "tour eiffel", "eiffelturm", "torre eiffel", "eiffeltoren", "city of light",
		"ville lumière", "stadt der liebe", "ciudad de la luz", "città della luce", "lichtstad", "cidade luz",
		"champs-élysées",
		// old and Latin names, airport codes, football clubs (a22c riddle22; not the three-letter codes that are
		// words or parts of words too: BER, AMS, LIS, TRN)
		"lutetia", "lutèce", "lutetia parisiorum", "cdg", "roissy", "orly", "psg", "paris saint-germain", "ville de paris"},
	"berlin": {"brandenburg gate", "brandenburger tor", "brandenburger tors", "porte de brandebourg", "puerta de brandeburgo",
		"porta di brandeburgo", "brandenburger poort", "portão de brandemburgo", "porta de brandemburgo",
		"alexanderplatz", "checkpoint charlie", "reichstag",
		"spree-athen", "spreeathen", "spree-athens", "athens on the spree", "athènes sur la spree", "berolinum", "hertha", "hertha bsc", "union berlin", "1. fc union"},
	"madrid": {"puerta del sol", "museo del prado", "santiago bernabéu", "capital of spain", "spanish capital",
		"hauptstadt spaniens", "spanische hauptstadt", "capitale de l'espagne", "capitale espagnole",
		"capital de españa", "capitale della spagna", "capitale spagnola", "hoofdstad van spanje",
		"spaanse hoofdstad", "capital de espanha", "capital espanhola",
		"villa y corte", "villa y corte de madrid", "matritum", "mantua carpetana", "barajas", "real madrid",
		"atlético de madrid", "atletico de madrid", "ciudad del prado"},
	"torino": {"mole antonelliana", "capital of piedmont", "capitale du piémont", "capital del piamonte",
		"capoluogo del piemonte", "capoluogo piemontese", "hoofdstad van piëmont", "hauptstadt des piemont",
		"hauptstadt piemonts", "capital do piemonte", "home of fiat", "city of fiat", "heimat von fiat",
		"ville de fiat", "ciudad de fiat", "città della fiat", "stad van fiat", "cidade da fiat", "shroud of turin",
		"sacra sindone", "lingotto",
		"augusta taurinorum", "taurinorum", "juventus", "juve", "torino fc"},
	"amsterdam": {"dam square", "damplein", "place du dam", "plaza dam", "piazza dam", "praça dam", "rijksmuseum",
		"anne frank house", "anne frank huis", "capital of the netherlands", "hoofdstad van nederland",
		"hauptstadt der niederlande", "capitale des pays-bas", "capital de los países bajos",
		"capitale dei paesi bassi", "capital dos países baixos", "dutch capital", "niederländische hauptstadt",
		"capitale néerlandaise", "capital neerlandesa", "capitale olandese", "nederlandse hoofdstad",
		"capital holandesa",
		"mokum", "amstelodamum", "amstelredam", "venice of the north", "venedig des nordens", "venise du nord",
		"venecia del norte", "venezia del nord", "veneza do norte", "ajax", "afc ajax", "schiphol"},
	"lisboa": {"torre de belém", "belém tower", "tower of belém", "praça do comércio", "elétrico 28", "tram 28",
		"capital of portugal", "capital de portugal", "hauptstadt portugals", "portugiesische hauptstadt",
		"capitale du portugal", "capitale portugaise", "capitale del portogallo", "capitale portoghese",
		"hoofdstad van portugal", "portugese hoofdstad", "capital portuguesa", "capital lusa",
		"olisipo", "olissipo", "felicitas julia", "ulisseia", "benfica", "sl benfica", "sporting cp", "sporting clube", "alfama"},
	"portland": {"rose city", "city of roses", "stumptown", "pdx", "bridgetown", "timbers", "trail blazers",
		"rip city"},
}

// monthRiddles are days that name their month, in the seven languages.
var monthRiddles = map[string][]string{
	"m11": {"armistice day", "remembrance day", "bonfire night", "guy fawkes night", "all saints", "all saints day",
		"toussaint", "allerheiligen", "todos los santos", "ognissanti", "tutti i santi", "allerheiligen",
		"todos os santos", "sint-maarten", "sint maarten", "st martin's day", "saint martin's day", "martinstag", "martinstags",
		"martinsfest", "saint-martin", "san martín", "san martino", "são martinho", "magosto", "thanksgiving",
		"veterans day", "elfde van de elfde", "elfter elfter", "onze novembre", "jour de l'armistice",
		// the days and feasts of the month, its awareness month, its birthstone (a22c riddle22, zodiac22)
		"sankt martin", "sankt-martin", "st. martin", "st martin", "beaujolais nouveau", "beaujolais", "movember",
		"no shave november", "black friday", "cyber monday", "singles day", "all souls", "all souls day", "all souls' day",
		"allerseelen", "jour des morts", "fête des morts", "día de los difuntos", "día de difuntos", "mese dei morti",
		"giorno dei morti", "commemorazione dei defunti", "allerzielen", "dia de finados", "finados", "topaz", "topas",
		"topaze", "topacio", "topazio", "topaas", "topázio", "citrine", "citrin", "citrino", "citrien"},
	"m12": {"christmas", "weihnachten", "noël", "navidad", "natale", "kerstmis", "natal", "sinterklaas", "nikolaustag"},
	"m10": {"halloween", "oktoberfest"},
	"m07": {"bastille day", "quatorze juillet", "fête nationale française", "independence day"},
	"m02": {"valentine's day", "valentinstag", "saint-valentin", "san valentín", "san valentino", "valentijnsdag",
		"dia dos namorados"},
	"m01": {"new year's day", "neujahr", "jour de l'an", "año nuevo", "capodanno", "nieuwjaarsdag", "ano novo"},
}
