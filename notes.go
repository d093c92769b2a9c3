package proofdesk

import "fmt"

// The words of the internal system notes and alert mails the store writes
// in a transaction: product texts, kept with the domain and not in the
// store (which holds SQL, field encryption and transactions only).

// NoteDifferentSender is the internal note on a conversation whose latest
// email came from someone other than its requester.
const NoteDifferentSender = "Different sender: the previous email came from an address that is not the requester's. It is at L0 and proves nothing; " +
	"the conversation's level was reset to L0. Verify again before acting on it."

// NoteUnauthenticated is the internal note on a verified conversation
// whose latest email claims the requester's address without
// authenticating it (DMARC did not pass, or a replayed signature).
const NoteUnauthenticated = "Unauthenticated email: the previous email claims the requester's address but its sender's domain does not vouch for it now " +
	"(DMARC did not pass, or an old or misaddressed signed mail). Anyone can write that; the conversation's level was reset to L0. Verify again before acting on it."

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

// NoteMergedInto is the internal note on the conversation another one
// (srcID) was merged into; n is how many of its messages follow.
func NoteMergedInto(srcID string, n int) string {
	count := fmt.Sprintf("its %d messages follow", n)
	if n == 1 {
		count = "its message follows"
	}
	return fmt.Sprintf("Conversation %s was merged into this one: %s.", srcID, count)
}

// NoteMergedAway is the internal note on a conversation merged into
// dstID; files is how many files stay on it.
func NoteMergedAway(dstID string, files int) string {
	back := fmt.Sprintf("Merged into conversation %s; this one is resolved.", dstID)
	if files > 0 {
		back += fmt.Sprintf(" Its %d files stay here.", files)
	}
	return back
}
