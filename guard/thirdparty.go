package guard

// Replies to a third party (guard18): the requester says she is the
// customer's husband, mother, assistant, lawyer or landlord, and the
// agent speaks of the customer in the third person. Whatever the guard
// reads as the customer's when it is "your X" is hers when it is "her X":
// in a conversation with someone else the customer is the one spoken of.

// thirdPersonCanon reads the possessives of the person spoken of as the
// possessives of the person addressed, the lexicon's canonical forms
// (normalised): "her German number" is "your German number", "sa carte"
// "votre carte", "haar adres" "uw adres". Spanish, Italian and Portuguese
// "su", "suo", "sua", "seu" and German "ihr" are both persons already.
// Left out: German "sein" and Dutch "zijn", which are also "to be".
var thirdPersonCanon = map[string]string{
	"her": "your", "his": "your", "hers": "yours",
	"seine": "ihre", "seinen": "ihren", "seinem": "ihrem", "seiner": "ihrer", "seines": "ihres",
	"son": "votre", "sa": "votre", "ses": "vos", "sienne": "votre", "sien": "votre", "siennes": "vos", "siens": "vos",
	"haar": "uw",
}

// thirdPartyPhrases refuse to act or talk for someone else, or send the
// requester to the customer herself: a "yes" or "no" in their sentence
// answers the request, not the value offered ("No, we can't change the
// delivery address on behalf of someone else", "Yes, I got your email,
// but I can't discuss her account with you"). A denial or confirmation
// phrase outside them still counts. Exclusions of phrases.go
// (normalised through normTokens).
var thirdPartyPhrases = []string{
	// en
	"on behalf of", "on her behalf", "on his behalf", "on your behalf", "for someone else", "for somebody else",
	"for another person", "someone else's", "somebody else's", "another person's", "third party", "third parties",
	"third party's", "someone else's request", "not a contact", "not listed as a contact", "check herself",
	"check himself", "check it herself", "check it himself", "own request", "sent you nothing",
	"never refund", "don't refund", "do not refund", "refunds don't go", "refunds do not go", "got your email",
	"received your email", "got your e-mail", "received your e-mail", "got your message", "received your message",
	// de
	"im auftrag", "im namen", "einer anderen person", "eine andere person", "für jemand anderen",
	"für jemand anders", "wunsch dritter", "wunsch eines dritten", "auf wunsch der", "auf wunsch des",
	"inhaberin selbst", "inhaber selbst", "sie selbst", "er selbst", "nicht als kontakt", "kein kontakt",
	"ihnen nichts geschickt", "ihnen nichts gesendet", "erstatten nicht", "erstatten grundsätzlich nicht",
	"erstatten nie", "erstatten wir nicht", "e-mail habe ich erhalten", "e-mail erhalten", "mail erhalten",
	"nachricht erhalten", "nicht auf eine andere karte", "nie auf eine andere karte",
	// fr
	"au nom de", "au nom d'", "pour le compte de", "quelqu'un d'autre", "une autre personne", "d'un tiers",
	"un tiers", "de tiers", "à la demande", "elle-même", "lui-même", "pas un contact", "pas contact",
	"rien envoyé", "ne remboursons pas", "ne remboursons jamais", "ne rembourse pas", "ne rembourse jamais",
	"reçu votre e-mail", "reçu votre mail", "reçu votre message",
	// es
	"en nombre de", "otra persona", "de terceros", "un tercero", "a petición", "ella misma",
	"no es un contacto", "no es contacto", "no le enviamos nada", "no reembolsamos", "nunca reembolsamos",
	"recibido su correo", "recibí su correo", "recibido su mensaje", "recibí su mensaje", "recibido su e-mail",
	// it
	"per conto di", "un'altra persona", "qualcun altro", "di terzi", "su richiesta", "lei stessa", "lui stesso",
	"non è un contatto", "non le abbiamo inviato nulla", "non rimborsiamo", "rimborsiamo mai",
	"ricevuto la sua e-mail", "ricevuto la sua mail", "ricevuto il suo messaggio", "mai su un'altra carta",
	"mai su un altra carta", "non su un'altra carta",
	// nl
	"namens", "iemand anders", "van derden", "een derde", "op verzoek", "niet als contactpersoon",
	"geen contactpersoon", "u niets gestuurd", "storten nooit terug", "betalen niet terug", "betalen nooit terug",
	"mail ontvangen", "e-mail ontvangen", "bericht ontvangen", "nooit terug op een andere kaart",
	"niet terug op een andere kaart",
	// pt
	"em nome de", "outra pessoa", "de terceiros", "a pedido", "ela mesma", "ela própria", "ele mesmo",
	"não é um contacto", "não é um contato", "não lhe enviámos nada", "não lhe enviamos nada",
	"não reembolsamos", "nunca reembolsamos", "recebi o seu e-mail", "recebemos o seu e-mail",
	"recebi a sua mensagem",
}
