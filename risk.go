package proofdesk

import "time"

// Risk flags on a conversation.
const (
	// RiskOwnerDenied: the account owner said "this wasn't me".
	RiskOwnerDenied = "owner_denied"
	// RiskBreakGlass: a supervisor revealed or sent past the policy.
	RiskBreakGlass = "break_glass"
	// RiskProbing: the requester is quoting account data; do not confirm
	// or deny.
	RiskProbing = "probing"
)

// RevealFieldClass returns the data class of a revealable field and
// whether it is a custom attribute: "name", "emails", "phones",
// "addresses", "date_of_birth", "payment" or "attributes.<name>".
func RevealFieldClass(field string) (class string, attr bool, ok bool) {
	switch field {
	case "name":
		return ClassName, false, true
	case "emails", "email":
		return ClassEmail, false, true
	case "phones", "phone":
		return ClassPhone, false, true
	case "addresses", "address":
		return ClassAddress, false, true
	case "date_of_birth":
		return ClassDateOfBirth, false, true
	case "payment":
		return ClassPayment, false, true
	case "orders":
		return ClassOrders, false, true
	case "orders.shipping":
		// Where the parcel goes: the address class.
		return ClassAddress, false, true
	}
	if name, found := cutPrefix(field, "attributes."); found && name != "" {
		return name, true, true
	}
	return "", false, false
}

func cutPrefix(s, p string) (string, bool) {
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):], true
	}
	return s, false
}

// FieldValue returns a customer's field in clear, formatted for an agent.
func (c *Customer) FieldValue(field string) string {
	class, attr, _ := RevealFieldClass(field)
	if attr {
		return c.Attributes[class]
	}
	switch field {
	case "orders":
		return ordersText(c)
	case "orders.shipping":
		return shippingText(c)
	}
	join := func(kind string) string {
		var vs []string
		for _, cp := range c.ContactPointsOf(kind) {
			vs = append(vs, cp.Value)
		}
		return joinLines(vs, ", ")
	}
	switch class {
	case ClassName:
		return c.Name
	case ClassEmail:
		return join(ContactEmail)
	case ClassPhone:
		return join(ContactPhone)
	case ClassAddress:
		var vs []string
		for _, a := range c.Addresses {
			vs = append(vs, a.String())
		}
		return joinLines(vs, "\n")
	case ClassDateOfBirth:
		return c.DateOfBirth
	case ClassPayment:
		if c.Payment == nil {
			return ""
		}
		return c.Payment.Brand + " ending " + c.Payment.Last4
	}
	return ""
}

// String formats an address on one line.
func (a Address) String() string {
	parts := []string{a.Line1, a.Line2, a.City, a.Region, a.PostalCode, a.Country}
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return joinLines(out, ", ")
}

func joinLines(vs []string, sep string) string {
	s := ""
	for i, v := range vs {
		if i > 0 {
			s += sep
		}
		s += v
	}
	return s
}

// Risk signals that add to a conversation's score.
const (
	SignalProbing          = "probing"             // the requester quoted account data
	SignalIntent           = "intent"              // the requester asks for account data or a change
	SignalContactNotOnFile = "contact_not_on_file" // the requester's email or phone is not on file
	SignalDMARCFail        = "dmarc_fail"          // mail claiming an on-file address failed DMARC
	SignalFailedCodes      = "failed_codes"        // wrong verification codes in the last hour
	SignalManyChannels     = "many_conversations"  // several conversations about the customer within an hour
	SignalRecentChange     = "recent_contact_change"
	SignalSupportLock      = "support_lock"
)

// RiskWeights is how much each signal adds to the score.
var RiskWeights = map[string]int{
	SignalProbing: 3, SignalIntent: 1, SignalContactNotOnFile: 2, SignalDMARCFail: 3,
	SignalFailedCodes: 2, SignalManyChannels: 2, SignalRecentChange: 2, SignalSupportLock: 3,
}

// RiskHighScore is the score at which risk is high: the required level of
// every reveal and reply rises by one step (never above L2).
const RiskHighScore = 5

// Risk is a conversation's risk score and the signals behind it.
type Risk struct {
	Score   int      `json:"score"`
	High    bool     `json:"high"`
	Signals []string `json:"signals"`
}

// NewRisk scores a set of signals.
func NewRisk(signals []string) Risk {
	r := Risk{Signals: []string{}}
	for _, s := range signals {
		r.Score += RiskWeights[s]
		r.Signals = append(r.Signals, s)
	}
	r.High = r.Score >= RiskHighScore
	return r
}

// Raise returns the level required under r: one step up when risk is high.
func (r Risk) Raise(l Level) Level {
	if r.High && l < L2 {
		return l + 1
	}
	return l
}

// AuditRiskRaised records that high risk raised a conversation's
// required level.
const AuditRiskRaised = "risk.raised"

// AuditRiskSignal records that a risk signal was set on a conversation
// from outside the conversation's text, e.g. dmarc_fail from inbound mail.
const AuditRiskSignal = "risk.signal"

// AuditProbing records that a requester quoted account data.
const AuditProbing = "guard.probing"

// AuditOwnerReported records an owner's "this wasn't me" from a notice.
const AuditOwnerReported = "owner.reported"

// RiskDifferentSender: a mail reached the conversation from an address
// that is not the requester's; it proves nothing and the level was reset.
const RiskDifferentSender = "different_sender"

// RiskFacts are the facts a conversation's risk is read from; the store
// gathers them (sqldb/risk.go), RiskOf scores them.
type RiskFacts struct {
	// Flags are the conversation's risk flags (RiskProbing,
	// SignalIntent, SignalDMARCFail... set as it went on).
	Flags []string
	// Customer is the linked customer, nil when unlinked; the other
	// facts below count only then.
	Customer *Customer
	// Requester is who the conversation says it is from.
	Requester Requester
	// FailuresLastHour counts the customer's wrong verification answers
	// in the hour before Now.
	FailuresLastHour int
	// ChannelsLastHour counts the distinct channels of the customer's
	// conversations started in the hour before Now.
	ChannelsLastHour int
	Now              time.Time
}

// RecentChangeWindow is how long a newly added contact point is a risk
// signal (SignalRecentChange).
const RecentChangeWindow = 30 * 24 * time.Hour

// RiskOf returns the signals of f, scored (NewRisk): the probing, intent
// and DMARC flags as set; then, for a linked customer, a claimed email or
// phone that is not on file (or not valid), any wrong answer in the last
// hour, conversations on two or more channels within the hour, a contact
// point added in the last RecentChangeWindow, and a support lock.
func RiskOf(f RiskFacts) Risk {
	var signals []string
	for _, s := range []string{RiskProbing, SignalIntent, SignalDMARCFail} {
		for _, g := range f.Flags {
			if g == s {
				signals = append(signals, s)
				break
			}
		}
	}
	c := f.Customer
	if c == nil {
		return NewRisk(signals)
	}
	if requesterNotOnFile(c, f.Requester) {
		signals = append(signals, SignalContactNotOnFile)
	}
	if f.FailuresLastHour > 0 {
		signals = append(signals, SignalFailedCodes)
	}
	if f.ChannelsLastHour >= 2 {
		signals = append(signals, SignalManyChannels)
	}
	for _, cp := range c.ContactPoints {
		if cp.AddedAt.After(f.Now.Add(-RecentChangeWindow)) {
			signals = append(signals, SignalRecentChange)
			break
		}
	}
	if c.SupportLocked {
		signals = append(signals, SignalSupportLock)
	}
	return NewRisk(signals)
}

// requesterNotOnFile reports whether the requester claimed an email or
// phone (E.164) that is not among the customer's contact points; a claim
// that does not parse is not on file.
func requesterNotOnFile(c *Customer, r Requester) bool {
	check := func(kind, v string, norm func(string) (string, error)) bool {
		if v == "" {
			return false
		}
		n, err := norm(v)
		if err != nil {
			return true
		}
		for _, cp := range c.ContactPointsOf(kind) {
			if cp.Value == n {
				return false
			}
		}
		return true
	}
	return check(ContactEmail, r.Email, NormalizeEmail) || check(ContactPhone, r.Phone, NormalizePhone)
}
