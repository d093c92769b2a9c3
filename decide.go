package proofdesk

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// This file is the one gate (DESIGN.md §2): every "may this actor see or
// do this, on this conversation and customer, now?" is answered by Decide,
// from plain facts, without I/O. Stores, handlers and pages gather the
// facts, ask Decide, and act on the Decision; none of them holds a copy of
// a rule. Read Decide's switch to find the rule for any action.

// RoleIntegration is the business's system of record: an API token kind
// for customer sync and import, never an agent who signs in to the
// console. It may create and change customers (with backdated contact
// points) but takes no part in conversations.
const RoleIntegration = "integration"

// ActorIntegration is the audit actor kind of an integration token.
const ActorIntegration = "integration"

// RoleSystem is Proofdesk itself or an operator at the command line
// (import, demo seeding): not a person in the console.
const RoleSystem = "system"

// Gate actions: what Decide answers about.
const (
	DoReveal         = "reveal"             // show one customer field in clear (Field)
	DoReply          = "reply"              // send a reply; the decision gives the level the guard checks at
	DoConversation   = "conversation"       // read or act on conversations at all (the API's conversation routes, events)
	DoNote           = "note"               // add an internal note
	DoVerify         = "issue_verification" // send a verification request to an on-file contact point
	DoBreakGlass     = "break_glass"        // a supervisor goes past the policy (reveal or a blocked reply)
	DoUnlock         = ActionRemoveSupportLock
	DoAssign         = "assign" // assign, hand over or take over (TargetID is the new holder, "" to unassign)
	DoCreateCustomer = "create_customer"
	DoLink           = "link" // link the conversation to a customer (CustomerID); relinking drops the level
	// LinkBySession is DoLink's Field when Proofdesk (RoleSystem) relinks a
	// conversation to the customer a signed session names
	// (desk.Verification.LinkSession): no supervisor needed, but never
	// what a legal hold covers or one cleared within TwoPersonWindow.
	LinkBySession = "session"
	DoAdminister  = "administer"   // policy, audit log, outbox, agents, tokens, settings
	DoViewReports = "view_reports" // the reports page and its CSV: counts and times, no customer data
	DoMerge       = "merge"
	// DoFillPlaceholder fills a macro placeholder that reads customer
	// data (Field, a reveal field) into a reply draft: allowed when the
	// level the guard would check the reply at meets the field's level.
	DoFillPlaceholder = "fill_placeholder"
	// DoEditMacro creates, changes or deletes a macro: TargetID is its
	// creator ("" to create), Field "shared" or "personal".
	DoEditMacro = "edit_macro"
	// DoViewMacro sees a macro (to open, change, delete or apply it):
	// TargetID is its owner, "" for a shared one. A personal macro is its
	// owner's alone; to anyone else it does not exist (ENOTFOUND).
	DoViewMacro = "view_macro"
	// DoSearch searches conversations' words; Field is the data class
	// the query has the shape of ("" for none): a search runs at no
	// conversation's level, so a protected class is refused by its shape,
	// whether or not such a value is on file.
	DoSearch = "search"
	// DoMergeConversations merges the conversation into another of the
	// same customer (Field "same_customer" when the other is linked to
	// this one's customer): the holder, or a supervisor; never under a
	// support lock.
	DoMergeConversations = "merge_conversations"
	// DoExport sends the customer a copy of everything stored about them
	// (the right of access): a supervisor's action, from a conversation
	// verified to L2 (ConversationID set) or, outside any conversation
	// (the console's customer card), by break-glass with a reason. The
	// archive goes to the owner's settled email only, never to the actor.
	DoExport = "export"
	// DoErase erases a customer by crypto-shredding (a supervisor's, with
	// a Reason; refused under a support lock or a legal hold, and to the
	// one who cleared a hold covering the customer within
	// TwoPersonWindow, see HoldClears). Field is
	// the legal basis the supervisor recorded, "" for none: then the owner
	// confirms through an on-file contact point (Decision.OwnerConfirms).
	DoErase = "erase"
	// DoLegalHold sets or clears a legal hold (a supervisor's, with a
	// Reason).
	DoLegalHold = "legal_hold"
	// DoLookup finds customers by an exact value (email, phone, external
	// ID): each answer confirms or denies a guess, like the guard.
	DoLookup = "lookup_customer"
	// DoClearPause lifts an agent's pause (TargetID) before the hour passes.
	DoClearPause = "clear_pause"
	// DoViewPause reads whether an agent (TargetID) is paused: their own,
	// or anyone's by a supervisor.
	DoViewPause = "view_pause"
	// DoManageAgent changes an agent (TargetID): AgentChange says how
	// (agent_lifecycle.go).
	DoManageAgent = "manage_agent"
	// DoPushOrder stores an order of a customer from the business's
	// system of record (order.go).
	DoPushOrder = "push_order"

	// Changes of protected customer data.
	DoAddContactPoint    = ActionAddContactPoint
	DoChangeContactPoint = "change_contact_point" // replace or remove emails or phones
	DoChangeAddress      = ActionChangeAddress
	DoChangePayment      = "change_payment"
	DoChangeDateOfBirth  = "change_date_of_birth"
	DoChangeName         = "change_name"
	DoChangeExternalID   = "change_external_id"
	DoChangeAttribute    = "change_attribute" // Field is the attribute's name
)

// IsChange reports whether action changes customer data.
func IsChange(action string) bool {
	switch action {
	case DoAddContactPoint, DoChangeContactPoint, DoChangeAddress, DoChangePayment,
		DoChangeDateOfBirth, DoChangeName, DoChangeExternalID, DoChangeAttribute:
		return true
	}
	return false
}

// Rule IDs: stable names of the rule that decided, for audit entries,
// API errors ("rule") and tests.
const (
	RuleNoActor           = "actor.none"
	RuleUnknownAction     = "action.unknown"
	RuleNotAgent          = "role.not_agent"         // integration or system acting on a conversation
	RuleIntegrationOnly   = "role.integration_only"  // agents change protected data only in a conversation
	RuleSupervisorOnly    = "role.supervisor"        // the action needs a supervisor
	RuleAdminOnly         = "role.admin"             // the action needs an admin
	RuleUnlinked          = "conversation.unlinked"  // the conversation has no customer
	RuleHolderOnly        = "conversation.holder"    // only the agent holding the conversation
	RuleLevel             = "level.policy"           // the conversation's level is below the policy's
	RuleSupportLock       = "lock.support"           // no support-side change under a support lock
	RuleLockSupervisor    = "lock.supervisor"        // under a lock, revealing needs L2 and a supervisor
	RuleNotLocked         = "lock.none"              // unlock: nothing to lift
	RuleBackdated         = "change.backdated"       // only import and the integration may backdate
	RuleBreakGlassReason  = "break_glass.reason"     // a break-glass needs a reason
	RuleAllowed           = "allowed"                // the policy's level is met
	RuleBreakGlass        = "break_glass"            // a supervisor went past the policy
	RuleUnprotected       = "change.unprotected"     // the field is not protected (L0)
	RuleIntegrationChange = "change.integration"     // the system of record changed a customer
	RuleRelinkSupervisor  = "link.relink"            // linking a linked conversation to another customer needs a supervisor
	RuleAssignOthers      = "assign.others"          // moving someone else's conversation to a third agent needs a supervisor
	RuleHandOver          = "assign.hand_over"       // the holder hands over: the level stays
	RuleTakeOver          = "assign.take_over"       // someone else takes over: the level drops to L0
	RuleTakeOverGlass     = "assign.take_over_glass" // a supervisor takes over by break-glass: the level stays
	RuleAssignUnverified  = "assign.unverified"      // nothing to carry: the conversation is at L0
	RuleFirstHolder       = "assign.first_holder"    // an unassigned verified conversation gets its first holder: the level stays
	RuleReplyNotHolder    = "reply.not_holder"       // a reply by someone other than the holder is checked at L0
	RuleReplyRiskHigh     = "reply.risk_high"        // high risk: the guard checks one level lower
	RuleReplyLevel        = "reply.level"            // the guard checks at the conversation's level
	RuleReplyLocked       = "reply.locked"           // under a support lock an agent's reply is checked at L0 (a supervisor's at L2)
	RulePaused            = "oracle.paused"          // too many blocked replies and lookups in the hour: replies and lookups pause
	RuleClearOwnPause     = "oracle.clear_own"       // nobody clears their own pause
	RuleMacroOwner        = "macro.owner"            // a personal macro is its owner's; a shared one its creator's or a supervisor's
	RuleAutoAssign        = "assign.auto"            // Proofdesk routes an unassigned conversation to an agent (round robin)
	RuleAutoReassign      = "assign.auto_reassign"   // Proofdesk takes an offline agent's conversation back: a take-over, the level drops
	RuleReasonRequired    = "reason.required"        // the action needs a reason in words
	RuleLegalHold         = "hold.legal"             // no erasure, merge or relink under a legal hold
	RuleOwnerConfirms     = "erase.owner_confirms"   // no legal basis recorded: the owner confirms the erasure
	RuleLegalBasis        = "erase.legal_basis"      // a supervisor recorded a legal basis: the erasure runs at once
	RuleEraseRetention    = "erase.retention"        // Proofdesk erases a dormant customer under the retention rule (its legal basis)
	RuleTwoPerson         = "erase.two_person"       // who cleared a legal hold does not erase what it covered within TwoPersonWindow; retention waits it out, and nobody merges or relinks it meanwhile
)

// A break-glass or unlock reason is 3 to 500 bytes after trimming (ValidReason).
const (
	minReason = 3
	maxReason = 500
)

// Actor is who asks: an agent (agent, supervisor, admin), the integration,
// or the system. ID is the agent's or token's ID.
type Actor struct {
	ID   string
	Role string
}

// ActorOf returns the actor for an agent from the context (the zero Actor
// for nil: Decide refuses it).
func ActorOf(a *Agent) Actor {
	if a == nil {
		return Actor{}
	}
	return Actor{ID: a.ID, Role: a.Role}
}

func (a Actor) isAgent() bool {
	return a.Role == RoleAgent || a.Role == RoleSupervisor || a.Role == RoleAdmin
}
func (a Actor) isSupervisor() bool { return a.Role == RoleSupervisor || a.Role == RoleAdmin }

// DecisionInput is every fact a decision needs, gathered by the caller.
type DecisionInput struct {
	Action string
	Actor  Actor
	// Field is the field to reveal ("emails", "payment",
	// "attributes.<name>") or, for DoChangeAttribute, the attribute name.
	Field string
	// ConversationID is the conversation the action is asked in; "" for
	// an action outside any conversation (API customer sync, import).
	ConversationID string
	// Linked reports whether the conversation is linked to a customer.
	Linked bool
	// Level is the conversation's effective level now (see
	// Conversation.EffectiveLevel).
	Level Level
	// HolderID is the agent the conversation is assigned to ("" if none).
	HolderID string
	// TargetID is, for DoAssign, the agent the conversation goes to.
	TargetID string
	// Risk is the conversation's risk score.
	Risk Risk
	// SupportLocked reports whether the customer is under a support lock.
	SupportLocked bool
	// Backdated reports whether a change or creation dates a contact
	// point in the past (added_at before now).
	Backdated bool
	// SetsExternalID reports, for DoCreateCustomer, that the new customer
	// carries an external_id (the system of record's identifier).
	SetsExternalID bool
	// BreakGlassReason, when set, asks a supervisor's break-glass.
	BreakGlassReason string
	// Reason is the reason given for DoErase and DoLegalHold.
	Reason string
	// LegalHold reports, for DoErase and DoMerge, that a legal hold covers
	// the customer (either, for a merge) or one of their conversations;
	// for DoLink, that one covers the conversation (its own or its
	// customer's): what is held is not moved to another customer.
	LegalHold bool
	// Clearing reports, for DoLegalHold, that the hold is lifted rather
	// than set: the other supervisors are alerted (Decision.Alert), since
	// the one who lifts it may not erase what it covered for
	// TwoPersonWindow and the others are the second pair of eyes.
	Clearing bool
	// HoldClears are, for DoErase and DoMerge, the clearings of legal
	// holds that covered the customer (either, for a merge: their own
	// hold or one on any of their conversations), and for DoLink those
	// that covered the conversation (its own or its customer's), at least
	// those within TwoPersonWindow before Now (older ones are ignored):
	// sqldb.Handle.LegalHoldClears. A merge or relink is refused within
	// the window (RuleTwoPerson).
	HoldClears []HoldClear
	// ActorAccountChanges are, for DoErase when HoldClears is not empty,
	// the changes other agents made to the actor's account (AccountChange)
	// within 2×TwoPersonWindow before Now:
	// sqldb.Handle.AccountChanges. One within TwoPersonWindow of a clear,
	// by whoever (the clearer, or an account the clearer made), refuses
	// the erasure (RuleTwoPerson).
	ActorAccountChanges []AccountChange
	// Policy is the live policy (nil: the default).
	Policy *Policy
	// PausedUntil, when after Now, is the end of the actor's pause: more
	// blocked replies and exact-value lookups in the last hour than the
	// desk allows (desk.Config.OracleLimitPerHour), and no supervisor
	// cleared it since. The zero time means no pause.
	PausedUntil time.Time
	// Now is the decision's time.
	Now time.Time

	// For DoManageAgent: the change (Agent* constants), the new role of
	// AgentSetRole, the target's role now, whether it is disabled or
	// removed, and how many active admins there are besides the target.
	AgentChange    string
	NewRole        string
	TargetRole     string
	TargetDisabled bool
	TargetRemoved  bool
	OtherAdmins    int
}

// Decision is the gate's answer.
type Decision struct {
	Allowed bool
	// Rule is the stable ID of the rule that decided (Rule* constants).
	Rule string
	// Message says why, in words for the agent; never PII.
	Message string
	// Code is the error code of a refusal (EFORBIDDEN, EVERIFICATION,
	// ELOCKED, EUNAUTHORIZED, EINVALID, ECONFLICT); "" when allowed.
	Code string
	// RequiredLevel is the level the action needs on the conversation.
	RequiredLevel Level
	// RequiredRole is the role the action needs, when the role decided.
	RequiredRole string
	// CheckLevel is, for DoReply, the level the disclosure guard checks
	// the reply at.
	CheckLevel Level
	// DropLevel reports, for DoAssign, that the conversation's level
	// drops to L0.
	DropLevel bool
	// CoolingOff reports that what the change adds counts for
	// verification only after the cooling-off period.
	CoolingOff bool
	// Audit, Alert and NotifyOwner say what must follow: an audit entry,
	// an alert to supervisors, a notice to the owner at the contact
	// points on file before the change.
	Audit       bool
	Alert       bool
	NotifyOwner bool
	// BreakGlass reports that the action is allowed only as a
	// supervisor's break-glass (flag the conversation).
	BreakGlass bool
	// OwnerConfirms reports, for DoErase, that the erasure waits for the
	// owner's confirmation through an on-file contact point.
	OwnerConfirms bool
}

// Err returns the refusal as an *Error with details "rule",
// "required_level", "current_level" and "required_role"; nil if allowed.
func (d Decision) Err(in DecisionInput) error {
	if d.Allowed {
		return nil
	}
	e := &Error{Code: d.Code, Message: d.Message, Details: map[string]any{"rule": d.Rule}}
	if d.Code == EVERIFICATION || d.Rule == RuleLockSupervisor {
		e.Details["required_level"] = d.RequiredLevel.String()
		e.Details["current_level"] = in.Level.String()
	}
	if d.RequiredRole != "" {
		e.Details["required_role"] = d.RequiredRole
	}
	return e
}

// ActionLevel returns the level an action needs on the conversation under
// policy p before risk: the policy's class or attribute level for a
// reveal, the action's level (at least L2) for a change and an unlock, L0
// otherwise.
func ActionLevel(p *Policy, action, field string) Level {
	if p == nil {
		p = DefaultPolicy()
	}
	switch {
	case action == DoReveal:
		class, attr, ok := RevealFieldClass(field)
		if !ok {
			return L2
		}
		if attr {
			return p.AttributeLevel(class)
		}
		return p.ClassLevel(class)
	case action == DoChangeAttribute:
		if p.AttributeLevel(field) == L0 {
			return L0
		}
		return max(p.ActionLevel(action), L2)
	case IsChange(action), action == DoUnlock:
		return max(p.ActionLevel(action), L2)
	}
	return L0
}

func refuse(code, rule, msg string) Decision {
	return Decision{Code: code, Rule: rule, Message: msg, Audit: true}
}

// Decide answers whether in.Actor may do in.Action now, and if not, what
// level or role it would take. It is pure: the same input gives the same
// answer, with no I/O.
func Decide(in DecisionInput) Decision {
	if in.Policy == nil {
		in.Policy = DefaultPolicy()
	}
	a := in.Actor
	if a.Role == "" {
		return refuse(EUNAUTHORIZED, RuleNoActor, "Sign in first.")
	}
	switch {
	case in.Action == DoCreateCustomer:
		return decideCreate(in)
	case IsChange(in.Action):
		return decideChange(in)
	case in.Action == DoAdminister:
		if a.Role != RoleAdmin {
			return roleRefusal(RuleAdminOnly, RoleAdmin, "Only an admin may do this.")
		}
		return Decision{Allowed: true, Rule: RuleAllowed}
	case in.Action == DoViewReports:
		if !a.isSupervisor() {
			return roleRefusal(RuleSupervisorOnly, RoleSupervisor, "Only a supervisor or an admin may read the reports.")
		}
		return Decision{Allowed: true, Rule: RuleAllowed}
	case in.Action == DoManageAgent:
		return decideManageAgent(in)
	case in.Action == DoPushOrder:
		// Orders are facts of the system of record, like a backdated
		// contact point: never typed in by an agent.
		if a.Role != RoleIntegration && a.Role != RoleSystem {
			return roleRefusal(RuleIntegrationOnly, RoleIntegration, "Orders come from the business's system of record: push them with an integration token.")
		}
		return Decision{Allowed: true, Rule: RuleIntegrationChange, Audit: true}
	case in.Action == DoMerge:
		if !a.isSupervisor() {
			return roleRefusal(RuleSupervisorOnly, RoleSupervisor, "Only a supervisor may merge customers.")
		}
		if in.SupportLocked {
			return refuse(ELOCKED, RuleSupportLock, "The account is under a support lock: no merge until a supervisor lifts it.")
		}
		if in.LegalHold {
			return refuse(ECONFLICT, RuleLegalHold, "A customer is under a legal hold (on the customer or one of their conversations): no merge until a supervisor clears the hold.")
		}
		if d, ok := refuseMoveAfterClear(in); ok {
			return d
		}
		return Decision{Allowed: true, Rule: RuleAllowed, Audit: true, NotifyOwner: true}
	case in.Action == DoExport:
		return decideExport(in)
	case in.Action == DoErase:
		return decideErase(in)
	case in.Action == DoLegalHold:
		if !a.isSupervisor() {
			return roleRefusal(RuleSupervisorOnly, RoleSupervisor, "Only a supervisor or an admin may set or clear a legal hold.")
		}
		if !ValidReason(in.Reason) {
			return refuse(EINVALID, RuleReasonRequired, "A legal hold needs a reason (3 to 500 bytes, in words): name the case or matter.")
		}
		return Decision{Allowed: true, Rule: RuleAllowed, Audit: true, Alert: in.Clearing}
	}

	if in.Action == DoLookup {
		if a.Role == RoleIntegration || a.Role == RoleSystem {
			// The system of record looks up what it holds.
			return Decision{Allowed: true, Rule: RuleAllowed}
		}
		if !a.isAgent() {
			return roleRefusal(RuleNotAgent, RoleAgent, "Unknown role.")
		}
		if d, paused := decidePaused(in); paused {
			return d
		}
		return Decision{Allowed: true, Rule: RuleAllowed, Audit: true}
	}
	if in.Action == DoSearch {
		if !a.isAgent() {
			return roleRefusal(RuleNotAgent, RoleAgent, "Only support agents search conversations.")
		}
		if in.Field != "" {
			if required := in.Policy.ClassLevel(in.Field); required > L0 {
				d := refuse(EVERIFICATION, RuleLevel, fmt.Sprintf(
					"Search does not look for a customer's %s: it needs %s, and a search is at no conversation's level. To find a customer by email or phone, use the Customer box (an audited lookup).", in.Field, required))
				d.RequiredLevel = required
				return d
			}
		}
		return Decision{Allowed: true, Rule: RuleAllowed}
	}
	if in.Action == DoClearPause {
		if !a.isSupervisor() {
			return roleRefusal(RuleSupervisorOnly, RoleSupervisor, "Only a supervisor may clear an agent's pause.")
		}
		if in.TargetID == a.ID {
			return roleRefusal(RuleClearOwnPause, RoleSupervisor, "Another supervisor must clear your own pause.")
		}
		return Decision{Allowed: true, Rule: RuleAllowed, Audit: true}
	}

	// Everything below happens in a conversation, by an agent.
	if in.Action == DoAssign && a.Role == RoleSystem {
		return decideSystemAssign(in)
	}
	if in.Action == DoLink && a.Role == RoleSystem && in.Field == LinkBySession {
		return decideSessionLink(in)
	}
	if !a.isAgent() {
		return roleRefusal(RuleNotAgent, RoleAgent, "Only support agents act on conversations; an integration token syncs customers.")
	}
	switch in.Action {
	case DoConversation, DoNote:
		return Decision{Allowed: true, Rule: RuleAllowed}
	case DoEditMacro:
		return decideEditMacro(in)
	case DoViewMacro:
		if in.TargetID != "" && in.TargetID != a.ID {
			return refuse(ENOTFOUND, RuleMacroOwner, "Macro not found.")
		}
		return Decision{Allowed: true, Rule: RuleAllowed}
	case DoViewPause:
		if in.TargetID != a.ID && !a.isSupervisor() {
			return roleRefusal(RuleSupervisorOnly, RoleSupervisor, "Only a supervisor may read another agent's pause.")
		}
		return Decision{Allowed: true, Rule: RuleAllowed}
	case DoMergeConversations:
		return decideMergeConversations(in)
	case DoFillPlaceholder:
		return decideFill(in)
	case DoReply:
		return decideReply(in)
	case DoVerify:
		if !in.Linked {
			return refuse(EINVALID, RuleUnlinked, "Link the conversation to a customer before sending a verification request.")
		}
		return Decision{Allowed: true, Rule: RuleAllowed, Audit: true}
	case DoReveal:
		return decideReveal(in)
	case DoBreakGlass:
		return decideBreakGlass(in)
	case DoUnlock:
		return decideUnlock(in)
	case DoAssign:
		return decideAssign(in)
	case DoLink:
		if in.Linked && !a.isSupervisor() {
			return roleRefusal(RuleRelinkSupervisor, RoleSupervisor, "This conversation is already linked to a customer. Only a supervisor can link it to someone else.")
		}
		if in.LegalHold {
			return refuse(ECONFLICT, RuleLegalHold, "The conversation is under a legal hold (its own or its customer's): it stays linked as it is until a supervisor clears the hold.")
		}
		if d, ok := refuseMoveAfterClear(in); ok {
			return d
		}
		// Linking proves nothing: the level starts again at L0.
		return Decision{Allowed: true, Rule: RuleAllowed, Audit: true, DropLevel: in.Level > L0}
	}
	return refuse(EINVALID, RuleUnknownAction, fmt.Sprintf("Unknown action %q.", in.Action))
}

func roleRefusal(rule, role, msg string) Decision {
	d := refuse(EFORBIDDEN, rule, msg)
	d.RequiredRole = role
	return d
}

func levelRefusal(required Level, level Level, what string) Decision {
	d := refuse(EVERIFICATION, RuleLevel,
		fmt.Sprintf("Verify the customer to %s first: %s needs %s, the conversation is at %s.", required, what, required, level))
	d.RequiredLevel = required
	return d
}

// ValidReason reports whether a break-glass, unlock or pause-clearing
// reason is usable:
// 3 to 500 bytes after trimming, of which at least 3 letters or digits
// (invisible characters or dots say nothing to whoever reads the audit).
func ValidReason(r string) bool {
	r = strings.TrimSpace(r)
	if len(r) < minReason || len(r) > maxReason {
		return false
	}
	n := 0
	for _, c := range r {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			n++
		}
	}
	return n >= minReason
}

// decidePaused refuses a reply or lookup while the actor is paused. Every
// reply pauses, not only the ones the guard would block: refusing those
// alone would still answer "on file or not" (refused or sent).
func decidePaused(in DecisionInput) (Decision, bool) {
	if in.PausedUntil.IsZero() || !in.Now.Before(in.PausedUntil) {
		return Decision{}, false
	}
	d := refuse(EFORBIDDEN, RulePaused, fmt.Sprintf(
		"Your replies and customer lookups are paused until %s UTC: too many blocked replies, replies naming guessed values and exact-value lookups in the last hour. Supervisors were alerted; a supervisor can clear the pause. Internal notes still work.",
		in.PausedUntil.UTC().Format("15:04")))
	return d, true
}

func decideReply(in DecisionInput) Decision {
	if d, paused := decidePaused(in); paused {
		return d
	}
	d := Decision{Allowed: true, Rule: RuleReplyLevel, CheckLevel: in.Level}
	switch {
	case in.HolderID != "" && in.HolderID != in.Actor.ID:
		// The level belongs to the holder: anyone else's reply is
		// checked as if nothing were proven.
		d.Rule, d.CheckLevel = RuleReplyNotHolder, L0
	case in.SupportLocked && (in.Level < L2 || !in.Actor.isSupervisor()):
		// A reply discloses no more than a reveal may show: under a
		// lock, L2 and a supervisor.
		d.Rule, d.CheckLevel = RuleReplyLocked, L0
	case in.Risk.High && in.Level > L0:
		d.Rule, d.CheckLevel = RuleReplyRiskHigh, in.Level-1
	}
	return d
}

func decideReveal(in DecisionInput) Decision {
	if !in.Linked {
		return refuse(EINVALID, RuleUnlinked, "The conversation is not linked to a customer.")
	}
	if _, _, ok := RevealFieldClass(in.Field); !ok {
		return refuse(EINVALID, RuleUnknownAction, "field must be one of name, emails, phones, addresses, date_of_birth, payment, attributes.<name>")
	}
	if in.BreakGlassReason != "" {
		return decideBreakGlass(in)
	}
	required := in.Risk.Raise(ActionLevel(in.Policy, DoReveal, in.Field))
	if in.SupportLocked {
		required = L2
	}
	switch {
	case in.HolderID != in.Actor.ID:
		d := roleRefusal(RuleHolderOnly, "", "Only the agent assigned to this conversation may reveal customer data.")
		d.RequiredLevel = required
		return d
	case in.SupportLocked && (in.Level < L2 || !in.Actor.isSupervisor()):
		d := refuse(EVERIFICATION, RuleLockSupervisor, "The customer is under a support lock: revealing needs L2 and a supervisor.")
		d.RequiredLevel, d.RequiredRole = L2, RoleSupervisor
		return d
	case in.Level < required:
		return levelRefusal(required, in.Level, in.Field)
	}
	return Decision{Allowed: true, Rule: RuleAllowed, RequiredLevel: required, Audit: true, NotifyOwner: true}
}

// decideErase: erasing a customer is a supervisor's (or an admin's)
// action with a reason; a support lock (the account is under
// investigation) and a legal hold refuse it, and so does the two-person
// rule to whoever cleared a hold covering the customer within
// TwoPersonWindow (HoldClears) and to an account another agent made or
// re-keyed within TwoPersonWindow of the clear (ActorAccountChanges). Without a legal basis (Field) the owner
// confirms it through an on-file contact point first.
func decideErase(in DecisionInput) Decision {
	if in.Actor.Role == RoleSystem {
		return decideSystemErase(in)
	}
	if !in.Actor.isSupervisor() {
		return roleRefusal(RuleSupervisorOnly, RoleSupervisor, "Only a supervisor or an admin may erase a customer.")
	}
	if !ValidReason(in.Reason) {
		return refuse(EINVALID, RuleReasonRequired, "An erasure needs a reason (3 to 500 bytes, in words): say who asked and how.")
	}
	if in.SupportLocked {
		return refuse(ELOCKED, RuleSupportLock, "The account is under a support lock: it is held for investigation and cannot be erased until a supervisor lifts the lock.")
	}
	if in.LegalHold {
		return refuse(ECONFLICT, RuleLegalHold, "The customer is under a legal hold (on the customer or one of their conversations): nothing of theirs can be erased until a supervisor clears the hold.")
	}
	if c, ok := lastHoldClear(in, in.Actor.ID); ok {
		// Two-person rule: the one who cleared the hold cannot also
		// destroy what it kept; supervisors are told of the attempt.
		d := refuse(EFORBIDDEN, RuleTwoPerson, fmt.Sprintf("Another supervisor must erase this customer: you cleared their legal hold on %s (UTC). Whoever clears a hold may not erase what it covered for %d days after.",
			c.At.UTC().Format("2006-01-02 15:04"), int(TwoPersonWindow/(24*time.Hour))))
		d.Alert = true
		return d
	}
	if c, ok := clearByAccountMaker(in); ok {
		// Two-person rule: an account made or re-keyed around the
		// clear may be the clearer's; it is not the second person.
		d := refuse(EFORBIDDEN, RuleTwoPerson, fmt.Sprintf("Another supervisor must erase this customer: their legal hold was cleared on %s (UTC), and an admin created or changed your account (role, password, second factor) within %d days of that, so your account does not count as the second person.",
			c.At.UTC().Format("2006-01-02 15:04"), int(TwoPersonWindow/(24*time.Hour))))
		d.Alert = true
		return d
	}
	if strings.TrimSpace(in.Field) == "" {
		return Decision{Allowed: true, Rule: RuleOwnerConfirms, Audit: true, OwnerConfirms: true}
	}
	return Decision{Allowed: true, Rule: RuleLegalBasis, Audit: true, Alert: true}
}

// decideSystemErase: Proofdesk itself erases only as the retention rule
// does (desk/retention.go): with a reason and a legal basis (Field, the
// rule), never under a support lock or a legal hold nor within
// TwoPersonWindow of a hold's clearing, and without asking the owner (a
// dormant customer's contact points may no longer be theirs).
func decideSystemErase(in DecisionInput) Decision {
	if !ValidReason(in.Reason) || strings.TrimSpace(in.Field) == "" {
		return refuse(EINVALID, RuleReasonRequired, "Proofdesk erases a customer only under a retention rule, with a reason and the rule as its legal basis.")
	}
	if in.SupportLocked {
		return refuse(ELOCKED, RuleSupportLock, "The account is under a support lock: it is held for investigation and cannot be erased until a supervisor lifts the lock.")
	}
	if in.LegalHold {
		return refuse(ECONFLICT, RuleLegalHold, "The customer is under a legal hold (on the customer or one of their conversations): nothing of theirs can be erased until a supervisor clears the hold.")
	}
	if c, ok := lastHoldClear(in, ""); ok {
		// Retention erasing right after a clear would erase for the one
		// who cleared it: it waits out the window like them.
		return refuse(ECONFLICT, RuleTwoPerson, fmt.Sprintf("A legal hold covering the customer was cleared on %s (UTC): retention does not erase them before %s; a supervisor other than the one who cleared it may.",
			c.At.UTC().Format("2006-01-02 15:04"), c.At.Add(TwoPersonWindow).UTC().Format("2006-01-02 15:04")))
	}
	return Decision{Allowed: true, Rule: RuleEraseRetention, Audit: true}
}

// clearByAccountMaker returns a clear of in.HoldClears within
// TwoPersonWindow before in.Now around which (TwoPersonWindow before or
// after it) another agent changed the actor's account
// (in.ActorAccountChanges), and whether there is one. Whoever made the
// change: an account the clearer made may make the next one.
func clearByAccountMaker(in DecisionInput) (HoldClear, bool) {
	for _, c := range in.HoldClears {
		if !c.At.After(in.Now.Add(-TwoPersonWindow)) {
			continue
		}
		for _, ch := range in.ActorAccountChanges {
			if ch.By != "" && ch.By != in.Actor.ID && ch.At.After(c.At.Add(-TwoPersonWindow)) && ch.At.Before(c.At.Add(TwoPersonWindow)) {
				return c, true
			}
		}
	}
	return HoldClear{}, false
}

// decideSessionLink: Proofdesk relinks a conversation to the customer a
// signed session names (DoLink, Field LinkBySession): the session is the
// proof, no supervisor is needed, but what a legal hold covers stays with
// its customer, and so does what one cleared within TwoPersonWindow did.
func decideSessionLink(in DecisionInput) Decision {
	if in.Linked && in.LegalHold {
		return refuse(ECONFLICT, RuleLegalHold, "The conversation is under a legal hold (its own or its customer's): it stays linked as it is until a supervisor clears the hold.")
	}
	if in.Linked {
		if d, ok := refuseMoveAfterClear(in); ok {
			return d
		}
	}
	return Decision{Allowed: true, Rule: RuleAllowed, Audit: true, DropLevel: in.Level > L0}
}

// refuseMoveAfterClear: within TwoPersonWindow of a hold's clearing, what
// it covered stays with its customer (DoMerge, DoLink), whoever moves it.
// The two-person rule reads the clears of the customer being erased: a
// clear on customer X does not follow X's data merged or relinked into Y,
// so the one who cleared it could otherwise move it and erase Y alone.
func refuseMoveAfterClear(in DecisionInput) (Decision, bool) {
	c, ok := lastHoldClear(in, "")
	if !ok {
		return Decision{}, false
	}
	return refuse(ECONFLICT, RuleTwoPerson, fmt.Sprintf("A legal hold covering this was cleared on %s (UTC): what it covered stays with its customer until %s, so that whoever cleared it cannot erase it elsewhere.",
		c.At.UTC().Format("2006-01-02 15:04"), c.At.Add(TwoPersonWindow).UTC().Format("2006-01-02 15:04"))), true
}

// lastHoldClear returns the latest of in.HoldClears within
// TwoPersonWindow before in.Now made by the agent by ("" for anyone's),
// and whether there is one.
func lastHoldClear(in DecisionInput, by string) (HoldClear, bool) {
	var last HoldClear
	found := false
	for _, c := range in.HoldClears {
		if (by != "" && c.By != by) || !c.At.After(in.Now.Add(-TwoPersonWindow)) || (found && !c.At.After(last.At)) {
			continue
		}
		last, found = c, true
	}
	return last, found
}

func decideBreakGlass(in DecisionInput) Decision {
	if !in.Actor.isSupervisor() {
		return roleRefusal(RuleSupervisorOnly, RoleSupervisor, "Only a supervisor may break glass.")
	}
	if !ValidReason(in.BreakGlassReason) {
		return refuse(EINVALID, RuleBreakGlassReason, "A break-glass needs a reason (3 to 500 bytes, in words): say why.")
	}
	return Decision{Allowed: true, Rule: RuleBreakGlass, BreakGlass: true, Audit: true, NotifyOwner: true}
}

func decideExport(in DecisionInput) Decision {
	if !in.Actor.isSupervisor() {
		return roleRefusal(RuleSupervisorOnly, RoleSupervisor, "Only a supervisor may export a customer's data.")
	}
	if in.SupportLocked {
		return refuse(ELOCKED, RuleSupportLock, "The account is under a support lock: no export until a supervisor lifts it.")
	}
	if in.ConversationID == "" {
		// The customer card: nobody proved anything, so only as a
		// break-glass with a reason (the archive still goes to the
		// owner's settled email only).
		if in.BreakGlassReason == "" {
			d := refuse(EINVALID, RuleBreakGlassReason, "An export outside a verified conversation is a break-glass: give a reason (3 to 500 bytes, in words).")
			d.RequiredRole = RoleSupervisor
			return d
		}
		return decideBreakGlass(in)
	}
	if !in.Linked {
		return refuse(EINVALID, RuleUnlinked, "The conversation is not linked to a customer.")
	}
	required := max(in.Policy.ActionLevel(DoExport), L2)
	if in.BreakGlassReason != "" {
		return decideBreakGlass(in)
	}
	if in.Level < required {
		d := levelRefusal(required, in.Level, "an export")
		d.Message = fmt.Sprintf("Verify the customer to %s on this conversation first (two factors): it is at %s. Or start the export from the customer's card with a break-glass reason.", required, in.Level)
		return d
	}
	return Decision{Allowed: true, Rule: RuleAllowed, RequiredLevel: required, Audit: true, NotifyOwner: true}
}

func decideUnlock(in DecisionInput) Decision {
	if !in.Actor.isSupervisor() {
		return roleRefusal(RuleSupervisorOnly, RoleSupervisor, "Only a supervisor may remove a support lock.")
	}
	if !in.Linked {
		return refuse(EINVALID, RuleUnlinked, "The conversation is not linked to a customer.")
	}
	if !in.SupportLocked {
		return refuse(ECONFLICT, RuleNotLocked, "The customer is not under a support lock.")
	}
	// A supervisor approves on the conversation an agent verified: the
	// holder need not be the supervisor (the level is the customer's proof).
	required := ActionLevel(in.Policy, DoUnlock, "")
	if in.Level < required {
		d := levelRefusal(required, in.Level, "removing a support lock")
		d.Message = fmt.Sprintf("Verify the customer to %s on this conversation first (two factors): it is at %s.", required, in.Level)
		return d
	}
	return Decision{Allowed: true, Rule: RuleAllowed, RequiredLevel: required, Audit: true, NotifyOwner: true}
}

// decideSystemAssign rules Proofdesk's own routing (desk.Desk.AutoAssignTeam and
// the hand-back of an offline agent's chats): giving an unassigned
// conversation its first holder keeps the level; taking one from its
// holder is a take-over, so a verified level drops to L0.
func decideSystemAssign(in DecisionInput) Decision {
	switch {
	case in.TargetID == in.HolderID:
		return Decision{Allowed: true, Rule: RuleHandOver}
	case in.HolderID == "":
		return Decision{Allowed: true, Rule: RuleAutoAssign, Audit: true}
	}
	return Decision{Allowed: true, Rule: RuleAutoReassign, Audit: true, DropLevel: in.Level > L0}
}

func decideAssign(in DecisionInput) Decision {
	// Anyone may route an unassigned conversation to a colleague (its
	// first holder) and the holder may hand over; moving someone else's
	// conversation is a supervisor's.
	if in.TargetID != in.Actor.ID && in.HolderID != in.Actor.ID && in.HolderID != "" && !in.Actor.isSupervisor() {
		return roleRefusal(RuleAssignOthers, RoleSupervisor, "Only the agent holding this conversation, or a supervisor, may give it to someone else. You can take it yourself.")
	}
	switch {
	case in.TargetID == in.HolderID:
		return Decision{Allowed: true, Rule: RuleHandOver}
	case in.Level == L0:
		return Decision{Allowed: true, Rule: RuleAssignUnverified, Audit: true}
	case in.HolderID == "" && in.TargetID != "":
		// Nobody held the level: the first holder takes it on (the
		// customer proved themselves to the desk, not to an agent).
		return Decision{Allowed: true, Rule: RuleFirstHolder, Audit: true}
	case in.HolderID == in.Actor.ID && in.TargetID != "":
		return Decision{Allowed: true, Rule: RuleHandOver, Audit: true}
	case in.BreakGlassReason != "":
		d := decideBreakGlass(in)
		if d.Allowed {
			d.Rule = RuleTakeOverGlass
		}
		return d
	}
	// Anyone else moving a verified conversation (or the holder dropping
	// it): the level does not travel.
	return Decision{Allowed: true, Rule: RuleTakeOver, DropLevel: true, Audit: true,
		Message: "The conversation was verified for the agent who held it: it starts again at L0."}
}

func decideCreate(in DecisionInput) Decision {
	syncs := in.Actor.Role == RoleIntegration || in.Actor.Role == RoleSystem
	if in.Backdated && !syncs {
		return roleRefusal(RuleBackdated, RoleIntegration, "Only import and the integration token may date a contact point in the past (added_at); leave it out.")
	}
	if in.SetsExternalID && !syncs {
		// Like changing it: and a taken one would answer "on file or
		// not" (a conflict) without a lookup's count and pause.
		return roleRefusal(RuleIntegrationOnly, RoleIntegration, "Only import and the integration token set external_id (your system of record's identifier); leave it out.")
	}
	return Decision{Allowed: true, Rule: RuleAllowed, Audit: true, CoolingOff: !in.Backdated}
}

func decideChange(in DecisionInput) Decision {
	a := in.Actor
	adds := in.Action == DoAddContactPoint || in.Action == DoChangeContactPoint
	if in.Backdated && a.Role != RoleIntegration && a.Role != RoleSystem {
		return roleRefusal(RuleBackdated, RoleIntegration, "Only import and the integration token may date a contact point in the past (added_at); leave it out.")
	}
	required := ActionLevel(in.Policy, in.Action, in.Field)
	if required == L0 {
		// Not protected: any agent or the integration, audited.
		return Decision{Allowed: true, Rule: RuleUnprotected, Audit: true}
	}
	if in.SupportLocked {
		return refuse(ELOCKED, RuleSupportLock, "The account is under a support lock: no change until a supervisor lifts it.")
	}
	done := Decision{Allowed: true, Rule: RuleAllowed, Audit: true, NotifyOwner: true, CoolingOff: adds && !in.Backdated}
	switch a.Role {
	case RoleIntegration, RoleSystem:
		done.Rule = RuleIntegrationChange
		return done
	}
	if !a.isAgent() {
		return roleRefusal(RuleNotAgent, RoleAgent, "Unknown role.")
	}
	if in.ConversationID == "" {
		d := roleRefusal(RuleIntegrationOnly, RoleIntegration,
			"Protected customer data changes only in a verified conversation (the conversation's account actions) or from the integration token.")
		d.RequiredLevel = L2
		return d
	}
	if !in.Linked {
		return refuse(EINVALID, RuleUnlinked, "The conversation is not linked to a customer.")
	}
	required = in.Risk.Raise(required)
	switch {
	case in.HolderID != a.ID && !a.isSupervisor():
		d := roleRefusal(RuleHolderOnly, RoleSupervisor, "Only the agent assigned to this conversation may change the account.")
		d.RequiredLevel = required
		return d
	case in.Level < required:
		return levelRefusal(required, in.Level, "this change")
	}
	done.RequiredLevel = required
	return done
}

// Audit actions of refusals the gate decided, each named for what was
// refused (a refused account change is not a refused challenge).
const (
	AuditChangeRefused     = "customer.change_refused"
	AuditUnlockRefused     = "customer.unlock_refused"
	AuditAssignRefused     = "conversation.assign_refused"
	AuditBreakGlassRefused = "break_glass.refused"
	AuditCreateRefused     = "customer.create_refused"
	AuditGateRefused       = "gate.refused"
	AuditLookupRefused     = "customer.lookup_refused"
	AuditReplyRefused      = "reply.refused"
	// AuditLookup records an agent's exact-value customer lookup (the
	// key's kind, never the value); counted per agent like blocks.
	AuditLookup = "customer.lookup"
	// AuditPauseCleared records a supervisor lifting an agent's pause
	// (subject: the agent).
	AuditPauseCleared = "agent.pause_cleared"
	// AuditTakeOver records that someone other than the holder took a
	// verified conversation (its level dropped) or broke glass to keep it.
	AuditTakeOver = "conversation.take_over"
)

// AuditRefusedAction returns the audit action recording a refusal of a
// gate action.
func AuditRefusedAction(action string) string {
	switch {
	case action == DoReveal:
		return AuditRevealRefused
	case action == DoVerify:
		return AuditChallengeRefused
	case IsChange(action):
		return AuditChangeRefused
	case action == DoUnlock:
		return AuditUnlockRefused
	case action == DoAssign:
		return AuditAssignRefused
	case action == DoBreakGlass:
		return AuditBreakGlassRefused
	case action == DoCreateCustomer:
		return AuditCreateRefused
	case action == DoLookup:
		return AuditLookupRefused
	case action == DoReply:
		return AuditReplyRefused
	}
	return AuditGateRefused
}

// decideEditMacro: any agent creates macros, personal or shared; a
// personal macro is changed only by its owner, a shared one by its
// creator or a supervisor.
func decideEditMacro(in DecisionInput) Decision {
	a := in.Actor
	switch {
	case in.TargetID == "" || in.TargetID == a.ID:
		return Decision{Allowed: true, Rule: RuleAllowed}
	case in.Field == "shared" && a.isSupervisor():
		return Decision{Allowed: true, Rule: RuleAllowed, Audit: true}
	case in.Field == "shared":
		return roleRefusal(RuleMacroOwner, RoleSupervisor, "Only its creator or a supervisor may change a shared macro.")
	}
	return roleRefusal(RuleMacroOwner, "", "A personal macro is its owner's alone.")
}

// decideFill: a placeholder puts a customer's value into a reply, so it
// needs what the value needs (the policy's level for its class, raised by
// risk, L2 under a support lock) at the level the guard will check the
// reply at (decideReply: L0 for anyone but the holder). Refused, it says
// the level it needs; it is never filled masked.
func decideFill(in DecisionInput) Decision {
	if !in.Linked {
		return refuse(EINVALID, RuleUnlinked, "Link the conversation to a customer before using a customer placeholder.")
	}
	if _, _, ok := RevealFieldClass(in.Field); !ok {
		return refuse(EINVALID, RuleUnknownAction, "unknown placeholder field")
	}
	reply := decideReply(in)
	if !reply.Allowed {
		return reply
	}
	required := in.Risk.Raise(ActionLevel(in.Policy, DoReveal, in.Field))
	if in.SupportLocked {
		required = L2
		if !in.Actor.isSupervisor() {
			d := refuse(EVERIFICATION, RuleLockSupervisor, "The customer is under a support lock: customer placeholders need L2 and a supervisor.")
			d.RequiredLevel, d.RequiredRole = L2, RoleSupervisor
			return d
		}
	}
	if reply.CheckLevel < required {
		what := "a placeholder with the customer's " + in.Field
		d := levelRefusal(required, reply.CheckLevel, what)
		if reply.Rule == RuleReplyNotHolder {
			d.Message = fmt.Sprintf("Only the agent holding this conversation may fill %s: it needs %s.", what, required)
		}
		return d
	}
	return Decision{Allowed: true, Rule: RuleAllowed, RequiredLevel: required, CheckLevel: reply.CheckLevel}
}

// decideMergeConversations: two conversations of one customer (in.Field
// "same_customer"), merged by the agent
// holding this one (the store checks the other's holder through a second
// decision) or by a supervisor; never under a support lock. A merge never
// raises a level: the caller keeps the lower.
func decideMergeConversations(in DecisionInput) Decision {
	if !in.Linked || in.Field != "same_customer" {
		return refuse(EINVALID, RuleUnlinked, "Only two conversations linked to the same customer can be merged.")
	}
	if in.SupportLocked {
		return refuse(ELOCKED, RuleSupportLock, "The account is under a support lock: no merge until a supervisor lifts it.")
	}
	if in.HolderID != in.Actor.ID && !in.Actor.isSupervisor() {
		return roleRefusal(RuleHolderOnly, RoleSupervisor, "Only the agent holding both conversations, or a supervisor, may merge them.")
	}
	return Decision{Allowed: true, Rule: RuleAllowed, Audit: true}
}
