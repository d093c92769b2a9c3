package console

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"image/png"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/pquerna/otp"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	httpd "github.com/proofdesk/proofdesk/http"
)

// totpIssuer names Proofdesk in authenticator apps.
const totpIssuer = "Proofdesk"

// enrolTicketTTL is how long a first-sign-in enrolment form stays valid.
const enrolTicketTTL = 10 * time.Minute

type enrolPage struct {
	page
	Enabled   bool
	QR        template.URL // data: URL of the QR code PNG (built here, safe)
	Secret    string       // for typing into an app by hand, grouped by 4
	Ticket    string       // first sign-in only
	LoginCSRF string       // first sign-in only
	FirstTime bool
	// Notify are the agent's notification settings (nil: none kept on
	// the server, the console's browser settings only).
	Notify *proofdesk.NotificationSettings
}

// pendingSecret returns the agent's not-yet-enabled TOTP secret, creating
// and storing one if there is none.
func (h *Handler) pendingSecret(r *http.Request, agent *proofdesk.Agent) (string, error) {
	if agent.TOTPSecret != "" && !agent.TOTPEnabled {
		return agent.TOTPSecret, nil
	}
	key, err := auth.NewTOTPKey(totpIssuer, agent.Email)
	if err != nil {
		return "", err
	}
	no := false
	if _, err := h.agents.UpdateAgent(proofdesk.NewContextWithAgent(r.Context(), agent), agent.ID,
		proofdesk.AgentUpdate{TOTPSecret: &key.Secret, TOTPEnabled: &no}); err != nil {
		return "", err
	}
	agent.TOTPSecret = key.Secret
	return key.Secret, nil
}

// qrDataURL returns the otpauth QR code of secret as a data: URL.
func qrDataURL(account, secret string) (string, error) {
	v := url.Values{}
	v.Set("secret", secret)
	v.Set("issuer", totpIssuer)
	v.Set("algorithm", "SHA1")
	v.Set("digits", "6")
	v.Set("period", "30")
	u := "otpauth://totp/" + url.PathEscape(totpIssuer) + ":" + url.PathEscape(account) + "?" + v.Encode()
	key, err := otp.NewKeyFromURL(u)
	if err != nil {
		return "", fmt.Errorf("totp url: %w", err)
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return "", fmt.Errorf("totp qr code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return "", fmt.Errorf("totp qr code: %w", err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}

func groupSecret(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (h *Handler) enrolData(r *http.Request, agent *proofdesk.Agent, p page) (*enrolPage, error) {
	e := &enrolPage{page: p, Enabled: agent.TOTPEnabled && agent.TOTPSecret != ""}
	if e.Enabled {
		return e, nil
	}
	secret, err := h.pendingSecret(r, agent)
	if err != nil {
		return nil, err
	}
	qr, err := qrDataURL(agent.Email, secret)
	if err != nil {
		return nil, err
	}
	e.QR = template.URL(qr) // a data:image/png URL built from our own PNG

	e.Secret = groupSecret(secret)
	return e, nil
}

func (h *Handler) handleEnrolShow(w http.ResponseWriter, r *http.Request) {
	agent := proofdesk.AgentFromContext(r.Context())
	e, err := h.enrolData(r, agent, h.newPage(r, "Two-factor authentication", "account"))
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	if h.d.Notifications != nil {
		ns, err := h.d.Notifications.NotificationSettings(r.Context())
		if err != nil {
			h.renderError(w, r, err)
			return
		}
		e.Notify = &ns
	}
	h.render(w, r, http.StatusOK, "enrol", e)
}

// handleNotifications stores the agent's own notification settings from
// the account page's form: a checkbox per kind ("kind") and "email".
func (h *Handler) handleNotifications(w http.ResponseWriter, r *http.Request) {
	if h.d.Notifications == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.ENOTFOUND, "notification settings are not kept on this server"))
		return
	}
	if err := r.ParseForm(); err != nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINVALID, "unreadable form"))
		return
	}
	in := proofdesk.NotificationSettings{Kinds: r.PostForm["kind"], Email: r.PostFormValue("email") == "1"}
	if _, err := h.d.Notifications.SetNotificationSettings(r.Context(), in); err != nil {
		h.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/account/2fa?done=notifications", http.StatusSeeOther)
}

func (h *Handler) handleEnrol(w http.ResponseWriter, r *http.Request) {
	agent := proofdesk.AgentFromContext(r.Context())
	if agent.TOTPEnabled {
		http.Redirect(w, r, "/account/2fa", http.StatusSeeOther)
		return
	}
	code := strings.TrimSpace(r.PostFormValue("code"))
	if agent.TOTPSecret == "" || h.totp.Verify(r.Context(), agent.ID, agent.TOTPSecret, code, h.Now()) != nil {
		e, err := h.enrolData(r, agent, h.newPage(r, "Two-factor authentication", "account"))
		if err != nil {
			h.renderError(w, r, err)
			return
		}
		e.Error = "That code did not match. Check the time on your phone and type the current 6-digit code."
		h.render(w, r, http.StatusUnprocessableEntity, "enrol", e)
		return
	}
	yes := true
	if _, err := h.agents.UpdateAgent(r.Context(), agent.ID, proofdesk.AgentUpdate{TOTPEnabled: &yes}); err != nil {
		h.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, "/account/2fa?done=enrolled", http.StatusSeeOther)
}

// enrolTicket binds a first-sign-in enrolment to the agent, its pending
// secret and an expiry, under a key of this process.
func (h *Handler) enrolTicket(agentID, secret string, exp time.Time) string {
	payload := agentID + "|" + strconv.FormatInt(exp.Unix(), 10)
	m := hmac.New(sha256.New, h.enrolKey)
	m.Write([]byte(payload + "|" + secret))
	return base64.RawURLEncoding.EncodeToString([]byte(payload)) + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// startLoginEnrol shows the enrolment form to an admin whose password was
// right but who has no authenticator yet. No session exists until the
// first code is right.
func (h *Handler) startLoginEnrol(w http.ResponseWriter, r *http.Request, agent *proofdesk.Agent, msg string) {
	p := page{Title: "Set up two-factor authentication"}
	e, err := h.enrolData(r, agent, p)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	e.FirstTime = true
	e.Error = msg
	e.Ticket = h.enrolTicket(agent.ID, agent.TOTPSecret, h.Now().Add(enrolTicketTTL))
	e.LoginCSRF = auth.NewCSRFToken()
	h.setCookie(w, r, loginCSRFCookie, e.LoginCSRF, "/login", 3600)
	status := http.StatusOK
	if msg != "" {
		status = http.StatusUnauthorized
	}
	h.render(w, r, status, "enrol", e)
}

// handleLoginEnrol checks the first code of an admin's new authenticator,
// turns two-factor on and signs the admin in.
func (h *Handler) handleLoginEnrol(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(loginCSRFCookie)
	if err != nil || !auth.CheckCSRF(c.Value, r.PostFormValue(csrfFormField)) {
		h.showLogin(w, r, http.StatusForbidden, "", "Your sign-in form expired. Please try again.")
		return
	}
	expired := func() {
		h.showLogin(w, r, http.StatusUnauthorized, "", "The set-up form expired. Sign in again to restart it.")
	}
	payloadB64, macB64, ok := strings.Cut(r.PostFormValue("ticket"), ".")
	payload, err1 := base64.RawURLEncoding.DecodeString(payloadB64)
	mac, err2 := base64.RawURLEncoding.DecodeString(macB64)
	if !ok || err1 != nil || err2 != nil {
		expired()
		return
	}
	agentID, expStr, _ := strings.Cut(string(payload), "|")
	exp, err := strconv.ParseInt(expStr, 10, 64)
	if err != nil || h.Now().Unix() > exp {
		expired()
		return
	}
	agent, err := h.agents.FindAgentByID(r.Context(), agentID)
	if err != nil || agent.Disabled || agent.TOTPEnabled || agent.TOTPSecret == "" {
		expired()
		return
	}
	want, _ := base64.RawURLEncoding.DecodeString(strings.SplitN(h.enrolTicket(agent.ID, agent.TOTPSecret, time.Unix(exp, 0)), ".", 2)[1])
	if !hmac.Equal(mac, want) {
		expired()
		return
	}
	addr := httpd.ClientAddr(r)
	if err := h.throttle.Check(r.Context(), agent.Email, addr); err != nil {
		if proofdesk.ErrorCode(err) != proofdesk.ERATELIMIT {
			h.renderError(w, r, err)
			return
		}
		h.showLogin(w, r, http.StatusTooManyRequests, agent.Email, proofdesk.ErrorMessage(err))
		return
	}
	if err := h.totp.Verify(r.Context(), agent.ID, agent.TOTPSecret, strings.TrimSpace(r.PostFormValue("code")), h.Now()); err != nil {
		if err := h.throttle.Failure(r.Context(), agent.Email, addr); err != nil {
			h.renderError(w, r, err)
			return
		}
		if err := h.agents.RecordLogin(r.Context(), agent.ID, false, reasonBadTOTP); err != nil {
			h.renderError(w, r, err)
			return
		}
		h.startLoginEnrol(w, r, agent, "That code did not match. Type the current 6-digit code from your app.")
		return
	}
	yes := true
	if _, err := h.agents.UpdateAgent(proofdesk.NewContextWithAgent(r.Context(), agent), agent.ID, proofdesk.AgentUpdate{TOTPEnabled: &yes}); err != nil {
		h.renderError(w, r, err)
		return
	}
	if err := h.throttle.Success(r.Context(), agent.Email, addr); err != nil {
		h.renderError(w, r, err)
		return
	}
	agent.TOTPEnabled = true
	h.startSession(w, r, agent)
}
