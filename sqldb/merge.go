package sqldb

import (
	"context"
	"fmt"

	"github.com/proofdesk/proofdesk"
)

// MergeConversationInto copies every message of src into dst, oldest
// first, each re-sealed under dst's data key (the text is the same; the
// time is the merge's), adds a system note to both, resolves src and sets
// dst's level to level (the caller gives the lower of the two: a merge
// never raises a level). Files stay on src: the note says how many. It
// decides nothing: desk.Desk.MergeConversations asks proofdesk.Decide.
func (tx *Tx) MergeConversationInto(ctx context.Context, src, dst *proofdesk.Conversation, level proofdesk.Level) (copied int, err error) {
	_, srcKey, err := tx.findConversationByID(ctx, src.ID)
	if err != nil {
		return 0, err
	}
	_, dstKey, err := tx.findConversationByID(ctx, dst.ID)
	if err != nil {
		return 0, err
	}
	rows, err := tx.query(ctx, `SELECT `+messageColumns+` FROM messages WHERE conversation_id = ? ORDER BY seq`, src.ID)
	if err != nil {
		return 0, fmt.Errorf("merge: %w", wrapErr(err))
	}
	var msgs []*proofdesk.Message
	for rows.Next() {
		m, err := scanMessage(rows, srcKey)
		if err != nil {
			rows.Close()
			return 0, err
		}
		msgs = append(msgs, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	var files int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM email_attachments WHERE conversation_id = ?`, src.ID).Scan(&files); err != nil {
		return 0, fmt.Errorf("merge: %w", wrapErr(err))
	}
	note := proofdesk.NoteMergedInto(src.ID, len(msgs))
	if err := tx.insertMessage(ctx, &proofdesk.Message{ConversationID: dst.ID, AuthorKind: proofdesk.AuthorSystem, Internal: true, Body: note}, dstKey); err != nil {
		return 0, err
	}
	for _, m := range msgs {
		if m.Body == "" {
			continue // a files-only message: its files stay on src
		}
		cp := &proofdesk.Message{ConversationID: dst.ID, AuthorKind: m.AuthorKind, AuthorID: m.AuthorID, Internal: m.Internal, Body: m.Body}
		if err := tx.insertMessage(ctx, cp, dstKey); err != nil {
			return 0, err
		}
		copied++
	}
	back := proofdesk.NoteMergedAway(dst.ID, files)
	if err := tx.insertMessage(ctx, &proofdesk.Message{ConversationID: src.ID, AuthorKind: proofdesk.AuthorSystem, Internal: true, Body: back}, srcKey); err != nil {
		return 0, err
	}
	if _, err := tx.exec(ctx, `UPDATE conversations SET status = ?, snoozed_until = NULL, updated_at = ? WHERE id = ?`, proofdesk.StatusResolved, fmtTime(tx.now), src.ID); err != nil {
		return 0, fmt.Errorf("merge: %w", wrapErr(err))
	}
	if src.Status != proofdesk.StatusResolved {
		// The status history the reports and SLA clocks read, and the
		// status_changed webhook, like any resolution.
		if err := tx.logStatus(ctx, src.ID, proofdesk.StatusResolved); err != nil {
			return 0, err
		}
	}
	if level < dst.Level {
		if _, err := tx.exec(ctx, `UPDATE conversations SET level = ?, updated_at = ? WHERE id = ?`, int(level), fmtTime(tx.now), dst.ID); err != nil {
			return 0, fmt.Errorf("merge: %w", wrapErr(err))
		}
	}
	// Open pages of both refresh after the commit (desk.PublishEvents).
	tx.Changed(proofdesk.Event{Type: proofdesk.EventConversationUpdated, ConversationID: src.ID, Status: proofdesk.StatusResolved})
	tx.Changed(proofdesk.Event{Type: proofdesk.EventConversationUpdated, ConversationID: dst.ID, Status: dst.Status, Level: min(level, dst.Level).String()})
	return copied, nil
}

// ConversationIDsOfCustomer returns the IDs of customerID's conversations.
func (tx *Tx) ConversationIDsOfCustomer(ctx context.Context, customerID string) ([]string, error) {
	rows, err := tx.query(ctx, `SELECT id FROM conversations WHERE customer_id = ? ORDER BY created_at, id`, customerID)
	if err != nil {
		return nil, fmt.Errorf("conversations of customer: %w", wrapErr(err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
