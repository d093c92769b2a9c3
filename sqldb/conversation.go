package sqldb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/vault"
)

// ConversationService stores conversations and messages; subjects, the
// requester's claims and message bodies are sealed under a data key of
// their conversation.
type ConversationService struct{ db *DB }

// NewConversationService returns the conversation service of db.
func NewConversationService(db *DB) *ConversationService { return &ConversationService{db: db} }

var _ proofdesk.ConversationService = (*ConversationService)(nil)

func conversationAAD(id, field string) string { return "conversations|" + id + "|" + field }
func messageAAD(id string) string             { return "messages|" + id + "|body" }

// requesterIndex returns the blind index of a claimed contact value, or
// nil when it is empty or does not normalise.
func (db *DB) requesterIndex(kind, v string) any {
	if v == "" {
		return nil
	}
	norm, err := normalizeContact(kind, v)
	if err != nil {
		return nil
	}
	return db.BlindIndex(kind, norm)
}

// CreateConversation stores conv and its first message, if any, with the
// message's Attachments, in one transaction.
func (s *ConversationService) CreateConversation(ctx context.Context, conv *proofdesk.Conversation, first *proofdesk.Message) error {
	if !proofdesk.ValidChannel(conv.Channel) {
		return proofdesk.FieldError("channel", "channel must be one of chat, email, phone, api")
	}
	if conv.Status == "" {
		conv.Status = proofdesk.StatusOpen
	}
	if !proofdesk.ValidStatus(conv.Status) {
		return proofdesk.FieldError("status", "unknown status")
	}
	// One rule for every channel, before anything reads the text.
	conv.Subject = proofdesk.NeutralizeBidi(conv.Subject)
	conv.Requester.Name = proofdesk.NeutralizeBidi(conv.Requester.Name)
	if first != nil {
		first.Body = proofdesk.NeutralizeBidi(first.Body)
		for _, a := range first.Attachments {
			// The guard reads, and the store keeps, the name as shown.
			a.Filename = proofdesk.SanitizeFilename(a.Filename)
		}
	}
	s.db.warmGuard(ctx, conv)
	texts := []string{conv.Subject}
	if first != nil {
		texts = append(texts, first.Body)
	}
	tokens := s.db.searchTokensOf(texts...)
	var blocked error
	var blockedMsg *proofdesk.Message
	err := s.db.WithTx(ctx, func(tx *Tx) error {
		tx.tokens = tokens
		if conv.VisitorID != "" && first != nil && first.ClientID != "" {
			// A visitor's retry of a creation whose answer it never saw.
			if found, err := tx.visitorConversationByClientID(ctx, conv, first); err != nil || found {
				return err
			}
		}
		dk, err := tx.insertConversation(ctx, conv)
		if err != nil {
			return err
		}
		if conv.VisitorID != "" {
			if err := tx.bindVisitor(ctx, conv.VisitorID, conv.ID); err != nil {
				return err
			}
		}
		// A subject an agent writes leaves with every email reply on the
		// conversation: it passes the guard as a reply of its own.
		if a := proofdesk.AgentFromContext(ctx); a != nil && strings.TrimSpace(conv.Subject) != "" {
			subj := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorAgent, AuthorID: a.ID, Body: conv.Subject}
			if err := tx.guardReply(ctx, conv, subj); err != nil {
				if refusedReply(err) {
					blocked, blockedMsg = err, subj
				}
				return err
			}
		}
		if first != nil {
			first.ConversationID = conv.ID
			if first.AuthorKind == proofdesk.AuthorAgent && !first.Internal {
				if err := tx.guardReply(ctx, conv, first); err != nil {
					if refusedReply(err) {
						blocked, blockedMsg = err, first
					}
					return err
				}
			}
			if err := tx.insertMessage(ctx, first, dk); err != nil {
				return err
			}
			tx.Changed(proofdesk.Event{Type: proofdesk.EventMessageCreated, ConversationID: conv.ID, MessageID: first.ID, AuthorKind: first.AuthorKind})
			if err := tx.insertAttachments(ctx, first, dk); err != nil {
				return err
			}
			if first.AuthorKind == proofdesk.AuthorCustomer {
				return tx.inspectRequesterMessage(ctx, conv.ID, first.Body)
			}
		}
		return nil
	})
	if blocked != nil {
		// Counted like any blocked reply: a new conversation per guess
		// is no way around the count.
		return s.db.replyRefused(ctx, blockedMsg, blocked)
	}
	return err
}

// warmGuard builds, outside the write transaction, the guard matchers an
// agent's subject or first message on conv will be checked against (the
// linked customer's and the claimed ones'), so that the check inside the
// transaction finds them cached: building a matcher took 5 % of a
// create's CPU under the SQLite writer. The check in the transaction
// reads the customers again and uses a cached matcher only when its
// fingerprint (the customer's values and the policy) is unchanged, so
// this decides nothing; its errors are the transaction's to report. Only
// on SQLite: PostgreSQL runs the transactions side by side, and the
// reads would be two more round trips for nothing.
func (db *DB) warmGuard(ctx context.Context, conv *proofdesk.Conversation) {
	if db.group == nil || proofdesk.AgentFromContext(ctx) == nil || (conv.CustomerID == "" && conv.Requester.Email == "" && conv.Requester.Phone == "") {
		return
	}
	r := db.reader()
	policy, err := r.policy(ctx)
	if err != nil {
		return
	}
	_, _ = r.guardTargets(ctx, conv, policy, proofdesk.L0)
}

// insertConversation stores conv (validated by the caller) at L0 with a
// new data key and audits its creation; it sets conv's ID and times.
func (tx *Tx) insertConversation(ctx context.Context, conv *proofdesk.Conversation) (*vault.DataKey, error) {
	if conv.CustomerID != "" {
		if err := tx.refuseErased(ctx, conv.CustomerID); err != nil {
			return nil, err
		}
	}
	conv.ID = proofdesk.NewID("cnv")
	conv.CreatedAt, conv.UpdatedAt, conv.LastActivityAt = tx.now, tx.now, tx.now
	// Claims never count: a new conversation starts at L0.
	conv.Level, conv.LevelExpiresAt = proofdesk.L0, nil
	if conv.Tags == nil {
		conv.Tags = []string{}
	}
	if conv.RiskFlags == nil {
		conv.RiskFlags = []string{}
	}
	if conv.Priority == "" {
		conv.Priority = proofdesk.PriorityNormal
	}
	if !proofdesk.ValidPriority(conv.Priority) {
		return nil, proofdesk.FieldError("priority", "priority must be one of low, normal, high, urgent")
	}
	if conv.Status == proofdesk.StatusSnoozed && conv.SnoozedUntil != nil && !conv.SnoozedUntil.After(tx.now) {
		return nil, proofdesk.FieldError("snoozed_until", "snoozed_until must be in the future")
	}
	if conv.Status != proofdesk.StatusSnoozed {
		conv.SnoozedUntil = nil
	}
	if conv.Team != "" {
		if err := tx.checkTeam(ctx, conv.Team); err != nil {
			return nil, err
		}
	}
	if conv.CustomerID != "" {
		if _, err := tx.findCustomerByID(ctx, conv.CustomerID); err != nil {
			if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
				return nil, proofdesk.FieldError("customer_id", "customer_id names no customer")
			}
			return nil, err
		}
	}
	dk, err := tx.entityKey(ctx, conv.ID)
	if err != nil {
		return nil, err
	}
	req, err := json.Marshal(conv.Requester)
	if err != nil {
		return nil, err
	}
	tags, _ := json.Marshal(conv.Tags)
	flags, _ := json.Marshal(conv.RiskFlags)
	// In a PostgreSQL transaction, sent with its next statement.
	if err := tx.execLater(ctx, "insert conversation", `INSERT INTO conversations (id, channel, customer_id, data_key_id, requester_enc, requester_email_idx, requester_phone_idx, subject_enc,
		status, assignee_id, team, tags, level, level_expires_at, risk_flags, fraud, created_at, updated_at, last_activity_at, priority, snoozed_until)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		conv.ID, conv.Channel, nullString(conv.CustomerID), dk.ID, dk.Seal(conversationAAD(conv.ID, "requester"), req),
		tx.db.requesterIndex(proofdesk.ContactEmail, conv.Requester.Email), tx.db.requesterIndex(proofdesk.ContactPhone, conv.Requester.Phone),
		dk.SealString(conversationAAD(conv.ID, "subject"), conv.Subject),
		conv.Status, nullString(conv.AssigneeID), conv.Team, string(tags), int(conv.Level), nil, string(flags), boolInt(conv.Fraud),
		fmtTime(conv.CreatedAt), fmtTime(conv.UpdatedAt), fmtTime(conv.LastActivityAt), conv.Priority, fmtTimePtr(conv.SnoozedUntil)); err != nil {
		return nil, err
	}
	if err := tx.indexSearch(ctx, conv.ID, conv.Subject); err != nil {
		return nil, err
	}
	tx.Changed(proofdesk.Event{Type: proofdesk.EventConversationCreated, ConversationID: conv.ID, Status: conv.Status})
	if err := tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditConversationNew, SubjectKind: "conversation", SubjectID: conv.ID,
		Detail: map[string]string{"channel": conv.Channel, "customer_id": conv.CustomerID}}); err != nil {
		return nil, err
	}
	return dk, nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// selectConversations returns "SELECT <the columns scanConversation
// reads> FROM conversations v" with the key store's join (keyJoin); a
// WHERE clause follows.
func (db *DB) selectConversations() string {
	col, join := db.keyJoin("v")
	return `SELECT v.id, v.channel, COALESCE(v.customer_id, ''), v.data_key_id, ` + col + `, v.requester_enc, v.subject_enc, v.status,
	COALESCE(v.assignee_id, ''), v.team, v.tags, v.level, v.level_expires_at, v.risk_flags, v.fraud, v.created_at, v.updated_at, v.last_activity_at,
	v.priority, v.snoozed_until FROM conversations v` + join
}

func (db *DB) scanConversation(ctx context.Context, row scanner) (*proofdesk.Conversation, *vault.DataKey, error) {
	c := &proofdesk.Conversation{}
	var dkID, wrapped, req, subj, tags, flags string
	var level, fraud int
	var exp, snoozed nullTime
	if err := row.Scan(&c.ID, &c.Channel, &c.CustomerID, &dkID, &wrapped, &req, &subj, &c.Status, &c.AssigneeID, &c.Team, &tags, &level, &exp, &flags, &fraud,
		timeScan{&c.CreatedAt}, timeScan{&c.UpdatedAt}, timeScan{&c.LastActivityAt}, &c.Priority, &snoozed); err != nil {
		return nil, nil, fmt.Errorf("scan conversation: %w", wrapErr(err))
	}
	c.SnoozedUntil = snoozed.t
	c.Level, c.LevelExpiresAt, c.Fraud = proofdesk.Level(level), exp.t, fraud != 0
	if err := json.Unmarshal([]byte(tags), &c.Tags); err != nil {
		return nil, nil, fmt.Errorf("conversation %s: tags: %w", c.ID, err)
	}
	if err := json.Unmarshal([]byte(flags), &c.RiskFlags); err != nil {
		return nil, nil, fmt.Errorf("conversation %s: risk flags: %w", c.ID, err)
	}
	dk, err := db.openRowKey(ctx, dkID, wrapped)
	if err != nil {
		return nil, nil, fmt.Errorf("conversation %s: %w", c.ID, err)
	}
	b, err := dk.Open(conversationAAD(c.ID, "requester"), req)
	if err != nil {
		return nil, nil, fmt.Errorf("conversation %s: %w", c.ID, err)
	}
	if err := json.Unmarshal(b, &c.Requester); err != nil {
		return nil, nil, fmt.Errorf("conversation %s: requester: %w", c.ID, err)
	}
	if c.Subject, err = dk.OpenString(conversationAAD(c.ID, "subject"), subj); err != nil {
		return nil, nil, fmt.Errorf("conversation %s: %w", c.ID, err)
	}
	return c, dk, nil
}

// FindConversationByID returns ENOTFOUND if none has that ID.
func (s *ConversationService) FindConversationByID(ctx context.Context, id string) (*proofdesk.Conversation, error) {
	c, _, err := s.db.reader().findConversationByID(ctx, id)
	return c, err
}

func (h *Handle) findConversationByID(ctx context.Context, id string) (*proofdesk.Conversation, *vault.DataKey, error) {
	// In a write transaction, read and decrypted once until its next
	// write (memoRead): a reply read it for the message, then for the
	// guard's recent replies, and a create's guard twice. The read takes
	// lockRow's lock itself: one round trip, not two.
	r, err := memoRead(h, memoKey("conversation", id), cloneConvRead, func() (convRead, error) {
		row := h.queryRow(ctx, h.db.selectConversations()+` WHERE v.id = ?`+h.lockClause("conversations", "v", id), id)
		c, dk, err := h.db.scanConversation(ctx, row)
		if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
			return convRead{}, notFound("Conversation")
		}
		if err == nil {
			h.lockedRow("conversations", id)
		}
		return convRead{c, dk}, err
	})
	return r.c, r.dk, err
}

// FindConversations returns the matching conversations, newest activity
// first, and the total count.
func (s *ConversationService) FindConversations(ctx context.Context, f proofdesk.ConversationFilter) ([]*proofdesk.Conversation, int, error) {
	h := s.db.reader()
	var where []string
	var args []any
	add := func(col string, v *string) {
		if v != nil {
			where, args = append(where, col+" = ?"), append(args, *v)
		}
	}
	add("v.id", f.ID)
	add("v.customer_id", f.CustomerID)
	add("v.channel", f.Channel)
	add("v.status", f.Status)
	add("v.assignee_id", f.AssigneeID)
	add("v.team", f.Team)
	add("v.priority", f.Priority)
	if f.Tag != nil {
		// tags is a JSON array of lower-case names without quotes inside.
		where, args = append(where, `v.tags LIKE ? ESCAPE '\'`), append(args, "%"+likeEscape(jsonString(strings.ToLower(*f.Tag)))+"%")
	}
	if f.Unassigned {
		where = append(where, "v.assignee_id IS NULL")
	}
	if f.MinLevel != nil && *f.MinLevel > proofdesk.L0 {
		where, args = append(where, "v.level >= ? AND v.level_expires_at > ?"), append(args, int(*f.MinLevel), fmtTime(h.now))
	}
	w := joinAnd(where)
	// Newest activity first; id DESC breaks ties, as the inbox indexes
	// (last_activity_at DESC, id DESC) are ordered.
	order := `v.last_activity_at DESC, v.id DESC`
	switch f.Sort {
	case "", proofdesk.SortActivity:
	case proofdesk.SortPriority:
		order = `CASE v.priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END DESC, v.last_activity_at DESC, v.id DESC`
	case proofdesk.SortCreated:
		order = `v.created_at, v.id DESC`
	default:
		return nil, 0, proofdesk.FieldError("sort", "sort must be one of activity, priority, created")
	}
	// The count stops at MaxConversationCount: counting every match would
	// make each page cost as much as the whole inbox.
	var total int
	if err := h.queryRow(ctx, fmt.Sprintf(`SELECT COUNT(*) FROM (SELECT 1 FROM conversations v WHERE %s LIMIT %d) c`, w, proofdesk.MaxConversationCount), args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count conversations: %w", err)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	rows, err := h.query(ctx, h.db.selectConversations()+` WHERE `+w+
		fmt.Sprintf(` ORDER BY %s LIMIT %d OFFSET %d`, order, limit, max(f.Offset, 0)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("find conversations: %w", err)
	}
	defer rows.Close()
	var out []*proofdesk.Conversation
	for rows.Next() {
		c, _, err := s.db.scanConversation(ctx, rows)
		if errors.Is(err, errKeyDestroyed) {
			continue
		}
		if err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	return out, total, rows.Err()
}

// UpdateConversation applies the status, team and tags of upd. Assigning
// and linking are decided by the application: a change of AssigneeID or
// CustomerID here is refused (EINTERNAL); desk.Desk.UpdateConversation
// makes them.
func (s *ConversationService) UpdateConversation(ctx context.Context, id string, upd proofdesk.ConversationUpdate) (*proofdesk.Conversation, error) {
	var out *proofdesk.Conversation
	err := s.db.WithTx(ctx, func(tx *Tx) error {
		c, _, err := tx.findConversationByID(ctx, id)
		if err != nil {
			return err
		}
		if (upd.CustomerID != nil && *upd.CustomerID != c.CustomerID) || (upd.AssigneeID != nil && *upd.AssigneeID != c.AssigneeID) {
			return proofdesk.Errorf(proofdesk.EINTERNAL, "Assigning and linking a conversation go through desk.Desk.UpdateConversation.")
		}
		out = c
		if err := tx.SaveConversation(ctx, c, upd, nil); err != nil {
			return err
		}
		tx.Changed(proofdesk.Event{Type: proofdesk.EventConversationUpdated, ConversationID: c.ID, Status: c.Status, Level: c.EffectiveLevel(tx.now).String()})
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// SaveConversation applies the status, team and tags of upd to c and
// stores c with every field named in changed (fields the caller already
// changed in c, such as "customer_id" or "assignee_id"). It sends the
// transcripts when the status becomes resolved and audits the changed
// field names. Nothing changed stores nothing. Errors: EINVALID for a bad
// status. It decides nothing.
func (tx *Tx) SaveConversation(ctx context.Context, c *proofdesk.Conversation, upd proofdesk.ConversationUpdate, changed []string) error {
	if upd.Status != nil && *upd.Status != c.Status {
		if !proofdesk.ValidStatus(*upd.Status) {
			return proofdesk.FieldError("status", "status must be one of open, pending, snoozed, resolved")
		}
		c.Status, changed = *upd.Status, append(changed, "status")
		if c.Status != proofdesk.StatusSnoozed && c.SnoozedUntil != nil {
			c.SnoozedUntil = nil
		}
	}
	if c.Status == proofdesk.StatusSnoozed && upd.SnoozedUntil != nil {
		if !upd.SnoozedUntil.After(tx.now) {
			return proofdesk.FieldError("snoozed_until", "snoozed_until must be in the future")
		}
		t := upd.SnoozedUntil.UTC()
		c.SnoozedUntil, changed = &t, append(changed, "snoozed_until")
	} else if upd.SnoozedUntil != nil {
		return proofdesk.FieldError("snoozed_until", "snoozed_until goes with status snoozed")
	}
	if upd.Team != nil && *upd.Team != c.Team {
		if *upd.Team != "" {
			if err := tx.checkTeam(ctx, *upd.Team); err != nil {
				return err
			}
		}
		c.Team, changed = *upd.Team, append(changed, "team")
	}
	if upd.Tags != nil {
		tags := normalizeTags(*upd.Tags)
		if err := tx.checkTags(ctx, tags, c.Tags); err != nil {
			return err
		}
		c.Tags, changed = tags, append(changed, "tags")
	}
	if upd.Priority != nil && *upd.Priority != c.Priority {
		if !proofdesk.ValidPriority(*upd.Priority) {
			return proofdesk.FieldError("priority", "priority must be one of low, normal, high, urgent")
		}
		c.Priority, changed = *upd.Priority, append(changed, "priority")
	}
	if len(changed) == 0 {
		return nil
	}
	c.UpdatedAt = tx.now
	tags, _ := json.Marshal(c.Tags)
	if _, err := tx.exec(ctx, `UPDATE conversations SET customer_id = ?, status = ?, assignee_id = ?, team = ?, tags = ?, level = ?, level_expires_at = ?, updated_at = ?, priority = ?, snoozed_until = ? WHERE id = ?`,
		nullString(c.CustomerID), c.Status, nullString(c.AssigneeID), c.Team, string(tags), int(c.Level), fmtTimePtr(c.LevelExpiresAt), fmtTime(c.UpdatedAt), c.Priority, fmtTimePtr(c.SnoozedUntil), c.ID); err != nil {
		return fmt.Errorf("update conversation: %w", wrapErr(err))
	}
	if slices.Contains(changed, "status") {
		if err := tx.logStatus(ctx, c.ID, c.Status); err != nil {
			return err
		}
	}
	if upd.Status != nil && c.Status == proofdesk.StatusResolved {
		if err := tx.sendTranscripts(ctx, c); err != nil {
			return err
		}
	}
	return tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditConversationEdit, SubjectKind: "conversation", SubjectID: c.ID,
		Detail: map[string]string{"fields": strings.Join(changed, ",")}})
}

// ResetLevel drops c to L0 and deletes the factors it was verified with;
// the caller audits the change. It decides nothing.
func (tx *Tx) ResetLevel(ctx context.Context, c *proofdesk.Conversation) error {
	c.Level, c.LevelExpiresAt = proofdesk.L0, nil
	if _, err := tx.exec(ctx, `DELETE FROM conversation_factors WHERE conversation_id = ?`, c.ID); err != nil {
		return fmt.Errorf("reset level: %w", wrapErr(err))
	}
	return nil
}

func normalizeTags(tags []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// CreateMessage appends m to its conversation. A message whose ClientID
// is already stored on that conversation is not stored twice: m is filled
// from the stored one. An agent reply (not an internal note) passes the
// installed ReplyGuard first (the desk's disclosure guard), whatever
// channel it leaves on; a refused reply (EDISCLOSURE, or the gate's
// refusal such as a paused agent) stores nothing and is handed back to
// the ReplyGuard to record; without a ReplyGuard it is refused
// (EINTERNAL). On SQLite the ReplyPrechecker runs first on a reader, and
// the transaction runs GuardReply only when the facts the check read
// changed since (reply.go). A requester's
// message is inspected for offered values, probing and intent.
func (s *ConversationService) CreateMessage(ctx context.Context, m *proofdesk.Message) error {
	// Before the guard reads it: what is checked is what is stored and sent.
	m.Body = proofdesk.NeutralizeBidi(m.Body)
	for _, a := range m.Attachments {
		// The guard reads, and the store keeps, the name as shown.
		a.Filename = proofdesk.SanitizeFilename(a.Filename)
	}
	tokens := s.db.searchTokensOf(m.Body)
	var words requesterWords
	if m.AuthorKind == proofdesk.AuthorCustomer {
		words = readRequesterWords(m.Body) // pure: read before the write lock
	}
	// The guard's reads and checks, off the writer (SQLite): the
	// transaction then only checks that what they read is unchanged.
	pre := s.db.precheckReply(ctx, m)
	var blocked error
	err := s.db.WithTx(ctx, func(tx *Tx) error {
		tx.tokens = tokens
		conv, dk, err := tx.findConversationByID(ctx, m.ConversationID)
		if err != nil {
			return err
		}
		if m.ClientID != "" {
			// "client_id <> ''" is the partial index's own condition:
			// without it SQLite cannot use messages_client_id and reads
			// every message of the conversation.
			row := tx.queryRow(ctx, `SELECT `+messageColumns+` FROM messages WHERE conversation_id = ? AND client_id = ? AND client_id <> ''`, m.ConversationID, m.ClientID)
			old, err := scanMessage(row, dk)
			if err == nil {
				*m = *old // a retry: nothing new, no event
				return tx.visibleSeq(ctx, m)
			} else if proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
				return err
			}
		}
		if m.AuthorKind == proofdesk.AuthorAgent && !m.Internal {
			passed, err := tx.precheckHolds(ctx, pre, conv, m)
			if err != nil {
				return err
			}
			if !passed {
				if err := tx.guardReply(ctx, conv, m); err != nil {
					if refusedReply(err) {
						blocked = err
					}
					return err
				}
			}
		}
		if err := tx.insertMessage(ctx, m, dk); err != nil {
			return err
		}
		tx.Changed(proofdesk.Event{Type: proofdesk.EventMessageCreated, ConversationID: m.ConversationID, MessageID: m.ID, AuthorKind: m.AuthorKind})
		if err := tx.insertAttachments(ctx, m, dk); err != nil {
			return err
		}
		if m.AuthorKind == proofdesk.AuthorCustomer {
			if _, err := tx.reopenConversation(ctx, conv); err != nil {
				return err
			}
			return tx.inspectRequesterWords(ctx, conv, m.Body, words)
		}
		if m.AuthorKind == proofdesk.AuthorAgent && !m.Internal && conv.Channel == proofdesk.ChannelEmail && conv.Requester.Email != "" {
			// Replies on email conversations leave through the outbox,
			// queued in the same transaction as the message.
			_, err := tx.enqueueReply(ctx, conv, m)
			return err
		}
		return nil
	})
	if blocked != nil {
		return s.db.replyRefused(ctx, m, blocked)
	}
	return err
}

// insertMessage writes m sealed under dk, with its search tokens and
// webhook; ECONFLICT for a customer's or an agent's message on an erased
// conversation.
func (tx *Tx) insertMessage(ctx context.Context, m *proofdesk.Message, dk *vault.DataKey) error {
	switch m.AuthorKind {
	case proofdesk.AuthorCustomer, proofdesk.AuthorAgent, proofdesk.AuthorSystem:
	default:
		return proofdesk.FieldError("author_kind", "unknown author kind")
	}
	if strings.TrimSpace(m.Body) == "" && len(m.Attachments) == 0 {
		return proofdesk.FieldError("body", "body is required")
	}
	if m.AuthorKind != proofdesk.AuthorSystem {
		// An erased conversation is a tombstone: what it took now no
		// erasure or retention would ever remove (both skip it).
		var erased nullTime
		if err := tx.queryRow(ctx, `SELECT erased_at FROM conversations WHERE id = ?`, m.ConversationID).Scan(&erased); err != nil {
			if proofdesk.ErrorCode(wrapErr(err)) == proofdesk.ENOTFOUND {
				return notFound("Conversation")
			}
			return fmt.Errorf("insert message: %w", wrapErr(err))
		}
		if erased.t != nil {
			return proofdesk.Errorf(proofdesk.ECONFLICT, "The conversation was erased with its customer: it takes no message. Start a new conversation instead.")
		}
	}
	m.ID = proofdesk.NewID("msg")
	m.CreatedAt = tx.now
	// The stored order and, for a message the requester sees, in the
	// same read its position among those (Message.Seq), so no caller
	// reads the conversation again to learn it. The count reads the
	// conversation's rows (the order alone is one index lookup): a chat's
	// few dozen, the price of not reading them all back decrypted.
	var seq, visible int64
	q := `SELECT COALESCE(MAX(seq), 0) + 1, COUNT(*) - COALESCE(SUM(internal), 0) FROM messages WHERE conversation_id = ?`
	if m.Internal {
		q = `SELECT COALESCE(MAX(seq), 0) + 1, -1 FROM messages WHERE conversation_id = ?`
	}
	if err := tx.queryRow(ctx, q, m.ConversationID).Scan(&seq, &visible); err != nil {
		return fmt.Errorf("insert message: %w", err)
	}
	m.Seq = int(visible) + 1 // 0 for an internal note
	if _, err := tx.exec(ctx, `INSERT INTO messages (id, conversation_id, seq, author_kind, author_id, body_enc, internal, client_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ID, m.ConversationID, seq, m.AuthorKind, m.AuthorID, dk.SealString(messageAAD(m.ID), m.Body), boolInt(m.Internal), m.ClientID, fmtTime(m.CreatedAt)); err != nil {
		return fmt.Errorf("insert message: %w", wrapErr(err))
	}
	if m.AuthorKind == proofdesk.AuthorCustomer {
		// The customer's own activity also keeps a live level alive (an
		// agent's replies and notes do not: the proof is the customer's);
		// an expired level stays expired. One statement with the touch.
		if _, err := tx.exec(ctx, `UPDATE conversations SET last_activity_at = ?, updated_at = ?,
			level_expires_at = CASE WHEN level > 0 AND level_expires_at > ? THEN ? ELSE level_expires_at END WHERE id = ?`,
			fmtTime(tx.now), fmtTime(tx.now), fmtTime(tx.now), fmtTime(tx.now.Add(tx.db.levelTTLOrDefault())), m.ConversationID); err != nil {
			return fmt.Errorf("touch conversation: %w", err)
		}
	} else if _, err := tx.exec(ctx, `UPDATE conversations SET last_activity_at = ?, updated_at = ? WHERE id = ?`, fmtTime(tx.now), fmtTime(tx.now), m.ConversationID); err != nil {
		return fmt.Errorf("touch conversation: %w", err)
	}
	if err := tx.indexSearch(ctx, m.ConversationID, m.Body); err != nil {
		return err
	}
	if !m.Internal {
		if err := tx.emitWebhook(ctx, proofdesk.WebhookMessageCreated, m.ConversationID, m, nil); err != nil {
			return err
		}
	}
	return nil
}

// visibleSeq sets m.Seq of a stored message m: its position among the
// messages the requester sees, 0 for an internal note.
func (tx *Tx) visibleSeq(ctx context.Context, m *proofdesk.Message) error {
	m.Seq = 0
	if m.Internal {
		return nil
	}
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND internal = 0 AND seq <= (SELECT seq FROM messages WHERE id = ?)`,
		m.ConversationID, m.ID).Scan(&m.Seq); err != nil {
		return fmt.Errorf("message position: %w", wrapErr(err))
	}
	return nil
}

const messageColumns = `id, conversation_id, author_kind, author_id, body_enc, internal, client_id, created_at, removed_at`

func scanMessage(row scanner, dk *vault.DataKey) (*proofdesk.Message, error) {
	m, body, err := scanSealedMessage(row)
	if err != nil {
		return nil, err
	}
	if err := openMessage(m, body, dk); err != nil {
		return nil, err
	}
	return m, nil
}

// scanSealedMessage scans messageColumns, then the row's further columns
// into more, and returns the message with its body still sealed (body).
func scanSealedMessage(row scanner, more ...any) (m *proofdesk.Message, body string, err error) {
	m = &proofdesk.Message{}
	var internal int
	var removed nullTime
	dest := append([]any{&m.ID, &m.ConversationID, &m.AuthorKind, &m.AuthorID, &body, &internal, &m.ClientID, timeScan{&m.CreatedAt}, &removed}, more...)
	if err := row.Scan(dest...); err != nil {
		return nil, "", fmt.Errorf("scan message: %w", wrapErr(err))
	}
	m.Internal = internal != 0
	m.RemovedAt = removed.t // the retention policy removed the body (retention.go)
	return m, body, nil
}

// openMessage sets m.Body to body opened with its conversation's data
// key dk; a removed message (m.RemovedAt) keeps none.
func openMessage(m *proofdesk.Message, body string, dk *vault.DataKey) error {
	if m.RemovedAt != nil {
		return nil
	}
	var err error
	if m.Body, err = dk.OpenString(messageAAD(m.ID), body); err != nil {
		return fmt.Errorf("message %s: %w", m.ID, err)
	}
	return nil
}

// FindMessages returns a conversation's messages, oldest first, each with
// its attachments' names, types and sizes (not their bytes).
func (s *ConversationService) FindMessages(ctx context.Context, conversationID string) ([]*proofdesk.Message, error) {
	h := s.db.reader()
	_, dk, err := h.findConversationByID(ctx, conversationID)
	if err != nil {
		return nil, err
	}
	rows, err := h.query(ctx, `SELECT `+messageColumns+` FROM messages WHERE conversation_id = ? ORDER BY seq`, conversationID)
	if err != nil {
		return nil, fmt.Errorf("find messages: %w", err)
	}
	defer rows.Close()
	var out []*proofdesk.Message
	visible := 0
	for rows.Next() {
		m, err := scanMessage(rows, dk)
		if err != nil {
			return nil, err
		}
		if !m.Internal {
			visible++
			m.Seq = visible
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, s.db.attachFiles(ctx, conversationID, out)
}
