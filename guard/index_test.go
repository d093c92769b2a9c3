package guard

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
)

var testIndexKey = []byte("0123456789abcdef")

// TestIndexEveryCustomer: on a conversation not linked to Élodie, a reply
// with her email, phone or street address is blocked through the index;
// the same reply passes when she is the linked customer (excluded: her
// matcher checks her values at the conversation's level), and after she
// is removed. Dates of birth and last 4 are not indexed.
func TestIndexEveryCustomer(t *testing.T) {
	ix, err := NewIndex(testIndexKey, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix.Add(elodie())
	ix.Add(testCustomer())
	for i := range 2000 {
		ix.Add(synthCustomer(i))
	}
	leaks := map[string]string{
		"We have elodie.martin@exemple.fr on file.": proofdesk.ClassEmail,
		"It's elodie dot martin at exemple dot fr":  proofdesk.ClassEmail,
		"Call 06 47 21 83 90.":                      proofdesk.ClassPhone,
		"Ihre Nummer: 0151 2345 7716":               proofdesk.ClassPhone,
		"It goes to 12 rue de la Paix.":             proofdesk.ClassAddress,
		"Calle de Alcalá 45, Madrid":                proofdesk.ClassAddress,
		"Kalverstraat 92":                           proofdesk.ClassAddress,
		"2218 NE Alberta St":                        proofdesk.ClassAddress,
		"Jane's is 221B Baker Street.":              proofdesk.ClassAddress,
		"Customer 17 lives at 1017 Salixb Lane.":    proofdesk.ClassAddress,
		"Customer 17's phone is (628) 555-1017.":    proofdesk.ClassPhone,
		"Write to synth.1017@mail17.example.org":    proofdesk.ClassEmail,
	}
	for reply, class := range leaks {
		v := ix.Check(reply, proofdesk.L0, "")
		if !v.Blocked || v.Class != class || v.Rule != RuleProtectedValue {
			t.Errorf("Check(%q) = %+v, want blocked %s", reply, v, class)
		}
		if v := ix.Check(reply, proofdesk.L2, ""); v.Blocked {
			t.Errorf("Check(%q) at L2 = %+v, want pass", reply, v)
		}
	}
	for _, reply := range []string{
		"Your order has shipped.", "Born 3 November 1979.", "Card ending 7158.", "Our office: 1 Avenue de l'Opéra, 75001 Paris.",
		"Order 12 of 45 is packed.", "We restock 92 items on Monday.", "Part number 0647218390X.",
	} {
		if v := ix.Check(reply, proofdesk.L0, ""); v.Blocked {
			t.Errorf("Check(%q) = %+v, want pass", reply, v)
		}
	}
	if v := ix.Check("Call 06 47 21 83 90.", proofdesk.L0, "cus_elodie"); v.Blocked {
		t.Errorf("the linked customer's own value: %+v, want pass (her matcher decides)", v)
	}
	ix.Remove("cus_elodie")
	if v := ix.Check("Call 06 47 21 83 90.", proofdesk.L0, ""); v.Blocked {
		t.Errorf("after Remove: %+v, want pass", v)
	}
	if _, err := NewIndex([]byte("short"), nil); err == nil {
		t.Error("NewIndex with a 5-byte key: no error")
	}
}

// synthCustomer returns customer i of a synthetic population.
func synthCustomer(i int) *proofdesk.Customer {
	trees := []string{"Quercus", "Fagus", "Betula", "Alnus", "Acer", "Tilia", "Ulmus", "Salix", "Pinus", "Larix"}
	return &proofdesk.Customer{
		ID: fmt.Sprintf("cus_%d", i),
		ContactPoints: []*proofdesk.ContactPoint{
			{Kind: proofdesk.ContactEmail, Value: fmt.Sprintf("synth.%d@mail%d.example.org", 1000+i, i%100)},
			{Kind: proofdesk.ContactPhone, Value: fmt.Sprintf("+1628%07d", 5550000+1000+i)},
		},
		Addresses: []proofdesk.Address{{Line1: fmt.Sprintf("%d %s%s Lane", 1000+i, trees[i%len(trees)], letters(i/len(trees))), City: "Springfield", PostalCode: fmt.Sprintf("%05d", i%100000)}},
	}
}

// letters writes n in base 26 with the letters a to z.
func letters(n int) string {
	b := []byte{byte('a' + n%26)}
	for n /= 26; n > 0; n /= 26 {
		b = append(b, byte('a'+n%26))
	}
	return string(b)
}

var (
	bigIndexOnce  sync.Once
	bigIndex      *Index
	bigIndexBuild time.Duration
)

// BenchmarkIndexCheck2KB1M checks a 2 KB reply against an index of
// 1,000,000 synthetic customers (email, phone, address each). It reports
// the p50 and p99 of single checks, the build time and the table size.
func BenchmarkIndexCheck2KB1M(b *testing.B) {
	bigIndexOnce.Do(func() {
		t0 := time.Now()
		bigIndex, _ = NewIndex(testIndexKey, nil)
		for i := range 1_000_000 {
			bigIndex.Add(synthCustomer(i))
		}
		bigIndexBuild = time.Since(t0)
	})
	reply := reply2KB()
	if v := bigIndex.Check(reply, proofdesk.L0, ""); v.Blocked {
		b.Fatalf("benchmark reply blocked: %+v", v)
	}
	if v := bigIndex.Check(reply+" 1010 Quercusb Lane", proofdesk.L0, ""); !v.Blocked {
		b.Fatalf("index does not block: %+v", v)
	}
	samples := make([]time.Duration, 0, 1<<16)
	for b.Loop() {
		t0 := time.Now()
		bigIndex.Check(reply, proofdesk.L0, "")
		samples = append(samples, time.Since(t0))
	}
	reportPercentiles(b, samples)
	b.ReportMetric(bigIndexBuild.Seconds(), "build-s")
	b.ReportMetric(float64(bigIndex.Bytes())/(1<<20), "table-MiB")
	b.ReportMetric(float64(bigIndex.Len()), "keys")
}

// TestIndexFilter: through the filter's growths and a Remove, every
// indexed form of every customer still passes it (a form it turned away
// would be a leak let out), and few forms that are no value pass.
func TestIndexFilter(t *testing.T) {
	ix, err := NewIndex(testIndexKey, nil)
	if err != nil {
		t.Fatal(err)
	}
	const n = 20000
	for i := range n {
		ix.Add(synthCustomer(i))
	}
	ix.Remove("cus_7")
	ix.Add(synthCustomer(7))
	if len(ix.filter) <= 1024 {
		t.Fatalf("filter of %d words after %d forms: it did not grow", len(ix.filter), ix.filtered)
	}
	for i := range n {
		indexForms(synthCustomer(i), func(class, form string) {
			if !ix.mayHold([]byte(form)) {
				t.Errorf("customer %d: the filter turns away its %s form", i, class)
			}
		})
	}
	pass := 0
	for i := n; i < 2*n; i++ {
		indexForms(synthCustomer(i), func(class, form string) {
			if ix.mayHold([]byte(form)) {
				pass++
			}
		})
	}
	if pass > 3*n/20 {
		t.Errorf("%d of %d forms that are no value pass the filter, want under 5 %%", pass, 3*n)
	}
	t.Logf("%d of %d forms that are no value pass the filter (%d words)", pass, 3*n, len(ix.filter))
}

// TestCheckAllocs: once their text is pooled, a matcher's check and an
// index check of a 2 KB reply allocate nothing (race builds allocate
// for their own bookkeeping: skipped there).
func TestCheckAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	m := NewMatcher(bigCustomer(), proofdesk.DefaultPolicy(), Options{Public: testPublic})
	ix, err := NewIndex(testIndexKey, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2000 {
		ix.Add(synthCustomer(i))
	}
	reply := reply2KB()
	offered := []string{proofdesk.ClassAddress}
	if n := testing.AllocsPerRun(50, func() { m.Check(reply, proofdesk.L0, offered) }); n != 0 {
		t.Errorf("Matcher.Check: %v allocations a check, want 0", n)
	}
	if n := testing.AllocsPerRun(50, func() { ix.Check(reply, proofdesk.L0, "") }); n != 0 {
		t.Errorf("Index.Check: %v allocations a check, want 0", n)
	}
}
