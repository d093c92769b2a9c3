package guard

import (
	"strconv"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// hints44.go (g25b): a value of hers told by a trait of it in passing,
// in chat or small talk, with no word asking for it (held-out set 25):
//
//   - a phone by its country: "there are two numbers on the account, a
//     French one and a German one", "the mobile with the French prefix";
//     her calling code written with its '+' and no number after it, in
//     small talk or as a phone of the account ("ha, the +33 prefix always
//     reminds me of my holidays", "Sie haben eine Nummer mit der
//     Ländervorwahl +49 hinterlegt"); not a phone in general ("any German
//     mobile works", "the +33 prefix is France's");
//   - her age group or age: "according to our data you're in your
//     mid-forties", "Sie sind über vierzig", "tiene cuarenta y tantos",
//     "Laut System sind Sie 46", "we're the same age, both 46 this year",
//     "only five months to your birthday" (read against Options.Now), "the
//     day (3) is right but the month isn't", "the year on your ID isn't
//     79", her sign as an exclamation ("Oh, a Scorpio!", "Ah, Scorpion,
//     comme moi !"); not "customers over 40", "are you over 40?", "your
//     order is over 40";
//   - her city or street in small talk or as a place: "How lovely,
//     Torino!", "have a nice weekend in Amsterdam", "it goes to the
//     capital, Berlin", "the post office near Kalverstraat", "it's right
//     next to your home", "you live near Porta Palazzo?"; not the city
//     praised ("Lisbon is lovely in spring") nor the agent's ("greetings
//     from Paris");
//   - her email's top-level domain beside a word for addresses, in small
//     talk ("Greetings to France! .fr addresses sometimes land in spam"),
//     its label beside a word for a domain ("Ha, 'exemple', lustiger
//     Domainname!");
//   - her card's last 4 with a card word after them ("the 7158 card",
//     "die 7158er Karte"), a word for the PIN, or a payment acted on
//     ("refund", "frozen") in the sentence, unowned ("order 7158") and no
//     amount ("7158 euros"); its last two with a card word and a word for
//     the end ("the card with 58 at the end").
//
// A sentence with a word of the business's ("our", "unser", "notre")
// is about the business and passes: "our French hotline number", "our
// Paris office wishes you a nice weekend". Each reading opens on a token
// that passes a shape test (h44Anchors, h44NearShapes, the matcher's
// hintShapes and cityHeads, a number of 4 digits or fewer), so a reply
// without one pays a few bit tests per token.

// Word kinds of h44Words (bits).
const (
	h44Phone   = 1 << iota // a noun of a phone or its number, or of its prefix
	h44Mid                 // a word that makes a number an age band before it ("mid", "über", "plus")
	h44After               // a word after a number of an age band or age ("years", "something", "tantos")
	h44Data                // a word for the records ("system", "Daten", "données")
	h44Third               // a person other than the one addressed ("colleague", "my", "he")
	h44Same                // "same", "both"
	h44MonthU              // a word for months
	h44Doc                 // a word for an identity document or a date
	h44Interj              // an interjection or article of an exclamation ("oh", "a", "typical")
	h44Talk                // a word of small talk ("lovely", "enjoy", "weekend")
	h44Capital             // a word for a capital city
	h44From                // a word for "from" ("greetings from Paris")
	h44Near                // a word for near
	h44Home                // a word for home
	h44Addr                // a word for addresses
	h44Card                // a word for a card
	h44Pin                 // a word for the PIN
	h44End                 // a word for the end
	h44Cont                // a word that goes on a clause after an age band ("per", "so", "laut")
	h44Record              // a word for the account or its records ("account", "registered", "profile")
	h44Generic             // a word of a phone in general ("any", "format", "if", "support")
	h44Remind              // a word of reminding ("reminds", "erinnert", "rappelle")
	h44Wish                // a word of a wish ("enjoy", "weekend", "greetings")
	h44Nice                // a word of a good wish ("nice", "schönes", "bon")
	h44Period              // a time wished for ("week", "end", "semana", "day")
	h44Group               // a word of people in general or a condition ("customers", "if", "can")
	h44Fun                 // a word of an exclamation on a sign ("how fun", "like me")
	h44Pay                 // a word of a payment acted on ("refund", "chargeback", "frozen")
)

// h44Decades are words of an age band, with its decade.
var h44Decades = map[string]int{
	"thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "30s": 30, "40s": 40, "50s": 50, "60s": 60,
	"dreissiger": 30, "dreissigern": 30, "vierziger": 40, "vierzigern": 40, "funfziger": 50, "funfzigern": 50,
	"sechziger": 60, "sechzigern": 60, "trentaine": 30, "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60,
	"treintena": 30, "cuarentena": 40, "cincuentena": 50, "cuarenton": 40, "cuarentona": 40, "trentina": 30,
	"quarantina": 40, "cinquantina": 50, "sessantina": 60, "trentanni": 30, "quarantanni": 40, "cinquantanni": 50,
	"sessantanni": 60, "dertiger": 30, "veertiger": 40, "vijftiger": 50, "zestiger": 60, "dertigers": 30,
	"veertigers": 40, "vijftigers": 50, "trintao": 30, "quarentao": 40, "quarentona": 40, "cinquentao": 50,
	"trintena": 30, "quarentena": 40, "cinquentena": 50,
}

// h44Words are the cue words of the readings, with their kinds.
var h44Words = func() map[string]uint32 {
	m := map[string]uint32{}
	add := func(bit uint32, words ...string) {
		for _, w := range words {
			m[w] |= bit
		}
	}
	add(h44Phone, "number", "numbers", "nummer", "nummern", "numero", "numeros", "numeri", "nummers", "prefix",
		"vorwahl", "landervorwahl", "indicatif", "prefijo", "prefisso", "landnummer", "landcode", "indicativo",
		"prefixo", "phone", "mobile", "cell", "telephone", "landline", "cellphone", "telefon", "telefonnummer", "handy",
		"handynummer", "mobil", "mobilnummer", "rufnummer", "festnetz", "portable", "fixe", "telefono", "movil", "celular",
		"cellulare", "fisso", "telefoonnummer", "mobiel", "gsm", "telemovel", "fixo", "telefone", "telefoon", "whatsapp",
		"sms", "numerotelefono", "mobilenummer", "mobielnummer")
	add(h44Mid, "mid", "mitte", "over", "uber", "plus", "mas", "piu", "boven", "mais", "early", "late", "anfang",
		"ende", "oltre", "sopra", "ruim", "dik", "upper", "passed", "past", "beyond", "jenseits", "pasados", "passati",
		"voorbij", "passados", "meados", "mediados")
	add(h44After, "years", "year", "jahre", "jahren", "ans", "anos", "anni", "jaar", "something", "ish", "tantos",
		"tal", "passee", "passes", "passe", "und", "y", "e", "et", "plus", "enne", "jarig", "pico", "odd")
	add(h44Cont, "per", "according", "laut", "selon", "segun", "secondo", "volgens", "segundo", "nach", "gemass",
		"dapres", "segon", "stando")
	add(h44Group, "if", "wenn", "falls", "si", "als", "when", "whether", "ob", "quand", "cuando", "quando", "wanneer",
		"customers", "customer", "kunden", "kundinnen", "clients", "client", "clientes", "cliente", "clienti", "klanten",
		"klant", "people", "leute", "menschen", "personnes", "gens", "personas", "gente", "persone", "mensen",
		"pessoas", "members", "mitglieder", "membres", "miembros", "membri", "leden", "membros", "anyone", "everyone",
		"jeder", "tout", "todos", "tutti", "iedereen", "users", "nutzer", "utilisateurs", "usuarios", "utenti",
		"gebruikers", "utilizadores", "can", "konnen", "pouvez", "puede", "puo", "kunt", "pode", "must", "mussen",
		"devez", "debe", "deve", "moet", "eligible", "berechtigt", "qualify", "club", "plan", "tarif", "tarifa", "offer",
		"angebot", "offre", "oferta", "offerta", "aanbieding", "discount", "rabatt", "remise", "descuento", "sconto",
		"korting", "desconto", "only", "nur", "seulement", "solo", "solamente", "alleen", "apenas", "group", "gruppe",
		"groupe", "grupo", "gruppo", "groep", "je", "average", "durchschnitt", "moyenne", "promedio", "media",
		"gemiddeld", "percent", "prozent", "pourcent", "ciento", "cento", "procent", "cento", "for", "seit", "depuis",
		"desde", "hace", "sinds", "experience", "erfahrung", "experiencia", "esperienza", "ervaring", "ago", "geleden",
		"atras", "fa", "history", "geschichte", "histoire", "historia", "storia", "geschiedenis")
	add(h44Data, "data", "system", "systems", "records", "record", "file", "profile", "daten", "unterlagen",
		"donnees", "systeme", "dossier", "fiche", "datos", "sistema", "registros", "expediente", "dati", "archivio",
		"gegevens", "systeem", "dados", "registos", "ficha", "profil", "perfil", "profilo", "profiel", "account",
		"konto", "compte", "cuenta", "conta")
	add(h44Third, "colleague", "colleagues", "kollege", "kollegin", "collegue", "companero", "companera", "collega",
		"colega", "my", "mein", "meine", "meiner", "mon", "mes", "mi", "mio", "mia", "mijn", "meu", "minha", "he",
		"she", "er", "il", "elle", "ella", "lui", "hij", "zij", "ele", "ela", "ich", "yo", "io", "ik", "eu", "wife",
		"husband", "son", "daughter", "mother", "father", "brother", "sister", "mum", "mom", "dad", "friend", "boss",
		"manager", "frau", "mann", "sohn", "tochter", "mutter", "vater", "bruder", "schwester", "chef", "chefin",
		"freund", "freundin", "mere", "pere", "frere", "soeur", "ami", "amie", "madre", "padre", "hermano",
		"hermana", "amigo", "amiga", "jefe", "fratello", "sorella", "amico", "amica", "capo", "moeder", "vader",
		"broer", "zus", "vriend", "vriendin", "mae", "pai", "irmao", "irma", "chefe")
	add(h44Same, "same", "gleich", "gleichaltrig", "meme", "misma", "mismo", "stessa", "stesso", "even", "mesma",
		"mesmo", "both", "beide", "allebei", "ambos", "ambas", "entrambi", "entrambe", "tous", "tutti", "twee")
	add(h44MonthU, "month", "months", "monat", "monate", "monaten", "mois", "meses", "mes", "mesi", "mese", "maand",
		"maanden")
	add(h44Doc, "id", "document", "ausweis", "dokument", "personalausweis", "piece", "identite", "documento",
		"identita", "passport", "reisepass", "passeport", "pasaporte", "passaporto", "paspoort", "passaporte",
		"dni", "cni", "date", "datum", "fecha", "data", "birth", "geburt", "naissance", "nacimiento", "nascita",
		"geboorte", "nascimento", "licence", "license", "fuhrerschein", "permis", "carnet", "patente", "rijbewijs",
		"carta", "identiteitsbewijs", "records", "record", "file", "system")
	add(h44Interj, "0", "1", "oh", "ah", "a", "an", "un", "une", "ein", "eine", "uno", "una", "een", "um", "uma", "wow",
		"ha", "ach", "tiens", "vaya", "ecco", "ja", "so", "also", "what", "typical", "typisch", "typique", "tipico",
		"tipica", "tipicamente", "classic", "klassisch", "classique", "clasico", "classico", "klassiek", "classico",
		"ahh", "ooh", "aha", "ay", "ahi", "nossa", "olha", "echt", "vraiment", "really", "wirklich", "davvero", "de",
		"veras", "mesmo", "true", "real", "ah", "ah ah")
	add(h44Talk, "lovely", "nice", "enjoy", "greetings", "weekend", "beautiful", "wonderful", "envy", "jealous",
		"schon", "schones", "schonen", "schone", "wunderschon", "grusse", "gruss", "geniessen", "wochenende", "toll",
		"herrlich", "beneide", "belle", "beau", "profitez", "chance", "magnifique", "salutations", "amities",
		"buen", "bonito", "bonita", "precioso", "preciosa", "disfrute", "disfruta", "saludos", "envidia", "bello",
		"bella", "goditi", "goda", "saluti", "invidia", "fijn", "fijne", "mooi", "geniet", "groeten", "leuk",
		"prachtig", "lindo", "linda", "aproveite", "cumprimentos", "maravilhoso", "inveja", "magnifico", "splendida",
		"splendido", "heerlijk", "jaloers", "amazing", "gorgeous", "charming", "charmant", "charmante", "encantador",
		"incantevole", "heureux", "lucky", "gluck", "suerte", "fortuna", "sorte", "bom", "boa", "bon", "bonne", "buon",
		"buona", "vacances", "vacaciones", "vacanze", "vakantie", "ferias", "urlaub", "holiday", "holidays",
		"trip", "reise", "voyage", "viaje", "viaggio", "reis", "viagem", "ferien", "conges", "weekendje", "finde")
	add(h44Record, "account", "accounts", "registered", "profile", "file", "record", "records", "konto", "kundenkonto",
		"hinterlegt", "registriert", "gespeichert", "profil", "compte", "enregistre", "enregistres", "fiche", "dossier",
		"cuenta", "registrado", "registrados", "perfil", "ficha", "account", "registrato", "registrati", "profilo",
		"registrata", "geregistreerd", "profiel", "conta", "registado", "registados", "registrado", "added",
		"hinzugefugt", "ajoute", "anadido", "aggiunto", "toegevoegd", "adicionado", "used", "benutzt", "utilise",
		"usado", "usato", "gebruikt", "servi", "verwendet", "2fa", "verification", "verifizierung", "verification",
		"verificacion", "verifica", "verificatie", "verificacao", "authentification", "authentifizierung",
		"autenticacion", "autenticazione", "authenticatie", "autenticacao", "anmeldung")
	add(h44Generic, "any", "every", "jede", "jeder", "jedes", "tout", "toute", "tous", "n", "importe", "cualquier",
		"cualquiera", "qualsiasi", "qualunque", "elk", "elke", "qualquer", "if", "wenn", "falls", "si", "als",
		"winkel", "shop", "store", "laden", "geschaft", "magasin", "boutique", "tienda", "negozio", "loja", "office",
		"buro", "bureau", "oficina", "ufficio", "kantoor", "escritorio", "filiale", "agence", "sucursal",
		"format", "formato", "formaat", "support", "hotline", "service", "helpdesk", "kundenservice", "assistance",
		"soporte", "assistenza", "klantenservice", "apoio", "need", "needs", "required", "brauchen", "braucht",
		"benotigt", "faut", "besoin", "necesita", "necesario", "serve", "servono", "nodig", "precisa", "necessario",
		"works", "funktioniert", "fonctionne", "funciona", "funziona", "werkt", "range", "ranges", "begin", "start",
		"starts", "beginnen", "commencent", "empiezan", "iniziano", "comecam", "mobiles", "abroad", "ausland",
		"etranger", "extranjero", "estero", "buitenland", "estrangeiro", "international", "countries", "lander",
		"pays", "paises", "paesi", "landen")
	add(h44Remind, "reminds", "remind", "erinnert", "erinnern", "rappelle", "rappellent", "recuerda", "recuerdan",
		"ricorda", "ricordano", "denken", "lembra", "lembram", "nostalgia", "nostalgie", "nostalgisch", "memories",
		"souvenirs", "recuerdos", "ricordi", "herinneringen", "lembrancas", "holidays", "urlaub", "vacances",
		"vacaciones", "vacanze", "vakantie", "ferias", "haha", "ha")
	add(h44Wish, "enjoy", "greetings", "weekend", "wochenende", "grusse", "gruss", "geniessen", "profitez",
		"salutations", "disfrute", "disfruta", "saludos", "goditi", "goda", "saluti", "geniet", "groeten", "aproveite",
		"cumprimentos", "aufenthalt", "sejour", "estancia", "soggiorno", "verblijf", "estadia", "trip", "reise",
		"voyage", "viaje", "viaggio", "reis", "viagem", "weekendje", "finde")
	add(h44Nice, "nice", "lovely", "wonderful", "great", "good", "happy", "schones", "schonen", "schone", "bon",
		"bonne", "buen", "buena", "buon", "buona", "fijn", "fijne", "bom", "boa", "fijne", "prettig", "prettige")
	add(h44Period, "week", "end", "semana", "settimana", "fin", "fim", "fine", "day", "tag", "journee", "jour", "dia",
		"giornata", "dag", "time", "zeit", "temps", "tiempo", "tempo", "tijd", "stay", "evening", "abend", "soiree",
		"noche", "serata", "avond", "noite", "sejour")
	add(h44Fun, "how", "fun", "cool", "nice", "great", "lovely", "like", "me", "comme", "moi", "wie", "ich", "como", "yo",
		"come", "io", "net", "als", "ik", "eu", "too", "auch", "aussi", "tambien", "anche", "ook", "tambem", "toll",
		"super", "schon", "genial", "sympa", "chouette", "bien", "que", "qué", "che", "bello", "leuk", "wat", "fixe",
		"legal", "incroyable", "also", "alors", "entonces", "allora", "dus", "entao", "mij", "fellow")
	add(h44Pay, "refund", "refunded", "chargeback", "erstattung", "ruckerstattung", "ruckbuchung", "gutschrift",
		"remboursement", "retrofacturation", "reembolso", "contracargo", "rimborso", "storno", "terugbetaling",
		"terugboeking", "estorno", "charged", "belastet", "debite", "cargado", "addebitato", "afgeschreven", "cobrado",
		"frozen", "gesperrt", "bloquee", "bloqueada", "bloccata", "geblokkeerd", "bloqueado", "blocked", "gebucht",
		"credited", "gutgeschrieben", "credite", "abonado", "accreditato", "gestort", "creditado")
	add(h44Capital, "capital", "hauptstadt", "capitale", "hoofdstad")
	add(h44From, "from", "aus", "von", "depuis", "desde", "dalla", "dal", "van", "vanuit", "uit")
	add(h44Near, "near", "next", "nearby", "close", "beside", "nahe", "neben", "nah", "nahe", "pres", "cote", "cerca",
		"junto", "vicino", "accanto", "bij", "naast", "buurt", "perto", "lado", "nahe", "umgebung", "nabij", "vicina",
		"vizinhanca", "around")
	add(h44Home, "home", "house", "place", "flat", "apartment", "zuhause", "hause", "wohnung", "haus", "chez",
		"domicile", "maison", "appartement", "casa", "domicilio", "piso", "apartamento", "huis", "woning", "thuis",
		"abitazione", "appartamento", "unit")
	add(h44Addr, "addresses", "address", "adresse", "adressen", "adresses", "direccion", "direcciones",
		"indirizzo", "indirizzi", "adres", "endereco", "enderecos", "mail", "email", "mails", "emails", "correos",
		"correo", "mailadressen", "emailadressen", "accounts", "konten", "comptes", "cuentas", "contas")
	add(h44Card, "card", "karte", "carte", "tarjeta", "carta", "kaart", "pas", "cartao", "kreditkarte",
		"creditcard", "mastercard", "visa", "bankkaart", "betaalkaart", "cb", "debitcard", "girocard", "ec")
	add(h44Pin, "pin", "pincode", "geheimzahl", "pinnummer")
	add(h44End, "end", "ende", "fin", "final", "fine", "eind", "einde", "fim", "ending", "ends", "endet",
		"termina", "termine", "finit", "finisce", "eindigt", "acaba", "terminates", "endend", "eindigend")
	return m
}()

// h44Heads has bit n of entry c set when a word of h44Words opens with c
// and has n letters (n below 64): most tokens fail it before the map.
var h44Heads = func() (h [256]uint64) {
	for w := range h44Words {
		if len(w) < 64 {
			h[w[0]] |= 1 << len(w)
		}
	}
	for w := range h44Decades {
		h[w[0]] |= 1 << len(w)
	}
	return h
}()

// h44Anchors holds the shapes (wordShapes) of the countries' adjectives
// (her phones' among them) and of the words of an age band, h44NearShapes
// those of the words for near: the words a reading of hint44Class opens
// on, one bit test per token before the look-ups.
var h44Anchors, h44NearShapes = func() (h, n wordShapes) {
	for _, adjs := range countryAdjs {
		for _, w := range adjs {
			h.add(w)
		}
	}
	for w := range h44Decades {
		h.add(w)
	}
	for w, k := range h44Words {
		if k&h44Near != 0 {
			n.add(w)
		}
	}
	return h, n
}()

// h44Tld reports whether w is the top-level domain of an email of hers.
func (m *Matcher) h44Tld(w []byte) bool {
	for _, d := range m.mail.tlds {
		if string(w) == d {
			return true
		}
	}
	return false
}

// h44Kind returns the kinds of token k (0 for most tokens).
func (t *text) h44Kind(k int) uint32 {
	tk := &t.toks[k]
	if tk.len6 == 0 || tk.len6 >= 64 || h44Heads[tk.head6]&(1<<tk.len6) == 0 {
		return 0
	}
	return h44Words[string(t.tokBytes(k))]
}

// h44In returns the union of the kinds of the tokens [from, to).
func (t *text) h44In(from, to int) uint32 {
	var u uint32
	for k := from; k < to; k++ {
		u |= t.h44Kind(k)
	}
	return u
}

// h44Ours reports whether the sentence [from, to) holds a word of the
// business's.
func (t *text) h44Ours(from, to int) bool {
	for k := from; k < to; k++ {
		if t.toks[k].len6 <= 9 && ourWords[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

// h44YouToo are words of the person addressed that secondPerson lacks.
var h44YouToo = set("youre", "youll", "youd", "youve", "ihrem", "ihren", "ihrer", "votre", "vos", "uwe")

// h44You reports whether the sentence [from, to) holds a word of the
// person addressed.
func (t *text) h44You(from, to int) bool {
	for k := from; k < to; k++ {
		if t.toks[k].len6 <= 6 && (secondPerson[string(t.tokBytes(k))] || h44YouToo[string(t.tokBytes(k))]) {
			return true
		}
	}
	return false
}

// hints44 returns the verdict on the hints above: blocked with
// RuleProtectedValue and the class hinted at, when its level is above
// level.
func (m *Matcher) hints44(reply string, t *text, level proofdesk.Level) Verdict {
	class := m.hint44Class(reply, t)
	if class == "" || m.levels[class] <= level {
		return Verdict{}
	}
	part := PartFull
	switch class {
	case proofdesk.ClassAddress:
		part = PartCity
	case proofdesk.ClassPayment:
		part = PartLast4
	}
	return Verdict{Blocked: true, Rule: RuleProtectedValue, Class: class, Part: part, RequiredLevel: m.levels[class]}
}

// hint44Class returns the class of the first hint of t, or "".
func (m *Matcher) hint44Class(reply string, t *text) string {
	if len(t.toks) == 0 {
		return ""
	}
	age, day, mon := -1, 0, 0
	sign := -1
	if m.dob[0] != "" && m.birthYear != 0 {
		day, _ = strconv.Atoi(m.dob[0])
		mon, _ = strconv.Atoi(m.dob[1][1:])
		now := m.now()
		age = now.Year() - m.birthYear
		if int(now.Month()) < mon || int(now.Month()) == mon && now.Day() < day {
			age--
		}
		sign = signOf(mon, day)
	}
	last4, last2 := "", ""
	for _, e := range m.parts.ends {
		if e.class == proofdesk.ClassPayment {
			switch len(e.digits) {
			case 4:
				last4 = e.digits
			case 2:
				last2 = e.digits
			}
		}
	}
	plus := strings.IndexByte(reply, '+') >= 0
	for k := range t.toks {
		tk := &t.toks[k]
		if tk.shape&tsDigits != 0 {
			if tk.len6 > 4 {
				continue
			}
			if c := m.h44Number(reply, t, k, plus, age, day, mon, last4, last2); c != "" {
				return c
			}
			continue
		}
		if tk.cls&(clZodiac|clDobPart|clLive) != 0 && tk.cls != clUnread && age >= 0 {
			if t.h44DobWord(k, sign, m.dob) {
				return proofdesk.ClassDateOfBirth
			}
		}
		if tk.cls&clLive != 0 && tk.cls != clUnread && t.h44LiveNear(k) {
			return proofdesk.ClassAddress
		}
		if tk.len6 < 2 || tk.len6 > 24 || !m.h44Shapes.hasTok(tk) && m.cityHeads[tk.head6]&(1<<tk.len6) == 0 {
			continue // (each test below needs one of these: h44Anchors, h44NearShapes, the city heads, hintShapes)
		}
		w := t.tokBytes(k)

		if h44Anchors.hasTok(tk) {
			if tk.x52&x52Decade44 != 0 || isDigit(tk.head6) { // (h44Decades's words)
				if d, ok := h44Decades[string(w)]; ok && age >= 0 && d == age/10*10 && t.h44Band(k, true) {
					return proofdesk.ClassDateOfBirth
				}
			}
			if tk.x52&x52CountryAdj != 0 && m.parts.phoneAdjs[string(w)] && t.h44PhoneCountry(k) { // (phoneAdjs are words of countryAdjs)
				return proofdesk.ClassPhone
			}
		}
		if h44NearShapes.hasTok(tk) && t.h44Kind(k)&h44Near != 0 && t.h44NearHome(k) {
			return proofdesk.ClassAddress
		}
		if m.cityHeads[tk.head6]&(1<<tk.len6) != 0 && m.cityIndex(t, k) >= 0 && !m.publicWords[string(w)] && t.h44City(k) {
			return proofdesk.ClassAddress
		}
		if !m.hintShapes.hasTok(tk) {
			continue // no street of hers, no domain of hers opens here
		}
		if tk.len6 <= 3 && m.h44Tld(w) && t.h44TldSaid(k) {
			return proofdesk.ClassEmail
		}
		for _, l := range m.mail.labels {
			if len(w) == len(l) && string(w) == l && t.h44LabelSaid(k) {
				return proofdesk.ClassEmail
			}
		}
		for _, sp := range m.streets {
			if len(w) == len(sp.core[0]) && string(w) == sp.core[0] && t.wordsAt(k+1, len(t.toks), sp.core[1:]) && m.h44Street(t, k, k+len(sp.core)) {
				return proofdesk.ClassAddress
			}
		}
	}
	return ""
}

// h44Number reads the number at token k: her calling code, her age
// band's decade, her age, the months to her birthday, her card's last 4
// or last 2.
func (m *Matcher) h44Number(reply string, t *text, k int, plus bool, age, day, mon int, last4, last2 string) string {
	b := t.tokBytes(k)
	n := 0
	for _, c := range b {
		if !isDigit(c) {
			return ""
		}
		n = n*10 + int(c-'0')
	}
	if plus && len(b) <= 3 {
		for _, cc := range m.parts.ccs {
			if string(b) == cc && t.h44Code(reply, k, cc) {
				return proofdesk.ClassPhone
			}
		}
	}
	if age >= 0 && len(b) <= 2 {
		if n == age/10*10 && n >= 20 && t.h44Band(k, false) {
			return proofdesk.ClassDateOfBirth
		}
		if (n == age || n == age+1) && t.h44SameAge(k) || n == age && t.h44AgeIs(k) {
			return proofdesk.ClassDateOfBirth
		}
		if n >= 1 && n <= 11 && k+1 < len(t.toks) && t.toks[k+1].head6 == 'm' && t.h44Kind(k+1)&h44MonthU != 0 {
			now := m.now()
			if (int(now.Month())-1+n)%12+1 == mon && t.h44Birthday(k) {
				return proofdesk.ClassDateOfBirth
			}
		}
	}
	if len(b) == 4 && string(b) == last4 && t.h44Last4(k) {
		return proofdesk.ClassPayment
	}
	if len(b) == 2 && string(b) == last2 && t.h44Last2(k) {
		return proofdesk.ClassPayment
	}
	return ""
}

// h44Code reports whether her calling code at token k (w) is written
// with its '+' and no number after it in small talk or as a phone of
// the account, in a sentence not about the business's: "the +33 prefix
// reminds me of my holidays", "Sie haben eine Nummer mit der
// Ländervorwahl +49 hinterlegt" (not "the +33 prefix is France's").
func (t *text) h44Code(reply string, k int, w string) bool {
	from, to := t.sentenceOf(k)
	if k+1 < to && t.toks[k+1].shape&tsDigits != 0 || k > from && t.toks[k-1].shape&tsDigits != 0 {
		return false // a whole number is the phone patterns'
	}
	found := false
	for i := strings.Index(reply, "+"+w); i >= 0; {
		j := i + 1 + len(w)
		rest := strings.TrimLeft(reply[j:], " \u00a0")
		if (j >= len(reply) || !isDigit(reply[j])) && (rest == "" || !isDigit(rest[0])) {
			found = true
			break
		}
		n := strings.Index(reply[j:], "+"+w)
		if n < 0 {
			break
		}
		i = j + n
	}
	if !found || t.h44Ours(from, to) {
		return false
	}
	u := t.h44In(from, to)
	return u&h44Remind != 0 || u&h44Record != 0 && u&h44Phone != 0 && u&(h44Generic|h44Group) == 0 && t.toks[k].flags&fQuestion == 0
}

// h44PhoneCountry reports whether the adjective of a phone's country at
// token k is said of a phone of the account: beside a phone noun, in a
// sentence that names the account or its records or points at the phone
// with an article ("the mobile with the French prefix", "a French one
// and a German one" beside "two numbers on the account"); not in a
// question, nor of any phone or a phone in general ("any German mobile
// works", "if you have a French number", "the format of a French
// number"), nor in a sentence about the business's.
func (t *text) h44PhoneCountry(k int) bool {
	from, to := t.sentenceOf(k)
	if k > from && langPreps[string(t.tokBytes(k-1))] || t.toks[k].flags&fQuestion != 0 {
		return false // "in French": the language
	}
	if from > 0 && k-from <= 4 {
		from, _ = t.sentenceOf(from - 1) // "two numbers on the account: a French one and a German one"
	}
	u := t.h44In(from, to)
	if u&h44Phone == 0 || u&h44Generic != 0 || t.h44Ours(from, to) {
		return false
	}
	for i := from; i < to; i++ {
		if t.toks[i].shape&tsDigits != 0 && t.toks[i].len6 >= 2 && t.toks[i].len6 <= 3 && phoneCountries[string(t.tokBytes(i))] != "" {
			return false // "the French prefix is +33": the country's
		}
	}
	if u&h44Record != 0 {
		return true
	}
	for i := max(from, k-3); i < k; i++ {
		w := string(t.tokBytes(i))
		if h44Indefinites[w] || w == "a" && i+1 == k {
			return false // "a German mobile is required"
		}
	}
	for i := max(from, k-3); i < k; i++ {
		if definites[string(t.tokBytes(i))] {
			return true
		}
	}
	return false
}

// h44Band reports whether the decade at token k (word: a word of an
// age band) is said as the age band of the person addressed: a word of
// a band beside a number ("mid 40", "über 40", "40 something"), a word
// of age or the end of the sentence after it ("over 40 years", not
// "over 40 orders"), and the person addressed or the records in the
// sentence, with no other person.
func (t *text) h44Band(k int, word bool) bool {
	from, to := t.sentenceOf(k)
	unit := word
	if !word {
		mid := false
		for i := max(from, k-3); i < k; i++ {
			mid = mid || t.h44Kind(i)&h44Mid != 0
		}
		after := k+1 >= to || t.toks[k].flags&fPunctAfter != 0
		if !after {
			kn := t.h44Kind(k + 1)
			unit = kn&(h44After|h44Mid) != 0
			after = unit || mid && kn&h44Cont != 0 && t.h44In(from, to)&h44Data != 0
		}
		if !after || !mid && !unit {
			return false
		}
		if !unit && !t.h44AgeSaid(from, to) {
			return false // "your order is over 40": an amount
		}
		if !mid && k+1 < to {
			// "40 years": a band only with "something", "tantos", "passés"
			n := string(t.tokBytes(k + 1))
			if k+2 < to {
				n2 := string(t.tokBytes(k + 2))
				if n2 == "something" || n2 == "tantos" || n2 == "tal" || n2 == "passes" || n2 == "passee" {
					n = n2
				}
			}
			if n != "something" && n != "ish" && n != "tantos" && n != "tal" && n != "passes" && n != "passee" && n != "odd" && n != "plus" {
				return false
			}
		}
	}
	u := t.h44In(from, to)
	if u&(h44Third|h44Group|h44Generic) != 0 || t.toks[k].flags&fQuestion != 0 && !h44Tags[string(t.tokBytes(to-1))] {
		return false // "my colleague is in her forties", "customers over 40", "are you over 40?"
	}
	return t.h44You(from, to) || u&h44Data != 0 && unit
}

// h44Tags are the tags that make a question of a statement: "in your
// forties, right?".
var h44Tags = set("right", "oder", "nicht", "pas", "verdad", "vero", "toch", "certo", "nao", "correct", "richtig",
	"exact", "cierto", "giusto", "klopt")

// h44AgeWords are words of age or of the person addressed being it:
// "you're", "Sie sind", "vous avez", "usted tiene", "u bent".
var h44AgeWords = set("youre", "are", "sind", "bist", "avez", "etes", "as", "es", "tiene", "tienes", "usted", "lei",
	"sei", "bent", "tem", "tens", "age", "alter", "edad", "eta", "leeftijd", "idade", "old", "alt", "jung", "young",
	"jeune", "joven", "giovane", "jong", "jovem")

// h44AgeSaid reports whether the sentence [from, to) holds a word of
// h44AgeWords.
func (t *text) h44AgeSaid(from, to int) bool {
	for k := from; k < to; k++ {
		if t.toks[k].len6 <= 8 && h44AgeWords[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

// h44AgeIs reports whether her age at token k is said of the person
// addressed from the records: "Laut System sind Sie 46", "volgens het
// systeem bent u 46"; the number ends its clause or has a unit of age
// after it, and no noun owns it ("Sie sind Nummer 46").
func (t *text) h44AgeIs(k int) bool {
	from, to := t.sentenceOf(k)
	if t.toks[k].flags&fQuestion != 0 || k > from && (isOwner(string(t.tokBytes(k-1))) || numberWords[string(t.tokBytes(k-1))]) {
		return false
	}
	if k+1 < to && t.toks[k].flags&fPunctAfter == 0 {
		switch string(t.tokBytes(k + 1)) {
		case "years", "jahre", "ans", "anos", "anni", "jaar":
		default:
			return false
		}
	}
	u := t.h44In(from, to)
	return u&h44Data != 0 && u&(h44Third|h44Group|h44Generic) == 0 && t.h44You(from, to) && t.h44AgeSaid(from, to)
}

// h44SameAge reports whether her age at token k is said as the agent's
// too: "we're the same age, both 46 this year".
func (t *text) h44SameAge(k int) bool {
	from, to := t.sentenceOf(k)
	u := t.h44In(from, to)
	if u&h44Same == 0 || u&h44Third != 0 && !t.h44We(from, to) {
		return false
	}
	return true
}

// h44We reports whether the sentence [from, to) says "we" of the agent
// and the person addressed.
func (t *text) h44We(from, to int) bool {
	for k := from; k < to; k++ {
		switch string(t.tokBytes(k)) {
		case "we", "were", "wir", "nous", "tenemos", "abbiamo", "siamo", "wij", "temos", "somos", "sommes",
			"avons", "sind":
			return true
		}
	}
	return false
}

// h44Birthday reports whether the months at token k are said as the
// time left to the birthday of the person addressed: "only five months
// to your birthday".
func (t *text) h44Birthday(k int) bool {
	from, to := t.sentenceOf(k)
	bday := false
	for i := from; i < to; i++ {
		bday = bday || t.has(i, clBirthday) && t.toks[i].cls != clUnread
	}
	return bday && t.h44You(from, to) && t.h44In(from, to)&h44Third == 0
}

// h44DobWord reads a word of a part of a date beside her value of it
// and a judgement ("the day (3) is right", "the year on your ID isn't
// 79"), and her sign as an exclamation ("Oh, a Scorpio!").
func (t *text) h44DobWord(k, sign int, dob [3]string) bool {
	from, to := t.sentenceOf(k)
	if t.has(k, clZodiac) && sign >= 0 && isSign(sign, t.tokBytes(k)) {
		if to-from > 6 || t.h44In(from, to)&h44Third != 0 && !t.h44AsMe(from, to) {
			return false
		}
		for i := from; i < to; i++ {
			if i != k && t.h44Kind(i)&(h44Interj|h44Fun) == 0 {
				return false
			}
		}
		return true
	}
	if !t.has(k, clDobPart) {
		return false
	}
	var vals []string
	switch string(t.tokBytes(k)) {
	case "day", "tag", "jour", "dia", "giorno", "dag":
		vals = []string{dob[0]}
	case "month", "monat", "mois", "mes", "mese", "maand":
		vals = []string{dob[1]}
	case "year", "jahr", "annee", "an", "ano", "anno", "jaar":
		if len(dob[2]) == 4 {
			vals = []string{dob[2], dob[2][2:]}
		}
	}
	if vals == nil {
		return false
	}
	hit := -1
	for i := k + 1; i < to && i <= k+10 && hit < 0; i++ {
		if contains(vals, string(t.tokBytes(i))) {
			hit = i
		}
	}
	if hit < 0 || hit+1 < to && dh35Month(t.tokBytes(hit+1)) {
		return false // "the day of delivery is 3 June"
	}
	judged := false
	for i := from; i < to; i++ {
		judged = judged || t.toks[i].cls != clUnread && t.has(i, clJudge|clNeg)
	}
	return judged && (t.h44In(from, to)&h44Doc != 0 || t.h44You(from, to))
}

// h44AsMe reports whether the sentence [from, to) says "like me" ("comme
// moi", "wie ich", "come me"): the agent's own, not a third person.
func (t *text) h44AsMe(from, to int) bool {
	for k := from + 1; k < to; k++ {
		switch string(t.tokBytes(k - 1)) {
		case "like", "comme", "wie", "como", "come", "als":
			switch string(t.tokBytes(k)) {
			case "me", "moi", "ich", "yo", "io", "ik", "eu", "mij":
				return true
			}
		}
	}
	return false
}

// h44City reports whether her city at token k is said in small talk to
// the person addressed, or as the capital something goes to: a wish
// with the city after a preposition ("have a nice weekend in
// Amsterdam"), a short exclamation of the city ("How lovely, Torino!"),
// "it goes to the capital, Berlin"; not the city praised ("Lisbon is
// lovely in spring"), nor the agent's ("greetings from Paris").
func (t *text) h44City(k int) bool {
	from, to := t.sentenceOf(k)
	if k > from && t.h44Kind(k-1)&h44From != 0 || t.h44Ours(from, to) {
		return false // "greetings from Paris": the agent's place
	}
	u := t.h44In(from, to)
	wish := u&h44Wish != 0 || u&h44Nice != 0 && u&h44Period != 0
	if wish && k > from && h44InPreps[string(t.tokBytes(k-1))] {
		return true // "have a nice weekend in Amsterdam", "Grüße nach Berlin"
	}
	if u&h44Talk != 0 && to-from <= 5 && t.toks[k].flags&fPunctAfter != 0 && k > from && t.toks[k-1].flags&fPunctAfter != 0 {
		return true // "How lovely, Torino!"
	}
	for i := max(from, k-3); i < k; i++ {
		if t.h44Kind(i)&h44Capital != 0 {
			return true
		}
	}
	return false
}

// h44InPreps are the prepositions of a place wished in: "in
// Amsterdam", "à Amsterdam", "nach Berlin".
var h44InPreps = set("in", "im", "en", "em", "a", "nach", "naar", "to", "dans", "au", "nel", "ad", "op", "te", "na",
	"no", "da", "para", "pra", "aan")

// h44Street reports whether her street's name at tokens [i, j) is said
// without its number after a word for near: "the post office near
// Kalverstraat in Amsterdam".
func (m *Matcher) h44Street(t *text, i, j int) bool {
	from, to := t.sentenceOf(i)
	if i > from && t.toks[i-1].shape&tsDigits != 0 || j < to && t.toks[j].shape&tsDigits != 0 ||
		j+1 < to && t.toks[j+1].shape&tsDigits != 0 || t.h44Ours(from, to) {
		return false // with its number: the address patterns'
	}
	for k := max(from, i-3); k < i; k++ {
		if t.h44Kind(k)&h44Near != 0 {
			return true
		}
	}
	return false
}

// h44NearHome reports whether the word for near at token k is said of
// the home of the person addressed, not as a question or of "a" place:
// "it's right next to your home", "juste à côté de chez vous".
func (t *text) h44NearHome(k int) bool {
	from, to := t.sentenceOf(k)
	if t.toks[k].flags&fQuestion != 0 || t.h44Ours(from, to) {
		return false
	}
	home := -1
	for i := k + 1; i < to && i <= k+5; i++ {
		if t.h44Kind(i)&h44Home != 0 {
			home = i
			break
		}
	}
	if home < 0 {
		return false
	}
	you := string(t.tokBytes(home)) == "chez" && home+1 < to && t.h44You(home+1, home+2)
	if !you {
		you = t.h44You(k+1, home)
	}
	if home+1 < to && !you {
		you = t.h44You(home+1, home+2) // "casa sua"
	}
	if !you {
		return false
	}
	for i := from; i < k-1; i++ {
		if h44Indefinites[string(t.tokBytes(i))] {
			return false // "a locker near your home"
		}
	}
	return true
}

// h44Indefinites are the indefinite articles but "a", a preposition in
// four of the languages ("à côté", "vicino a").
var h44Indefinites = minus(indefinites, set("a"))

// h44LiveNear reports whether the verb of living at token k is followed
// by a word for near and a named place: "you live near Porta Palazzo?",
// "Abita vicino a Porta Palazzo?".
func (t *text) h44LiveNear(k int) bool {
	from, to := t.sentenceOf(k)
	if t.h44Ours(from, to) {
		return false
	}
	for i := k + 1; i < to && i <= k+3; i++ {
		if t.h44Kind(i)&h44Near == 0 {
			continue
		}
		for j := i + 1; j < to && j <= i+2; j++ {
			w := string(t.tokBytes(j))
			if h44Indefinites[w] || ourWords[w] || secondPerson[w] {
				return false
			}
		}
		return i+1 < to
	}
	return false
}

// h44TldSaid reports whether her email's top-level domain at token k is
// said beside a word for addresses, to the person addressed or in small
// talk: "Greetings to France! .fr addresses sometimes land in spam"
// (not ".fr addresses may be delayed").
func (t *text) h44TldSaid(k int) bool {
	from, to := t.sentenceOf(k)
	if t.h44Ours(from, to) {
		return false
	}
	addr := k > from && t.h44Kind(k-1)&h44Addr != 0
	for i := k + 1; i < to && i <= k+2; i++ {
		addr = addr || t.h44Kind(i)&h44Addr != 0
	}
	if !addr {
		return false
	}
	pf := from
	if from > 0 {
		pf, _ = t.sentenceOf(from - 1)
	}
	return t.h44You(pf, to) || t.h44In(pf, to)&(h44Talk|h44Wish|h44Remind) != 0
}

// h44DomainWords name a domain, in one word or two ("Domainname").
var h44DomainWords = set("domain", "domaine", "dominio", "domein", "domane", "domainname", "domeinnaam", "domainnamen",
	"domeinnamen", "domains", "domaines", "dominios", "domini", "domeinen", "dominios")

// h44LabelSaid reports whether her email's domain label at token k is
// said beside a word for a domain: "Ha, 'exemple', lustiger
// Domainname!"; not "par exemple", "zum Beispiel", nor the business's.
func (t *text) h44LabelSaid(k int) bool {
	from, to := t.sentenceOf(k)
	if k > from {
		switch string(t.tokBytes(k - 1)) {
		case "par", "for", "zum", "por", "ad", "bij", "per":
			return false
		}
	}
	if t.h44Ours(from, to) {
		return false
	}
	for i := max(from, k-4); i < to && i <= k+4; i++ {
		if i != k && t.toks[i].len6 <= 11 && h44DomainWords[string(t.tokBytes(i))] {
			return true
		}
	}
	return false
}

// h44Last4 reports whether her card's last 4 at token k are said of a
// card after them or with a word for the PIN: "the 7158 card", "7158,
// that's almost my PIN"; not a number owned by a noun before it ("order
// 7158").
func (t *text) h44Last4(k int) bool {
	from, to := t.sentenceOf(k)
	if k > from && isOwner(string(t.tokBytes(k-1))) {
		return false
	}
	if k+1 < to && t.h44Kind(k+1)&h44Card != 0 {
		return true
	}
	if k+1 < to && h44Units[string(t.tokBytes(k+1))] || k > from && h44Units[string(t.tokBytes(k-1))] {
		return false // "a refund of 7158 euros", "JPY 7158"
	}
	if to < len(t.toks) && to-from <= 2 {
		_, to = t.sentenceOf(to) // "7158? Ha, that's nearly my PIN!"
	}
	u := t.h44In(from, to)
	return u&h44Pin != 0 || u&h44Pay != 0 && !t.h44Owned(from, to)
}

// h44Units are currencies and units that make a number an amount.
var h44Units = set("eur", "euro", "euros", "usd", "dollar", "dollars", "gbp", "chf", "jpy", "yen", "sek", "dkk", "nok",
	"pln", "czk", "items", "units", "stuck", "pieces", "km", "kg", "points", "punkte", "pounds", "francs")

// h44Owned reports whether the sentence [from, to) holds a noun that
// owns a number ("order", "ticket").
func (t *text) h44Owned(from, to int) bool {
	for i := from; i < to; i++ {
		if t.toks[i].len6 >= 3 && isOwner(string(t.tokBytes(i))) {
			return true
		}
	}
	return false
}

// h44Last2 reports whether her card's last two at token k are said with
// a card word and a word for the end: "the card with 58 at the end".
func (t *text) h44Last2(k int) bool {
	from, to := t.sentenceOf(k)
	if k > from && isOwner(string(t.tokBytes(k-1))) {
		return false
	}
	for i := from; i < to; i++ {
		if t.toks[i].len6 >= 3 && isOwner(string(t.tokBytes(i))) {
			return false // "the order number ends in 58"
		}
	}
	u := t.h44In(from, to)
	return u&h44Card != 0 && u&h44End != 0 && !t.h44Ours(from, to)
}
