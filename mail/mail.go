// Package mail is Proofdesk's inbound-mail layer: MIME parsing with limits,
// quoted-history stripping, threading helpers, DKIM/SPF/DMARC evaluation and
// the built-in SMTP listener.
//
// It never imports the store. The SMTP listener hands raw messages to a
// Handler the caller supplies; DNS goes through a Resolver so that tests use
// fixed answers. Nothing here logs addresses, subjects or bodies.
package mail

import (
	"fmt"

	"github.com/proofdesk/proofdesk"
)

// Limits bounds what Parse accepts. A zero field takes its default from
// DefaultLimits.
type Limits struct {
	// MaxMessageBytes is the largest raw message accepted, headers included.
	MaxMessageBytes int64
	// MaxHeaderBytes is the largest top-level header block accepted.
	MaxHeaderBytes int64
	// MaxAttachmentBytes is the largest decoded attachment accepted.
	MaxAttachmentBytes int64
	// MaxAttachments is the most attachments one message may carry.
	MaxAttachments int
	// MaxDepth is the deepest multipart nesting accepted; the top-level
	// multipart is depth 0.
	MaxDepth int
	// MaxParts is the most MIME entities (containers and leaves) accepted.
	MaxParts int
}

// DefaultLimits returns the limits used for zero fields: 25 MiB messages,
// 256 KiB headers, 10 MiB attachments, 20 attachments, 8 levels of nesting
// and 100 parts.
func DefaultLimits() Limits {
	return Limits{
		MaxMessageBytes:    25 << 20,
		MaxHeaderBytes:     256 << 10,
		MaxAttachmentBytes: 10 << 20,
		MaxAttachments:     20,
		MaxDepth:           8,
		MaxParts:           100,
	}
}

// withDefaults returns l with every zero or negative field set to its default.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits()
	if l.MaxMessageBytes <= 0 {
		l.MaxMessageBytes = d.MaxMessageBytes
	}
	if l.MaxHeaderBytes <= 0 {
		l.MaxHeaderBytes = d.MaxHeaderBytes
	}
	if l.MaxAttachmentBytes <= 0 {
		l.MaxAttachmentBytes = d.MaxAttachmentBytes
	}
	if l.MaxAttachments <= 0 {
		l.MaxAttachments = d.MaxAttachments
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = d.MaxDepth
	}
	if l.MaxParts <= 0 {
		l.MaxParts = d.MaxParts
	}
	return l
}

// SMTP reply codes carried by errors of this package in
// proofdesk.Error.Details[DetailSMTPCode].
const (
	// CodeTooLarge (552) is used when a size limit is exceeded: the message,
	// its header or one attachment.
	CodeTooLarge = 552
	// CodeRejected (554) is used for every other permanent refusal: too many
	// parts or attachments, nesting too deep, an unreadable message.
	CodeRejected = 554
)

// DetailSMTPCode is the proofdesk.Error.Details key holding the SMTP reply
// code (an int) a refusal from this package maps to.
const DetailSMTPCode = "smtp_code"

// reject returns an EINVALID error carrying the SMTP reply code it maps to.
// The message must be fit for a sender: no PII, no input echoed.
func reject(code int, format string, args ...any) *proofdesk.Error {
	return &proofdesk.Error{
		Code:    proofdesk.EINVALID,
		Message: fmt.Sprintf(format, args...),
		Details: map[string]any{DetailSMTPCode: code},
	}
}
