package proofdesk

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"strings"
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

// StoreUnavailable reports whether err is the store being out of reach
// for a while, which a retry may get past: PostgreSQL restarting or
// unreachable (SQLSTATE class 08, 57P0x, 53), SQLite busy, locked, an I/O
// error or the disk full (SQLITE_BUSY, _LOCKED, _IOERR, _FULL), a
// connection refused or broken. Drivers are recognised by their methods:
// SQLState() (pgx) and Code() (SQLite).
func StoreUnavailable(err error) bool {
	var pg interface{ SQLState() string }
	if errors.As(err, &pg) {
		st := pg.SQLState()
		if strings.HasPrefix(st, "08") || strings.HasPrefix(st, "57P0") || strings.HasPrefix(st, "53") {
			return true
		}
	}
	if StoreFull(err) {
		return true
	}
	var lite interface{ Code() int }
	if errors.As(err, &lite) {
		switch lite.Code() & 0xff {
		case 5, 6, 10: // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_IOERR
			return true
		}
	}
	var op *net.OpError
	return errors.As(err, &op) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone)
}

// StoreFull reports whether err is SQLite's "database or disk is full"
// (SQLITE_FULL).
func StoreFull(err error) bool {
	var lite interface{ Code() int }
	return errors.As(err, &lite) && lite.Code()&0xff == 13
}
