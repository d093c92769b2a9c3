package proofdesk

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/mail"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Contact point kinds.
const (
	ContactEmail = "email"
	ContactPhone = "phone"
)

// Customer is a person the business serves. Every field but ID, ExternalID
// and Name is PII and is stored encrypted.
type Customer struct {
	ID            string
	ExternalID    string
	Name          string
	ContactPoints []*ContactPoint
	Addresses     []Address
	DateOfBirth   string // YYYY-MM-DD, or ""
	Payment       *Payment
	Attributes    map[string]string
	// Orders are the orders the system of record pushed, newest first
	// (at most MaxOrdersShown): see order.go.
	Orders []*Order

	// SupportLocked is set when the owner said "this wasn't me": every
	// action then needs L2 and a supervisor.
	SupportLocked bool
	CreatedAt     time.Time
	UpdatedAt     time.Time
	// ErasedAt is when the customer was erased (erasure.go): the record
	// is a tombstone, named ErasedName, with nothing else on file; nil
	// while they are not.
	ErasedAt *time.Time
}

// ContactPoint is an email address or phone number on file. AddedAt is when
// the business's records have it since; a contact point inside the
// cooling-off window does not count for verification.
type ContactPoint struct {
	ID         string
	CustomerID string
	Kind       string // ContactEmail or ContactPhone
	Value      string // normalised: lowercase email, E.164 phone
	AddedAt    time.Time
}

// Address is a postal address.
type Address struct {
	Line1      string `json:"line1"`
	Line2      string `json:"line2,omitempty"`
	City       string `json:"city"`
	Region     string `json:"region,omitempty"`
	PostalCode string `json:"postal_code"`
	Country    string `json:"country"`
}

// Payment is the part of a payment method support may talk about.
type Payment struct {
	Brand string `json:"brand"`
	Last4 string `json:"last4"`
}

// ContactPointsOf returns the customer's contact points of one kind.
func (c *Customer) ContactPointsOf(kind string) []*ContactPoint {
	var out []*ContactPoint
	for _, cp := range c.ContactPoints {
		if cp.Kind == kind {
			out = append(out, cp)
		}
	}
	return out
}

// ContactPointByID returns the customer's contact point with that ID, or nil.
func (c *Customer) ContactPointByID(id string) *ContactPoint {
	for _, cp := range c.ContactPoints {
		if cp.ID == id {
			return cp
		}
	}
	return nil
}

// CustomerFilter selects customers. Email and Phone are matched through the
// blind index, never by decrypting.
type CustomerFilter struct {
	ID         *string
	ExternalID *string
	Email      *string
	Phone      *string
	Offset     int
	Limit      int
}

// CustomerUpdate is a partial update; nil fields are left as they are.
// Emails and Phones, when set, replace the list: values already on file
// keep their ID and AddedAt.
type CustomerUpdate struct {
	Name        *string
	ExternalID  *string
	Emails      *[]ContactPointInput
	Phones      *[]ContactPointInput
	Addresses   *[]Address
	DateOfBirth *string
	Payment     **Payment
	Attributes  map[string]*string // nil value deletes the attribute
	// SupportLocked sets or lifts the support lock.
	SupportLocked *bool
}

// CustomerService stores customers. Implementations encrypt every PII field
// and write an audit entry in the same transaction as each change.
type CustomerService interface {
	// CreateCustomer stores c, assigning IDs. Returns EINVALID for bad
	// values and ECONFLICT if the external ID is taken.
	CreateCustomer(ctx context.Context, c *Customer) error
	// ImportCustomers stores all of cs in one transaction, or none.
	ImportCustomers(ctx context.Context, cs []*Customer) error
	// FindCustomerByID returns ENOTFOUND if no customer has that ID.
	FindCustomerByID(ctx context.Context, id string) (*Customer, error)
	// FindCustomers returns the matching customers and the total count.
	FindCustomers(ctx context.Context, f CustomerFilter) ([]*Customer, int, error)
	// UpdateCustomer returns ENOTFOUND if no customer has that ID.
	UpdateCustomer(ctx context.Context, id string, upd CustomerUpdate) (*Customer, error)
}

// CustomerInput is the JSON body that creates a customer (DESIGN.md §4),
// shared by the API and the importer so both validate alike.
type CustomerInput struct {
	ExternalID  string              `json:"external_id"`
	Name        string              `json:"name"`
	Emails      []ContactPointInput `json:"emails"`
	Phones      []ContactPointInput `json:"phones"`
	Addresses   []Address           `json:"addresses"`
	DateOfBirth string              `json:"date_of_birth"`
	Payment     *Payment            `json:"payment"`
	Attributes  map[string]string   `json:"attributes"`

	// PhoneRegion is the region (ISO 3166-1 alpha-2, "FR") of phones given
	// without a country code: the desk's --default-region. "" refuses them.
	// It is set by the server or the importer, never read from JSON.
	PhoneRegion string `json:"-"`
}

// ContactPointInput is an email or phone as given: a bare string or
// {"value","added_at"}.
type ContactPointInput struct {
	Value   string     `json:"value"`
	AddedAt *time.Time `json:"added_at,omitempty"`
}

// UnmarshalJSON accepts a string or an object with value and added_at;
// added_at may be a date (YYYY-MM-DD) or an RFC 3339 time.
func (in *ContactPointInput) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &in.Value)
	}
	var raw struct {
		Value   string `json:"value"`
		AddedAt string `json:"added_at"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return fmt.Errorf("contact point must be a string or {\"value\",\"added_at\"}: %w", err)
	}
	in.Value = raw.Value
	if raw.AddedAt != "" {
		t, err := ParseDateOrTime(raw.AddedAt)
		if err != nil {
			return fmt.Errorf("added_at: %w", err)
		}
		in.AddedAt = &t
	}
	return nil
}

// ParseDateOrTime parses YYYY-MM-DD or RFC 3339 into a UTC time.
func ParseDateOrTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date (YYYY-MM-DD) or RFC 3339 time", s)
	}
	return t.UTC(), nil
}

var (
	last4Re    = regexp.MustCompile(`^[0-9]{4}$`)
	attrKeyRe  = regexp.MustCompile(`^[a-z][a-z0-9_]{0,62}$`)
	maxFieldSz = 500
)

// Customer validates the input and returns the customer it describes.
// Contact points without added_at count as added at now. Errors are
// EINVALID and name the field; they never repeat the value.
func (in *CustomerInput) Customer(now time.Time) (*Customer, error) {
	c := &Customer{
		ExternalID:  strings.TrimSpace(in.ExternalID),
		Name:        NeutralizeLine(in.Name), // the one rule for names on every channel
		DateOfBirth: strings.TrimSpace(in.DateOfBirth),
		Attributes:  map[string]string{},
	}
	if c.Name == "" {
		return nil, FieldError("name", "name is required")
	}
	if len(c.Name) > maxFieldSz {
		return nil, FieldError("name", "name is longer than %d bytes", maxFieldSz)
	}
	if len(c.ExternalID) > 200 {
		return nil, FieldError("external_id", "external_id is longer than 200 bytes")
	}
	cps, err := contactPoints(in.Emails, in.Phones, nil, in.PhoneRegion, now)
	if err != nil {
		return nil, err
	}
	c.ContactPoints = cps
	for i, a := range in.Addresses {
		if err := a.validate(fmt.Sprintf("addresses[%d]", i)); err != nil {
			return nil, err
		}
		c.Addresses = append(c.Addresses, a.trimmed())
	}
	if err := ValidateDateOfBirth(c.DateOfBirth, now); err != nil {
		return nil, err
	}
	if in.Payment != nil {
		p, err := in.Payment.validate()
		if err != nil {
			return nil, err
		}
		c.Payment = p
	}
	for k, v := range in.Attributes {
		if !attrKeyRe.MatchString(k) {
			return nil, FieldError("attributes", "attribute name %q must be lowercase letters, digits and _ (at most 63)", k)
		}
		if len(v) > maxFieldSz {
			return nil, FieldError("attributes."+k, "attribute %s is longer than %d bytes", k, maxFieldSz)
		}
		c.Attributes[k] = v
	}
	return c, nil
}

// ValidateDateOfBirth checks a YYYY-MM-DD date of birth ("" is allowed).
func ValidateDateOfBirth(s string, now time.Time) error {
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return FieldError("date_of_birth", "date_of_birth must be YYYY-MM-DD")
	}
	if t.After(now) || t.Year() < 1900 {
		return FieldError("date_of_birth", "date_of_birth is out of range")
	}
	return nil
}

func (p *Payment) validate() (*Payment, error) {
	out := &Payment{Brand: strings.TrimSpace(p.Brand), Last4: strings.TrimSpace(p.Last4)}
	if !last4Re.MatchString(out.Last4) {
		return nil, FieldError("payment.last4", "payment.last4 must be exactly 4 digits")
	}
	if out.Brand == "" || len(out.Brand) > 40 {
		return nil, FieldError("payment.brand", "payment.brand is required (at most 40 bytes)")
	}
	return out, nil
}

func (a Address) trimmed() Address {
	return Address{
		Line1: strings.TrimSpace(a.Line1), Line2: strings.TrimSpace(a.Line2),
		City: strings.TrimSpace(a.City), Region: strings.TrimSpace(a.Region),
		PostalCode: strings.TrimSpace(a.PostalCode), Country: strings.TrimSpace(a.Country),
	}
}

func (a Address) validate(field string) error {
	a = a.trimmed()
	if a.Line1 == "" {
		return FieldError(field+".line1", "%s.line1 is required", field)
	}
	if a.City == "" {
		return FieldError(field+".city", "%s.city is required", field)
	}
	if a.Country == "" {
		return FieldError(field+".country", "%s.country is required", field)
	}
	for name, v := range map[string]string{"line1": a.Line1, "line2": a.Line2, "city": a.City, "region": a.Region, "postal_code": a.PostalCode, "country": a.Country} {
		if len(v) > maxFieldSz {
			return FieldError(field+"."+name, "%s.%s is longer than %d bytes", field, name, maxFieldSz)
		}
	}
	return nil
}

// MergeContactPoints builds a customer's new contact point list from
// inputs: values already in existing keep their ID and AddedAt.
func MergeContactPoints(existing []*ContactPoint, emails, phones []ContactPointInput, now time.Time) ([]*ContactPoint, error) {
	return contactPoints(emails, phones, existing, "", now)
}

func contactPoints(emails, phones []ContactPointInput, existing []*ContactPoint, phoneRegion string, now time.Time) ([]*ContactPoint, error) {
	var out []*ContactPoint
	seen := map[string]bool{}
	add := func(kind string, i int, in ContactPointInput) error {
		field := fmt.Sprintf("%ss[%d]", kind, i)
		var v string
		var err error
		if kind == ContactEmail {
			v, err = NormalizeEmail(in.Value)
		} else {
			v, err = NormalizePhoneIn(in.Value, phoneRegion)
		}
		if err != nil {
			return FieldError(field, "%s: %s", field, ErrorMessage(err))
		}
		if seen[kind+v] {
			return FieldError(field, "%s is listed twice", field)
		}
		seen[kind+v] = true
		for _, old := range existing {
			if old.Kind == kind && old.Value == v {
				out = append(out, old)
				return nil
			}
		}
		added := now
		if in.AddedAt != nil {
			if in.AddedAt.After(now.Add(time.Minute)) {
				return FieldError(field+".added_at", "%s.added_at is in the future", field)
			}
			added = *in.AddedAt
		}
		out = append(out, &ContactPoint{ID: NewID("cp"), Kind: kind, Value: v, AddedAt: added.UTC()})
		return nil
	}
	for i, in := range emails {
		if err := add(ContactEmail, i, in); err != nil {
			return nil, err
		}
	}
	for i, in := range phones {
		if err := add(ContactPhone, i, in); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// NormalizeEmail returns the lowercase bare address (RFC 5322 addr-spec,
// as net/mail reads it), or EINVALID. An address that needs quoting is
// refused: its bare form would not be an address.
func NormalizeEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 254 {
		return "", Errorf(EINVALID, "not a valid email address")
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || !strings.Contains(a.Address, "@") {
		return "", Errorf(EINVALID, "not a valid email address")
	}
	at := strings.LastIndexByte(a.Address, '@')
	if !strings.Contains(a.Address[at:], ".") {
		return "", Errorf(EINVALID, "not a valid email address")
	}
	out := strings.ToLower(a.Address)
	// A quoted local part ("a b"@x.example) comes back unquoted, which is
	// no address: keep only addresses that read back as themselves.
	if b, err := mail.ParseAddress(out); err != nil || b.Address != out {
		return "", Errorf(EINVALID, "not a valid email address")
	}
	return out, nil
}

// SortedAttributeKeys returns the attribute names in order.
func (c *Customer) SortedAttributeKeys() []string {
	keys := make([]string, 0, len(c.Attributes))
	for k := range c.Attributes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
