package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/proofdesk/proofdesk"
)

var fuzzNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// checkImport asserts the invariants of an import parse: a refusal says
// why, and bad rows are named by lines of the file, in order; the
// customers accepted have a name, normalised contact points (each value
// normalises to itself) and distinct external IDs, one per line at most.
func checkImport(t *testing.T, data []byte, custs []*proofdesk.Customer, err error) {
	t.Helper()
	lines := bytes.Count(data, []byte("\n")) + 1
	if err != nil {
		if err.Error() == "" || !utf8.ValidString(err.Error()) {
			t.Fatalf("error %q", err)
		}
		for _, r := range err.Error() {
			if r < ' ' && r != '\n' || r == 0x7f || r == 0x1b {
				t.Fatalf("error %q holds control characters", err)
			}
		}
		var ie importErrors
		if !errors.As(err, &ie) {
			return // a whole-file error ("the file holds no customers")
		}
		prev := 0
		for _, e := range ie {
			if e.Line < 1 || e.Line > lines+1 || e.Line < prev || e.Message == "" || !utf8.ValidString(e.String()) {
				t.Fatalf("bad row error %+v (file of %d lines)", e, lines)
			}
			prev = e.Line
		}
		return
	}
	if len(custs) > lines {
		t.Fatalf("%d customers from %d lines", len(custs), lines)
	}
	ids := map[string]bool{}
	for _, c := range custs {
		if strings.TrimSpace(c.Name) == "" {
			t.Fatalf("customer without a name: %+v", c)
		}
		if c.ExternalID != "" {
			if ids[c.ExternalID] {
				t.Fatalf("external_id %q accepted twice", c.ExternalID)
			}
			ids[c.ExternalID] = true
		}
		for _, cp := range c.ContactPoints {
			var n string
			var err error
			switch cp.Kind {
			case proofdesk.ContactEmail:
				n, err = proofdesk.NormalizeEmail(cp.Value)
			case proofdesk.ContactPhone:
				n, err = proofdesk.NormalizePhone(cp.Value)
			default:
				t.Fatalf("contact point kind %q", cp.Kind)
			}
			if err != nil || n != cp.Value {
				t.Fatalf("%s %q stored, normalises to %q, %v", cp.Kind, cp.Value, n, err)
			}
			if cp.AddedAt.After(fuzzNow) {
				t.Fatalf("contact point added in the future: %v", cp.AddedAt)
			}
		}
	}
}

func addImportSeeds(f *testing.F, pattern string) {
	files, _ := filepath.Glob(pattern)
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
}

// FuzzImportCSV: the CSV import never panics and keeps checkImport's
// invariants. Seeds: testdata/*.csv, the README's example and
// testdata/fuzz/FuzzImportCSV.
func FuzzImportCSV(f *testing.F) {
	addImportSeeds(f, "testdata/*.csv")
	f.Add([]byte("external_id,name,emails,phones,address_line1,address_city,address_postal_code,address_country,attr_tier\n" +
		"C-1,Ada Lovelace,ada@example.com|2023-01-05;ada@work.example,+44 7700 900123,12 Baker Street,London,NW1 6XE,GB,gold\n"))
	f.Add([]byte("\xef\xbb\xbfname,phones\nBob,\"0612345678\"\n"))
	f.Add([]byte("name,name\nA,B\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		custs, err := parseCSVCustomers(bytes.NewReader(data), fuzzNow, "FR")
		checkImport(t, data, custs, err)
	})
}

// FuzzImportJSONL: the JSONL import never panics and keeps checkImport's
// invariants. Seeds: the README's example and testdata/fuzz/FuzzImportJSONL.
func FuzzImportJSONL(f *testing.F) {
	f.Add([]byte(`{"external_id":"C-1","name":"Ada Lovelace","emails":["ada@example.com",{"value":"ada@work.example","added_at":"2022-03-04"}],"phones":["+44 7700 900123"],"addresses":[{"line1":"12 Baker Street","city":"London","postal_code":"NW1 6XE","country":"GB"}],"date_of_birth":"1985-12-10","payment":{"brand":"visa","last4":"4242"},"attributes":{"tier":"gold"}}` + "\n"))
	f.Add([]byte("{\"name\":\"A\",\"external_id\":\"x\"}\n\n{\"name\":\"B\",\"external_id\":\"x\"}\n"))
	f.Add([]byte(`{"name":"A","emails":[{"value":"a@b.example","added_at":"2099-01-01"}]}`))
	f.Add([]byte(`{"name":"A","unknown":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		custs, err := parseJSONLCustomers(bytes.NewReader(data), fuzzNow, "")
		checkImport(t, data, custs, err)
	})
}
