package guard

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/proofdesk/proofdesk"
)

// testPublic is the company's own address, as the corpus uses it.
var testPublic = []string{"500 Market Street, San Francisco, CA 94105", "500 Market Street"}

// testCustomer returns Jane Doe, the customer of the corpus.
func testCustomer() *proofdesk.Customer {
	return &proofdesk.Customer{
		ID:   "cus_jane",
		Name: "Jane Doe",
		ContactPoints: []*proofdesk.ContactPoint{
			{ID: "cp1", Kind: proofdesk.ContactEmail, Value: "jane.doe@example.com"},
			{ID: "cp2", Kind: proofdesk.ContactEmail, Value: "jd1985@mailbox.org"},
			{ID: "cp3", Kind: proofdesk.ContactPhone, Value: "+14155550123"},
			{ID: "cp4", Kind: proofdesk.ContactPhone, Value: "+447700900123"},
		},
		Addresses: []proofdesk.Address{
			{Line1: "221B Baker Street", Line2: "Apt 4B", City: "London", PostalCode: "NW1 6XE", Country: "GB"},
			{Line1: "1600 Pennsylvania Avenue NW", City: "Washington", Region: "DC", PostalCode: "20500-0003", Country: "US"},
			{Line1: "Hauptstraße 5", City: "Zürich", PostalCode: "8001", Country: "CH"},
			{Line1: "12 Market Street", City: "San Francisco", Region: "CA", PostalCode: "94105", Country: "US"},
		},
		DateOfBirth: "1985-03-14",
		Payment:     &proofdesk.Payment{Brand: "Visa", Last4: "4242"},
		Attributes: map[string]string{
			"order_number": "A-10023", "account_number": "ACC-778899", "loyalty": "gold", "tier": "vip",
		},
		UpdatedAt: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC),
	}
}

func testPolicy() *proofdesk.Policy {
	p := proofdesk.DefaultPolicy()
	p.Attributes = map[string]proofdesk.Level{"account_number": proofdesk.L2, "loyalty": proofdesk.L0}
	return p
}

func testMatcher(tb testing.TB) *Matcher {
	tb.Helper()
	return NewMatcher(testCustomer(), testPolicy(), Options{Public: testPublic})
}

type corpusCase struct {
	Kind    string   `json:"kind"`
	Reply   string   `json:"reply"`
	Level   string   `json:"level"`
	Offered []string `json:"offered"`
	Blocked bool     `json:"blocked"`
	Rule    string   `json:"rule"`
	Class   string   `json:"class"`
}

func loadCorpus(tb testing.TB) []corpusCase {
	tb.Helper()
	f, err := os.Open("testdata/corpus.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []corpusCase
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c corpusCase
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			tb.Fatalf("corpus line %d: %v", len(out)+1, err)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// TestCorpus runs the committed corpus, prints precision and recall, and
// requires every case to come out as written (blocked or not, rule, class).
func TestCorpus(t *testing.T) {
	m := testMatcher(t)
	cases := loadCorpus(t)
	if len(cases) < 150 {
		t.Fatalf("corpus has %d cases, want at least 150", len(cases))
	}
	var tp, fp, fn, tn, wrong int
	kinds := map[string]int{}
	for i, c := range cases {
		kinds[c.Kind]++
		lvl, err := proofdesk.ParseLevel(c.Level)
		if err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		v := m.Check(c.Reply, lvl, c.Offered)
		switch {
		case v.Blocked && c.Blocked:
			tp++
			if v.Rule != c.Rule || v.Class != c.Class {
				wrong++
				t.Errorf("line %d %q: rule=%s class=%s, want rule=%s class=%s", i+1, c.Reply, v.Rule, v.Class, c.Rule, c.Class)
			}
		case v.Blocked:
			fp++
			t.Errorf("line %d %q (%s, %s, offered %v): blocked (%s %s %s), want pass", i+1, c.Reply, c.Kind, c.Level, c.Offered, v.Rule, v.Class, v.Part)
		case c.Blocked:
			fn++
			t.Errorf("line %d %q (%s, %s, offered %v): passed, want %s %s", i+1, c.Reply, c.Kind, c.Level, c.Offered, c.Rule, c.Class)
		default:
			tn++
		}
	}
	precision := float64(tp) / float64(max(tp+fp, 1))
	recall := float64(tp) / float64(max(tp+fn, 1))
	t.Logf("corpus: %d cases %v", len(cases), kinds)
	fmt.Printf("guard corpus: %d cases, tp=%d fp=%d fn=%d tn=%d, precision=%.3f recall=%.3f, wrong rule/class=%d\n",
		len(cases), tp, fp, fn, tn, precision, recall, wrong)
	if precision != 1 || recall != 1 || wrong != 0 {
		t.Fatalf("precision=%.3f recall=%.3f wrong=%d, want 1, 1, 0", precision, recall, wrong)
	}
}

// TestVerdictNeverEchoes checks that no verdict, error or matcher form
// contains a protected value, for every blocking case of the corpus.
func TestVerdictNeverEchoes(t *testing.T) {
	m := testMatcher(t)
	c := testCustomer()
	secrets := []string{"221b", "baker", "nw1", "6xe", "20500", "pennsylvania", "hauptstr", "8001", "market",
		"94105", "jane.doe", "example", "jd1985", "4155550123", "0123", "7700", "1985", "4242", "visa",
		"10023", "778899", "gold"}
	for _, cs := range loadCorpus(t) {
		lvl, _ := proofdesk.ParseLevel(cs.Level)
		v := m.Check(cs.Reply, lvl, cs.Offered)
		b, err := json.Marshal(struct {
			V   Verdict
			Err error
			E   string
		}{v, v.Err(), fmt.Sprint(v.Err())})
		if err != nil {
			t.Fatal(err)
		}
		got := strings.ToLower(string(b) + fmt.Sprintf("%v %+v %#v", v, v, m))
		for _, s := range secrets {
			if strings.Contains(got, strings.ToLower(s)) {
				t.Errorf("verdict for %q contains %q: %s", cs.Reply, s, got)
			}
		}
		_, classes := m.Probe(cs.Reply)
		for _, cl := range classes {
			if strings.Contains(strings.ToLower(cl), "10023") || strings.Contains(cl, c.Name) {
				t.Errorf("probe class %q echoes a value", cl)
			}
		}
	}
}

func TestVerdictErr(t *testing.T) {
	m := testMatcher(t)
	if err := m.Check("Your order has shipped.", proofdesk.L0, nil).Err(); err != nil {
		t.Fatalf("Err()=%v, want nil", err)
	}
	err := m.Check("We ship to 221B Baker Street.", proofdesk.L0, nil).Err()
	if got := proofdesk.ErrorCode(err); got != proofdesk.EDISCLOSURE {
		t.Fatalf("code=%q, want %q", got, proofdesk.EDISCLOSURE)
	}
	e := err.(*proofdesk.Error)
	want := map[string]any{"rule": RuleProtectedValue, "class": proofdesk.ClassAddress, "required_level": "L1"}
	if diff := cmp.Diff(want, e.Details); diff != "" {
		t.Fatalf("details (-want +got):\n%s", diff)
	}
}

func TestStrictestAndCheckAll(t *testing.T) {
	jane := testMatcher(t)
	other := NewMatcher(&proofdesk.Customer{
		ID: "cus_bob", Name: "Bob Roe",
		Addresses: []proofdesk.Address{{Line1: "9 Elm Road", City: "Leeds", PostalCode: "LS1 4AP", Country: "GB"}},
		Payment:   &proofdesk.Payment{Brand: "Amex", Last4: "1005"},
	}, nil, Options{})
	tests := []struct {
		name  string
		reply string
		want  Verdict
	}{
		{"none", "Your order has shipped.", Verdict{}},
		{"linked customer allowed at L1", "We ship to 221B Baker Street.", Verdict{}},
		{"other customer at L0", "We ship to 9 Elm Road.", Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassAddress, Part: PartStreet, RequiredLevel: proofdesk.L1}},
		{"strictest wins", "9 Elm Road, card ending 4242", Verdict{Blocked: true, Rule: RuleProtectedValue, Class: proofdesk.ClassPayment, Part: PartLast4, RequiredLevel: proofdesk.L2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CheckAll(tt.reply, nil, Target{jane, proofdesk.L1}, Target{other, proofdesk.L0}, Target{})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("CheckAll (-want +got):\n%s", diff)
			}
			a := jane.Check(tt.reply, proofdesk.L1, nil)
			b := other.Check(tt.reply, proofdesk.L0, nil)
			if diff := cmp.Diff(tt.want, Strictest(a, b)); diff != "" {
				t.Fatalf("Strictest (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNameOnlyWhenPolicyRaisesIt(t *testing.T) {
	c := testCustomer()
	if v := NewMatcher(c, nil, Options{}).Check("Hello Jane Doe", proofdesk.L0, nil); v.Blocked {
		t.Fatalf("default policy: name blocked: %+v", v)
	}
	p := proofdesk.DefaultPolicy()
	p.Classes[proofdesk.ClassName] = proofdesk.L1
	v := NewMatcher(c, p, Options{}).Check("Hello JANE  doe", proofdesk.L0, nil)
	if !v.Blocked || v.Class != proofdesk.ClassName || v.RequiredLevel != proofdesk.L1 {
		t.Fatalf("raised policy: %+v, want name blocked at L1", v)
	}
}

func TestPolicyRaisesAddress(t *testing.T) {
	p := proofdesk.DefaultPolicy()
	p.Classes[proofdesk.ClassAddress] = proofdesk.L2
	m := NewMatcher(testCustomer(), p, Options{})
	v := m.Check("221B Baker Street", proofdesk.L1, nil)
	if !v.Blocked || v.RequiredLevel != proofdesk.L2 {
		t.Fatalf("got %+v, want blocked at L2", v)
	}
	v = m.Check("That's right.", proofdesk.L1, []string{proofdesk.ClassAddress})
	if !v.Blocked || v.Rule != RuleConfirmation || v.RequiredLevel != proofdesk.L2 {
		t.Fatalf("got %+v, want confirmation blocked at L2", v)
	}
}

func TestNilCustomerAndEmpty(t *testing.T) {
	m := NewMatcher(nil, nil, Options{})
	if v := m.Check("221B Baker Street", proofdesk.L0, nil); v.Blocked {
		t.Fatalf("nil customer blocked: %+v", v)
	}
	if v := m.Check("", proofdesk.L0, []string{"address"}); v.Blocked {
		t.Fatalf("empty reply blocked: %+v", v)
	}
	if v := m.Check("Yes.", proofdesk.L0, []string{"no_such_class"}); !v.Blocked || v.RequiredLevel != proofdesk.L2 {
		t.Fatalf("unknown offered class: %+v, want blocked at L2 (fail closed)", v)
	}
}

func TestProbe(t *testing.T) {
	m := testMatcher(t)
	tests := []struct {
		text string
		want []string
	}{
		{"Hi, my name is Jane Doe and I need help", nil},
		{"Where is my parcel? I live at 12 Fake Street, Springfield.", nil},
		{"Is it going to 221B Baker Street?", []string{"address"}},
		{"I moved, it's 17 Baker Street now", []string{"address"}},
		{"my address is 221B Baker Road", []string{"address"}},
		{"postcode NW16XE", []string{"address"}},
		{"I'm at 99 Other Road, Zürich 8001", []string{"address"}},
		{"8001", nil},
		{"my number is 415-555-0124", []string{"phone"}},
		{"my number is 415-555-1032", nil},
		{"call me on 415 555 0132", []string{"phone"}},
		{"my card ends in 4242", []string{"payment"}},
		{"the order 4242 never came", nil},
		{"born 14/03/1985, email jane.doe@example.com", []string{"date_of_birth", "email"}},
		{"order A-10023", []string{"attributes.order_number"}},
		{"Send it to 500 Market Street", nil},
		{"My loyalty is gold", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			hit, got := m.Probe(tt.text)
			if len(tt.want) == 0 {
				if hit {
					t.Fatalf("Probe=%v %v, want no hit", hit, got)
				}
				return
			}
			if !hit {
				t.Fatalf("Probe: no hit, want %v", tt.want)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("classes (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOffers(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Hi, where is my order?", []string{}},
		{"Is my address still 12 Fake Street?", []string{"address"}},
		{"it should go to 4 Privet Drive, Little Whinging", []string{"address"}},
		{"postcode SW1A 1AA", []string{"address"}},
		{"sw1a1aa please", []string{"address"}},
		{"Springfield, IL 62704", []string{"address"}},
		{"my zip is 10001", []string{"address"}},
		{"You can reach me at +1 (415) 555-0199", []string{"phone"}},
		{"my phone ends in 0199", []string{"phone"}},
		{"my email is j.smith@example.net", []string{"email"}},
		{"it's j smith at example dot net", []string{"email"}},
		{"I was born on 14 March 1990", []string{"date_of_birth"}},
		{"DOB 1990-03-14", []string{"date_of_birth"}},
		{"03/14/1990", []string{"date_of_birth"}},
		{"the card ending 1234", []string{"payment"}},
		{"visa 1234", []string{"payment"}},
		{"I have 5 items and 2 questions", []string{}},
		{"I ordered 3 things on the 4th", []string{}},
		{"my card ending 1234 and I live at 5 Elm St", []string{"address", "payment"}},
		// the offer trigger (issue 10): no state, no number, other languages
		{"It's 12 Harbour View, Eugene 97401", []string{"address"}},
		{"is it the Baker Street one?", []string{"address"}},
		{"Ist es noch die Hauptstraße?", []string{"address"}},
		{"C'est bien rue de la Paix ?", []string{"address"}},
		{"Meine PLZ ist 10115", []string{"address"}},
		{"j'habite 75002 Paris", []string{"address"}},
		{"Order 88231 has not arrived", []string{}},
		{"Ich bin am 14. Februar 1990 geboren", []string{"date_of_birth"}},
		{"née le 5 juillet 1983", []string{"date_of_birth"}},
		{"nací el 29 de marzo de 1988", []string{"date_of_birth"}},
		{"meine Karte endet auf 7158", []string{"payment"}},
		{"mi tarjeta terminada en 7158", []string{"payment"}},
		{"mein Handy endet auf 7716", []string{"phone"}},
		{"mi email es elodie arroba exemple punto fr", []string{"email"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Offers(tt.text)); diff != "" {
				t.Fatalf("Offers (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMatcherConcurrent(t *testing.T) {
	m := testMatcher(t)
	done := make(chan bool)
	for range 4 {
		go func() {
			ok := true
			for range 200 {
				ok = ok && m.Check("We ship to 221B Baker Street", proofdesk.L0, nil).Blocked
				ok = ok && !m.Check("Your order has shipped", proofdesk.L0, nil).Blocked
			}
			done <- ok
		}()
	}
	for range 4 {
		if !<-done {
			t.Fatal("concurrent checks disagreed")
		}
	}
}

// TestCheckRecent: a value split across the agent's consecutive replies is
// blocked on the reply that completes it, on a newline or a space; a value
// wholly inside an earlier reply does not block a later innocent one.
func TestCheckRecent(t *testing.T) {
	m := NewMatcher(elodie(), nil, Options{})
	tg := Target{Matcher: m, Level: proofdesk.L0}
	tests := []struct {
		recent []string
		reply  string
		class  string
	}{
		{[]string{"It starts 06 47"}, "then 21 83 90", proofdesk.ClassPhone},
		{[]string{"Your number:", "06 47 21"}, "83 90", proofdesk.ClassPhone},
		{[]string{"The email is elodie.martin"}, "@exemple.fr", proofdesk.ClassEmail},
		{[]string{"We ship to 12 rue de"}, "la Paix", proofdesk.ClassAddress},
		{[]string{"Card ending 71"}, "58", proofdesk.ClassPayment},
		{[]string{"Born on 3 November"}, "1979", proofdesk.ClassDateOfBirth},
		{[]string{"06 47 21 83 90 is ours"}, "Anything else?", ""},
		{[]string{"Order 0647 shipped."}, "Thanks for waiting.", ""},
	}
	for _, tt := range tests {
		v := CheckRecent(tt.reply, tt.recent, nil, tg)
		if v.Class != tt.class || v.Blocked != (tt.class != "") {
			t.Errorf("CheckRecent(%q after %q) = %+v, want class %q", tt.reply, tt.recent, v, tt.class)
		}
	}
	// a newline between the groups of one number
	if v := m.Check("Your number: 06 47 21\n83 90", proofdesk.L0, nil); !v.Blocked || v.Class != proofdesk.ClassPhone {
		t.Errorf("newline inside a number: %+v", v)
	}
}

// TestCheckRecentFragments: a phone number given across the agent's
// consecutive replies in small pieces with words between them, in seven
// languages, is blocked; digit groups that spell no number on file, or a
// number wholly in one recent reply, are not.
func TestCheckRecentFragments(t *testing.T) {
	m := NewMatcher(elodie(), nil, Options{})
	tg := Target{Matcher: m, Level: proofdesk.L0}
	leaks := []struct {
		recent []string
		reply  string
	}{
		{[]string{"The first part is 06 47", "the middle is 21 83"}, "and it ends with 90"},
		{[]string{"First part: 0647"}, "Second part: 218390"},
		{[]string{"Part one: 06 47"}, "Part two: 21 83 90"},
		{[]string{"Die ersten Ziffern sind 06 47 21"}, "der Rest ist 83 90"},
		{[]string{"Les premiers chiffres : 06 47"}, "puis 21, ensuite 83 et enfin 90"},
		{[]string{"Empieza por 0647"}, "y termina en 218390"},
		{[]string{"Inizia con 0151", "poi 2345"}, "e finisce con 7716"},
		{[]string{"Eerste deel 0647"}, "tweede deel 218390"},
		{[]string{"Começa por 06 47 21"}, "e termina em 83 90"},
		{[]string{"Country code 33, then 647"}, "and the rest is 218390"},
		{[]string{"Ok so: 06", "47", "then twenty-one"}, "eighty-three ninety"},
	}
	for _, l := range leaks {
		if v := CheckRecent(l.reply, l.recent, nil, tg); !v.Blocked || v.Class != proofdesk.ClassPhone {
			t.Errorf("CheckRecent(%q after %q) = %+v, want blocked phone", l.reply, l.recent, v)
		}
	}
	innocent := []struct {
		recent []string
		reply  string
	}{
		{[]string{"Order 0647 is packed", "the second box is 21"}, "it weighs 12 kg"},
		{[]string{"Your parcel 06 47 left", "tracking 21 83"}, "price 99"},
		{[]string{"Call us on 0800 123 456"}, "we open at 09 00"},
		{[]string{"06 47 21 83 90 is ours"}, "Anything else?"},
		{[]string{"Refund of 64 euros", "for 72 items"}, "on 18 March"},
	}
	for _, l := range innocent {
		if v := CheckRecent(l.reply, l.recent, nil, tg); v.Blocked {
			t.Errorf("CheckRecent(%q after %q) = %+v, want pass", l.reply, l.recent, v)
		}
	}
	// At the level the class needs, nothing is blocked.
	if v := CheckRecent("Second part: 218390", []string{"First part: 0647"}, nil, Target{m, proofdesk.L2}); v.Blocked {
		t.Errorf("at L2: %+v", v)
	}
}

// TestCheckRecentSplitEmailAndDate: an email's local part and domain, or a
// date of birth's day, month and year, given in different replies with
// words between them, are blocked; the same words with no value, or a
// value wholly in a recent reply, are not.
func TestCheckRecentSplitEmailAndDate(t *testing.T) {
	m := NewMatcher(elodie(), nil, Options{})
	tg := Target{Matcher: m, Level: proofdesk.L0}
	leaks := []struct {
		recent []string
		reply  string
		class  string
	}{
		{[]string{"The first part of the email is elodie.martin"}, "and the domain is exemple.fr", proofdesk.ClassEmail},
		{[]string{"Username: elodie dot martin"}, "provider: exemple dot fr", proofdesk.ClassEmail},
		{[]string{"Der Name vor dem Zeichen: elodie.martin"}, "Die Domain: exemple.fr", proofdesk.ClassEmail},
		{[]string{"Le domaine est exemple.fr"}, "et l'identifiant elodie.martin", proofdesk.ClassEmail},
		{[]string{"Dominio exemple.fr"}, "usuario ELODIE.MARTIN", proofdesk.ClassEmail},
		{[]string{"day 3", "month November"}, "the year was 1979", proofdesk.ClassDateOfBirth},
		{[]string{"Tag: 03."}, "Monat November, Jahr 1979", proofdesk.ClassDateOfBirth},
		{[]string{"né en 1979"}, "un 3, en novembre", proofdesk.ClassDateOfBirth},
		{[]string{"año 1979", "mes noviembre"}, "día 3", proofdesk.ClassDateOfBirth},
		{[]string{"giorno 3", "anno 1979"}, "mese novembre", proofdesk.ClassDateOfBirth},
	}
	for _, l := range leaks {
		if v := CheckRecent(l.reply, l.recent, nil, tg); !v.Blocked || v.Class != l.class {
			t.Errorf("CheckRecent(%q after %q) = %+v, want blocked %s", l.reply, l.recent, v, l.class)
		}
	}
	innocent := []struct {
		recent []string
		reply  string
	}{
		{[]string{"Our domain is exemple.fr"}, "write to support there"},
		{[]string{"We open on 3 November"}, "the shop was founded in 1990"},
		{[]string{"Order 4 shipped in November"}, "the 1979 edition is sold out"},
		{[]string{"Born 3 November 1979, as you said"}, "anything else?"},
		{[]string{"The martin bird book", "elodie is a nice name"}, "thanks"},
	}
	for _, l := range innocent {
		if v := CheckRecent(l.reply, l.recent, nil, tg); v.Blocked {
			t.Errorf("CheckRecent(%q after %q) = %+v, want pass", l.reply, l.recent, v)
		}
	}
}
