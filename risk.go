package proofdesk

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
