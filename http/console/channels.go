package console

import (
	"net/http"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// This file is Admin → Channels: the channel settings an admin sets in the
// console (Deps.Channels), the flags that override them, the widget's
// embed tag, and the relay check that sends a test email.

type adminSettingsPage struct {
	page
	S Settings
	// V is the channel settings view; nil when the console has no
	// channel settings service (then S alone is shown, read-only).
	V *proofdesk.ChannelSettingsView
	// Form is what the admin typed, shown again after an error.
	Form        proofdesk.ChannelSettings
	Origins     string // Form.WidgetOrigins, one per line
	Field       string // the field an error names
	Snippet     string // the widget's embed tag
	TestTo      string
	TestResult  string
	TestFailure string
}

// settingsPage builds the page from the view in force.
func (h *Handler) settingsPage(r *http.Request) (*adminSettingsPage, error) {
	p := &adminSettingsPage{page: h.newPage(r, "Channels", "admin"), S: h.d.Settings}
	base := strings.TrimRight(h.d.Settings.BaseURL, "/")
	p.Snippet = `<script src="` + base + `/widget.js" data-proofdesk="` + base + `"></script>`
	if h.d.Channels == nil {
		return p, nil
	}
	v, err := h.d.Channels.ChannelSettings(r.Context())
	if err != nil {
		return nil, err
	}
	p.V, p.Form = v, v.Stored
	p.Origins = strings.Join(v.Stored.WidgetOrigins, "\n")
	return p, nil
}

func (h *Handler) handleAdminSettings(w http.ResponseWriter, r *http.Request) {
	p, err := h.settingsPage(r)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_settings", p)
}

// handleAdminSettingsUpdate saves the form. A secret field left empty
// keeps the stored secret; its "clear_" box clears it.
func (h *Handler) handleAdminSettingsUpdate(w http.ResponseWriter, r *http.Request) {
	if h.d.Channels == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.ENOTFOUND, "Channel settings are not available here."))
		return
	}
	f := r.PostFormValue
	s := proofdesk.ChannelSettings{
		InboundAddress: f("inbound_address"), FromName: f("from_name"),
		RelayAddr: f("relay_addr"), RelaySecurity: f("relay_security"), RelayUser: f("relay_user"),
		IMAPAddr: f("imap_addr"), IMAPUser: f("imap_user"), IMAPSecurity: f("imap_security"), IMAPMailbox: f("imap_mailbox"),
		DKIMDomain: f("dkim_domain"), DKIMSelector: f("dkim_selector"),
		WidgetOrigins: []string{f("widget_origins")},
		SMSBaseURL:    f("sms_base_url"), SMSAccount: f("sms_account"), SMSFrom: f("sms_from"),
	}
	u := proofdesk.ChannelSettingsUpdate{Settings: s, SetSecrets: map[string]bool{}}
	for _, n := range proofdesk.SecretNames {
		if v := f(n); v != "" {
			u.SetSecrets[n], *u.Settings.Secret(n) = true, v
		} else if f("clear_"+n) != "" {
			u.SetSecrets[n] = true
		}
	}
	_, err := h.d.Channels.UpdateChannelSettings(r.Context(), u)
	if err != nil {
		if c := proofdesk.ErrorCode(err); c != proofdesk.EINVALID {
			h.renderError(w, r, err)
			return
		}
		p, perr := h.settingsPage(r)
		if perr != nil {
			h.renderError(w, r, perr)
			return
		}
		p.Form, p.Origins, p.Error = s, f("widget_origins"), proofdesk.ErrorMessage(err)
		if e, ok := err.(*proofdesk.Error); ok {
			p.Field = e.Field
		}
		h.render(w, r, http.StatusUnprocessableEntity, "admin_settings", p)
		return
	}
	http.Redirect(w, r, "/admin/settings?done=channels", http.StatusSeeOther)
}

// handleAdminSettingsTest sends a test email through the relay in force
// and says in words what failed.
func (h *Handler) handleAdminSettingsTest(w http.ResponseWriter, r *http.Request) {
	if h.d.Channels == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.ENOTFOUND, "Channel settings are not available here."))
		return
	}
	to := strings.TrimSpace(r.PostFormValue("to"))
	err := h.d.Channels.SendTestEmail(r.Context(), to)
	p, perr := h.settingsPage(r)
	if perr != nil {
		h.renderError(w, r, perr)
		return
	}
	p.TestTo = to
	status := http.StatusOK
	if err != nil {
		if proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			h.renderError(w, r, err)
			return
		}
		p.TestFailure, status = proofdesk.ErrorMessage(err), http.StatusUnprocessableEntity
	} else {
		p.TestResult = "Test email sent: the relay accepted it. Check the mailbox of " + to + "."
	}
	h.render(w, r, status, "admin_settings", p)
}
