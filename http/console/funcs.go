package console

import (
	"crypto/rand"
	"fmt"
	"html/template"
	"strings"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

func randomKey() []byte {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms.
	return b
}

// funcs are the template functions of every view.
func (h *Handler) funcs() template.FuncMap {
	return template.FuncMap{
		"asset":   h.static.url,
		"list":    func(v ...string) []string { return v },
		"linkify": linkify,
		"count":   countText,
		"when": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.UTC().Format("2 Jan 2006 15:04 UTC")
		},
		"day": func(t time.Time) string { return t.UTC().Format("2 Jan 2006") },
		"iso": func(t time.Time) string { return t.UTC().Format(time.RFC3339) },
		"ago": func(t time.Time) string {
			if d := ago(h.Now().Sub(t)); d != "just now" {
				return d + " ago"
			}
			return "just now"
		},
		"until": func(t time.Time) string {
			d := t.Sub(h.Now())
			if d <= 0 {
				return "expired"
			}
			return "in " + ago(d)
		},
		"levelClass": func(l any) string { return "badge level-" + strings.ToLower(fmt.Sprint(l)) },
		"statusClass": func(s string) string {
			return "badge status-" + s
		},
		"title": func(s string) string {
			if s == "" {
				return s
			}
			if s == proofdesk.ChannelAPI {
				return "API"
			}
			return strings.ToUpper(s[:1]) + strings.ReplaceAll(s[1:], "_", " ")
		},
		"riskText": riskText,
		"initial": func(s string) string {
			for _, r := range s {
				return strings.ToUpper(string(r))
			}
			return "?"
		},
		"join": strings.Join,
		"maskTo": func(kind, to string) string {
			if kind == proofdesk.OutboxSMS {
				return proofdesk.MaskPhone(to)
			}
			return proofdesk.MaskEmail(to)
		},
		"seq": func(n int) []int {
			out := make([]int, n)
			for i := range out {
				out[i] = i
			}
			return out
		},
	}
}

// ago formats a duration roughly: "just now", "4 min", "3 h", "2 d".
func ago(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h", int(d.Hours()))
	}
	return fmt.Sprintf("%d d", int(d.Hours()/24))
}

// riskText explains a risk flag to the agent in plain words; "" for a
// flag that needs no words here. Quoting data that is on file is what an
// owner does too: the text asks for care, it accuses nobody.
func riskText(flag string) string {
	switch flag {
	case proofdesk.RiskProbing:
		return "The requester wrote details that are on file for this customer (their own address, for instance). That proves nothing: do not confirm or deny them until the conversation is verified."
	case proofdesk.SignalIntent:
		return "The requester asks for account data or a change to the account: verify them before you answer."
	case proofdesk.SignalDMARCFail:
		return "An email here claims a sender address on file, but the sender's domain did not vouch for it (DMARC): it may not come from the customer."
	case proofdesk.RiskDifferentSender:
		return "An email reached this conversation from an address that is not the requester's; the verification level was reset."
	case proofdesk.RiskOwnerDenied:
		return "The account owner said \u201cthis wasn't me\u201d about this conversation: whoever writes here may not be the customer."
	case "support_locked":
		return "The account is under a support lock: its owner said \u201cthis wasn't me\u201d. Make no change to the account and disclose nothing until a supervisor lifts the lock after verifying the customer to L2."
	case proofdesk.RiskBreakGlass:
		return "A supervisor revealed or sent past the policy in this conversation."
	}
	return "Unusual activity on this conversation (" + strings.ReplaceAll(flag, "_", " ") + "): verify before you disclose anything."
}

// httpStatus is the status an error code maps to.
func httpStatus(err error) int { return httpd.ErrorStatus(proofdesk.ErrorCode(err)) }

// countText writes a view's count with thousands separators, and "+"
// after it when the count stopped at its bound ("1,000+", as mail
// clients show a count they did not finish).
func countText(n int, capped bool) string {
	s := message.NewPrinter(language.English).Sprintf("%d", n)
	if capped {
		s += "+"
	}
	return s
}
