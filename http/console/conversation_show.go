package console

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/verify"
)

// timelineItem is one entry of the conversation timeline, ready to show.
type timelineItem struct {
	ID     string
	Kind   string // customer, agent, note, system
	Label  string // "Chat", "Email", "Call note", "Internal note"
	Author string
	Body   string
	// Parts is Body with its inline images in place; nil when it has none.
	Parts    []bodyPart
	Hidden   bool // the whole message was a verification code, now hidden
	At       time.Time
	Internal bool
	// Files are the message's attachments, names as the view shows them.
	Files []fileItem
	// Quoted is the whole text of an inbound mail when the timeline shows
	// it without its quoted history: "Show quoted text".
	Quoted string
	// QuotedParts is Quoted with its inline images in place, if any.
	QuotedParts []bodyPart
	// OtherSender marks a mail whose sender is not the requester.
	OtherSender bool
	// Latest marks the newest message: the page opens scrolled to it.
	Latest bool
}

// originalFinder is the conversation store's keeper of inbound mail
// originals, when it has one (sqldb.ConversationService does).
type originalFinder interface {
	FindEmailOriginal(ctx context.Context, convID, msgID string) (*proofdesk.EmailOriginal, error)
}

// contactRow is an on-file contact point, masked, with whether a
// verification request may go to it.
type contactRow struct {
	proofdesk.ContactPointView
	CountsFrom time.Time // end of the cooling-off window
	Eligible   bool
}

// blockedReply explains why the guard stopped a reply.
type blockedReply struct {
	Rule          string
	Class         string
	RequiredLevel string
	Reason        string
	Next          string
}

// revealed is a value shown once, in the response to a reveal.
type revealed struct {
	Field string
	Label string
	Value string
}

// revealField is a masked field the agent may ask to reveal, with what
// proofdesk.Decide says it takes now.
type revealField struct {
	Field    string
	Label    string
	Required proofdesk.Level
	Allowed  bool
	// Refused is why Decide would refuse it now ("" when allowed).
	Refused string
}

type conversationPage struct {
	page
	Conv         *proofdesk.Conversation
	Level        proofdesk.Level
	LevelExpires *time.Time
	Timeline     []timelineItem
	Customer     *proofdesk.CustomerView
	Contacts     []contactRow
	Challenges   []*proofdesk.ChallengeInfo
	Active       *proofdesk.ChallengeInfo
	Risks        []string
	Agents       []*proofdesk.Agent
	Assignee     string
	IsAssignee   bool
	Canned       []CannedReply
	Macros       []*proofdesk.Macro // when the desk has macros, offered instead of Canned
	Draft        string
	DraftNote    bool
	ClientID     string
	Blocked      *blockedReply
	Revealed     *revealed
	RevealFields []revealField
	ClaimsGiven  bool
	HasCodes     bool
	LinkLookup   string // what the agent typed to link a customer, after a failed try
	Locked       bool   // the linked customer is under a support lock
	UnlockReason string // the reason typed, after a refused unlock

	// What the agent had typed when they took an action, given back so
	// that no action loses work (see keepTyped).
	DraftKept        bool   // an action succeeded and the draft is shown again
	RevealField      string // the field picked for a reveal
	RevealReason     string // the reason typed for a reveal that was refused
	BreakGlassReason string // the break-glass reason typed for an assignment
	SnoozeTyped      string // the snooze time typed, after a refused snooze
	MergeInto        string // the conversation typed to merge into, after a refusal
	CanMerge         bool   // the desk can merge conversations

	// VerifiedContacts are the contact point IDs whose verification
	// request this conversation completed (approved by the customer).
	VerifiedContacts []string
	// ClaimedOnFile holds which of the requester's claims ("email",
	// "phone") equal a contact point on file that completed a request;
	// filled only once the conversation is verified.
	ClaimedOnFile map[string]bool

	// What proofdesk.Decide lets this agent do here (the page derives no
	// rule of its own).
	CanBreakGlass   bool   // offer break-glass on reveals
	CanUnlock       bool   // offer the unlock form (the store still checks the level)
	CanAssignOthers bool   // offer other agents (and nobody) as assignee
	TakeOverNote    string // what taking the conversation does to its level, if anything

	// Work is the triage panel and the assign choices (work.go).
	Work *workPanel
	// RevealWhy is, when no field may be revealed now (and no break-glass
	// is offered), Decide's reason: the Reveal button shows disabled.
	RevealWhy string
	// Hold is the legal-hold panel (legal_hold.go); nil without holds.
	Hold *holdPanel
}

func (h *Handler) policy(r *http.Request) (*proofdesk.Policy, error) {
	if h.d.Policy == nil {
		return proofdesk.DefaultPolicy(), nil
	}
	return h.d.Policy.FindPolicy(r.Context())
}

// messageViewContext is the one agent-facing view of conversation
// convID's messages: the policy in force now, codes hidden (every 6-digit
// number when codes were issued on it, hasCodes, or when that cannot be
// known), and the customer data agents quoted masked as this agent may
// see it now (VerificationService.AgentText).
func (h *Handler) messageViewContext(r *http.Request, convID string, hasCodes bool) (proofdesk.ViewContext, error) {
	pol, err := h.policy(r)
	if err != nil {
		return proofdesk.ViewContext{}, err
	}
	vc := proofdesk.ViewContext{Policy: pol, CodesIssued: hasCodes || h.d.Verification == nil}
	if h.d.Verification != nil {
		vc.KnownCode = h.d.Verification.RecentCodes(r.Context())
		vc.Elsewhere = h.d.Verification.Elsewhere(r.Context(), convID)
		if vc.AgentText, err = h.d.Verification.AgentText(r.Context(), convID); err != nil {
			return vc, err
		}
	}
	return vc, nil
}

// textView is the view of customer-written text outside a conversation's
// messages (subjects): a message-only code, or a code issued recently
// anywhere, is hidden.
func (h *Handler) textView(ctx context.Context) proofdesk.ViewContext {
	var vc proofdesk.ViewContext
	if h.d.Verification != nil {
		vc.KnownCode = h.d.Verification.RecentCodes(ctx)
	}
	return vc
}

// showSubjects sets the Subject of each of convs to how the one view
// shows it in a list (proofdesk.ViewContext.Subject): read with the
// conversation's first customer messages, those of the subjects that
// hold a number found in one read.
func (h *Handler) showSubjects(ctx context.Context, convs ...*proofdesk.Conversation) error {
	find, _ := h.d.Conversations.(proofdesk.SubjectFinder)
	scs, err := proofdesk.FindSubjectContexts(ctx, find, convs...)
	if err != nil {
		return err
	}
	tv := h.textView(ctx)
	for _, c := range convs {
		c.Subject = tv.Subject(c.Subject, scs[c.ID])
	}
	return nil
}

func (h *Handler) handleConversation(w http.ResponseWriter, r *http.Request) {
	h.showConversation(w, r, http.StatusOK, nil)
}

// showConversation renders the conversation page; mod adjusts the data
// (an error, a blocked reply, a revealed value) before rendering.
func (h *Handler) showConversation(w http.ResponseWriter, r *http.Request, status int, mod func(p *conversationPage)) {
	p, err := h.conversationData(r)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	if mod != nil {
		mod(p)
	}
	keepTyped(r, p)
	if err := h.reads.MarkRead(r.Context(), p.Agent.ID, p.Conv.ID, h.Now()); err != nil {
		h.renderError(w, r, err)
		return
	}
	h.render(w, r, status, "conversation", p)
}

func (h *Handler) conversationData(r *http.Request) (*conversationPage, error) {
	ctx := r.Context()
	conv, err := h.d.Conversations.FindConversationByID(ctx, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	now := h.Now()
	conv.Subject = h.textView(ctx).Text(conv.Subject)
	title := conv.Subject
	if title == "" {
		if title, err = h.preview(ctx, conv.ID, headingLen); err != nil {
			return nil, err
		}
	}
	if title == "" {
		title = channelLabel(conv.Channel) + " conversation"
	}
	p := &conversationPage{page: h.newPage(r, title, "inbox"), Conv: conv, Level: conv.EffectiveLevel(now),
		Canned: h.d.Settings.CannedReplies, ClientID: proofdesk.NewID("cli"),
		ClaimsGiven: conv.Requester != (proofdesk.Requester{})}
	if p.Level != proofdesk.L0 {
		p.LevelExpires = conv.LevelExpiresAt
	}
	p.IsAssignee = conv.AssigneeID == p.Agent.ID
	p.CanMerge = h.d.Merge != nil
	if p.Macros, err = h.macroOptions(ctx); err != nil {
		return nil, err
	}
	p.Risks = slices.Clone(conv.RiskFlags)
	if conv.Fraud && !slices.Contains(p.Risks, proofdesk.RiskOwnerDenied) {
		p.Risks = append(p.Risks, proofdesk.RiskOwnerDenied)
	}

	agents, err := h.agents.FindAgents(ctx)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, a := range agents {
		names[a.ID] = a.Name
		if !a.Disabled {
			p.Agents = append(p.Agents, a)
		}
	}
	p.Assignee = names[conv.AssigneeID]

	if h.d.Verification != nil {
		if p.Challenges, err = h.d.Verification.FindChallenges(ctx, conv.ID); err != nil {
			return nil, err
		}
		for _, c := range p.Challenges {
			if c.Status == proofdesk.ChallengePending {
				p.Active = c
				break
			}
		}
	}
	p.HasCodes = len(p.Challenges) > 0
	for _, c := range p.Challenges {
		if c.Status == proofdesk.ChallengeCompleted {
			p.VerifiedContacts = append(p.VerifiedContacts, c.ContactPointID)
		}
	}

	msgs, err := h.d.Conversations.FindMessages(ctx, conv.ID)
	if err != nil {
		return nil, err
	}
	vc, err := h.messageViewContext(r, conv.ID, p.HasCodes)
	if err != nil {
		return nil, err
	}
	pol := vc.Policy
	// The subject reads as the customer's first text: a code split
	// between an email's subject and body is hidden in the body.
	read := conv.Subject // as the view read it, for TextAt below
	subject, views := proofdesk.NewConversationViews(read, msgs, vc)
	if subject != conv.Subject {
		// Read with the body, the subject hides its part of a code split
		// between them ("my code is 629", then "759 thanks").
		if p.Title == conv.Subject {
			p.Title = subject
		}
		conv.Subject = subject
	}
	for i, m := range msgs {
		mv := views[i]
		it := timelineItem{ID: mv.ID, Kind: mv.AuthorKind, Body: mv.Body, At: mv.CreatedAt, Internal: mv.Internal, Label: channelLabel(conv.Channel),
			Hidden: mv.Body == proofdesk.CodeHiddenText, Files: fileItems(mv.Attachments)}
		switch m.AuthorKind {
		case proofdesk.AuthorCustomer:
			it.Author = "Requester"
			if of, ok := h.d.Conversations.(originalFinder); ok && conv.Channel == proofdesk.ChannelEmail && !it.Hidden {
				o, err := of.FindEmailOriginal(ctx, conv.ID, m.ID)
				switch {
				case err == nil:
					if strings.TrimSpace(o.FullText) != strings.TrimSpace(m.Body) {
						it.Quoted = vc.TextAt(read, msgs, m.ID, o.FullText)
					}
					if it.OtherSender = o.SenderDiffers; it.OtherSender {
						it.Author = "Different sender"
					}
				case proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND:
					return nil, err
				}
			}
		case proofdesk.AuthorAgent:
			it.Author = names[m.AuthorID]
			if it.Author == "" {
				it.Author = "Agent"
			}
			if m.Internal {
				it.Kind, it.Label = "note", "Internal note"
				if conv.Channel == proofdesk.ChannelPhone {
					it.Label = "Call note"
				}
			}
		default:
			it.Author = "Proofdesk"
		}
		if !it.Hidden {
			// A mail's inline images where its text marks them.
			it.Parts = inlineParts(it.Body, it.Files)
			if it.Quoted != "" {
				it.QuotedParts = inlineParts(it.Quoted, it.Files)
			}
		}
		p.Timeline = append(p.Timeline, it)
	}
	if n := len(p.Timeline); n > 0 {
		p.Timeline[n-1].Latest = true
	}

	in := proofdesk.DecisionInput{Actor: proofdesk.ActorOf(p.Agent), ConversationID: conv.ID, Linked: conv.CustomerID != "",
		Level: p.Level, HolderID: conv.AssigneeID, Policy: pol, Now: now}
	if rf, ok := h.d.Conversations.(riskFinder); ok {
		if in.Risk, err = rf.FindRisk(ctx, conv.ID); err != nil {
			return nil, err
		}
	}
	if conv.CustomerID != "" {
		cust, err := h.d.Customers.FindCustomerByID(ctx, conv.CustomerID)
		if err != nil {
			return nil, err
		}
		in.SupportLocked = cust.SupportLocked
		p.Customer = proofdesk.NewCustomerView(cust, vc)
		p.Contacts = h.contactRows(p.Customer, now)
		p.RevealFields = revealFields(p.Customer, in)
		p.Locked = cust.SupportLocked
		if p.Level > proofdesk.L0 {
			// Once the requester proved possession of a contact point on
			// file, saying which of their claims it was confirms nothing
			// they did not prove.
			p.ClaimedOnFile = claimedOnFile(cust, conv.Requester, p.VerifiedContacts)
		}
		if cust.SupportLocked && !slices.Contains(p.Risks, "support_locked") {
			p.Risks = append(p.Risks, "support_locked")
		}
	}
	p.decide(in)
	p.RevealWhy = revealWhy(p.RevealFields, p.CanBreakGlass)
	if p.Work, err = h.newWorkPanel(ctx, conv, p.Agents, in); err != nil {
		return nil, err
	}
	if p.Hold, err = h.legalHoldPanel(r, proofdesk.HoldConversation, "", conv.ID); err != nil {
		return nil, err
	}
	return p, nil
}

// riskFinder is the store's risk score of a conversation, when it has one.
type riskFinder interface {
	FindRisk(ctx context.Context, id string) (proofdesk.Risk, error)
}

// decide asks proofdesk.Decide what the page may offer.
func (p *conversationPage) decide(in proofdesk.DecisionInput) {
	ask := func(action string, f func(*proofdesk.DecisionInput)) proofdesk.Decision {
		q := in
		q.Action = action
		if f != nil {
			f(&q)
		}
		return proofdesk.Decide(q)
	}
	p.CanBreakGlass = ask(proofdesk.DoBreakGlass, func(q *proofdesk.DecisionInput) { q.BreakGlassReason = "offer" }).Allowed
	// The form shows whenever the role allows; a missing level is
	// explained when the supervisor submits it.
	p.CanUnlock = p.Locked && ask(proofdesk.DoUnlock, nil).RequiredRole == ""
	p.CanAssignOthers = ask(proofdesk.DoAssign, func(q *proofdesk.DecisionInput) { q.TargetID = "\x00another agent" }).Allowed
	if d := ask(proofdesk.DoAssign, func(q *proofdesk.DecisionInput) { q.TargetID = in.Actor.ID }); d.DropLevel {
		p.TakeOverNote = "Taking this conversation over resets its level to L0: the customer verified for the agent holding it."
	}
}

// contactRows lists v's contact points with whether a request may go to
// each now: verify.Eligible's answer, the one the store enforces.
func (h *Handler) contactRows(v *proofdesk.CustomerView, now time.Time) []contactRow {
	var out []contactRow
	for _, cp := range v.ContactPoints {
		err := verify.Eligible(&proofdesk.ContactPoint{ID: cp.ID, Kind: cp.Kind, AddedAt: cp.AddedAt}, now, h.d.Settings.CoolingOff)
		out = append(out, contactRow{ContactPointView: cp, CountsFrom: cp.AddedAt.Add(h.coolingOff()), Eligible: err == nil})
	}
	return out
}

// coolingOff is the configured cooling-off period, or verify's default.
func (h *Handler) coolingOff() time.Duration {
	if h.d.Settings.CoolingOff > 0 {
		return h.d.Settings.CoolingOff
	}
	return verify.DefaultCoolingOff
}

// revealFields lists the masked fields of v with the level each needs
// now, as proofdesk.Decide says (policy, risk, support lock).
func revealFields(v *proofdesk.CustomerView, in proofdesk.DecisionInput) []revealField {
	var out []revealField
	for _, f := range v.Masked {
		if _, _, ok := proofdesk.RevealFieldClass(f); !ok {
			continue
		}
		in.Action, in.Field = proofdesk.DoReveal, f
		d := proofdesk.Decide(in)
		rf := revealField{Field: f, Label: fieldLabel(f), Required: d.RequiredLevel, Allowed: d.Allowed}
		if !d.Allowed {
			rf.Refused = d.Message
		}
		out = append(out, rf)
	}
	return out
}

// revealWhy returns the reason the first field is refused when every
// field is, and break-glass is not offered; "" otherwise.
func revealWhy(fs []revealField, breakGlass bool) string {
	if breakGlass {
		return ""
	}
	for _, f := range fs {
		if f.Allowed {
			return ""
		}
	}
	if len(fs) == 0 {
		return ""
	}
	return fs[0].Refused
}

func fieldLabel(f string) string {
	switch f {
	case "emails":
		return "Email addresses"
	case "phones":
		return "Phone numbers"
	case "addresses":
		return "Postal addresses"
	case "date_of_birth":
		return "Date of birth"
	case "payment":
		return "Payment method"
	case "name":
		return "Name"
	case "orders":
		return "Orders (number, status, items)"
	case "orders.shipping":
		return "Where orders go (tracking, shipping address)"
	}
	if a, ok := strings.CutPrefix(f, "attributes."); ok {
		return strings.ReplaceAll(a, "_", " ")
	}
	return f
}

func channelLabel(ch string) string {
	switch ch {
	case proofdesk.ChannelChat:
		return "Chat"
	case proofdesk.ChannelEmail:
		return "Email"
	case proofdesk.ChannelPhone:
		return "Call"
	}
	return "API"
}

// blockedFrom explains a guard error to the agent, with the next step.
func blockedFrom(err error, hasCustomer bool) *blockedReply {
	b := &blockedReply{Rule: "protected_value", RequiredLevel: "L1"}
	if e, ok := err.(*proofdesk.Error); ok {
		if v, ok := e.Details["rule"].(string); ok {
			b.Rule = v
		}
		if v, ok := e.Details["class"].(string); ok {
			b.Class = v
		}
		switch v := e.Details["required_level"].(type) {
		case string:
			b.RequiredLevel = v
		case fmt.Stringer:
			b.RequiredLevel = v.String()
		}
	}
	what := strings.ReplaceAll(b.Class, "_", " ")
	if what == "" {
		what = "customer data"
	}
	switch b.Rule {
	case "confirmation":
		b.Reason = "The reply confirms a value the requester offered (" + what + "). Confirming is disclosing."
	case "denial":
		b.Reason = "The reply denies a value the requester offered (" + what + "). Denying tells them they guessed wrong."
	default:
		b.Reason = "The reply contains the customer's " + what + ", which needs " + b.RequiredLevel + "."
	}
	if hasCustomer {
		b.Next = "Verify the customer to " + b.RequiredLevel + " first \u2014 send a request from the verification panel, then send the reply again."
	} else {
		b.Next = "Link the conversation to a customer and verify them to " + b.RequiredLevel + " first."
	}
	return b
}
