package proofdesk

import "time"

// Customer-satisfaction ratings: the three answers a customer may give
// when a conversation is resolved.
const (
	RatingGood = "good"
	RatingOkay = "okay"
	RatingBad  = "bad"
)

// Where a rating came from.
const (
	RatingFromEmail = "email" // the link in the owner's transcript email
	RatingFromChat  = "chat"  // the link the chat widget shows on resolve
)

// MaxRatingComment is the longest comment a rating may carry, in runes.
const MaxRatingComment = 2000

// ValidRating reports whether r is good, okay or bad.
func ValidRating(r string) bool { return r == RatingGood || r == RatingOkay || r == RatingBad }

// Rating is a customer's satisfaction rating of one conversation. There is
// at most one per conversation: rating again replaces it. AgentID and Team
// are the conversation's holder and team when the customer rated, so the
// rating counts for the agent who held it. Comment is the customer's own
// text: it is stored sealed and shown to agents only through the message
// view (codes hidden).
type Rating struct {
	ConversationID string
	CustomerID     string // linked customer, or ""
	AgentID        string // holder when rated, or ""
	Team           string
	Channel        string
	Value          string // RatingGood, RatingOkay or RatingBad
	Comment        string
	Source         string // RatingFromEmail or RatingFromChat
	RatedAt        time.Time
}

// RatingInfo is what the rating page shows: nothing about the customer,
// only which conversation (channel and start) and the current answer.
type RatingInfo struct {
	ConversationID string
	Channel        string
	StartedAt      time.Time
	Current        string // the rating already given, or ""
}
