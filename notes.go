package proofdesk

// The words of the internal system notes and alert mails the store writes
// in a transaction: product texts, kept with the domain and not in the
// store (which holds SQL, field encryption and transactions only).

// NoteDifferentSender is the internal note on a conversation whose latest
// email came from someone other than its requester.
const NoteDifferentSender = "Different sender: the previous email came from an address that is not the requester's. It is at L0 and proves nothing; " +
	"the conversation's level was reset to L0. Verify again before acting on it."

// NoteContinues is the internal note on a conversation that continues
// previousID, resolved before the reopen window passed.
func NoteContinues(previousID string) string {
	return "This conversation continues " + previousID + ", resolved earlier; the customer wrote again after the reopen window."
}

// NoteContinuedIn is the internal note on the earlier conversation of a
// customer who wrote again after the reopen window, naming convID.
func NoteContinuedIn(convID string) string {
	return "The customer wrote again after the reopen window; the conversation continues in " + convID + "."
}

// AlertSubject is the subject of the alert mail of kind (such as
// "guard_oracle") to supervisors and admins.
func AlertSubject(kind string) string { return "Proofdesk alert: " + kind }
