package api

import (
	"net/http"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// SettingsHandler serves the channel settings to admins: the email
// channel, the widget's origins, the SMS provider. Secrets are write-only:
// a view says only whether each is set.
type SettingsHandler struct {
	agents   proofdesk.AgentService
	channels proofdesk.ChannelSettingsService
}

// NewSettingsHandler returns the handler; agents authenticates the bearer
// tokens.
func NewSettingsHandler(agents proofdesk.AgentService, channels proofdesk.ChannelSettingsService) *SettingsHandler {
	return &SettingsHandler{agents: agents, channels: channels}
}

// Register adds, behind bearer-token auth, for admins only:
//
//	GET  /api/v1/settings/channels → 200 ChannelSettingsView
//	PUT  /api/v1/settings/channels ChannelSettings fields, plus the secrets
//	     "relay_password", "imap_password", "dkim_key", "sms_auth_token"
//	     (absent: kept; "": cleared) → 200 ChannelSettingsView, 422 naming the field
//	POST /api/v1/settings/channels/test {"to"} → 200 {"sent":true}, or 400
//	     whose message says in words what failed (connection refused, TLS,
//	     authentication, the recipient refused)
func (h *SettingsHandler) Register(r Router) {
	r.Handle("GET /api/v1/settings/channels", authenticated(h.agents, adminOnly(h.handleShow)))
	r.Handle("PUT /api/v1/settings/channels", authenticated(h.agents, adminOnly(h.handleUpdate)))
	r.Handle("POST /api/v1/settings/channels/test", authenticated(h.agents, adminOnly(h.handleTest)))
}

func (h *SettingsHandler) handleShow(w http.ResponseWriter, r *http.Request) {
	v, err := h.channels.ChannelSettings(r.Context())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, v)
}

// channelsBody is the PUT body: the settings and the write-only secrets.
type channelsBody struct {
	proofdesk.ChannelSettings
	RelayPassword *string `json:"relay_password"`
	IMAPPassword  *string `json:"imap_password"`
	DKIMKey       *string `json:"dkim_key"`
	SMSAuthToken  *string `json:"sms_auth_token"`
}

func (h *SettingsHandler) handleUpdate(w http.ResponseWriter, r *http.Request) {
	var in channelsBody
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	u := proofdesk.ChannelSettingsUpdate{Settings: in.ChannelSettings, SetSecrets: map[string]bool{}}
	for name, v := range map[string]*string{proofdesk.SecretRelayPassword: in.RelayPassword, proofdesk.SecretIMAPPassword: in.IMAPPassword,
		proofdesk.SecretDKIMKey: in.DKIMKey, proofdesk.SecretSMSAuthToken: in.SMSAuthToken} {
		if v != nil {
			u.SetSecrets[name] = true
			*u.Settings.Secret(name) = *v
		}
	}
	v, err := h.channels.UpdateChannelSettings(r.Context(), u)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, v)
}

func (h *SettingsHandler) handleTest(w http.ResponseWriter, r *http.Request) {
	var in struct {
		To string `json:"to"`
	}
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if err := h.channels.SendTestEmail(r.Context(), in.To); err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"sent": true})
}
