package sqldb

import (
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/proofdesk/proofdesk"
)

// wrapErr turns driver errors into domain errors, in this one place: a
// unique violation is ECONFLICT on both dialects, no rows is ENOTFOUND.
// Other errors pass through unchanged and end as EINTERNAL.
func wrapErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return proofdesk.Errorf(proofdesk.ENOTFOUND, "Not found.")
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return &proofdesk.Error{Code: proofdesk.ECONFLICT, Message: "Already exists."}
		}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "23505" {
		return &proofdesk.Error{Code: proofdesk.ECONFLICT, Message: "Already exists."}
	}
	return err
}

// notFound returns an ENOTFOUND error naming the kind of thing missing.
func notFound(what string) error {
	return proofdesk.Errorf(proofdesk.ENOTFOUND, "%s not found.", what)
}
