package sqldb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/vault"
)

// Erasure by crypto-shredding (proofdesk.Erasure). The store decides
// nothing: desk.Desk.RequestErasure asks proofdesk.Decide and checks the
// legal holds first.

// EraseCustomer erases customer id in tx:
//
//  1. it destroys the customer's data key and the data key of each of
//     their conversations (destroyDataKeys), so no copy of what they
//     sealed (a data backup included) can be opened again;
//  2. it removes the ciphertext and blind-index rows: contact points,
//     orders, verification requests and failures, every message body
//     (the rows stay, re-sealed empty, so that reports still count
//     replies and their times), email headers, raw mails and
//     attachments, search tokens, the CSAT comments, and every outbox
//     row (queued or sent, mail or SMS) of their conversations or
//     addressed to one of their contact points;
//  3. it leaves the customer and the conversations as tombstones under
//     new data keys: the name ErasedName, no external ID, no addresses,
//     date of birth, payment or attributes, conversations without
//     subject, requester claims or offered values, ErasedAt set.
//
// detail is added to the audit entry (proofdesk.AuditCustomerErased),
// with the counts. Errors: ENOTFOUND, ECONFLICT when already erased.
func (tx *Tx) EraseCustomer(ctx context.Context, id string, detail map[string]string) (*proofdesk.Erasure, error) {
	c, err := tx.findCustomerByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if c.ErasedAt != nil {
		return nil, proofdesk.Errorf(proofdesk.ECONFLICT, "The customer was already erased.")
	}
	er := &proofdesk.Erasure{CustomerID: id, ErasedAt: tx.now, Removed: map[string]int{}}
	if er.Conversations, err = tx.ConversationIDsOfCustomer(ctx, id); err != nil {
		return nil, err
	}
	var oldKeys []string
	var custKey string
	if err := tx.queryRow(ctx, `SELECT data_key_id FROM customers WHERE id = ?`, id).Scan(&custKey); err != nil {
		return nil, fmt.Errorf("erase: %w", wrapErr(err))
	}
	oldKeys = append(oldKeys, custKey)
	count := func(table string, res interface{ RowsAffected() (int64, error) }) {
		if n, _ := res.RowsAffected(); n > 0 {
			er.Removed[table] += int(n)
		}
	}
	del := func(table, q string, args ...any) error {
		res, err := tx.exec(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("erase %s: %w", table, wrapErr(err))
		}
		count(table, res)
		return nil
	}

	// Outbox rows to the customer go, whatever their state: older ones
	// are sealed by the system key, which stays.
	if err := tx.eraseOutbox(ctx, c, er); err != nil {
		return nil, err
	}
	for _, convID := range er.Conversations {
		var convKey string
		if err := tx.queryRow(ctx, `SELECT data_key_id FROM conversations WHERE id = ?`, convID).Scan(&convKey); err != nil {
			return nil, fmt.Errorf("erase: %w", wrapErr(err))
		}
		oldKeys = append(oldKeys, convKey)
		dk, err := tx.newDataKey(ctx, "dk_"+convID+"_"+proofdesk.NewID("erased"))
		if err != nil {
			return nil, err
		}
		// Message rows stay for the reports (who replied, when), each
		// body re-sealed empty under the new key.
		rows, err := tx.query(ctx, `SELECT id FROM messages WHERE conversation_id = ?`, convID)
		if err != nil {
			return nil, fmt.Errorf("erase messages: %w", wrapErr(err))
		}
		var msgs []string
		for rows.Next() {
			var m string
			if err := rows.Scan(&m); err != nil {
				rows.Close()
				return nil, err
			}
			msgs = append(msgs, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		for _, m := range msgs {
			if _, err := tx.exec(ctx, `UPDATE messages SET body_enc = ?, client_id = '' WHERE id = ?`, dk.SealString(messageAAD(m), ""), m); err != nil {
				return nil, fmt.Errorf("erase messages: %w", wrapErr(err))
			}
		}
		er.Removed["messages"] += len(msgs)
		for _, t := range []string{"email_messages", "email_attachments", "search_tokens"} {
			if err := del(t, `DELETE FROM `+t+` WHERE conversation_id = ?`, convID); err != nil {
				return nil, err
			}
		}
		if err := del("csat_ratings", `UPDATE csat_ratings SET comment_enc = '' WHERE conversation_id = ? AND comment_enc <> ''`, convID); err != nil {
			return nil, err
		}
		if err := del("challenges", `DELETE FROM challenges WHERE conversation_id = ?`, convID); err != nil {
			return nil, err
		}
		req, _ := json.Marshal(proofdesk.Requester{})
		if _, err := tx.exec(ctx, `UPDATE conversations SET data_key_id = ?, requester_enc = ?, requester_email_idx = NULL, requester_phone_idx = NULL,
			subject_enc = ?, offered = '[]', erased_at = ?, updated_at = ? WHERE id = ?`,
			dk.ID, dk.Seal(conversationAAD(convID, "requester"), req), dk.SealString(conversationAAD(convID, "subject"), ""),
			fmtTime(tx.now), fmtTime(tx.now), convID); err != nil {
			return nil, fmt.Errorf("erase conversation: %w", wrapErr(err))
		}
		tx.Changed(proofdesk.Event{Type: proofdesk.EventConversationUpdated, ConversationID: convID, Status: "erased"})
	}
	for _, t := range []string{"contact_points", "orders", "challenges", "verification_failures"} {
		if err := del(t, `DELETE FROM `+t+` WHERE customer_id = ?`, id); err != nil {
			return nil, err
		}
	}
	// Exports: the archive was sealed under the customer's key; the row
	// stays for the audit, emptied, and an unused link stops working.
	if err := del("customer_exports", `UPDATE customer_exports SET archive_enc = '', size = 0,
		status = CASE WHEN status = 'ready' THEN 'expired' ELSE status END WHERE customer_id = ?`, id); err != nil {
		return nil, err
	}
	// The tombstone: a new key, nothing on file.
	dk, err := tx.newDataKey(ctx, "dk_"+id+"_"+proofdesk.NewID("erased"))
	if err != nil {
		return nil, err
	}
	empty := &proofdesk.Customer{ID: id}
	enc, err := sealCustomer(dk, empty)
	if err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE customers SET data_key_id = ?, name = ?, external_id_enc = NULL, external_id_idx = NULL,
		addresses_enc = ?, dob_enc = ?, payment_enc = ?, attributes_enc = ?, erased_at = ?, updated_at = ? WHERE id = ?`,
		dk.ID, dk.SealString(customerAAD(id, "name"), proofdesk.ErasedName), enc.addresses, enc.dob, enc.payment, enc.attributes,
		fmtTime(tx.now), fmtTime(tx.now), id); err != nil {
		return nil, fmt.Errorf("erase customer: %w", wrapErr(err))
	}
	if err := del("erasure_requests", `UPDATE erasure_requests SET status = ?, settled_at = ? WHERE customer_id = ? AND status = ?`,
		proofdesk.ErasureSuperseded, fmtTime(tx.now), id, proofdesk.ErasurePending); err != nil {
		return nil, err
	}
	delete(er.Removed, "erasure_requests")
	if _, err := tx.destroyDataKeys(ctx, oldKeys...); err != nil {
		return nil, err
	}
	er.KeysDestroyed = len(oldKeys)
	tx.db.guards.Forget(id)
	tx.touchCustomer(id)

	d := map[string]string{}
	for k, v := range detail {
		d[k] = v
	}
	d["conversations"] = fmt.Sprint(len(er.Conversations))
	d["keys_destroyed"] = fmt.Sprint(er.KeysDestroyed)
	for t, n := range er.Removed {
		d["removed."+t] = fmt.Sprint(n)
	}
	if err := tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditCustomerErased, SubjectKind: "customer", SubjectID: id, Detail: d}); err != nil {
		return nil, err
	}
	return er, nil
}

// eraseOutbox removes the outbox rows of c's conversations and those
// addressed to one of c's contact points (mail and SMS, any state), and
// the webhook deliveries about c or one of their conversations (queued or
// sent: their payloads hold the subject, the message and the customer at
// L0). Rows written since migration 0058 are sealed by the keys this
// erasure destroys; older rows are sealed by the system key, which stays.
func (tx *Tx) eraseOutbox(ctx context.Context, c *proofdesk.Customer, er *proofdesk.Erasure) error {
	convs := map[string]bool{}
	for _, id := range er.Conversations {
		convs[id] = true
	}
	to := map[string]bool{}
	for _, cp := range c.ContactPoints {
		to[cp.Value] = true
	}
	type row struct{ id, kind, conv, dkID, toEnc, bodyEnc string }
	var all []row
	err := tx.scanRows(ctx, `SELECT id, kind, COALESCE(conversation_id, ''), COALESCE(data_key_id, ''), to_enc, body_enc FROM outbox`, nil, func(rs scanner) error {
		var r row
		if err := rs.Scan(&r.id, &r.kind, &r.conv, &r.dkID, &r.toEnc, &r.bodyEnc); err != nil {
			return err
		}
		all = append(all, r)
		return nil
	})
	if err != nil {
		return fmt.Errorf("erase outbox: %w", wrapErr(err))
	}
	var gone []string
	for _, r := range all {
		if convs[r.conv] {
			gone = append(gone, r.id)
			continue
		}
		dk, err := tx.outboxKey(ctx, r.dkID)
		if errors.Is(err, errKeyDestroyed) {
			continue // unreadable already
		} else if err != nil {
			return fmt.Errorf("erase outbox: %w", err)
		}
		if r.kind == proofdesk.OutboxWebhook {
			if about, _ := webhookSubjects(dk, r.id, r.bodyEnc); convs[about.Conversation.ID] || about.Customer.ID == c.ID {
				gone = append(gone, r.id)
			}
		} else if v, err := dk.OpenString(outboxAAD(r.id, "to"), r.toEnc); err == nil && to[v] {
			gone = append(gone, r.id)
		}
	}
	for _, id := range gone {
		if _, err := tx.exec(ctx, `DELETE FROM outbox WHERE id = ?`, id); err != nil {
			return fmt.Errorf("erase outbox: %w", wrapErr(err))
		}
	}
	er.Removed["outbox"] += len(gone)
	return nil
}

// webhookAbout is what a webhook payload (proofdesk.WebhookPayload) is
// about: its conversation's and customer's IDs.
type webhookAbout struct {
	Conversation struct {
		ID string `json:"id"`
	} `json:"conversation"`
	Customer struct {
		ID string `json:"id"`
	} `json:"customer"`
}

// webhookSubjects opens the sealed payload of webhook delivery id with
// its key dk and returns what it is about; a payload that does not open or parse is
// about nothing (the error says why).
func webhookSubjects(sys *vault.DataKey, id, bodyEnc string) (webhookAbout, error) {
	var about webhookAbout
	body, err := sys.OpenString(outboxAAD(id, "body"), bodyEnc)
	if err != nil {
		return about, err
	}
	err = json.Unmarshal([]byte(body), &about)
	return about, err
}

// Scrub pushes what the last writes freed out of the files: on SQLite a
// truncating WAL checkpoint, so the pages that held destroyed keys and
// erased rows (zeroed by secure_delete) replace their old images in the
// database file and the WAL holding earlier images is emptied. It
// reports false when a reader kept the checkpoint from finishing (the
// next checkpoint does it). PostgreSQL keeps dead row versions until
// VACUUM reuses their space and WAL segments until they are recycled:
// there the protection is the key store's (README, "Erasure").
func (db *DB) Scrub(ctx context.Context) (bool, error) {
	if db.dialect != SQLite {
		return true, nil
	}
	var busy, logFrames, checkpointed int
	if err := db.wdb.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &logFrames, &checkpointed); err != nil {
		return false, fmt.Errorf("scrub: %w", wrapErr(err))
	}
	return busy == 0, nil
}

// CreateErasureRequest stores r as pending, with its ID and CreatedAt
// set; ExpiresAt is the caller's.
func (tx *Tx) CreateErasureRequest(ctx context.Context, r *proofdesk.ErasureRequest) error {
	r.ID, r.Status, r.CreatedAt = proofdesk.NewID("era"), proofdesk.ErasurePending, tx.now
	if _, err := tx.exec(ctx, `INSERT INTO erasure_requests (id, customer_id, requested_by, reason, status, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		r.ID, r.CustomerID, r.RequestedBy, r.Reason, r.Status, fmtTime(r.CreatedAt), fmtTime(r.ExpiresAt)); err != nil {
		return fmt.Errorf("erasure request: %w", wrapErr(err))
	}
	return nil
}

// FindErasureRequest returns the request with that ID (ENOTFOUND).
func (h *Handle) FindErasureRequest(ctx context.Context, id string) (*proofdesk.ErasureRequest, error) {
	if err := h.lockRow(ctx, "erasure_requests", id); err != nil {
		return nil, err
	}
	var r proofdesk.ErasureRequest
	err := h.queryRow(ctx, `SELECT id, customer_id, requested_by, reason, status, created_at, expires_at FROM erasure_requests WHERE id = ?`, id).
		Scan(&r.ID, &r.CustomerID, &r.RequestedBy, &r.Reason, &r.Status, timeScan{&r.CreatedAt}, timeScan{&r.ExpiresAt})
	if err != nil {
		if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
			return nil, notFound("Erasure request")
		}
		return nil, fmt.Errorf("erasure request: %w", wrapErr(err))
	}
	return &r, nil
}

// SettleErasureRequest sets a pending request's status (confirmed or
// declined). Errors: ECONFLICT when it is no longer pending.
func (tx *Tx) SettleErasureRequest(ctx context.Context, id, status string) error {
	res, err := tx.exec(ctx, `UPDATE erasure_requests SET status = ?, settled_at = ? WHERE id = ? AND status = ?`, status, fmtTime(tx.now), id, proofdesk.ErasurePending)
	if err != nil {
		return fmt.Errorf("erasure request: %w", wrapErr(err))
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return proofdesk.Errorf(proofdesk.ECONFLICT, "This request was already answered.")
	}
	return nil
}

// customerKey returns the data key of customer id for a change: ECONFLICT
// once the customer was erased (a tombstone takes no data again: a new
// record does), ENOTFOUND for an unknown customer.
func (tx *Tx) customerKey(ctx context.Context, id string) (*vault.DataKey, error) {
	var erased nullTime
	var dkID string
	if err := tx.queryRow(ctx, `SELECT erased_at, data_key_id FROM customers WHERE id = ?`, id).Scan(&erased, &dkID); err != nil {
		if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
			return nil, notFound("Customer")
		}
		return nil, fmt.Errorf("customer key: %w", wrapErr(err))
	}
	if erased.t != nil {
		return nil, proofdesk.Errorf(proofdesk.ECONFLICT, "The customer was erased: nothing can be added to the record. Create a new customer instead.")
	}
	return tx.keyByID(ctx, dkID)
}

// refuseErased returns ECONFLICT when customer id was erased: a
// conversation linked to the tombstone afterwards would hang off a record
// no erasure visits again. An unknown id is left to the caller. The
// customer is read (row-locked on PostgreSQL, kept in the transaction's
// memo) as the caller reads it next: an erased customer, whose key is
// destroyed, reads as not found and is asked about by its erased_at.
func (tx *Tx) refuseErased(ctx context.Context, id string) error {
	var erased nullTime
	c, err := tx.findCustomerByID(ctx, id)
	if err == nil {
		erased.t = c.ErasedAt
	} else if proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
		return fmt.Errorf("customer: %w", err)
	} else {
		err := tx.queryRow(ctx, `SELECT erased_at FROM customers WHERE id = ?`, id).Scan(&erased)
		if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
			return nil
		} else if err != nil {
			return fmt.Errorf("customer: %w", wrapErr(err))
		}
	}
	if erased.t != nil {
		return &proofdesk.Error{Code: proofdesk.ECONFLICT, Field: "customer_id", Message: "The customer was erased: link the conversation to a new customer record instead."}
	}
	return nil
}
