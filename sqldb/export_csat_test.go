package sqldb

import "context"

// RawRatingComment returns a rating's comment column as stored.
func RawRatingComment(ctx context.Context, db *DB, convID string) (string, error) {
	var s string
	err := db.reader().queryRow(ctx, `SELECT comment_enc FROM csat_ratings WHERE conversation_id = ?`, convID).Scan(&s)
	return s, err
}
