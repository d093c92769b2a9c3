package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/proofdesk/proofdesk"
)

var importNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// rowErrorsOf returns the "line N: field F: message" strings of err, or
// fails if err is not importErrors.
func rowErrorsOf(tb testing.TB, err error) []string {
	tb.Helper()
	var ie importErrors
	if !errors.As(err, &ie) {
		tb.Fatalf("err=%v, want importErrors", err)
	}
	out := make([]string, len(ie))
	for i, e := range ie {
		out[i] = e.String()
	}
	return out
}

func TestParseCSVCustomers(t *testing.T) {
	t.Parallel()
	in := "\ufeffexternal_id,name,emails,phones,date_of_birth,address_line1,address_line2,address_city,address_region,address_postal_code,address_country,payment_brand,payment_last4,attr_tier\n" +
		"C-1,Ada Lovelace,Ada@Example.com|2023-01-05; ada2@example.org,+44 20 7946 0123,1985-12-10,12 Baker Street,,London,,NW1 6XE,GB,visa,4242,gold\n" +
		"C-2,Bob Smith,,,,,,,,,,,,\n" +
		"\"C-3\",\"Jean, Dupont\",jean@example.fr,(415) 555-0123|2020-02-03,,,,,,,,,,\n"
	got, err := parseCSVCustomers(strings.NewReader(in), importNow, "US")
	if err != nil {
		t.Fatal(err)
	}
	added := time.Date(2023, 1, 5, 0, 0, 0, 0, time.UTC)
	phoneAdded := time.Date(2020, 2, 3, 0, 0, 0, 0, time.UTC)
	want := []*proofdesk.Customer{
		{
			ExternalID: "C-1", Name: "Ada Lovelace",
			ContactPoints: []*proofdesk.ContactPoint{
				{Kind: "email", Value: "ada@example.com", AddedAt: added},
				{Kind: "email", Value: "ada2@example.org", AddedAt: importNow},
				{Kind: "phone", Value: "+442079460123", AddedAt: importNow},
			},
			Addresses:   []proofdesk.Address{{Line1: "12 Baker Street", City: "London", PostalCode: "NW1 6XE", Country: "GB"}},
			DateOfBirth: "1985-12-10",
			Payment:     &proofdesk.Payment{Brand: "visa", Last4: "4242"},
			Attributes:  map[string]string{"tier": "gold"},
		},
		{ExternalID: "C-2", Name: "Bob Smith", Attributes: map[string]string{}},
		{
			ExternalID: "C-3", Name: "Jean, Dupont",
			ContactPoints: []*proofdesk.ContactPoint{
				{Kind: "email", Value: "jean@example.fr", AddedAt: importNow},
				{Kind: "phone", Value: "+14155550123", AddedAt: phoneAdded},
			},
			Attributes: map[string]string{},
		},
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(proofdesk.ContactPoint{}, "ID")); diff != "" {
		t.Fatalf("customers mismatch (-want +got):\n%s", diff)
	}
}

func TestParseCSVCustomers_Errors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{
			name: "every bad row is reported by line and column, never by value",
			in: "external_id,name,emails,phones,date_of_birth,address_line1,address_city,address_country,payment_brand,payment_last4,attr_Bad\n" +
				"C-1,,secret@example.com,,,,,,,,\n" + // line 2: no name
				"C-2,Ok Person,not-an-email-SECRET,,,,,,,,\n" + // line 3
				"C-3,Ok Person,,12SECRET,,,,,,,\n" + // line 4
				"C-4,Ok Person,,,1999-13-40,,,,,,\n" + // line 5
				"C-5,Ok Person,,,,1 SECRET Street,,,,,\n" + // line 6: address without city
				"C-6,Ok Person,,,,,,,visa,12\n" + // line 7: wrong field count
				"C-7,Ok Person,,,,,,,visa,12a4,\n" + // line 8
				"C-8,Ok Person,a@example.com|SECRET,,,,,,,,\n" + // line 9
				"C-1,Ok Person,,,,,,,,,\n" + // line 10: duplicate of line 2's external_id? line 2 was bad, so no
				"C-1,Ok Person,,,,,,,,,\n" + // line 11: duplicate of line 10
				"C-9,Ok Person,,,,,,,,,x\n", // line 12: bad attribute name
			want: []string{
				"line 2: field name: name is required",
				"line 3: field emails: emails[0]: not a valid email address",
				"line 4: field phones: phones[0]: not a valid phone number: it has no country code; write it in international form (+ and the country code) or set a default region",
				"line 5: field date_of_birth: date_of_birth must be YYYY-MM-DD",
				"line 6: field address_city: addresses[0].city is required",
				"line 7: wrong number of fields (every row needs one per header column; fields are separated by commas, as in the header)",
				"line 8: field payment_last4: payment.last4 must be exactly 4 digits",
				"line 9: field emails: entry 1: the date after | must be YYYY-MM-DD or an RFC 3339 time",
				"line 11: field external_id: same external_id as line 10",
				`line 12: field attr_*: attribute name "Bad" must be lowercase letters, digits and _ (at most 63)`,
			},
		},
		{
			name: "header problems",
			in:   "external_id,nom,emails,emails\nx,y,z,w\n",
			want: []string{
				"line 1: field column 2: unknown column name (see the README for the columns)",
				"line 1: field emails: column named twice",
				"line 1: field name: the header has no name column",
			},
		},
		{
			name: "a file without a header row: its data is not printed",
			in:   "C-1,Ada Lovelace,ada@example.com\n",
			want: []string{
				"line 1: field column 1: unknown column name (see the README for the columns)",
				"line 1: field column 2: unknown column name (see the README for the columns)",
				"line 1: field column 3: unknown column name (see the README for the columns)",
				"line 1: field name: the header has no name column",
			},
		},
		{
			name: "multi-line quoted fields keep line numbers right",
			in:   "name,address_line1,address_city,address_country\n\"A\",\"1 Long\nRoad\",Town,US\nB,x,,US\n",
			want: []string{"line 4: field address_city: addresses[0].city is required"},
		},
		{
			name: "quoting error stops the file",
			in:   "name,emails\nA,\"x\"y\nB,z\n",
			want: []string{`line 2: malformed CSV: extraneous or missing " in quoted-field`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := parseCSVCustomers(strings.NewReader(tt.in), importNow, "")
			if got != nil {
				t.Fatalf("customers=%d, want none when a row is bad", len(got))
			}
			msgs := rowErrorsOf(t, err)
			if diff := cmp.Diff(tt.want, msgs); diff != "" {
				t.Fatalf("errors mismatch (-want +got):\n%s", diff)
			}
			if strings.Contains(err.Error(), "SECRET") || strings.Contains(err.Error(), "secret@") {
				t.Fatalf("error repeats a value from the file: %s", err)
			}
		})
	}
}

func TestParseJSONLCustomers(t *testing.T) {
	t.Parallel()
	in := `{"external_id":"C-1","name":"Ada","emails":["ada@example.com",{"value":"ADA@work.example","added_at":"2022-03-04"}],"phones":[{"value":"+33 6 12 34 56 78","added_at":"2021-01-01T10:00:00Z"}],"addresses":[{"line1":"12 rue de la Paix","city":"Paris","postal_code":"75002","country":"FR"}],"date_of_birth":"1990-01-02","payment":{"brand":"mastercard","last4":"0005"},"attributes":{"plan":"pro"}}

{"name":"Bob"}
`
	got, err := parseJSONLCustomers(strings.NewReader(in), importNow, "")
	if err != nil {
		t.Fatal(err)
	}
	want := []*proofdesk.Customer{
		{
			ExternalID: "C-1", Name: "Ada",
			ContactPoints: []*proofdesk.ContactPoint{
				{Kind: "email", Value: "ada@example.com", AddedAt: importNow},
				{Kind: "email", Value: "ada@work.example", AddedAt: time.Date(2022, 3, 4, 0, 0, 0, 0, time.UTC)},
				{Kind: "phone", Value: "+33612345678", AddedAt: time.Date(2021, 1, 1, 10, 0, 0, 0, time.UTC)},
			},
			Addresses:   []proofdesk.Address{{Line1: "12 rue de la Paix", City: "Paris", PostalCode: "75002", Country: "FR"}},
			DateOfBirth: "1990-01-02",
			Payment:     &proofdesk.Payment{Brand: "mastercard", Last4: "0005"},
			Attributes:  map[string]string{"plan": "pro"},
		},
		{Name: "Bob", Attributes: map[string]string{}},
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(proofdesk.ContactPoint{}, "ID")); diff != "" {
		t.Fatalf("customers mismatch (-want +got):\n%s", diff)
	}
}

func TestParseJSONLCustomers_Errors(t *testing.T) {
	t.Parallel()
	in := strings.Join([]string{
		`{"name":"A","emails":["SECRET-not-email"]}`,
		`{"name":"B","nickname":"SECRET"}`,
		`{"name":"C","emails":[{"value":"c@example.com","added_at":"SECRET"}]}`,
		`{"name":"D",SECRET}`,
		`{"name":42}`,
		`["SECRET"]`,
		`{"name":"E","addresses":[{"line1":"SECRET","city":"X"}]}`,
		`{"name":"F","phones":[{"value":"+14155550123","added_at":"2999-01-01"}]}`,
		`{"name":"G"} {"name":"H"}`,
		`{"name":"I","payment":{"brand":"visa","last4":"SECRET"}}`,
	}, "\n")
	got, err := parseJSONLCustomers(strings.NewReader(in), importNow, "")
	if got != nil {
		t.Fatalf("customers=%d, want none", len(got))
	}
	want := []string{
		"line 1: field emails[0]: emails[0]: not a valid email address",
		"line 2: field nickname: unknown field",
		`line 3: field emails: each entry must be a string or {"value","added_at"} with added_at as YYYY-MM-DD or an RFC 3339 time`,
		"line 4: malformed JSON at byte 13",
		"line 5: field name: must be a JSON string",
		"line 6: the line must be a JSON object",
		"line 7: field addresses[0].country: addresses[0].country is required",
		"line 8: field phones[0].added_at: phones[0].added_at is in the future",
		"line 9: more than one JSON value on the line",
		"line 10: field payment.last4: payment.last4 must be exactly 4 digits",
	}
	if diff := cmp.Diff(want, rowErrorsOf(t, err)); diff != "" {
		t.Fatalf("errors mismatch (-want +got):\n%s", diff)
	}
	if strings.Contains(err.Error(), "SECRET") {
		t.Fatalf("error repeats a value from the file: %s", err)
	}
}

func TestParseJSONLCustomers_LongLine(t *testing.T) {
	t.Parallel()
	in := `{"name":"A"}` + "\n" + `{"name":"` + strings.Repeat("x", maxImportLine) + `"}` + "\n"
	_, err := parseJSONLCustomers(strings.NewReader(in), importNow, "")
	want := []string{"line 2: line is longer than 1048576 bytes; the file was not read further"}
	if diff := cmp.Diff(want, rowErrorsOf(t, err)); diff != "" {
		t.Fatalf("errors mismatch (-want +got):\n%s", diff)
	}
}

func TestReadImportFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if cs, _, err := readImportFile(write("a.CSV", "name\nA\n"), "", importNow, ""); err != nil || len(cs) != 1 {
		t.Fatalf("csv: n=%d err=%v, want 1 customer", len(cs), err)
	}
	if cs, _, err := readImportFile(write("a.jsonl", `{"name":"A"}`+"\n"), "", importNow, ""); err != nil || len(cs) != 1 {
		t.Fatalf("jsonl: n=%d err=%v, want 1 customer", len(cs), err)
	}
	if _, _, err := readImportFile(write("a.json", `{"name":"A"}`), "", importNow, ""); err == nil || !strings.Contains(err.Error(), ".csv or .jsonl") {
		t.Fatalf("json: err=%v, want a file-type error", err)
	}
	if _, _, err := readImportFile(write("empty.jsonl", "\n\n"), "", importNow, ""); err == nil || !strings.Contains(err.Error(), "no customers") {
		t.Fatalf("empty: err=%v, want no customers", err)
	}
	if _, _, err := readImportFile(filepath.Join(dir, "missing.csv"), "", importNow, ""); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("missing: err=%v, want not exist", err)
	}
}
