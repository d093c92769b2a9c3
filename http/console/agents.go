package console

import (
	"net/http"
	"strings"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
)

// This file is the console's side of the agent lifecycle (Admin → Agents):
// invite, disable, re-enable, remove, change roles, reset passwords and
// second factors, all through Deps.AgentAdmin (desk.Agents: Decide, audit,
// the agent told); and the public /invite/{token} page where an invited
// (or reset) agent sets a password and then a second factor.

// inviteCSRFCookie holds the double-submit token of the invitation form.
const inviteCSRFCookie = "proofdesk_invite_csrf"

// agentChangeNotices confirm a change in words.
var agentChangeNotices = map[string]string{
	proofdesk.AgentDisable:       "disabled: their sessions ended and their API tokens were revoked.",
	proofdesk.AgentEnable:        "enabled again. Their old API tokens stay revoked.",
	proofdesk.AgentRemove:        "removed: signed out everywhere, API tokens revoked.",
	proofdesk.AgentSetRole:       "now has the role ",
	proofdesk.AgentResetPassword: "must set a new password: the old one no longer works and a link was mailed to them (without a relay it is in Admin → Outbox).",
	proofdesk.AgentResetTOTP:     "will set up a new second factor at their next sign-in; their sessions ended.",
}

// handleAdminAgentChange applies one change from the Agents page: the
// form's "change" is disable, enable, remove, role (with "role"),
// reset_password or reset_totp.
func (h *Handler) handleAdminAgentChange(w http.ResponseWriter, r *http.Request) {
	if h.d.AgentAdmin == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.ENOTFOUND, "Agent changes are not available here."))
		return
	}
	change := r.PostFormValue("change")
	res, err := h.d.AgentAdmin.ChangeAgent(r.Context(), r.PathValue("id"), change, strings.TrimSpace(r.PostFormValue("role")))
	if err != nil {
		if c := proofdesk.ErrorCode(err); c == proofdesk.ENOTFOUND || c == proofdesk.EINTERNAL || c == "" {
			h.renderError(w, r, err)
			return
		}
		p, perr := h.adminAgentsData(r)
		if perr != nil {
			h.renderError(w, r, perr)
			return
		}
		p.Error = proofdesk.ErrorMessage(err)
		h.render(w, r, httpStatus(err), "admin_agents", p)
		return
	}
	// An admin who changed their own account may have ended their session.
	if res.Agent.ID == proofdesk.AgentIDFromContext(r.Context()) && res.SessionsEnded > 0 {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	p, err := h.adminAgentsData(r)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	msg := agentChangeNotices[change]
	if change == proofdesk.AgentSetRole {
		msg += res.Agent.Role + "."
	}
	p.Notice = res.Agent.Name + " " + msg
	if res.Agent.ID != proofdesk.AgentIDFromContext(r.Context()) {
		p.Notice += " They were told by email."
	}
	h.render(w, r, http.StatusOK, "admin_agents", p)
}

// invitePage is the data of the invitation page.
type invitePage struct {
	page
	Name      string
	Email     string
	Token     string
	InviteCSR string
	Reset     bool
}

func (h *Handler) handleInviteShow(w http.ResponseWriter, r *http.Request) {
	h.showInvite(w, r, http.StatusOK, "")
}

func (h *Handler) showInvite(w http.ResponseWriter, r *http.Request, status int, msg string) {
	token := r.PathValue("token")
	if h.d.AgentAdmin == nil {
		h.renderPublicError(w, r, proofdesk.Errorf(proofdesk.ENOTFOUND, "This link is unknown, used or expired. Ask an admin for a new one."))
		return
	}
	a, err := h.d.AgentAdmin.FindInvitation(r.Context(), token)
	if err != nil {
		h.renderPublicError(w, r, err)
		return
	}
	p := &invitePage{page: page{Title: "Set your password", Error: msg}, Name: a.Name, Email: a.Email, Token: token,
		InviteCSR: auth.NewCSRFToken()}
	h.setCookie(w, r, inviteCSRFCookie, p.InviteCSR, "/invite/", 3600)
	h.render(w, r, status, "invite", p)
}

// handleInvite sets the password; an agent without a second factor goes
// on to set one up (the sign-in enrolment), then is signed in.
func (h *Handler) handleInvite(w http.ResponseWriter, r *http.Request) {
	// The form's token first, before the link is looked up: a post from
	// another site learns nothing about the link.
	c, err := r.Cookie(inviteCSRFCookie)
	if err != nil || !auth.CheckCSRF(c.Value, r.PostFormValue(csrfFormField)) {
		h.renderPublicError(w, r, proofdesk.Errorf(proofdesk.EFORBIDDEN, "This form expired or did not come from Proofdesk. Open the link from your mail again."))
		return
	}
	if h.d.AgentAdmin == nil {
		h.renderPublicError(w, r, proofdesk.Errorf(proofdesk.ENOTFOUND, "This link is unknown, used or expired. Ask an admin for a new one."))
		return
	}
	password := r.PostFormValue("password")
	if password != r.PostFormValue("confirm") {
		h.showInvite(w, r, http.StatusUnprocessableEntity, "The two passwords differ. Type the same password twice.")
		return
	}
	a, err := h.d.AgentAdmin.AcceptInvitation(r.Context(), r.PathValue("token"), password)
	if proofdesk.ErrorCode(err) == proofdesk.EINVALID {
		h.showInvite(w, r, http.StatusUnprocessableEntity, "Password: at least 12 characters.")
		return
	} else if err != nil {
		h.renderPublicError(w, r, err)
		return
	}
	h.clearCookie(w, r, inviteCSRFCookie, "/invite/")
	if a.TOTPEnabled && a.TOTPSecret != "" {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	h.startLoginEnrol(w, r, a, "")
}

// renderPublicError shows err on the error page without a signed-in
// layout.
func (h *Handler) renderPublicError(w http.ResponseWriter, r *http.Request, err error) {
	status := httpStatus(err)
	h.render(w, r, status, "error", errorPage{page: page{Title: "Link not valid", Error: proofdesk.ErrorMessage(err)}, Status: status})
}
