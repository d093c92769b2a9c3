package guard

// automaton is an Aho-Corasick automaton over the small alphabet of
// normalised text (a-z, 0-9, ' ', '|', '~'). The root has a dense
// transition table; other nodes keep their few edges in a flat array and
// fall back along failure links, which keeps a customer's automaton small
// (a few hundred KB at most) while a 2 KB scan stays in the microseconds.
type automaton struct {
	root  [alphabet]int32
	nodes []acNode
	edges []acEdge
	// outs holds, for each node, the patterns that end there, including
	// those reached through failure links.
	outs []int32
	// lens holds each pattern's length in bytes.
	lens []int32
	// wide holds the full child tables (-1: no child) of the nodes with
	// many children.
	wide [][alphabet]int32
	// dense16, when set, is the full transition table (node*alphabet+sym),
	// failure links folded in: one lookup per byte, hasOut telling where
	// a pattern ends. Built for the shared phrase automaton, whose size
	// does not grow with customers; 16-bit node numbers up to 65,536
	// nodes (the table stays half the size, and more of it in cache),
	// dense32 past that.
	dense16 []uint16
	dense32 []uint32
	// hasOut has bit n set when node n has outputs.
	hasOut []uint64
	// outFrom, in a dense automaton, is the first node with outputs:
	// every node from it on has some, none before it.
	outFrom int32
	// rootStay marks the bytes on which the root stays the root (no
	// pattern starts with them): the sparse scan runs over them.
	rootStay [256]bool
	// spaceStart is set when every pattern starts with ' ': at the root,
	// a scan skips to the next space (no pattern starts inside a word).
	spaceStart bool
	// rows holds, when dense is nil, the full transition rows (failure
	// links folded in, denseOut marking targets with outputs) of nodes 0
	// to len(rows)/alphabet-1: nodes are numbered in breadth-first order,
	// so these are the shallowest, the states a scan spends most of its
	// time in. At most rowsBytes, so that the matcher cache's thousands of
	// automata stay small.
	rows []uint16
}

// rowsBytes bounds a customer automaton's transition rows: 210 rows of
// 39 uint16 entries, 16 KB.
const rowsBytes = 16 << 10

// denseOut marks, in a transition row entry, a target node with
// outputs.
const denseOut = 1 << 15

type acNode struct {
	edgeStart, edgeEnd int32
	fail               int32
	outStart, outEnd   int32
	// wide is the index in automaton.wide of the node's full child table
	// when it has many children (the space after which every token
	// pattern goes on), or -1.
	wide int32
}

// wideEdges is how many children make a node keep a full child table.
const wideEdges = 6

type acEdge struct {
	sym  uint8
	next int32
}

const alphabet = 39

var symOf = func() (t [256]uint8) {
	for i := range t {
		t[i] = 0xff
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = uint8(c - 'a')
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = uint8(26 + c - '0')
	}
	t[' '] = 36
	t['|'] = 37
	t['~'] = 38
	return t
}()

// buildAutomaton builds the automaton for patterns; pattern i is reported
// as i. Bytes outside the alphabet never match.
func buildAutomaton(patterns []string) *automaton { return build(patterns, false) }

// buildDense is buildAutomaton with a dense transition table (2 bytes
// per node and symbol up to 65,536 nodes, 4 past that).
func buildDense(patterns []string) *automaton { return build(patterns, true) }

func build(patterns []string, dense bool) *automaton {
	type bnode struct {
		next map[uint8]int32
		out  []int32
	}
	trie := []bnode{{next: map[uint8]int32{}}}
	a := &automaton{lens: make([]int32, len(patterns)), spaceStart: true}
	for _, p := range patterns {
		if len(p) == 0 || p[0] != ' ' {
			a.spaceStart = false
		}
	}
	for id, p := range patterns {
		a.lens[id] = int32(len(p))
		n := int32(0)
		ok := true
		for i := 0; i < len(p); i++ {
			s := symOf[p[i]]
			if s == 0xff {
				ok = false
				break
			}
			nx, found := trie[n].next[s]
			if !found {
				nx = int32(len(trie))
				trie = append(trie, bnode{next: map[uint8]int32{}})
				trie[n].next[s] = nx
			}
			n = nx
		}
		if ok && len(p) > 0 {
			trie[n].out = append(trie[n].out, int32(id))
		}
	}
	a.nodes = make([]acNode, len(trie))
	// edges, in symbol order for determinism
	for i := range trie {
		a.nodes[i].edgeStart = int32(len(a.edges))
		for s := uint8(0); s < alphabet; s++ {
			if nx, ok := trie[i].next[s]; ok {
				a.edges = append(a.edges, acEdge{sym: s, next: nx})
			}
		}
		a.nodes[i].edgeEnd = int32(len(a.edges))
		a.nodes[i].wide = -1
		if a.nodes[i].edgeEnd-a.nodes[i].edgeStart >= wideEdges {
			var tab [alphabet]int32
			for s := range tab {
				tab[s] = -1
			}
			for _, e := range a.edges[a.nodes[i].edgeStart:a.nodes[i].edgeEnd] {
				tab[e.sym] = e.next
			}
			a.nodes[i].wide = int32(len(a.wide))
			a.wide = append(a.wide, tab)
		}
	}
	for s := range a.root {
		a.root[s] = 0
	}
	// BFS for failure links and merged outputs.
	order := make([]int32, 0, len(trie))
	for _, e := range a.edges[a.nodes[0].edgeStart:a.nodes[0].edgeEnd] {
		a.root[e.sym] = e.next
		a.nodes[e.next].fail = 0
		order = append(order, e.next)
	}
	outs := make([][]int32, len(trie))
	outs[0] = trie[0].out
	for _, n := range order {
		outs[n] = append(append([]int32(nil), trie[n].out...), outs[0]...)
	}
	for qi := 0; qi < len(order); qi++ {
		n := order[qi]
		for _, e := range a.edges[a.nodes[n].edgeStart:a.nodes[n].edgeEnd] {
			f := a.nodes[n].fail
			for {
				if nx := a.step(f, e.sym); nx >= 0 {
					a.nodes[e.next].fail = nx
					break
				}
				if f == 0 {
					a.nodes[e.next].fail = 0
					break
				}
				f = a.nodes[f].fail
			}
			outs[e.next] = append(append([]int32(nil), trie[e.next].out...), outs[a.nodes[e.next].fail]...)
			order = append(order, e.next)
		}
	}
	// renumber the nodes in BFS order (the root stays 0), so that the
	// shallowest, where a scan spends most of its time, come first; in a
	// dense automaton, the nodes with outputs after all the others, still
	// breadth first among them, so that a scan tells a node with outputs
	// by one comparison (outFrom). (A node's failure target stays before
	// it: a node without outputs fails to one without, whose outputs it
	// would hold.)
	if dense {
		var with []int32
		kept := order[:0:0]
		for _, n := range order {
			if len(outs[n]) > 0 {
				with = append(with, n)
			} else {
				kept = append(kept, n)
			}
		}
		a.outFrom = int32(len(kept) + 1)
		order = append(kept, with...)
	}
	perm := make([]int32, len(a.nodes))
	for k, n := range order {
		perm[n] = int32(k + 1)
	}
	nodes := make([]acNode, len(a.nodes))
	newOuts := make([][]int32, len(a.nodes))
	for old := range a.nodes {
		nd := a.nodes[old]
		nd.fail = perm[nd.fail]
		nodes[perm[old]] = nd
		newOuts[perm[old]] = outs[old]
	}
	a.nodes, outs = nodes, newOuts
	for i := range a.edges {
		a.edges[i].next = perm[a.edges[i].next]
	}
	for w := range a.wide {
		for s, nx := range a.wide[w] {
			if nx >= 0 {
				a.wide[w][s] = perm[nx]
			}
		}
	}
	for s := range a.root {
		a.root[s] = perm[a.root[s]]
	}
	for k := range order {
		order[k] = int32(k + 1)
	}
	for i := range a.nodes {
		a.nodes[i].outStart = int32(len(a.outs))
		a.outs = append(a.outs, outs[i]...)
		a.nodes[i].outEnd = int32(len(a.outs))
	}
	for c := range a.rootStay {
		sym := symOf[c]
		a.rootStay[c] = sym == 0xff || a.root[sym] == 0
	}
	a.hasOut = make([]uint64, (len(a.nodes)+63)/64)
	for i := range a.nodes {
		if a.nodes[i].outEnd > a.nodes[i].outStart {
			a.hasOut[i>>6] |= 1 << (i & 63)
		}
	}
	if !dense && len(a.nodes) < denseOut {
		// a node's failure target is shallower, so its row is filled
		// before the node's own
		nrows := min(len(a.nodes), rowsBytes/(2*alphabet))
		a.rows = make([]uint16, nrows*alphabet)
		for s := uint8(0); s < alphabet; s++ {
			a.rows[s] = uint16(a.root[s])
		}
		for n := int32(1); n < int32(nrows); n++ {
			f := int(a.nodes[n].fail)
			for s := uint8(0); s < alphabet; s++ {
				if nx := a.step(n, s); nx >= 0 {
					a.rows[int(n)*alphabet+int(s)] = uint16(nx)
				} else {
					a.rows[int(n)*alphabet+int(s)] = a.rows[f*alphabet+int(s)] &^ denseOut
				}
			}
		}
		for k, nx := range a.rows {
			if a.hasOut[nx>>6]&(1<<(nx&63)) != 0 {
				a.rows[k] |= denseOut
			}
		}
	}
	if dense {
		if len(a.nodes) <= 1<<16 {
			a.dense16 = denseTable[uint16](a, order)
		} else {
			a.dense32 = denseTable[uint32](a, order)
		}
	}
	return a
}

// step returns the child of n on sym, or -1.
func (a *automaton) step(n int32, sym uint8) int32 {
	if n == 0 {
		if nx := a.root[sym]; nx != 0 {
			return nx
		}
		return -1
	}
	nd := &a.nodes[n]
	if nd.wide >= 0 {
		return a.wide[nd.wide][sym]
	}
	for _, e := range a.edges[nd.edgeStart:nd.edgeEnd] {
		if e.sym == sym {
			return e.next
		}
	}
	return -1
}

// denseTable returns the full transition table of a, failure links
// folded in (order: the nodes but the root, breadth first).
func denseTable[E uint16 | uint32](a *automaton, order []int32) []E {
	d := make([]E, len(a.nodes)*alphabet)
	for s := uint8(0); s < alphabet; s++ {
		d[s] = E(a.root[s])
	}
	for _, n := range order { // BFS: a node's failure target is done first
		f := int(a.nodes[n].fail)
		for s := uint8(0); s < alphabet; s++ {
			if nx := a.step(n, s); nx >= 0 {
				d[int(n)*alphabet+int(s)] = E(nx)
			} else {
				d[int(n)*alphabet+int(s)] = d[f*alphabet+int(s)]
			}
		}
	}
	return d
}

// isDense reports whether a has a dense table.
func (a *automaton) isDense() bool { return a.dense16 != nil || a.dense32 != nil }

// scan calls fn for every occurrence of every pattern in b, with the
// pattern id and the offset of its first byte. fn returns false to stop.
func (a *automaton) scan(b []byte, fn func(id int32, start int) bool) {
	switch {
	case a.dense16 != nil:
		scanDense(a, a.dense16, b, fn)
		return
	case a.dense32 != nil:
		scanDense(a, a.dense32, b, fn)
		return
	}
	n := int32(0)
	hasOut, rows := a.hasOut, a.rows
	nrows := int32(len(rows) / alphabet)
	for i := 0; i < len(b); i++ {
		if n == 0 {
			for i < len(b) && a.rootStay[b[i]] {
				i++
			}
			if i == len(b) {
				return
			}
		}
		s := symOf[b[i]]
		if s == 0xff {
			n = 0
			continue
		}
		if n < nrows {
			e := rows[int(n)*alphabet+int(s)]
			n = int32(e &^ denseOut)
			if e&denseOut == 0 {
				continue
			}
		} else {
			for {
				if nx := a.step(n, s); nx >= 0 {
					n = nx
					break
				}
				if n == 0 {
					break // no rows: an automaton of 32768 nodes or more
				}
				n = a.nodes[n].fail
				if n < nrows {
					n = int32(rows[int(n)*alphabet+int(s)] &^ denseOut)
					break
				}
			}
			if hasOut[n>>6]&(1<<(n&63)) == 0 {
				continue
			}
		}
		if !a.report(n, i, fn) {
			return
		}
	}
}

// scanDense is scan with the dense table d: one lookup per byte, the
// nodes read only where a pattern ends (from outFrom on).
func scanDense[E uint16 | uint32](a *automaton, d []E, b []byte, fn func(id int32, start int) bool) {
	outFrom := int(a.outFrom)
	if !a.spaceStart {
		n := 0
		for i := 0; i < len(b); i++ {
			s := symOf[b[i]]
			if s == 0xff {
				n = 0
				continue
			}
			n = int(d[n*alphabet+int(s)])
			if n >= outFrom && !a.report(int32(n), i, fn) {
				return
			}
		}
		return
	}
	n := 0
	for i := 0; i < len(b); i++ {
		if n == 0 {
			// at the root inside a word: no pattern can start before the
			// next space, and every byte would keep the root
			for i < len(b) && b[i] != ' ' {
				i++
			}
			if i == len(b) {
				return
			}
		}
		s := symOf[b[i]]
		if s == 0xff {
			n = 0
			continue
		}
		n = int(d[n*alphabet+int(s)])
		if n >= outFrom && !a.report(int32(n), i, fn) {
			return
		}
	}
}

// report calls fn for the patterns that end at node n, at offset i.
func (a *automaton) report(n int32, i int, fn func(id int32, start int) bool) bool {
	nd := &a.nodes[n]
	for _, id := range a.outs[nd.outStart:nd.outEnd] {
		if !fn(id, i+1-int(a.lens[id])) {
			return false
		}
	}
	return true
}
