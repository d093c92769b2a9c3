package http

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/proofdesk/proofdesk"
)

// codes maps application error codes to HTTP statuses: the only such map.
var codes = map[string]int{
	proofdesk.EINVALID:      http.StatusBadRequest,
	proofdesk.EUNAUTHORIZED: http.StatusUnauthorized,
	proofdesk.EFORBIDDEN:    http.StatusForbidden,
	proofdesk.ENOTFOUND:     http.StatusNotFound,
	proofdesk.ECONFLICT:     http.StatusConflict,
	proofdesk.ERATELIMIT:    http.StatusTooManyRequests,
	proofdesk.EVERIFICATION: http.StatusForbidden,
	proofdesk.EDISCLOSURE:   http.StatusUnprocessableEntity,
	proofdesk.ELOCKED:       http.StatusLocked,
	proofdesk.EINTERNAL:     http.StatusInternalServerError,
}

// ErrorStatus returns the HTTP status for an application error code;
// unknown codes are 500.
func ErrorStatus(code string) int {
	if s, ok := codes[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}

type errorBody struct {
	Error   string `json:"error"`
	Message string `json:"message"`
	Field   string `json:"field,omitempty"`
}

// Error writes err as JSON with the status its code maps to:
// {"error": code, "message": ..., "field": ..., plus the error's Details}.
// The message is proofdesk.ErrorMessage(err), never err.Error(), which can
// hold PII. Internal errors show "Internal error." and are logged once, in
// the request's access log line.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	code := proofdesk.ErrorCode(err)
	ReportError(r, err)
	if code == proofdesk.EINTERNAL {
		if msg, ok := unavailable(err); ok {
			// Retryable: the client should try again, not give up.
			w.Header().Set("Retry-After", "5")
			WriteJSON(w, http.StatusServiceUnavailable, map[string]any{"error": "unavailable", "message": msg})
			return
		}
	}
	body := map[string]any{}
	if e := (*proofdesk.Error)(nil); errors.As(err, &e) {
		for k, v := range e.Details {
			body[k] = v
		}
		if e.Field != "" {
			body["field"] = e.Field
		}
		if ra, ok := e.Details["retry_after"].(int); ok && code == proofdesk.ERATELIMIT {
			w.Header().Set("Retry-After", strconv.Itoa(ra))
		}
	}
	body["error"] = code
	body["message"] = proofdesk.ErrorMessage(err)
	WriteJSON(w, ErrorStatus(code), body)
}

// unavailable reports whether err is the store being out of reach for a
// while (PostgreSQL restarting or unreachable, SQLite busy, the disk
// full), which a retry may get past, and says so in words. Drivers are
// recognised by their methods: SQLState() (pgx) and Code() (SQLite).
func unavailable(err error) (string, bool) {
	switch {
	case proofdesk.StoreFull(err):
		return "The desk's disk is full. Nothing was changed; try again once space is freed.", true
	case proofdesk.StoreUnavailable(err):
		return "The desk cannot reach its database at the moment. Nothing was changed; try again in a few seconds.", true
	}
	return "", false
}

// ReportError records an internal error for the request's log line; other
// codes are the caller's fault and are not logged. Handlers that render
// their own error pages (the console) call it.
func ReportError(r *http.Request, err error) {
	if proofdesk.ErrorCode(err) != proofdesk.EINTERNAL {
		return
	}
	if ri := requestInfoFrom(r.Context()); ri != nil {
		ri.err = err
		return
	}
	// Outside the server's middleware (never in production).
	slog.Default().Error("internal error", slog.String("request_id", requestIDOf(r)), slog.Any("error", err))
}

// WriteJSON writes v as JSON with status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":"internal","message":"Internal error."}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}
