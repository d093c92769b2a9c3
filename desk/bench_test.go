package desk_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// BenchmarkBuildIndex builds the index of every customer through the
// store (read, decrypt, normalise, hash) for 5,000 customers on SQLite,
// each with an email, a phone and a street address; it reports the time
// per customer and the table's size.
//
//	go test ./desk/ -run '^$' -bench BuildIndex -benchtime 3x
func BenchmarkBuildIndex(b *testing.B) {
	const n = 5000
	db := sqldbtest.Open(b)
	ctx := context.Background()
	old := time.Now().AddDate(-1, 0, 0)
	var batch []*proofdesk.Customer
	for i := 0; i < n; i++ {
		in := proofdesk.CustomerInput{Name: fmt.Sprintf("Customer %d", i),
			Emails:    []proofdesk.ContactPointInput{{Value: fmt.Sprintf("customer%d@example.org", i), AddedAt: &old}},
			Phones:    []proofdesk.ContactPointInput{{Value: fmt.Sprintf("+15032%06d", 100000+i), AddedAt: &old}},
			Addresses: []proofdesk.Address{{Line1: fmt.Sprintf("%d Larkspur %d Boulevard", 1+i%900, i), City: "Portland", PostalCode: "97201", Country: "US"}}}
		c, err := in.Customer(time.Now())
		if err != nil {
			b.Fatal(err)
		}
		batch = append(batch, c)
		if len(batch) == 500 {
			if err := sqldb.NewCustomerService(db).ImportCustomers(ctx, batch); err != nil {
				b.Fatal(err)
			}
			batch = nil
		}
	}
	d := desk.New(db, desk.Config{})
	var st desk.IndexStats
	b.ResetTimer()
	for b.Loop() {
		var err error
		if st, err = d.BuildIndex(ctx); err != nil {
			b.Fatal(err)
		}
	}
	if st.Customers != n {
		b.Fatalf("indexed %d customers, want %d", st.Customers, n)
	}
	b.ReportMetric(float64(st.Build.Microseconds())/float64(n), "µs/customer")
	b.ReportMetric(float64(st.Keys), "keys")
	b.ReportMetric(float64(st.Bytes), "table-bytes")
}
