package guard

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
)

// bigCustomer returns a customer with 50 protected values: 8 emails,
// 8 phones, 12 addresses, a date of birth, a payment method and 20 custom
// attributes.
func bigCustomer() *proofdesk.Customer {
	c := &proofdesk.Customer{ID: "cus_big", Name: "Alex Example", DateOfBirth: "1979-11-02",
		Payment: &proofdesk.Payment{Brand: "Mastercard", Last4: "5454"}, Attributes: map[string]string{}}
	for i := range 8 {
		c.ContactPoints = append(c.ContactPoints,
			&proofdesk.ContactPoint{Kind: proofdesk.ContactEmail, Value: fmt.Sprintf("alex.example%d@mail%d.example.org", i, i)},
			&proofdesk.ContactPoint{Kind: proofdesk.ContactPhone, Value: fmt.Sprintf("+1628555%04d", 1000+i*37)})
	}
	streets := []string{"Maple", "Oak", "Birch", "Cedar", "Willow", "Aspen", "Spruce", "Juniper", "Hawthorn", "Linden", "Sycamore", "Chestnut"}
	for i, s := range streets {
		c.Addresses = append(c.Addresses, proofdesk.Address{
			Line1: fmt.Sprintf("%d %s Avenue", 100+i*13, s), Line2: fmt.Sprintf("Apt %dC", i+1),
			City: "Springfield", Region: "IL", PostalCode: fmt.Sprintf("627%02d", i), Country: "US"})
	}
	for i := range 20 {
		c.Attributes[fmt.Sprintf("ref_%02d", i)] = fmt.Sprintf("ZX-%06d", 400000+i*7919)
	}
	return c
}

// reply2KB is a 2 KB agent reply with plenty of numbers, words and
// punctuation, and no protected value.
func reply2KB() string {
	var b strings.Builder
	parts := []string{
		"Hi there, thanks for waiting! I've looked into order 88231 and it left our warehouse on March 3, 2025. ",
		"The tracking page says it should arrive in 2 to 4 business days; the carrier's number is 1-800-555-0000. ",
		"Your total was $120.45 for 5 items, including $4.99 shipping. If anything is missing, reply here. ",
		"Our returns desk is at 500 Market Street, San Francisco, CA 94105, open Monday to Friday 9-5. ",
		"I can't confirm account details until you're verified; I've sent a link to the email we have on file. ",
	}
	for b.Len() < 2048 {
		for _, p := range parts {
			b.WriteString(p)
		}
	}
	return b.String()[:2048]
}

func benchMatcher(b *testing.B) *Matcher {
	b.Helper()
	m := NewMatcher(bigCustomer(), proofdesk.DefaultPolicy(), Options{Public: testPublic})
	if v := m.Check(reply2KB(), proofdesk.L0, nil); v.Blocked {
		b.Fatalf("benchmark reply blocked: %+v", v)
	}
	if v := m.Check(reply2KB()+" 104 Oak Avenue", proofdesk.L0, nil); !v.Blocked {
		b.Fatalf("benchmark matcher does not block: %+v", v)
	}
	return m
}

// BenchmarkCheck2KB50Values checks a 2 KB reply against a customer with 50
// protected values, the matcher built beforehand. It also reports the p50
// and p99 of individual checks (ns), from timings of each iteration.
func BenchmarkCheck2KB50Values(b *testing.B) {
	m := benchMatcher(b)
	reply := reply2KB()
	offered := []string{proofdesk.ClassAddress}
	b.SetBytes(int64(len(reply)))
	b.ReportAllocs()
	samples := make([]time.Duration, 0, 1<<16)
	for b.Loop() {
		t0 := time.Now()
		m.Check(reply, proofdesk.L0, offered)
		samples = append(samples, time.Since(t0))
	}
	reportPercentiles(b, samples)
}

// BenchmarkCheck2KBOfferNoRefusal is BenchmarkCheck2KB50Values on a reply
// with no refusal, deferral or question: after the offer of an address,
// every sentence is open to the answer about the offered value
// (offerAnswer), which the refusal of reply2KB rules out at once.
func BenchmarkCheck2KBOfferNoRefusal(b *testing.B) {
	m := benchMatcher(b)
	reply := strings.ReplaceAll(reply2KB(), "I can't confirm account details until you're verified; I've sent",
		"Once you're signed in, I've sent")
	offered := []string{proofdesk.ClassAddress}
	if v := m.Check(reply, proofdesk.L0, offered); v.Blocked {
		b.Fatalf("benchmark reply blocked: %+v", v)
	}
	b.SetBytes(int64(len(reply)))
	b.ReportAllocs()
	samples := make([]time.Duration, 0, 1<<16)
	for b.Loop() {
		t0 := time.Now()
		m.Check(reply, proofdesk.L0, offered)
		samples = append(samples, time.Since(t0))
	}
	reportPercentiles(b, samples)
}

// BenchmarkCheckAll2KB checks a 2 KB reply against the linked customer and
// two more whose contact point matches the requester's.
func BenchmarkCheckAll2KB(b *testing.B) {
	m := benchMatcher(b)
	other := NewMatcher(testCustomer(), testPolicy(), Options{Public: testPublic})
	reply := reply2KB()
	b.SetBytes(int64(len(reply)))
	b.ReportAllocs()
	for b.Loop() {
		CheckAll(reply, nil, Target{m, proofdesk.L0}, Target{other, proofdesk.L0}, Target{other, proofdesk.L0})
	}
}

func BenchmarkBuildMatcher(b *testing.B) {
	c := bigCustomer()
	p := proofdesk.DefaultPolicy()
	b.ReportAllocs()
	for b.Loop() {
		NewMatcher(c, p, Options{Public: testPublic})
	}
}

// BenchmarkBuildMatcherSmall builds the matcher of a customer with a name
// and an email, as cmd/loadapi creates them: what a cache miss costs.
func BenchmarkBuildMatcherSmall(b *testing.B) {
	c := loadCustomer(1)
	p := proofdesk.DefaultPolicy()
	b.ReportAllocs()
	for b.Loop() {
		NewMatcher(c, p, Options{})
	}
}

func BenchmarkCacheHit(b *testing.B) {
	c := NewCache(100, Options{Public: testPublic})
	cu := bigCustomer()
	p := proofdesk.DefaultPolicy()
	c.Matcher(cu, p)
	b.ReportAllocs()
	for b.Loop() {
		c.Matcher(cu, p)
	}
}

func BenchmarkProbe(b *testing.B) {
	m := benchMatcher(b)
	msg := "Hi, I'm Alex. Where is my parcel going? My address is 12 Fake Street, Springfield IL 62704 and my phone is 628 555 1001."
	b.ReportAllocs()
	for b.Loop() {
		m.Probe(msg)
	}
}

func BenchmarkOffers(b *testing.B) {
	msg := "Hi, I'm Alex. Where is my parcel going? My address is 12 Fake Street, Springfield IL 62704 and my phone is 628 555 1001."
	b.ReportAllocs()
	for b.Loop() {
		Offers(msg)
	}
}

func reportPercentiles(b *testing.B, samples []time.Duration) {
	if len(samples) == 0 {
		return
	}
	slices.Sort(samples)
	pct := func(p float64) float64 { return float64(samples[int(p*float64(len(samples)-1))].Nanoseconds()) }
	b.ReportMetric(pct(0.50), "p50-ns")
	b.ReportMetric(pct(0.99), "p99-ns")
}

// BenchmarkNormalize2KB normalises the 2 KB reply of the check benchmarks:
// the part of every check (matcher or index) that reads the text.
func BenchmarkNormalize2KB(b *testing.B) {
	reply := reply2KB()
	var t text
	b.SetBytes(int64(len(reply)))
	b.ReportAllocs()
	for b.Loop() {
		t.normalize(reply)
	}
	if len(t.toks) == 0 {
		b.Fatal("no tokens")
	}
}

// BenchmarkPhraserScan scans the token view of the 2 KB reply with the
// shared phrase automaton (confirmation's first step), counting the
// phrases found.
func BenchmarkPhraserScan(b *testing.B) {
	var t text
	t.normalize(reply2KB())
	view := t.tokenView()
	n := 0
	b.SetBytes(int64(len(view)))
	b.ReportAllocs()
	for b.Loop() {
		phraser.ac.scan(view, func(int32, int) bool { n++; return true })
	}
	if n == 0 {
		b.Fatal("no phrase found")
	}
}
