// Package verify is the pure cryptographic and rule core of Proofdesk's
// identity verification (DESIGN.md §1–2, issue 3): verification requests
// ("challenges") with their codes, link tokens and number matching, the
// challenge state machine and its caps, the cooling-off rule for contact
// points, assurance levels from possession factors, signed session tokens
// (HS256 JWT and Intercom-style user_hash) and the rule for inbound email as
// a factor.
//
// The package does no I/O apart from crypto/rand and the ReplayStore it is
// given: the store persists what it returns. Nothing here accepts a claim
// (name, address, date of birth, card digits, order number, caller ID, an
// unauthenticated From header) as input to a Factor, so claims can never
// raise the assurance level.
package verify

import "time"

// Limits of DESIGN.md §2 and issue 3 §2.
const (
	// MaxAttemptsPerChallenge is how many wrong answers lock a challenge.
	MaxAttemptsPerChallenge = 5
	// MaxFailuresPerCustomerHour is how many wrong answers, across all
	// challenges and channels of one customer in the last hour, stop new
	// challenges (and further attempts) for that customer.
	MaxFailuresPerCustomerHour = 10
	// MaxChallengesPerConversation caps the challenges one conversation
	// may issue.
	MaxChallengesPerConversation = 5
	// MaxChallengesPerCustomerHour caps the challenges issued for one
	// customer in the last hour, across conversations.
	MaxChallengesPerCustomerHour = 10
	// ChallengeTTL is how long a challenge can be completed.
	ChallengeTTL = 10 * time.Minute
	// DefaultCoolingOff is how long a newly added or changed contact point
	// does not count for verification.
	DefaultCoolingOff = 7 * 24 * time.Hour
)
