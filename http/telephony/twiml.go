package telephony

import (
	"encoding/xml"
	"net/http"
)

// TwiML verbs used here (https://www.twilio.com/docs/voice/twiml).
type (
	twimlResponse struct {
		XMLName xml.Name `xml:"Response"`
		Verbs   []any
	}
	say struct {
		XMLName xml.Name `xml:"Say"`
		Text    string   `xml:",chardata"`
	}
	gather struct {
		XMLName   xml.Name `xml:"Gather"`
		Input     string   `xml:"input,attr"`
		NumDigits int      `xml:"numDigits,attr"`
		Action    string   `xml:"action,attr"`
		Method    string   `xml:"method,attr"`
		Timeout   int      `xml:"timeout,attr"`
		Say       *say
	}
	pause struct {
		XMLName xml.Name `xml:"Pause"`
		Length  int      `xml:"length,attr"`
	}
	redirect struct {
		XMLName xml.Name `xml:"Redirect"`
		Method  string   `xml:"method,attr"`
		URL     string   `xml:",chardata"`
	}
	hangup struct {
		XMLName xml.Name `xml:"Hangup"`
	}
)

// gatherTimeout is how long, in seconds, one keypad prompt waits before
// the call loops back to the voice route and prompts again.
const gatherTimeout = 15

// holdAndGather says text, then waits for a 6-digit code on the keypad;
// without input the call loops back to the voice route, which prompts
// again, so the caller can type a code whenever one arrives.
func (h *Handler) holdAndGather(text string) []any {
	return []any{
		say{Text: text},
		gather{Input: "dtmf", NumDigits: 6, Action: h.cfg.BaseURL + DigitsPath, Method: http.MethodPost, Timeout: gatherTimeout,
			Say: &say{Text: "When you receive a verification code, type it on your keypad."}},
		redirect{Method: http.MethodPost, URL: h.cfg.BaseURL + VoicePath},
	}
}

// writeTwiML writes verbs as a TwiML document.
func writeTwiML(w http.ResponseWriter, verbs ...any) {
	b, err := xml.Marshal(twimlResponse{Verbs: verbs})
	if err != nil {
		// Only fixed types above are marshalled; this cannot happen.
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(xml.Header))
	_, _ = w.Write(b)
}
