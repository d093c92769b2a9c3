package proofdesk_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
		phone          bool
		wantErr        bool
	}{
		{"email case", " Jane.Doe@Example.COM ", "jane.doe@example.com", false, false},
		{"email with name refused", "Jane <jane@example.com>", "", false, true},
		{"email no dot", "jane@localhost", "", false, true},
		{"email garbage", "not-an-email", "", false, true},
		{"us grouped", "(415) 555-0123", "+14155550123", true, false},
		{"us dotted", "415.555.0123", "+14155550123", true, false},
		{"intl", "+44 20 7946 0958", "+442079460958", true, false},
		{"00 prefix", "0044 20 7946 0958", "+442079460958", true, false},
		{"letters", "+1 415 CALL NOW", "", true, true},
		{"too short", "+1234", "", true, true},
		{"national without country", "020 7946 0958", "", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			var err error
			if tt.phone {
				got, err = proofdesk.NormalizePhone(tt.in)
			} else {
				got, err = proofdesk.NormalizeEmail(tt.in)
			}
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Fatalf("got %q, %v; want %q (error %v)", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestCustomerInput(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name      string
		body      string
		wantField string
	}{
		{"ok", `{"name":"A","emails":["a@example.com",{"value":"b@example.com","added_at":"2020-01-01"}],"phones":["+14155550123"]}`, ""},
		{"no name", `{"emails":["a@example.com"]}`, "name"},
		{"bad email", `{"name":"A","emails":["nope"]}`, "emails[0]"},
		{"bad phone", `{"name":"A","phones":["12"]}`, "phones[0]"},
		{"duplicate email", `{"name":"A","emails":["a@example.com","A@example.com"]}`, "emails[1]"},
		{"future added_at", `{"name":"A","emails":[{"value":"a@example.com","added_at":"2030-01-01"}]}`, "emails[0].added_at"},
		{"bad dob", `{"name":"A","date_of_birth":"14/03/1985"}`, "date_of_birth"},
		{"bad last4", `{"name":"A","payment":{"brand":"visa","last4":"42"}}`, "payment.last4"},
		{"address without city", `{"name":"A","addresses":[{"line1":"1 Main St","country":"US"}]}`, "addresses[0].city"},
		{"bad attribute name", `{"name":"A","attributes":{"Bad Key":"x"}}`, "attributes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in proofdesk.CustomerInput
			if err := json.Unmarshal([]byte(tt.body), &in); err != nil {
				t.Fatal(err)
			}
			c, err := in.Customer(now)
			var pe *proofdesk.Error
			if tt.wantField == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(c.ContactPoints) != 3 || !c.ContactPoints[1].AddedAt.Equal(time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)) || !c.ContactPoints[0].AddedAt.Equal(now) {
					t.Fatalf("contact points: %+v", c.ContactPoints)
				}
				return
			}
			if err == nil {
				t.Fatal("accepted")
			}
			pe, _ = err.(*proofdesk.Error)
			if pe == nil || pe.Code != proofdesk.EINVALID || pe.Field != tt.wantField {
				t.Fatalf("err = %#v, want field %q", err, tt.wantField)
			}
			if strings.Contains(pe.Message, "nope") || strings.Contains(pe.Message, "14/03") {
				t.Fatalf("message repeats the value: %q", pe.Message)
			}
		})
	}
}

func TestPolicyValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(p *proofdesk.Policy)
		want   string
	}{
		{"defaults", func(p *proofdesk.Policy) {}, ""},
		{"raise dob", func(p *proofdesk.Policy) { p.Classes["date_of_birth"] = proofdesk.L2 }, ""},
		{"payment below floor", func(p *proofdesk.Policy) { p.Classes["payment"] = proofdesk.L1 }, "classes.payment"},
		{"address below floor", func(p *proofdesk.Policy) { p.Classes["address"] = proofdesk.L0 }, "classes.address"},
		{"change action below floor", func(p *proofdesk.Policy) { p.Actions["change_email"] = proofdesk.L1 }, "actions.change_email"},
		{"unknown class", func(p *proofdesk.Policy) { p.Classes["shoe_size"] = proofdesk.L1 }, "classes.shoe_size"},
		{"unknown action", func(p *proofdesk.Policy) { p.Actions["launch"] = proofdesk.L2 }, "actions.launch"},
		{"bad level", func(p *proofdesk.Policy) { p.Attributes["x"] = proofdesk.Level(7) }, "attributes.x"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := proofdesk.DefaultPolicy()
			tt.change(p)
			err := p.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			pe, _ := err.(*proofdesk.Error)
			if pe == nil || pe.Field != tt.want {
				t.Fatalf("err = %v, want field %s", err, tt.want)
			}
		})
	}
	if _, err := proofdesk.ParseLevel("L3"); err == nil {
		t.Fatal("ParseLevel accepted L3")
	}
}

func TestVerifyChain(t *testing.T) {
	var entries []*proofdesk.AuditEntry
	prev := ""
	for i := int64(1); i <= 4; i++ {
		e := &proofdesk.AuditEntry{Seq: i, Time: time.Unix(i, 0), Action: "a", Detail: map[string]string{"k": "v"}, PrevHash: prev}
		e.Hash = e.ComputeHash()
		prev = e.Hash
		entries = append(entries, e)
	}
	if seq, why := proofdesk.VerifyChain(entries, "", 0); seq != 0 {
		t.Fatalf("intact chain reported bad at %d: %s", seq, why)
	}
	entries[2].Detail["k"] = "changed"
	if seq, _ := proofdesk.VerifyChain(entries, "", 0); seq != 3 {
		t.Fatalf("edited entry 3 reported at %d", seq)
	}
}

func sampleCustomer() *proofdesk.Customer {
	in := proofdesk.CustomerInput{Name: "Jane Doe", ExternalID: "u-1",
		Emails:      []proofdesk.ContactPointInput{{Value: "jane.doe@example.com"}},
		Phones:      []proofdesk.ContactPointInput{{Value: "+14155550123"}, {Value: "+442079460958"}},
		Addresses:   []proofdesk.Address{{Line1: "742 Evergreen Terrace", Line2: "Apt 4B", City: "Springfield", Region: "OR", PostalCode: "97403", Country: "US"}},
		DateOfBirth: "1985-03-14", Payment: &proofdesk.Payment{Brand: "visa", Last4: "4242"},
		Attributes: map[string]string{"loyalty_id": "LOY-1", "tier": "gold"}}
	c, err := in.Customer(time.Now())
	if err != nil {
		panic(err)
	}
	return c
}

func TestCustomerViewMasksEverything(t *testing.T) {
	c := sampleCustomer()
	p := proofdesk.DefaultPolicy()
	p.Attributes["tier"] = proofdesk.L0
	v := proofdesk.NewCustomerView(c, proofdesk.ViewContext{Policy: p})
	b, _ := json.Marshal(v)
	out := string(b)
	for _, secret := range []string{"jane.doe", "example.com", "5550123", "7946", "Evergreen", "97403", "Apt 4B", "1985", "4242", "visa", "LOY-1", "Springfield"} {
		if strings.Contains(out, secret) {
			t.Errorf("view leaks %q: %s", secret, out)
		}
	}
	for _, shown := range []string{`"name":"Jane Doe"`, `"tier":"gold"`, `"j***@e***.com"`, `"+1 ***-***-0123"`, `"*** E*** Terrace"`, `"9****"`} {
		if !strings.Contains(out, shown) {
			t.Errorf("view lacks %s: %s", shown, out)
		}
	}
	// A context that allows a class shows it.
	v = proofdesk.NewCustomerView(c, proofdesk.ViewContext{Policy: p, Shown: func(class string) bool { return class == proofdesk.ClassAddress }})
	if v.Addresses[0].Line1 != "742 Evergreen Terrace" || v.DateOfBirth == "1985-03-14" {
		t.Fatalf("selective view: %+v", v)
	}
}

func TestRevealFieldValue(t *testing.T) {
	c := sampleCustomer()
	tests := map[string]string{
		"emails": "jane.doe@example.com", "phones": "+14155550123, +442079460958",
		"addresses": "742 Evergreen Terrace, Apt 4B, Springfield, OR, 97403, US", "payment": "visa ending 4242",
		"date_of_birth": "1985-03-14", "attributes.loyalty_id": "LOY-1", "name": "Jane Doe",
	}
	for field, want := range tests {
		if got := c.FieldValue(field); got != want {
			t.Errorf("FieldValue(%s) = %q, want %q", field, got, want)
		}
	}
	if _, _, ok := proofdesk.RevealFieldClass("ssn"); ok {
		t.Fatal("unknown field accepted")
	}
}

// BenchmarkMaskCustomer measures building the masked view of a full customer.
func BenchmarkMaskCustomer(b *testing.B) {
	c := sampleCustomer()
	vc := proofdesk.ViewContext{Policy: proofdesk.DefaultPolicy()}
	for b.Loop() {
		if v := proofdesk.NewCustomerView(c, vc); len(v.Masked) == 0 {
			b.Fatal("nothing masked")
		}
	}
}

func TestMaskAddressHidesHouseNumbers(t *testing.T) {
	tests := map[string]string{
		"742 Evergreen Terrace": "*** E*** Terrace",
		"Hauptstraße 42":        "*** H***",
		"12 rue de la Paix":     "*** rue P***",
		"Calle de Alcalá 45":    "*** Calle A***",
		"Via Roma 8":            "*** Via R***",
		"Rua Augusta 100":       "*** Rua A***",
		"Flat 3, 221B Baker St": "*** F*** St",
		"42":                    "***",
	}
	for in, want := range tests {
		if got := proofdesk.MaskAddress(proofdesk.Address{Line1: in}).Line1; got != want {
			t.Errorf("MaskAddress(%q) = %q, want %q", in, got, want)
		}
	}
}
