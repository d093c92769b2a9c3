package console

import (
	"net/http"
	"strings"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	httpd "github.com/proofdesk/proofdesk/http"
)

// Login failure reasons recorded in the audit log (never the email or code).
const (
	reasonUnknownEmail   = "unknown_email"
	reasonBadPassword    = "bad_password"
	reasonDisabled       = "disabled"
	reasonTOTPMissing    = "totp_missing"
	reasonBadTOTP        = "bad_totp"
	reasonTOTPNotEnabled = "totp_not_enrolled"
	reasonThrottled      = "throttled"
)

const badLogin = "Invalid email, password or authentication code."

type loginPage struct {
	CSRFToken string
	Email     string
	Error     string
}

// showLogin renders the sign-in form with a fresh login CSRF token
// (double-submit: the same token in a cookie and in the form).
func (h *Handler) showLogin(w http.ResponseWriter, r *http.Request, status int, email, msg string) {
	tok := auth.NewCSRFToken()
	h.setCookie(w, r, loginCSRFCookie, tok, "/login", 3600)
	h.render(w, r, status, "login", loginPage{CSRFToken: tok, Email: email, Error: msg})
}

func (h *Handler) handleLoginShow(w http.ResponseWriter, r *http.Request) {
	if sess, _, err := h.currentSession(r); err == nil && sess != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	msg := ""
	if r.URL.Query().Get("expired") == "1" {
		msg = "Your session expired. Please sign in again."
	}
	h.showLogin(w, r, http.StatusOK, "", msg)
}

func (h *Handler) handleLogin(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := r.ParseForm(); err != nil {
		if httpd.IsBodyTooLarge(err) {
			h.renderError(w, r, proofdesk.Errorf(proofdesk.EINVALID, "request body larger than 1 MiB"))
			return
		}
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINVALID, "The form could not be read."))
		return
	}
	c, err := r.Cookie(loginCSRFCookie)
	if err != nil || !auth.CheckCSRF(c.Value, r.PostFormValue(csrfFormField)) {
		h.showLogin(w, r, http.StatusForbidden, "", "Your sign-in form expired. Please try again.")
		return
	}
	email := strings.ToLower(strings.TrimSpace(r.PostFormValue("email")))
	password := r.PostFormValue("password")
	code := strings.TrimSpace(r.PostFormValue("code"))
	addr := httpd.ClientAddr(r)
	if len(email) > 254 || len(password) > 1024 {
		h.showLogin(w, r, http.StatusUnauthorized, "", badLogin)
		return
	}

	if err := h.throttle.Check(ctx, email, addr); err != nil {
		if proofdesk.ErrorCode(err) != proofdesk.ERATELIMIT {
			h.renderError(w, r, err)
			return
		}
		agentID := ""
		if a, ferr := h.agents.FindAgentByEmail(ctx, email); ferr == nil {
			agentID = a.ID
		}
		if aerr := h.agents.RecordLogin(ctx, agentID, false, reasonThrottled); aerr != nil {
			h.renderError(w, r, aerr)
			return
		}
		h.showLogin(w, r, http.StatusTooManyRequests, email, proofdesk.ErrorMessage(err))
		return
	}

	fail := func(agentID, reason string) {
		if err := h.throttle.Failure(ctx, email, addr); err != nil {
			h.renderError(w, r, err)
			return
		}
		if err := h.agents.RecordLogin(ctx, agentID, false, reason); err != nil {
			h.renderError(w, r, err)
			return
		}
		h.showLogin(w, r, http.StatusUnauthorized, email, badLogin)
	}

	agent, err := h.agents.FindAgentByEmail(ctx, email)
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		auth.DummyVerify(password)
		fail("", reasonUnknownEmail)
		return
	} else if err != nil {
		h.renderError(w, r, err)
		return
	}
	ok, err := auth.VerifyPassword(agent.PasswordHash, password)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	if !ok {
		fail(agent.ID, reasonBadPassword)
		return
	}
	if agent.Disabled {
		fail(agent.ID, reasonDisabled)
		return
	}
	switch {
	case agent.TOTPEnabled && agent.TOTPSecret != "":
		if code == "" {
			fail(agent.ID, reasonTOTPMissing)
			return
		}
		if err := h.totp.Verify(ctx, agent.ID, agent.TOTPSecret, code, h.Now()); err != nil {
			fail(agent.ID, reasonBadTOTP)
			return
		}
	case agent.IsAdmin() && !h.AllowNo2FA:
		// First sign-in of an admin without TOTP: the password was right,
		// but no session starts until an authenticator is enrolled.
		if err := h.agents.RecordLogin(ctx, agent.ID, false, reasonTOTPNotEnabled); err != nil {
			h.renderError(w, r, err)
			return
		}
		h.startLoginEnrol(w, r, agent, "")
		return
	}

	if err := h.throttle.Success(ctx, email, addr); err != nil {
		h.renderError(w, r, err)
		return
	}
	h.startSession(w, r, agent)
}

// startSession signs agent in: any session the browser had is dropped
// (the ID is rotated) and a new one starts.
func (h *Handler) startSession(w http.ResponseWriter, r *http.Request, agent *proofdesk.Agent) {
	ctx := r.Context()
	if old, err := r.Cookie(sessionCookie); err == nil && auth.ValidSessionIDFormat(old.Value) {
		if err := h.agents.DeleteSession(ctx, auth.HashToken(old.Value)); err != nil {
			h.renderError(w, r, err)
			return
		}
	}
	id, hash := auth.NewSessionID()
	now := h.Now().UTC()
	sess := &proofdesk.Session{
		ID: hash, AgentID: agent.ID, CSRFToken: auth.NewCSRFToken(),
		CreatedAt: now, ExpiresAt: now.Add(h.SessionTTL),
	}
	actx := proofdesk.NewContextWithAgent(ctx, agent)
	if err := h.agents.CreateSession(actx, sess); err != nil {
		h.renderError(w, r, err)
		return
	}
	if err := h.agents.RecordLogin(actx, agent.ID, true, ""); err != nil {
		h.renderError(w, r, err)
		return
	}
	h.setCookie(w, r, sessionCookie, id, "/", int(h.SessionTTL.Seconds()))
	h.clearCookie(w, r, loginCSRFCookie, "/login")
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (h *Handler) handleLogout(w http.ResponseWriter, r *http.Request) {
	sess := sessionFromContext(r.Context())
	if err := h.agents.DeleteSession(r.Context(), sess.ID); err != nil {
		h.renderError(w, r, err)
		return
	}
	h.clearCookie(w, r, sessionCookie, "/")
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
