package guard

import "strings"

// intentPhrases are what a requester says when asking support for account
// data or an account change. Matching is on lowercase text with single
// spaces; it is a risk signal, never a verdict on its own.
var intentPhrases = []string{
	"where is my order", "where's my order", "where is my package", "where is my parcel",
	"shipping to", "shipped to", "ship it to", "send it to", "deliver it to", "delivery address",
	"shipping address", "what address", "which address", "address on file", "address you have",
	"address do you have", "phone number on file", "number on file", "number you have",
	"what email", "which email", "email on file", "email you have",
	"card ending", "last four", "last 4", "card on file", "card number",
	"change my email", "change my phone", "change my address", "change my number",
	"update my email", "update my phone", "update my address", "new email", "new phone number",
	"reset my password", "password reset", "add a phone", "add an email",
	"date of birth on file", "birthday on file",
}

// Intent reports whether a requester's message asks for account data or
// a change to the account.
func Intent(requesterText string) bool {
	t := strings.Join(strings.Fields(strings.ToLower(requesterText)), " ")
	t = strings.NewReplacer("’", "'", "`", "'").Replace(t)
	for _, p := range intentPhrases {
		if strings.Contains(t, p) {
			return true
		}
	}
	return false
}
