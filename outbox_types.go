package proofdesk

import "time"

// OutboxDelivery is an outbox message claimed by a delivery worker,
// decrypted. The worker settles it (sent or failed) by presenting Claim;
// until LeaseUntil no other worker claims it, after that (the worker died)
// another may.
type OutboxDelivery struct {
	OutboxMessage
	// Headers are the extra mail headers queued with the message.
	Headers map[string]string
	// RefID names what the row delivers, such as the message of an agent
	// reply; "" for notifications.
	RefID string
	// HasAttachments reports whether the message RefID names has files
	// to send with it (read with the claim, so a reply without files
	// costs no lookup of them).
	HasAttachments bool
	Claim          string
	LeaseUntil     time.Time
}

// OutboxAccepted is a claimed delivery the provider accepted (for email, the
// relay's 250 after DATA), waiting to be marked sent. MessageID is the
// Message-ID header it carried ("" for SMS and webhooks): an agent
// reply's is recorded in the thread store.
type OutboxAccepted struct {
	Delivery  *OutboxDelivery
	MessageID string
}
