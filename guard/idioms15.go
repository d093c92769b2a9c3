package guard

// Answers about an offered value that neither say yes nor no (guard15), as
// phrase sets in the seven languages read by the one phrase automaton
// (phraser): the double negative ("I won't say it isn't", "je ne dirais
// pas que non"), not contradicting ("let's say I don't contradict you"),
// nothing to change ("I wouldn't change a digit", "you won't need to
// correct anything"), a yes to the letter ("yes, letter by letter"), a
// gesture ("I'm nodding"), the hot-and-cold game ("hot, very hot", "you're
// on fire", "🔥", "cold, try another city", "eiskalt", "te quemas",
// "fuochissimo", "gelado"), and the partial denials ("the street's right
// but the house number isn't", "right decade, wrong year", "a digit off
// somewhere", "the last two digits are swapped", "neither of the two
// numbers on your account", "it's not yours", "you won't get the code
// there"). Each counts (idiomCounts) outside a refusal, a condition or a
// question.
//
// The game's single words ("Hot!", "Freezing.", "Brûlant !") count only
// when they open their sentence and punctuation follows them.

const (
	phIdiomYes = 100 + iota // a confirmation without a yes (idiomsYes15)
	phIdiomNo               // a denial without a no (idiomsNo15)
)

// idiomsYes15 confirm the offered value.
var idiomsYes15 = []string{
	// en
	"i won't say it isn't", "i wouldn't say it isn't", "i will not say it isn't", "i can't say it isn't",
	"i don't contradict you", "i'm not contradicting you", "i won't contradict you", "let's say i don't contradict you",
	"i wouldn't change a digit", "i wouldn't change a thing", "i wouldn't change a letter", "i wouldn't change a single digit",
	"you won't need to correct anything", "you don't need to correct anything", "nothing you need to correct",
	"yes letter by letter", "yes digit by digit", "yes to the letter", "correct letter by letter", "right down to the letter",
	"i'm nodding", "i am nodding", "nodding", "nods",
	"you're on fire", "you are on fire", "you're hot", "very hot", "red hot", "burning hot", "hot hot", "getting warmer",
	"emojifire",
	"that's the inbox to watch", "that's the one to watch", "keep an eye on that inbox", "that's the phone to keep handy",
	// de
	"ich sage nicht dass sie nicht stimmt", "ich sage nicht dass es nicht stimmt", "ich würde nicht sagen dass es nicht stimmt",
	"ich widerspreche ihnen nicht", "ich widerspreche dir nicht", "da widerspreche ich nicht", "ich widerspreche nicht",
	"ich würde keine ziffer ändern", "ich würde nichts ändern", "ich würde keinen buchstaben ändern",
	"sie müssen nichts korrigieren", "sie müssen nichts ändern", "du musst nichts korrigieren",
	"ja buchstabe für buchstabe", "ja ziffer für ziffer", "ich nicke",
	"sehr heiß", "glühend heiß", "heiß heiß", "du brennst", "sie brennen", "wärmer",
	// fr
	"je ne dirais pas que non", "je ne dirai pas que non", "je ne vous contredis pas", "je ne te contredis pas",
	"disons que je ne vous contredis pas", "je ne changerais pas un chiffre", "je ne changerais rien",
	"je ne changerais pas une lettre", "vous n'aurez rien à corriger", "vous n'avez rien à corriger",
	"oui lettre pour lettre", "oui chiffre pour chiffre", "je hoche la tête", "tu brûles", "vous brûlez",
	"très chaud", "brûlant brûlant", "tu chauffes", "vous chauffez",
	// es
	"no diré que no", "no diría que no", "no le contradigo", "no te contradigo", "digamos que no le contradigo",
	"no cambiaría ni un dígito", "no cambiaría nada", "no cambiaría ni una letra", "no tendrá que corregir nada",
	"no tiene que corregir nada", "no hace falta corregir nada", "sí letra por letra", "sí dígito por dígito",
	"estoy asintiendo", "asiento con la cabeza", "te quemas", "se quema", "muy caliente", "caliente caliente",
	// it
	"non dirò di no", "non direi di no", "non la contraddico", "non ti contraddico", "diciamo che non la contraddico",
	"non cambierei una cifra", "non cambierei nulla", "non cambierei niente", "non cambierei una lettera",
	"non dovrà correggere nulla", "non deve correggere niente", "non deve correggere nulla",
	"sì lettera per lettera", "sì cifra per cifra", "sto annuendo", "annuisco", "fuochissimo", "fuoco fuoco", "scotta",
	"bollente",
	// nl
	"ik zou niet zeggen van niet", "ik zeg niet van niet", "ik spreek u niet tegen", "ik spreek je niet tegen",
	"laten we zeggen dat ik u niet tegenspreek", "ik zou geen cijfer veranderen", "ik zou niets veranderen",
	"ik zou geen letter veranderen", "u hoeft niets te corrigeren", "je hoeft niets te verbeteren",
	"u hoeft niets aan te passen", "ja letter voor letter", "ja cijfer voor cijfer", "ik knik", "gloeiend heet",
	"heet heet", "heel heet", "je bent heet", "warmer",
	// pt
	"não direi que não", "não diria que não", "não o contradigo", "não a contradigo", "não te contradigo",
	"digamos que não a contradigo", "não mudaria um dígito", "não mudaria nada", "não mudaria uma letra",
	"não vai precisar de corrigir nada", "não precisa de corrigir nada", "não precisa corrigir nada",
	"sim letra por letra", "sim dígito por dígito", "estou a acenar", "estou acenando", "a escaldar",
	"está a escaldar", "muito quente", "quentíssimo", "quente quente",
}

// idiomsNo15 deny the offered value, or a part of it.
var idiomsNo15 = []string{
	// en
	"i won't say it is", "i wouldn't say it is", "i will not say it is", "i wouldn't say so",
	"ice cold", "stone cold", "you're cold", "you're freezing", "getting colder", "cold try another", "emojicold",
	"but the house number isn't", "but the number isn't", "but the digits aren't", "but the year isn't",
	"but the street isn't", "but the postcode isn't", "but the domain isn't", "but the city isn't",
	"right decade wrong year", "right street wrong number", "right city wrong street", "right year wrong month",
	"wrong year", "wrong month", "wrong day", "wrong house number", "wrong country code", "wrong domain",
	"wrong postcode", "wrong city", "swap day and month", "the year is off by", "is off by one", "off by one digit",
	"a digit off", "one digit off", "off by a couple of digits", "off by a digit", "digits are swapped",
	"last two are swapped", "digits are the wrong way round", "neither of the two", "neither of your", "not one of the",
	"none of the numbers on your account", "it's not yours", "it isn't yours", "that's not yours", "is not yours",
	"you won't get the code there", "you wouldn't get the code there", "wouldn't send anything to that",
	"would bounce", "the refund would bounce",
	// advice not to use it: "if I were you I wouldn't send anything to that one"
	"if i were you i wouldn't send anything to that", "if i were you i wouldn't use that",
	"an ihrer stelle würde ich nichts an diese", "an ihrer stelle würde ich die nicht nehmen",
	"à votre place je n'enverrais rien à ce", "à votre place je n'utiliserais pas celui-là",
	"yo que usted no enviaría nada a ese", "yo en su lugar no enviaría nada a ese",
	"al suo posto non invierei nulla a quel", "al posto suo non userei quello",
	"als ik u was zou ik niets naar dat", "als ik jou was zou ik niets naar dat",
	"no seu lugar não enviaria nada para esse", "se fosse a si não enviava nada para esse",
	// de
	"ich würde nicht sagen dass sie stimmt", "ich würde nicht sagen dass es stimmt", "eiskalt", "sehr kalt",
	"kalt kalt", "kälter", "aber die hausnummer nicht", "aber die nummer nicht", "aber die ziffern nicht",
	"aber das jahr nicht", "aber die straße nicht", "aber die postleitzahl nicht", "falsches jahr", "falscher monat",
	"falscher tag", "falsche hausnummer", "falsche vorwahl", "falsche ländervorwahl", "falsche postleitzahl",
	"tag und monat vertauscht", "tag und monat tauschen", "um eins daneben", "eine ziffer daneben",
	"eine ziffer falsch", "zwei ziffern vertauscht", "ziffern sind vertauscht", "keine der beiden", "keine von beiden",
	"keine der nummern", "die gehört nicht ihnen", "gehört ihnen nicht", "ist nicht ihre", "ist nicht ihrer",
	"würde zurückkommen", "den code bekommen sie dort nicht",
	// fr
	"je ne dirais pas que oui", "je ne dirai pas que oui", "glacial", "tu gèles", "vous gelez", "très froid",
	"froid froid", "mais pas le numéro", "mais pas le numéro de rue", "mais pas les chiffres", "mais pas l'année",
	"mais pas la rue", "mais pas le code postal", "mauvaise année", "mauvais mois", "mauvais jour",
	"mauvais numéro de rue", "mauvais indicatif", "mauvais code postal", "inversez le jour et le mois",
	"jour et mois inversés", "décalé d'un", "un chiffre de travers", "un chiffre près", "chiffres inversés",
	"chiffres sont inversés", "aucun des deux", "aucune des deux", "aucun des numéros", "ce n'est pas le vôtre",
	"ce n'est pas la vôtre", "n'est pas à vous", "vous n'y recevrez pas le code", "serait refusé",
	// es
	"no diría que sí", "no diré que sí", "frío frío", "muy frío", "helado", "te congelas", "congelado",
	"pero el número no", "pero los dígitos no", "pero el año no", "pero la calle no", "pero el código postal no",
	"año equivocado", "mes equivocado", "día equivocado", "prefijo equivocado", "número de portal equivocado",
	"código postal equivocado", "intercambie día y mes", "día y mes al revés", "un dígito mal",
	"un dígito cambiado", "dígitos cambiados", "dígitos están intercambiados", "ninguno de los dos", "ninguna de las dos",
	"ninguno de los números", "no es suyo", "no es suya", "no es tuyo", "no es tuya", "no recibirá el código ahí",
	"sería rechazado", "rebotaría",
	// it
	"non direi di sì", "non dirò di sì", "acqua acqua", "freddo freddo", "gelido", "ghiacciato", "congelato",
	"ma il civico no", "ma il numero no", "ma le cifre no", "ma l'anno no", "ma la via no", "ma il cap no",
	"anno sbagliato", "mese sbagliato", "giorno sbagliato", "prefisso sbagliato", "civico sbagliato", "cap sbagliato",
	"inverta giorno e mese", "giorno e mese invertiti", "sbagliato di uno", "una cifra sbagliata", "una cifra fuori posto",
	"cifre invertite", "cifre sono invertite", "nessuno dei due", "nessuna delle due", "nessuno dei numeri", "non è suo",
	"non è sua", "non è tuo", "non è tua", "lì non riceverà il codice", "verrebbe respinto", "tornerebbe indietro",
	// nl
	"ik zou niet zeggen van wel", "ik zeg niet van wel", "ijskoud", "heel koud", "koud koud", "steenkoud",
	"maar het huisnummer niet", "maar het nummer niet", "maar de cijfers niet", "maar het jaar niet",
	"maar de straat niet", "maar de postcode niet", "verkeerd jaar", "verkeerde maand", "verkeerde dag",
	"verkeerd huisnummer", "verkeerde landcode", "verkeerde postcode", "draai dag en maand om",
	"dag en maand omgedraaid", "eentje ernaast", "één cijfer ernaast", "een cijfer verkeerd", "cijfers omgedraaid",
	"cijfers zijn omgewisseld", "geen van beide", "geen van de twee", "geen van de nummers", "het is niet van u",
	"die is niet van u", "is niet de uwe", "daar krijgt u de code niet", "zou terugkomen",
	// pt
	"não diria que sim", "não direi que sim", "gelado", "gelada", "frio frio", "muito frio", "congelado",
	"mas o número não", "mas os dígitos não", "mas o ano não", "mas a rua não", "mas o código postal não",
	"ano errado", "mês errado", "dia errado", "indicativo errado", "número da porta errado", "código postal errado",
	"troque o dia e o mês", "dia e mês trocados", "errado por um", "um dígito errado", "um dígito trocado",
	"dígitos trocados", "dígitos estão trocados", "nenhum dos dois", "nenhuma das duas", "nenhum dos números", "não é seu",
	"não é sua", "não é o seu", "não é a sua", "não vai receber o código aí", "seria devolvido", "voltaria para trás",
}

// ourUseVerbs, after a value noun and "we" (weWords), make it the
// business's own number or address: "not one of the numbers we call
// from" is about our lines, not hers.
var ourUseVerbs = set("call", "use", "dial", "ring", "text", "send", "ship", "anrufen", "verwenden", "nutzen",
	"appelons", "utilisons", "llamamos", "usamos", "utilizamos", "chiamiamo", "usiamo", "utilizziamo", "bellen",
	"gebruiken", "ligamos")

// gameYes15 and gameNo15 are the hot-and-cold game's single words: they
// count opening their sentence with punctuation after them ("Hot!",
// "Freezing.").
var (
	gameYes15 = []string{"hot", "warm", "burning", "heiß", "heiss", "chaud", "brûlant", "caliente", "caldo",
		"fuochino", "heet", "quente", "warmer"}
	gameNo15 = []string{"cold", "colder", "freezing", "kalt", "froid", "frío", "freddo", "koud", "frio", "gelo"}
)

// idiomCounts reports whether the idiom at token i (span sp) answers: it
// is in no condition or question and not about another thing; its clause
// names none of the business's things ("the coffee machine in our shop is
// very hot"); it ends its clause or goes on only to a value noun or a
// word of where or for ("neither of the two numbers on your account", "a
// digit off somewhere", "wrong country code for what we have"), not to
// another noun ("ice cold drinks", "aucun des deux transporteurs", "wrong
// year on the invoice"); and a judgement that opens it ("wrong month",
// "falsches Jahr") opens its clause or follows "that's the", not "we
// delivered on the wrong day".
func (t *text) idiomCounts(i int, sp span) bool {
	if t.conditional(i) || t.aboutOther(i, sp) {
		return false // "if it's wrong", "the items are swapped free of charge"
	}
	j := t.tokenAt(sp.end - 2)
	if j < i {
		j = i
	}
	from, to := t.sentenceOf(i)
	cs, ce := i, j // the idiom's clause [cs, ce]
	for cs > from && t.toks[cs-1].flags&fPunctAfter == 0 {
		cs--
	}
	for ce < to-1 && t.toks[ce].flags&fPunctAfter == 0 {
		ce++
	}
	for k := cs; k <= ce; k++ {
		if k >= i && k <= j {
			continue
		}
		if t.ourAt(k) || t.isOther(k, ce+1) {
			return false
		}
	}
	if j < ce {
		n := string(t.tokBytes(j + 1))
		if !valueNouns[n] && !idiomTails[n] && !allDigits([]byte(n)) {
			return false
		}
		if j+3 <= ce && weWords[string(t.tokBytes(j+2))] && ourUseVerbs[string(t.tokBytes(j+3))] {
			return false // "not one of the numbers we call from": the business's own
		}
	}
	if w := string(t.tokBytes(i)); idiomJudgements[w] && i > cs {
		p := string(t.tokBytes(i - 1))
		if !(determiners[p] || p == "a" || p == "an") || i-2 < cs || t.toks[i-2].lex&lxCopula == 0 && string(t.tokBytes(i-2)) != "thats" {
			return false
		}
	}
	return true
}

// Words of the idioms' checks (normalised): what may follow an idiom in
// its clause, and the judgements that open one.
var (
	idiomTails = set("numbers", "nummern", "numeros", "numeri", "nummers", "digits", "ziffern", "chiffres", "digitos",
		"cifre", "cijfers", "addresses", "adressen", "adresses", "direcciones", "indirizzi", "moradas", "enderecos",
		"somewhere", "irgendwo", "quelque", "algun", "qualche", "ergens", "algures", "for", "fur", "pour", "para", "per",
		"voor", "there", "dort", "la",
		"ahi", "li", "daar", "ai", "then", "dann", "alors", "entonces", "allora", "dan", "entao", "sorry", "leider",
		"desole", "lo", "mi", "helaas", "infelizmente", "i", "afraid")
	idiomJudgements = set("wrong", "falsche", "falscher", "falsches", "mauvais", "mauvaise", "verkeerd", "verkeerde")
)
