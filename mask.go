package proofdesk

import (
	"strings"
	"time"
	"unicode"
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
		ID: c.ID, ExternalID: c.ExternalID, SupportLocked: c.SupportLocked,
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
	CodeHidden bool      `json:"code_hidden,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
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

func newAttachmentView(a *Attachment, vc ViewContext, hide bool) (AttachmentView, bool) {
	v := AttachmentView{ID: a.ID, ConversationID: a.ConversationID, MessageID: a.MessageID, Filename: a.Filename,
		ContentType: a.ContentType, Size: a.Size, ContentID: a.ContentID}
	hidden := false
	if hide {
		v.Filename, hidden = vc.hideCodes(a.Filename)
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
// hidden (see HideCodes), in the body and in the names of the files;
// agents' own messages are shown as written.
func NewMessageView(m *Message, vc ViewContext) *MessageView {
	v := &MessageView{ID: m.ID, ConversationID: m.ConversationID, AuthorKind: m.AuthorKind, AuthorID: m.AuthorID,
		Body: m.Body, Internal: m.Internal, CreatedAt: m.CreatedAt, Attachments: []AttachmentView{}}
	customer := m.AuthorKind != AuthorAgent
	if customer {
		v.Body, v.CodeHidden = vc.hideCodes(m.Body)
	}
	for _, a := range m.Attachments {
		av, hidden := newAttachmentView(a, vc, customer)
		v.Attachments = append(v.Attachments, av)
		v.CodeHidden = v.CodeHidden || hidden
	}
	return v
}

// Text returns text a customer wrote outside a message body (an email's
// subject, a claimed name) as vc allows it to be shown: codes hidden as in
// NewMessageView.
func (vc ViewContext) Text(s string) string {
	out, _ := vc.hideCodes(s)
	return out
}

// codeDigits is the length of a verification code (verify.CodeDigits,
// which imports this package; a test keeps the two equal).
const codeDigits = 6

// HideCodesDigits returns the code length HideCodes looks for.
func HideCodesDigits() int { return codeDigits }

// HideCodes replaces verification codes in s with CodeHiddenText and
// reports whether it replaced any. Digits of any Unicode script (ASCII,
// full-width, Arabic-Indic, ...) count, and spaces, hyphens, dots, slashes
// and invisible characters between them join them into one number ("482
// 913", "4-8-2-9-1-3", "４８２９１３", "482\u200b913"). When codesIssued is
// false, only a message that is nothing but a 6-digit code is hidden. When
// true, every number of six digits or more is hidden, wherever it stands
// in a sentence and whatever touches it: a code typed twice, or with a
// digit too many, is hidden too.
func HideCodes(s string, codesIssued bool) (string, bool) {
	return ViewContext{CodesIssued: codesIssued}.hideCodes(s)
}

// hideCodes is HideCodes with vc's facts: CodesIssued, and KnownCode,
// which hides a recent code (or a run holding one, such as the code typed
// twice) wherever it stands.
func (vc ViewContext) hideCodes(s string) (string, bool) {
	runs := digitRuns(s)
	if len(runs) == 1 && runs[0].digits == codeDigits && strings.TrimFunc(s[:runs[0].start]+s[runs[0].end:], isCodeFiller) == "" {
		return CodeHiddenText, true
	}
	hide := make([]bool, len(runs))
	found := false
	for i, r := range runs {
		if vc.CodesIssued && r.digits >= codeDigits {
			hide[i], found = true, true
		}
	}
	if vc.KnownCode != nil && markKnownCodes(s, runs, hide, vc.KnownCode) {
		found = true
	}
	if !found {
		return s, false
	}
	var b strings.Builder
	last := 0
	for i, r := range runs {
		if !hide[i] {
			continue
		}
		b.WriteString(s[last:r.start])
		b.WriteString(CodeHiddenText)
		last = r.end
	}
	b.WriteString(s[last:])
	return b.String(), true
}

// maxKnownChecks bounds the distinct 6-digit windows of one text that are
// checked against the recent codes (each check costs a keyed hash per
// recent code); a text with more, a wall of digits, has every number of
// six digits or more hidden instead: the safe side.
const maxKnownChecks = 64

// markKnownCodes reads the digits of all runs in order, as ASCII, and
// marks every run that holds part of six consecutive digits that known
// reports as a code: the code in one piece, typed twice, or split by
// words ("482 and then 913"). It reports whether it marked any.
func markKnownCodes(s string, runs []digitRun, hide []bool, known func(string) bool) bool {
	var d []byte
	var of []int // the run of each digit
	for i, r := range runs {
		for _, c := range s[r.start:r.end] {
			if v, ok := digitValue(c); ok {
				d, of = append(d, byte('0'+v)), append(of, i)
			}
		}
	}
	marked := false
	if len(d)-codeDigits+1 > maxKnownChecks {
		for i, r := range runs {
			if r.digits >= codeDigits {
				hide[i], marked = true, true
			}
		}
		// Still look for a code split across short runs, up to the bound.
		d, of = d[:maxKnownChecks+codeDigits-1], of[:maxKnownChecks+codeDigits-1]
	}
	for i := 0; i+codeDigits <= len(d); i++ {
		if known(string(d[i : i+codeDigits])) {
			for _, ri := range of[i : i+codeDigits] {
				hide[ri] = true
			}
			marked = true
		}
	}
	return marked
}

// digitValue returns the value of a decimal digit of any script. Unicode
// encodes each script's digits 0-9 as one contiguous run, and the Nd table
// lists them in runs that start at a zero.
func digitValue(r rune) (int, bool) {
	if r >= '0' && r <= '9' {
		return int(r - '0'), true
	}
	for _, rg := range unicode.Nd.R16 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) && rg.Stride == 1 {
			return int(r-rune(rg.Lo)) % 10, true
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if r >= rune(rg.Lo) && r <= rune(rg.Hi) && rg.Stride == 1 {
			return int(r-rune(rg.Lo)) % 10, true
		}
	}
	return 0, false
}

// isCodeSeparator reports whether r may stand between the digits of a code.
func isCodeSeparator(r rune) bool {
	switch r {
	case ' ', '\t', '-', '.', '/', '_', '\u00a0', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212',
		'\u2009', '\u200a', '\u202f', '\u3000', '\u30fb', '\uff0d', '\uff0e':
		return true
	}
	return unicode.Is(unicode.Cf, r) // zero-width spaces and joiners, BOM
}

// isCodeFiller is what may surround a message that is nothing but a code.
func isCodeFiller(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.Is(unicode.Cf, r)
}

// digitRun is a number in a text: bytes [start, end) holding digits digits.
type digitRun struct{ start, end, digits int }

// digitRuns returns the numbers in s: digits joined by at most two
// separators between neighbours.
func digitRuns(s string) []digitRun {
	var out []digitRun
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsDigit(r) {
			i += size
			continue
		}
		run := digitRun{start: i, end: i + size, digits: 1}
		for j := run.end; j < len(s); {
			// Skip up to two separators, then expect a digit.
			k, seps := j, 0
			for k < len(s) && seps <= 2 {
				r2, sz := utf8.DecodeRuneInString(s[k:])
				if !isCodeSeparator(r2) {
					break
				}
				k += sz
				seps++
			}
			if seps > 2 || k >= len(s) {
				break
			}
			r2, sz := utf8.DecodeRuneInString(s[k:])
			if !unicode.IsDigit(r2) {
				break
			}
			run.digits++
			run.end = k + sz
			j = run.end
		}
		out = append(out, run)
		i = run.end
	}
	return out
}

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
