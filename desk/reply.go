package desk

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/guard"
	"github.com/proofdesk/proofdesk/sqldb"
)

// recentRepliesN is how many of the agent's last replies in a
// conversation a new reply is checked with, for a value split across them.
const recentRepliesN = 3

// requesterMessagesN is how many of the requester's last messages a reply
// that opens with a quote ("> is it 12 Rue de la Paix? I can't confirm
// that until you're verified") is checked with: the quote's values pass
// only when one of them holds the quote (guard.CheckSaid).
const requesterMessagesN = 5

var _ sqldb.ReplyGuard = (*Desk)(nil)

// GuardReply checks an outgoing agent reply m on conv before the store
// keeps it (sqldb.ReplyGuard; the store calls it for every agent reply on
// every channel, in the transaction that would store it, unless
// PrecheckReply passed it before and nothing it read changed since). The
// level the guard checks at and the agent's pause come from proofdesk.Decide
// (DoReply); the guard reads the reply with the agent's recent replies
// there and, when it opens with a quote, the requester's last messages
// (guard.CheckSaid), and the data classes the requester offered. A
// supervisor's BreakGlassReason sends a blocked reply anyway when Decide
// allows the break-glass: audited, flagged, and the owner is notified.
// Errors: EDISCLOSURE with "rule", "class", "required_level" and
// "check_rule" for a blocked reply; the gate's refusal (EFORBIDDEN with
// rule "oracle.paused" while the agent is paused).
func (d *Desk) GuardReply(ctx context.Context, tx *sqldb.Tx, conv *proofdesk.Conversation, m *proofdesk.Message) error {
	c, err := d.checkReply(ctx, &tx.Handle, conv, m)
	if err != nil {
		return err
	}
	in, reply, v := c.in, c.reply, c.v
	if !v.Blocked {
		return d.countCandidates(ctx, tx, conv, m, in.Actor.ID, c.text, c.candidates)
	}
	v.RequiredLevel = in.Risk.Raise(v.RequiredLevel)
	if m.BreakGlassReason == "" {
		e, ok := v.Err().(*proofdesk.Error)
		if !ok {
			return fmt.Errorf("guard: blocked reply without a verdict error")
		}
		if e.Details == nil {
			e.Details = map[string]any{}
		}
		e.Details["required_level"] = v.RequiredLevel.String()
		e.Details["check_rule"] = reply.Rule
		e.Message = blockedMessage(v)
		return e
	}
	in.Action, in.BreakGlassReason = proofdesk.DoBreakGlass, m.BreakGlassReason
	if d := proofdesk.Decide(in); !d.Allowed {
		return d.Err(in)
	}
	if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditBreakGlass, SubjectKind: "conversation", SubjectID: conv.ID,
		Detail: map[string]string{"rule": v.Rule, "class": v.Class, "reason": m.BreakGlassReason, "what": "reply"}}); err != nil {
		return err
	}
	if err := tx.SetFlag(ctx, conv, proofdesk.RiskBreakGlass); err != nil {
		return err
	}
	if conv.CustomerID != "" {
		c, err := tx.FindCustomer(ctx, conv.CustomerID)
		if err != nil {
			return err
		}
		return tx.NotifyOwner(ctx, c, conv, ownerNote("o_sent_bg", ""))
	}
	return nil
}

// replyCheck is what checkReply found: the facts given to
// proofdesk.Decide, its answer, the text the guard read and its verdict.
type replyCheck struct {
	in    proofdesk.DecisionInput
	reply proofdesk.Decision
	text  string
	v     guard.Verdict
	// candidates are the protected classes of which a reply the guard
	// passes names a candidate value below the class's level
	// (candidateClasses).
	candidates []string
}

// checkReply is GuardReply's reading and checking of m on conv, with the
// reads of h (a write transaction, or a reader before it); it changes
// nothing. Errors: the gate's refusal, the index's (guard.index_building),
// the store's.
func (d *Desk) checkReply(ctx context.Context, h *sqldb.Handle, conv *proofdesk.Conversation, m *proofdesk.Message) (*replyCheck, error) {
	in, err := h.DecisionFacts(ctx, proofdesk.DoReply, conv, nil)
	if err != nil {
		return nil, err
	}
	if in.Actor.Role == "" {
		// An in-process caller (no signed-in agent) writing as the
		// message's author: an agent with no other right.
		in.Actor = proofdesk.Actor{ID: m.AuthorID, Role: proofdesk.RoleAgent}
	}
	if in.PausedUntil, err = d.pausedUntil(ctx, h, in.Actor.ID); err != nil {
		return nil, err
	}
	reply := proofdesk.Decide(in)
	if !reply.Allowed {
		return nil, reply.Err(in)
	}
	targets, err := h.GuardTargets(ctx, conv, in.Policy, reply.CheckLevel)
	if err != nil {
		return nil, err
	}
	offered, err := h.Offered(ctx, conv.ID)
	if err != nil {
		return nil, err
	}
	recent, err := h.RecentReplies(ctx, conv.ID, m.AuthorID, recentRepliesN)
	if err != nil {
		return nil, err
	}
	text, unreadable := guardText(m)
	var said []string
	if guard.OpensWithQuote(text) {
		if said, err = h.RequesterMessages(ctx, conv.ID, requesterMessagesN); err != nil {
			return nil, err
		}
	}
	v := guard.CheckSaid(text, said, recent, offered, targets...)
	if !v.Blocked && unreadable {
		// an attachment the guard cannot read may hold anything
		v = guard.UnreadableVerdict(in.Policy, reply.CheckLevel)
	}
	if !v.Blocked {
		// Any other customer's value, on file anywhere.
		if v, err = d.checkIndex(text, reply.CheckLevel, conv.CustomerID, in.Policy); err != nil {
			return nil, err
		}
	}
	c := &replyCheck{in: in, reply: reply, text: text, v: v}
	if !v.Blocked {
		c.candidates = candidateClasses(text, in.Policy, reply.CheckLevel)
	}
	return c, nil
}

// candidateClasses returns the protected classes of which text names a
// candidate value (guard.CountCandidates: a phone number, an email
// address, a full date, card digits beside a card word) while level is
// below the class's level in policy. A reply the guard passes names none
// of the customer's values, so each is a value not on file: sent, it
// tells the agent "not this one" as a block tells "this one"
// (countCandidates counts it).
func candidateClasses(text string, policy *proofdesk.Policy, level proofdesk.Level) []string {
	var out []string
	for _, class := range guard.CountCandidates(text).Classes() {
		if policy.ClassLevel(class) > level {
			out = append(out, class)
		}
	}
	return out
}

// countCandidates audits a reply the guard passed that names candidate
// values of classes (candidateClasses) as AuditGuardCandidate under the
// agent, in the transaction that stores it, and counts it towards the
// agent's pause with the blocked replies (limits): otherwise a wrong
// guess is sent uncounted and only the right one blocked, and "blocked
// or sent" answers every guess. Only a reply naming a value the agent
// has not named in the last hour counts: the same hotline, support
// address or order number in every reply answers no new guess
// (newCandidate). The entry holds the classes and the values' keyed
// hashes (candidateHash), never the values.
func (d *Desk) countCandidates(ctx context.Context, tx *sqldb.Tx, conv *proofdesk.Conversation, m *proofdesk.Message, agentID, text string, classes []string) error {
	if len(classes) == 0 || agentID == "" {
		return nil
	}
	hashes := d.candidateHashes(text, classes)
	fresh, err := d.newCandidate(ctx, tx, agentID, hashes)
	if err != nil || !fresh {
		return err
	}
	ev := proofdesk.AuditEvent{Action: proofdesk.AuditGuardCandidate, SubjectKind: "conversation", SubjectID: conv.ID,
		Detail: map[string]string{"classes": strings.Join(classes, ","), "level": conv.EffectiveLevel(tx.Now()).String(),
			"values": strings.Join(hashes, ",")}}
	if proofdesk.AgentFromContext(ctx) == nil {
		// an in-process caller writing as the message's author (as
		// ReplyRefused records it)
		ev.ActorKind, ev.ActorID = proofdesk.ActorAgent, m.AuthorID
	}
	if err := tx.Audit(ctx, ev); err != nil {
		return err
	}
	return d.watchAgent(ctx, tx, agentID, conv.ID, true)
}

// candidateHashLen is how many hex digits of a value's keyed hash an
// AuditGuardCandidate entry keeps (64 bits: no two of an agent's values
// in an hour share one).
const candidateHashLen = 16

// candidateHashes returns the keyed hashes (the store's blind index,
// under its own kind "guard.candidate", so no contact point's index
// matches one) of the candidate values text names of classes
// (guard.CandidateValues, "phone:33123456789"): a plain hash of a phone
// number is undone by trying every number, a keyed one is not.
func (d *Desk) candidateHashes(text string, classes []string) []string {
	var out []string
	for _, v := range guard.CandidateValues(text) {
		class, _, _ := strings.Cut(v, ":")
		if slices.Contains(classes, class) {
			out = append(out, d.db.BlindIndex(proofdesk.AuditGuardCandidate, v)[:candidateHashLen])
		}
	}
	return out
}

// newCandidate reports whether hashes (candidateHashes) hold a value
// agentID has not named in the last hour: one absent from the "values"
// of each of their AuditGuardCandidate entries of the hour. A reply that
// names only such values tells the agent nothing new ("sent" answered
// them already) and is not counted; with no values found (none the
// guard reads as one) it counts.
func (d *Desk) newCandidate(ctx context.Context, tx *sqldb.Tx, agentID string, hashes []string) (bool, error) {
	if len(hashes) == 0 {
		return true, nil
	}
	entries, err := tx.AuditDetails(ctx, agentID, proofdesk.AuditGuardCandidate, tx.Now().Add(-time.Hour))
	if err != nil {
		return false, err
	}
	named := map[string]bool{}
	for _, e := range entries {
		for _, h := range strings.Split(e["values"], ",") {
			named[h] = true
		}
	}
	for _, h := range hashes {
		if !named[h] {
			return true, nil
		}
	}
	return false, nil
}

var _ sqldb.ReplyPrechecker = (*Desk)(nil)

// PauseActions returns the audit actions counted towards an agent's
// pause (sqldb.ReplyPrechecker): blocked replies, sent replies naming
// candidate values, and exact-value lookups.
func (d *Desk) PauseActions() []string {
	var out []string
	for _, l := range d.limits() {
		out = append(out, l.actions...)
	}
	return out
}

// PrecheckReply runs GuardReply's checks on m before the write
// transaction, with the reads of h, a reader (sqldb.ReplyPrechecker):
// nil unless they pass m. The function it returns checks m again against
// the index of every customer, the desk's own state (kept current after
// each commit, in memory), when the transaction runs; the store checks
// that what the rest read is unchanged, and runs GuardReply otherwise.
func (d *Desk) PrecheckReply(ctx context.Context, h *sqldb.Handle, conv *proofdesk.Conversation, m *proofdesk.Message) func() bool {
	c, err := d.checkReply(ctx, h, conv, m)
	if err != nil || c.v.Blocked || len(c.candidates) > 0 {
		// A reply naming candidate values is counted (GuardReply, in
		// the transaction).
		return nil
	}
	return func() bool {
		v, err := d.checkIndex(c.text, c.reply.CheckLevel, conv.CustomerID, c.in.Policy)
		return err == nil && !v.Blocked
	}
}

// ReplyRefused records a reply GuardReply refused, in its own transaction
// (sqldb.ReplyGuard): a blocked reply is audited (the rule, class and
// level, never the text) under the agent, counted towards the agent's
// hourly limit of blocks and lookups, and may raise the conversation's
// risk; a reply refused by the gate (paused agent) is audited as a
// refusal and not counted.
func (d *Desk) ReplyRefused(ctx context.Context, tx *sqldb.Tx, m *proofdesk.Message, refused error) error {
	e, ok := refused.(*proofdesk.Error)
	if !ok {
		return nil
	}
	detail := map[string]string{}
	for _, k := range []string{"rule", "class", "required_level"} {
		if v, ok := e.Details[k]; ok {
			detail[k] = fmt.Sprint(v)
		}
	}
	ev := proofdesk.AuditEvent{SubjectKind: "conversation", SubjectID: m.ConversationID, Detail: detail}
	if proofdesk.AgentFromContext(ctx) == nil && m.AuthorID != "" {
		ev.ActorKind, ev.ActorID = proofdesk.ActorAgent, m.AuthorID
	}
	agentID := ev.ActorID
	if a := proofdesk.AgentFromContext(ctx); a != nil {
		agentID = a.ID
	}
	if e.Code != proofdesk.EDISCLOSURE {
		ev.Action = proofdesk.AuditRefusedAction(proofdesk.DoReply)
		return tx.Audit(ctx, ev)
	}
	ev.Action = proofdesk.AuditDisclosureBlocked
	if err := tx.Audit(ctx, ev); err != nil {
		return err
	}
	if err := tx.NoteRiskRaise(ctx, m.ConversationID); err != nil && proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
		// ENOTFOUND: the reply was a new conversation's first message,
		// rolled back with it.
		return err
	}
	return d.watchAgent(ctx, tx, agentID, m.ConversationID, true)
}

// guardText is what the disclosure guard reads of an agent reply: its body,
// each attachment's name, and the text of each attachment as
// guard.AttachmentText reads it (UTF-8 and UTF-16 text, gzip, zip and the
// office formats, PDF text, compressed streams included). unreadable says
// an attachment could not be read at all (an image, a scan, an unknown or
// encrypted format): GuardReply then refuses it below the strictest
// protected class's level (guard.UnreadableVerdict).
func guardText(m *proofdesk.Message) (text string, unreadable bool) {
	if len(m.Attachments) == 0 {
		return m.Body, false
	}
	var b strings.Builder
	b.WriteString(m.Body)
	for _, a := range m.Attachments {
		b.WriteString("\n")
		b.WriteString(a.Filename)
		t, ok := guard.AttachmentText(a.Filename, a.ContentType, a.Data)
		if !ok {
			unreadable = true
		}
		b.WriteString("\n")
		b.WriteString(t)
	}
	return b.String(), unreadable
}

func blockedMessage(v guard.Verdict) string {
	switch v.Rule {
	case guard.RuleConfirmation:
		return fmt.Sprintf("Blocked: the reply confirms a value the requester offered. Verify the customer to %s first; until then neither confirm nor deny.", v.RequiredLevel)
	case guard.RuleDenial:
		return fmt.Sprintf("Blocked: the reply denies a value the requester offered. Verify the customer to %s first; until then neither confirm nor deny.", v.RequiredLevel)
	case guard.RuleUnreadableAttachment:
		return fmt.Sprintf("Blocked: an attachment cannot be read by the guard (an image, a scan or an unknown or encrypted format), so it may hold customer data. Verify the customer to %s first, or send the text instead.", v.RequiredLevel)
	case guard.RuleGuardError:
		return "Blocked: the guard failed on this reply (an internal error, logged for the administrator), so it was not sent. Rephrase it, or send it after verifying the customer to L2."
	case guard.RuleEnumeration:
		return fmt.Sprintf("Blocked: the reply lists many candidate values of the customer's %s. Verify the customer to %s first.", v.Class, v.RequiredLevel)
	}
	return fmt.Sprintf("Blocked: the reply contains the customer's %s, which needs %s. Send a verification request first.", v.Class, v.RequiredLevel)
}
