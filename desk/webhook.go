package desk

import (
	"context"
	"net/netip"
	"slices"
	"strings"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// Webhooks is the admins' management of outgoing webhooks: subscribe a
// URL to event types, list the subscriptions with their last delivery,
// remove one. Deliveries are queued by the store with their events
// (sqldb/webhook.go) and sent by the outbox worker (outbox/webhook.go).
type Webhooks struct {
	db  *sqldb.DB
	key []byte
	// allowPrivate lists the private ranges a webhook may target.
	allowPrivate []netip.Prefix
}

// NewWebhooks returns the use case; allowPrivate is --webhook-allow-private.
func NewWebhooks(ctx context.Context, db *sqldb.DB, allowPrivate []netip.Prefix) (*Webhooks, error) {
	key, err := WebhookKey(ctx, db)
	if err != nil {
		return nil, err
	}
	return &Webhooks{db: db, key: key, allowPrivate: allowPrivate}, nil
}

// WebhookKey returns the installation's webhook key (the secret
// "webhook"), from which each subscription's signing secret derives.
func WebhookKey(ctx context.Context, db *sqldb.DB) ([]byte, error) { return db.Secret(ctx, "webhook") }

func administer(ctx context.Context) error {
	in := proofdesk.DecisionInput{Action: proofdesk.DoAdminister, Actor: proofdesk.ActorOf(proofdesk.AgentFromContext(ctx))}
	if d := proofdesk.Decide(in); !d.Allowed {
		return d.Err(in)
	}
	return nil
}

// CreateWebhook subscribes rawURL to events for an admin (Decide:
// DoAdminister) and returns the subscription and its signing secret,
// shown this once. The URL must pass proofdesk.ParseWebhookURL. The
// creation is audited. Errors: the gate's refusal; EINVALID naming "url"
// or "events".
func (w *Webhooks) CreateWebhook(ctx context.Context, rawURL string, events []string, allowHTTP bool) (*proofdesk.Webhook, string, error) {
	if err := administer(ctx); err != nil {
		return nil, "", err
	}
	u, err := proofdesk.ParseWebhookURL(rawURL, allowHTTP, w.allowPrivate)
	if err != nil {
		return nil, "", err
	}
	if len(events) == 0 {
		return nil, "", proofdesk.FieldError("events", "events must name at least one of %s", strings.Join(proofdesk.WebhookEvents, ", "))
	}
	var evs []string
	for _, e := range events {
		if !proofdesk.ValidWebhookEvent(e) {
			return nil, "", proofdesk.FieldError("events", "unknown event %q: events are %s", e, strings.Join(proofdesk.WebhookEvents, ", "))
		}
		if !slices.Contains(evs, e) {
			evs = append(evs, e)
		}
	}
	hook := &proofdesk.Webhook{URL: u.String(), Events: evs, AllowHTTP: allowHTTP, CreatedBy: proofdesk.AgentFromContext(ctx).ID}
	err = w.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		if err := tx.CreateWebhook(ctx, hook); err != nil {
			return err
		}
		return tx.Audit(ctx, proofdesk.AuditEvent{Action: "webhook.create", SubjectKind: "webhook", SubjectID: hook.ID,
			Detail: map[string]string{"events": strings.Join(evs, ","), "host": u.Host}})
	})
	if err != nil {
		return nil, "", err
	}
	return hook, proofdesk.WebhookSecret(w.key, hook.ID), nil
}

// FindWebhooks lists the subscriptions with their last delivery, for an
// admin. Errors: the gate's refusal.
func (w *Webhooks) FindWebhooks(ctx context.Context) ([]*proofdesk.Webhook, error) {
	if err := administer(ctx); err != nil {
		return nil, err
	}
	return w.db.Read().FindWebhooks(ctx)
}

// DeleteWebhook removes a subscription, audited. Errors: the gate's
// refusal, ENOTFOUND.
func (w *Webhooks) DeleteWebhook(ctx context.Context, id string) error {
	if err := administer(ctx); err != nil {
		return err
	}
	return w.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		if err := tx.DeleteWebhook(ctx, id); err != nil {
			return err
		}
		return tx.Audit(ctx, proofdesk.AuditEvent{Action: "webhook.delete", SubjectKind: "webhook", SubjectID: id})
	})
}
