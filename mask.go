package proofdesk

import (
	"strings"
	"time"
	"unicode/utf8"
)

// CustomerView is what any output shows of a customer: every field the
// context does not allow is masked. It is built only by NewCustomerView,
// the one door through which customer data leaves Proofdesk for agents.
type CustomerView struct {
	ID            string             `json:"id"`
	ExternalID    string             `json:"external_id,omitempty"`
	Name          string             `json:"name"`
	ContactPoints []ContactPointView `json:"contact_points"`
	Addresses     []Address          `json:"addresses"`
	DateOfBirth   string             `json:"date_of_birth,omitempty"`
	Payment       *Payment           `json:"payment,omitempty"`
	Attributes    map[string]string  `json:"attributes,omitempty"`
	Orders        []OrderView        `json:"orders,omitempty"`
	SupportLocked bool               `json:"support_locked"`
	// ErasedAt is when the customer was erased (a tombstone), nil if not.
	ErasedAt *time.Time `json:"erased_at,omitempty"`
	// Masked lists the fields shown masked.
	Masked    []string  `json:"masked"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// ContactPointView is a contact point as shown to agents.
type ContactPointView struct {
	ID      string    `json:"id"`
	Kind    string    `json:"kind"`
	Value   string    `json:"value"`
	AddedAt time.Time `json:"added_at"`
}

// ViewContext is what decides what a view may show.
type ViewContext struct {
	Policy *Policy
	// Shown reports which data classes and attributes may be shown in
	// clear; nil means only what the policy leaves at L0. Reveals of a
	// single field go through the reveal flow, which audits them.
	Shown func(class string) bool
	// CodesIssued is true when a verification request was issued on the
	// conversation (live or past): every standalone 6-digit number in the
	// customer's messages is then hidden, wherever it stands in a sentence.
	// When false only a message that is nothing but a code is hidden.
	// Callers that cannot tell set it true: hiding is the safe side.
	CodesIssued bool
	// KnownCode, when set, reports whether six ASCII digits are a code
	// issued recently on any conversation (VerificationService.RecentCodes):
	// such a code is hidden wherever it is typed, also in a conversation
	// without requests of its own.
	KnownCode func(code string) bool
	// Elsewhere, when set, returns what the conversation's customer wrote
	// in their other conversations in the last RecentCodeWindow, oldest
	// first (VerificationService.Elsewhere): read with this
	// conversation's messages in the order written, for a known code
	// split between a chat and an email ("my code is 629", then "759
	// thanks"), never shown. Called only when a message holds a number
	// shorter than a code.
	Elsewhere func() []*Message
	// AgentText, when set, masks in what agents wrote on the conversation
	// (replies, internal notes, file names) the customer's protected
	// values the viewer could not send there now: a reply sent at L2
	// that quoted the address reads "[address hidden: L2]" to an agent
	// at L0 later (desk: VerificationService.AgentText, the disclosure
	// guard at the level Decide gives the viewer). It reports whether it
	// masked anything. nil shows agents' messages as written.
	AgentText func(text string) (string, bool)
}

func (vc ViewContext) allows(class string, attr bool) bool {
	if vc.Shown != nil && vc.Shown(class) {
		return true
	}
	p := vc.Policy
	if p == nil {
		p = DefaultPolicy()
	}
	if attr {
		return p.AttributeLevel(class) == L0
	}
	return p.ClassLevel(class) == L0
}

// NewCustomerView returns c as vc allows it to be shown.
func NewCustomerView(c *Customer, vc ViewContext) *CustomerView {
	v := &CustomerView{
		ID: c.ID, ExternalID: c.ExternalID, SupportLocked: c.SupportLocked, ErasedAt: c.ErasedAt,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
		ContactPoints: []ContactPointView{}, Addresses: []Address{},
	}
	mask := func(field string) { v.Masked = append(v.Masked, field) }
	if vc.allows(ClassName, false) {
		v.Name = c.Name
	} else {
		v.Name = MaskName(c.Name)
		mask("name")
	}
	showEmail, showPhone := vc.allows(ClassEmail, false), vc.allows(ClassPhone, false)
	for _, cp := range c.ContactPoints {
		cv := ContactPointView{ID: cp.ID, Kind: cp.Kind, Value: cp.Value, AddedAt: cp.AddedAt}
		switch {
		case cp.Kind == ContactEmail && !showEmail:
			cv.Value = MaskEmail(cp.Value)
		case cp.Kind == ContactPhone && !showPhone:
			cv.Value = MaskPhone(cp.Value)
		}
		v.ContactPoints = append(v.ContactPoints, cv)
	}
	if !showEmail && len(c.ContactPointsOf(ContactEmail)) > 0 {
		mask("emails")
	}
	if !showPhone && len(c.ContactPointsOf(ContactPhone)) > 0 {
		mask("phones")
	}
	showAddr := vc.allows(ClassAddress, false)
	for _, a := range c.Addresses {
		if !showAddr {
			a = MaskAddress(a)
		}
		v.Addresses = append(v.Addresses, a)
	}
	if !showAddr && len(c.Addresses) > 0 {
		mask("addresses")
	}
	if c.DateOfBirth != "" {
		if vc.allows(ClassDateOfBirth, false) {
			v.DateOfBirth = c.DateOfBirth
		} else {
			v.DateOfBirth = "****-**-**"
			mask("date_of_birth")
		}
	}
	if c.Payment != nil {
		if vc.allows(ClassPayment, false) {
			p := *c.Payment
			v.Payment = &p
		} else {
			v.Payment = &Payment{Brand: "****", Last4: "****"}
			mask("payment")
		}
	}
	if len(c.Attributes) > 0 {
		v.Attributes = map[string]string{}
		for _, k := range c.SortedAttributeKeys() {
			if vc.allows(k, true) {
				v.Attributes[k] = c.Attributes[k]
			} else {
				v.Attributes[k] = "***"
				mask("attributes." + k)
			}
		}
	}
	v.Orders = orderViews(c, vc, mask)
	if v.Masked == nil {
		v.Masked = []string{}
	}
	return v
}

// MessageView is a message as an agent-facing surface (API, console, live
// stream, transcript) shows it: verification codes hidden. It is built
// only by NewMessageView.
type MessageView struct {
	ID             string `json:"id"`
	ConversationID string `json:"conversation_id"`
	AuthorKind     string `json:"author_kind"`
	AuthorID       string `json:"author_id,omitempty"`
	Body           string `json:"body"`
	Internal       bool   `json:"internal"`
	// CodeHidden is true when a verification code was hidden in Body or
	// in a file name.
	CodeHidden bool `json:"code_hidden,omitempty"`
	// ProtectedHidden is true when protected customer data an agent
	// quoted was masked in Body or in a file name (ViewContext.AgentText).
	ProtectedHidden bool      `json:"protected_hidden,omitempty"`
	CreatedAt       time.Time `json:"created_at"`
	// RemovedAt is when the retention policy removed the body and the
	// files; Body then says so (RetentionRemovedText). Omitted while kept.
	RemovedAt *time.Time `json:"removed_at,omitempty"`
	// Attachments are the message's files, without bytes; never nil.
	Attachments []AttachmentView `json:"attachments"`
}

// AttachmentView is a file of a message as an agent-facing surface shows
// it: its name, which the sender typed, with codes hidden as in the body.
// It is built only by NewMessageView.
type AttachmentView struct {
	ID             string `json:"id"`
	ConversationID string `json:"-"`
	MessageID      string `json:"message_id"`
	Filename       string `json:"filename"`
	ContentType    string `json:"content_type"`
	// Size is the file's length in bytes.
	Size int64 `json:"size"`
	// ContentID is the Content-ID of an inbound mail's inline part (RFC
	// 2392), codes hidden as in the body, so that it still names the
	// "[image: …]" marker of the masked body; "" for other files.
	ContentID string `json:"content_id,omitempty"`
}

// newAttachmentView returns a's view: with hide (a customer's file), codes
// hidden in its name and Content-ID; name is the name's text already
// scanned and marked with the conversation's other texts
// (NewMessageViews), or nil to read it alone.
func newAttachmentView(a *Attachment, vc ViewContext, hide bool, name *codeText) (AttachmentView, bool) {
	v := AttachmentView{ID: a.ID, ConversationID: a.ConversationID, MessageID: a.MessageID, Filename: a.Filename,
		ContentType: a.ContentType, Size: a.Size, ContentID: a.ContentID}
	hidden := false
	if hide && name != nil {
		if vc.KnownCode != nil {
			markKnownCodes([]*codeText{name}, vc.KnownCode)
		}
		v.Filename, hidden = name.render()
	} else if hide {
		v.Filename, hidden = vc.hideCodes(a.Filename)
	}
	if hide {
		var cidHidden bool
		v.ContentID, cidHidden = vc.hideCodes(a.ContentID)
		hidden = hidden || cidHidden
	}
	return v, hidden
}

// CodeHiddenText replaces a verification code in a message shown to an agent.
const CodeHiddenText = "[code hidden]"

// NewMessageView returns m as vc allows it to be shown: in what the
// customer (or the system, on their behalf) wrote, verification codes are
// hidden (see HideCodes), in the body and in the names of the files; in
// agents' messages, the protected values the viewer may not see now are
// masked (ViewContext.AgentText). A list of a conversation's messages
// goes through NewMessageViews, which also hides a code split across
// messages.
func NewMessageView(m *Message, vc ViewContext) *MessageView {
	return vc.newMessageView(m, nil, nil)
}

// newMessageView is NewMessageView with the numbers of a customer's body
// and of its files' names (names, one per attachment) already scanned
// (and marked across messages), or ct and names nil.
func (vc ViewContext) newMessageView(m *Message, ct *codeText, names []*codeText) *MessageView {
	v := &MessageView{ID: m.ID, ConversationID: m.ConversationID, AuthorKind: m.AuthorKind, AuthorID: m.AuthorID,
		Body: m.Body, Internal: m.Internal, CreatedAt: m.CreatedAt, Attachments: []AttachmentView{}}
	if m.RemovedAt != nil {
		at := *m.RemovedAt
		v.RemovedAt, v.Body = &at, RetentionRemovedText(at)
		return v
	}
	customer := m.AuthorKind != AuthorAgent
	if customer {
		if ct == nil {
			ct = vc.scanCodes(m.Body)
		}
		if vc.KnownCode != nil {
			markKnownCodes([]*codeText{ct}, vc.KnownCode)
		}
		v.Body, v.CodeHidden = ct.render()
	} else if vc.AgentText != nil {
		v.Body, v.ProtectedHidden = vc.AgentText(m.Body)
	}
	for k, a := range m.Attachments {
		var name *codeText
		if k < len(names) {
			name = names[k]
		}
		av, hidden := newAttachmentView(a, vc, customer, name)
		if !customer && vc.AgentText != nil {
			var masked bool
			if av.Filename, masked = vc.AgentText(av.Filename); masked {
				v.ProtectedHidden = true
			}
		}
		v.Attachments = append(v.Attachments, av)
		v.CodeHidden = v.CodeHidden || hidden
	}
	return v
}

// ProtectedHiddenText is what replaces protected data an agent quoted,
// in a view that may not show it: the data class and the level it needs
// ("[address hidden: L2]"), never the value.
func ProtectedHiddenText(class string, level Level) string {
	return "[" + class + " hidden: " + level.String() + "]"
}

// Text returns text a customer wrote outside a message body (an email's
// subject, a claimed name) as vc allows it to be shown: codes hidden as in
// NewMessageView.
func (vc ViewContext) Text(s string) string {
	out, _ := vc.hideCodes(s)
	return out
}

// maxFileText is the largest file FileData reads as text (bytes); larger
// files are read no faster than a message list and are rarely a note.
const maxFileText = 1 << 20

// FileData returns a file's bytes as an agent is served them: a text file
// (valid UTF-8, no NUL byte, at most 1 MiB: a note, a forwarded SMS, an
// HTML part sent as a file) read through the view like a message, a
// verification code in it hidden; any other file as it is (a picture of
// a code cannot be read here). A larger text file is withheld as a whole
// (nil) when codes were issued on the conversation or are known: it
// could hold one unread.
func (vc ViewContext) FileData(data []byte) []byte {
	if len(data) == 0 || strings.IndexByte(string(data[:min(len(data), 8<<10)]), 0) >= 0 || !utf8.Valid(data) {
		return data
	}
	if len(data) > maxFileText {
		if vc.CodesIssued || vc.KnownCode != nil {
			return nil
		}
		return data
	}
	out, hidden := vc.hideCodes(string(data))
	if !hidden {
		return data
	}
	return []byte(out)
}

// codeDigits is the length of a verification code (verify.CodeDigits,
// which imports this package; a test keeps the two equal).
const codeDigits = 6

// HideCodesDigits returns the code length HideCodes looks for.
func HideCodesDigits() int { return codeDigits }

// MaskName keeps the first letter of each word.
func MaskName(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = firstRune(w) + "***"
	}
	return strings.Join(words, " ")
}

// MaskEmail turns jane.doe@example.com into j***@e***.com.
func MaskEmail(s string) string {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 {
		return "***"
	}
	local, domain := s[:at], s[at+1:]
	tld := ""
	if dot := strings.LastIndexByte(domain, '.'); dot > 0 {
		domain, tld = domain[:dot], domain[dot:]
	}
	return firstRune(local) + "***@" + firstRune(domain) + "***" + tld
}

// MaskPhone turns +14155550123 into +1 ***-***-0123: only the country code
// and the last four digits remain.
func MaskPhone(s string) string {
	d := strings.TrimPrefix(s, "+")
	if len(d) < 8 {
		return "***"
	}
	last := d[len(d)-4:]
	if strings.HasPrefix(d, "1") && len(d) == 11 {
		return "+1 ***-***-" + last
	}
	cc := d[:2]
	return "+" + cc + " ***" + last
}

// MaskAddress keeps the street type, the first letter of the street name and
// city, and the first character of the postal code.
func MaskAddress(a Address) Address {
	out := Address{Line1: "***", City: firstRune(a.City) + "***", Country: a.Country}
	f := strings.Fields(a.Line1)
	name := -1
	for i, t := range f {
		if !strings.ContainsAny(t, "0123456789") {
			name = i
			break
		}
	}
	if name >= 0 {
		// House numbers never show, whichever side of the street they are.
		out.Line1 = "*** " + firstRune(f[name]) + "***"
		if typeFirst[strings.ToLower(strings.TrimSuffix(f[name], "."))] {
			// "12 rue de la Paix", "Calle de Alcalá 45": the type comes
			// first, the distinctive word last; only its first letter shows.
			out.Line1 = "*** " + f[name]
			for i := len(f) - 1; i > name; i-- {
				if !strings.ContainsAny(f[i], "0123456789") {
					out.Line1 += " " + firstRune(f[i]) + "***"
					break
				}
			}
		} else if last := len(f) - 1; last > name && !strings.ContainsAny(f[last], "0123456789") {
			out.Line1 += " " + f[last]
		}
	}
	if a.Line2 != "" {
		out.Line2 = "***"
	}
	if a.Region != "" {
		out.Region = "**"
	}
	if a.PostalCode != "" {
		out.PostalCode = firstRune(a.PostalCode) + strings.Repeat("*", max(utf8.RuneCountInString(a.PostalCode)-1, 1))
	}
	return out
}

// typeFirst are the street types written before the name, in the
// languages the desk serves.
var typeFirst = map[string]bool{
	"rue": true, "r": true, "avenue": true, "boulevard": true, "bd": true, "place": true, "chemin": true, "impasse": true,
	"quai": true, "allée": true, "calle": true, "c/": true, "avenida": true, "avda": true, "paseo": true, "plaza": true,
	"camino": true, "carrer": true, "via": true, "viale": true, "piazza": true, "corso": true, "vicolo": true, "largo": true,
	"rua": true, "travessa": true, "praça": true, "estrada": true, "alameda": true,
}

func firstRune(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 || r == utf8.RuneError {
		return ""
	}
	return string(r)
}
