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
