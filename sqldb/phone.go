package sqldb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/proofdesk/proofdesk"
)

// callReservationTTL is how long a call's reservation without a
// conversation blocks others: past it, the creator is taken to have died.
const callReservationTTL = time.Minute

// PhoneService maps telephony provider calls (Twilio's CallSid) to the
// phone conversations they opened, so a retried or repeated webhook finds
// the call's conversation instead of opening another.
type PhoneService struct {
	db            *DB
	conversations *ConversationService
}

// NewPhoneService returns the phone call service of db.
func NewPhoneService(db *DB) *PhoneService {
	return &PhoneService{db: db, conversations: NewConversationService(db)}
}

// FindCallConversationID returns the ID of the conversation the call
// opened. Returns ENOTFOUND for an unknown call.
func (s *PhoneService) FindCallConversationID(ctx context.Context, callSID string) (string, error) {
	var id sql.NullString
	err := s.db.reader().queryRow(ctx, `SELECT conversation_id FROM phone_calls WHERE call_sid = ?`, callSID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !id.Valid) {
		return "", notFound("Call")
	} else if err != nil {
		return "", fmt.Errorf("find call: %w", err)
	}
	return id.String, nil
}

// CreateCallConversation returns the ID of the conversation of the call
// callSID, storing conv (and first, if non-nil) as that conversation when
// the call is new; created reports whether it did. The conversation starts
// at L0 whatever conv says: caller ID is a claim. Returns ECONFLICT while
// another request is creating the same call's conversation.
func (s *PhoneService) CreateCallConversation(ctx context.Context, callSID string, conv *proofdesk.Conversation, first *proofdesk.Message) (id string, created bool, err error) {
	if callSID == "" {
		return "", false, proofdesk.FieldError("CallSid", "CallSid is required")
	}
	if conv.Channel != proofdesk.ChannelPhone {
		return "", false, proofdesk.FieldError("channel", "a call's conversation is on the phone channel")
	}
	reserved, err := s.reserve(ctx, callSID)
	if err != nil || !reserved {
		if err == nil {
			id, err = s.FindCallConversationID(ctx, callSID)
			if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
				err = proofdesk.Errorf(proofdesk.ECONFLICT, "This call is being set up; try again.")
			}
		}
		return id, false, err
	}
	if err := s.conversations.CreateConversation(ctx, conv, first); err != nil {
		_ = s.db.WithTx(ctx, func(tx *Tx) error {
			_, err := tx.exec(ctx, `DELETE FROM phone_calls WHERE call_sid = ? AND conversation_id IS NULL`, callSID)
			return err
		})
		return "", false, err
	}
	err = s.db.WithTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE phone_calls SET conversation_id = ? WHERE call_sid = ?`, conv.ID, callSID)
		return err
	})
	if err != nil {
		return "", false, fmt.Errorf("record call: %w", err)
	}
	return conv.ID, true, nil
}

// reserve claims callSID for the caller, or reports false if the call is
// known (or being created by someone else). A reservation left without a
// conversation for callReservationTTL is taken over.
func (s *PhoneService) reserve(ctx context.Context, callSID string) (bool, error) {
	var ok bool
	err := s.db.WithTx(ctx, func(tx *Tx) error {
		r, err := tx.exec(ctx, `INSERT INTO phone_calls (call_sid, conversation_id, created_at) VALUES (?, NULL, ?) ON CONFLICT (call_sid) DO NOTHING`,
			callSID, fmtTime(tx.now))
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 1 {
			ok = true
			return nil
		}
		r, err = tx.exec(ctx, `UPDATE phone_calls SET created_at = ? WHERE call_sid = ? AND conversation_id IS NULL AND created_at < ?`,
			fmtTime(tx.now), callSID, fmtTime(tx.now.Add(-callReservationTTL)))
		if err != nil {
			return err
		}
		n, _ := r.RowsAffected()
		ok = n == 1
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("reserve call: %w", wrapErr(err))
	}
	return ok, nil
}
