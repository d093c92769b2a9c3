package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
)

// importBenchFile returns a JSONL file of n customers, each with an email,
// a phone, an address, a date of birth, a payment card and an attribute.
func importBenchFile(tb testing.TB, n int) []byte {
	tb.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	since := time.Date(2022, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		in := proofdesk.CustomerInput{
			ExternalID:  fmt.Sprintf("B-%06d", i),
			Name:        fmt.Sprintf("Customer %d", i),
			Emails:      []proofdesk.ContactPointInput{{Value: fmt.Sprintf("customer%d@example.com", i), AddedAt: &since}},
			Phones:      []proofdesk.ContactPointInput{{Value: fmt.Sprintf("+1212%07d", i)}},
			Addresses:   []proofdesk.Address{{Line1: fmt.Sprintf("%d Main Street", i%9000+1), City: "Springfield", Region: "IL", PostalCode: fmt.Sprintf("6%04d", i%10000), Country: "US"}},
			DateOfBirth: fmt.Sprintf("19%02d-%02d-%02d", 50+i%50, 1+i%12, 1+i%28),
			Payment:     &proofdesk.Payment{Brand: "visa", Last4: fmt.Sprintf("%04d", i%10000)},
			Attributes:  map[string]string{"tier": "basic"},
		}
		if err := enc.Encode(&in); err != nil {
			tb.Fatal(err)
		}
	}
	return buf.Bytes()
}

// BenchmarkImport50k parses, validates and imports 50,000 customers into a
// fresh SQLite store, as `proofdesk customers import` does.
func BenchmarkImport50k(b *testing.B) {
	const n = 50_000
	file := importBenchFile(b, n)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		m := NewMain()
		m.Config.DataDir = b.TempDir()
		m.Getenv = func(string) string { return "" }
		if err := m.OpenDB(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()

		cs, err := parseJSONLCustomers(bytes.NewReader(file), time.Now().UTC(), "")
		if err != nil {
			b.Fatal(err)
		}
		if err := m.Desk.ImportCustomers(ctx, cs); err != nil {
			b.Fatal(err)
		}

		b.StopTimer()
		if err := m.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "customers/s")
}
