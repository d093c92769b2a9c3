package guard

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
)

// TestPhoneSplit_LongDigitRun: a digit run longer than any phone that
// opens like one of the customer's phones (a tel: link's digits glued to
// the link text, an IBAN, a tracking number) is read without a panic, and
// the phone beside it is still blocked as itself. It panicked with an
// index out of range before (phoneSplitAt read reach[len(piece)]).
func TestPhoneSplit_LongDigitRun(t *testing.T) {
	m := NewMatcher(elodie(), nil, Options{})
	for _, reply := range []string{
		`<a href="tel:+4915123457716">+49 151 23457716</a> is the number we text.`,
		`<a href="tel:+33647218390">06 47 21 83 90</a>, that's where the SMS goes.`,
		`Call <a href='tel:004915123457716'>0151 23457716</a> for the driver.`,
		`[+33 6 47 21 83 90](tel:+33647218390) est le numéro du livreur.`,
	} {
		v := m.Check(reply, proofdesk.L0, nil)
		if !v.Blocked || v.Rule != RuleProtectedValue || v.Class != proofdesk.ClassPhone {
			t.Errorf("%q: %+v, want blocked as the phone", reply, v)
		}
	}
	before := GuardErrors()
	for _, head := range []string{"491", "0151", "336", "0647", "151"} {
		for n := 1; n <= 40; n++ {
			run := head + strings.Repeat("7", n)
			for _, reply := range []string{run, "tel:" + run + ">" + run, "IBAN DE" + run + " please", run + " 06 47 21"} {
				if v := m.Check(reply, proofdesk.L0, nil); v.Rule == RuleGuardError {
					t.Fatalf("%q: guard error", reply)
				}
			}
		}
	}
	if n := GuardErrors() - before; n != 0 {
		t.Fatalf("%d guard errors", n)
	}
}

// TestFailClosed: a panic inside a check becomes a blocking verdict at
// L2 with RuleGuardError, counted, and not a crash.
func TestFailClosed(t *testing.T) {
	before := GuardErrors()
	v := func() (v Verdict) {
		defer failClosed(&v)
		panic(fmt.Errorf("boom"))
	}()
	if !v.Blocked || v.Rule != RuleGuardError || v.RequiredLevel != proofdesk.L2 {
		t.Fatalf("verdict %+v", v)
	}
	if GuardErrors() != before+1 {
		t.Fatalf("guard errors %d, want %d", GuardErrors(), before+1)
	}
	if v.Err() == nil {
		t.Fatal("no error for a guard error")
	}
	// a check that does not panic leaves the verdict alone
	w := func() (v Verdict) {
		defer failClosed(&v)
		return Verdict{Blocked: true, Rule: RuleDenial, Class: "phone", RequiredLevel: proofdesk.L1}
	}()
	if w.Rule != RuleDenial {
		t.Fatalf("verdict changed: %+v", w)
	}
}

// TestProbeFailClosed: a panic while reading a requester's message reads
// as a hit on every protected class, sorted, counted: the message is
// stored and flagged, and confirmations are blocked, instead of the
// write (and the customer's words) failing.
func TestProbeFailClosed(t *testing.T) {
	before := GuardErrors()
	hit, classes := func() (hit bool, classes []string) {
		defer probeFailClosed(&hit, &classes)
		panic("boom")
	}()
	if !hit || !sort.StringsAreSorted(classes) || len(classes) != 5 {
		t.Fatalf("hit %v, classes %v", hit, classes)
	}
	offers := func() (classes []string) {
		defer probeFailClosed(nil, &classes)
		var s []string
		_ = s[3] // an index out of range, as a bug would
		return nil
	}()
	if len(offers) != 5 || GuardErrors() != before+2 {
		t.Fatalf("offers %v, guard errors %d (want %d)", offers, GuardErrors(), before+2)
	}
	// no panic: the answer is the function's own
	if hit, classes := NewMatcher(elodie(), nil, Options{}).Probe("Hello, my parcel is late."); hit || len(classes) != 0 {
		t.Fatalf("probe of a plain message: %v %v", hit, classes)
	}
	if got := Offers("Hello, my parcel is late."); len(got) != 0 {
		t.Fatalf("offers of a plain message: %v", got)
	}
}

// TestNewMatcherFailsClosed: a customer the matcher cannot be built from
// (here a nil contact point, which panics while building) gives a matcher
// on which every check blocks with RuleGuardError and every Probe finds
// every class, each counted, instead of a crash or a matcher that passes
// everything.
func TestNewMatcherFailsClosed(t *testing.T) {
	c := elodie()
	c.ContactPoints = append(c.ContactPoints, nil)
	before := GuardErrors()
	m := NewMatcher(c, nil, Options{})
	if GuardErrors() != before+1 {
		t.Fatalf("guard errors %d, want %d", GuardErrors(), before+1)
	}
	for _, v := range []Verdict{
		m.Check("Thanks, your parcel left the warehouse today.", proofdesk.L2, nil),
		CheckAll("Thanks, your parcel left the warehouse today.", nil, Target{Matcher: m, Level: proofdesk.L2}),
		CheckRecent("It left today.", []string{"Thanks for waiting."}, nil, Target{Matcher: m, Level: proofdesk.L2}),
	} {
		if !v.Blocked || v.Rule != RuleGuardError {
			t.Errorf("verdict on a broken matcher %+v, want blocked by %s", v, RuleGuardError)
		}
	}
	hit, classes := m.Probe("hello, where is my order?")
	if !hit || len(classes) != 5 {
		t.Errorf("Probe on a broken matcher: %v %v, want every class", hit, classes)
	}
	if m.String() != "guard.Matcher{…}" {
		t.Errorf("String %q", m.String())
	}
	// the same customer without the nil contact point builds and passes
	c.ContactPoints = c.ContactPoints[:len(c.ContactPoints)-1]
	if v := NewMatcher(c, nil, Options{}).Check("Thanks, your parcel left the warehouse today.", proofdesk.L0, nil); v.Blocked {
		t.Fatalf("innocent reply blocked: %+v", v)
	}
}

// TestAttachmentTextFailsClosed: a panic while reading an attachment
// reads as unreadable with no text (the reply is then held to
// UnreadableVerdict), counted; a read that does not panic is left alone.
func TestAttachmentTextFailsClosed(t *testing.T) {
	before := GuardErrors()
	text, ok := func() (text string, ok bool) {
		defer attachmentFailClosed(&text, &ok)
		text, ok = "half read", true
		panic(fmt.Errorf("boom"))
	}()
	if ok || text != "" {
		t.Fatalf("got %q %v, want unreadable and no text", text, ok)
	}
	if GuardErrors() != before+1 {
		t.Fatalf("guard errors %d, want %d", GuardErrors(), before+1)
	}
	text, ok = func() (text string, ok bool) {
		defer attachmentFailClosed(&text, &ok)
		return "read", true
	}()
	if !ok || text != "read" {
		t.Fatalf("got %q %v, want the read left alone", text, ok)
	}
}
