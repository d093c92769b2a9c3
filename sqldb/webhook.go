package sqldb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/vault"
)

// PurposeWebhook is the outbox purpose of webhook deliveries.
const PurposeWebhook = "webhook"

// CreateWebhook stores a subscription; the caller (desk) decided and
// checked the URL. It fills ID and CreatedAt.
func (tx *Tx) CreateWebhook(ctx context.Context, w *proofdesk.Webhook) error {
	w.ID, w.CreatedAt = proofdesk.NewID("whk"), tx.now
	ev, _ := json.Marshal(w.Events)
	if _, err := tx.exec(ctx, `INSERT INTO webhooks (id, url, events, allow_http, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		w.ID, w.URL, string(ev), boolInt(w.AllowHTTP), w.CreatedBy, fmtTime(w.CreatedAt)); err != nil {
		return fmt.Errorf("create webhook: %w", wrapErr(err))
	}
	return nil
}

// DeleteWebhook removes a subscription; deliveries already queued are
// still attempted. Errors: ENOTFOUND.
func (tx *Tx) DeleteWebhook(ctx context.Context, id string) error {
	r, err := tx.exec(ctx, `DELETE FROM webhooks WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete webhook: %w", wrapErr(err))
	}
	if n, _ := r.RowsAffected(); n != 1 {
		return notFound("Webhook")
	}
	return nil
}

// webhooks returns every subscription; a write transaction reads them
// once (txmemo.go) and hands out copies.
func (h *Handle) webhooks(ctx context.Context) ([]*proofdesk.Webhook, error) {
	if h.txm != nil && h.txm.webhooksRead {
		return cloneWebhooks(h.txm.webhooks), nil
	}
	var out []*proofdesk.Webhook
	err := h.scanRows(ctx, `SELECT id, url, events, allow_http, created_by, created_at FROM webhooks ORDER BY created_at, id`, nil, func(row scanner) error {
		w := &proofdesk.Webhook{}
		var events string
		var allow int
		if err := row.Scan(&w.ID, &w.URL, &events, &allow, &w.CreatedBy, timeScan{&w.CreatedAt}); err != nil {
			return err
		}
		w.AllowHTTP = allow != 0
		if err := json.Unmarshal([]byte(events), &w.Events); err != nil {
			return fmt.Errorf("webhook %s: events: %w", w.ID, err)
		}
		out = append(out, w)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find webhooks: %w", err)
	}
	if h.txm != nil {
		h.txm.webhooks, h.txm.webhooksRead = cloneWebhooks(out), true
	}
	return out, nil
}

func cloneWebhooks(ws []*proofdesk.Webhook) []*proofdesk.Webhook {
	out := make([]*proofdesk.Webhook, len(ws))
	for i, w := range ws {
		v := *w
		v.Events = slices.Clone(w.Events)
		out[i] = &v
	}
	return out
}

// FindWebhooks returns every subscription with its newest delivery.
func (h *Handle) FindWebhooks(ctx context.Context) ([]*proofdesk.Webhook, error) {
	ws, err := h.webhooks(ctx)
	if err != nil {
		return nil, err
	}
	for _, w := range ws {
		d := &proofdesk.WebhookDelivery{}
		var dkID, subj string
		err := h.queryRow(ctx, `SELECT id, COALESCE(data_key_id, ''), subject_enc, status, attempts, last_error, created_at FROM outbox WHERE purpose = ? AND ref_id = ?
			ORDER BY created_at DESC, id DESC LIMIT 1`, PurposeWebhook, w.ID).Scan(&d.ID, &dkID, &subj, &d.Status, &d.Attempts, &d.LastError, timeScan{&d.CreatedAt})
		if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
			continue
		} else if err != nil {
			return nil, fmt.Errorf("webhook %s: last delivery: %w", w.ID, err)
		}
		dk, err := h.outboxKey(ctx, dkID)
		if errors.Is(err, errKeyDestroyed) {
			continue // about an erased customer: reads as gone
		} else if err != nil {
			return nil, err
		}
		if d.Event, err = dk.OpenString(outboxAAD(d.ID, "subject"), subj); err != nil {
			return nil, err
		}
		w.Last = d
	}
	return ws, nil
}

// webhookAuditEvents maps the audit actions that are webhook events.
var webhookAuditEvents = map[string]string{
	proofdesk.AuditConversationNew:   proofdesk.WebhookConversationCreated,
	proofdesk.AuditChallengeOK:       proofdesk.WebhookVerificationDone,
	proofdesk.AuditDisclosureBlocked: proofdesk.WebhookReplyBlocked,
	proofdesk.AuditOwnerReported:     proofdesk.WebhookNotMe,
	proofdesk.AuditChallengeDenied:   proofdesk.WebhookNotMe,
}

// auditWebhook queues the webhook deliveries of an audited event, if its
// action is one (webhookAuditEvents) and it is about a conversation.
func (tx *Tx) auditWebhook(ctx context.Context, ev proofdesk.AuditEvent) error {
	event, ok := webhookAuditEvents[ev.Action]
	if !ok || ev.SubjectKind != "conversation" || ev.SubjectID == "" {
		return nil
	}
	detail := ev.Detail
	if ev.Action == proofdesk.AuditOwnerReported || ev.Action == proofdesk.AuditChallengeDenied {
		detail = map[string]string{"source": map[string]string{proofdesk.AuditOwnerReported: "notice", proofdesk.AuditChallengeDenied: "verification_request"}[ev.Action]}
	}
	return tx.emitWebhook(ctx, event, ev.SubjectID, nil, detail)
}

// emitWebhook queues one delivery of event about conversation convID (and
// msg) to every subscription of that event type, in this transaction: the
// deliveries commit with their event or not at all. The payload is built
// through the agent-facing views at L0 (proofdesk.NewWebhookPayload).
func (tx *Tx) emitWebhook(ctx context.Context, event, convID string, msg *proofdesk.Message, detail map[string]string) error {
	ws, err := tx.webhooks(ctx)
	if err != nil {
		return err
	}
	var subs []*proofdesk.Webhook
	for _, w := range ws {
		if slices.Contains(w.Events, event) {
			subs = append(subs, w)
		}
	}
	if len(subs) == 0 {
		return nil
	}
	conv, dk, err := tx.findConversationByID(ctx, convID)
	if err != nil {
		return fmt.Errorf("webhook %s: %w", event, err)
	}
	var cust *proofdesk.Customer
	if conv.CustomerID != "" {
		if cust, err = tx.findCustomerByID(ctx, conv.CustomerID); err != nil {
			return fmt.Errorf("webhook %s: %w", event, err)
		}
	}
	p, err := tx.policy(ctx)
	if err != nil {
		return err
	}
	wv := proofdesk.WebhookView{Policy: p}
	if check := tx.db.codeCheck.Load(); check != nil {
		wv.KnownCode = tx.RecentCodes(ctx, *check)
	}
	if proofdesk.SubjectHoldsNumber(conv.Subject) {
		// The subject reads with the conversation's first messages, as
		// in the lists and the API (proofdesk.ViewContext.Subject).
		scs, err := tx.findSubjectContexts(ctx, []string{conv.ID})
		if err != nil {
			return fmt.Errorf("webhook %s: %w", event, err)
		}
		wv.Subject = scs[conv.ID]
	}
	var elsewhereErr error
	if msg != nil && msg.AuthorKind != proofdesk.AuthorAgent {
		if wv.Earlier, err = tx.earlierMessages(ctx, msg, dk); err != nil {
			return fmt.Errorf("webhook %s: %w", event, err)
		}
		// A known code split with another conversation of the customer,
		// read as the API reads it (called only for a short number).
		wv.Elsewhere = func() []*proofdesk.Message {
			var out []*proofdesk.Message
			out, elsewhereErr = tx.MessagesElsewhere(ctx, convID, tx.now.Add(-proofdesk.RecentCodeWindow))
			return out
		}
	}
	body, err := proofdesk.NewWebhookPayload(event, proofdesk.NewID("evt"), tx.now, conv, msg, cust, detail, wv)
	if err == nil {
		err = elsewhereErr // what the payload read without it may show a half
	}
	if err != nil {
		return fmt.Errorf("webhook %s: %w", event, err)
	}
	for _, w := range subs {
		m := &proofdesk.OutboxMessage{Kind: proofdesk.OutboxWebhook, Purpose: PurposeWebhook, To: w.URL, Subject: event, Body: string(body)}
		headers := map[string]string{}
		if w.AllowHTTP {
			headers["allow_http"] = "1"
		}
		if err := tx.enqueueAbout(ctx, m, headers, convID); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE outbox SET ref_id = ? WHERE id = ?`, w.ID, m.ID); err != nil {
			return fmt.Errorf("webhook %s: %w", event, err)
		}
	}
	return nil
}

// webhookEarlier is how many of a conversation's messages before a
// customer's message its webhook payload reads it with (a code split
// across messages; the view checks no more than the last 64 six-digit
// windows anyway).
const webhookEarlier = 32

// earlierMessages returns the webhookEarlier messages of m's
// conversation before m, oldest first, without their files.
func (tx *Tx) earlierMessages(ctx context.Context, m *proofdesk.Message, dk *vault.DataKey) ([]*proofdesk.Message, error) {
	rows, err := tx.query(ctx, `SELECT `+messageColumns+` FROM messages WHERE conversation_id = ? AND id <> ? ORDER BY seq DESC LIMIT ?`,
		m.ConversationID, m.ID, webhookEarlier)
	if err != nil {
		return nil, fmt.Errorf("earlier messages: %w", err)
	}
	defer rows.Close()
	var out []*proofdesk.Message
	for rows.Next() {
		e, err := scanMessage(rows, dk)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.Reverse(out)
	return out, nil
}
