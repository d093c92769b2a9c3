package sqldb

import (
	"context"
	"fmt"

	"github.com/proofdesk/proofdesk"
)

// VisitorService stores chat-widget visitors and the conversations bound
// to them. It never sees a visitor token, only its SHA-256 hash.
type VisitorService struct{ db *DB }

// NewVisitorService returns the visitor service of db.
func NewVisitorService(db *DB) *VisitorService { return &VisitorService{db: db} }

var errNoVisitor = proofdesk.Errorf(proofdesk.ENOTFOUND, "Visitor not found.")

// CreateVisitor stores a new visitor known by tokenHash (hex SHA-256 of
// the token). Returns EINVALID for an empty hash, ECONFLICT if the hash is
// taken.
func (s *VisitorService) CreateVisitor(ctx context.Context, tokenHash string) (*proofdesk.Visitor, error) {
	if len(tokenHash) != 64 {
		return nil, proofdesk.FieldError("token_hash", "token hash must be 64 hex digits")
	}
	var v *proofdesk.Visitor
	err := s.db.WithTx(ctx, func(tx *Tx) error {
		v = &proofdesk.Visitor{ID: proofdesk.NewID("vis"), CreatedAt: tx.now, LastSeenAt: tx.now}
		if _, err := tx.exec(ctx, `INSERT INTO visitors (id, token_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?)`,
			v.ID, tokenHash, fmtTime(v.CreatedAt), fmtTime(v.LastSeenAt)); err != nil {
			return fmt.Errorf("insert visitor: %w", wrapErr(err))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// FindVisitorByTokenHash returns the visitor whose token hashes to
// tokenHash, or ENOTFOUND.
func (s *VisitorService) FindVisitorByTokenHash(ctx context.Context, tokenHash string) (*proofdesk.Visitor, error) {
	v := &proofdesk.Visitor{}
	err := s.db.reader().queryRow(ctx, `SELECT id, created_at, last_seen_at FROM visitors WHERE token_hash = ?`, tokenHash).
		Scan(&v.ID, timeScan{&v.CreatedAt}, timeScan{&v.LastSeenAt})
	if err != nil {
		if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
			return nil, errNoVisitor
		}
		return nil, fmt.Errorf("find visitor: %w", err)
	}
	return v, nil
}

// BindConversation makes conversationID the visitor's. Binding it again
// to the same visitor is a no-op. Returns ENOTFOUND for an unknown visitor
// or conversation, ECONFLICT if the conversation belongs to another
// visitor.
func (s *VisitorService) BindConversation(ctx context.Context, visitorID, conversationID string) error {
	return s.db.WithTx(ctx, func(tx *Tx) error { return tx.bindVisitor(ctx, visitorID, conversationID) })
}

// visitorConversationByClientID fills conv and first with the visitor's
// (conv.VisitorID) conversation whose message has first.ClientID, and
// reports whether there is one.
func (tx *Tx) visitorConversationByClientID(ctx context.Context, conv *proofdesk.Conversation, first *proofdesk.Message) (bool, error) {
	var convID string
	err := tx.queryRow(ctx, `SELECT vc.conversation_id FROM visitor_conversations vc JOIN messages m ON m.conversation_id = vc.conversation_id
		WHERE vc.visitor_id = ? AND m.client_id = ? LIMIT 1`, conv.VisitorID, first.ClientID).Scan(&convID)
	if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("find the visitor's conversation: %w", err)
	}
	c, dk, err := tx.findConversationByID(ctx, convID)
	if err != nil {
		return false, err
	}
	m, err := scanMessage(tx.queryRow(ctx, `SELECT `+messageColumns+` FROM messages WHERE conversation_id = ? AND client_id = ? AND client_id <> ''`, convID, first.ClientID), dk)
	if err != nil {
		return false, err
	}
	visitor := conv.VisitorID
	*conv, *first = *c, *m
	conv.VisitorID = visitor
	return true, nil
}

// bindVisitor is BindConversation inside tx.
func (tx *Tx) bindVisitor(ctx context.Context, visitorID, conversationID string) error {
	var n int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM visitors WHERE id = ?`, visitorID).Scan(&n); err != nil {
		return fmt.Errorf("bind conversation: %w", err)
	} else if n == 0 {
		return errNoVisitor
	}
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM conversations WHERE id = ?`, conversationID).Scan(&n); err != nil {
		return fmt.Errorf("bind conversation: %w", err)
	} else if n == 0 {
		return notFound("Conversation")
	}
	var owner string
	err := tx.queryRow(ctx, `SELECT visitor_id FROM visitor_conversations WHERE conversation_id = ?`, conversationID).Scan(&owner)
	switch {
	case err == nil && owner == visitorID:
		return nil
	case err == nil:
		return proofdesk.Errorf(proofdesk.ECONFLICT, "The conversation belongs to another visitor.")
	case proofdesk.ErrorCode(wrapErr(err)) != proofdesk.ENOTFOUND:
		return fmt.Errorf("bind conversation: %w", err)
	}
	if _, err := tx.exec(ctx, `INSERT INTO visitor_conversations (conversation_id, visitor_id, created_at) VALUES (?, ?, ?)`,
		conversationID, visitorID, fmtTime(tx.now)); err != nil {
		return fmt.Errorf("bind conversation: %w", wrapErr(err))
	}
	_, err = tx.exec(ctx, `UPDATE visitors SET last_seen_at = ? WHERE id = ?`, fmtTime(tx.now), visitorID)
	return err
}

// VisitorOwnsConversation reports whether conversationID is bound to the
// visitor. An unknown visitor or conversation owns nothing: false, nil.
func (s *VisitorService) VisitorOwnsConversation(ctx context.Context, visitorID, conversationID string) (bool, error) {
	var n int
	if err := s.db.reader().queryRow(ctx, `SELECT COUNT(*) FROM visitor_conversations WHERE conversation_id = ? AND visitor_id = ?`,
		conversationID, visitorID).Scan(&n); err != nil {
		return false, fmt.Errorf("visitor owns conversation: %w", err)
	}
	return n == 1, nil
}

// FindVisitorConversations returns the IDs of the visitor's conversations,
// newest first.
func (s *VisitorService) FindVisitorConversations(ctx context.Context, visitorID string) ([]string, error) {
	rows, err := s.db.reader().query(ctx, `SELECT conversation_id FROM visitor_conversations WHERE visitor_id = ? ORDER BY created_at DESC, conversation_id`, visitorID)
	if err != nil {
		return nil, fmt.Errorf("find visitor conversations: %w", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("find visitor conversations: %w", err)
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
