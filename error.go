package proofdesk

import (
	"errors"
	"fmt"
)

// Application error codes. Only package http maps them to status codes.
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EUNAUTHORIZED = "unauthorized"
	EFORBIDDEN    = "forbidden"
	// ERATELIMIT is returned when a caller exceeds a rate or attempt limit.
	ERATELIMIT = "rate_limited"
	// EVERIFICATION is returned when the conversation's assurance level is
	// below what the policy requires for the data or action.
	EVERIFICATION = "verification_required"
	// EDISCLOSURE is returned when the disclosure guard blocks a reply.
	EDISCLOSURE = "disclosure_blocked"
	// ELOCKED is returned when a customer is under a support lock.
	ELOCKED = "support_locked"
)

// Error is an application error: a code machines can act on and a message
// safe to show to the caller. A message never contains PII.
type Error struct {
	Code    string
	Message string
	// Field names the input field at fault, if any.
	Field string
	// Details carries extra machine-readable fields for the client, such as
	// "required_level" or "rule". Values must never be protected data.
	Details map[string]any
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("proofdesk error: code=%s message=%s", e.Code, e.Message)
}

// ErrorCode returns the code of the root error, if available; EINTERNAL
// otherwise, and "" for a nil error.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the human-readable message of the root error, if
// available; "Internal error." otherwise.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// Errorf is a helper that returns an *Error with the given code and message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns an EINVALID error that names the offending field.
func FieldError(field, format string, args ...any) *Error {
	return &Error{Code: EINVALID, Field: field, Message: fmt.Sprintf(format, args...)}
}
