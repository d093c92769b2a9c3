package proofdesk

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Macro is a saved reply an agent inserts into the composer (a canned
// reply), and the changes applying it makes to the conversation: status,
// priority, tags and team. Its Body may hold placeholders such as
// {{customer.first_name}}, filled through the masking view at the
// conversation's level (desk.Desk.FillReply); a placeholder the level
// does not allow is refused, never filled masked.
type Macro struct {
	ID string `json:"id"`
	// OwnerID is the agent whose personal macro it is; "" for a macro
	// shared with every agent.
	OwnerID   string `json:"owner_id,omitempty"`
	CreatedBy string `json:"created_by"`
	Title     string `json:"title"`
	Body      string `json:"body"`
	// Status, Priority and Team are set on the conversation when the
	// macro is applied ("" leaves them as they are); Tags are added.
	Status    string    `json:"status,omitempty"`
	Priority  string    `json:"priority,omitempty"`
	Team      string    `json:"team,omitempty"`
	Tags      []string  `json:"tags"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Shared reports whether every agent sees m.
func (m *Macro) Shared() bool { return m.OwnerID == "" }

// Macro limits.
const (
	MaxMacroTitle = 100
	MaxMacroBody  = 10000
	MaxMacroTags  = 20
)

// Validate checks m's fields and normalises them (trimmed title, tags
// lower-cased and unique); EINVALID names the first bad field.
func (m *Macro) Validate() error {
	m.Title = strings.TrimSpace(m.Title)
	if m.Title == "" || utf8.RuneCountInString(m.Title) > MaxMacroTitle {
		return FieldError("title", "title is required, at most %d characters", MaxMacroTitle)
	}
	if strings.TrimSpace(m.Body) == "" && m.Status == "" && m.Priority == "" && m.Team == "" && len(m.Tags) == 0 {
		return FieldError("body", "body is required unless the macro sets a status, priority, team or tags")
	}
	if len(m.Body) > MaxMacroBody {
		return FieldError("body", "body is longer than %d bytes", MaxMacroBody)
	}
	if _, err := ParsePlaceholders(m.Body); err != nil {
		return err
	}
	if m.Status != "" && !ValidStatus(m.Status) {
		return FieldError("status", "status must be one of open, pending, snoozed, resolved, or empty")
	}
	if m.Priority != "" && !ValidPriority(m.Priority) {
		return FieldError("priority", "priority must be one of low, normal, high, urgent, or empty")
	}
	m.Team = strings.TrimSpace(m.Team)
	if len(m.Team) > 100 {
		return FieldError("team", "team is longer than 100 bytes")
	}
	if len(m.Tags) > MaxMacroTags {
		return FieldError("tags", "at most %d tags", MaxMacroTags)
	}
	seen := map[string]bool{}
	tags := []string{}
	for _, t := range m.Tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "" || len(t) > 50 || strings.ContainsAny(t, ",\n\r\t") {
			return FieldError("tags", "a tag is 1 to 50 bytes, without commas or line breaks")
		}
		if !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	m.Tags = tags
	return nil
}

// Placeholder is one {{name}} of a macro body and the customer field it
// reads ("" for one that reads no customer data).
type Placeholder struct {
	Name  string // "customer.first_name"
	Field string // a reveal field (RevealFieldClass): "name", "emails", ...
}

// Placeholders are the names a body may use, with the customer field each
// one reads: reading a field needs the level the policy sets for its class.
var Placeholders = map[string]string{
	"customer.name":       "name",
	"customer.first_name": "name",
	"customer.email":      "emails",
	"customer.phone":      "phones",
	"customer.address":    "addresses",
	"agent.name":          "",
	"agent.first_name":    "",
	"conversation.id":     "",
}

var placeholderRE = regexp.MustCompile(`\{\{\s*([^{}]*?)\s*\}\}`)

// ParsePlaceholders returns the placeholders of body in order of first
// use; EINVALID (field "body") names an unknown one.
func ParsePlaceholders(body string) ([]Placeholder, error) {
	var out []Placeholder
	seen := map[string]bool{}
	for _, m := range placeholderRE.FindAllStringSubmatch(body, -1) {
		name := m[1]
		field, ok := Placeholders[name]
		if !ok {
			return nil, FieldError("body", "unknown placeholder {{%s}}: use one of %s", name, placeholderNames())
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, Placeholder{Name: name, Field: field})
		}
	}
	return out, nil
}

func placeholderNames() string {
	return "customer.name, customer.first_name, customer.email, customer.phone, customer.address, agent.name, agent.first_name, conversation.id"
}

// FillPlaceholders replaces every placeholder of body with value(name).
func FillPlaceholders(body string, value func(name string) string) string {
	return placeholderRE.ReplaceAllStringFunc(body, func(s string) string {
		return value(placeholderRE.FindStringSubmatch(s)[1])
	})
}
