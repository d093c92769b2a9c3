package guard

import (
	"testing"

	"github.com/proofdesk/proofdesk"
)

// FuzzNewMatcher checks that a matcher built from any customer data (the
// integration and the customer write names, addresses, attributes) builds
// without a panic and checks a reply that quotes that data: NewMatcher
// and Probe run outside Check's fail-closed recovery (sqldb builds the
// matcher inside the reply's transaction; Probe reads inbound mail).
func FuzzNewMatcher(f *testing.F) {
	f.Add("Jane Doe", "221B Baker Street", "NW1 6XE", "London", "jane@example.com", "+14155550123", "A-10023", "1985-03-14", "4242")
	f.Add("Élodie", "Hauptstraße 5", "8001", "Zürich", "a@b", "06 47", "ACC", "", "")
	f.Add("", "", "", "", "", "", "", "", "")
	f.Add("\xff\xfe", "1 1 1 1 1", "0", "\u0301", "@", "+", "--", "1985-13-40", "x")
	f.Fuzz(func(t *testing.T, name, line1, postal, city, email, phone, attr, dob, last4 string) {
		c := &proofdesk.Customer{ID: "cus_f", Name: name,
			ContactPoints: []*proofdesk.ContactPoint{{Kind: proofdesk.ContactEmail, Value: email}, {Kind: proofdesk.ContactPhone, Value: phone}},
			Addresses:     []proofdesk.Address{{Line1: line1, City: city, PostalCode: postal, Country: "GB"}},
			DateOfBirth:   dob, Payment: &proofdesk.Payment{Brand: "Visa", Last4: last4},
			Attributes: map[string]string{"order_number": attr}}
		m := NewMatcher(c, nil, Options{})
		reply := name + " " + line1 + " " + postal + " " + city + " " + email + " " + phone + " " + attr + " " + dob + " " + last4
		if v := m.Check(reply, proofdesk.L0, nil); v.Rule == RuleGuardError {
			t.Fatalf("guard error on a reply quoting the customer")
		}
		m.Probe(reply)
	})
}
