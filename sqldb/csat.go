package sqldb

import (
	"context"
	"fmt"

	"github.com/proofdesk/proofdesk"
)

func ratingAAD(convID string) string { return "csat_ratings|" + convID + "|comment" }

// SaveRating stores r as the rating of its conversation, replacing an
// earlier one; the comment is sealed under the conversation's data key.
// It fills r.RatedAt with the transaction's time. Errors: EINVALID for a
// value other than good, okay or bad; ENOTFOUND for a missing
// conversation. It decides nothing.
func (tx *Tx) SaveRating(ctx context.Context, r *proofdesk.Rating) error {
	if !proofdesk.ValidRating(r.Value) {
		return proofdesk.FieldError("rating", "rating must be one of good, okay, bad")
	}
	_, dk, err := tx.findConversationByID(ctx, r.ConversationID)
	if err != nil {
		return err
	}
	comment := ""
	if r.Comment != "" {
		comment = dk.SealString(ratingAAD(r.ConversationID), r.Comment)
	}
	r.RatedAt = tx.now
	if _, err := tx.exec(ctx, `INSERT INTO csat_ratings (conversation_id, customer_id, agent_id, team, channel, rating, comment_enc, source, rated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (conversation_id) DO UPDATE SET customer_id = excluded.customer_id, agent_id = excluded.agent_id, team = excluded.team,
			channel = excluded.channel, rating = excluded.rating, comment_enc = excluded.comment_enc, source = excluded.source, rated_at = excluded.rated_at`,
		r.ConversationID, nullString(r.CustomerID), nullString(r.AgentID), r.Team, r.Channel, r.Value, comment, r.Source, fmtTime(r.RatedAt)); err != nil {
		return fmt.Errorf("save rating: %w", wrapErr(err))
	}
	return nil
}

// FindRating returns the rating of a conversation, its comment opened.
// Errors: ENOTFOUND when the conversation has none.
func (h *Handle) FindRating(ctx context.Context, convID string) (*proofdesk.Rating, error) {
	r := &proofdesk.Rating{}
	var comment string
	err := h.queryRow(ctx, `SELECT conversation_id, COALESCE(customer_id, ''), COALESCE(agent_id, ''), team, channel, rating, comment_enc, source, rated_at
		FROM csat_ratings WHERE conversation_id = ?`, convID).
		Scan(&r.ConversationID, &r.CustomerID, &r.AgentID, &r.Team, &r.Channel, &r.Value, &comment, &r.Source, timeScan{&r.RatedAt})
	if err != nil {
		if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
			return nil, notFound("Rating")
		}
		return nil, fmt.Errorf("find rating: %w", wrapErr(err))
	}
	if comment != "" {
		_, dk, err := h.findConversationByID(ctx, convID)
		if err != nil {
			return nil, err
		}
		if r.Comment, err = dk.OpenString(ratingAAD(convID), comment); err != nil {
			return nil, fmt.Errorf("rating %s: %w", convID, err)
		}
	}
	return r, nil
}
