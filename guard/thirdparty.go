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
