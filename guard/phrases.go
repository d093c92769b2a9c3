package guard

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// phrase kinds
const (
	phAffirm = iota
	phDeny
	phExclude // a refusal or idiom: a confirmation inside it does not count
	phYes     // an affirmative word ("yes", "genau", 👍): see confirmation
	phNo      // a negative word ("no", "nein", ❌): see confirmation
	phAgree   // an agreement verb ("lines up", "deckt sich"): see agreeCounts
	phDisagree
	phPointYes  // a pointer then a yes opening a sentence ("That one, yes", "Die ja,"): see confirmation
	phReported  // "as you said" opening a sentence: see reportedCounts
	phNeverHad  // "never had", "wasn't used": see neverHadCounts
	phNeverWord // "never", "nothing", a negation: a denial with a verb of having, sending or going (neverWordCounts)
	phSaid      // a verb of saying: with an "as" word before it, an opening like reportedYes (saidOpening)
)

type phrase struct {
	kind int
	// start means the phrase counts only when it opens a sentence.
	start bool
	// punct means the word counts only when punctuation follows it ("No,"
	// but not "No problem", "Si," but not "Si vous...").
	punct bool
	// refusal marks an exclusion that refuses ("I can't tell you"): an
	// affirmation after it in its sentence is what is refused, not said
	// ("I can't tell you what we hold").
	refusal bool
	// local marks an exclusion that excludes only its own words, not its
	// sentence.
	local bool
	// closing marks an idiom of closing ("that's all") that is none
	// before a word of order ("è tutto a posto").
	closing bool
	// ends means the phrase counts only when it ends its clause ("die
	// hatten wir nicht." but not "hatten wir nicht genug Kartons").
	ends bool
}

// pastDenyPhrases deny in the past that the value was held ("because we
// didn't have that", "die hatten wir nicht"); they end their clause, as
// they say what was held, not what was in stock (guard13a).
var pastDenyPhrases = []string{"we didn't have that", "we did not have that", "hatten wir nicht", "n'avions pas", "l'avions pas",
	"no la teníamos", "no lo teníamos", "non l'avevamo", "hadden we niet", "não a tínhamos", "não o tínhamos"}

// settledWords follow "that's all" when it says that all is in order
// (normalised): "è tutto a posto", "c'est tout bon", "that's all fine".
var settledWords = set("a", "in", "bon", "bien", "fine", "good", "right", "correct", "ok", "okay", "klar", "gut",
	"correcto", "certo", "correto", "bem", "goed", "posto", "ordine", "orden", "orde")

// The phrase sets, in English, German, French, Spanish, Italian, Dutch and
// Portuguese. Written in plain text; they go through the normaliser, so
// accents, apostrophes and number words ("the one" is "the 1") meet the
// reply's.
var (
	affirmPhrases = []string{
		// en
		"that's right", "that is right", "that's correct", "that is correct", "is correct", "is right",
		"that matches", "it matches", "this matches", "matches our records", "matches what we have",
		"matches the one", "match our records", "that's the one", "that is the one", "the one we have",
		"that's what we have", "that is what we have", "same as what we have", "same as the one", "we have that",
		"we do have that", "we have it on file", "is on file", "is the one on file", "i can confirm that",
		"i can confirm it", "i can confirm the", "i can confirm your", "i confirm", "i've confirmed",
		"that checks out", "checks out", "spot on", "you got it", "that's the address", "that is the address",
		"that's the number", "that is the number", "that's the email", "that's the card", "that's your address",
		"that's it exactly", "exactly right", "you're right", "you are right",
		"that's accurate", "that is accurate", "is accurate", "on the money", "that's it", "that is it",
		"that's the one we have", "correct address", "correct number", "right address", "right number",
		"same one", "the very same", "that's us", "you've got it", "you have it right", "all correct",
		"it is indeed", "yes it is", "yes that is", "is indeed", "indeed the", "that's the 1",
		// de
		"das stimmt", "stimmt so", "stimmt genau", "ist korrekt", "ist richtig", "das ist richtig",
		"das ist korrekt", "das passt", "genau die", "genau das", "genau diese", "genau dieser",
		"so hinterlegt", "ist hinterlegt", "ist so hinterlegt", "haben wir so", "stimmt uberein", "stimmt mit",
		"ubereinstimmt", "kann ich bestatigen", "ich bestatige", "bestatige ich", "richtige adresse",
		"richtige nummer", "ja genau", "jawohl", "klopt als een bus", "die haben wir", "das haben wir", "haben wir so",
		// fr
		"c'est bien ça", "c'est ça", "c'est exact", "c'est correct", "c'est juste",
		"c'est bien celle", "c'est bien celui", "c'est la bonne", "c'est le bon", "je confirme",
		"je vous confirme", "bien celle", "bien celui", "c'est bien la", "c'est bien le", "correspond bien",
		"ça correspond", "cela correspond", "est exacte", "est correcte", "est correct",
		"est bien", "bonne adresse", "bon numéro",
		// es
		"es correcto", "es correcta", "eso es", "esa misma", "ese mismo", "es la misma", "es el mismo",
		"es esa", "es ese", "es esta", "es este", "le confirmo", "confirmo que", "es la correcta",
		"es el correcto", "la tenemos", "lo tenemos", "en efecto", "dirección correcta",
		"número correcto", "justo esa", "justo ese",
		// it
		"è corretto", "è corretta", "è giusto", "è giusta", "proprio così", "è quello", "è quella",
		"proprio quella", "proprio quello", "proprio questa", "proprio questo",
		"confermo", "le confermo", "è proprio", "è esatto", "è esatta",
		// still the same: "Esatto, è ancora quello", "Klopt, nog steeds dezelfde"
		"è ancora quello", "è ancora quella", "sempre quello", "sempre quella", "sigue siendo la misma", "sigue siendo el mismo",
		"sigue siendo esa", "sigue siendo ese", "continua a ser a mesma", "continua a ser o mesmo", "continua a ser essa",
		"continua a ser esse", "nog steeds dezelfde", "nog steeds hetzelfde", "nog altijd dezelfde", "immer noch dieselbe",
		"immer noch derselbe", "immer noch dasselbe", "toujours la même", "toujours le même", "still the same", "still that 1",
		"indirizzo giusto", "numero giusto", "indirizzo corretto", "risulta",
		// nl
		"dat klopt", "dat is juist", "is juist", "dat is correct", "dat is hem",
		"dat is het", "ik bevestig", "bevestig ik", "kan ik bevestigen", "klopt helemaal", "juiste adres",
		"juiste nummer", "hebben we zo",
		// pt
		"está correto", "está correta", "está certo", "está certa", "é esse", "essa mesma", "esse mesmo", "é essa",
		"é isso", "confere", "confirmo", "é o mesmo", "é a mesma", "é este", "é esta",
		"é o correto", "é a correta", "endereço correto", "número correto", "é exatamente",
		// a hedged yes: a modal before the pointer or the judgement ("Should
		// be that one", "Müsste passen", "Ça devrait être celui-là", "Debería
		// ser ese", "Dovrebbe essere quello", "Zou die moeten zijn", "Deve
		// ser esse"), and a pointer then a yes ("That one, yes", "Die ja")
		"should be that 1", "should be the 1", "must be that 1", "must be the 1", "should be right", "must be right",
		"should be correct", "must be correct", "that should be it", "that must be it", "should be it", "ought to be that 1",
		"that 1 i think", "the 1 i think",
		"müsste passen", "müsste stimmen", "sollte passen", "sollte stimmen", "dürfte passen", "dürfte stimmen",
		"müsste die sein", "müsste das sein", "müsste sie sein", "müsste er sein", "sollte die sein", "müsste richtig sein",
		"sollte richtig sein", "dürfte richtig sein",
		"devrait être celui", "devrait être celle", "devrait être le bon", "devrait être la bonne", "doit être celui",
		"doit être celle", "devrait être ça", "doit être ça", "devrait être correct", "devrait être correcte",
		"devrait être juste", "devrait correspondre", "doit correspondre",
		"debería ser ese", "debería ser esa", "debería ser este", "debería ser esta", "debe ser ese", "debe ser esa",
		"debe de ser ese", "debe de ser esa", "debería ser el correcto", "debería ser la correcta", "debería ser correcto",
		"debería ser correcta", "tendría que ser ese", "tendría que ser esa", "debería cuadrar",
		"dovrebbe essere quello", "dovrebbe essere quella", "deve essere quello", "deve essere quella",
		"dovrebbe essere giusto", "dovrebbe essere giusta", "dovrebbe essere corretto", "dovrebbe essere corretta",
		"dovrebbe tornare", "dovrebbe corrispondere",
		"zou die moeten zijn", "zou het moeten zijn", "zou deze moeten zijn", "moet die zijn", "moet hem zijn",
		"zou moeten kloppen", "moet kloppen", "zal wel kloppen", "zou kloppen", "die moet het zijn",
		"deve ser esse", "deve ser essa", "deve ser este", "deve ser esta", "deveria ser esse", "deveria ser essa",
		"deve ser o certo", "deve ser a certa", "deve estar certo", "deve estar certa", "deve ser isso", "deve bater",
	}
	yesWords = []string{
		"yes", "yep", "yeah", "yup", "yess", "correct", "right", "exactly", "precisely", "indeed", "absolutely",
		"affirmative", "confirmed", "accurate", "definitely", "bingo", "emojiyes", "yessir", "yesss", "yea", "aye",
		"right you are", "bang on", "dead on", "uh huh", "mm hmm", "mhm", "looks right", "looks correct",
		// verdictfill39: a doubled or hummed yes ("Yup yup, cheers mate.")
		"mm hm", "mmhm", "mhmm", "yup yup", "yep yep", "yes yes",
		"jawohl", "jep", "jup", "genau", "ganz genau", "exakt", "richtig", "korrekt", "stimmt", "jawoll",
		"oui", "ouais", "exact", "exactement", "effectivement", "absolument", "parfaitement",
		"exacto", "exactamente", "efectivamente", "correcto", "correcta", "cierto",
		"esatto", "esattamente", "giusto", "corretto", "certo", "certamente", "esatta",
		"precies", "klopt", "inderdaad", "juist", "zeker", "jazeker", "jawel",
		"sim", "exato", "exatamente", "correto", "correta", "isso", "isso mesmo", "tout à fait", "así es",
		"certissimo", "certíssimo", "affirmatif", "afirmativo", "affermativo",
		// a hedged yes is a yes: "I believe so, that's the address listed"
		"i believe so", "i think so", "i'd say so", "i would say so", "looks like it", "seems like it", "it seems so",
		"seems so", "i guess so", "i suppose so", "ich glaube schon", "ich denke schon", "glaube schon", "denke schon",
		"sieht so aus", "scheint so", "ich glaube ja", "je crois que oui", "je pense que oui", "je dirais que oui",
		"on dirait bien", "apparemment oui", "il semble que oui", "creo que sí", "pienso que sí", "parece que sí",
		"diría que sí", "eso parece", "así parece", "direi di sì", "credo di sì", "penso di sì", "sembra di sì",
		"pare di sì", "così sembra", "sembrerebbe di sì", "ik denk het wel", "ik geloof het wel", "het lijkt erop",
		"lijkt erop", "lijkt van wel", "ik denk van wel", "volgens mij wel", "ja hoor", "acho que sim", "creio que sim",
		"parece que sim", "diria que sim", "ao que parece", "pelo visto sim", "julgo que sim",
		// an emphatic yes, often the turn of a sarcastic one ("Sure, because
		// we ship anywhere… of course it's the one on file")
		"of course", "obviously", "natürlich", "logisch", "évidemment", "évidemment que", "bien sûr que",
		"claro que", "pues claro que", "pues claro", "ovvio che", "ovviamente", "natuurlijk", "uiteraard",
		"claro que sim", "evidentemente",
	}
	// emphaticHeads open the emphatic yes words ("of course",
	// "natürlich"): adverbs too, so a deferral in their sentence makes
	// them no answer
	emphaticHeads = set("of", "obviously", "naturlich", "logisch", "evidemment", "bien", "claro", "pues", "ovvio",
		"ovviamente", "natuurlijk", "uiteraard", "evidentemente")
	// pointYesPhrases are a pointer then a yes that open an answer and end
	// its clause: "That one, yes.", "Die ja, ...", "Esa sí, ..."; the
	// pointer is the value ("Esa sí que es buena pregunta" goes on)
	pointYesPhrases = []string{"that 1 yes", "this 1 yes", "die ja", "diese ja", "genau die ja", "deze ja", "die wel",
		"celui la oui", "celle la oui", "ese sí", "esa sí", "este sí", "esta sí", "quello sì", "quella sì", "esse sim",
		"essa sim", "este sim", "esta sim"}
	// words that are "yes" only with punctuation after them: "Sí," but
	// not "Si vous", "Si tiene"
	// ("Ja," but not Portuguese "já pode entrar")
	yesPunctWords = []string{"si", "sì", "sí", "oké", "ok", "okay", "ja", "passt"}
	noWords       = []string{"not exactly", "no exactamente", "não exatamente", "nicht ganz", "niet helemaal", "non esattamente",
		"pas exactement", "knapp daneben", "nope", "nah", "negativo", "nein", "nee", "emojino", "negative", "neen", "wrong", "fout", "falsch", "faux",
		"errado", "errada", "sbagliato", "sbagliata", "equivocado", "equivocada", "incorrect", "incorrecto", "onjuist",
		"incorrecta", "incorreto", "incorreta", "inexact", "inexacte", "inaccurate", "incorrecte", "non pas du tout",
		"para nada", "pas du tout", "en absoluto", "per niente", "helemaal niet", "de jeito nenhum", "ganz und gar nicht"}
	noPunctWords = []string{"no", "non", "não", "nao",
		// a near miss: "Almost, but ...", "Quasi, ma no"
		"almost", "fast", "presque", "casi", "quasi", "bijna", "quase"}
	denyPhrases = []string{
		// en
		"that's not", "that is not", "that isn't", "this isn't", "this is not", "isn't the",
		"is not the 1", "not the address", "not the 1", "not the number", "not the email",
		"not the card", "not the date", "not the birthday", "not what we have", "not on file", "not in our records",
		"not on our records", "not what's on file", "doesn't match", "does not match", "don't match",
		"do not match", "no match", "not a match", "different 1", "different address",
		"different number", "different phone", "different email", "different card",
		"different date", "that's wrong", "that is wrong",
		"not correct", "isn't correct", "not right", "isn't right", "not quite",
		"we don't have that", "we do not have that", "doesn't look right", "no such",

		"not the same", "not accurate", "doesn't correspond", "does not correspond",
		"that's a different", "we have another", "another address", "another number",
		"not even close", "wrong 1", "ring a bell", "not that 1", "not this 1", "something else", "different street",
		"different city", "different postcode", "different house", "not it",
		// de
		"stimmt nicht", "nicht korrekt", "nicht richtig", "ist falsch", "das ist falsch", "falsche adresse",
		"falsche nummer", "nicht uberein", "nicht dieselbe", "nicht die gleiche", "nicht die richtige",
		"eine andere", "andere adresse", "andere nummer", "nicht hinterlegt", "haben wir nicht", "passt nicht",
		"ist es nicht", "das ist nicht", "ist nicht die", "ist nicht das", "ist nicht der", "leider falsch",
		// fr
		"ce n'est pas", "n'est pas la", "n'est pas le", "n'est pas celle", "n'est pas celui", "pas la bonne",
		"pas le bon", "c'est faux", "est fausse", "est faux",
		"ne correspond pas", "correspond pas", "une autre adresse", "un autre numéro", "une autre carte",
		"pas celle", "pas celui", "pas ça",
		// es
		"no es la", "no es el", "no es esa", "no es ese", "no es esta", "no es este", "no es correct",
		"no coincide", "otra dirección", "otro número", "otra tarjeta", "es otra", "es otro",
		"no corresponde", "no la tenemos",
		"no lo tenemos", "no es así", "no es correcta", "no es correcto",
		// it
		"non è quello", "non è quella", "non è questo", "non è questa", "non è corretto", "non è corretta",
		"non è giusto", "non è giusta", "non è il", "non è la", "non è l", "non corrisponde", "un altro indirizzo", "un altro numero", "un'altra", "non risulta", "non è esatto",
		// nl
		"klopt niet", "dat klopt niet", "niet juist", "komt niet overeen", "niet hetzelfde",
		"een ander adres", "een ander nummer", "een andere", "is het niet", "niet correct", "niet het juiste",
		"niet de juiste", "is fout", "dat is fout", "dat is niet", "is niet het", "is niet de", "niet het adres",
		"niet het nummer", "niet de datum", "niet de kaart",
		// pt
		"não é esse", "não é essa", "não é este", "não é esta", "não é o", "não é a", "não é correto",
		"não é correta", "não está correto", "não está correta", "não confere", "não corresponde",
		"outro endereço", "outro número", "outro cartão", "é outra",
		"é outro", "não bate",
		// negated agreement
		"don't line up", "doesn't line up", "do not line up", "does not line up", "doesn't agree", "don't agree",
		"does not agree", "doesn't tally", "does not tally", "doesn't check out", "does not check out",
		"passt leider nicht", "stimmt leider nicht", "deckt sich nicht", "decken sich nicht", "entspricht nicht",
		"ne concorde pas", "ne concordent pas", "ne correspondent pas", "ne correspond pas",
		"no cuadra", "no cuadran", "no concuerda", "no concuerdan", "no coinciden", "no consta",
		// the record holds another ("die hinterlegte Karte hat andere
		// Endziffern", "das Jahr ist bei uns ein anderes") or not this one
		// ("die steht bei uns nicht drin")
		"ein anderes", "ein anderer", "hat andere", "has different", "has other", "heeft andere", "heeft een ander",
		"a d'autres", "tiene otros", "tiene otras", "ha altre", "ha altri", "tem outros", "tem outras",
		"steht bei uns nicht", "nicht drin", "staat er niet in", "staat bij ons niet",
		"non corrispondono", "non combacia", "non combaciano", "non coincide", "non coincidono", "non torna", "non quadra",
		"komen niet overeen", "strookt niet", "stroken niet", "kloppen niet",
		"não batem", "não consta", "não coincide", "não coincidem", "não correspondem",
		// the offered value not found on the record: "Esa no figura en la
		// ficha", "die staat niet in ons systeem", "that one isn't in our
		// system", "não aparece no cadastro"
		"not in our system", "isn't in our system", "not in the system", "not one we have", "isn't one we have",
		"not the one we have", "not one we hold", "doesn't appear", "does not appear",
		"taucht nicht auf", "taucht bei uns nicht auf", "nicht im system", "nicht in unserem system", "finde ich nicht",
		"ne figure pas", "n'apparaît pas", "ne s'affiche pas", "pas dans notre système", "pas dans le système",
		"no figura", "no aparece", "no sale en", "no está en el sistema", "no está en nuestro sistema",
		"non figura", "non compare", "non appare", "non è nel sistema", "non è nel nostro sistema",
		"staat niet in", "staat er niet", "komt niet voor", "bij ons niet voor", "zit niet in ons systeem", "niet in ons systeem",
		"não aparece", "não figura", "não está no sistema", "não está no nosso sistema",
		// matching nothing stored, not one of those held: "that street
		// matches nothing saved", "not one of the numbers on your account"
		"matches nothing", "match nothing", "entspricht nichts", "passt zu nichts", "correspond à rien",
		"ne correspond à rien", "no coincide con nada", "no corresponde a nada", "non corrisponde a nulla",
		"non corrisponde a niente", "met niets overeen", "não corresponde a nada", "não bate com nada",
		"not one of the", "keine der", "keiner der", "pas un des", "pas une des", "no es uno de", "no es una de",
		"non è uno dei", "non è una delle",
	}
	// denyAdjectives deny as a predicate ("that is wrong", "está errado");
	// alone they open a sentence (noWords) or are just adjectives ("the
	// wrong link").
	denyAdjectives = []string{"incorrect", "inaccurate", "wrong", "falsch", "faux", "fausse", "inexact", "inexacte",
		"incorrecte", "différente", "différent", "incorrecto", "incorrecta", "equivocado", "equivocada", "distinta",
		"distinto", "diferente", "sbagliato", "sbagliata", "errato", "errata", "diverso", "diversa", "onjuist", "fout",
		"incorreto", "incorreta", "errado", "errada", "anders", "verkeerd"}
	copulas        = []string{"is", "its", "thats", "ist", "est", "cest", "es", "e", "esta", "sind", "son", "sono", "zijn", "sao", "isnt"}
	excludePhrases = []string{
		// en
		"confirm or deny", "neither confirm",
		"can't say whether that's correct", "whether that's correct", "if that's correct",
		"whether that is correct", "if that is correct", "whether that's right", "if that's right",
		"is that correct", "is that right", "yes or no", "no problem", "no problems", "no worries",
		"no rush", "no need", "no hurry", "no charge", "no longer", "not right now", "right now",
		"that's not something", "that is not something", "this isn't something", "this is not something", "that's not a problem",
		"that is not a problem", "that's not possible", "not possible", "not quite yet", "no, thank you",
		"no thank you", "no thanks", "not the right channel", "not the right place",
		"whether it matches", "if it matches", "whether that matches", "if that matches",
		"whether we have that", "if we have that", "whether that is the one", "whether that's the one",
		"can't tell you", "cannot tell you", "can't share", "cannot share", "not able to share",
		"can't discuss", "cannot discuss", "can't disclose", "cannot disclose", "not allowed to",
		"went wrong", "go wrong", "goes wrong", "gone wrong", "anything wrong", "nothing wrong",
		"nicht schlimm", "niet erg", "pas grave", "no es nada", "non è niente", "não faz mal", "no pasa nada",
		"something wrong", "nothing is wrong", "nothing's wrong", "what is wrong", "what's wrong", "something is wrong",
		"anything is wrong", "is anything wrong", "not the right person", "that's not all", "not necessary", "not needed",
		"that's it for",
		// de
		"weder bestatigen", "bestatigen noch", "bestatigen oder", "keine auskunft",
		"nicht sagen", "nicht mitteilen", "nicht nennen", "kein problem", "keine sorge", "nein danke",
		"nicht notig", "nicht moglich", "falsch gelaufen", "etwas falsch", "nicht erforderlich",
		"darf ich nicht", "kann ich nicht", "konnen wir nicht", "nicht weitergeben", "nicht preisgeben",
		// fr
		"ni confirmer", "confirmer ni", "ni infirmer",
		"pas en mesure", "pas de problème", "non merci", "pas possible", "pas nécessaire",
		"ne peux pas", "ne pouvons pas", "je ne peux", "nous ne pouvons", "pas autorisé",
		"ce n'est pas un problème", "ce n'est pas possible", "ce n'est pas nécessaire",
		// es
		"ni confirmar ni negar", "confirmar ni negar",
		"ningún problema", "no hay problema", "no gracias", "no es posible", "no es necesario",
		"no puedo", "no podemos", "no está permitido", "no dude", "no dudes", "no se preocupe",
		// it
		"né confermare", "confermare né",
		"nessun problema", "no grazie", "non è possibile", "non è necessario", "non posso", "non possiamo",
		"non esiti", "non si preoccupi", "non è un problema",
		// nl
		"bevestigen noch",
		"noch ontkennen", "geen probleem", "nee bedankt", "niet mogelijk", "niet nodig", "kan ik niet",
		"kunnen we niet", "ging iets fout", "iets fout", "of dat klopt", "of het klopt", "of dat juist",
		"of dit klopt", "of het overeenkomt", "of dat overeenkomt", "of die overeenkomt", "of deze overeenkomt",
		"of het strookt", "of dat strookt", "of het juist is", "of die klopt", "of deze klopt", "of die juist is",
		// pt
		"nem confirmar", "confirmar nem", "nem negar",
		"sem problema", "não obrigado", "não obrigada", "não é possível", "não é necessário", "não posso",
		"não podemos", "não hesite", "não se preocupe", "não é um problema",
	}
	// closingIdioms say "that's all" ("c'est tout", "è tutto"): an
	// exclusion unless a word of order follows ("è tutto a posto", "c'est
	// tout bon": everything is in order, see settledWords).
	closingIdioms = []string{"that's all", "eso es todo", "das war's", "das wars", "c'est tout", "è tutto",
		"dat was het", "dat is alles", "é tudo", "isso é tudo"}
	// agreePhrases say that the offer agrees with something; they affirm
	// when what it agrees with is the account or the offer (agreeCounts):
	// "That lines up with our records", but not "The colour matches the
	// photo". disagreePhrases are their denials.
	agreePhrases = []string{
		// en
		"lines up", "line up", "agrees with", "agree with", "tallies with", "tally with", "consistent with",
		"in line with", "matches what", "same as what", "check out on", "i have the same", "we have the same", "same thing",
		"we've got the same", "correspond to", "corresponds to",
		// de
		"deckt sich", "decken sich", "entspricht", "entsprechen", "passt zu", "so gespeichert", "ist gespeichert",
		"beides passt", "beides stimmt", "alles passt", "alles stimmt", "haben wir auch", "sehe ich auch", "so haben wir", "gespeichert",
		// fr
		"concorde", "concordent", "correspondent", "correspond à", "figure dans", "figure bien", "tout correspond", "tout concorde",
		// es
		"cuadra", "cuadran", "concuerda", "concuerdan", "coincide", "coinciden", "lo que figura", "lo que consta",
		"es lo mismo", "todo cuadra", "todo coincide",
		// it
		"combacia", "combaciano", "coincidono", "corrisponde", "corrispondono", "tutto torna", "quadra con", "quadrano",
		"risulta anche", "anche a noi",
		// nl
		"strookt", "stroken", "kloppen met", "komen overeen", "komt overeen", "overeenkomt", "beide kloppen", "klopt allebei",
		"kloppen allebei", "hebben wij ook", "hebben we ook", "zie ik ook", "zo staat het", "staat het ook",
		// pt
		"batem", "bate com", "bate certo", "consta no", "consta na", "coincidem", "correspondem", "corresponde", "confere com",
		"conferem", "também temos",
		// sameness, and a difference denied, in seven languages: they
		// affirm with the account or the offer in the sentence, and not
		// when they are about another thing (aboutOther)
		"same", "identical", "exactly what", "precisely what", "word for word", "colle avec", "colle bien", "klopt met", "torna con",
		"no discrepancy", "no discrepancies", "no difference", "no differences", "no mismatch",
		"identisch", "dieselbe", "dieselben", "derselbe", "dasselbe", "die gleiche", "die gleichen", "das gleiche",
		"keine abweichung", "keine abweichungen", "kein unterschied", "keinen unterschied", "genau das was",
		"la même", "le même", "les mêmes", "identique", "identiques", "aucune différence", "aucun écart", "pas de différence",
		"exactement ce",
		"el mismo", "la misma", "lo mismo", "idéntico", "idéntica", "ninguna diferencia", "no hay diferencia",
		"sin diferencias", "sin diferencia", "ninguna discrepancia", "exactamente lo",
		"lo stesso", "la stessa", "identico", "identica", "nessuna differenza", "nessuna discrepanza", "esattamente quello",
		"hetzelfde", "dezelfde", "zelfde", "identiek", "geen verschil", "geen verschillen", "geen afwijking", "precies wat", "één op één",
		"pareil", "pareille", "pareils", "igual", "iguales", "iguais", "uguale", "uguali", "net als", "precies als",
		"genauso", "genau wie", "gleich wie", "hetzelfde als", "comme chez", "como la", "como o", "come il",
		"o mesmo", "a mesma", "idêntico", "idêntica", "sem diferenças", "sem diferença", "nenhuma diferença",
		"exatamente o que",
		// plural subjects: "the four digits match", "die vier Ziffern stimmen"
		"digits match", "ziffern stimmen", "cijfers kloppen", "digitos coinciden", "digitos batem",
		"digits fit", "digits agree", "ziffern passen", "chiffres collent", "cifre tornano", "cijfers passen",
		"digitos conferem", "digitos cuadran", "algarismos batem", "algarismos conferem",
	}
	disagreePhrases = []string{
		"differs from", "different from", "differ", "differs", "digits are different", "weicht", "weichen", "abweichend",
		"different", "differe", "pas tout à fait", "difiere", "difieren", "wijkt af", "wijken af", "difere", "diferem",
		"discrepancy", "difference", "mismatch", "abweichung", "unterschied", "différence", "écart", "diferencia",
		"discrepancia", "differenza", "discrepanza", "verschil", "afwijking", "diferença", "discrepância",
		"ne colle pas", "colle pas",
		// a value that ends otherwise: "the mobile on the account ends differently"
		"ends differently", "end differently", "ends in different", "ends with different", "endet anders",
		"enden anders", "endet mit anderen", "se termine différemment", "termine différemment", "finit différemment",
		"se termine autrement", "termina distinto", "termina distinta", "termina diferente", "termina de otra forma",
		"termina de otra manera", "termina de forma distinta", "termina de manera distinta", "acaba distinto",
		"acaba diferente", "finisce in modo diverso", "finisce diversamente", "termina in modo diverso",
		"termina diversamente", "eindigt anders", "eindigen anders", "termina de forma diferente",
		"termina de outra forma", "termina de maneira diferente", "acaba de forma diferente",
		// plural differences: "los últimos dígitos son distintos"
		"son distintos", "son distintas", "son diferentes", "sao diferentes", "sono diverse", "sono diversi",
		"sind anders", "zijn anders", "verschillen", "sont différents", "sont différentes",
	}
	// copula paraphrases affirm on their own: "That is what we have".
	paraphrasePhrases = []string{
		"is what we have", "is what we hold", "is what we've got", "is what i see", "is what i have", "is what i can see",
		"that's what's on", "is what's on", "is on the account", "i see the same", "same on my", "on my screen too",
		"both of those are", "all of those are", "those are correct", "both are correct", "both correct",
		"those details are correct", "everything you listed is", "everything you gave is", "is what i'm looking at",
		"so steht es", "steht es so", "so haben wir es", "c'est ce que nous avons", "c'est aussi ce que", "c'est ce qui figure",
		"es lo que tenemos", "lo mismo que tenemos", "es lo que consta", "è quello che risulta", "è quello che vedo",
		"é o que temos", "o mesmo que temos", "é o que consta", "overeen met het onze", "overeen met de onze",
	}
	// recordWords name the account, the records or the offer: an
	// agreement verb in a sentence with one affirms.
	recordWords = set(
		"account", "accounts", "records", "record", "file", "system", "profile", "data", "details", "screen", "side",
		"ours", "you", "both", "those", "number", "numbers", "phone", "address", "email", "emails", "mail", "card", "date",
		"digits", "street", "postcode", "zip", "see", "looking", "here", "have", "hold",
		"konto", "kundenkonto", "daten", "angaben", "unterlagen", "akte", "profil", "hier", "uns", "beides", "nummer",
		"nummern", "adresse", "ziffern", "endziffern", "datum", "karte", "sehe", "haben",
		"compte", "dossier", "donnees", "informations", "systeme", "fichier", "ici", "notres", "deux", "numero",
		"numeros", "chiffres", "carte", "vois", "avons", "ai",
		"cuenta", "ficha", "datos", "sistema", "registro", "registros", "expediente", "perfil", "aqui", "ambos",
		"direccion", "fecha", "tarjeta", "cifras", "veo", "tenemos", "tengo", "nuestra", "nuestro",
		"conto", "dati", "scheda", "profilo", "qui", "entrambi", "indirizzo", "cifre", "vedo", "noi", "numeri",
		"carta", "abbiamo", "registrata", "registrato", "nostra", "nostro",
		"gegevens", "systeem", "profiel", "ons", "beide", "allebei", "adres", "huisnummer", "straat", "kaart", "zie",
		"nummers", "hebben",
		"conta", "dados", "registo", "registos", "morada", "endereco", "cartao", "vejo", "temos", "nossa", "nosso",
		// what is stored, and what the requester gave
		"stored", "saved", "registered", "compared", "wrote", "typed", "gave", "sent", "unserem", "unserer", "unseren",
		"unsere", "vorliegt", "vorliegen", "angegeben", "geschrieben", "fiche", "enregistre", "enregistree", "notre",
		"nos", "ecrit", "indique", "registrado", "registrada", "consta", "indica", "escrito", "archivio", "scritto",
		"indicato", "opgeslagen", "geregistreerd", "geschreven", "opgegeven", "onze", "registado", "registada",
		"escreveu", "indicou", "hinterlegt", "espace", "chez", "u", "opgaf", "gaf",
	)
	// consequencePhrases open a clause that says what follows from the
	// answer ("that's why", "por eso", "deshalb"): their pointer words
	// point at nothing, and the answer before them still counts ("No, su
	// cuenta no está registrada con ese correo, por eso falla el acceso").
	consequencePhrases = []string{
		"that's why", "which is why", "that is why", "deshalb", "deswegen", "darum", "daher", "c'est pour ça",
		"c'est pour cela", "c'est pourquoi", "por eso", "por esto", "per questo", "per cui", "daarom", "por isso",
		"por esse motivo", "per questo motivo",
	}
	// refusalPhrases are exclusions that refuse: an affirmation after one
	// in the same sentence does not count.
	refusalPhrases = []string{
		// a confirmation refused: "I can't confirm which email is on the
		// account", "the code goes to whichever number is on file"
		"can't confirm", "cannot confirm", "can not confirm", "unable to confirm", "not able to confirm",
		"won't be able to confirm", "nicht bestatigen", "ne peux pas confirmer", "ne pouvons pas confirmer",
		"no puedo confirmar", "no podemos confirmar", "non posso confermare", "non possiamo confermare",
		"kan niet bevestigen", "kunnen niet bevestigen", "niet bevestigen", "não posso confirmar", "não podemos confirmar",
		// a value refused by name: "het opgeslagen adres kan ik helaas niet
		// noemen", "can't name the number"
		"niet noemen", "niet vermelden", "niet doorgeven", "can't name", "cannot name", "can't reveal", "cannot reveal",
		"may not name", "not allowed to name", "nicht nennen darf", "darf ich nicht nennen", "ne peux pas nommer",
		"ne peux pas citer", "no puedo nombrar", "no puedo mencionar", "non posso nominare", "non posso citare",
		"não posso nomear", "não posso mencionar",
		"nicht verraten", "ne peux pas communiquer", "ne peux pas indiquer", "non posso indicare", "non posso rivelare",
		"não posso indicar", "não posso revelar", "no puedo revelar", "nichts sagen", "nichts dazu sagen",
		// a confirmation refused as a rule: "No confirmo fechas de
		// nacimiento por chat", "Geboortedata bevestig ik nooit"
		"don't confirm", "do not confirm", "never confirm", "no confirmo", "no confirmamos", "nunca confirmo",
		"non confermo", "non confermiamo", "não confirmo", "não confirmamos", "ne confirme pas", "ne confirmons pas",
		"ne confirme jamais", "bestatige ich nicht", "bestatigen wir nicht", "bestatige keine", "bestatigen keine",
		"bestatige ich nie", "bevestig ik nooit", "bevestig ik niet", "bevestigen we niet", "bevestigen wij niet",
		"can't tell you", "cannot tell you", "can't say", "cannot say", "can't share", "cannot share",
		"can't discuss", "cannot discuss", "can't disclose", "cannot disclose", "not able to tell",
		"not able to say", "unable to tell", "unable to say", "won't be able to tell", "can't check", "cannot check",
		"kann ihnen nicht sagen", "darf ihnen nicht sagen", "kann ich ihnen nicht", "darf ich ihnen nicht",
		"ne peux pas vous dire", "ne pouvons pas vous dire", "je ne peux pas dire",
		"no puedo decirle", "no puedo decirte", "no podemos decirle", "no puedo indicarle",
		"non posso dirle", "non posso dirti", "non possiamo dirle",
		"kan u niet vertellen", "kan ik u niet", "mag ik u niet",
		"não posso dizer", "não lhe posso dizer", "não podemos dizer",
		"mag niet zeggen", "mag ik niet zeggen", "kan niet zeggen", "kan ik niet zeggen", "mogen niet zeggen",
		"not allowed to say", "darf nicht sagen", "darf ich nicht sagen", "no puedo decir", "non posso dire",
		"ne peux pas dire", "ne pouvons pas dire", "kann ich nichts sagen", "kann nichts dazu sagen",
		"dazu kann ich nichts", "können wir nichts sagen", "darf ich nichts sagen",
		// a confirming verb negated is a refusal of the kind: "No confirmo
		// fechas de nacimiento por chat", "Geboortedata bevestig ik nooit"
		"i don't confirm", "i do not confirm", "i never confirm", "we don't confirm", "we do not confirm",
		"we never confirm", "ich bestätige keine", "ich bestätige nicht", "bestätige ich nicht", "bestätige ich nie",
		"bestätigen wir nicht", "bestätigen wir nie", "wir bestätigen keine", "wir bestätigen nicht",
		"je ne confirme pas", "je ne confirme jamais", "nous ne confirmons pas", "nous ne confirmons jamais",
		"ne confirme pas", "ne confirmons pas", "no confirmo", "no confirmamos", "nunca confirmo", "nunca confirmamos",
		"non confermo", "non confermiamo", "mai confermo", "bevestig ik niet", "bevestig ik nooit", "bevestigen we niet",
		"bevestigen wij niet", "bevestigen we nooit", "ik bevestig geen", "ik bevestig niet", "wij bevestigen geen",
		"we bevestigen geen", "não confirmo", "não confirmamos", "nunca confirmo", "nunca confirmamos",
	}
)

// conditional words: an affirmation or denial after one of them in the
// same sentence is a condition, not an answer ("If anything is incorrect,
// tell us").
var condWords = set("if", "whether", "ob", "falls", "wenn", "sofern", "si", "caso", "qualora", "indien", "unless", "once")

// seCond are the words after which Italian and Portuguese "se" is "if".
var seCond = set("e", "il", "la", "lo", "questo", "questa", "quello", "quella", "isso", "esse", "essa", "esta", "este",
	"o", "a", "corrisponde", "confere", "coincide", "tutto", "tudo", "ci", "c",
	// guard15: "non posso dire se una parte della data è sbagliata", "se alguma parte ... está errada"
	"una", "uno", "uma", "um", "qualche", "qualcosa", "alguma", "algum", "algumas", "alguns", "parte", "gli", "os", "as",
	// g24: a wish, "Se quiser usar esse e-mail, altere-o no perfil"
	"quiser", "quiserem", "quer", "vuole", "vuoi", "volete", "desidera", "preferir", "preferisce", "precisar")

// refWords point at a value: after "Yes," they make the sentence a
// confirmation ("Yes, that's the one"); a "yes" whose sentence goes on
// without one answers something else ("Yes, we deliver on Saturdays").
var refWords = set("that", "this", "there", "those", "1", "same", "address", "number", "phone", "email",
	"card", "date", "birthday", "record", "records", "file", "details", "correct", "right", "exact", "match",
	"matches", "ours", "one", "accurate",
	"das", "dies", "diese", "dieser", "dieses", "dort", "adresse", "anschrift", "nummer", "telefonnummer", "karte",
	"datum", "geburtsdatum", "stimmt", "richtig", "korrekt", "passt", "genau", "hinterlegt", "dorthin", "dahin",
	"alli", "ahi", "alla", "daar", "daarheen", "ali", "li",
	"c", "ca", "cela", "celle", "celui", "numero", "carte", "bien", "exacte", "correcte",
	"eso", "esa", "ese", "esta", "este", "direccion", "tarjeta", "fecha", "correcto", "correcta", "asi",
	"quello", "quella", "questo", "questa", "indirizzo", "carta", "data", "corretto", "corretta", "giusto", "proprio",
	"dat", "deze", "adres", "kaart", "klopt", "juist", "hetzelfde", "geboortedatum", "telefoonnummer",
	"isso", "essa", "esse", "endereco", "cartao", "correto", "emojiyes", "emojino",
	// sameness and fit, as "same" and "passt": "Ja, dieselbe wie im letzten Ticket", "👌 ça colle"
	"dieselbe", "derselbe", "dasselbe", "meme", "misma", "mismo", "stesso", "stessa", "dezelfde", "mesma", "fits",
	"colle", "torna",
	"mailadres", "emailadres", "mailadresse", "emailadresse", "correo", "courriel", "giusta", "morada",
	"another", "else", "andere", "anderer", "autre", "otra", "otro", "altra", "altro", "ander", "outra", "outro",
	"autres", "otras", "otros", "altre", "altri", "outras", "outros", "noutra", "noutro", "noutras", "noutros",
	"anderen", "anderem")

// endRefWords point at a place when they end the sentence: "vai para lá"
// (but "la" elsewhere is an article).
var endRefWords = set("la", "bas", "aqui", "qui", "hier", "ici", "there", "dort", "dorthin", "dahin", "alli", "ahi", "li", "daar", "daarheen", "ali")

// strongRefs judge the value wherever they stand after the "yes".
var strongRefs = set("another", "else", "andere", "anderer", "autre", "otra", "otro", "altra", "altro", "ander", "outra", "outro",
	"autres", "otras", "otros", "altre", "altri", "outras", "outros", "anderen", "anderem",
	"correct", "right", "exact", "accurate", "match", "matches", "stimmt", "richtig", "korrekt", "genau",
	"passt", "bien", "exacte", "correcte", "correcto", "correcta", "corretto", "corretta", "giusto", "klopt", "juist",
	"correto", "correta", "hinterlegt", "1")

// determiners before a value noun make it point at the value: "your
// date of birth", "la dirección".
var determiners = set("your", "the", "ihre", "ihr", "die", "der", "votre", "vos", "la", "le", "su", "sus", "el", "suo",
	"sua", "il", "uw", "het", "de", "seu", "o", "a", "lo")

// copulaWords follow a demonstrative that points ("das ist", "c'est").
var copulaWords = set("is", "ist", "est", "es", "e", "esta", "sind", "son", "sono", "zijn", "sao", "s", "was", "war", "era", "foi",
	"thats", "cest", "its")

// demonstratives point at the value only right after the "yes" ("Yes,
// that one"), not further on ("Mm-hmm, I'll pass that on").
var demonstratives = set("that", "this", "those", "das", "dies", "diese", "dieser", "dieses", "dat", "deze", "c", "ca",
	"cela", "eso", "esa", "ese", "esta", "este", "quello", "quella", "questo", "questa", "isso", "essa", "esse")

// existential: "there" before them says "there is", not "at that place".
var existential = set("is", "are", "s", "was", "were", "will", "isnt", "arent", "may", "might", "could")

// regretBefore are the words of regret that stand before each negation
// (normalised): "leider nicht", "helaas niet", "unfortunately not".
var regretBefore = map[string][]string{
	"nicht": {"leider"}, "niet": {"helaas"}, "not": {"unfortunately", "sadly"}, "pas": {"malheureusement"},
	"no": {"lamentablemente"}, "non": {"purtroppo"}, "nao": {"infelizmente"},
}

// phraser is the one automaton of confirmation phrases, shared by every
// matcher.
var phraser = func() struct {
	ac   *automaton
	meta []phrase
} {
	var strs []string
	var meta []phrase
	add := func(list []string, p phrase) {
		for _, s := range list {
			toks := normTokens(s)
			if len(toks) == 0 {
				continue
			}
			strs = append(strs, " "+strings.Join(toks, " ")+" ")
			meta = append(meta, p)
		}
	}
	add(affirmPhrases, phrase{kind: phAffirm})
	add(formalAffirmPhrases, phrase{kind: phAffirm})
	add(formalDenyPhrases, phrase{kind: phDeny})
	add(yesWords, phrase{kind: phYes, start: true})
	add(yesPunctWords, phrase{kind: phYes, start: true, punct: true})
	add(pointYesPhrases, phrase{kind: phPointYes, start: true})
	add(reportedYes, phrase{kind: phReported, start: true})
	add(tailYesWords, phrase{kind: phYes, start: true})      // saidtail.go
	add(noComment23, phrase{kind: phExclude, refusal: true}) // process23.go
	add(noWords, phrase{kind: phNo, start: true})
	add(noPunctWords, phrase{kind: phNo, start: true, punct: true})
	add(yesPunct30, phrase{kind: phYes, start: true, punct: true}) // verdict30.go
	add(noPunct30, phrase{kind: phNo, start: true, punct: true})   // verdict30.go
	add(denyPhrases, phrase{kind: phDeny})
	add(pastDenyPhrases, phrase{kind: phDeny, ends: true})
	add(partDenials, phrase{kind: phDeny})              // thirdparty.go
	add(brandDenials, phrase{kind: phDeny, ends: true}) // thirdparty.go: "not a Visa problem" is about a problem
	add(thereGoes, phrase{kind: phAffirm})              // thirdparty.go
	add(neverHadPhrases, phrase{kind: phNeverHad})
	add(neverWords, phrase{kind: phNeverWord})
	add(saidVerbs, phrase{kind: phSaid})
	// a word of regret before the negation: "das ist leider nicht", "dat
	// is helaas niet", "that is unfortunately not" (and "that is
	// unfortunately not possible" stays an idiom)
	regret := func(list []string, p phrase) {
		for _, d := range list {
			toks := normTokens(d)
			for i, w := range toks {
				for _, r := range regretBefore[w] {
					if i > 0 {
						add([]string{strings.Join(toks[:i], " ") + " " + r + " " + strings.Join(toks[i:], " ")}, p)
					}
				}
			}
		}
	}
	regret(denyPhrases, phrase{kind: phDeny})
	regret(excludePhrases, phrase{kind: phExclude})
	for _, a := range denyAdjectives {
		for _, c := range copulas {
			add([]string{c + " " + a}, phrase{kind: phDeny})
		}
	}
	for _, a := range affirmAdjectives {
		for _, c := range pluralCopulas {
			add([]string{c + " " + a}, phrase{kind: phAffirm})
		}
	}
	add(agreePhrases, phrase{kind: phAgree})
	add(disagreePhrases, phrase{kind: phDisagree})
	add(paraphrasePhrases, phrase{kind: phAffirm})
	add(agreeWith43, phrase{kind: phAffirm}) // status43.go
	add(affirm49, phrase{kind: phAffirm})    // verdict49.go
	add(deny49, phrase{kind: phDeny})        // verdict49.go
	add(excludePhrases, phrase{kind: phExclude})
	add(setAsidePhrases, phrase{kind: phExclude})
	add(neitherPhrases, phrase{kind: phExclude, refusal: true})
	add(thirdPartyPhrases, phrase{kind: phExclude}) // thirdparty.go
	add(closingIdioms, phrase{kind: phExclude, closing: true})
	add(refusalPhrases, phrase{kind: phExclude, refusal: true})
	add(refusals31, phrase{kind: phExclude, refusal: true}) // refusal31.go
	add(consequencePhrases, phrase{kind: phExclude, local: true})
	add(idiomsYes15, phrase{kind: phIdiomYes})
	add(idiomsNo15, phrase{kind: phIdiomNo})
	add(gameYes15, phrase{kind: phIdiomYes, start: true, punct: true})
	add(gameNo15, phrase{kind: phIdiomNo, start: true, punct: true})
	return struct {
		ac   *automaton
		meta []phrase
	}{buildDense(strs), meta}
}()

type span struct{ start, end int }

// punctInside reports whether a punctuation mark follows a token of the
// phrase at [start, end) of the token view other than its last.
func (t *text) punctInside(start, end int) bool {
	i := t.tokenAt(start)
	for ; i >= 0 && i < len(t.toks) && int(t.toks[i].end) < end-1; i++ {
		if t.toks[i].flags&fPunctAfter != 0 {
			return true
		}
	}
	return false
}

// phit is a phrase found in a reply: its kind, span and first token.
type phit struct {
	kind int
	span
	tok int
}

// sentenceOf returns the token indexes [from, to) of the sentence that
// holds token i.
func (t *text) sentenceOf(i int) (from, to int) {
	if i >= 0 && i < len(t.sents) {
		s := t.sents[i] // the whole sentence, found once (sentenceSpans)
		return max(int(s.from), i-maxSentenceSide), min(int(s.to), i+maxSentenceSide)
	}
	// (no token i: the walk the spans save)
	from = i
	for from > 0 && t.toks[from].flags&fSentence == 0 && i-from < maxSentenceSide {
		from--
	}
	to = i + 1
	for to < len(t.toks) && t.toks[to].flags&fSentence == 0 && to-i < maxSentenceSide {
		to++
	}
	return from, to
}

// sentenceSpans sets t.sents: for each token, the first token of its
// sentence (one that opens a sentence, or the first) and the first of
// the next (or the token count).
func (t *text) sentenceSpans() {
	toks := t.toks
	t.sents = slices.Grow(t.sents[:0], len(toks))[:len(toks)]
	sents := t.sents[:len(toks)] // (one length: no bounds checks)
	from := 0
	for i := range toks {
		if toks[i].flags&fSentence != 0 {
			from = i
		}
		sents[i].from = int32(from)
	}
	to := len(toks)
	for i := len(toks) - 1; i >= 0; i-- {
		sents[i].to = int32(to)
		if toks[i].flags&fSentence != 0 {
			to = i
		}
	}
}

// maxSentenceSide bounds, in tokens, how far sentenceOf reaches on each
// side of a token: text with no sentence end (a pasted list, a mail
// merge, an attacker's 1 MB of "mailto:…" with no full stop) is read as
// sentences of at most 2×maxSentenceSide tokens, so the rules that scan
// a match's sentence cost O(n) in all rather than O(n²)
// (BenchmarkRepeatedEmailLike). Written sentences are far shorter.
const maxSentenceSide = 64

// conditional reports whether a conditional word comes before token i in
// its sentence, or the sentence is a question.
func (t *text) conditional(i int) bool {
	if t.toks[i].flags&fQuestion != 0 {
		return true
	}
	return t.conditionalWord(i)
}

// conditionalHedged is conditional, except that a statement whose
// sentence goes on to a hedged question ("That's not the email on the
// account — maybe you signed up with a different one?") is no question.
func (t *text) conditionalHedged(i int) bool {
	if t.toks[i].flags&fQuestion != 0 && !t.hedgedTail(i) {
		return true
	}
	return t.conditionalWord(i)
}

// hedgedTail reports whether the question sentence of token i goes on,
// after a clause boundary past i, with a clause that opens with a word
// of guessing or an alternative ("maybe", "vielleicht", "peut-être",
// "quizás", "forse", "misschien", "talvez", "could it be", "ein anderes
// Konto?"): the clause of i states, the tail asks. A request ("could you
// send the order number?") is no guess.
func (t *text) hedgedTail(i int) bool {
	from, to := t.sentenceOf(i)
	c := i // the clause of i opens with no question word: "Did you use another address, maybe an old one?" asks
	for c > from && t.toks[c-1].flags&fPunctAfter == 0 {
		c--
	}
	if questionOpeners[string(t.tokBytes(c))] {
		return false
	}
	for k := i + 1; k < to; k++ {
		if t.toks[k-1].flags&fPunctAfter == 0 {
			continue
		}
		if t.movedAsk(k, to) {
			return true // "That one isn't on your account, did you move?"
		}
		w := string(t.tokBytes(k))
		if (secondPerson[w] || w == "youre") && (k+1 < to && hedgeWords[string(t.tokBytes(k+1))] || k+2 < to && hedgeWords[string(t.tokBytes(k+2))]) {
			return true // "— vous pensez peut-être à un autre compte ?", "— Sie meinen vielleicht ..."
		}
		if hedgeWords[w] || (w == "could" || w == "might") && k+1 < to && guessSubjects[string(t.tokBytes(k+1))] || otherWords[w] || indefinites[w] && k+1 < to && (otherWords[string(t.tokBytes(k+1))] || oldWords[string(t.tokBytes(k+1))]) {
			return true
		}
	}
	return false
}

// Words that open a guess after a statement (normalised).
var (
	hedgeWords = set("maybe", "perhaps", "possibly", "vielleicht", "eventuell", "moglicherweise", "peut",
		"peutetre", "quizas", "quiza", "acaso", "forse", "magari", "misschien", "wellicht", "mogelijk", "talvez", "sera",
		"or", "oder", "ou", "of")
	// questionOpeners open a question clause (normalised).
	questionOpeners = set("did", "do", "does", "is", "are", "was", "were", "have", "has", "can", "could", "would", "will",
		"which", "what", "hast", "hat", "haben", "habt", "ist", "sind", "war", "kann", "konnen", "welche", "welcher",
		"avez", "as", "etes", "pouvez", "quel", "quelle", "hai", "ha", "avete", "puo", "quale", "heeft", "hebt", "hebben",
		"bent", "kunt", "welk", "welke", "cual", "qual")
	// guessSubjects follow "could" in a guess: "could it be", not "could you".
	guessSubjects = set("it", "that", "this", "there")
	oldWords      = set("old", "older", "alte", "alten", "altere", "ancienne", "ancien", "antigua", "antiguo", "vecchia",
		"vecchio", "oude", "oud", "antiga", "antigo")
)

// conditionalWord reports whether a conditional word comes before token
// i in its sentence.
func (t *text) conditionalWord(i int) bool {
	from, _ := t.sentenceOf(i)
	for k := from; k < i; k++ {
		if t.toks[k].lex&lxCond != 0 && !(string(t.tokBytes(k)) == "si" && t.toks[k].flags&fPunctAfter != 0) {
			return true
		}
		if string(t.tokBytes(k)) == "se" && k+1 < len(t.toks) && t.toks[k+1].lex&lxSeCond != 0 {
			return true
		}
		if string(t.tokBytes(k)) == "als" && k+1 < len(t.toks) && alsIf24[string(t.tokBytes(k+1))] {
			return true // "Als u dat e-mailadres wilt gebruiken, ..."
		}
		if k <= from+2 && t.is52(k, x52CheckVerb) && (k == from || pleaseWords[string(t.tokBytes(k-1))]) { // checkVerbs
			return true // "Controleer of de postcode overeenkomt": what to check, not an answer
		}
	}
	return false
}

// checkVerbs ask the reader to check something, as the imperative that
// opens a sentence or follows "please": an affirmation after one in its
// sentence is what to check ("Double-check that the postcode matches",
// "Controleer of ... overeenkomt"); "Grazie della verifica" is a noun.
var checkVerbs = set("check", "verify", "ensure", "controleer", "controleren", "prufen", "prufe", "uberprufen",
	"kontrollieren", "verifiez", "verifier", "compruebe", "comprueba", "comprobar", "verifique", "verifica",
	"verificare", "controlli", "controllare", "controlla", "confira", "conferir")

var pleaseWords = set("please", "double", "kindly", "bitte", "merci", "plait", "favor", "favore", "graag", "even")

// nothingLeads6 are the first letters of the words confirmation's one
// pass reads (an account noun: a, k, c, p; a word for "nothing": n, r; a
// word of "no need": n, b, f, p, h, s): the pass skips other tokens
// before it slices their text.
var nothingLeads6 = func() (t [256]bool) {
	for _, c := range "akcpnrbfhs" {
		t[c] = true
	}
	return t
}()

// confirmation returns the rule ("confirmation" or "denial") if the
// normalised reply affirms or denies, or "".
//
// An affirmation or denial phrase counts anywhere, unless it lies in a
// refusal or idiom ("I can't confirm", "no problem"), after a conditional
// word in its sentence ("if that's correct") or in a question. A "yes" or
// "no" word counts when it opens a sentence and the sentence is short
// ("Yes.", "No, it isn't.") or points at a value ("Yes, that's the
// one"); "Yes, we deliver on Saturdays" answers something else.
func (t *text) confirmation(class string) string {
	view := t.tokenView()
	var hitsArr [32]phit
	var exclArr, refArr [16]span
	hits, excl, refusals := hitsArr[:0], exclArr[:0], refArr[:0]
	var othersArr [8]span
	others := othersArr[:0] // phrases about another thing: a yes or no in their sentence is too
	var localArr [4]span
	locals := localArr[:0] // exclusions of their own words only
	topicYes, topicNo := false, false
	phraser.ac.scan(view, func(id int32, start int) bool {
		p := phraser.meta[id]
		end := start + int(phraser.ac.lens[id])
		if p.kind == phExclude && p.local {
			locals = append(locals, span{start, end})
			return true
		}
		if p.kind == phExclude {
			if p.closing {
				if j := t.tokenAt(end - 2); j >= 0 && j+1 < len(t.toks) && t.toks[j].flags&fPunctAfter == 0 &&
					settledWords[string(t.tokBytes(j+1))] {
					return true // "è tutto a posto": all in order, no closing
				}
			}
			if t.faceInside30(start, end) {
				return true // "No 🙁 Thanks for waiting": no "no thanks" (verdict30.go)
			}
			if p.refusal && t.punctInside(start, end) {
				return true // "No, confirmo que ...": an answer, then a verb, not "no confirmo"
			}
			excl = append(excl, span{start, end})
			if p.refusal {
				refusals = append(refusals, span{start, end})
			}
			return true
		}
		i := t.tokenAt(start)
		if i < 0 || int(t.toks[i].off) != start {
			return true
		}
		if p.start && !t.opensSentence(start) && !t.isEmoji(i) && !t.andOpens(i) && !t.fillerOpens43(i) && !t.hedgeOpens46(i) { // "Hmm no, not that one" (fillerlead43.go); "Yo diría que sí, ..." (hedge46.go)
			// "Zur Adresse: ja, und ...": a yes or no after a topic that
			// names a value answers about it
			if (p.kind == phYes || p.kind == phNo) && t.topicBefore(i) && !(p.punct && t.toks[i].flags&fPunctAfter == 0) {
				if p.kind == phYes {
					topicYes = true
				} else {
					topicNo = true
				}
			}
			return true
		}
		if last := t.tokenAt(end - 2); p.punct && last >= i && t.toks[last].flags&fPunctAfter == 0 && !t.emojiMark(last) { // "Passt ✅": the emoji is the mark; "Afraid not, ..." (verdict30.go)
			return true
		}
		if j := t.tokenAt(end - 2); p.ends && j >= 0 && j+1 < len(t.toks) && t.toks[j].flags&fPunctAfter == 0 {
			return true // "hatten wir nicht genug Kartons"
		}
		hits = append(hits, phit{p.kind, span{start, end}, i})
		return true
	})
	hits = t.hedgeYes46(hits)                         // "I'd say so: ..." (hedge46.go)
	excl, refusals = t.neitherSpans24(excl, refusals) // "Ni lo confirmo ni lo descarto" (neither24.go)
	inExcl := func(s span) bool { return overlaps(s, excl) || overlaps(s, locals) }
	sentenceExcl := func(i int) bool {
		from, to := t.sentenceOf(i)
		if t.originDenied(from, to) || t.sentFrom31(from, to) || t.refusalSentence43(from, to) { // a refusal to check (refusal43.go)
			return true // "No, that email isn't from us", "boarding passes aren't sent from that address": a message's sender (notcompared31.go)
		}
		s := span{int(t.toks[from].off), int(t.toks[to-1].off) + len(t.tokBytes(to-1)) + 2}
		for _, e := range excl {
			if e.start >= s.start && e.end <= s.end {
				return true
			}
		}
		return false
	}
	// A word ("yes", "no") counts when its sentence is short or points at
	// a value.
	wordCounts := func(i int, end int) bool {
		if t.toks[i].flags&fQuestion != 0 && !t.hedgedTail(i) && !t.fillAsk38(i) || sentenceExcl(i) || t.sameSentence(i, others) || t.ourFault(i) {
			return false // "No, the size chart doesn't match the US sizes"
		}
		_, to := t.sentenceOf(i)
		rest := t.tokenAt(end - 1) // the first token after the word
		if rest < i+1 {
			rest = i + 1
		}
		if o := rest; o+1 < to && (t.ourAt(o) || pointerArticles[string(t.tokBytes(o))] && t.ourAt(o+1)) {
			if !t.ourAt(o) {
				o++
			}
			// (o+1 may be past the sentence now: "the um um" reads "the
			// 11", and "11" is Dutch "onze", ours)
			if o+1 < to {
				if n := string(t.tokBytes(o + 1)); !accountWords[n] && !isRecordWord(n) && t.ourNoun(o+1, to) && t.toks[o].flags&fPunctAfter == 0 &&
					!t.comparesAhead(o+2, to) {
					return false // "Nee, ons nummer ontvangt geen sms": the answer is about the business's own thing
				}
			}
		}
		if rest < to && negations[string(t.tokBytes(rest))] && (rest+1 == to || t.toks[rest].flags&fPunctAfter != 0) {
			return false // "of course not": a no
		}
		if !t.cased && t.ackRest(i, rest, to) {
			return false // "yes received", "oui je regarde": the message acknowledged (ackreply.go)
		}
		short := 2 // "Yes, it is."
		if t.isEmoji(i) && i > 0 && t.toks[i-1].flags&fPunctAfter == 0 {
			if from, _ := t.sentenceOf(i); from < i {
				if t.emojiOnAct(from, i) {
					return false // "SMS sent ✅", "call back tomorrow 👍": the act's status (emojiact.go)
				}
				// an emoji that closes its sentence counts when the
				// sentence points at a value: "Ja hoor, dat nummer hebben
				// wij ✅", not "Ja, Sofortüberweisung geht auch 👍"
				return t.sentencePoints(from, i)
			}
		}
		if t.isEmoji(i) {
			short = 0 // "✔️ Refund processed." is a status, "👍" alone an answer
		}
		if to-rest <= short || t.saidTail(rest, to)-rest <= short { // "Yes, exactly as you said." (saidtail.go)
			if t.channelAnswer(rest, to) || t.acceptsIn(rest, to) {
				return false // "Sí, por SMS": by which channel, a process; "Sí, aceptamos Visa": a means taken
			}
			if to-rest >= 1 && int(t.toks[to-1].off) >= end-1 && statusWords[string(t.tokBytes(to-1))] {
				return false // "Yes, done!": a request carried out
			}
			if to <= rest && to < len(t.toks) {
				// "No. The courier's depot is closed on Sundays": a word
				// alone is judged by the sentence after it
				return (t.nextPoints(to) || !t.okOnly30(i, rest) && t.courtesyAfter30(to) || t.verdictNext30(i, rest, to)) && !t.deferredAfter(to) // not "No. I'll confirm it after verification"; "Yes. Thanks." (verdict30.go)
			}
			if t.processTrait30(rest, to) {
				return false // "Yes, it's free" (verdict30.go)
			}
			if t.okOnly30(i, rest) && t.courtesy30(rest, to) {
				return false // "Okay, thanks, bye!": the message acknowledged, as "Okay. Thanks." is (courtesy41.go)
			}
			return !t.nextSentenceOther(to) // "Bingo! Das ist genau der Artikel, ..."
		}
		if t.processTrait30(rest, to) {
			return false // "Yes, that's normal for the first login" (verdict30.go)
		}
		if t.verifyFirst30(i, rest, to) {
			return false // "Yes, please verify first and I'll take it from there" (verdict30.go)
		}
		if t.verdictTail30(i, rest, to) {
			return true // "Yes, you can go ahead", "No, you'll need to try again" (verdict30.go)
		}
		// "No, non è il nostro numero verde, quello giusto è sulla
		// fattura": an answer about the business's own thing; its clause
		// ends the scan
		for k := rest; k+1 < to; k++ {
			if n := string(t.tokBytes(k + 1)); t.ourAt(k) && !accountWords[n] && !isRecordWord(n) && t.ourNoun(k+1, to) {
				for k < to-1 && t.toks[k].flags&fPunctAfter == 0 {
					k++
				}
				to = k + 1
				break
			}
			if t.toks[k].flags&fPunctAfter != 0 {
				break
			}
		}
		// "Sí, la fecha de nacimiento coincide, el control de edad queda
		// superado": a first clause that names a value is the answer; a
		// clause after it says what follows from it
		to = t.answerClause(rest, to)
		to = t.timeTail(rest, to) // "the link went there 10 mins ago": judged without the time
		if (t.howTo50(rest, to) || t.policy50(rest, to)) && !t.verdictAfter55(rest) {
			return false // "Sí, el correo se cambia en Ajustes", "No, your date of birth doesn't affect the fee" (verdict50.go)
		}
		if t.toStoredOne(rest, to) {
			return false // "Yes, I'll resend the link to the email already on file"
		}
		if t.processAnswer(rest, to) || t.youProcess(rest, to) || t.toRegistered(rest, to) || t.toAccountOne(rest, to) || t.keepPolicy(rest, to) ||
			t.ourPlaces(rest, to) || t.changeRule(rest, to) {
			return false // "Yes, the email can be changed once you're verified"
		}
		if t.quantAnswer(rest, to) || t.loginAnswer(rest, to) || t.deliveredThere(rest, to) || t.seemsValue(rest, to) ||
			t.actedOnIt(rest, to) || t.sentThere(rest, to) || t.otherDomain(rest, to) || t.stillPointer(rest, to) ||
			t.consequence31(rest, to) || t.theOneWeUse38(rest, to) { // "Correct, so you'll get the upgrade" (consequence31.go); "sí, es al que enviamos" (triggerwrap38.go)
			return true // "Correcto, con ese inicia sesión"
		}
		if t.weCan(rest, to) || t.acceptsIn(rest, to) || t.storePolicy(rest, to) || t.processClause(rest, t.sentenceEnd28(rest)) ||
			t.process31(rest, t.sentenceEnd28(rest)) { // "No, a date-of-birth mismatch doesn't cancel the ticket" (process31.go)
			return false // "Yes, we can send the invoice to another email": a service offered
		}
		// "Exactly right: the sale ends at midnight": the clause after
		// the answer says what it is about
		for p := rest; p < to-1 && p < rest+2; p++ {
			if t.toks[p].flags&fPunctAfter != 0 {
				if !t.clausePoints(rest, p+1) && t.clauseOther(p+1, to) {
					return false
				}
				break
			}
		}
		// "No, esa fecha de entrega no está disponible": about another
		// thing, only a strong pointer still points
		other := t.otherAhead(rest, min(to, rest+4))
		for k := rest; k < to; k++ {
			lx := t.toks[k].lex
			if len(locals) > 0 && overlaps(span{int(t.toks[k].off), int(t.toks[k].end)}, locals) {
				continue // "por eso": a pointer at nothing
			}
			if lx&lxRef == 0 && k > rest && t.toks[k].flags&fNumber != 0 && string(t.tokBytes(k)) == "1" &&
				pointerArticles[string(t.tokBytes(k-1))] && t.oneWeHave(k, to) {
				return true // "Correct, it is the one we've got"; "the blue one is the one in stock" is a thing
			}
			if t.demoValue(k, rest, to) || t.pointerActed(k, to) || k <= rest+1 && t.theOneWeHold(k, to) {
				return true // "Sí, el pago se hizo con esa tarjeta", "Exacto, se cobró a esa Mastercard"
			}
			if lx&lxCard != 0 && k <= rest+1 && t.brandIsOne(k, to) {
				return true // "Giusto, la Mastercard che cita è quella salvata"
			}
			if k == rest+2 && t.oneOnRecord(k, to) {
				return true // "Yes, the German one is still the one on file"
			}
			if k <= rest+4 && t.stillRecorded(k, rest, to) {
				return true // "Genau, die deutsche Handynummer ist weiterhin eingetragen"
			}
			if lx&lxStrong != 0 && k > rest && t.actionBien(k) {
				continue // "Oui, nous livrons bien en Suisse": "bien" of an action
			}
			if other && lx&lxStrong == 0 && !(k == to-1 && lx&lxEndRef != 0 && !hereWords[string(t.tokBytes(k))]) {
				continue // "Sí, es el precio que aparece aquí": "here" of a thing is the screen
			}
			if lx&(lxRef|lxDemo) != 0 && t.pointsElsewhere(k, rest, to) {
				if k <= rest+1 && lx&lxDemo != 0 {
					// "No, that's not our hotline, the correct number is
					// on our website": the answer is about that other
					// thing; its clause ends the scan
					e := k
					for e < to-1 && t.toks[e].flags&fPunctAfter == 0 {
						e++
					}
					to = e + 1
				}
				continue // "Ja, das ist die richtige Größe", "No, es otro paquete", "il numero verde 800 ..."
			}
			if k == to-1 && lx&lxEndRef != 0 {
				return true // "Correct, it's going there."
			}
			if lx&lxRef != 0 && lx&lxStrong == 0 && k > rest+1 &&
				!(k <= rest+3 && determiners[string(t.tokBytes(k-1))]) {
				continue // "Exatamente como no email": too far to point; "Yes, that's your date" points
			}
			if lx&lxDemo != 0 && k == rest && k+1 < to && negations[string(t.tokBytes(k+1))] &&
				(k+2 == to || t.toks[k+1].flags&fPunctAfter != 0) {
				return true // "Nein, diese nicht – ...", "No, esa no"
			}
			if lx&lxDemo != 0 && !(k+1 == to || t.toks[k+1].lex&(lxCopula|lxRef) != 0) {
				if t.recordAhead(k, to) {
					return true // "Ja, dat staat zo geregistreerd"
				}
				continue // "Nein, das kostet nichts": a pronoun, no pointer
			}
			if lx&lxRef != 0 && string(t.tokBytes(k)) == "there" && k+1 < to && t.toks[k+1].lex&lxExist != 0 {
				continue // "there are no fees"
			}
			if k <= rest+1 && t.accountOne(k, to) {
				return true // "Não exatamente, a da conta é noutra rua"
			}
			if k <= rest+1 && t.thingOne(k, to) {
				return false // "Non, celle du magasin se trouve dans un autre quartier"
			}
			if t.storedOne(k, rest) {
				return true // "❌ Nicht die hinterlegte."
			}
			if lx&lxRef != 0 || k == to-1 && lx&lxEndRef != 0 {
				return true
			}
		}
		return false
	}
	// A denial holds affirmative words ("doesn't match our records"): an
	// affirmation that shares a word with a denial is the denial.
	// a difference denied ("no difference") is an agreement, not the
	// difference it holds; a phrase about another thing ("matches our
	// return policy", "Les frais de port ne correspondent pas") is no
	// answer about the offer
	kept := hits[:0]
	for _, h := range hits {
		if h.kind == phDisagree && t.insideAgree(h.span, hits) || t.judgementAside(h.tok, h.span) {
			continue
		}
		if h.kind == phAffirm && h.tok > 0 && (negations[string(t.tokBytes(h.tok-1))] || t.cliticNegated43(h.tok)) { // "non ci risulta" (holddeny43.go)
			continue // "Não está certo": a negated affirmation affirms nothing
		}
		if (h.kind == phAffirm || h.kind == phAgree || h.kind == phDeny || h.kind == phDisagree) &&
			(t.aboutOther(h.tok, h.span) || t.ourFault(h.tok) || t.anyBefore(h.tok) || (h.kind == phAffirm || h.kind == phAgree) && t.ourSubject(h.tok) ||
				(h.kind == phAffirm || h.kind == phAgree) && t.complaintAgreed(h.tok, h.span) ||
				(h.kind == phDeny || h.kind == phDisagree) && (t.newThingAfter(h.span) || t.availabilityAfter(h.span) || t.unavailableBefore(h.tok) ||
					t.keptForOther(h.span))) {
			others = append(others, h.span)
			continue
		}
		kept = append(kept, h)
	}
	hits = kept
	// "Müsste passen, eine neuere Anschrift sehe ich nicht": no newer
	// value on record is the offered one confirmed as the current one,
	// whatever negation ("haben wir nicht", "no ... ninguna") says so
	for i := t.nextWith(clNewer, 0); i < len(t.toks); i = t.nextWith(clNewer, i+1) {
		if w := t.tokBytes(i); len(w) > 0 && len(w) < 32 && t.has(i, clNewer) &&
			t.noneNewer(i, class) && !t.conditional(i) && !sentenceExcl(i) &&
			!t.refusedBefore(i, int(t.toks[i].off), refusals) {
			return RuleConfirmation
		}
	}
	var denials []span
	yesOpen := false // a yes-word opens a sentence: "Sí, no ha cambiado nada"
	for _, h := range hits {
		yesOpen = yesOpen || h.kind == phYes
	}
	for _, h := range hits {
		switch {
		case h.kind == phDeny && !inExcl(h.span) && !t.conditionalHedged(h.tok) && t.tailPoints(h.span) && !t.mayDo(h.tok) && !t.deferredAfter(h.tok) &&
			!t.ourOwnOrPolicy(h.tok) && !t.ruleAnswer28(h.tok) && !t.policyAt50(h.tok), // not "Ours is from another domain", "nous ne remboursons jamais sur une autre carte"
			h.kind == phDisagree && !inExcl(h.span) && !t.conditionalHedged(h.tok) && t.agreeCounts(h.tok, h.span) && !t.ruleAnswer28(h.tok) && !t.policyAt50(h.tok):
			denials = append(denials, h.span)
		case h.kind == phNo && wordCounts(h.tok, h.end) && !t.deferredAfter(h.tok): // not "No, whether it's registered I'll tell you after verification"
			denials = append(denials, h.span)
		case h.kind == phIdiomNo && !inExcl(h.span) && !sentenceExcl(h.tok) && t.idiomCounts(h.tok, h.span):
			denials = append(denials, h.span) // "right decade, wrong year", "cold, try another city" (idioms15.go)
		case h.kind == phNeverHad && !inExcl(h.span) && !t.conditionalHedged(h.tok) && !sentenceExcl(h.tok) && !t.policyAt23v(h.tok) &&
			t.neverHadCounts(h.tok, class),
			h.kind == phNeverWord && t.neverWordCounts(h.tok) && !inExcl(h.span) && !t.conditionalHedged(h.tok) && !sentenceExcl(h.tok) && !t.agentMay(h.tok) && !t.policyAt23v(h.tok) &&
				t.neverHadCounts(h.tok, class):
			denials = append(denials, h.span)
		}
	}
	// one pass for two checks led by a word: "no account under that
	// email" ("kein Konto mit dieser Adresse") and "nothing to correct"
	// ("Rien à corriger"); cheap letter tests before the look-ups: every
	// account noun opens with a, k, c or p, every negative determiner
	// with n, k, a or g, every word for "nothing" with no, ni, na, nu or ri
	nothingAt := -1
	for i := range t.toks {
		if tk := &t.toks[i]; tk.len6 < 4 || !nothingLeads6[tk.head6] {
			continue // (the first letters of the three tests below, read from the token's fields)
		}
		w := t.tokBytes(i)
		n := len(w)
		switch c := w[0]; {
		case i > 0 && n >= 5 && (c == 'a' || c == 'k' || c == 'c' || c == 'p'):
			if p := t.tokBytes(i - 1); len(p) >= 2 && (p[0] == 'n' || p[0] == 'k' || p[0] == 'a' || p[0] == 'g') &&
				t.noAccountFor(i) && !t.conditional(i) && t.toks[i].flags&fQuestion == 0 && !sentenceExcl(i) {
				return RuleDenial // whatever else the reply affirms, it says the value is not held
			}
		case nothingAt < 0 && n <= 7 && (c == 'n' && (w[1] == 'o' || w[1] == 'i' || w[1] == 'a' || w[1] == 'u') || c == 'r' && w[1] == 'i'):
			if (t.nothingToFix(i) || yesOpen && t.nothingChanged(i)) && !t.conditional(i) && t.toks[i].flags&fQuestion == 0 && !sentenceExcl(i) {
				nothingAt = i
			}
		}
		// "Great, no need to update it then", "no hace falta cambiarlo":
		// an idiom, so no sentenceExcl, but a refusal still refuses
		if c := w[0]; nothingAt < 0 && n <= 8 && (c == 'n' && (w[1] == 'e' || w[1] == 'o') || c == 'b' && (w[1] == 'e' || w[1] == 'i' || w[1] == 'r') ||
			c == 'f' && w[1] == 'a' || c == 'p' && w[1] == 'r' || c == 'h' && w[1] == 'o' || c == 's' && w[1] == 'e') &&
			t.noNeedToFix(i) && !t.conditional(i) && !t.refusedBefore(i, int(t.toks[i].end), refusals) {
			nothingAt = i
		}
	}
	// "Isso aí, a ligação é gratuita; o número cadastrado eu confirmo
	// depois da verificação": the value's confirmation is put off, so a
	// yes in a clause that names no value of the class answers another
	// question
	// (computed at the first hit it matters for: most replies have none)
	deferred, deferKnown := false, false
	for _, h := range hits {
		if h.kind == phYes || h.kind == phAffirm || h.kind == phPointYes || h.kind == phReported || h.kind == phSaid {
			if !deferKnown {
				deferred, deferKnown = t.confirmDeferred(class), true
			}
			if deferred {
				if names, defers := t.clauseNamesClass(h.tok, class); !names || defers {
					continue // the yes of another clause, or the promise itself ("eu confirmo depois da verificação")
				}
			}
		}
		switch {
		case (h.kind == phAffirm && t.tailPoints(h.span) || h.kind == phAgree && t.agreeCounts(h.tok, h.span)) && !inExcl(h.span) && !overlaps(h.span, denials) &&
			!t.conditional(h.tok) && !t.sameSentence(h.tok, denials) && !t.refusedBefore(h.tok, h.start, refusals) && !t.deferredAfter(h.tok) &&
			!t.sameSentence(h.tok, refusals) && !t.refusedVerb43(h.tok, h.span): // "welche Nummer gespeichert ist, kann ich nicht sagen" (refusal31.go); "Kartendaten bestätige ich im Chat nicht" (refusal43.go)
			return RuleConfirmation
		case h.kind == phYes && !overlaps(h.span, denials) && !(emphaticHeads[string(t.tokBytes(h.tok))] && (t.deferredAfter(h.tok) || t.helpSoonAfter(h.tok))) &&
			wordCounts(h.tok, h.end):
			return RuleConfirmation // not "Natürlich können Sie die Adresse nach der Verifizierung ändern"
		// "as you say" opening an answer is a yes, judged as one too:
		// "Comme vous dites, c'est celle qui a été débitée"
		case h.kind == phReported && !overlaps(h.span, denials) && !inExcl(h.span) && !sentenceExcl(h.tok) &&
			(t.reportedCounts(h.tok, h.end) || !t.conditional(h.tok) && !t.deferredAfter(h.tok) && wordCounts(h.tok, t.reportedEnd(h.end))):
			return RuleConfirmation
		case h.kind == phSaid && t.saidOpening(h.tok) && !overlaps(h.span, denials) && !inExcl(h.span) && !sentenceExcl(h.tok) &&
			t.reportedCounts(t.sentenceStart(h.tok), t.saidEnd(h.tok)):
			return RuleConfirmation
		case h.kind == phIdiomYes && !overlaps(h.span, denials) && !inExcl(h.span) && !sentenceExcl(h.tok) && t.idiomCounts(h.tok, h.span):
			return RuleConfirmation // "I won't say it isn't", "hot, very hot" (idioms15.go)
		case h.kind == phPointYes && !overlaps(h.span, denials) && !inExcl(h.span) && t.clauseEndsAt(h.span) &&
			t.toks[h.tok].flags&fQuestion == 0 && !sentenceExcl(h.tok) && !t.sameSentence(h.tok, others):
			return RuleConfirmation // "Die ja, daar gaat het pakket heen"
		}
	}
	if topicYes {
		return RuleConfirmation
	}
	// "No, no tenemos ninguna dirección en Sevilla en su perfil"
	for i := 0; i < len(t.toks) && t.cls&(clNoDet|clAny) != 0; i++ { // a determiner of none, or "any"
		if t.toks[i].lex&lxRef != 0 && t.noneOnRecord(i) && !t.conditionalHedged(i) && !sentenceExcl(i) {
			denials = append(denials, span{int(t.toks[i].off), int(t.toks[i].end)})
			break
		}
	}
	// "Unfortunately not, that number isn't on your account."
	toks := t.toks // (a local slice: no reload of t.toks a test)
	for i := range toks {
		if ((toks[i].lex&lxRef != 0 || i > 0 && toks[i-1].lex&lxDemo != 0) && (t.recordDenial(i) || t.holdDenial43(i)) || // (holddeny43.go)
			(i == 0 || toks[i-1].flags&fPunctAfter != 0) && (toks[i].lex&lxDemo != 0 || toks[i].len6 == 3 && toks[i].head6 == 'd') && t.demoDenial(i) || // cheap tests first: a clause's first word,
			toks[i].x52&x52Nothing != 0 && t.nothingOn43(i) || // (demoDenial's and nothingOn43's first tests, from the token's fields)
			i+1 < len(toks) && toks[i+1].lex&(lxCard|lxPhone) != 0 && t.notSentTo(i)) && // a demonstrative before a card or phone word
			!t.conditionalHedged(i) && !sentenceExcl(i) {
			denials = append(denials, span{int(t.toks[i].off), int(t.toks[i].end)})
			break
		}
	}
	if topicNo {
		denials = append(denials, span{-1, -1})
	}
	// a pointer clause that answers: "Volltreffer, das ist die Adresse."
	for i := t.nextLex(lxCopula, 0); i < len(t.toks); i = t.nextLex(lxCopula, i+1) {
		if t.toks[i].lex&lxCopula != 0 && t.pointerClause(i) && !t.conditional(i) && !sentenceExcl(i) &&
			!t.sameSentence(i, denials) && !t.refusedBefore(i, int(t.toks[i].off), refusals) {
			return RuleConfirmation
		}
	}
	// "Sí, puedo confirmar que es la dirección que tenemos": a verb of
	// confirming whose clause points at a value
	for i := t.nextWith(clConfirmVerb, 0); i < len(t.toks); i = t.nextWith(clConfirmVerb, i+1) {
		if t.toks[i].lex&lxRef == 0 && t.has(i, clConfirmVerb) && t.confirmClause(i) && !t.conditional(i) && !t.deferredAfter(i) &&
			t.toks[i].flags&fQuestion == 0 && !sentenceExcl(i) && !t.sameSentence(i, denials) &&
			!t.refusedBefore(i, int(t.toks[i].end), refusals) { // "I can't confirm which email ...": the verb refused
			return RuleConfirmation
		}
	}
	// "Nothing to correct there", "Non c'è niente da correggere": no
	// correction needed is the value confirmed
	if nothingAt >= 0 && !t.sameSentence(nothingAt, denials) {
		return RuleConfirmation
	}

	// "Perfecto, ya le envié la tarjeta nueva a esa dirección": the
	// answer is acting on the offered value
	if len(excl) == 0 && len(denials) == 0 {
		for i := t.nextWith(clDestPrep, 0); i < len(t.toks); i = t.nextWith(clDestPrep, i+1) {
			if w := t.tokBytes(i); len(w) > 0 && len(w) < 32 && t.has(i, clDestPrep) && t.sentToValue(i, class) && !t.policyAt23v(i) && // "Ja, Bußgelder gehen immer an die Adresse im Vertrag" (hedge46.go)
				!t.toStoredOne(0, len(t.toks)) && !t.toRegistered(0, len(t.toks)) { // "Yes, I'll resend the link to the email already on file": whatever is on file
				return RuleConfirmation
			}
		}
	}
	if len(denials) > 0 {
		return RuleDenial
	}
	if len(excl) == 0 && (t.yoursOther() || t.demoNoOpens() || t.dobPartDenied(class) || t.oursHint43()) { // "No, ours isn't on gmail" (ourshint43.go)
		return RuleDenial // "Yours is from another domain", "La suya es de otro dominio", "Nicht die – ..."
	}
	if len(excl) == 0 {
		if rule := t.yoursMatch38(); rule != "" {
			return rule // "…, en het uwe klopt toch" (triggerwrap38.go)
		}
	}
	if len(excl) == 0 && (t.verifiedNow43() || t.goesToEndAny43() || t.passedNow49()) { // (status49.go)
		return RuleConfirmation // "Fine, you're verified now", "that's the address the invoices go to" (status43.go)
	}
	if len(excl) == 0 && t.sameAsLast() {
		return RuleConfirmation // "Same as in your last order"
	}
	if len(excl) == 0 && t.actedOnValue(class) && !t.toStoredOne(0, len(t.toks)) && !t.toRegistered(0, len(t.toks)) {
		return RuleConfirmation // "We called you there this morning", "I've switched delivery to this one"
	}
	if rule := t.offerAnswer(class, excl); rule != "" && !t.toStoredOne(0, len(t.toks)) && !t.toRegistered(0, len(t.toks)) {
		return rule // not "Yes, I'll resend the link to the email already on file": whatever is on file
	}
	if rule := t.greetedAnswer41(excl); rule != "" {
		return rule // "Thanks — yes!", "¡Hola! Nop. Buen día." (courtesy41.go)
	}
	if rule := t.fillAnswer38(excl); rule != "" {
		return rule // "Centrato, grazie, buon viaggio." (verdictfill38.go)
	}
	return t.shortAnswer(excl) // "sip esa", "nop esa no" (shortanswer.go)
}

// noneNewer reports whether the word for "newer" at token i qualifies a
// noun of class (the offered one) within 2 tokens before or after it, in
// a sentence with a negation and no deferral to verification: "I don't
// see a newer address", "je ne vois pas d'adresse plus récente", "no veo
// ninguna dirección más reciente".
func (t *text) noneNewer(i int, class string) bool {
	from, to := t.sentenceOf(i)
	noun := false
	for k := max(from, i-2); k < to && k <= i+2 && !noun; k++ {
		w := string(t.tokBytes(k))
		noun = k != i && (t.classNoun(k, w, class) || pluralClass[w] == class)
	}
	if !noun {
		return false
	}
	neg := false
	for k := from; k < to; k++ {
		w := t.tokBytes(k)
		if deferWord(w) {
			return false // "I can't see a newer address before the verification"
		}
		neg = neg || negations[string(w)] || noDeterminers[string(w)] || seeNots[string(w)]
	}
	return neg
}

// sentToValue reports whether the destination word at token i ("to",
// "an", "à", "naar", "para") leads "that" and a noun of class or "one",
// in a sentence that opens with a yes or an acknowledgement set off by
// punctuation ("Perfect,", "Alles klar,", "Prima,") and holds a verb of
// sending: "Perfect, I've sent the new card to that address", "Correct,
// the texts go to that one". The reply must defer nothing and ask
// nothing: "OK, I'll send a verification link to that email" waits for
// the verification.
func (t *text) sentToValue(i int, class string) bool {
	if i+2 >= len(t.toks) || !destDemos[string(t.tokBytes(i+1))] {
		return false
	}
	if n := string(t.tokBytes(i + 2)); n != "1" && !t.classNoun(i+2, n, class) {
		return false
	}
	from, to := t.sentenceOf(i)
	if i+2 >= to || !t.ackOpens(from, to) {
		return false
	}
	sent := false
	for k := from; k < to && !sent; k++ {
		sent = sendVerbs[string(t.tokBytes(k))]
	}
	if !sent || t.conditional(i) {
		return false
	}
	for k := range t.toks {
		if deferWord(t.tokBytes(k)) || t.toks[k].flags&fQuestion != 0 {
			return false
		}
	}
	return true
}

// ackOpens reports whether the sentence [from, to) opens with a yes word
// or an acknowledgement set off by punctuation ("Perfect,", "Alles klar,").
func (t *text) ackOpens(from, to int) bool {
	w := string(t.tokBytes(from))
	if t.toks[from].flags&fPunctAfter != 0 {
		return ackWords[w] || answerYes[w]
	}
	return w == "alles" && from+1 < to && string(t.tokBytes(from+1)) == "klar" && t.toks[from+1].flags&fPunctAfter != 0
}

// Words of a value acted on (normalised): the destination words, the
// demonstratives after them, the acknowledgements that open an answer and
// the verbs of sending and going.
var (
	destPreps = set("to", "an", "a", "naar", "para", "aan", "al")
	destDemos = set("that", "this", "diese", "dieser", "dieses", "die", "cette", "cet", "ce", "esa", "ese", "esta",
		"este", "quell", "quella", "quello", "questo", "questa", "dat", "deze", "essa", "esse")
	ackWords = set("perfect", "great", "ok", "okay", "done", "prima", "top", "parfait", "perfecto", "perfetto",
		"perfeito", "super", "klar", "bien", "vale", "ottimo", "otimo", "certo", "prego", "oke")
	sendVerbs = set("sent", "shipped", "posted", "mailed", "resent", "go", "goes", "going", "verschickt", "geschickt",
		"gesendet", "versandt", "geht", "gehen", "envoye", "envoyee", "envoyer", "expedie", "expediee", "renvoye", "vont",
		"envie", "enviado", "enviada", "enviamos", "mande", "mandado", "spedito", "spedita", "inviato", "inviata",
		"mandato", "vanno", "gestuurd", "verstuurd", "verzonden", "opgestuurd", "gaan", "gaat", "enviei", "mandei",
		"vao", "vai")
)

// pluralClass gives the class of a value noun in the plural ("non vedo
// indirizzi più recenti").
var pluralClass = map[string]string{
	"addresses": proofdesk.ClassAddress, "adressen": proofdesk.ClassAddress, "adresses": proofdesk.ClassAddress,
	"direcciones": proofdesk.ClassAddress, "indirizzi": proofdesk.ClassAddress, "enderecos": proofdesk.ClassAddress,
	"moradas": proofdesk.ClassAddress, "anschriften": proofdesk.ClassAddress,
	"numbers": proofdesk.ClassPhone, "nummern": proofdesk.ClassPhone, "numeros": proofdesk.ClassPhone,
	"numeri": proofdesk.ClassPhone, "nummers": proofdesk.ClassPhone,
	"emails": proofdesk.ClassEmail, "mails": proofdesk.ClassEmail, "correos": proofdesk.ClassEmail,
	"cards": proofdesk.ClassPayment, "karten": proofdesk.ClassPayment, "cartes": proofdesk.ClassPayment,
	"tarjetas": proofdesk.ClassPayment, "carte": proofdesk.ClassPayment, "kaarten": proofdesk.ClassPayment,
	"cartoes": proofdesk.ClassPayment,
}

// seeNots are negations beside negations and noDeterminers ("I don't
// see", "I can't see", "never", "jamais").
var seeNots = set("dont", "doesnt", "didnt", "cant", "cannot", "never", "nie", "jamais", "nunca", "mai", "nooit", "nessun")

// shapes returns, by first letter, the lengths (under 32) of the words of
// set as bits.
func shapes(set map[string]bool) (t [256]uint32) {
	for w := range set {
		if len(w) > 0 && len(w) < 32 {
			t[w[0]] |= 1 << len(w)
		}
	}
	return t
}

// newerWords say "newer" or "more recent" of a value (normalised).
var newerWords = set("newer", "recent", "neuere", "neueren", "neuerer", "aktuellere", "aktuelleren", "recente",
	"recentes", "reciente", "recientes", "recenti", "nieuwer", "nieuwere", "recenter", "recentere", "aktuellste")

// noAccountFor reports whether account noun i follows a negative
// determiner ("no account", "kein Konto", "aucun compte", "nenhuma
// conta") and its sentence names a value after a demonstrative or an
// article ("that email", "der Mail"): no account under that value.
func (t *text) noAccountFor(i int) bool {
	if i == 0 || !noDeterminers[string(t.tokBytes(i-1))] || !accountNouns[string(t.tokBytes(i))] {
		return false
	}
	from, to := t.sentenceOf(i)
	for k := from + 1; k < to; k++ {
		w := string(t.tokBytes(k))
		if !valueNouns[w] && !phoneWords[w] {
			continue
		}
		// the article may stand two words back: "dieser E-Mail-Adresse"
		for j := k - 1; j > from && j >= k-2; j-- {
			p := string(t.tokBytes(j))
			if t.toks[j].lex&lxDemo != 0 || thisWords[p] || definites[p] || pronounRefs[p] {
				return !t.otherAhead(from, to)
			}
		}
	}
	return false
}

// originDenied reports whether tokens [from, to) deny that something
// comes from the business: a negation, then within 3 tokens "from us"
// ("isn't from us", "n'est pas de nous", "niet van ons") or "ours" ending
// the clause ("no es nuestro", "não é nosso"). "Not in our system" and
// "pas chez nous" are about the record and do not count.
func (t *text) originDenied(from, to int) bool {
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if !negations[w] && w != "nao" {
			continue
		}
		for j := k + 1; j < to && j <= k+3; j++ {
			x := string(t.tokBytes(j))
			switch {
			case originPronouns[x] && (x == "nosotros" || fromWords[string(t.tokBytes(j-1))]):
				return true
			case originPossessives[x] && (j+1 == to || t.toks[j].flags&fPunctAfter != 0):
				return true
			}
		}
	}
	return false
}

// Words of a message's origin (normalised).
var (
	originPronouns    = set("us", "uns", "nous", "ons", "noi", "nosotros", "nos")
	originPossessives = set("ours", "nuestro", "nuestra", "nosso", "nossa", "nostro", "nostra", "unser", "unsere")
	fromWords         = set("from", "von", "de", "van", "da", "di", "des", "chez")
)

// accountNouns name a customer account.
var accountNouns = set("account", "konto", "kundenkonto", "compte", "cuenta", "conto", "conta", "profile", "profil",
	"perfil", "profilo", "profiel")

// noDeterminers are the negative determiners: "no", "kein", "aucun".
var noDeterminers = set("no", "kein", "keine", "keinen", "keinem", "aucun", "aucune", "ningun", "ninguna",
	"nessun", "nessuno", "nessuna", "geen", "nenhum", "nenhuma")

// nothingToFix reports whether token i says "nothing" and a verb of
// correcting follows within 4 tokens, in a sentence about no other thing
// ("Nothing to change on your order" is about the order).
func (t *text) nothingToFix(i int) bool {
	if !t.is52(i, x52NothingPron) { // nothingPronouns
		return false
	}
	from, to := t.sentenceOf(i)
	for k := i + 1; k < to && k <= i+4; k++ {
		if fixVerbs[string(t.tokBytes(k))] {
			return !t.otherAhead(from, to)
		}
	}
	return false
}

// noNeedToFix reports whether token i says "need" beside a negation ("no
// need", "pas besoin", "no hace falta", "não precisa", "non serve", "hoeft
// het niet", "niet nodig", "não é preciso") and a verb of correcting
// follows within 4 tokens, in a sentence about no other thing ("no need
// to update the app").
func (t *text) noNeedToFix(i int) bool {
	if !needWords[string(t.tokBytes(i))] {
		return false
	}
	from, to := t.sentenceOf(i)
	neg := false
	for k := max(from, i-2); k <= i+2 && k < to; k++ {
		neg = neg || k != i && needNegations[string(t.tokBytes(k))]
	}
	if !neg {
		return false
	}
	for k := i + 1; k < to && k <= i+4; k++ {
		w := string(t.tokBytes(k))
		if fixVerbs[w] || len(w) > 6 && (fixVerbs[w[:len(w)-2]] || fixVerbs[w[:len(w)-2]+"e"]) { // "cambiarlo", "aggiornarlo"
			return !t.otherAhead(from, to)
		}
	}
	return false
}

// Words of needing and their negations (normalised).
var (
	needWords = set("need", "needed", "besoin", "bisogno", "brauchen", "falta", "precisa", "precisas", "preciso", "hoeft",
		"hoeven", "nodig", "notig", "serve")
	needNegations = set("no", "not", "pas", "nao", "non", "niet", "nicht", "kein", "keine", "geen", "nessun", "niks", "niets", "nichts")
)

// nothingPronouns say "nothing"; fixVerbs say "correct" or "change", in
// seven languages (normalised).
var (
	nothingPronouns = set("nothing", "nichts", "rien", "nada", "niente", "nulla", "niets", "niks")
	fixVerbs        = set("correct", "change", "fix", "update", "amend", "korrigieren", "andern", "anpassen",
		"berichtigen", "corriger", "modifier", "changer", "corregir", "cambiar", "modificar", "correggere",
		"cambiare", "modificare", "corrigeren", "aanpassen", "passen", "wijzigen", "veranderen", "gecorrigeerd",
		"aangepast", "gewijzigd", "corrigir", "alterar", "mudar", "atualizar", "actualizar", "aggiornare", "aktualisieren",
		"bijwerken", "updaten", "mettre", "changing", "updating")
)

// sentencePoints reports whether tokens [from, to) point at a value: a
// demonstrative, a pointer pronoun, a value, phone or card noun, or the
// account.
func (t *text) sentencePoints(from, to int) bool {
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if t.toks[k].lex&lxDemo != 0 || pronounRefs[w] || pointerPronouns[w] || valueNouns[w] || phoneWords[w] ||
			cardWords[w] || accountWords[w] {
			return true
		}
	}
	return false
}

// sameSentence reports whether one of spans starts in the sentence of
// token i ("Para nada es esa": the denial is the answer).
// agreeCounts reports whether an agreement phrase at token i (span sp)
// affirms or denies: its sentence names the account, the records or the offer outside the
// phrase ("That lines up with our records", "Your details agree").
// A sentence that is the phrase and two words more counts ("Alles passt.",
// "Dat zie ik ook.", "Les deux correspondent.").
func (t *text) agreeCounts(i int, sp span) bool {
	from, to := t.sentenceOf(i)
	if t.digitsAgree(from, i, sp) {
		return true // "Die letzten vier Ziffern passen"
	}
	if !t.cased && i+1 < to && t.ackPairAt(i) && t.ackRest(i, i+2, to) || !t.cased && i+2 == to && t.ackPairAt(i) {
		return false // "same here lol": the requester's feeling shared (ackreply.go)
	}
	if t.sameOfThing31(i, to, sp) || t.genericNoun31(i, from, to) {
		return false // "our same-day zone", "the same flight" (notcompared31.go); "a date-of-birth mismatch" (process31.go)
	}
	outside := 0
	for k := from; k < to; k++ {
		if off := int(t.toks[k].off); off >= sp.start && off < sp.end-1 {
			continue // inside the phrase
		}
		w := string(t.tokBytes(k))
		if recordWords[w] {
			return true
		}
		if !lightWords[w] {
			outside++
		}
	}
	return outside <= 2
}

// insideAgree reports whether sp lies in an agreement hit of hits ("no
// difference" holds "difference").
func (t *text) insideAgree(sp span, hits []phit) bool {
	for _, h := range hits {
		if h.kind == phAgree && h.span != sp && sp.start >= h.start && sp.end <= h.end {
			return true
		}
	}
	return false
}

// aboutOther reports whether the phrase at token i (span sp) is about
// another thing than the offer: its subject, the words before it in its
// clause, or its complement, the first word after it past articles and
// prepositions, names one (otherThings: "our return policy", "Les frais
// de port", "Quel codice sconto"). A thing word that qualifies a value
// noun ("delivery address") is no other thing.
func (t *text) aboutOther(i int, sp span) bool {
	from, to := t.sentenceOf(i)
	for k := i - 1; k >= from && k >= i-5; k-- {
		if t.toks[k].flags&fPunctAfter != 0 {
			break
		}
		if t.isOther(k, to) {
			return true
		}
	}
	j := i
	for j < to && int(t.toks[j].off) < sp.end-1 {
		j++
	}
	// a value or a place pointed at later still makes it an answer:
	// "That's correct, your delivery will go there"
	end := t.timeTail(j, to) // "the link went there 10 mins ago"
	for k := j; k < to; k++ {
		if valueNouns[string(t.tokBytes(k))] && !t.qualifiedOther(k, to) || k == end-1 && t.toks[k].lex&lxEndRef != 0 {
			return false
		}
	}

	// the phrase's own clause names the value: "la fecha de nacimiento
	// coincide, el control de edad queda superado"
	for k := i - 1; k >= from && t.toks[k].flags&fPunctAfter == 0; k-- {
		if w := string(t.tokBytes(k)); (valueNouns[w] || len(w) > 6 && valueCompound(w)) && !t.qualifiedOther(k, to) {
			return false
		}
	}
	// a new clause after the phrase about a thing that is no value: "C'est
	// exact, le livreur est passé à 14 h", "Exactly right: the sale ends"
	if t.namesRecord(i, j) {
		return false // "Ja, die ist hinterlegt, die Lieferung ist gebucht"
	}
	if j > 0 && j < to && t.toks[j-1].flags&fPunctAfter != 0 && t.clauseOther(j, to) {
		return true
	}
	// the same past a word of regret closing the phrase's clause: "That's
	// wrong I'm afraid - the warehouse is in Leeds"
	f := j
	for f < to && f < j+3 && regretFillers[string(t.tokBytes(f))] {
		f++
	}
	if f > j && f < to && t.toks[f-1].flags&fPunctAfter != 0 && t.clauseOther(f, to) {
		return true
	}
	for k := j; k < to && k < j+4; k++ {
		w := string(t.tokBytes(k))
		if ourWords[w] && k+1 < to && t.nounOther(k+1) && !recordWords[string(t.tokBytes(k+1))] {
			return true // "That's right, our hotline is free": the business's thing
		}
		if placePreps[w] && k+1 < to && ourWords[string(t.tokBytes(k+1))] {
			continue // "That's wrong in our FAQ", "È sbagliato sul nostro sito": the business's content
		}
		if placePreps[w] && k+1 < to && t.isOther(k+1, to) {
			return true // "the one we have in stock is blue": a thing in a place
		}
		if secondPerson[w] && k+1 < to && modalWords[string(t.tokBytes(k+1))] {
			return true // "C'est exact, vous pouvez le retourner": what the customer may do
		}
		if linkWords[w] || demoDeterminers[w] {
			continue // "ce n'est pas ce colis-là": the noun after the determiner
		}
		return t.isOther(k, to)
	}
	return false
}

// regretFillers close a clause with regret: "I'm afraid", "sorry",
// "leider", "hélas" (normalised).
var regretFillers = set("i", "im", "am", "afraid", "sorry", "unfortunately", "sadly", "leider", "helas",
	"malheureusement", "lamentablemente", "desgraciadamente", "purtroppo", "helaas", "infelizmente", "desculpe",
	"perdon", "scusi", "pardon")

// demoDeterminers are demonstratives that only stand before a noun.
var demoDeterminers = set("ce", "cet", "cette", "ces", "dieser", "diesen", "diesem")

// otherAhead reports whether tokens [from, to) name another thing.
func (t *text) otherAhead(from, to int) bool {
	for k := from; k < to; k++ {
		if t.isOther(k, to) {
			return true
		}
	}
	return false
}

// isOther reports whether token k names another thing than a protected
// value: a thing word not followed by a value noun.
func (t *text) isOther(k, to int) bool {
	if !otherWord(string(t.tokBytes(k))) {
		return false
	}
	return k+1 >= to || !valueNouns[string(t.tokBytes(k+1))]
}

// Words that tell what an affirmation or denial is about, in seven
// languages (normalised).
var (
	// otherThings are the things of a support reply that are no
	// protected value: a phrase about one answers something else.
	otherThings = set(
		"policy", "return", "returns", "refund", "refunds", "delivery", "deliveries", "shipping", "shipment", "fee",
		"fees", "price", "prices", "cost", "costs", "total", "amount", "size", "sizes", "colour", "color", "order",
		"orders", "invoice", "discount", "voucher", "coupon", "appointment", "slot", "warranty", "guarantee",
		"stock", "item", "items", "product", "products", "parcel", "package", "tracking", "courier", "model", "sku",
		"status", "schedule", "hours", "offer", "promotion", "sale", "subscription", "plan", "ticket", "request",
		"exchange", "photo", "foto", "picture", "description", "problem", "issue", "error", "day", "charge", "charges",
		"tax", "link", "password", "app", "audit", "delai", "horario", "prazo", "contrasena", "senha", "wachtwoord", "aplicativo", "aplicacion", "applicatie", "terms", "conditions", "agb", "bedingungen", "cgv", "conditions",
		"condiciones", "condizioni", "voorwaarden", "condicoes", "termos",
		"richtlinie", "ruckgabe", "ruckgabebedingungen", "erstattung", "lieferung", "lieferdatum", "liefertermin",
		"liefertag", "lieferzeit", "versand", "versandkosten", "gebuhr", "gebuhren", "preis", "preise", "kosten",
		"betrag", "summe", "grosse", "farbe", "bestellung", "rechnung", "rabatt", "gutschein", "termin", "garantie",
		"artikel", "produkt", "paket", "sendung", "modell", "angebot", "abo", "fehler", "passwort",
		"politique", "retour", "retours", "remboursement", "livraison", "expedition", "frais", "prix", "cout",
		"montant", "taille", "couleur", "commande", "facture", "remise", "reduction", "rendez", "article",
		"produit", "colis", "modele", "statut", "offre", "abonnement", "probleme", "erreur", "lien",
		"politica", "devolucion", "devoluciones", "reembolso", "entrega", "envio", "gastos", "precio", "coste",
		"costo", "importe", "talla", "pedido", "factura", "descuento", "cupon", "cita", "garantia", "articulo",
		"producto", "paquete", "modelo", "oferta", "suscripcion", "problema", "enlace",
		"reso", "resi", "rimborso", "consegna", "spedizione", "spese", "prezzo", "importo", "totale", "taglia",
		"colore", "ordine", "fattura", "codice", "sconto", "buono", "appuntamento", "garanzia", "articolo",
		"prodotto", "pacco", "modello", "offerta", "abbonamento", "errore",
		"beleid", "retourbeleid", "terugbetaling", "levering", "bezorging", "verzending", "verzendkosten", "prijs",
		"bedrag", "totaal", "maat", "kleur", "bestelling", "factuur", "korting", "kortingscode", "afspraak",
		"voorraad", "pakket", "aanbieding", "probleem", "fout", "levertijd",
		"devolucao", "devolucoes", "portes", "preco", "custo", "montante", "tamanho", "cor", "encomenda", "fatura",
		"codigo", "desconto", "cupao", "marcacao", "artigo", "produto", "pacote", "subscricao", "erro",
		// a purchase and a time slot: "la data d'acquisto", "la fascia oraria"
		"purchase", "kauf", "achat", "compra", "acquisto", "aankoop", "fascia", "franja", "creneau", "zeitfenster",
		"tijdvak", "tarif", "tarifs", "tarief", "tarieven", "tarifa", "tarifas", "tariffa", "tariffe", "tarife",
		// a thing's date in one word
		"leverdatum", "bezorgdatum", "verzenddatum", "besteldatum", "factuurdatum", "versanddatum", "bestelldatum",
		"rechnungsdatum", "kaufdatum", "aankoopdatum",
		// a payment made, not the card it was made with: "le paiement est
		// bien passé" ("payment card" is a card: isOther)
		"payment", "zahlung", "paiement", "pago", "pagamento", "betaling",
		// a time span and a reset: "el mismo plazo", "el restablecimiento funcionó"
		"plazo", "plazos", "tempi", "reset", "restablecimiento", "reinitialisation", "ripristino", "redefinicao",
		// opening hours: "Il nostro orario finisce diversamente la domenica"
		"orario", "orari", "horaires", "offnungszeiten", "openingstijden",
		// guard15: a change asked for and where it is done, not the value:
		// "No, address changes can't be done in chat; that's in your
		// account settings"
		// (nouns only: "nothing to change", "no need to update it" confirm)
		"changes", "anderung", "anderungen", "adressanderung", "adressanderungen",
		"changement", "changements", "modification", "modifications", "cambios", "modifiche",
		"aggiornamento", "wijziging", "wijzigingen", "adreswijziging", "adreswijzigingen", "alteracao", "alteracoes",
		"mudanca", "mudancas", "settings", "einstellungen", "kontoeinstellungen", "parametres", "reglages",
		"configuracion", "ajustes", "impostazioni", "instellingen", "accountinstellingen", "definicoes", "configuracoes",
	)
	// valueNouns name a protected value: "delivery address" is an address.
	valueNouns = set("address", "number", "phone", "email", "mail", "date", "birthday", "card", "details", "postcode",
		"zip", "postal", "street", "adresse", "anschrift", "nummer", "telefonnummer", "datum", "karte", "angaben",
		"plz", "numero", "carte", "postale", "direccion", "fecha", "tarjeta", "datos", "indirizzo", "data", "carta",
		"dati", "adres", "kaart", "gegevens", "endereco", "morada", "cartao", "dados", "cp", "cep", "cap", "correo",
		"courriel", "mailadres", "emailadres", "mailadresse", "emailadresse", "huisnummer", "hausnummer")
	// linkWords stand between a phrase and its complement.
	linkWords = set("the", "our", "your", "a", "an", "to", "with", "my", "its", "for", "de", "la", "le", "les", "l",
		"au", "aux", "du", "des", "notre", "votre", "pour", "mit", "der", "die", "das", "dem", "den", "ihre", "ihrer",
		"zu", "fur", "el", "los", "las", "con", "al", "del", "su", "para", "il", "lo", "i", "gli", "alla", "col", "per",
		"het", "een", "met", "uw", "voor", "o", "os", "as", "com", "ao", "da", "do", "seu", "sua", "e", "und", "et",
		"y", "en", "and", "of", "von", "van", "di", "unser", "unsere", "unseren", "unserem", "unserer", "nos", "nuestra",
		"nuestro", "nuestras", "nuestros", "nostro", "nostra", "nostri", "nostre", "onze", "ons", "nossa", "nosso",
		"nossas", "nossos")
	// placePreps place a judgement in a text: "wrong in our FAQ", "faux
	// sur notre site", "errado na nossa página".
	placePreps = set("in", "on", "at", "auf", "im", "sur", "dans", "en", "nel", "nella", "sul", "sulla", "op", "no",
		"na", "em")
	// lightWords say nothing of what an agreement is about ("Ja, so
	// haben wir das auch").
	lightWords = set("yes", "ja", "oui", "si", "sim", "so", "also", "too", "as", "well", "auch", "aussi", "tambien",
		"anche", "ook", "tambem", "das", "that", "dat", "ca", "cela", "eso", "isso", "it", "es", "exactly", "genau",
		"exactement", "exactamente", "esattamente", "precies", "exatamente", "indeed", "wir", "we", "nous", "nosotros",
		"noi", "wij", "nos")
)

// comparesAhead reports whether tokens [from, to) compare with another
// value: "our card has other last digits" is the record, not the
// business's own card.
func (t *text) comparesAhead(from, to int) bool {
	for k := from; k < to; k++ {
		if w := string(t.tokBytes(k)); otherWords[w] || denyAdjectiveSet[w] || w == "other" || w == "different" || w == "differs" {
			return true
		}
	}
	return false
}

// ourFault reports whether the sentence of token i puts a fault on the
// business: "wrong of us", "von uns", "vient de nous", "van onze kant",
// "our fault", "colpa nostra", "o atraso é nosso". A "that's wrong" or
// "not right" there is an apology, not an answer about a value.
func (t *text) ourFault(i int) bool {
	from, to := t.sentenceOf(i)
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		switch {
		case usWords[w] && k > from && faultPreps[string(t.tokBytes(k-1))]:
			return true
		case t.ourAt(k) && (k+1 < to && faultNouns[string(t.tokBytes(k+1))] || k > from && faultNouns[string(t.tokBytes(k-1))]):
			return true
		case t.ourAt(k) && k > from && k+1 < to && partNouns[string(t.tokBytes(k+1))] && partPreps[string(t.tokBytes(k-1))]:
			return true // "van onze kant", "de notre part", not "on our side" (the record)
		case (t.ourAt(k) || w == "ours") && k > from && (t.toks[k-1].lex&lxCopula != 0 || k-1 > from && definites[string(t.tokBytes(k-1))] && t.toks[k-2].lex&lxCopula != 0) &&
			(k+1 == to || t.toks[k].flags&fPunctAfter != 0 || andWords[string(t.tokBytes(k+1))]):
			return true // "o atraso é nosso", "the delay is ours and ...", "le retard est le nôtre"
		}
	}
	return false
}

// Words that put a fault on the business (normalised).
var (
	usWords    = set("us", "uns", "nous", "ons", "nosotros", "noi")
	faultPreps = set("of", "on", "von", "de", "van", "da", "from", "di")
	faultNouns = set("fault", "mistake", "error", "fehler", "schuld", "versehen", "faute", "erreur", "culpa", "colpa",
		"errore", "fout", "vergissing", "erro")
	// partNouns with partPreps before the possessive say "on our part".
	partNouns = set("kant", "part", "parte")
	partPreps = set("van", "de", "da", "por")
)

// newThingAfter reports whether a denial phrase (span sp) goes on with an
// indefinite article and no value noun in the 3 words after it: "ce n'est
// pas un double débit", "it's not a double charge" deny a new thing, not
// the offered value ("that's not an address we have" still denies).
func (t *text) newThingAfter(sp span) bool {
	j := t.tokenAt(sp.end - 1)
	if j < 0 || int(t.toks[j].off) != sp.end-1 || t.toks[j].flags&fSentence != 0 {
		return false // "Stimmt nicht. Einen schönen Abend.": another sentence's article (verdict30.go)
	}
	_, to := t.sentenceOf(j)
	switch w := string(t.tokBytes(j)); {
	case w == "a":
		// English "a", not French "à" or Portuguese "a" before a pronoun
		// or an article ("ne correspond pas à ce que j'ai")
		if j+1 >= to || frenchAfterA[string(t.tokBytes(j+1))] || exonyms[string(t.tokBytes(j+1))] != nil {
			return false // "une autre adresse à Berlin": a city after "à" (guard19a)
		}
	case !indefinites[w] && w != "1" && !kindNegatives[w]:
		return false
	}
	if j+1 < to && degreeWords[string(t.tokBytes(j+1))] {
		return false // "differ a little", "diffèrent un peu"
	}
	for k := j + 1; k < to && k <= j+3; k++ {
		w := string(t.tokBytes(k))
		if valueNouns[w] || phoneWords[w] || cardWords[w] && !chargeWords[w] || birthWords[w] || addressNouns[w] || valueCompound(w) {
			return false
		}
		if t.toks[k].flags&fPunctAfter != 0 {
			break
		}
	}
	return true
}

// ourSubject reports whether the clause before token i has the business's
// possessive before a noun that is no record ("Our office address is
// still the same"), not "our records" or "our system": the affirmation is
// about the business's own thing.
func (t *text) ourSubject(i int) bool {
	from, _ := t.sentenceOf(i)
	for k := i - 1; k >= from && k >= i-6; k-- {
		if t.toks[k].flags&fPunctAfter != 0 {
			break
		}
		if t.ourAt(k) && k+1 < i {
			n := string(t.tokBytes(k + 1))
			return !accountWords[n] && !recordWords[n] && !isRecordWord(n)
		}
	}
	return false
}

// anyBefore reports whether one of the 3 words before token i in its
// clause says "whichever": "the code goes to whichever number is on file"
// names no value.
func (t *text) anyBefore(i int) bool {
	from, _ := t.sentenceOf(i)
	for k := i - 1; k >= from && k >= i-3; k-- {
		if anyWords[string(t.tokBytes(k))] {
			return true
		}
		if t.toks[k].flags&fPunctAfter != 0 {
			break
		}
	}
	return false
}

// Words after the word that opens a new thing (normalised).
var (
	kindNegatives = set("kein", "keine", "keinen", "geen")
	degreeWords   = set("little", "bit", "peu", "poco", "pouco", "beetje", "bisschen", "wenig", "poquito", "pochino", "lot")
	frenchAfterA  = set("ce", "que", "qui", "quoi", "la", "le", "l", "les", "o", "os", "as", "a", "sua", "seu", "votre",
		"vos", "mon", "ma", "mes", "minha", "meu", "esta", "este", "essa", "esse", "cette", "cet")
)

// availabilityAfter reports whether a denial phrase (span sp) goes on with
// a word for being in stock, available or possible, past at most one
// preposition: "Das ist leider nicht vorrätig", "that is not in stock",
// "ce n'est pas disponible" deny a product's availability.
func (t *text) availabilityAfter(sp span) bool {
	j := t.tokenAt(sp.end - 1)
	if j < 0 || int(t.toks[j].off) != sp.end-1 {
		return false
	}
	_, to := t.sentenceOf(j)
	for k := j; k < to && k <= j+1; k++ {
		if availWords[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

// unavailableBefore reports whether the sentence of token i says before
// it that something is not or no longer available: "La fascia scelta non
// è più disponibile, ne scelga un'altra", "that slot is no longer
// available, please pick another": the other one is an alternative, no
// denial.
func (t *text) unavailableBefore(i int) bool {
	from, _ := t.sentenceOf(i)
	for k := i - 1; k > from; k-- {
		if !availWords[string(t.tokBytes(k))] {
			continue
		}
		for j := max(from, k-3); j < k; j++ {
			if w := string(t.tokBytes(j)); negations[w] || w == "no" || w == "longer" || w == "plus" || w == "piu" || w == "mehr" || w == "meer" || w == "mas" {
				return true
			}
		}
	}
	return false
}

// availWords say "in stock", "available", "possible" (normalised).
var availWords = set("vorratig", "lieferbar", "verfugbar", "erhaltlich", "available", "stock", "disponible", "disponibles",
	"disponibile", "disponibili", "beschikbaar", "leverbaar", "voorraad", "disponivel", "disponiveis", "possible", "moglich",
	"mogelijk", "posible", "possibile", "possivel", "ready", "fertig", "pret", "listo", "lista", "pronto", "pronta", "klaar")

// chargeWords are cardWords that also name a charge: "un double débit".
var chargeWords = set("debit", "credit", "payment")

// refusedBefore reports whether one of the refusals starts before off in
// the sentence of token i: "I can't tell you what we hold" refuses.
func (t *text) refusedBefore(i, off int, refusals []span) bool {
	from, _ := t.sentenceOf(i)
	for _, r := range refusals {
		if r.start < off && t.tokenAt(r.start) >= from {
			return true
		}
	}
	return false
}

func (t *text) sameSentence(i int, spans []span) bool {
	from, to := t.sentenceOf(i)
	for _, s := range spans {
		if k := t.tokenAt(s.start); k >= from && k < to {
			return true
		}
	}
	return false
}

// isEmoji reports whether token i stands for an emoji (which counts
// wherever it stands).
func (t *text) isEmoji(i int) bool {
	w := string(t.tokBytes(i))
	return w == "emojiyes" || w == "emojino"
}

func within(s span, spans []span) bool {
	for _, e := range spans {
		if s.start >= e.start && s.end <= e.end {
			return true
		}
	}
	return false
}

// context words around a last-4 or a card brand, in seven languages
var (
	phoneWords = set("phone", "mobile", "cell", "tel", "telephone", "call", "text", "sms", "whatsapp", "landline",
		"ph", "contact", "cellphone", "telefon", "telefonnummer", "handy", "handynummer", "mobil", "mobilnummer",
		"rufnummer", "festnetz", "portable", "fixe", "telefono", "movil", "celular", "cellulare", "fisso",
		"telefoonnummer", "mobiel", "gsm", "telemovel", "fixo", "tlf", "tfno", "telf", "telefone", "telefoon", "telemoveis",
		// "ich ruf dich auf der 0151er an, die mit 7716 endet"
		"ruf", "rufe", "rufen", "anrufen")
	// numberWords say "number" without saying which: phone context unless
	// another noun owns the number ("part number 0123").
	numberWords = set("number", "nummer", "numero", "nr", "no", "num", "numéro")
	cardWords   = set("card", "visa", "mastercard", "amex", "discover", "debit", "credit", "payment", "maestro",
		"jcb", "diners", "unionpay", "karte", "kreditkarte", "bankkarte", "ec", "girocard", "carte", "cb",
		"tarjeta", "carta", "kaart", "creditcard", "pinpas", "bankpas", "cartao", "credito", "debito", "mc")
	endingWords = set("ending", "ends", "end", "last", "digits", "xx", "x", "final", "endet", "endung", "endend",
		"endziffern", "ziffern", "letzten", "letzte", "termine", "terminant", "finissant", "finit", "termina",
		"terminada", "terminado", "terminando", "terminan", "finisce", "finiscono", "finale", "finali", "eindigt",
		"eindigend", "eindigen", "laatste", "cijfers", "terminam", "ultimos", "ultimas", "ultimi", "ultime",
		"derniers", "dernieres", "chiffres", "digitos", "cifre", "cifras", "algarismos", "eind", "finishing",
		"finishes", "acaba", "acabado", "acabada", "acabam", "acabando", "terminant", "finisse", "eindigend")
	// ownerWords own a number that is not a phone or card number.
	ownerWords = set("part", "order", "item", "model", "serial", "reference", "ref", "tracking", "invoice",
		"ticket", "case", "sku", "article", "product", "bestellung", "bestellnummer", "artikel", "artikelnummer",
		"teil", "teilenummer", "sendung", "rechnung", "auftrag", "commande", "facture", "colis", "piece", "pedido",
		"factura", "paquete", "pieza", "referencia", "ordine", "fattura", "pacco", "pezzo", "riferimento",
		"articolo", "bestelling", "factuur", "pakket", "onderdeel", "artikelnummer", "encomenda", "fatura",
		"peca", "flight", "seat", "room", "zip", "plz", "cp", "cep", "cap", "postcode", "version", "batch", "lot",
		"parcel", "package", "shipment", "paket", "lieferung", "paquet", "spedizione", "zending", "pacote")
	yourWords  = set("your", "the", "their", "his", "her", "a")
	brandAfter = set("card", "ending", "ends", "debit", "credit", "xx", "x")
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// prevTokens calls fn on up to n tokens before offset off of the token
// view, nearest first, until fn returns true.
func prevTokens(view []byte, off, n int, fn func(tok []byte) bool) bool {
	end := off // view[off] is the space before the matched token
	for k := 0; k < n && end > 0; k++ {
		start := end - 1
		for start > 0 && view[start] != ' ' {
			start--
		}
		if start == end-1 {
			return false
		}
		if fn(view[start+1 : end]) {
			return true
		}
		end = start
	}
	return false
}

// nextTokens is prevTokens forwards from off (the space after a match).
func nextTokens(view []byte, off, n int, fn func(tok []byte) bool) bool {
	start := off
	for k := 0; k < n && start < len(view)-1; k++ {
		end := start + 1
		for end < len(view) && view[end] != ' ' {
			end++
		}
		if fn(view[start+1 : end]) {
			return true
		}
		start = end
	}
	return false
}

// postalWords name a postal code.
var postalWords = set("zip", "plz", "cp", "cep", "cap", "postcode", "code", "postal", "postleitzahl", "zipcode")

// isOwner reports whether w owns a number that is no phone or card
// number: an owner word, or a compound that ends in "nummer" or "number"
// and is no phone word ("Bestellnummer", "Sendungsnummer").
func isOwner(w string) bool {
	if ownerWords[w] || ownerWords41b[w] { // (card41b.go)
		return true
	}
	for _, suf := range []string{"nummer", "number", "numero", "nr"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) && !phoneWords[w] && !cardWords[w] &&
			!numberOf(w[:len(w)-len(suf)], phoneWords) && !numberOf(w[:len(w)-len(suf)], cardWords) {
			return true
		}
	}
	return false
}

// numberOf reports whether stem, the first part of a compound with
// "nummer" ("Kartennummer", "kaartnummer", "Kreditkartennummer"), is a
// word of own, with or without its linking letters.
func numberOf(stem string, own map[string]bool) bool {
	return own[stem] || own[strings.TrimSuffix(stem, "n")] || own[strings.TrimSuffix(stem, "s")] ||
		own[strings.TrimSuffix(stem, "en")]
}

// ownCompound reports whether w is a compound of a word of own and
// "nummer" or "number": "Kartennummer" is a card word.
func ownCompound(w string, own map[string]bool) bool {
	for _, suf := range []string{"nummer", "number", "numero"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) && numberOf(w[:len(w)-len(suf)], own) {
			return true
		}
	}
	return false
}

// inContext reports whether the match [start, end) of the token view has
// the context its kind needs: a phone (card) word in the 5 tokens before,
// or a word that says "number", "ending" or "last digits" there and no
// other noun owning the number ("part number 0123", "order ending 4242").
func inContext(view []byte, start, end int, k ctxKind) bool {
	switch k {
	case ctxPhone, ctxCard:
		// a word for "ending" after the digits widens the look back to
		// 10 tokens, as for a shorter ending: "ich ruf dich auf der
		// 0151er an, die mit 7716 endet"
		return classBefore(view, start, 5, k, true) ||
			nextTokens(view, end-1, 2, func(t []byte) bool { return endingWords[string(t)] }) && classBefore(view, start, 10, k, false)
	case ctxPhoneStart:
		// "starts with 06 47", "die mit 06 47 anfängt"
		starting := func(t []byte) bool { return startWords[string(t)] }
		if !prevTokens(view, start, 3, starting) && !nextTokens(view, end-1, 2, starting) {
			return phoneHead(view, start, end)
		}
		return classBefore(view, start, 10, ctxPhone, false) || oneStarting(view, start)
	case ctxPhoneMid:
		return phoneMid(view, start)
	case ctxPhoneEnd, ctxCardEnd:
		// "ending in 90", "die auf 58 endet": a word for "ending" beside
		// the digits, a phone (card) word within the 10 tokens before
		ending := func(t []byte) bool { return endingWords[string(t)] }
		if !prevTokens(view, start, 3, ending) && !nextTokens(view, end-1, 2, ending) {
			return false
		}
		if lastDigitsSaid(view, start, end) {
			return true // "the last digits are 390" (thirdparty.go)
		}
		if k == ctxPhoneEnd {
			return classBefore(view, start, 10, ctxPhone, false)
		}
		return classBefore(view, start, 10, ctxCard, false) || oneEnding(view, start)
	case ctxCardStart:
		// "the last digits start with seven one": the start of the card's
		// ending, a word for "starts with" beside the digits
		starting := func(t []byte) bool { return startWords[string(t)] }
		if !prevTokens(view, start, 3, starting) && !nextTokens(view, end-1, 2, starting) {
			return false
		}
		return classBefore(view, start, 10, ctxCard, true)
	case ctxNotOwned:
		owned := prevTokens(view, start, 2, func(t []byte) bool { return isOwner(string(t)) && !postalWords[string(t)] })
		return !owned
	case ctxBrand:
		return prevTokens(view, start, 1, func(t []byte) bool { return yourWords[string(t)] }) && !brandChoice24(view, start, end) ||
			nextTokens(view, end-1, 2, func(t []byte) bool { return brandAfter[string(t)] }) ||
			brandHeld(view, start, end) || brandYours(view, start, end) || brandContrast(view, start, end) ||
			brandIsHers(view, start, end)
	}
	return true
}

// phoneHead reports whether a phone's first digits, the match [start,
// end) of the token view, are said as the customer's phone without a word
// for "starts with": a possessive, an article or "with" before them (no
// other noun owning them, not the business's) and a phone word or "one"
// right after them ("your 06 47 number", "the +49 151 one", "Ihre 0151er
// Nummer"), or a phone word, a word for calling, texting or a code
// before them ("code sent to your 06 47 21", "wir rufen die mit 0151 an").
func phoneHead(view []byte, start, end int) bool {
	var prev [3][]byte
	n, stop := 0, false
	prevTokens(view, start, 3, func(t []byte) bool {
		if isOwner(string(t)) || ourWords[string(t)] {
			stop = true
			return true
		}
		prev[n] = t
		n++
		return false
	})
	if stop || n == 0 {
		return false
	}
	if areaCode(view, start, prev[:n]) {
		return true // "a Telekom mobile, area code 0151"
	}
	if codeWords[string(prev[0])] || n >= 2 && codeWords[string(prev[1])] && (codeCopulas[string(prev[0])] || codeWords[string(prev[0])]) {
		return false // "your code is 0647", "le code promo 0647": the digits are the code
	}
	if n >= 2 && withWords[string(prev[0])] && (pointerArticles[string(prev[1])] || string(prev[1]) == "1") ||
		n >= 2 && oneOf(prev[0], prev[1]) {
		return true // "die mit 0151", "the one with +49 151", "el del 151"
	}
	lead := false
	for _, w := range prev[:n] {
		lead = lead || secondPerson[string(w)] || headLeads[string(w)]
	}
	if !lead {
		return false
	}
	named, first := false, true
	nextTokens(view, end-1, 4, func(t []byte) bool {
		w := string(t)
		if first && w == "1" { // "the +49 151 one"
			named = true
			return true
		}
		first = false
		if len(w) > 0 && isDigit(w[0]) {
			return false // the number goes on: "06 47 21 number"
		}
		named = phoneWords[w] || numberWords[w] || numberAbbrevs[w]
		return true
	})
	return named || classBefore(view, start, 10, ctxPhone, false) || prevTokens(view, start, 10, func(t []byte) bool { return callWords[string(t)] }) ||
		countryOne(view, start) ||
		// "le 06 47 je pense, celui pour les SMS": a phone word or texts said of it further on
		nextTokens(view, end-1, 7, func(t []byte) bool { return phoneWords[string(t)] || textWords[string(t)] })
}

// textWords name text messages (normalised).
var textWords = set("sms", "texts", "text", "textos", "texto", "messaggi", "berichten", "mensagens")

// countryOne reports whether a phone's first digits at token view offset
// start follow, within 6 tokens, a country's adjective that ends its noun
// phrase ("one", a phone word or a pointer after it): "the German one, the +49 151",
// "quello tedesco, il +49 151", "el alemán, el que empieza por". "The
// French site, the 06 47 campaign" names no number.
func countryOne(view []byte, start int) bool {
	var prev [6]string
	n := 0
	prevTokens(view, start, 6, func(t []byte) bool {
		prev[n] = string(t)
		n++
		return false
	})
	for k := 0; k < n; k++ {
		if !countryAdjectives[prev[k]] {
			continue
		}
		// the word after it ends its noun phrase: "one", a phone word, or
		// a pointer that opens the next ("quello tedesco, il", "el alemán,
		// el que"); "the French site" goes on with a noun
		if k == 0 {
			return true
		}
		if w := prev[k-1]; w == "1" || pointerOnes[w] || headLeads[w] || phoneWords[w] || numberWords[w] {
			return true
		}
	}
	return false
}

// pointerOnes are the pronouns and articles that stand for "the one"
// beside an adjective (normalised): "quello tedesco", "el alemán".
var pointerOnes = set("quello", "quella", "celui", "celle", "el", "la", "le", "o", "a", "die", "der", "de", "het", "the")

// oneStarting reports whether a phone's first digits at token view offset
// start follow "the one that starts" with no noun that owns the number
// between ("el que empieza por +49 151", "o que começa por
// +49 151", "the one starting 0151"): the number the requester asked
// about (oneEnding's counterpart).
func oneStarting(view []byte, start int) bool {
	one, rel, adj := false, false, false
	prevTokens(view, start, 7, func(t []byte) bool {
		w := string(t)
		switch {
		case countryAdjectives[w] && !isOwner(w):
			adj = true
			return false // "uno francese che inizia con", "um francês começado por" (g22b)
		case rel:
			// a relative pronoun stands for "the one" after a pronoun or
			// an article ("celui qui", "el que"), not after a noun ("la
			// commande qui commence par"); an indefinite with a country
			// adjective is "one" too ("eine französische, die mit")
			one = pointerOnes[w] || w == "1" || adj && (brandIndefinites[w] || w == "a" || w == "an")
			return true
		case isOwner(w) || cardWords[w] || codeWords[w] || ourWords[w] || bookingCodeOwners[w] || bookingCode(w):
			return true // "the order starting 0151", "el localizador de la reserva empieza por 0647"
		case w == "1" || pointerOnes[w] && w != "die" && w != "de":
			one = true // "the one starting 0151", "quello che inizia"
			return true
		case oneWords[w]:
			rel = true
		}
		return false
	})
	return one
}

// countryAdjectives name the country of a phone number (normalised, the
// countries of the seven languages' numbers): "the German one, the +49
// 151", "quello tedesco, il +49 151".
var countryAdjectives = set("german", "french", "spanish", "italian", "dutch", "portuguese", "deutsche", "deutschen",
	"franzosische", "franzosischen", "allemand", "francais", "espagnol", "italien", "neerlandais", "portugais", "aleman",
	"frances", "espanol", "italiano", "holandes", "portugues", "tedesco", "francese", "spagnolo", "olandese",
	"portoghese", "duitse", "franse", "spaanse", "italiaanse", "nederlandse", "portugese", "alemao", "espanhol",
	"holandes")

// numberAbbrevs shorten "number" after the digits: "ur 06 47 no."
var numberAbbrevs = set("no", "nr", "num", "nro", "nº")

// Words around a phone's first digits (normalised).
var (
	// headLeads come right before a number: an article, "with".
	headLeads = set("the", "le", "la", "l", "il", "lo", "el", "o", "a", "de", "die", "der", "den", "het", "mit", "with",
		"con", "com", "met", "avec", "sur", "al", "au", "naar", "an", "auf", "op", "para", "sul", "alla", "pelo", "no", "na",
		"ur", "yr", "same", "celui", "celle", "en")
	withWords   = set("with", "mit", "avec", "con", "com", "met", "en")
	codeCopulas = set("is", "ist", "est", "es", "e", "era", "was", "war", "lautet")
	// codeWords own the digits right after them, or after a copula.
	codeWords = set("code", "codigo", "codice", "pin", "promo", "vorwahl", "prefix", "prefixe", "prefijo", "prefisso", "voorvoegsel", "indicativo")
	// callWords call, text or send a code.
	callWords = set("code", "codigo", "codice", "rufen", "anrufen", "ruf", "ruft", "appelle", "appelons", "appeler",
		"appellerons", "llamar", "llamamos", "llamaremos", "llamo", "chiamare", "chiamiamo", "chiamo", "bellen", "bel",
		"ligar", "ligamos", "ligaremos", "ligo", "mensaje", "messaggio", "bericht", "mensagem", "texted",
		"verificatiecode", "bestatigungscode", "sms")
)

// oneEnding reports whether a card's last digits at token view offset
// start follow "the one that ends" with no noun that owns the number in
// the 6 tokens before ("la que termina en 58", "celle qui finit par 58",
// "die auf 58 endet"): the card the requester asked about.
func oneEnding(view []byte, start int) bool {
	one, owned := false, false
	prevTokens(view, start, 6, func(t []byte) bool {
		w := string(t)
		owned = owned || isOwner(w) || phoneWords[w] || numberWords[w]
		one = one || oneWords[w]
		return owned
	})
	return one && !owned
}

// oneWords point at "the one" a relative clause describes (normalised).
var oneWords = set("1", "que", "qui", "che", "die", "degene", "diegene", "diejenige", "which", "cuya", "cujo", "cuja")

// startWords say "starts with" (normalised).
var startWords = set("starts", "start", "begins", "starting", "beginning", "beginnt", "anfangt", "beginnend", "commence",
	"commencant", "empieza", "comienza", "empezando", "inizia", "comincia", "begint", "comeca", "iniciando",
	"beginnen", "anfangen", "commencent", "empiezan", "comienzan", "iniziano", "cominciano", "comecam",
	"comecado", "comecada", "comecando", "iniziante", "beginnende", "empezado", "empezada")

// classBefore reports whether the n tokens before offset start of the
// token view name a phone (k == ctxPhone) or a card (ctxCard), or say
// "number", "ending" or "last digits" with no other noun owning the number
// nearer (a word for "ending" counts only when ending is true).
func classBefore(view []byte, start, n int, k ctxKind, ending bool) bool {
	own := phoneWords
	if k == ctxCard {
		own = cardWords
	}
	var explicit, generic, owner, sent bool
	seen := 0
	// one token past the window, read only to tell what "envio" is
	prevTokens(view, start, n+1, func(t []byte) bool {
		w := string(t)
		seen++
		if sent {
			// "envio" after w is the shipment ("el envío que termina en")
			// unless a pronoun makes it the verb ("se envió", "eu envio")
			sent, owner = false, owner || !sendPronouns[w]
		}
		if seen > n {
			return true
		}
		if w == "envio" {
			sent = true
			return false
		}
		// an English possessive reads as a plural: "card's the 7158 one"
		// is "cards the 7158 1", "the parcel's the one" "parcels"
		stem := w
		if len(w) > 3 && w[len(w)-1] == 's' {
			stem = w[:len(w)-1]
		}
		switch {
		case (own[w] || own[stem] || len(w) > 8 && ownCompound(w, own)) && !owner:
			explicit = true
			return true
		case isOwner(w) || isOwner(stem):
			owner = true // nearer than any phone or card word: "card reader model 7158"
		case ending && endingWords[w],
			numberWords[w] && k == ctxPhone:
			generic = true
		}
		return false
	})
	return explicit || generic && !owner
}

// sendPronouns before "envio" (accents folded) make it the verb, not the
// shipment: Spanish "se/le/lo envió", "yo envío", Portuguese "eu envio",
// "lhe envio".
var sendPronouns = set("se", "le", "les", "lo", "la", "los", "las", "me", "te", "nos", "os", "yo", "eu", "lhe", "lhes", "ya")

// streetNamed reports whether a street named without its house number, the
// match [start, end) of the token view, is said as the customer's street.
// It is not when the sentence places a business there ("our shop in the
// Kalverstraat", "Il negozio di Via Roma") or when the street is the
// subject of news about itself: it opens its sentence (after at most two
// articles or time words), a verb follows it ("La calle Alcalá está
// cortada", "Die Hauptstraße ist gesperrt") and the sentence names no
// "you" ("Baker Street is where we have you" counts).
func (t *text) streetNamed(start, end int) bool {
	i := sort.Search(len(t.toks), func(k int) bool { return int(t.toks[k].off) >= start })
	j := sort.Search(len(t.toks), func(k int) bool { return int(t.toks[k].off) >= end-1 })
	if i >= len(t.toks) || int(t.toks[i].off) != start {
		return true
	}
	from, to := t.sentenceOf(i)
	for k := max(from, i-6); k < i; k++ {
		if placeOwners[string(t.tokBytes(k))] {
			return false
		}
	}
	if t.venueBefore41b(i, from, to) {
		return false // "The B&B at Via Roma 4 in Torino has rooms" (street41b.go)
	}
	if t.streetGeneric(from, to) {
		return false // "hauptstraße gibts in jedem dorf" (texting.go)
	}
	if i-from > 2 || j >= to || !streetVerbs[string(t.tokBytes(j))] {
		return true
	}
	for k := from; k < i; k++ {
		if !subjectLead[string(t.tokBytes(k))] {
			return true
		}
	}
	for k := from; k < to; k++ {
		if secondPerson[string(t.tokBytes(k))] {
			return true
		}
	}
	return false
}

// cityNamed reports whether the city of an address, the match [start,
// end) of the token view, is said as the address on file: its sentence
// names the record or the default address ("the Paris one is on the
// account", "Tenemos por defecto la de Madrid"), places no business there
// ("our Madrid office"), is about no other thing ("Die Lieferung nach
// Berlin ...") and does not send something to the city ("to Paris").
func (t *text) cityNamed(start, end int) bool {
	i := t.tokenAt(start)
	if i < 0 {
		return false
	}
	from, to := t.sentenceOf(i)
	for k := max(from, i-6); k < i; k++ {
		if placeOwners[string(t.tokBytes(k))] {
			return false
		}
	}
	if t.fieldKeyBefore(i, cityKeys, cityStems) && !t.ownerAfter(end) {
		return true // "dest_city=Berlin", "localidade=LISBOA", {"city": "Torino"} (masked.go)
	}
	if t.cityTexting(i, from, to) {
		return true // "quello di torino", "ur lisbon place" (texting.go)
	}
	record, source, you := false, false, false
	for k := from; k < to; k++ {
		w := string(t.tokBytes(k))
		if accountWords[w] && !haveWords[w] || defaultWords[w] || strings.HasPrefix(w, "standard") || recordPlaces[w] ||
			haveWords[w] && k+1 < to && secondPerson[string(t.tokBytes(k+1))] { // "we still have you down in Lisbon"
			record = true
		}
		source = source || sourceWords[w] ||
			w == "per" && k+1 < to && (yourWords[string(t.tokBytes(k+1))] || ourWords[string(t.tokBytes(k+1))]) // "per the account", not Italian "per"
		you = you || secondPerson[w]
	}
	if t.yourHomeIn(i, from, to) || t.youIn(i, from, to) || t.cityEliminated(i, from, to) || t.livesIn(i, from) {
		return true
	}
	if record && source && !(i > 0 && routeWords[string(t.tokBytes(i-1))]) {
		// "Laut System geht das Paket nach Berlin", "your parcels go to
		// Turin per the account": where the record sends things, not the
		// way ("gaat het pakket via Berlijn")
		return true
	}
	if t.orderWentTo(i, from, to) || t.whichOneIn(i, from, to) || t.cityPicked(i, from, to) {
		return true // "your order went to Lisbon", "the one in Turin is the billing one"
	}
	if i > 0 && toWords[string(t.tokBytes(i-1))] {
		return false
	}
	// "Wohnen Sie noch in der Berliner Wohnung?", "tu piso de Madrid":
	// the city beside the home of the person addressed, judged first in
	// its own clause (a thing in a later one is no other subject of it:
	// "... Wohnung, oder soll die Lieferung woanders hin?")
	ce := i
	for ce < to-1 && t.toks[ce].flags&fPunctAfter == 0 {
		ce++
	}
	if you && t.homeBeside(i, from, ce+1) && !t.condBefore(from, i) && !t.otherAhead(from, ce+1) {
		return true
	}
	return (record || you && t.homeBeside(i, from, to) && !t.condBefore(from, i)) && !t.otherAhead(from, to)
}

// homeBeside reports whether a word for a home stands within 2 tokens of
// the city at token i, in [from, to), not after an indefinite article ("a
// flat in Berlin" is any flat).
func (t *text) homeBeside(i, from, to int) bool {
	for k := max(from, i-2); k < to && k <= i+2; k++ {
		if k != i && homeWords[string(t.tokBytes(k))] && !(k > from && indefinites[string(t.tokBytes(k-1))]) {
			return true
		}
	}
	return false
}

// yourHomeIn reports whether the city at token i is the place of the
// customer's address or home, a possessive and the noun within 3 tokens
// before it or the noun right after it ("your Lisbon address", "su
// dirección de Lisboa", "Ihre Wohnung in Berlin", "chez vous à Turin"),
// in a sentence with no conditional word before it.
func (t *text) yourHomeIn(i, from, to int) bool {
	home := -1
	for k := max(from, i-3); k <= i+1 && k < to; k++ {
		w := string(t.tokBytes(k))
		if k != i && (addressNouns[w] || homeWords[w] && w != "principal" && w != "principale") {
			home = k
			break
		}
		if w == "chez" && k+1 < i && secondPerson[string(t.tokBytes(k+1))] {
			home = k + 1
			break
		}
	}
	if home < 0 {
		return false
	}
	your := false
	for k := max(from, min(home, i)-2); k < max(home, i); k++ {
		your = your || secondPerson[string(t.tokBytes(k))]
	}
	if !your {
		return false
	}
	return !t.condBefore(from, i)
}

// condBefore reports whether a conditional word ("if", "wenn", "si")
// stands in [from, i): "If you move, update your address in Lisbon" names
// no home on record.
func (t *text) condBefore(from, i int) bool {
	for k := from; k < i; k++ {
		if t.toks[k].lex&lxCond != 0 && !t.yesSi46(k, from) { // "Sí, sí, la de Portland ..." (noneyours46.go)
			return true
		}
	}
	return false
}

// routeWords lead to a place a parcel passes through (normalised).
var routeWords = set("via", "through", "uber", "durch", "par", "por", "attraverso", "door", "pelo", "pela")

// sourceWords cite a source: "according to", "laut", "selon", "según",
// "secondo", "volgens", "segundo", "per the account" (normalised).
var sourceWords = set("according", "laut", "gemass", "selon", "apres", "segun", "secondo", "volgens", "segundo", "conforme")

// mailPart reports whether the part of an email address at token view
// offset start is said as the customer's address: its sentence names the
// user name, the domain or says "starts with" ("Uw mail begint met ..."),
// or (domain true) a word for email stands within 3 tokens before it ("su
// correo de example.org").
func (t *text) mailPart(start int, domain bool) bool {
	i := t.tokenAt(start)
	if i < 0 {
		return false
	}
	if t.bareAt(i) {
		// "your @exemple address", "the @exemple.fr one", "it's at
		// exemple dot fr": a domain or its label right after an '@' or a
		// spoken "at" with no local part before it; a label alone needs a
		// word for address or the end of the reply after it
		// ("@exemple.org" is another domain)
		if domain || i+2 < len(t.toks) && dotWords[string(t.tokBytes(i+1))] {
			return true
		}
		if i+1 == len(t.toks) {
			return true // the reply ends on the label: "it's at exemple" (with no '@' the next token was read past the end)
		}
		if n := string(t.tokBytes(i + 1)); t.ats > 0 && (addressNouns[n] || emailNouns[n] || mailboxWords[n]) {
			return true
		}
	}
	if i+2 < len(t.toks) && dotWords[string(t.tokBytes(i+1))] {
		domain = true // "your exemple dot fr mailbox": a label spoken as a domain
	}
	from, to := t.sentenceOf(i)
	for k := from; k < to; k++ {
		if mailPartWords[string(t.tokBytes(k))] {
			return true
		}
	}
	if domain {
		// a word for email, an address, the account or the login in
		// its sentence: "the one at exemple.fr is on the account", "La
		// cuenta usa la dirección de exemple.fr"
		for k := from; k < to; k++ {
			w := string(t.tokBytes(k))
			if emailNouns[w] || loginWords[w] || accountNouns[w] || webmail[w] || addressNouns[w] || mailboxWords[w] {
				return true
			}
			// "el que tenemos no es ese, es el de exemple.fr": what we
			// have, the domain told as the one held
			if haveWords[w] && k < i && t.oneWeHold(k, from) {
				return true
			}
		}
	}
	return false
}

// bareAt reports whether token i follows an "at" (an '@' or the word)
// with no local part before it: the reply's start, a link word, a copula
// or a noun for address or email ("your @exemple", "it's at exemple").
func (t *text) bareAt(i int) bool {
	if i == 0 || string(t.tokBytes(i-1)) != "at" {
		return false
	}
	if i == 1 {
		return true
	}
	p := string(t.tokBytes(i - 2))
	return linkWords[p] || secondPerson[p] || copulaAt[p] || addressNouns[p] || emailNouns[p]
}

// copulaAt come before a spoken "at" with no local part: "it's at
// exemple dot fr" (normalised).
var copulaAt = set("is", "its", "ist", "est", "cest", "es", "e", "era", "was")

// loginWords say "log in" or "login" (normalised); addressNouns say
// "address".
var (
	loginWords = set("login", "log", "logs", "logged", "signed", "sign", "loggen", "einloggen", "eingeloggt", "angemeldet",
		"anmelden", "anmeldung", "identifiant", "connexion", "connecte", "connectez", "sesion", "accede", "accedere",
		"accesso", "accedi", "inloggen", "logt", "ingelogd", "sessao", "entra", "entrar", "inicia", "usuario", "utente",
		"utilizador", "gebruikersnaam", "benutzername", "username")
	addressNouns = set("address", "adresse", "direccion", "indirizzo", "adres", "endereco", "morada", "anschrift")
)

// Words around the parts of an email address (normalised).
var (
	mailPartWords = set("username", "user", "domain", "benutzername", "domane", "domaine", "identifiant",
		"usuario", "dominio", "utente", "gebruikersnaam", "domein", "utilizador", "dominio", "starts", "begins",
		"beginnt", "commence", "empieza", "comienza", "inizia", "comincia", "begint", "comeca",
		"local", "localpart", "emaillocal", "maillocal", "mailuser", "emailuser") // guard11: field keys ("email_local=...")
	emailNouns = set("email", "mail", "correo", "courriel", "mailadres", "emailadres", "mailadresse", "emailadresse",
		"inbox", "mailbox", "postfach", "posteingang", "buzon", "mailbox") // "that inbox" (guard19a)
	// mailboxWords name a mailbox: "your exemple.fr inbox".
	mailboxWords = set("mailbox", "inbox", "boite", "postfach", "posteingang", "buzon", "bandeja", "casella",
		"caixa", "brievenbus", "messagerie", "posta", "correio", "courrier")
)

// Words around a city said as the address on file (normalised).
var (
	// defaultWords name the default address or its recording.
	defaultWords = set("default", "defaut", "defecto", "predeterminada", "predeterminado", "predefinito",
		"predefinita", "standaard", "defeito", "predefinida", "predefinido", "eingetragen", "figura", "risulta",
		"registada", "registrada", "enregistree")
	// haveWords are "we have": a business has many things in a city;
	// they are the accountWords that are verbs of having ("das haben
	// wir" is a phrase of its own, "das kostet" no pointer).
	haveWords = set("have", "hold", "haben", "avons", "tenemos", "abbiamo", "hebben", "temos")
	// ourSubjects, relativeThat and onePronouns say "the one (that) we":
	// "the one we have", "el que tenemos", "celle que nous avons", "die we
	// hebben" (normalised)
	ourSubjects  = set("we", "wir", "nous", "noi", "wij", "nos", "on")
	relativeThat = set("que", "che", "dat", "die", "das", "which", "that", "qu")
	onePronouns  = set("1", "el", "la", "lo", "celle", "celui", "quello", "quella", "o", "a", "die", "degene", "diejenige", "derjenige")
	// toWords send something to a city: "to Paris", "nach Berlin".
	toWords = set("to", "nach", "vers", "hacia", "para", "verso", "naar", "towards")
)

// Words around a street named alone, in seven languages (normalised).
var (
	// placeOwners place a business, not the customer, in a street.
	placeOwners = set("our", "shop", "store", "warehouse", "depot", "office", "branch", "showroom", "pickup", "locker",
		"abholpunkt", "abholstation", "packstation", "relais", "recogida", "ritiro", "afhaalpunt", "recolha",
		"unser", "unsere", "unserem", "unserer", "unseren", "laden", "lager", "filiale", "geschaft", "buro",
		"paketshop", "notre", "nos", "magasin", "boutique", "entrepot", "agence", "bureau", "nuestra",
		"nuestro", "nuestras", "nuestros", "tienda", "almacen", "oficina", "sucursal", "nostro", "nostra", "nostri",
		"nostre", "negozio", "magazzino", "ufficio", "onze", "winkel", "magazijn",
		"kantoor", "vestiging", "nossa", "nosso", "nossas", "nossos", "loja", "armazem", "escritorio")
	// streetVerbs follow a street that is the subject of its sentence.
	streetVerbs = set("is", "was", "will", "has", "remains", "reopens", "ist", "wird", "war", "bleibt", "hat",
		"est", "sera", "reste", "a", "esta", "estara", "sera", "sigue", "tiene", "e", "sara", "resta", "rimane",
		"ha", "wordt", "blijft", "zal", "heeft", "fica", "vai", "tem", "continua")
	// subjectLead may come before a street that opens its sentence.
	subjectLead = set("the", "die", "der", "la", "le", "l", "el", "a", "o", "il", "lo", "de", "het", "today",
		"heute", "aujourd", "hui", "hoy", "oggi", "vandaag", "hoje", "now", "jetzt", "currently", "derzeit")
	// secondPerson words make a sentence about the customer.
	secondPerson = set("you", "your", "yours", "sie", "ihre", "ihr", "ihnen", "du", "dein", "deine", "vous",
		"votre", "vos", "tu", "ton", "ta", "tes", "usted", "su", "sus", "tu", "lei", "suo", "sua", "tuo", "tua",
		"u", "uw", "je", "jij", "jouw", "voce", "seu", "sua", "ur", "yr", "teu", "tua")
)

var (
	emailRe       = regexp.MustCompile(`[a-zA-Z0-9._%+-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+`)
	spokenEmailRe = regexp.MustCompile(` [a-z0-9]+( (dot|punkt|point|punto|ponto|period|stip|punt) [a-z0-9]+)* at [a-z0-9]+( (dot|punkt|point|punto|ponto|period|stip|punt) [a-z0-9]+)+ `)
	ukPostRe      = regexp.MustCompile(` [a-z]{1,2}[0-9][a-z0-9]? ?[0-9][a-z]{2} `)
	caPostRe      = regexp.MustCompile(` [a-z][0-9][a-z] ?[0-9][a-z][0-9] `)
	usStateZipRe  = regexp.MustCompile(` (al|ak|az|ar|ca|co|ct|de|fl|ga|hi|id|il|in|ia|ks|ky|la|me|md|ma|mi|mn|ms|mo|mt|ne|nv|nh|nj|nm|ny|nc|nd|oh|ok|or|pa|ri|sc|sd|tn|tx|ut|vt|va|wa|wv|wi|wy|dc) [0-9]{5}( [0-9]{4})? `)
	postWordRe    = regexp.MustCompile(` (zip|postcode|postal|post code|zipcode|plz|postleitzahl|cp|code postal|codigo postal|cap|codice postale|cep)( code)?( is| ist| est| es| e)? [a-z0-9]*[0-9][a-z0-9]* `)
	dateNameRe    = regexp.MustCompile(` (m(0[1-9]|1[0-2]) (the )?[0-9]{1,2} ([0-9]{2}|[0-9]{4})|[0-9]{1,2} ((of|de|di|van) )?m(0[1-9]|1[0-2]) ((de|del|of) )?([0-9]{2}|[0-9]{4})|[0-9]{4} m(0[1-9]|1[0-2]) [0-9]{1,2}) `)
	dateNumRe     = regexp.MustCompile(` ([0-9]{1,2} [0-9]{1,2} (19|20)[0-9]{2}|(19|20)[0-9]{2} [0-9]{1,2} [0-9]{1,2}|(19|20)[0-9]{6}) `)
	birthRe       = regexp.MustCompile(` (born|birthday|birth|dob|bday|geboren|geburtstag|geburtsdatum|nee|ne|naissance|nacimiento|naci|nacido|nacida|nascita|nato|nata|geboortedatum|nascimento|nasci|nascido|nascida)( [a-z]+){0,4} [a-z0-9]*[0-9]`)
	// a postal code next to a capitalised place name: "Eugene 97401",
	// "75002 Paris"
	placePostRe = regexp.MustCompile(`(\p{Lu}\p{Ll}+,?\s+\d{4,5}\b|\b\d{4,5}\s+\p{Lu}\p{Ll}+)`)
	// a house number before two capitalised words: "12 Harbour View"
	houseRe = regexp.MustCompile(`\b\d{1,5}[A-Za-z]?,?\s+\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+`)
	last4Re = regexp.MustCompile(` [0-9]{4} `)
)

// Offers returns the data classes a requester's message offers a value
// of — an address, phone, email, date of birth or card digits — whether or
// not the value is the real one. The caller remembers the classes for the
// rest of the conversation and passes them to Check, which then blocks
// replies that confirm or deny. The result is sorted and never holds the
// value.
//
// A failure of the guard (a panic) reads as every class offered
// (probeFailClosed): the customer's message is stored, and replies that
// confirm or deny are blocked, rather than the message being lost.
func Offers(requesterText string) (classes []string) {
	defer probeFailClosed(nil, &classes)
	var t text
	t.normalize(requesterText)
	view := string(t.tokenView())
	found := map[string]bool{}
	if emailRe.MatchString(requesterText) || spokenEmailRe.MatchString(view) {
		found[proofdesk.ClassEmail] = true
	}
	if offersAddress(view) || placeOrHouse(requesterText) {
		found[proofdesk.ClassAddress] = true
	}
	if dateNameRe.MatchString(view) || dateNumRe.MatchString(view) || birthRe.MatchString(view) {
		found[proofdesk.ClassDateOfBirth] = true
	}
	// phone: a long digit run, or a shorter one near a phone word
	phoneWord := false
	for w := range phoneWords {
		if strings.Contains(view, " "+w+" ") {
			phoneWord = true
			break
		}
	}
	for _, run := range strings.Split(string(t.buf[t.digits:t.compact]), "|") {
		if len(run) >= 10 || len(run) >= 7 && phoneWord {
			if !dateNumRe.MatchString(" " + run + " ") {
				found[proofdesk.ClassPhone] = true
			}
		}
	}
	// last 4 digits with a card or phone word before them
	for _, loc := range last4Re.FindAllStringIndex(view, -1) {
		var card, phone, ending bool
		prevTokens([]byte(view), loc[0], 5, func(tok []byte) bool {
			w := string(tok)
			card = card || cardWords[w]
			phone = phone || phoneWords[w]
			ending = ending || endingWords[w]
			return false
		})
		if card || ending && !phone {
			found[proofdesk.ClassPayment] = true
		}
		if phone && (ending || !card) {
			found[proofdesk.ClassPhone] = true
		}
	}
	out := make([]string, 0, len(found))
	for c := range found {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// placeOrHouse reports whether s names a postal code next to a place, or
// a house number before a capitalised name, that no owner word ("Order
// 88231") claims.
func placeOrHouse(s string) bool {
	for _, re := range []*regexp.Regexp{placePostRe, houseRe} {
		for _, m := range re.FindAllString(s, -1) {
			owned := false
			for _, w := range normTokens(m) {
				if ownerWords[w] || numberWords[w] || phoneWords[w] || cardWords[w] || endingWords[w] || len(w) == 3 && w[0] == 'm' && hasDigit(w) {
					owned = true
				}
			}
			if !owned {
				return true
			}
		}
	}
	return false
}

func offersAddress(view string) bool {
	if ukPostRe.MatchString(view) || caPostRe.MatchString(view) || usStateZipRe.MatchString(view) || postWordRe.MatchString(view) {
		return true
	}
	// a house number followed within four tokens by a street type
	toks := strings.Fields(view)
	for i, tk := range toks {
		if !hasDigit(tk) || len(tk) > 6 {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+4; j++ {
			if streetTypes[toks[j]] && j > i+1 {
				return true
			}
		}
		// "Rue de la Paix 12", "Via Roma 8"
		for j := i - 1; j >= 0 && j >= i-4; j-- {
			if typeFirst[toks[j]] && j < i-1 {
				return true
			}
		}
	}
	// a street named without a number: "the Baker Street one", "rue de la
	// Paix", "Hauptstraße"
	for i, tk := range toks {
		if !streetTypes[tk] || len(tk) < 2 {
			continue
		}
		if i > 0 && !streetStop[toks[i-1]] && !hasDigit(toks[i-1]) && len(toks[i-1]) >= 3 {
			return true
		}
		if typeFirst[tk] && i+1 < len(toks) && !streetStop[toks[i+1]] && len(toks[i+1]) >= 3 {
			return true
		}
	}
	return false
}

// streetStop are words before a street type that name no street ("which
// street", "the road").
var streetStop = set("the", "my", "your", "our", "which", "what", "a", "an", "this", "that", "same", "other",
	"new", "old", "main", "on", "in", "at", "to", "of", "die", "der", "das", "welche", "la", "le", "quelle",
	"el", "que", "cual", "il", "quale", "de", "het", "welke", "a", "o", "qual", "une", "une", "uma", "um")

// overlaps reports whether s shares a token with one of spans (adjacent
// phrases share only the space between them).
func overlaps(s span, spans []span) bool {
	for _, e := range spans {
		if s.start < e.end-1 && e.start < s.end-1 {
			return true
		}
	}
	return false
}

// actionBien reports whether French "bien" at token k says "indeed" of
// an action ("nous livrons bien", "le colis part bien"), not of a value
// ("c'est bien", "elle est bien enregistrée", "nous l'avons bien").
func (t *text) actionBien(k int) bool {
	if string(t.tokBytes(k)) != "bien" {
		return false
	}
	p := string(t.tokBytes(k - 1))
	return t.toks[k-1].lex&lxCopula == 0 && !fusedPointers[p] && !accountWords[p] && !agreeVerbs[p] &&
		t.toks[k-1].flags&fPunctAfter == 0
}

// agreeVerbs are the French verbs of matching before "bien".
var agreeVerbs = set("correspond", "correspondent", "concorde", "concordent", "figure", "colle", "ca", "cela", "celle", "celui")

// answerClause returns the end of the answer that opens at token rest in
// a sentence ending at to: the end of its first clause when that clause
// names a value noun ("la fecha de nacimiento", "mit dieser
// E-Mail-Adresse") and no other thing, else to.
func (t *text) answerClause(rest, to int) int {
	c := rest
	for c < to-1 && t.toks[c].flags&fPunctAfter == 0 {
		c++
	}
	if c >= to-1 {
		return to
	}
	named := false
	for k := rest; k <= c; k++ {
		if t.isOther(k, c+1) {
			return to
		}
		named = named || valueNouns[string(t.tokBytes(k))]
	}
	if !named {
		return to
	}
	return c + 1
}

// seemsValue reports whether the answer opening at token rest says that
// something looks like a value or the record: a verb of seeming in its
// first two tokens ("that looks like", "parece", "sembra") and after it,
// before any other thing, a value noun, "the one" or a word for the
// account ("I believe so, that looks like the address listed", "Creo que
// sí, parece la que figura en la ficha"). "I think so, it looks like the
// parcel is late" names another thing.
func (t *text) seemsValue(rest, to int) bool {
	for k := rest; k < to && k <= rest+1; k++ {
		if !seemVerbs[string(t.tokBytes(k))] {
			continue
		}
		for j := k + 1; j < to; j++ {
			x := string(t.tokBytes(j))
			if valueNouns[x] || theOnes[x] || accountWords[x] && !weakRecord[x] {
				return true
			}
			if otherWord(x) {
				return false
			}
		}
		return false
	}
	return false
}

// seemVerbs say "looks like" or "seems" (normalised).
var seemVerbs = set("looks", "seems", "appears", "scheint", "aussieht", "semble", "parece", "parecen", "sembra",
	"sembrano", "pare", "lijkt", "lijken")

// deliveredThere reports whether the answer opening at token rest says
// that something went to the place asked about: a word for "there" or
// "where" and, within 6 tokens after it in its clause or 4 before, and
// no thing named between but what is shipped, a verb of
// delivering ("that's where it went", "da ist es hingegangen", "c'est là
// qu'il a été livré", "foi aí que foi entregue"). French and Portuguese
// "là"/"lá" read "la", an article too: it counts after a copula or before
// "que".
func (t *text) deliveredThere(rest, to int) bool {
	for k := rest; k < to && k <= rest+5; k++ {
		w := string(t.tokBytes(k))
		if !thereWords[w] {
			continue
		}
		if w == "la" && !(k > rest && t.toks[k-1].lex&lxCopula != 0 ||
			k+1 < to && relatives[string(t.tokBytes(k+1))]) {
			continue
		}
		// the verb after the place word ("that's where it went") or
		// before it ("the parcel was dropped there")
		for j := k + 1; j < to && j <= k+6; j++ {
			x := string(t.tokBytes(j))
			if deliverWords[x] {
				return true
			}
			if otherWord(x) && !shippedWords[x] || t.toks[j].flags&fPunctAfter != 0 {
				break
			}
		}
		for j := k - 1; j >= rest && j >= k-4; j-- {
			x := string(t.tokBytes(j))
			if deliverWords[x] {
				return true
			}
			if otherWord(x) && !shippedWords[x] {
				break
			}
		}
	}
	return false
}

// thereWords say "there" or "where" of a place, deliverWords that
// something was delivered or went there (normalised).
var (
	thereWords = set("there", "where", "da", "dort", "dorthin", "dahin", "la", "ici", "li", "alli", "ahi", "alla",
		"daar", "daarheen", "ai", "ali", "aqui")
	deliverWords = set("went", "gone", "delivered", "shipped", "sent", "arrived", "dropped",
		"hingegangen", "gegangen", "geliefert", "zugestellt", "angekommen", "abgegeben", "geschickt",
		"livre", "livree", "livres", "envoye", "envoyee", "depose", "deposee", "arrive", "arrivee", "parti", "partie",
		"entregado", "entregada", "enviado", "enviada", "llego", "consegnato", "consegnata", "spedito", "spedita",
		"arrivato", "arrivata", "andato", "andata", "bezorgd", "geleverd", "afgeleverd", "verstuurd", "gestuurd",
		"aangekomen", "entregue", "entregues", "chegou")
	// shippedWords are the things that go to an address: with a verb of
	// delivering they say where it went.
	shippedWords = set("parcel", "package", "order", "paket", "sendung", "bestellung", "colis", "commande", "paquete",
		"pedido", "pacco", "ordine", "pakket", "bestelling", "encomenda", "pacote")
)

// oneWeHave reports whether "one" at token k is followed within 3
// tokens, in [k, to), by "we have" or a word for the record ("the one
// we've got", "the one we hold", "the one on file").
func (t *text) oneWeHave(k, to int) bool {
	for j := k + 1; j < to && j <= k+3; j++ {
		if w := string(t.tokBytes(j)); accountWords[w] && !weakRecord[w] || w == "weve" || w == "got" || w == "have" || w == "hold" {
			return true
		}
		if t.toks[j].flags&fPunctAfter != 0 {
			break
		}
	}
	return false
}

// andOpens reports whether token i, a yes or no, follows "and" after
// punctuation, as the second of two answers: "two answers: the refund is
// approved, and yes, the Lisbon one is still on file".
//
// It also reports a yes or no after a word of regret that leads an
// answer ("Leider nein,", "Purtroppo no,") or after a negated word that
// opens the sentence ("Not Barcelona, no —"). "But" does not lead one:
// "Quasi, ma no: il link è scaduto" answers about the link.
func (t *text) andOpens(i int) bool {
	if i < 1 || t.toks[i].flags&fPunctAfter == 0 {
		return false
	}
	after := i >= 2 && t.toks[i-2].flags&fPunctAfter != 0
	w := t.tokBytes(i - 1)
	switch {
	case after && len(w) <= 3 && andWords[string(w)]:
		return true
	case (after || t.toks[i-1].flags&fSentence != 0) && leadWords[string(w)]:
		return true
	case t.toks[i-1].flags&fPunctAfter != 0 && i >= 2:
		// "Not Barcelona, no": the sentence opens with a negation
		from, _ := t.sentenceOf(i)
		return i-from <= 3 && negations[string(t.tokBytes(from))]
	}
	return false
}

// andWords say "and" in seven languages (normalised); leadWords are the
// words of regret that lead an answer ("unfortunately").
var (
	andWords  = set("and", "und", "et", "y", "e", "en")
	leadWords = set("unfortunately", "sadly", "leider", "malheureusement", "lamentablemente", "desgraciadamente",
		"purtroppo", "helaas", "infelizmente")
)

// brandIsOne reports whether card word k after a definite article is the
// subject of a pointer clause: the copula, at most four words after it
// (a relative clause: "che cita", "die u noemt"), then a pronoun that
// points or an article and a relative ("la que cobramos") ("la Mastercard che cita è quella salvata sull'account", "de
// Mastercard is degene die ..."), not a description ("la Mastercard è
// accettata").
func (t *text) brandIsOne(k, to int) bool {
	if k == 0 || !definites[string(t.tokBytes(k-1))] {
		return false
	}
	for j := k + 1; j < to-1 && j <= k+5; j++ {
		if t.toks[j].lex&lxCopula == 0 {
			continue
		}
		n := string(t.tokBytes(j + 1))
		if t.toks[j+1].lex&lxDemo != 0 || theOnes[n] {
			return true
		}
		// "the one", "la que", "o que", "die die"
		return j+2 < to && (n == "the" && string(t.tokBytes(j+2)) == "1" || definites[n] && relatives[string(t.tokBytes(j+2))])
	}
	return false
}

// theOnes say "the one" in seven languages (normalised).
var theOnes = set("degene", "diegene", "celle", "celui", "quella", "quello", "diejenige", "derjenige", "aquella",
	"aquel", "aquela", "aquele")

// oneOnRecord reports whether token k, "one" after an article and a
// word ("the German one", "the Lisbon one"), is the subject of a copula
// whose clause names the record or a value: "the German one is still the
// one on file", "the Lisbon one you mentioned is still the delivery
// address on file", not "the blue one is the one in stock".
func (t *text) oneOnRecord(k, to int) bool {
	if string(t.tokBytes(k)) != "1" || string(t.tokBytes(k-2)) != "the" {
		return false
	}
	for j := k + 1; j < to-1 && j <= k+5; j++ {
		if t.toks[j].lex&lxCopula == 0 {
			continue
		}
		for e := j + 1; e < to; e++ {
			w := string(t.tokBytes(e))
			if isRecordWord(w) || accountWords[w] || valueNouns[w] {
				return true
			}
			if t.toks[e].flags&fPunctAfter != 0 {
				break
			}
		}
		return false
	}
	return false
}

// hereWords say "here" (normalised): closing a sentence about a thing,
// they point at the screen, not at a place.
var hereWords = set("here", "hier", "ici", "aqui", "qui")

// clauseEndsAt reports whether the phrase at sp ends its clause: a
// punctuation mark or the sentence's end follows its last token.
func (t *text) clauseEndsAt(sp span) bool {
	j := t.tokenAt(sp.end - 2)
	if j < 0 {
		return false
	}
	_, to := t.sentenceOf(j)
	return j+1 >= to || t.toks[j].flags&fPunctAfter != 0
}

// oneWeHold reports whether the have-word at token k (in a sentence
// opening at from) says what the business holds of a value pointed at:
// "the one we have", "el que tenemos", "celle que nous avons", "die we
// hebben" (a pronoun, then "that" or "we", then the verb), not "the
// offers we have on exemple.fr".
func (t *text) oneWeHold(k, from int) bool {
	j := k - 1
	if j > from && ourSubjects[string(t.tokBytes(j))] {
		j--
	}
	if j >= from && relativeThat[string(t.tokBytes(j))] && j > from && onePronouns[string(t.tokBytes(j-1))] {
		return true // "el que tenemos", "celle que nous avons"
	}
	return j >= from && j < k-1 && onePronouns[string(t.tokBytes(j))] // "the one we have", "die we hebben"
}

// confirmDeferred reports whether a sentence of the reply puts off the
// confirmation of a value of class: a verb of confirming, a noun of the
// class and a word of verification in it ("o número cadastrado eu
// confirmo depois da verificação", "the number on file I'll confirm after
// verification").
func (t *text) confirmDeferred(class string) bool {
	for i := range t.toks {
		if !confirmStem(t.tokBytes(i)) {
			continue
		}
		from, to := t.sentenceOf(i)
		noun, later := false, false
		for k := from; k < to; k++ {
			noun = noun || t.classNoun(k, string(t.tokBytes(k)), class)
			later = later || deferWord(t.tokBytes(k))
		}
		if noun && later {
			return true
		}
	}
	return false
}

// confirmStem reports whether w is a form of "confirm" in the seven
// languages (normalised): confirm..., bestatig..., conferm..., bevestig...
func confirmStem(w []byte) bool {
	if len(w) < 7 {
		return false
	}
	switch string(w[:7]) {
	case "confirm", "bestati", "bevesti", "conferm":
		return true
	}
	return false
}

// clauseNamesClass reports whether the clause of token i (between
// punctuation marks in its sentence) holds a noun of class, and whether
// it holds a word of verification.
func (t *text) clauseNamesClass(i int, class string) (names, defers bool) {
	from, to := t.sentenceOf(i)
	a, b := i, i
	for a > from && t.toks[a-1].flags&fPunctAfter == 0 {
		a--
	}
	for b < to-1 && t.toks[b].flags&fPunctAfter == 0 {
		b++
	}
	for k := a; k <= b; k++ {
		names = names || t.classNoun(k, string(t.tokBytes(k)), class)
		defers = defers || deferWord(t.tokBytes(k))
	}
	return names, defers
}

// timeTail returns where the clause [from, to) ends without the time
// phrase that closes it ("10 mins ago", "mardi", "gestern", "hace una
// hora"): up to 4 tokens of digits and time words. to itself when there
// is none, or when nothing else is left.
func (t *text) timeTail(from, to int) int {
	e := to
	for e > from+1 && e > to-4 {
		w := t.tokBytes(e - 1)
		if !timeWords[string(w)] && !allDigits(w) {
			break
		}
		if e < to && t.toks[e-1].flags&fPunctAfter != 0 {
			break // the time phrase is one run of words
		}
		e--
	}
	if e == to || e-2 >= from && timePreps[string(t.tokBytes(e-2))] {
		return to // "por la mañana": "la" is the article of the time, no place
	}
	for k := e; k < to; k++ {
		if timeWords[string(t.tokBytes(k))] {
			return e // "went there 10 mins ago", not "went to 10"
		}
	}
	return to
}

// timePreps stand before the article of a time ("por la mañana", "in
// the morning", "dans la matinée").
var timePreps = set("por", "in", "dans", "en", "di", "de", "da", "op", "am", "im", "a", "pela", "nella", "alla", "at", "on")

// timeWords say when (normalised): units, "ago", days, months and their
// words.
var timeWords = set("ago", "min", "mins", "minute", "minutes", "hour", "hours", "hr", "hrs", "sec", "secs", "seconds",
	"today", "yesterday", "earlier", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "heute", "gestern", "morgen", "vorhin", "minuten", "stunden", "stunde", "montag", "dienstag", "mittwoch",
	"donnerstag", "freitag", "samstag", "sonntag", "aujourdhui", "hier", "demain", "lundi", "mardi", "mercredi",
	"jeudi", "vendredi", "samedi", "dimanche", "heure", "heures", "hoy", "ayer", "manana", "minutos", "hora", "horas",
	"lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo", "oggi", "ieri", "domani", "minuti", "ora",
	"ore", "lunedi", "martedi", "mercoledi", "giovedi", "venerdi", "vandaag", "gisteren", "minuten", "uur",
	"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "hoje", "ontem", "amanha", "horas",
	"segunda", "terca", "quarta", "quinta", "sexta", "geleden", "fa", "atras", "hace",
	// the months as the normaliser writes them ("ago" is Italian August)
	"m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08", "m09", "m10", "m11", "m12")
