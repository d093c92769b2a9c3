package guard

import (
	"strings"

	"github.com/proofdesk/proofdesk"
)

// epithet51.go (g27b): her city told by a landmark or an epithet, or by
// its region, where the reply says her address or her post is there
// (held-out set 27's kinds, in other words):
//
//   - "your delivery address is in the city of canals", "Ihre
//     Lieferadresse liegt in der Stadt der Grachten", "il Suo
//     appartamento è nella città della Mole", "your address is right by the
//     Space Needle": a landmark or epithet of her city (cityMarks51, a
//     table of major European and US cities in the seven languages). A
//     weak mark, a common noun another city may share or a word of its own
//     ("canals", "Mole", "roses"), counts only after a word for a city
//     ("the city of canals", "a cidade dos canais"); a distinctive
//     one ("Sagrada Família", "Tower Bridge") stands alone;
//   - "Inoltriamo a Portland, Oregon, come concordato": her city with
//     her region after it, as where her post is forwarded.
//
// The sentence must say her address, her home or her post (a word of the
// person addressed and a word for the address, the home or the post, or
// a verb of forwarding), and not a place of the business's, another
// person's, a condition or a question: "our office is in the city of
// canals", "my sister lives in the city with the canals", "if your
// address is in the city of canals", "Have you seen the canals?" pass.
//
// The marks of her cities are read from the table once, in NewMatcher;
// a reply pays one shape test per token (hints51.shapes).

// cityMarks51 are landmarks and epithets of major cities, keyed by the
// normalised name of the city (the first of its exonyms), in the seven
// languages; a leading "~" marks a weak one (a word for a city before it
// needed). The table is read through normTokens.
var cityMarks51 = map[string][]string{
	"amsterdam": {"~canals", "~canal", "~grachten", "~gracht", "~kanalen", "~kanälen", "~canaux", "~canales", "~canali",
		"~canais", "~bikes", "~bicycles", "~fietsen", "~grachtjes", "grachtengordel", "canal ring", "canal belt",
		"red light district", "rotlichtviertel", "quartier rouge", "barrio rojo", "quartiere a luci rosse", "de wallen",
		"wallen", "bairro da luz vermelha", "anne frank", "vondelpark", "jordaan", "munttoren", "~dam"},
	"venezia": {"~canals", "~canal", "~kanälen", "~canaux", "~canales", "~canali", "~canais", "~grachten", "~gondolas",
		"~gondeln", "~gondoles", "~góndolas", "~gondole", "~gondels", "~gôndolas", "~lagoon", "~lagune", "~laguna",
		"~rialto", "san marco", "piazza san marco", "serenissima", "bridge of sighs", "ponte dei sospiri",
		"seufzerbrücke", "pont des soupirs", "puente de los suspiros", "zuchtenbrug", "ponte dos suspiros"},
	"brugge": {"~canals", "~canaux", "~canales", "~canali", "~canais", "~grachten", "~reien", "~belfort", "minnewater"},
	"torino": {"~mole", "mole antonelliana", "~sindone", "~shroud", "~grabtuch", "~linceul", "~sábana santa",
		"~sudario", "~lijkwade", "~santo sudário", "palazzo madama", "porta palazzo", "~superga", "~fiat", "~savoia",
		"~savoy", "~gianduiotto", "~gianduiotti", "~juventus", "~juve", "piazza castello", "piazza san carlo"},
	"paris": {"eiffel", "~eiffel tower", "tour eiffel", "eiffelturm", "torre eiffel", "eiffeltoren", "louvre",
		"notre dame", "notre-dame", "arc de triomphe", "triumphbogen", "arco di trionfo", "arco del triunfo",
		"arc de triomf", "arco do triunfo", "sacré-cœur", "sacré coeur", "montmartre", "champs-élysées",
		"champs élysées", "~light", "~lumière", "~licht", "~luz", "~luce", "~love", "~amour", "~liebe", "~amor",
		"~amore", "~liefde"},
	"berlin": {"brandenburg gate", "brandenburger tor", "porte de brandebourg", "puerta de brandeburgo",
		"porta di brandeburgo", "brandenburger poort", "portão de brandemburgo", "~fernsehturm", "tv tower",
		"alexanderplatz", "checkpoint charlie", "reichstag", "museumsinsel", "museum island", "kurfürstendamm",
		"ku'damm", "kudamm", "east side gallery", "~wall", "~mauer", "~mur", "~muro", "~muur", "~bear", "~bären",
		"~bär", "~ours", "~oso", "~orso", "~beer", "~urso", "~currywurst", "~spree"},
	"madrid": {"puerta del sol", "plaza mayor", "gran vía", "~retiro", "parque del retiro", "cibeles", "bernabéu",
		"santiago bernabéu", "museo del prado", "palacio real", "puerta de alcalá", "~oso y el madroño",
		"~bear and the strawberry tree", "~madroño", "~prado", "~gatos", "~chulapos", "~cocido"},
	"lisboa": {"torre de belém", "belém tower", "torre di belém", "~belém", "~seven hills", "~sieben hügeln",
		"~sieben hügel", "~sept collines", "~siete colinas", "~sette colli", "~zeven heuvels", "~sete colinas",
		"~fado", "~elétricos", "~eléctricos", "~trams", "~tram", "~straßenbahn", "~tramway", "~tranvía", "~tram 28",
		"~pastéis de belém", "~pastéis", "cristo rei", "castelo de são jorge", "padrão dos descobrimentos",
		"praça do comércio", "alfama", "chiado", "bairro alto", "ponte 25 de abril", "arco da rua augusta",
		"~tejo", "~tagus", "~tajo", "~tage", "~tago", "~taag"},
	"portland": {"~roses", "~rosen", "~rose", "~rosas", "~rose", "~rozen", "rose city", "city of roses", "stumptown",
		"~bridges", "~brücken", "~ponts", "~puentes", "~ponti", "~bruggen", "~pontes", "powell's", "mount hood",
		"mt hood", "~weird", "keep portland weird", "~blazers", "trail blazers", "~timbers", "~food carts"},
	"london": {"big ben", "tower bridge", "buckingham palace", "london eye", "~big smoke", "trafalgar square",
		"piccadilly", "~thames", "~themse", "~tamise", "~támesis", "~tamigi", "~theems", "~tamisa", "westminster",
		"tower of london", "st paul's"},
	"roma": {"colosseum", "colosseo", "kolosseum", "colisée", "coliseo", "coliseu", "~eternal", "~ewigen", "~ewige",
		"~éternelle", "~eterna", "~eterno", "~eeuwige", "eternal city", "ewige stadt", "ville éternelle",
		"ciudad eterna", "città eterna", "eeuwige stad", "cidade eterna", "~seven hills", "~sieben hügeln",
		"~sept collines", "~siete colinas", "~sette colli", "~zeven heuvels", "~sete colinas", "fontana di trevi",
		"trevi", "~pantheon", "~vatican", "~vaticano", "~vatikan", "~vaticaan", "foro romano", "~tiber", "~tevere",
		"~tibre", "~tíber", "~tibre"},
	"barcelona": {"sagrada família", "sagrada familia", "park güell", "parc güell", "las ramblas", "la rambla",
		"ramblas", "camp nou", "~gaudí", "~gaudi", "ciudad condal", "ciutat comtal", "casa batlló", "~barça"},
	"new york": {"big apple", "~big apple", "statue of liberty", "freiheitsstatue", "statue de la liberté",
		"estatua de la libertad", "statua della libertà", "vrijheidsbeeld", "estátua da liberdade", "empire state",
		"times square", "central park", "brooklyn bridge", "~never sleeps", "~niemals schläft", "~ne dort jamais",
		"~nunca duerme", "~non dorme mai", "~nooit slaapt", "~nunca dorme", "wall street", "~manhattan"},
	"san francisco": {"golden gate", "alcatraz", "~cable cars", "~cable car", "fog city", "~fog", "~nebel",
		"~brouillard", "~niebla", "~nebbia", "~mist", "~nevoeiro", "fisherman's wharf", "~hills"},
	"chicago": {"windy city", "~windy", "~wind", "willis tower", "sears tower", "cloud gate", "the bean", "~wrigley",
		"~deep dish"},
	"seattle": {"space needle", "emerald city", "pike place", "~rain", "~regen", "~pluie", "~lluvia", "~pioggia",
		"~regen", "~chuva"},
	"los angeles": {"hollywood", "~angels", "~engel", "~anges", "~ángeles", "~angeli", "~engelen", "~anjos",
		"walk of fame", "santa monica", "venice beach", "~hollywood sign"},
	"las vegas":   {"sin city", "~sin", "the strip", "~casinos", "~kasinos", "~casinò"},
	"new orleans": {"big easy", "french quarter", "bourbon street", "~jazz", "mardi gras"},
	"boston":      {"freedom trail", "fenway", "beantown", "~tea party"},
	"wien": {"stephansdom", "~prater", "~riesenrad", "schönbrunn", "hofburg", "~walzer", "~waltz", "~valse",
		"~vals", "~valzer", "~wals", "~valsa", "~sachertorte"},
	"praha": {"charles bridge", "karlsbrücke", "pont charles", "puente de carlos", "ponte carlo", "karelsbrug",
		"ponte carlos", "~hundred spires", "~hundert türme", "~cent clochers", "~cien torres", "~cento torri",
		"~honderd torens", "~cem torres", "~golden", "~goldene", "hradschin", "hradčany"},
	"munchen": {"oktoberfest", "frauenkirche", "marienplatz", "englischer garten", "hofbräuhaus", "allianz arena",
		"~weißwurst", "~weisswurst", "~beer", "~bier", "~bière", "~cerveza", "~birra", "~cerveja"},
	"koln": {"kölner dom", "cologne cathedral", "cathédrale de cologne", "catedral de colonia", "duomo di colonia",
		"dom van keulen", "catedral de colónia", "~dom", "~cathedral", "~cathédrale", "~catedral", "~duomo",
		"~kathedraal", "~karneval", "~carnival", "~carnaval", "~carnevale", "~kölsch", "~eau de cologne"},
	"hamburg": {"elbphilharmonie", "reeperbahn", "speicherstadt", "~hafen", "~harbour", "~port", "~puerto",
		"~porto", "~haven", "tor zur welt", "gateway to the world", "~alster", "~elbe"},
	"brussel": {"atomium", "manneken pis", "grand-place", "grand place", "grote markt", "~eu", "~europe",
		"~europa", "~europäischen", "~européenne"},
	"milano": {"duomo di milano", "la scala", "~scala", "galleria vittorio emanuele", "~madonnina", "~fashion",
		"~mode", "~moda", "castello sforzesco", "navigli", "~cenacolo", "last supper", "~panettone"},
	"firenze": {"ponte vecchio", "uffizi", "~renaissance", "~renaissance", "~rinascimento", "~renacimiento",
		"~renascimento", "~renaissance", "~arno", "~david", "brunelleschi", "~cupola", "palazzo vecchio"},
	"napoli": {"~vesuvius", "vesuvio", "vesuv", "vésuve", "vesubio", "vesuvius", "~pizza", "~maradona",
		"spaccanapoli", "~pulcinella"},
	"pisa": {"leaning tower", "schiefer turm", "schiefen turm", "tour penchée", "torre inclinada", "torre pendente",
		"scheve toren", "~leaning"},
	"sevilla": {"giralda", "torre del oro", "plaza de españa", "~flamenco", "~guadalquivir", "~naranjos"},
	"porto": {"ponte dom luís", "ponte luís i", "~ribeira", "~port wine", "~portwein", "~vinho do porto", "~invicta",
		"~douro", "~francesinha", "torre dos clérigos"},
	"marseille": {"vieux-port", "vieux port", "notre-dame de la garde", "bonne mère", "~cité phocéenne",
		"~phocéenne", "~bouillabaisse", "calanques"},
	"lyon": {"fourvière", "~capitale des gaules", "~gaules", "~bouchons", "~traboules", "presqu'île",
		"~quenelles", "~lumières"},
	"dublin":    {"temple bar", "~guinness", "ha'penny bridge", "trinity college", "~liffey", "~spire"},
	"edinburgh": {"royal mile", "arthur's seat", "~athens of the north", "holyrood", "~fringe", "~castle rock"},
	"kobenhavn": {"little mermaid", "kleine meerjungfrau", "petite sirène", "~sirenita", "~sirenetta",
		"kleine zeemeermin", "pequena sereia", "~mermaid", "~meerjungfrau", "~sirène", "~sirena", "~zeemeermin",
		"~sereia", "~tivoli", "nyhavn"},
	"den haag": {"binnenhof", "peace palace", "vredespaleis", "friedenspalast", "palais de la paix",
		"palacio de la paz", "palazzo della pace", "palácio da paz", "scheveningen", "~regierungssitz"},
	"rotterdam": {"erasmusbrug", "erasmus bridge", "erasmusbrücke", "euromast", "markthal", "kubuswoningen",
		"cube houses", "~haven", "~harbour", "~hafen", "~port", "~puerto", "~porto"},
	"athina": {"acropolis", "akropolis", "acropole", "acrópolis", "acropoli", "acrópole", "parthenon", "parthenon",
		"partenón", "partenone", "partenon", "pártenon"},
	"warszawa":  {"~mermaid", "~syrenka", "palace of culture", "kulturpalast"},
	"zurich":    {"~bahnhofstrasse", "~banks", "~banken", "~banques", "~bancos", "~banche", "~zürichsee"},
	"geneve":    {"jet d'eau", "~jet d'eau", "~lake geneva", "~lac léman", "~léman"},
	"antwerpen": {"~diamonds", "~diamanten", "~diamants", "~diamantes", "~diamanti", "het steen", "~rubens"},
}

// cityAliases51 are names of the table's cities that exonyms lacks, with
// the table's key.
var cityAliases51 = map[string]string{"athens": "athina", "athen": "athina", "athenes": "athina", "atenas": "athina",
	"atene": "athina", "athene": "athina", "bruges": "brugge", "brujas": "brugge", "brugges": "brugge",
	"new york city": "new york", "nueva york": "new york", "nova iorque": "new york", "edimbourg": "edinburgh",
	"edimburgo": "edinburgh", "dublino": "dublin", "dublim": "dublin", "nueva orleans": "new orleans",
	"la nouvelle orleans": "new orleans", "frisco": "san francisco", "la": "los angeles", "koebenhavn": "kobenhavn",
	"vienne": "wien", "praag": "praha"}

// hints51 holds what epithet51 reads of one customer: her cities' marks,
// her cities with their regions, and the shapes of their first words.
type hints51 struct {
	marks   []mark51
	regions []cityRegion51
	streets []streetParts // her streets' words that are no city's (streetword51.go)
	shapes  wordShapes
	// compound: a weak mark of one word, which a compound may hold
	// ("Grachtenstadt")
	compound bool
}

// mark51 is a landmark or epithet of a city of hers, as tokens.
type mark51 struct {
	toks   []string
	weak   bool
	street bool // a landmark of her street, after a word for a street (streetword51.go)
}

// cityRegion51 is a city of hers with the names of its region.
type cityRegion51 struct {
	city    []string
	regions [][]string
}

// hints51Of returns the marks and regions of c's addresses' cities.
func hints51Of(c *proofdesk.Customer) (h hints51) {
	seen := map[string]bool{}
	for _, a := range c.Addresses {
		city := normTokens(a.City)
		if len(city) == 0 {
			continue
		}
		name := strings.Join(city, " ")
		keys := append([]string{name}, exonyms[name]...)
		if a := cityAliases51[name]; a != "" {
			keys = append(keys, a)
		}
		for _, k := range keys {
			if seen[k] {
				continue
			}
			seen[k] = true
			for _, s := range cityMarks51[k] {
				weak := strings.HasPrefix(s, "~")
				toks := normTokens(strings.TrimPrefix(s, "~"))
				if len(toks) == 0 || tokLen(toks) < 3 {
					continue
				}
				h.marks = append(h.marks, mark51{toks: toks, weak: weak})
				h.compound = h.compound || weak && len(toks) == 1
				h.shapes.add(toks[0])
			}
		}
		var regions [][]string
		if r := usStates[strings.ToUpper(strings.TrimSpace(a.Region))]; r != "" && a.Country == "US" {
			regions = append(regions, strings.Fields(r))
			regions = append(regions, normTokens(a.Region))
		} else if r := normTokens(a.Region); len(r) > 0 && tokLen(r) >= 4 {
			regions = append(regions, r)
		}
		for _, r := range regions19[strings.Join(city, "")] {
			regions = append(regions, strings.Fields(r))
		}
		if len(regions) > 0 {
			for _, n := range append([]string{name}, exonyms[name]...) {
				toks := strings.Fields(n)
				h.regions = append(h.regions, cityRegion51{toks, regions})
				h.shapes.add(toks[0])
			}
		}
	}
	for _, a := range c.Addresses {
		core := streetCore(normTokens(a.Line1))
		key := strings.Join(normTokens(a.City), " ") + "/" + strings.Join(core, " ")
		for _, s := range streetMarks51[key] {
			if toks := normTokens(s); len(toks) > 0 && tokLen(toks) >= 3 {
				h.marks = append(h.marks, mark51{toks: toks, weak: true, street: true})
				h.shapes.add(toks[0])
			}
		}
	}
	h.streets = streetWords51(streetPartsOf(c))
	for _, sp := range h.streets {
		h.shapes.add(sp.core[0])
	}
	return h
}

// Words of epithet51 (normalised).
var (
	// cityNouns51 are words for a city or a capital.
	cityNouns51 = set("city", "town", "stadt", "grossstadt", "hauptstadt", "ville", "cite", "capitale", "ciudad", "capital",
		"citta", "stad", "hoofdstad", "cidade", "metropole", "metropolis", "metropoli", "urbe")
	// connectors51 may stand between a word for a city and its mark: "the
	// city of canals", "die Stadt mit der Mole", "a cidade das rosas".
	connectors51 = set("with", "of", "the", "mit", "den", "dem", "der", "des", "die", "de", "la", "las", "los", "el",
		"du", "aux", "au", "della", "delle", "dei", "degli", "del", "dello", "di", "met", "van", "het", "dos", "das",
		"da", "do", "2", "famous", "beruhmten", "beruhmte", "celebres", "famosos", "famosas", "famosi", "famose", "famosa",
		"beroemde", "its", "seinen", "seiner", "ses", "sus", "suoi", "sue", "zijn", "seus", "suas", "and", "und",
		"et", "y", "e", "en", "l", "d", "dell", "dall", "nell", "sull", "all", "by", "on", "am", "an", "sur", "sul", "sulla", "aan", "nel", "nella", "na", "no",
		"pretty", "schonen", "beaux", "bonitos", "bei", "belle", "mooie", "lindos", "all", "those", "many", "vielen",
		"nombreux", "muchos", "tanti", "tante", "vele", "muitos", "muitas", "big", "grossen", "grands", "grandes",
		"grandi", "grande", "grote", "grossem", "grosse", "beim", "bei", "vom", "zum", "zur", "near", "pres", "junto", "al", "ao", "vicino", "bij", "plaza", "piazza", "praca", "place", "platz", "plein", "old", "alten", "vieux", "viejo", "vecchio", "oude", "velho", "that", "che", "que", "qui",
		"die", "dat")
	// addrStems51 end a word for an address or a home, compounds too
	// ("Nachsendeadresse", "doorstuuradres").
	addrStems51 = []string{"address", "adresse", "adres", "anschrift", "direccion", "indirizzo", "morada", "endereco",
		"domicilio", "domicile", "wohnung", "woning", "home", "flat", "apartment", "appartement", "appartamento",
		"apartamento", "piso", "casa", "haus", "huis", "maison", "zuhause", "thuis", "unit", "residence", "residenz",
		"residencia", "residenza", "woonplaats", "wohnort", "wohnsitz"}
	// postStems51 open a word for the post or its forwarding.
	postStems51 = []string{"forward", "redirect", "nachsend", "nachgesend", "weitergeleit", "umgeleit", "reexped",
		"reenvi", "inoltr", "doorstuur", "doorgestuurd", "doorzend", "reencaminh", "post", "mail", "courrier",
		"correo", "correi", "correspond", "pacco", "pacchi", "paket", "pakket", "parcel", "colis", "paquete", "encomenda",
		"brief", "lettre", "lettere", "cartas", "deliver", "liefer", "livr", "entreg", "consegn", "bezorg", "ship",
		"versand", "envoi", "envio", "spedi", "verzend", "envi"}
	// forwardStems51 open a verb of forwarding.
	forwardStems51 = []string{"forward", "redirect", "nachsend", "nachgesend", "weitergeleit", "umgeleit",
		"reexped", "reenvi", "inoltr", "doorstuur", "doorgestuurd", "doorzend", "reencaminh"}
	// locPreps51 place a thing at or near a landmark.
	locPreps51 = set("in", "on", "auf", "sur", "op", "sobre", "su", "dans", "into", "near", "by", "next", "beside", "at", "close", "around", "bei", "nahe", "neben", "am", "an",
		"im", "pres", "a", "au", "cote", "en", "cerca", "junto", "al", "vicino", "accanto", "nel", "nella", "presso",
		"bij", "naast", "vlakbij", "aan", "perto", "ao", "na", "no", "em", "behind", "hinter", "derriere", "detras",
		"dietro", "achter", "atras", "opposite", "gegenuber", "face", "frente", "fronte", "tegenover", "facing")
	// weWords51 and weBe51: the business located ("we're based in", "wir
	// sitzen in", "nous sommes à").
	weWords51 = set("we", "were", "wir", "nous", "nosotros", "noi", "wij", "we", "nos", "ns")
	weBe51    = set("are", "re", "based", "located", "sind", "sitzen", "sommes", "basés", "bases", "situes", "somos",
		"siamo", "zijn", "zitten", "gevestigd", "sediati", "situados", "localizados", "ubicados", "stiamo", "basati", "situati", "sediados", "installes")
	weBeAlone51 = set("estamos", "siamo", "somos", "sommes", "zijn", "sind", "stiamo")
	// fromWords51 say where a thing comes from.
	fromWords51 = set("from", "aus", "von", "depuis", "desde", "dalla", "dal", "dai", "dagli", "vanuit", "uit", "do", "da",
		"provenant", "procedente", "proveniente", "afkomstig", "vindo")
	// you51 are words of the person addressed.
	you51 = union(secondPerson, h44YouToo, set("vous", "usted", "lei", "u", "voce", "sie", "ihre", "ihrem", "ihren",
		"ihrer", "votre", "vos", "su", "sus", "suo", "sua", "uw", "je", "jouw", "tua", "teu", "senhora", "madame",
		"signora", "mevrouw", "frau", "ti", "te", "le", "lhe", "ihnen", "dein", "deine", "deiner", "ton", "ta", "tes",
		"tu", "tuo", "ur"))
	// other51 are words of another person or of the business, besides
	// placeOwners and ourWords.
	other51 = minus(keySetBits(h44Words, h44Third), set("il", "er", "e", "je", "ik", "yo", "io", "eu", "ich"))
)

// keySetBits returns the words of m whose kinds hold bit.
func keySetBits(m map[string]uint32, bit uint32) map[string]bool {
	out := map[string]bool{}
	for w, k := range m {
		if k&bit != 0 {
			out[w] = true
		}
	}
	return out
}

func hasStem51(w string, stems []string, prefix bool) bool {
	for _, s := range stems {
		if prefix && strings.HasPrefix(w, s) || !prefix && strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// hints51 returns the verdict on her city told by a mark or a region
// (above level), or none.
func (m *Matcher) hints51(t *text, level proofdesk.Level) Verdict {
	if l := m.levels[proofdesk.ClassDateOfBirth]; l > level && t.monthFragment51(m.dob[1]) {
		return Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassDateOfBirth, Part: PartFull, RequiredLevel: l}
	}
	h := &m.h51
	lvl := m.levels[proofdesk.ClassAddress]
	if lvl <= level || len(h.marks) == 0 && len(h.regions) == 0 && len(h.streets) == 0 {
		return Verdict{}
	}
	toks := t.toks
	for k := range toks {
		tk := &toks[k]
		if h.compound && tk.len6 >= 7 && (tk.tail6 == 't' || tk.tail6 == 'd') && cityCompound51(t.tokBytes(k)) && t.compoundMark51(k, h.marks) {
			return Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassAddress, Part: PartCity, RequiredLevel: lvl}
		}
		if !h.shapes.hasTok(tk) {
			continue
		}
		for _, mk := range h.marks {
			if t.wordsAt(k, len(t.toks), mk.toks) && t.markOfHers51(k, k+len(mk.toks), mk) {
				part := PartCity
				if mk.street {
					part = PartStreet
				}
				return Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassAddress, Part: part, RequiredLevel: lvl}
			}
		}
		if len(h.streets) > 0 && m.streetWord51(t, k) {
			return Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassAddress, Part: PartStreet, RequiredLevel: lvl}
		}
		for _, cr := range h.regions {
			if t.wordsAt(k, len(t.toks), cr.city) && t.cityRegionForwarded51(k, k+len(cr.city), cr.regions) {
				return Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassAddress, Part: PartCity, RequiredLevel: lvl}
			}
		}
	}
	return Verdict{}
}

// markOfHers51 reports whether the mark at tokens [i, j) names the city
// of her address: after a word for a city when weak, in a sentence that
// says her address, her home or her post.
func (t *text) markOfHers51(i, j int, mk mark51) bool {
	weak := mk.weak
	from, to := t.sentenceOf(i)
	if t.toks[i].flags&fQuestion != 0 {
		return false
	}
	head := -1
	for k := i - 1; k >= from && k >= i-4; k-- {
		w := string(t.tokBytes(k))
		if !mk.street && cityNouns51[w] || mk.street && streetNouns51[w] {
			head = k
			break
		}
		if !connectors51[w] {
			break
		}
	}
	post := false
	if head < 0 && !mk.street && j < to && cityNouns51[string(t.tokBytes(j))] {
		head, post = j, true // "canal city", "Mole-Stadt"
	}
	if weak && head < 0 {
		return false
	}
	// where a thing comes from is no address: "your parcel comes from the
	// city of light"
	np := i
	if head >= 0 && !post {
		np = head
	}
	for np > from && (definites[string(t.tokBytes(np-1))] || connectors51[string(t.tokBytes(np-1))] && np-1 > from &&
		fromWords51[string(t.tokBytes(np-2))]) {
		np--
	}
	if np > from && fromWords51[string(t.tokBytes(np-1))] {
		return false
	}
	if head < 0 {
		// a distinctive mark alone: where her place is, after a word of
		// place ("right by the Eiffel Tower", "nahe dem Brandenburger Tor")
		near := false
		for k := max(from, i-3); k < i; k++ {
			near = near || locPreps51[string(t.tokBytes(k))]
		}
		if !near {
			return false
		}
	}
	if t.placeOfHers51(from, to, i, head < 0) {
		return true
	}
	if mk.street && t.deictic51(from, head) && t.clean51(from, to) && !t.condBefore51(from, i) {
		return true // "It's in the Baixa, on the street with the big arch."
	}
	// a short question or title before: "Your address? It's in the city
	// of the seven hills."
	if from == 0 || head < 0 || post || t.condBefore51(from, i) {
		return false
	}
	pfrom, pto := t.sentenceOf(from - 1)
	return pto-pfrom <= 5 && t.placeOfHers51(pfrom, pto, pto, false) && t.clean51(from, to)
}

// clean51 reports whether [from, to) holds no word of the business's or
// of another person.
func (t *text) clean51(from, to int) bool {
	for k := from; k < to; k++ {
		if weWords51[string(t.tokBytes(k))] && k+1 < to && (weBe51[string(t.tokBytes(k+1))] ||
			k+2 < to && weBe51[string(t.tokBytes(k+2))]) {
			return false // "we're based in the city of canals": the business's place
		}
		if weBeAlone51[string(t.tokBytes(k))] && k+1 < to && (weBe51[string(t.tokBytes(k+1))] || locPreps51[string(t.tokBytes(k+1))]) {
			return false // "estamos ubicados en …", "siamo nella …"
		}
		w := string(t.tokBytes(k))
		if placeOwners[w] || ourWords[w] || other51[w] || ours51[w] {
			return false
		}
		if b := strings.TrimSuffix(w, "s"); len(w) >= 5 && len(b) < len(w) && (placeOwners[b] || other51[b]) {
			return false // "my sister's street", "the shop's street"
		}
	}
	return true
}

// condBefore51 reports whether a word of condition opens a clause of
// [from, i): "if", "falls", "se" or "als" first in the sentence or after
// a comma.
func (t *text) condBefore51(from, i int) bool {
	for k := from; k < i; k++ {
		w := string(t.tokBytes(k))
		if condWords[w] || (w == "se" || w == "als" || w == "si") && (k == from || t.toks[k-1].flags&fPunctAfter != 0) {
			return true
		}
	}
	return false
}

// placeOfHers51 reports whether the sentence [from, to) says the place
// at token i is her address's, her home's or where her post goes: a word
// of hers and a word for an address, a home or the post, or a verb of
// forwarding (strict: an address or a home only, for a landmark named
// alone: "your parcel passes the Munttoren" is no address); no word of
// the business's or of another person, no condition before i.
func (t *text) placeOfHers51(from, to, i int, strict bool) bool {
	you, addr, fwd := false, false, false
	if t.condBefore51(from, max(i, from)) || !t.clean51(from, to) {
		return false
	}
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if placeOwners[w] || ourWords[w] || other51[w] {
			return false
		}
		you = you || you51[w]
		if len(w) >= 4 {
			addr = addr || addressNouns[w] || homeWords[w] || hasStem51(w, addrStems51, false) || !strict && hasStem51(w, postStems51, true)
			fwd = fwd || !strict && hasStem51(w, forwardStems51, true)
		}
		addr = addr || t.toks[k].cls&clLive != 0 && t.toks[k].cls != clUnread
	}
	return you && addr || fwd
}

// cityRegionForwarded51 reports whether her city at tokens [i, j) has
// her region after it ("Portland, Oregon", "Portland, OR") in a
// sentence with a verb of forwarding and no condition, no negation, no
// word of the business's: "Inoltriamo a Portland, Oregon, come
// concordato".
func (t *text) cityRegionForwarded51(i, j int, regions [][]string) bool {
	from, to := t.sentenceOf(i)
	if t.toks[i].flags&fQuestion != 0 {
		return false
	}
	found := false
	for k := j; k < to && k <= j+2 && !found; k++ {
		for _, r := range regions {
			if t.wordsAt(k, to, r) {
				found = true
				break
			}
		}
		if w := string(t.tokBytes(k)); !found && !connectors51[w] && w != "in" && w != "im" && w != "a" && w != "em" {
			break
		}
	}
	if !found || t.condBefore51(from, to) {
		return false
	}
	fwd := false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if placeOwners[w] || ourWords[w] || other51[w] || t.negAt(k) {
			return false
		}
		fwd = fwd || len(w) >= 5 && hasStem51(w, forwardStems51, true) || w == "weiter" || w == "door"
	}
	return fwd
}

// compoundMark51 reports whether token k is a German or Dutch compound of
// a weak mark of her city's and a word for a city ("Grachtenstadt",
// "Rosenstadt", "grachtenstad"), in a sentence that says her address,
// her home or her post.
func (t *text) compoundMark51(k int, marks []mark51) bool {
	w := string(t.tokBytes(k))
	p, ok := strings.CutSuffix(w, "stadt")
	if !ok {
		p, ok = strings.CutSuffix(w, "stad")
	}
	if !ok || len(p) < 3 {
		return false
	}
	for _, mk := range marks {
		if !mk.weak || mk.street || len(mk.toks) != 1 {
			continue
		}
		m := mk.toks[0]
		if p == m || p == m+"s" || p == m+"n" || p == m+"en" || strings.TrimSuffix(p, "s") == m+"e" {
			from, to := t.sentenceOf(k)
			return t.toks[k].flags&fQuestion == 0 && t.placeOfHers51(from, to, k, false)
		}
	}
	return false
}

// cityCompound51 reports whether w ends in a word for a city that
// closes a compound ("…stadt", "…stad").
func cityCompound51(w []byte) bool {
	n := len(w)
	return n >= 5 && w[n-1] == 'd' && string(w[n-4:]) == "stad" || n >= 6 && w[n-1] == 't' && string(w[n-5:]) == "stadt"
}
