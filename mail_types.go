package proofdesk

import "time"

// InboundMail is what the store keeps of one inbound mail besides the
// message it became: the original, whole, so that nothing a customer sent
// is lost whatever the parser or the quote stripper made of it.
type InboundMail struct {
	ConversationID string
	// HeaderMessageID is the mail's Message-ID header, without angle
	// brackets.
	HeaderMessageID string
	// MessageID is the proofdesk message the mail was stored as.
	MessageID string
	// AuthResults is the DKIM/SPF/DMARC summary ("dkim=pass spf=none
	// dmarc=pass"), without domains.
	AuthResults string
	// ContentDigest identifies the content (hex SHA-256 of sender,
	// subject, text and attachments); the store keeps only a keyed hash.
	ContentDigest string
	// Raw is the message exactly as received (RFC 5322 bytes); FullText
	// its whole text, quoted history, forwards and attached messages
	// included. Both are sealed under the conversation's data key.
	Raw      []byte
	FullText string
	// SenderDiffers marks a mail whose sender is not the requester.
	SenderDiffers bool
}

// InboundDelivery is one inbound mail to store in one transaction: its
// message, in Conversation (a new one when Conversation.ID is empty), what
// the mail changes on that conversation, and Mail, its record (Message-ID,
// content digest, original). Either all of it is stored, and a retry of the
// mail is recognised by its Message-ID and content, or none of it is.
type InboundDelivery struct {
	Conversation *Conversation
	// Message is the customer's message (Body, ClientID, Attachments);
	// its ID and ConversationID are set when stored.
	Message *Message
	// Mail's ConversationID and MessageID are set when stored.
	Mail InboundMail
	// DifferentSender flags the conversation and drops it to L0.
	DifferentSender bool
	// Unauthenticated: the mail claims the requester's address but does
	// not authenticate it (no DMARC pass, a replayed signature): like a
	// different sender it proves nothing, so an existing conversation
	// drops to L0 with its factors, audited, with a note for the agent.
	Unauthenticated bool
	// DMARCFail sets the dmarc_fail risk signal (SignalDMARCFail) on the
	// conversation, audited once: the mail failed DMARC for its From
	// domain, or gave From more than once.
	DMARCFail bool
	// LinkCustomerID links an existing conversation that has no customer
	// to this one: the mail authenticated (DMARC, fresh and addressed to
	// the desk) an address on file for it and nobody else.
	LinkCustomerID string
	// PreviousID links the conversation to the resolved one it continues.
	PreviousID string
	// Reopen makes a resolved, pending or snoozed conversation open.
	Reopen bool
	// Duplicate is set by the store when the same mail (Message-ID and
	// content) was already recorded: nothing was stored, and
	// Mail.ConversationID names where it is.
	Duplicate bool
	// Reopened is set by the store when Reopen changed the status.
	Reopened bool
}

// EmailOriginal is an inbound mail as it was received, read back for an
// agent who may see its conversation.
type EmailOriginal struct {
	ConversationID string
	MessageID      string
	// Raw is the message as received (RFC 5322 bytes).
	Raw []byte
	// FullText is the whole text, quoted history included; the message's
	// Body is the same text without quoted history.
	FullText      string
	AuthResults   string
	SenderDiffers bool
	CreatedAt     time.Time
}
