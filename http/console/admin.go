package console

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
)

// PasswordParams are the argon2id parameters for agents created in the
// console; tests lower them.
var PasswordParams = auth.DefaultPasswordParams

type adminAgentsPage struct {
	page
	Agents []*proofdesk.Agent
	Form   struct{ Email, Name, Role string }
	Roles  []string
}

func (h *Handler) adminAgentsData(r *http.Request) (*adminAgentsPage, error) {
	as, err := h.agents.FindAgents(r.Context())
	if err != nil {
		return nil, err
	}
	p := &adminAgentsPage{page: h.newPage(r, "Agents", "admin"), Agents: as,
		Roles: []string{proofdesk.RoleAgent, proofdesk.RoleSupervisor, proofdesk.RoleAdmin}}
	p.Form.Role = proofdesk.RoleAgent
	return p, nil
}

func (h *Handler) handleAdminAgents(w http.ResponseWriter, r *http.Request) {
	p, err := h.adminAgentsData(r)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_agents", p)
}

func (h *Handler) handleAdminAgentCreate(w http.ResponseWriter, r *http.Request) {
	p, err := h.adminAgentsData(r)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	p.Form.Email = strings.TrimSpace(r.PostFormValue("email"))
	p.Form.Name = strings.TrimSpace(r.PostFormValue("name"))
	p.Form.Role = r.PostFormValue("role")
	password := r.PostFormValue("password")
	fail := func(status int, msg string) {
		p.Error = msg
		h.render(w, r, status, "admin_agents", p)
	}
	email, err := proofdesk.NormalizeEmail(p.Form.Email)
	switch {
	case err != nil:
		fail(http.StatusUnprocessableEntity, "Email: give a valid email address.")
		return
	case p.Form.Name == "" || len(p.Form.Name) > 200:
		fail(http.StatusUnprocessableEntity, "Name: give the agent's name (at most 200 characters).")
		return
	case !proofdesk.ValidRole(p.Form.Role):
		fail(http.StatusUnprocessableEntity, "Role: pick agent, supervisor or admin.")
		return
	case password == "" && h.d.AgentAdmin != nil:
		// No initial password: an invitation link, mailed.
		res, err := h.d.AgentAdmin.InviteAgent(r.Context(), email, p.Form.Name, p.Form.Role)
		if err != nil {
			if c := proofdesk.ErrorCode(err); c != proofdesk.EINVALID && c != proofdesk.ECONFLICT && c != proofdesk.EFORBIDDEN {
				h.renderError(w, r, err)
				return
			}
			fail(httpStatus(err), proofdesk.ErrorMessage(err))
			return
		}
		if p, err = h.adminAgentsData(r); err != nil {
			h.renderError(w, r, err)
			return
		}
		p.Notice = "Invitation sent to " + res.Agent.Email + ": the link (valid 7 days) lets them set a password and a second factor. Without a relay the mail is in Admin → Outbox."
		h.render(w, r, http.StatusCreated, "admin_agents", p)
		return
	case len(password) < 12 || len(password) > 1024:
		fail(http.StatusUnprocessableEntity, "Initial password: at least 12 characters, or leave it empty to send an invitation link.")
		return
	}
	hash, err := auth.HashPassword(password, PasswordParams)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	a := &proofdesk.Agent{Email: email, Name: p.Form.Name, Role: p.Form.Role, PasswordHash: hash, CreatedAt: h.Now().UTC()}
	if err := h.agents.CreateAgent(r.Context(), a); proofdesk.ErrorCode(err) == proofdesk.ECONFLICT {
		fail(http.StatusConflict, "An agent with that email already exists.")
		return
	} else if err != nil {
		h.renderError(w, r, err)
		return
	}
	p, err = h.adminAgentsData(r)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	p.Notice = "Agent " + a.Name + " created. They sign in with the initial password; admins set up two-factor authentication at first sign-in."
	h.render(w, r, http.StatusCreated, "admin_agents", p)
}

type adminTokensPage struct {
	page
	Token  string // shown once, right after creation
	Name   string
	Tokens []tokenRow
}

// tokenRow is one API token as the admin sees it: never its hash.
type tokenRow struct {
	ID         string
	Name       string
	Agent      string
	CreatedAt  time.Time
	LastUsedAt *time.Time
}

// adminTokensData lists every agent's tokens, newest first.
func (h *Handler) adminTokensData(r *http.Request) (*adminTokensPage, error) {
	ctx := r.Context()
	ts, err := h.agents.FindAPITokens(ctx, "")
	if err != nil {
		return nil, err
	}
	as, err := h.agents.FindAgents(ctx)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, a := range as {
		names[a.ID] = a.Name
	}
	p := &adminTokensPage{page: h.newPage(r, "API tokens", "admin")}
	for _, t := range ts {
		who := names[t.AgentID]
		if t.Kind == proofdesk.TokenIntegration {
			who = "Integration (customer sync)"
		}
		p.Tokens = append(p.Tokens, tokenRow{ID: t.ID, Name: t.Name, Agent: who, CreatedAt: t.CreatedAt, LastUsedAt: t.LastUsedAt})
	}
	return p, nil
}

func (h *Handler) handleAdminTokens(w http.ResponseWriter, r *http.Request) {
	p, err := h.adminTokensData(r)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_tokens", p)
}

func (h *Handler) handleAdminTokenCreate(w http.ResponseWriter, r *http.Request) {
	p, err := h.adminTokensData(r)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	p.Name = strings.TrimSpace(r.PostFormValue("name"))
	if p.Name == "" || len(p.Name) > 100 {
		p.Error = "Name: say what the token is for (at most 100 characters)."
		h.render(w, r, http.StatusUnprocessableEntity, "admin_tokens", p)
		return
	}
	token, hash := auth.NewToken()
	t := &proofdesk.APIToken{ID: proofdesk.NewID("tok"), AgentID: p.Agent.ID, Name: p.Name, Hash: hash, CreatedAt: h.Now().UTC()}
	if err := h.agents.CreateAPIToken(r.Context(), t); err != nil {
		h.renderError(w, r, err)
		return
	}
	name := p.Name
	if p, err = h.adminTokensData(r); err != nil {
		h.renderError(w, r, err)
		return
	}
	p.Token, p.Name = token, name
	h.render(w, r, http.StatusCreated, "admin_tokens", p)
}

// handleAdminTokenRevoke deletes a token; it stops authenticating at once.
func (h *Handler) handleAdminTokenRevoke(w http.ResponseWriter, r *http.Request) {
	err := h.agents.RevokeAPIToken(r.Context(), r.PathValue("id"))
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		p, perr := h.adminTokensData(r)
		if perr != nil {
			h.renderError(w, r, perr)
			return
		}
		p.Error = "That token does not exist: it may have been revoked already."
		h.render(w, r, http.StatusNotFound, "admin_tokens", p)
		return
	} else if err != nil {
		h.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/admin/tokens?done=revoked", http.StatusSeeOther)
}

// policyRow is one line of the policy editor.
type policyRow struct {
	Key   string
	Label string
	Level proofdesk.Level
	Floor string
}

type adminPolicyPage struct {
	page
	Classes    []policyRow
	Actions    []policyRow
	Attributes []policyRow
	Levels     []proofdesk.Level
	Field      string
}

var classOrder = []string{proofdesk.ClassName, proofdesk.ClassEmail, proofdesk.ClassPhone, proofdesk.ClassAddress,
	proofdesk.ClassDateOfBirth, proofdesk.ClassPayment, proofdesk.ClassOrders}

var actionOrder = []string{proofdesk.ActionChangeEmail, proofdesk.ActionChangePhone, proofdesk.ActionChangeAddress,
	proofdesk.ActionAddContactPoint, proofdesk.ActionSendPasswordReset, proofdesk.ActionRemoveSupportLock}

func policyPage(p page, pol *proofdesk.Policy) *adminPolicyPage {
	out := &adminPolicyPage{page: p, Levels: []proofdesk.Level{proofdesk.L0, proofdesk.L1, proofdesk.L2}}
	for _, k := range classOrder {
		out.Classes = append(out.Classes, policyRow{Key: k, Label: strings.ReplaceAll(k, "_", " "), Level: pol.ClassLevel(k)})
	}
	for _, k := range actionOrder {
		out.Actions = append(out.Actions, policyRow{Key: k, Label: strings.ReplaceAll(k, "_", " "), Level: pol.ActionLevel(k)})
	}
	keys := make([]string, 0, len(pol.Attributes))
	for k := range pol.Attributes {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		out.Attributes = append(out.Attributes, policyRow{Key: k, Label: strings.ReplaceAll(k, "_", " "), Level: pol.Attributes[k]})
	}
	return out
}

func (h *Handler) handleAdminPolicy(w http.ResponseWriter, r *http.Request) {
	pol, err := h.policy(r)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_policy", policyPage(h.newPage(r, "Policy", "admin"), pol))
}

func (h *Handler) handleAdminPolicyUpdate(w http.ResponseWriter, r *http.Request) {
	if h.d.Policy == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "policy service is not configured"))
		return
	}
	pol := &proofdesk.Policy{Classes: map[string]proofdesk.Level{}, Actions: map[string]proofdesk.Level{}, Attributes: map[string]proofdesk.Level{}}
	var perr error
	level := func(field, v string) proofdesk.Level {
		l, err := proofdesk.ParseLevel(v)
		if err != nil && perr == nil {
			perr = proofdesk.FieldError(field, "%s: unknown level %q: use L0, L1 or L2", field, v)
		}
		return l
	}
	for _, k := range classOrder {
		pol.Classes[k] = level("classes."+k, r.PostFormValue("class."+k))
	}
	for _, k := range actionOrder {
		pol.Actions[k] = level("actions."+k, r.PostFormValue("action."+k))
	}
	for key, vs := range r.PostForm {
		if name, ok := strings.CutPrefix(key, "attr."); ok && len(vs) > 0 && vs[0] != "remove" {
			pol.Attributes[name] = level("attributes."+name, vs[0])
		}
	}
	if name := strings.TrimSpace(r.PostFormValue("new_attr")); name != "" {
		pol.Attributes[name] = level("attributes."+name, r.PostFormValue("new_attr_level"))
	}
	err := perr
	if err == nil {
		err = h.d.Policy.UpdatePolicy(r.Context(), pol)
	}
	if err != nil {
		if proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			h.renderError(w, r, err)
			return
		}
		p := policyPage(h.newPage(r, "Policy", "admin"), pol)
		p.Error = proofdesk.ErrorMessage(err)
		var e *proofdesk.Error
		if pe, ok := err.(*proofdesk.Error); ok {
			e = pe
			p.Field = e.Field
		}
		h.render(w, r, http.StatusUnprocessableEntity, "admin_policy", p)
		return
	}
	http.Redirect(w, r, "/admin/policy?done=policy", http.StatusSeeOther)
}

type adminAuditPage struct {
	page
	Entries      []*proofdesk.AuditEntry
	Intact       bool
	BadSeq       int64
	BadWhy       string
	FilterAgent  string
	FilterAction string
	Agents       []*proofdesk.Agent
	Names        map[string]string
	Actions      []string
	Shown        int
	Verified     bool
}

// auditActions are the actions the audit filter offers.
var auditActions = []string{
	proofdesk.AuditLogin, proofdesk.AuditLoginFailed, proofdesk.AuditAgentCreate, proofdesk.AuditAgentUpdate, proofdesk.AuditAgentChange, proofdesk.AuditAgentPasswordSet, proofdesk.AuditTokenCreate,
	proofdesk.AuditTokenRevoke,
	proofdesk.AuditCustomerCreate, proofdesk.AuditCustomerUpdate, proofdesk.AuditCustomerImport, proofdesk.AuditConversationNew,
	proofdesk.AuditConversationEdit, proofdesk.AuditKeyRotate, proofdesk.AuditLevelChange, proofdesk.AuditChallengeSent,
	proofdesk.AuditChallengeOK, proofdesk.AuditChallengeFailed, proofdesk.AuditChallengeLocked, proofdesk.AuditChallengeRefused,
	proofdesk.AuditChallengeDenied, proofdesk.AuditReveal, proofdesk.AuditRevealRefused, proofdesk.AuditBreakGlass,
	proofdesk.AuditPolicyChange, proofdesk.AuditBrandingChange, proofdesk.AuditDisclosureBlocked, proofdesk.AuditGuardCandidate, proofdesk.AuditSupportLock, proofdesk.AuditAlert,
}

// auditShown is how many entries the viewer shows, newest first.
const auditShown = 200

func (h *Handler) handleAdminAudit(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p := adminAuditPage{page: h.newPage(r, "Audit log", "admin"), Actions: auditActions,
		FilterAgent: r.URL.Query().Get("agent"), FilterAction: r.URL.Query().Get("action")}
	if h.d.Audit == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "audit service is not configured"))
		return
	}
	seq, why, err := h.d.Audit.VerifyAudit(ctx)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	p.Verified, p.Intact, p.BadSeq, p.BadWhy = true, seq == 0, seq, why
	f := proofdesk.AuditFilter{Limit: 20000}
	if p.FilterAgent != "" {
		f.ActorID = &p.FilterAgent
	}
	if p.FilterAction != "" {
		f.Action = &p.FilterAction
	}
	es, err := h.d.Audit.FindAuditEntries(ctx, f)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	if len(es) > auditShown {
		es = es[len(es)-auditShown:]
	}
	slices.Reverse(es)
	p.Entries, p.Shown = es, len(es)
	if p.Agents, err = h.agents.FindAgents(ctx); err != nil {
		h.renderError(w, r, err)
		return
	}
	p.Names = map[string]string{}
	for _, a := range p.Agents {
		p.Names[a.ID] = a.Name
	}
	h.render(w, r, http.StatusOK, "admin_audit", p)
}

type adminOutboxPage struct {
	page
	Messages   []*proofdesk.OutboxMessage
	ShowBodies bool
	// Filters, and the desk's own URL (links to it in bodies are made
	// clickable: the demo's verification links).
	FilterConversation, FilterStatus string
	Statuses                         []string
	Base                             string
}

func (h *Handler) handleAdminOutbox(w http.ResponseWriter, r *http.Request) {
	if h.d.Outbox == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "outbox is not configured"))
		return
	}
	q := r.URL.Query()
	f := proofdesk.OutboxFilter{Limit: 100, ConversationID: strings.TrimSpace(q.Get("conversation")), Status: q.Get("status")}
	if f.Status != "" && f.Status != proofdesk.OutboxQueued && f.Status != proofdesk.OutboxSent && f.Status != proofdesk.OutboxFailed {
		f.Status = ""
	}
	ms, err := h.d.Outbox.FindOutboxMessages(r.Context(), f)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	// Subjects are the customer's words ("Re: my code 482913"): read
	// through the one view, a recent code hidden anywhere in them.
	// A reply's subject reads as the lists read its conversation's, with
	// the first messages ("Re: my code is 482", then "913 thanks").
	find, _ := h.d.Conversations.(proofdesk.SubjectFinder)
	if err := h.textView(r.Context()).OutboxSubjects(r.Context(), find, ms); err != nil {
		h.renderError(w, r, err)
		return
	}
	// Once a relay or an SMS provider is set, bodies (live codes and
	// links) are never shown.
	p := adminOutboxPage{page: h.newPage(r, "Outbox", "admin"), Messages: ms,
		ShowBodies:         proofdesk.OutboxBodiesShown(h.relayConfigured(r), h.d.Settings.SMSProvider != ""),
		FilterConversation: f.ConversationID, FilterStatus: f.Status, Statuses: []string{proofdesk.OutboxQueued, proofdesk.OutboxSent, proofdesk.OutboxFailed},
		Base: strings.TrimRight(h.d.Settings.BaseURL, "/")}
	h.render(w, r, http.StatusOK, "admin_outbox", p)
}

// relayConfigured reports whether a relay delivers mail now (a flag or the
// console's channel settings): then the outbox shows no bodies.
func (h *Handler) relayConfigured(r *http.Request) bool {
	if h.d.Settings.SMTPRelay != "" {
		return true
	}
	if h.d.Channels == nil {
		return false
	}
	v, err := h.d.Channels.ChannelSettings(r.Context())
	return err != nil || v.Effective.RelayAddr != ""
}
