package desk

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/locale"
	"github.com/proofdesk/proofdesk/sqldb"
)

// This file is the customer's export, the right of access (issue 17 §1):
// a supervisor starts it from a conversation verified to L2, or from the
// customer's card by break-glass (proofdesk.Decide, DoExport). The desk
// builds a zip of everything stored about the customer
// (sqldb.Tx.CustomerData: customer.json and the attachments), seals it
// under the customer's data key, and mails a one-time link, valid
// ExportTTL, to the customer's settled emails only; the supervisor learns
// where it went, masked, never the link. The link opens /x/{token}, whose
// button (a POST with the page's CSRF token) downloads the archive once;
// downloading or expiry deletes it. The owner is told at every other
// contact point on file. Each step is audited.

// ExportTTL is how long an export's download link works.
const ExportTTL = 7 * 24 * time.Hour

// Exports starts customer exports and serves their download links.
type Exports struct {
	db  *sqldb.DB
	key []byte   // signs /x/ tokens: the installation secret "export"
	n   *Notices // base URL, company, cooling-off
}

func newExports(ctx context.Context, db *sqldb.DB, n *Notices) (*Exports, error) {
	key, err := db.Secret(ctx, "export")
	if err != nil {
		return nil, err
	}
	return &Exports{db: db, key: key, n: n}, nil
}

// token signs (export, customer, expiry) with the export key (signLink).
func (e *Exports) token(exportID, custID string, exp time.Time) string {
	return signLink(e.key, exportID, custID, exp)
}

// parseToken returns the export a token names: ENOTFOUND for a malformed
// or forged token, EFORBIDDEN once it expired.
func (e *Exports) parseToken(tok string, now time.Time) (exportID, custID string, err error) {
	return openLink(e.key, tok, now, "This download link has expired, and the archive was deleted. Ask support for a new export.")
}

// ExportFromConversation starts an export of the customer linked to
// conversation convID: the context's agent must be a supervisor and the
// conversation verified to L2 (proofdesk.Decide). Errors: EUNAUTHORIZED,
// ENOTFOUND, EINVALID (unlinked, no settled email), EFORBIDDEN,
// EVERIFICATION, ELOCKED; a refusal is audited.
func (e *Exports) ExportFromConversation(ctx context.Context, convID string) (*proofdesk.ExportStarted, error) {
	return e.start(ctx, convID, "", "")
}

// ExportFromCustomer starts an export of customer custID outside any
// conversation (the console's customer card): a supervisor's break-glass
// with reason (3 to 500 bytes), audited, and the conversation-less
// decision of proofdesk.Decide. Errors as ExportFromConversation.
func (e *Exports) ExportFromCustomer(ctx context.Context, custID, reason string) (*proofdesk.ExportStarted, error) {
	reason = strings.TrimSpace(reason)
	if !proofdesk.ValidReason(reason) {
		return nil, proofdesk.FieldError("reason", "reason is required (3 to 500 bytes, in words): say why the export is started without a verified conversation")
	}
	return e.start(ctx, "", custID, reason)
}

func (e *Exports) start(ctx context.Context, convID, custID, reason string) (*proofdesk.ExportStarted, error) {
	a := proofdesk.AgentFromContext(ctx)
	if a == nil {
		return nil, proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	// The audit entries of the customer, chained before the read.
	if err := e.db.FlushAudit(ctx); err != nil {
		return nil, err
	}
	subjectKind, subjectID := "conversation", convID
	if convID == "" {
		subjectKind, subjectID = "customer", custID
	}
	var out *proofdesk.ExportStarted
	var refused error
	err := e.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		var cust *proofdesk.Customer
		var in proofdesk.DecisionInput
		if convID != "" {
			asked, err := ask(ctx, tx, convID, proofdesk.DoExport, "", nil)
			if err != nil {
				return err
			}
			cust, in = asked.cust, asked.in
		} else {
			var err error
			if cust, err = tx.FindCustomer(ctx, custID); err != nil {
				return err
			}
			if in, err = tx.CustomerFacts(ctx, proofdesk.DoExport, cust); err != nil {
				return err
			}
			in.Actor, in.BreakGlassReason = proofdesk.ActorOf(a), reason
		}
		dec := proofdesk.Decide(in)
		if !dec.Allowed {
			refused = dec.Err(in)
			return refused
		}
		to := e.settledEmails(cust, tx.Now())
		if len(to) == 0 {
			return proofdesk.Errorf(proofdesk.EINVALID, "The customer has no email on file for more than %d days: an export goes only to a settled email, never elsewhere.", int(e.n.cfg.CoolingOff.Hours()/24))
		}
		ex := &proofdesk.Export{ID: proofdesk.NewID("exp"), CustomerID: cust.ID, ConversationID: convID, RequestedBy: a.ID,
			ExpiresAt: tx.Now().Add(ExportTTL)}
		detail := map[string]string{"export_id": ex.ID, "customer_id": cust.ID, "conversation_id": convID, "level": in.Level.String(),
			"rule": dec.Rule, "reason": reason}
		if dec.BreakGlass {
			if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditBreakGlass, SubjectKind: "customer", SubjectID: cust.ID, Detail: detail}); err != nil {
				return err
			}
		}
		if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditExportRequested, SubjectKind: "customer", SubjectID: cust.ID, Detail: detail}); err != nil {
			return err
		}
		data, files, err := tx.CustomerData(ctx, cust.ID)
		if err != nil {
			return err
		}
		archive, err := buildArchive(data, files)
		if err != nil {
			return err
		}
		if err := tx.CreateExport(ctx, ex, archive); err != nil {
			return err
		}
		out = &proofdesk.ExportStarted{ID: ex.ID, ExpiresAt: ex.ExpiresAt}
		if err := e.sendLink(ctx, tx, cust, ex, to); err != nil {
			return err
		}
		for _, v := range to {
			out.SentTo = append(out.SentTo, proofdesk.MaskEmail(v))
		}
		if err := e.notifyOwner(ctx, tx, cust, to); err != nil {
			return err
		}
		return tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditExportDelivered, SubjectKind: "customer", SubjectID: cust.ID,
			Detail: map[string]string{"export_id": ex.ID, "recipients": fmt.Sprint(len(to)), "bytes": fmt.Sprint(ex.Size),
				"conversations": fmt.Sprint(len(data.Conversations)), "files": fmt.Sprint(len(files)), "expires_at": ex.ExpiresAt.UTC().Format(time.RFC3339)}})
	})
	if refused != nil {
		if aerr := e.db.AuditRefusal(ctx, proofdesk.DoExport, subjectKind, subjectID, refused, nil); aerr != nil {
			return nil, aerr
		}
		return nil, refused
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}

// settledEmails returns c's emails on file for longer than the
// cooling-off period: one added lately may be an attacker's.
func (e *Exports) settledEmails(c *proofdesk.Customer, now time.Time) []string {
	var out []string
	for _, cp := range c.ContactPointsOf(proofdesk.ContactEmail) {
		if !cp.AddedAt.After(now.Add(-e.n.cfg.CoolingOff)) {
			out = append(out, cp.Value)
		}
	}
	return out
}

// sendLink queues the download link to each settled email.
func (e *Exports) sendLink(ctx context.Context, tx *sqldb.Tx, c *proofdesk.Customer, ex *proofdesk.Export, to []string) error {
	brand, err := tx.StoredBranding(ctx)
	if err != nil {
		return err
	}
	company := e.n.company(brand)
	link := e.n.cfg.BaseURL + "/x/" + e.token(ex.ID, c.ID, ex.ExpiresAt)
	tr := locale.For(locale.Match(customerLanguage(c)))
	subject := tr.T("x_subject", company)
	body := tr.T("x_body", firstName(c.Name), company, ex.ExpiresAt.UTC().Format("2006-01-02 15:04"), link)
	for _, v := range to {
		if err := tx.Enqueue(ctx, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: proofdesk.PurposeExportLink, CustomerID: c.ID, To: v,
			Subject: subject, Body: body}); err != nil {
			return err
		}
	}
	return nil
}

// notifyOwner tells c's owner at every contact point on file that did not
// receive the link (phones by SMS, emails by email) that an export was
// sent, and where, masked.
func (e *Exports) notifyOwner(ctx context.Context, tx *sqldb.Tx, c *proofdesk.Customer, sentTo []string) error {
	brand, err := tx.StoredBranding(ctx)
	if err != nil {
		return err
	}
	company := e.n.company(brand)
	sent := map[string]bool{}
	masked := make([]string, len(sentTo))
	for i, v := range sentTo {
		sent[v], masked[i] = true, proofdesk.MaskEmail(v)
	}
	where := strings.Join(masked, ", ")
	tr := locale.For(locale.Match(customerLanguage(c)))
	for _, cp := range c.ContactPoints {
		if sent[cp.Value] {
			continue
		}
		m := &proofdesk.OutboxMessage{Purpose: proofdesk.PurposeExportNotice, CustomerID: c.ID, To: cp.Value}
		switch cp.Kind {
		case proofdesk.ContactEmail:
			m.Kind, m.Subject = proofdesk.OutboxEmail, tr.T("x_sent_subject", company)
			m.Body = tr.T("x_sent_body", firstName(c.Name), company, where)
		case proofdesk.ContactPhone:
			m.Kind, m.Body = proofdesk.OutboxSMS, tr.T("x_sent_sms", company, where)
		default:
			continue
		}
		if err := tx.Enqueue(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// buildArchive writes the zip: README.txt, customer.json and the files.
func buildArchive(d *proofdesk.CustomerData, files []proofdesk.ExportFile) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	js, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	readme := "customer.json holds everything stored about you (format " + d.Format + ", times in UTC):\n" +
		"customer (your details), contact_points (with the date each was added), conversations (with every message; internal_note marks\n" +
		"notes support wrote for each other), verification_history, notices_sent (what we sent to your contact points), orders,\n" +
		"satisfaction_ratings and audit_entries (our log of what was done about you). The files under attachments/ are those of the messages.\n"
	for _, f := range append([]proofdesk.ExportFile{{Path: "README.txt", Data: []byte(readme)}, {Path: "customer.json", Data: js}}, files...) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Path, Method: zip.Deflate, Modified: d.ExportedAt})
		if err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		if _, err := w.Write(f.Data); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return buf.Bytes(), nil
}

// ExportInfo returns what the download page shows; it changes nothing
// (mail scanners open links). Errors: ENOTFOUND for a malformed or forged
// token or an unknown export, EFORBIDDEN once the link expired or the
// archive was downloaded.
func (e *Exports) ExportInfo(ctx context.Context, token string) (*proofdesk.ExportInfo, error) {
	h := e.db.Read()
	id, custID, err := e.parseToken(token, h.Now())
	if err != nil {
		return nil, err
	}
	ex, err := h.FindExport(ctx, id)
	if err != nil {
		return nil, err
	}
	if ex.CustomerID != custID {
		return nil, proofdesk.Errorf(proofdesk.ENOTFOUND, "This link is not valid.")
	}
	if err := exportGone(ex, h.Now()); err != nil {
		return nil, err
	}
	info := &proofdesk.ExportInfo{Size: ex.Size, CreatedAt: ex.CreatedAt, ExpiresAt: ex.ExpiresAt}
	if c, err := h.FindCustomer(ctx, custID); err == nil {
		info.Language = customerLanguage(c)
	}
	return info, nil
}

func exportGone(ex *proofdesk.Export, now time.Time) error {
	switch {
	case ex.Status == proofdesk.ExportDownloaded:
		return &proofdesk.Error{Code: proofdesk.EFORBIDDEN, Message: "This archive was already downloaded, and then deleted. Ask support for a new export if you need another copy.",
			Details: map[string]any{"status": proofdesk.ExportDownloaded}}
	case ex.Status == proofdesk.ExportExpired || !now.Before(ex.ExpiresAt):
		return &proofdesk.Error{Code: proofdesk.EFORBIDDEN, Message: "This download link has expired, and the archive was deleted. Ask support for a new export.",
			Details: map[string]any{"status": proofdesk.ExportExpired}}
	}
	return nil
}

// Download returns the archive a token names, once: the export is marked
// downloaded and its archive deleted in the same transaction, audited
// with the customer as actor. The name is "<company>-data-<date>.zip"
// without the company. Errors as ExportInfo.
func (e *Exports) Download(ctx context.Context, token string) (name string, archive []byte, err error) {
	err = e.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		id, custID, err := e.parseToken(token, tx.Now())
		if err != nil {
			return err
		}
		ex, err := tx.FindExport(ctx, id)
		if err != nil {
			return err
		}
		if ex.CustomerID != custID {
			return proofdesk.Errorf(proofdesk.ENOTFOUND, "This link is not valid.")
		}
		if err := exportGone(ex, tx.Now()); err != nil {
			return err
		}
		if archive, err = tx.TakeExportArchive(ctx, id); err != nil {
			if proofdesk.ErrorCode(err) == proofdesk.ECONFLICT {
				return exportGone(&proofdesk.Export{Status: proofdesk.ExportDownloaded}, tx.Now())
			}
			return err
		}
		name = "data-" + ex.CreatedAt.UTC().Format("2006-01-02") + ".zip"
		return tx.Audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorCustomer, ActorID: custID, Action: proofdesk.AuditExportDownloaded,
			SubjectKind: "customer", SubjectID: custID, Detail: map[string]string{"export_id": id, "bytes": fmt.Sprint(len(archive))}})
	})
	if err != nil {
		return "", nil, err
	}
	return name, archive, nil
}

// ExpireExports deletes the archives whose link expired unused, each
// audited; it returns how many. Servers call it every few minutes.
func (e *Exports) ExpireExports(ctx context.Context) (int, error) {
	n := 0
	err := e.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		exs, err := tx.ExpireExports(ctx)
		if err != nil {
			return err
		}
		n = len(exs)
		for _, ex := range exs {
			if err := tx.Audit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: proofdesk.AuditExportExpired,
				SubjectKind: "customer", SubjectID: ex.CustomerID, Detail: map[string]string{"export_id": ex.ID}}); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

// RunExpiry calls ExpireExports every interval until ctx ends; errors go
// to report (never with customer data).
func (e *Exports) RunExpiry(ctx context.Context, interval time.Duration, report func(error)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if _, err := e.ExpireExports(ctx); err != nil && ctx.Err() == nil {
			report(err)
		}
	}
}
