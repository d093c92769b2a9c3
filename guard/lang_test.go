package guard

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
)

// elodie is the customer of the language corpus: values in seven
// countries' forms.
func elodie() *proofdesk.Customer {
	return &proofdesk.Customer{
		ID:   "cus_elodie",
		Name: "Élodie Martin",
		ContactPoints: []*proofdesk.ContactPoint{
			{ID: "e1", Kind: proofdesk.ContactEmail, Value: "elodie.martin@exemple.fr"},
			{ID: "p1", Kind: proofdesk.ContactPhone, Value: "+33647218390"},
			{ID: "p2", Kind: proofdesk.ContactPhone, Value: "+4915123457716"},
		},
		Addresses: []proofdesk.Address{
			{Line1: "12 Rue de la Paix", City: "Paris", PostalCode: "75002", Country: "FR"},
			{Line1: "Hauptstraße 5", City: "Berlin", PostalCode: "10115", Country: "DE"},
			{Line1: "Calle de Alcalá 45", City: "Madrid", PostalCode: "28014", Country: "ES"},
			{Line1: "Via Roma 8", City: "Torino", PostalCode: "10121", Country: "IT"},
			{Line1: "Kalverstraat 92", City: "Amsterdam", PostalCode: "1012 PH", Country: "NL"},
			{Line1: "Rua Augusta 100", City: "Lisboa", PostalCode: "1100-053", Country: "PT"},
			{Line1: "2218 NE Alberta St #4B", City: "Portland", Region: "OR", PostalCode: "97211", Country: "US"},
		},
		DateOfBirth: "1979-11-03",
		Payment:     &proofdesk.Payment{Brand: "Mastercard", Last4: "7158"},
	}
}

// corpusNow is the clock of the corpus and held-out matchers: an age in
// a reply ("she turns 46 this year") is read against it, so the sets
// keep their verdicts as the years pass.
func corpusNow() time.Time { return time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC) }

type langCase struct {
	file, lang, kind string
	line             int
	level            proofdesk.Level
	offered          []string
	said             []string // what the requester wrote ("= " lines)
	leak             bool
	class, rule      string
	reply            string
}

// classAliases maps the short class names the blind writers of sets 23-25
// were told to use ("dob", "card") to the policy's classes
// (proofdesk.ClassDateOfBirth, proofdesk.ClassPayment): an offer the
// matcher does not know fails closed without reaching the class's own
// readings, so the sets would be scored on the wrong offer.
var classAliases = map[string]string{"dob": proofdesk.ClassDateOfBirth, "card": proofdesk.ClassPayment}

// loadLang reads a language corpus file: "@ key=value ..." lines set the
// section (lang, kind, level, offered, class, rule), "+ reply" is a leak
// the guard must block with that rule and class, "- reply" an innocent
// reply it must pass, "= text" a message the requester wrote (said: the
// "= " lines before a reply hold for the replies after them, up to the
// next "= " lines or section; a reply's opening quote is the requester's
// words only when found in one, quote45.go), "#" a comment.
func loadLang(tb testing.TB, file string) []langCase {
	tb.Helper()
	f, err := os.Open(file)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []langCase
	var cur langCase
	saying := false // the line before was a "= " line
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "= "):
			if !saying {
				cur.said = nil
			}
			cur.said, saying = append(cur.said, line[2:]), true
		case strings.HasPrefix(line, "@ "):
			saying = false
			cur = langCase{file: file, level: proofdesk.L0}
			for _, kv := range strings.Fields(line[2:]) {
				k, v, ok := strings.Cut(kv, "=")
				if !ok {
					tb.Fatalf("%s:%d: bad section key %q", file, n, kv)
				}
				switch k {
				case "lang":
					cur.lang = v
				case "kind":
					cur.kind = v
				case "level":
					if cur.level, err = proofdesk.ParseLevel(v); err != nil {
						tb.Fatalf("%s:%d: %v", file, n, err)
					}
				case "offered":
					if v != "" {
						cur.offered = strings.Split(v, ",")
						for i, c := range cur.offered {
							if alias, ok := classAliases[c]; ok {
								cur.offered[i] = alias
							}
						}
					}
				case "class":
					cur.class = v
				case "rule":
					cur.rule = v
				default:
					tb.Fatalf("%s:%d: unknown key %q", file, n, k)
				}
			}
		case strings.HasPrefix(line, "+ "), strings.HasPrefix(line, "- "):
			c := cur
			c.line, c.leak, c.reply = n, line[0] == '+', line[2:]
			saying = false
			if c.lang == "" || c.kind == "" || c.leak && (c.class == "" || c.rule == "") {
				tb.Fatalf("%s:%d: line outside a complete section", file, n)
			}
			out = append(out, c)
		default:
			tb.Fatalf("%s:%d: unknown line", file, n)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// TestLanguageCorpus runs testdata/lang/*.txt: a section per kind and per
// language, at least 10 leaks each and at least as many innocent replies
// as leaks per language; every case must come out as written. It prints
// precision and recall per language.
func TestLanguageCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/lang/*.txt")
	if len(files) == 0 {
		t.Fatal("no language corpus")
	}
	m := NewMatcher(elodie(), nil, Options{Public: []string{"Proofdesk, 1 Avenue de l'Opéra, 75001 Paris"}, Now: corpusNow})
	type stat struct{ tp, fp, fn, tn, wrong int }
	stats := map[string]*stat{}
	leaks := map[string]int{}
	innocent := map[string]int{}
	for _, file := range files {
		for _, c := range loadLang(t, file) {
			st := stats[c.lang]
			if st == nil {
				st = &stat{}
				stats[c.lang] = st
			}
			v := m.CheckSaid(c.reply, c.said, c.level, c.offered)
			switch {
			case c.leak && v.Blocked:
				st.tp++
				leaks[c.lang+"/"+c.kind]++
				if v.Rule != c.rule || v.Class != c.class {
					st.wrong++
					t.Errorf("%s:%d %q: %s %s, want %s %s", c.file, c.line, c.reply, v.Rule, v.Class, c.rule, c.class)
				}
			case c.leak:
				st.fn++
				leaks[c.lang+"/"+c.kind]++
				t.Errorf("%s:%d %q (%s/%s): passed, want %s %s", c.file, c.line, c.reply, c.lang, c.kind, c.rule, c.class)
			case v.Blocked:
				st.fp++
				innocent[c.lang]++
				t.Errorf("%s:%d %q (%s/%s): blocked %s %s %s, want pass", c.file, c.line, c.reply, c.lang, c.kind, v.Rule, v.Class, v.Part)
			default:
				st.tn++
				innocent[c.lang]++
			}
		}
	}
	perLang := map[string]int{}
	var keys []string
	for k, n := range leaks {
		keys = append(keys, k)
		lang, _, _ := strings.Cut(k, "/")
		perLang[lang] += n
		if n < 10 {
			t.Errorf("section %s has %d leaks, want at least 10", k, n)
		}
	}
	sort.Strings(keys)
	for lang, n := range perLang {
		if innocent[lang] < n {
			t.Errorf("language %s has %d innocent replies for %d leaks, want at least as many", lang, innocent[lang], n)
		}
	}
	var langs []string
	for l := range stats {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var all stat
	for _, l := range langs {
		s := stats[l]
		all.tp, all.fp, all.fn, all.tn, all.wrong = all.tp+s.tp, all.fp+s.fp, all.fn+s.fn, all.tn+s.tn, all.wrong+s.wrong
		fmt.Printf("guard language corpus %s: leaks %d blocked %d, innocent %d stopped %d, precision=%.3f recall=%.3f\n",
			l, s.tp+s.fn, s.tp, s.tn+s.fp, s.fp, float64(s.tp)/float64(max(s.tp+s.fp, 1)), float64(s.tp)/float64(max(s.tp+s.fn, 1)))
	}
	fmt.Printf("guard language corpus: %d sections, leaks %d blocked %d, innocent %d stopped %d, precision=%.3f recall=%.3f\n",
		len(keys), all.tp+all.fn, all.tp, all.tn+all.fp, all.fp, float64(all.tp)/float64(max(all.tp+all.fp, 1)), float64(all.tp)/float64(max(all.tp+all.fn, 1)))
}
