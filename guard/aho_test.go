package guard

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestAutomatonScan compares every scan with a brute-force search for
// every occurrence of every pattern, for small and large sparse automata
// (failure links walked edge by edge, the shallowest nodes with full
// rows; past 32768 nodes with none) and dense ones (past 32768 nodes
// too).
func TestAutomatonScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const syms = "abc 01|~"
	randStr := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = syms[rng.IntN(len(syms))]
		}
		return string(b)
	}
	for _, npat := range []int{5, 40, 3000, 20000} {
		var pats []string
		for range npat {
			pats = append(pats, randStr(1+rng.IntN(9)))
		}
		pats = append(pats, "abc!") // outside the alphabet: never matches
		if npat == 40 {
			// every pattern starting with a space: the dense scan skips
			// words at the root
			for i := range pats {
				pats[i] = " " + pats[i]
			}
		}
		for _, a := range []*automaton{buildAutomaton(pats), buildDense(pats)} {
			if a.spaceStart != (npat == 40) {
				t.Fatalf("%d patterns: spaceStart %v", npat, a.spaceStart)
			}
			if npat == 20000 && (len(a.nodes) < denseOut || a.rows != nil) {
				t.Fatalf("%d patterns: %d nodes, rows %v: want an automaton past the rows' limit", npat, len(a.nodes), a.rows != nil)
			}
			if npat == 3000 && !a.isDense() && len(a.rows)/alphabet >= len(a.nodes) {
				t.Fatalf("%d patterns: every node has a row, the sparse path goes untested", npat)
			}
			for range 20 {
				text := randStr(400)
				if rng.IntN(2) == 0 {
					text = strings.ReplaceAll(text, "~", "!")
				}
				type occ struct{ id, start int }
				var got, want []occ
				a.scan([]byte(text), func(id int32, start int) bool {
					got = append(got, occ{int(id), start})
					return true
				})
				for id, p := range pats {
					if strings.ContainsFunc(p, func(r rune) bool { return !strings.ContainsRune(syms, r) }) {
						continue
					}
					for i := 0; i+len(p) <= len(text); i++ {
						if text[i:i+len(p)] == p {
							want = append(want, occ{id, i})
						}
					}
				}
				cmp := func(x, y occ) int {
					if x.start != y.start {
						return x.start - y.start
					}
					return x.id - y.id
				}
				slices.SortFunc(got, cmp)
				slices.SortFunc(want, cmp)
				if !slices.Equal(got, want) {
					t.Fatalf("%d patterns (dense %v): scan found %d occurrences, brute force %d", npat, a.isDense(), len(got), len(want))
				}
			}
		}
	}
}

// TestPhraserDense checks that the shared phrase automaton keeps its
// dense table (one lookup a byte) whatever its size: past 32,768 nodes
// it had lost it unnoticed, and every byte of a scan walked sparse edges
// and failure links. Past 65,536 nodes the table has 32-bit entries,
// and finds what the sparse automaton finds.
func TestPhraserDense(t *testing.T) {
	a := phraser.ac
	if !a.isDense() || len(a.dense16)+len(a.dense32) != len(a.nodes)*alphabet {
		t.Fatalf("phrase automaton of %d nodes: dense tables of %d and %d entries", len(a.nodes), len(a.dense16), len(a.dense32))
	}
	var pats []string
	for i := range 40000 {
		pats = append(pats, string([]byte{'a' + byte(i%26), 'a' + byte(i/26%26), 'a' + byte(i/676%26)})+"xyz")
	}
	big, sparse := buildDense(pats), buildAutomaton(pats)
	if len(big.nodes) <= 1<<16 || big.dense32 == nil {
		t.Fatalf("%d nodes: 32-bit dense table %v, want one past 65,536 nodes", len(big.nodes), big.dense32 != nil)
	}
	text := []byte("abcxyz zzz qrsxyz abxyz mnoxyzxyz " + strings.Repeat("k", 50) + "lmnxyz")
	var got, want []int
	big.scan(text, func(id int32, start int) bool { got = append(got, int(id), start); return true })
	sparse.scan(text, func(id int32, start int) bool { want = append(want, int(id), start); return true })
	if len(want) < 8 || !slices.Equal(got, want) {
		t.Fatalf("dense scan found %v, sparse %v", got, want)
	}
}
