package http

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// DecodeJSON reads r's body into v: exactly one JSON value, no unknown
// fields. Every failure is an EINVALID *proofdesk.Error whose message names
// the field at fault but never repeats a value.
func DecodeJSON(r *http.Request, v any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			return proofdesk.Errorf(proofdesk.EINVALID, "Content-Type must be application/json")
		}
	}
	if r.Body == nil {
		return proofdesk.Errorf(proofdesk.EINVALID, "request body is empty")
	}
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if IsBodyTooLarge(err) {
			return bodyTooLargeErr(err)
		}
		return proofdesk.Errorf(proofdesk.EINVALID, "request body must hold a single JSON value")
	}
	return nil
}

func decodeError(err error) error {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case IsBodyTooLarge(err):
		return bodyTooLargeErr(err)
	case errors.Is(err, io.EOF):
		return proofdesk.Errorf(proofdesk.EINVALID, "request body is empty")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return proofdesk.Errorf(proofdesk.EINVALID, "malformed JSON: the body ends too early")
	case errors.As(err, &syn):
		return proofdesk.Errorf(proofdesk.EINVALID, "malformed JSON at byte %d", syn.Offset)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return proofdesk.Errorf(proofdesk.EINVALID, "request body must be %s", jsonKind(typ.Type.Kind().String()))
		}
		return proofdesk.FieldError(typ.Field, "%s must be %s, not %s", typ.Field, jsonKind(typ.Type.Kind().String()), typ.Value)
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
		name = strings.Trim(name, `"`)
		if len(name) > 64 {
			name = name[:64]
		}
		return proofdesk.FieldError(name, "unknown field %q", name)
	}
	// Errors of our own UnmarshalJSON methods (proofdesk.ContactPointInput).
	switch {
	case strings.HasPrefix(msg, "added_at:"):
		return proofdesk.FieldError("added_at", "added_at must be a date (YYYY-MM-DD) or an RFC 3339 time")
	case strings.HasPrefix(msg, "contact point must be"):
		return proofdesk.Errorf(proofdesk.EINVALID, `each email or phone must be a string or {"value","added_at"}`)
	}
	return proofdesk.Errorf(proofdesk.EINVALID, "request body is not valid for this endpoint")
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "slice", "array":
		return "an array"
	case "map", "struct":
		return "an object"
	case "ptr":
		return "a value of another type"
	}
	if strings.HasPrefix(goKind, "int") || strings.HasPrefix(goKind, "uint") || strings.HasPrefix(goKind, "float") {
		return "a number"
	}
	return fmt.Sprintf("a %s", goKind)
}
