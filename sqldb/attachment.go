package sqldb

import (
	"context"
	"fmt"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/vault"
)

// Attachments of every channel (inbound mail, agent replies, the chat
// widget) are rows of email_attachments (migration 0004): name and bytes
// sealed under the conversation's data key, bound to the row's ID.

const attachmentColumns = `id, conversation_id, message_id, filename_enc, content_id_enc, content_type, size, created_at`

// insertAttachments stores m's attachments for the message just inserted,
// in its transaction: a message is never stored without its files. Names
// are cleaned with proofdesk.SanitizeFilename.
func (tx *Tx) insertAttachments(ctx context.Context, m *proofdesk.Message, dk *vault.DataKey) error {
	for i, a := range m.Attachments {
		a.ID = proofdesk.NewID("att")
		// A nanosecond apart, so that they list in the order given.
		a.ConversationID, a.MessageID, a.CreatedAt = m.ConversationID, m.ID, tx.now.Add(time.Duration(i))
		a.Size = int64(len(a.Data))
		a.Filename = proofdesk.SanitizeFilename(a.Filename)
		cid := ""
		if a.ContentID != "" {
			cid = dk.SealString(attachmentAAD(a.ID, "content_id"), a.ContentID)
		}
		if _, err := tx.exec(ctx, `INSERT INTO email_attachments (id, conversation_id, message_id, filename_enc, content_id_enc, content_type, size, data_enc, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ID, a.ConversationID, a.MessageID, dk.SealString(attachmentAAD(a.ID, "filename"), a.Filename), cid, a.ContentType, a.Size,
			dk.Seal(attachmentAAD(a.ID, "data"), a.Data), fmtTime(a.CreatedAt)); err != nil {
			return fmt.Errorf("store attachment: %w", wrapErr(err))
		}
	}
	return nil
}

// FindAttachments returns the attachments of conversation convID without
// their bytes, oldest first. Returns ENOTFOUND for an unknown conversation.
func (s *ConversationService) FindAttachments(ctx context.Context, convID string) ([]*proofdesk.Attachment, error) {
	return s.db.findAttachments(ctx, convID, "", false)
}

// attachFiles sets the Attachments (without bytes) of msgs, messages of
// conversation convID.
func (db *DB) attachFiles(ctx context.Context, convID string, msgs []*proofdesk.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	as, err := db.findAttachments(ctx, convID, "", false)
	if err != nil {
		return err
	}
	byMsg := map[string][]*proofdesk.Attachment{}
	for _, a := range as {
		byMsg[a.MessageID] = append(byMsg[a.MessageID], a)
	}
	for _, m := range msgs {
		m.Attachments = byMsg[m.ID]
	}
	return nil
}

// FindMessageAttachments returns the attachments of message msgID of
// conversation convID with their bytes, oldest first.
func (db *DB) FindMessageAttachments(ctx context.Context, convID, msgID string) ([]*proofdesk.Attachment, error) {
	return db.findAttachments(ctx, convID, msgID, true)
}

func (db *DB) findAttachments(ctx context.Context, convID, msgID string, withData bool) ([]*proofdesk.Attachment, error) {
	h := db.reader()
	_, dk, err := h.findConversationByID(ctx, convID)
	if err != nil {
		return nil, err
	}
	cols := attachmentColumns + `, ''`
	if withData {
		cols = attachmentColumns + `, data_enc`
	}
	where, args := `conversation_id = ?`, []any{convID}
	if msgID != "" {
		where, args = where+` AND message_id = ?`, append(args, msgID)
	}
	rows, err := h.query(ctx, `SELECT `+cols+` FROM email_attachments WHERE `+where+` ORDER BY created_at, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("find attachments: %w", err)
	}
	defer rows.Close()
	var out []*proofdesk.Attachment
	for rows.Next() {
		a, err := scanAttachmentRow(rows, dk)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// FindAttachment returns attachment id of conversation convID with its
// bytes, decrypted. Returns ENOTFOUND if the conversation has no such
// attachment (an attachment of another conversation is not found either).
func (s *ConversationService) FindAttachment(ctx context.Context, convID, id string) (*proofdesk.Attachment, error) {
	h := s.db.reader()
	_, dk, err := h.findConversationByID(ctx, convID)
	if err != nil {
		return nil, err
	}
	a, err := scanAttachmentRow(h.queryRow(ctx, `SELECT `+attachmentColumns+`, data_enc FROM email_attachments WHERE id = ? AND conversation_id = ?`, id, convID), dk)
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		return nil, notFound("Attachment")
	}
	return a, err
}

func scanAttachmentRow(row scanner, dk *vault.DataKey) (*proofdesk.Attachment, error) {
	a := &proofdesk.Attachment{}
	var name, cid, data string
	if err := row.Scan(&a.ID, &a.ConversationID, &a.MessageID, &name, &cid, &a.ContentType, &a.Size, timeScan{&a.CreatedAt}, &data); err != nil {
		return nil, fmt.Errorf("scan attachment: %w", wrapErr(err))
	}
	var err error
	if a.Filename, err = dk.OpenString(attachmentAAD(a.ID, "filename"), name); err != nil {
		return nil, fmt.Errorf("attachment %s: %w", a.ID, err)
	}
	if cid != "" {
		if a.ContentID, err = dk.OpenString(attachmentAAD(a.ID, "content_id"), cid); err != nil {
			return nil, fmt.Errorf("attachment %s: %w", a.ID, err)
		}
	}
	if data != "" {
		if a.Data, err = dk.Open(attachmentAAD(a.ID, "data"), data); err != nil {
			return nil, fmt.Errorf("attachment %s: %w", a.ID, err)
		}
	}
	return a, nil
}
