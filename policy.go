package proofdesk

import (
	"fmt"
	"sort"
	"strings"
)

// Level is an assurance level (DESIGN.md §2).
type Level int

// Assurance levels.
const (
	L0 Level = 0 // claimed: nothing proven
	L1 Level = 1 // one possession factor
	L2 Level = 2 // two independent factors
)

// String returns "L0", "L1" or "L2".
func (l Level) String() string { return fmt.Sprintf("L%d", int(l)) }

// ParseLevel parses "L0", "L1" or "L2" (case-insensitive).
func ParseLevel(s string) (Level, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "L0":
		return L0, nil
	case "L1":
		return L1, nil
	case "L2":
		return L2, nil
	}
	return L0, fmt.Errorf("unknown level %q: use L0, L1 or L2", s)
}

// Data classes of customer data.
const (
	ClassName        = "name"
	ClassEmail       = "email"
	ClassPhone       = "phone"
	ClassAddress     = "address"
	ClassDateOfBirth = "date_of_birth"
	ClassPayment     = "payment"
	ClassOrders      = "orders"
)

// Actions that change or act on an account.
const (
	ActionChangeEmail       = "change_email"
	ActionChangePhone       = "change_phone"
	ActionChangeAddress     = "change_address"
	ActionAddContactPoint   = "add_contact_point"
	ActionSendPasswordReset = "send_password_reset"
	ActionRemoveSupportLock = "remove_support_lock"
)

// Policy maps data classes, actions and custom attributes to the level they
// need. Attributes not declared are protected at L1.
type Policy struct {
	Classes    map[string]Level
	Actions    map[string]Level
	Attributes map[string]Level
}

// DefaultPolicy returns the defaults of DESIGN.md §2.
func DefaultPolicy() *Policy {
	return &Policy{
		Classes: map[string]Level{
			ClassName: L0, ClassEmail: L1, ClassPhone: L1, ClassAddress: L1,
			ClassDateOfBirth: L1, ClassPayment: L2, ClassOrders: L1,
		},
		Actions: map[string]Level{
			ActionChangeEmail: L2, ActionChangePhone: L2, ActionChangeAddress: L2,
			ActionAddContactPoint: L2, ActionSendPasswordReset: L1, ActionRemoveSupportLock: L2,
		},
		Attributes: map[string]Level{},
	}
}

// floors are the hard minimums no policy may go below.
var classFloors = map[string]Level{
	ClassName: L0, ClassEmail: L1, ClassPhone: L1, ClassAddress: L1,
	ClassDateOfBirth: L0, ClassPayment: L2, ClassOrders: L0,
}

var actionFloors = map[string]Level{
	ActionChangeEmail: L2, ActionChangePhone: L2, ActionChangeAddress: L2,
	ActionAddContactPoint: L2, ActionSendPasswordReset: L1, ActionRemoveSupportLock: L2,
}

// Validate checks that every class and action is known and at or above
// its hard floor. Errors are EINVALID and name the entry.
func (p *Policy) Validate() error {
	for _, k := range sortedKeys(p.Classes) {
		floor, ok := classFloors[k]
		if !ok {
			return FieldError("classes."+k, "unknown data class %q", k)
		}
		if err := checkLevel("classes."+k, p.Classes[k], floor); err != nil {
			return err
		}
	}
	for _, k := range sortedKeys(p.Actions) {
		floor, ok := actionFloors[k]
		if !ok {
			return FieldError("actions."+k, "unknown action %q", k)
		}
		if err := checkLevel("actions."+k, p.Actions[k], floor); err != nil {
			return err
		}
	}
	for _, k := range sortedKeys(p.Attributes) {
		if !attrKeyRe.MatchString(k) {
			return FieldError("attributes."+k, "attribute name %q must be lowercase letters, digits and _", k)
		}
		if err := checkLevel("attributes."+k, p.Attributes[k], L0); err != nil {
			return err
		}
	}
	return nil
}

func checkLevel(field string, l, floor Level) error {
	if l < L0 || l > L2 {
		return FieldError(field, "%s: unknown level %d", field, int(l))
	}
	if l < floor {
		return FieldError(field, "%s: %s is below the hard floor %s", field, l, floor)
	}
	return nil
}

// ClassLevel returns the level a data class needs (L2 if unknown: fail closed).
func (p *Policy) ClassLevel(class string) Level {
	if l, ok := p.Classes[class]; ok {
		return l
	}
	if l, ok := DefaultPolicy().Classes[class]; ok {
		return l
	}
	return L2
}

// ActionLevel returns the level an action needs (L2 if unknown).
func (p *Policy) ActionLevel(action string) Level {
	if l, ok := p.Actions[action]; ok {
		return l
	}
	return L2
}

// AttributeLevel returns the level a custom attribute needs: L1 unless
// declared.
func (p *Policy) AttributeLevel(name string) Level {
	if l, ok := p.Attributes[name]; ok {
		return l
	}
	return L1
}

func sortedKeys(m map[string]Level) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
