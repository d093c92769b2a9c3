package sqldb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// Exports of a customer's data (migration 0048): the archive is sealed
// under the customer's own data key, so erasing the customer (destroying
// that key) destroys every archive not yet downloaded too. Downloading
// or expiry empties the row's archive; the row stays, for the audit.

func exportAAD(id string) string { return "customer_exports|" + id + "|archive" }

const exportColumns = `id, customer_id, conversation_id, requested_by, status, size, created_at, expires_at, finished_at`

func scanExport(row scanner) (*proofdesk.Export, error) {
	e := &proofdesk.Export{}
	var fin nullTime
	if err := row.Scan(&e.ID, &e.CustomerID, &e.ConversationID, &e.RequestedBy, &e.Status, &e.Size,
		timeScan{&e.CreatedAt}, timeScan{&e.ExpiresAt}, &fin); err != nil {
		if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
			return nil, notFound("Export")
		}
		return nil, fmt.Errorf("scan export: %w", wrapErr(err))
	}
	e.FinishedAt = fin.t
	return e, nil
}

// CreateExport stores e (ID, CustomerID, ConversationID, RequestedBy,
// ExpiresAt set by the caller) with its archive sealed under the
// customer's data key; it sets Status, Size and CreatedAt.
func (tx *Tx) CreateExport(ctx context.Context, e *proofdesk.Export, archive []byte) error {
	dk, err := tx.customerKey(ctx, e.CustomerID)
	if err != nil {
		return err
	}
	e.Status, e.Size, e.CreatedAt = proofdesk.ExportReady, int64(len(archive)), tx.now
	if _, err := tx.exec(ctx, `INSERT INTO customer_exports (id, customer_id, conversation_id, requested_by, status, size, archive_enc, created_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, e.CustomerID, e.ConversationID, e.RequestedBy, e.Status, e.Size, dk.Seal(exportAAD(e.ID), archive),
		fmtTime(e.CreatedAt), fmtTime(e.ExpiresAt)); err != nil {
		return fmt.Errorf("create export: %w", wrapErr(err))
	}
	return nil
}

// FindExport returns export id without its archive: ENOTFOUND if none.
func (h *Handle) FindExport(ctx context.Context, id string) (*proofdesk.Export, error) {
	return scanExport(h.queryRow(ctx, `SELECT `+exportColumns+` FROM customer_exports WHERE id = ?`, id))
}

// TakeExportArchive returns the archive of a ready, unexpired export,
// opened, and in the same transaction marks the export downloaded and
// empties its archive: of two concurrent downloads one gets it.
// Errors: ENOTFOUND for an unknown export, ECONFLICT when it was already
// downloaded or expired.
func (tx *Tx) TakeExportArchive(ctx context.Context, id string) ([]byte, error) {
	var custID, status, enc, exp string
	err := tx.queryRow(ctx, `SELECT customer_id, status, archive_enc, expires_at FROM customer_exports WHERE id = ?`, id).Scan(&custID, &status, &enc, &exp)
	if err != nil {
		if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
			return nil, notFound("Export")
		}
		return nil, fmt.Errorf("take export: %w", wrapErr(err))
	}
	gone := proofdesk.Errorf(proofdesk.ECONFLICT, "This archive was already downloaded or has expired.")
	if status != proofdesk.ExportReady || enc == "" {
		return nil, gone
	}
	r, err := tx.exec(ctx, `UPDATE customer_exports SET status = ?, archive_enc = '', finished_at = ? WHERE id = ? AND status = ? AND expires_at > ?`,
		proofdesk.ExportDownloaded, fmtTime(tx.now), id, proofdesk.ExportReady, fmtTime(tx.now))
	if err != nil {
		return nil, fmt.Errorf("take export: %w", wrapErr(err))
	}
	if n, _ := r.RowsAffected(); n != 1 {
		return nil, gone
	}
	dk, err := tx.Handle.customerKey(ctx, custID)
	if err != nil {
		return nil, err
	}
	b, err := dk.Open(exportAAD(id), enc)
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", id, err)
	}
	return b, nil
}

// ExpireExports marks every ready export whose link expired by now as
// expired and empties its archive; it returns them.
func (tx *Tx) ExpireExports(ctx context.Context) ([]*proofdesk.Export, error) {
	rows, err := tx.query(ctx, `SELECT `+exportColumns+` FROM customer_exports WHERE status = ? AND expires_at <= ? ORDER BY expires_at, id`,
		proofdesk.ExportReady, fmtTime(tx.now))
	if err != nil {
		return nil, fmt.Errorf("expire exports: %w", wrapErr(err))
	}
	var out []*proofdesk.Export
	for rows.Next() {
		e, err := scanExport(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, e := range out {
		if _, err := tx.exec(ctx, `UPDATE customer_exports SET status = ?, archive_enc = '', finished_at = ? WHERE id = ? AND status = ?`,
			proofdesk.ExportExpired, fmtTime(tx.now), e.ID, proofdesk.ExportReady); err != nil {
			return nil, fmt.Errorf("expire export: %w", wrapErr(err))
		}
		e.Status = proofdesk.ExportExpired
	}
	return out, nil
}

// FlushAudit chains the audit entries still pending (PostgreSQL's
// sequencer), so that a read of the log that follows sees every entry
// committed before. Call it outside any transaction.
func (db *DB) FlushAudit(ctx context.Context) error { return db.flushAudit(ctx) }

// CustomerData gathers, inside tx, everything stored about customer id,
// opened: the customer's fields, contact points with their dates, every
// conversation linked to them with its messages (internal notes marked)
// and attachments (their bytes in the returned files), the verification
// requests sent to them, the messages the desk sent to their contact
// points, their orders and ratings, and the audit entries about them,
// their conversations and their exports. Call DB.FlushAudit first.
// Errors: ENOTFOUND for an unknown customer.
func (tx *Tx) CustomerData(ctx context.Context, id string) (*proofdesk.CustomerData, []proofdesk.ExportFile, error) {
	c, err := tx.findCustomerByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	d := &proofdesk.CustomerData{Format: "proofdesk-export/1", ExportedAt: tx.now.UTC()}
	cu := &d.Customer
	cu.ID, cu.ExternalID, cu.Name, cu.Addresses, cu.DateOfBirth = c.ID, c.ExternalID, c.Name, c.Addresses, c.DateOfBirth
	cu.Payment, cu.Attributes, cu.Locked, cu.CreatedAt, cu.UpdatedAt = c.Payment, c.Attributes, c.SupportLocked, c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	if cu.Addresses == nil {
		cu.Addresses = []proofdesk.Address{}
	}
	values := map[string]bool{}
	d.ContactPoints = []proofdesk.ExportContactPoint{}
	for _, cp := range c.ContactPoints {
		d.ContactPoints = append(d.ContactPoints, proofdesk.ExportContactPoint{Kind: cp.Kind, Value: cp.Value, AddedAt: cp.AddedAt.UTC()})
		values[cp.Value] = true
	}
	dk, err := tx.Handle.customerKey(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	// Every order, not only the newest the card shows.
	if d.Orders, err = tx.allOrders(ctx, c.ID, func(oid, enc string) ([]byte, error) { return dk.Open(orderAAD(oid), enc) }); err != nil {
		return nil, nil, err
	}
	var files []proofdesk.ExportFile
	convIDs, err := tx.ConversationIDsOfCustomer(ctx, c.ID)
	if err != nil {
		return nil, nil, err
	}
	d.Conversations = []proofdesk.ExportConversation{}
	d.Ratings = []proofdesk.ExportRating{}
	for _, cid := range convIDs {
		ec, fs, err := tx.exportConversation(ctx, cid)
		if err != nil {
			return nil, nil, err
		}
		d.Conversations, files = append(d.Conversations, *ec), append(files, fs...)
		r, err := tx.FindRating(ctx, cid)
		switch {
		case err == nil && r.CustomerID == c.ID:
			d.Ratings = append(d.Ratings, proofdesk.ExportRating{ConversationID: cid, Rating: r.Value, Comment: r.Comment, RatedAt: r.RatedAt.UTC()})
		case err != nil && proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND:
			return nil, nil, err
		}
	}
	if d.Verifications, err = tx.exportVerifications(ctx, c.ID); err != nil {
		return nil, nil, err
	}
	if d.Notices, err = tx.exportNotices(ctx, values); err != nil {
		return nil, nil, err
	}
	if d.Audit, err = tx.exportAudit(ctx, c.ID, convIDs); err != nil {
		return nil, nil, err
	}
	return d, files, nil
}

// allOrders reads every order of a customer, newest first.
func (tx *Tx) allOrders(ctx context.Context, custID string, open func(id, enc string) ([]byte, error)) ([]*proofdesk.Order, error) {
	rows, err := tx.query(ctx, `SELECT id, data_enc FROM orders WHERE customer_id = ? ORDER BY placed_at DESC, updated_at DESC, id`, custID)
	if err != nil {
		return nil, fmt.Errorf("export orders: %w", err)
	}
	defer rows.Close()
	out := []*proofdesk.Order{}
	for rows.Next() {
		var id, enc string
		if err := rows.Scan(&id, &enc); err != nil {
			return nil, fmt.Errorf("export orders: %w", err)
		}
		b, err := open(id, enc)
		if err != nil {
			return nil, fmt.Errorf("order %s: %w", id, err)
		}
		o := &proofdesk.Order{}
		if err := json.Unmarshal(b, o); err != nil {
			return nil, fmt.Errorf("order %s: %w", id, err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func (tx *Tx) exportConversation(ctx context.Context, id string) (*proofdesk.ExportConversation, []proofdesk.ExportFile, error) {
	conv, dk, err := tx.findConversationByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	ec := &proofdesk.ExportConversation{ID: conv.ID, Channel: conv.Channel, Subject: conv.Subject, Status: conv.Status, CreatedAt: conv.CreatedAt.UTC(),
		Messages: []proofdesk.ExportMessage{}}
	rows, err := tx.query(ctx, `SELECT `+messageColumns+` FROM messages WHERE conversation_id = ? ORDER BY seq`, id)
	if err != nil {
		return nil, nil, fmt.Errorf("export messages: %w", err)
	}
	byID := map[string]int{}
	for rows.Next() {
		m, err := scanMessage(rows, dk)
		if err != nil {
			rows.Close()
			return nil, nil, err
		}
		byID[m.ID] = len(ec.Messages)
		ec.Messages = append(ec.Messages, proofdesk.ExportMessage{ID: m.ID, Author: m.AuthorKind, Internal: m.Internal, Body: m.Body, CreatedAt: m.CreatedAt.UTC()})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	rows, err = tx.query(ctx, `SELECT `+attachmentColumns+`, data_enc FROM email_attachments WHERE conversation_id = ? ORDER BY created_at, id`, id)
	if err != nil {
		return nil, nil, fmt.Errorf("export attachments: %w", err)
	}
	defer rows.Close()
	var files []proofdesk.ExportFile
	for rows.Next() {
		a, err := scanAttachmentRow(rows, dk)
		if err != nil {
			return nil, nil, err
		}
		path := "attachments/" + conv.ID + "/" + a.ID + "-" + proofdesk.SanitizeFilename(a.Filename)
		files = append(files, proofdesk.ExportFile{Path: path, Data: a.Data})
		if i, ok := byID[a.MessageID]; ok {
			m := &ec.Messages[i]
			m.Attachments = append(m.Attachments, proofdesk.ExportAttachment{Name: a.Filename, ContentType: a.ContentType, Size: a.Size, File: path})
		}
	}
	return ec, files, rows.Err()
}

func (tx *Tx) exportVerifications(ctx context.Context, custID string) ([]proofdesk.ExportVerification, error) {
	rows, err := tx.query(ctx, `SELECT `+challengeColumns+` FROM challenges WHERE customer_id = ? ORDER BY created_at, id`, custID)
	if err != nil {
		return nil, fmt.Errorf("export verifications: %w", err)
	}
	defer rows.Close()
	out := []proofdesk.ExportVerification{}
	for rows.Next() {
		ch, err := scanChallenge(rows)
		if err != nil {
			return nil, err
		}
		v := proofdesk.ExportVerification{ConversationID: ch.ConversationID, Kind: ch.Kind, Status: ch.Status, CreatedAt: ch.CreatedAt.UTC()}
		if ch.CompletedAt != nil {
			t := ch.CompletedAt.UTC()
			v.CompletedAt = &t
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Purposes of outbox messages to customers whose body is not exported:
// a verification request's code and link, an export's own link.
var exportBodyless = map[string]bool{"verification": true, proofdesk.PurposeExportLink: true}

// exportNotices returns the messages the outbox holds for any of the
// customer's contact points (values), oldest first. The recipient is
// sealed, so every customer-facing row is opened and compared.
func (tx *Tx) exportNotices(ctx context.Context, values map[string]bool) ([]proofdesk.ExportNotice, error) {
	out := []proofdesk.ExportNotice{}
	if len(values) == 0 {
		return out, nil
	}
	type row struct{ id, dkID, to, subj, body string }
	var rows []row
	var notices []proofdesk.ExportNotice
	err := tx.scanRows(ctx, `SELECT id, kind, purpose, COALESCE(data_key_id, ''), to_enc, subject_enc, body_enc, status, created_at FROM outbox
		WHERE purpose NOT IN ('agent_notice', 'alert') ORDER BY created_at, id`, nil, func(rs scanner) error {
		var r row
		n := proofdesk.ExportNotice{}
		if err := rs.Scan(&r.id, &n.Kind, &n.Purpose, &r.dkID, &r.to, &r.subj, &r.body, &n.Status, timeScan{&n.CreatedAt}); err != nil {
			return err
		}
		rows, notices = append(rows, r), append(notices, n)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("export notices: %w", err)
	}
	// Opened once the rows are read: a key is read through tx, which
	// holds one statement at a time.
	for i, r := range rows {
		n := notices[i]
		dk, err := tx.outboxKey(ctx, r.dkID)
		if errors.Is(err, errKeyDestroyed) {
			continue // about an erased customer
		} else if err != nil {
			return nil, err
		}
		if n.To, err = dk.OpenString(outboxAAD(r.id, "to"), r.to); err != nil {
			return nil, err
		}
		if !values[n.To] {
			continue
		}
		if n.Subject, err = dk.OpenString(outboxAAD(r.id, "subject"), r.subj); err != nil {
			return nil, err
		}
		if !exportBodyless[n.Purpose] {
			if n.Body, err = dk.OpenString(outboxAAD(r.id, "body"), r.body); err != nil {
				return nil, err
			}
		}
		n.CreatedAt = n.CreatedAt.UTC()
		out = append(out, n)
	}
	return out, nil
}

// exportAudit returns the audit entries whose subject is the customer,
// one of convIDs or one of the customer's exports, or whose detail names
// the customer's ID, oldest first.
func (tx *Tx) exportAudit(ctx context.Context, custID string, convIDs []string) ([]proofdesk.ExportAuditEntry, error) {
	ids := append([]string{custID}, convIDs...)
	rows, err := tx.query(ctx, `SELECT id FROM customer_exports WHERE customer_id = ?`, custID)
	if err != nil {
		return nil, fmt.Errorf("export audit: %w", err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	args := make([]any, 0, len(ids)+1)
	for _, id := range ids {
		args = append(args, id)
	}
	// IDs are random and quoted in the detail's JSON: the pattern matches
	// the customer's ID as a value, never part of another.
	args = append(args, `%"`+custID+`"%`)
	where := `subject_id IN (?` + strings.Repeat(", ?", len(ids)-1) + `) OR detail LIKE ?`
	out := []proofdesk.ExportAuditEntry{}
	for after := int64(0); ; {
		es, err := tx.findAudit(ctx, []string{"seq > ?", "(" + where + ")"}, append([]any{after}, args...), 1000)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			out = append(out, proofdesk.ExportAuditEntry{Seq: e.Seq, Time: e.Time.UTC(), ActorKind: e.ActorKind, ActorID: e.ActorID, Action: e.Action,
				SubjectKind: e.SubjectKind, SubjectID: e.SubjectID, Detail: e.Detail})
			after = e.Seq
		}
		if len(es) < 1000 {
			return out, nil
		}
	}
}
