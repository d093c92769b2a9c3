package guard

import (
	"encoding/binary"
	"errors"
	"hash/maphash"
	"math/bits"
	"strings"
	"sync"

	"github.com/proofdesk/proofdesk"
)

// Index is a keyed-hash index of every customer's protected values, in the
// shapes the guard matches, so that a reply on a conversation that is not
// linked (or is at L0) is blocked when it holds any customer's email
// address, phone number or street address (issue 10 §6) — not only the
// linked or claimed customer's.
//
// It holds no value: only 64-bit SipHash-2-4 sums under a 128-bit key, of
// the canonical forms (the compact email, the national phone number, the
// house number with the distinctive words of the street), and for each the
// class and an internal customer number. Values that many customers share
// by nature — dates of birth, card last 4, postal codes, names — are not
// indexed: with a million customers on file every date or 4-digit number
// would be someone's.
//
// An Index is safe for concurrent use; Add and Remove take a write lock,
// Check a read lock.
type Index struct {
	k0, k1 uint64
	mu     sync.RWMutex
	// open addressing: keys[i] == 0 is empty; vals[i] is the customer
	// number (or multiShared) in the low 28 bits and the class above.
	keys []uint64
	vals []uint32
	n    int
	ids  map[string]uint32
	// byCust lists each customer's keys, for Remove, and their filter
	// sums, for rebuilding the filter.
	byCust map[uint32][]idxForm
	levels map[string]proofdesk.Level
	next   uint32
	// filter is a blocked Bloom filter in front of the table: each form
	// sets 3 bits of one 64-bit word, chosen by a fast sum under seed
	// (hash/maphash, a random seed per index). A form of a reply whose 3
	// bits are not all set is no indexed value: it skips the SipHash sum
	// and the probe of the table, which a 2 KB reply would otherwise pay
	// some 700 times. Remove leaves bits set (the filter only lets more
	// forms through); it is rebuilt from byCust when it grows.
	filter []uint64
	seed   maphash.Seed
	// filtered counts the forms whose bits the filter holds.
	filtered int
	// lens has, for each form kind (its first letter: e, p, a, o), bit l
	// set when a form of l bytes (63: 63 or more) was ever added: a
	// reply's form of another length, or of a kind the index holds none
	// of (no order numbers), needs no sum at all.
	lens [26]uint64
}

// idxForm is one indexed form: its key and its filter sum.
type idxForm struct{ h, f uint64 }

// filterBitsPerForm is the filter's size for each form it holds: 16 to
// 32 bits (a power of two of words), some 1 % of forms that are no value
// pass.
const filterBitsPerForm = 16

const (
	idxClassShift = 28
	idxCustMask   = 1<<idxClassShift - 1
	multiShared   = idxCustMask // a key of several customers
)

var idxClasses = []string{"", proofdesk.ClassEmail, proofdesk.ClassPhone, proofdesk.ClassAddress, proofdesk.ClassOrders}

func idxClass(c string) uint32 {
	for i, x := range idxClasses {
		if x == c {
			return uint32(i)
		}
	}
	return 0
}

// NewIndex returns an empty index under key (16 bytes or more; only the
// first 16 are used) and policy p (nil means the default policy), which
// gives the level each class needs.
func NewIndex(key []byte, p *proofdesk.Policy) (*Index, error) {
	if len(key) < 16 {
		return nil, errors.New("guard: index key must be at least 16 bytes")
	}
	if p == nil {
		p = proofdesk.DefaultPolicy()
	}
	ix := &Index{
		k0: binary.LittleEndian.Uint64(key), k1: binary.LittleEndian.Uint64(key[8:]),
		keys: make([]uint64, 1024), vals: make([]uint32, 1024),
		ids: map[string]uint32{}, byCust: map[uint32][]idxForm{}, levels: map[string]proofdesk.Level{},
		filter: make([]uint64, 1024), seed: maphash.MakeSeed(),
	}
	for _, c := range idxClasses[1:] {
		ix.levels[c] = p.ClassLevel(c)
	}
	return ix, nil
}

// Len returns the number of keys in the index.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.n
}

// Bytes returns the memory the index table and its filter take.
func (ix *Index) Bytes() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return len(ix.keys)*8 + len(ix.vals)*4 + len(ix.filter)*8
}

// indexForms returns the keys of c's values: "e" and the compact email,
// "p" and the national number, "a" and the house number with the
// distinctive words of the street.
func indexForms(c *proofdesk.Customer, add func(class, form string)) {
	for _, cp := range c.ContactPoints {
		switch cp.Kind {
		case proofdesk.ContactEmail:
			if f := compactOf(cp.Value); len(f) >= 8 {
				add(proofdesk.ClassEmail, "e"+f)
			}
		case proofdesk.ContactPhone:
			d := strings.TrimPrefix(cp.Value, "+")
			if len(d) >= 8 && allDigits([]byte(d)) {
				add(proofdesk.ClassPhone, "p"+nationalNumber(d))
			}
		}
	}
	addrs := c.Addresses
	for _, o := range c.Orders {
		if f := identifierForm(o.Number); f != "" {
			add(proofdesk.ClassOrders, "o"+f)
		}
		if f := identifierForm(o.TrackingNumber); f != "" {
			add(proofdesk.ClassAddress, "o"+f)
		}
		if o.ShippingAddress != nil {
			addrs = append(addrs[:len(addrs):len(addrs)], *o.ShippingAddress)
		}
	}
	for _, a := range addrs {
		if num, core := houseAndCore(normTokens(a.Line1)); num != "" && len(core) > 0 {
			add(proofdesk.ClassAddress, "a"+num+" "+strings.Join(core, " "))
		}
	}
}

// identifierForm is an order or tracking number's index key: its tokens
// run together, when long enough and holding a digit; "" otherwise.
func identifierForm(v string) string {
	f := strings.Join(normTokens(v), "")
	if len(f) < minIdentifier || len(f) > maxIdentifier || !hasDigit(f) {
		return ""
	}
	return f
}

// maxIdentifier bounds the identifiers the index looks for in a reply.
const maxIdentifier = 40

// houseAndCore splits street tokens into the house number and the
// distinctive words (no street type, direction, particle or unit).
func houseAndCore(toks []string) (num string, core []string) {
	for i, t := range toks {
		if t == "unit" && i > 0 {
			toks = toks[:i]
			break
		}
	}
	if len(toks) < 2 {
		return "", nil
	}
	switch {
	case hasDigit(toks[0]):
		num, toks = toks[0], toks[1:]
	case hasDigit(toks[len(toks)-1]):
		num, toks = toks[len(toks)-1], toks[:len(toks)-1]
	default:
		return "", nil
	}
	for _, t := range toks {
		if !streetTypes[t] && !directions[t] && !particles[t] && !hasDigit(t) {
			core = append(core, t)
		}
	}
	if tokLen(core) < 4 {
		return "", nil
	}
	return num, core
}

// Add indexes customer c (replacing what was indexed for c.ID).
func (ix *Index) Add(c *proofdesk.Customer) {
	var forms []struct {
		class uint32
		idxForm
		kind byte
		n    int
	}
	indexForms(c, func(class, form string) {
		forms = append(forms, struct {
			class uint32
			idxForm
			kind byte
			n    int
		}{idxClass(class), idxForm{ix.sum([]byte(form)), maphash.String(ix.seed, form)}, form[0], len(form)})
	})
	ix.mu.Lock()
	defer ix.mu.Unlock()
	id, ok := ix.ids[c.ID]
	if ok {
		ix.removeLocked(id)
	} else {
		id = ix.next
		ix.next++
		if id >= multiShared {
			panic("guard: index full")
		}
		ix.ids[c.ID] = id
	}
	// the customer's list at its size (a few keys: appended one by one it
	// took twice the room); in place before the filter may be rebuilt
	keys := make([]idxForm, len(forms))
	ix.byCust[id] = keys
	for k, f := range forms {
		ix.insert(f.h, f.class<<idxClassShift|id)
		keys[k] = f.idxForm
		ix.filterAdd(f.f)
		ix.lens[f.kind-'a'] |= lenBit(f.n)
	}
}

// lenBit is the bit of a form of n bytes in Index.lens.
func lenBit(n int) uint64 { return 1 << min(n, 63) }

// filterAdd sets the filter bits of filter sum f, growing (and
// rebuilding) the filter first when it would hold more than
// len(filter)*64/filterBitsPerForm forms.
func (ix *Index) filterAdd(f uint64) {
	if (ix.filtered+1)*filterBitsPerForm > len(ix.filter)*64 {
		ix.filter, ix.filtered = make([]uint64, len(ix.filter)*2), 0
		for _, fs := range ix.byCust {
			for _, x := range fs {
				ix.filterSet(x.f)
			}
		}
	}
	ix.filterSet(f)
}

func (ix *Index) filterSet(f uint64) {
	w, m := filterSlot(f, len(ix.filter))
	ix.filter[w] |= m
	ix.filtered++
}

// filterSlot returns the word (of n, a power of two) and the 3 bits that
// filter sum f sets.
func filterSlot(f uint64, n int) (int, uint64) {
	return int(f>>32) & (n - 1), 1<<(f&63) | 1<<(f>>6&63) | 1<<(f>>12&63)
}

// mayHold reports whether form b may be an indexed value: false means it
// is none.
func (ix *Index) mayHold(b []byte) bool {
	if ix.lens[b[0]-'a']&lenBit(len(b)) == 0 {
		return false
	}
	w, m := filterSlot(maphash.Bytes(ix.seed, b), len(ix.filter))
	return ix.filter[w]&m == m
}

// Remove drops customer id from the index.
func (ix *Index) Remove(customerID string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if id, ok := ix.ids[customerID]; ok {
		ix.removeLocked(id)
		delete(ix.ids, customerID)
	}
}

func (ix *Index) removeLocked(id uint32) {
	for _, x := range ix.byCust[id] {
		i := ix.find(x.h)
		if i < 0 || ix.vals[i]&idxCustMask != id {
			continue // shared with another customer: keep it
		}
		// backward-shift deletion keeps the probe sequences whole
		mask := len(ix.keys) - 1
		for {
			ix.keys[i], ix.vals[i] = 0, 0
			j := i
			for {
				j = (j + 1) & mask
				if ix.keys[j] == 0 {
					ix.n--
					goto next
				}
				home := int(ix.keys[j]) & mask
				if (j > i && (home <= i || home > j)) || (j < i && home <= i && home > j) {
					break
				}
			}
			ix.keys[i], ix.vals[i] = ix.keys[j], ix.vals[j]
			i = j
		}
	next:
	}
	delete(ix.byCust, id)
}

func (ix *Index) find(h uint64) int {
	mask := len(ix.keys) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		switch ix.keys[i] {
		case h:
			return i
		case 0:
			return -1
		}
	}
}

func (ix *Index) insert(h uint64, v uint32) {
	if (ix.n+1)*2 > len(ix.keys) {
		ix.grow()
	}
	mask := len(ix.keys) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		switch ix.keys[i] {
		case 0:
			ix.keys[i], ix.vals[i] = h, v
			ix.n++
			return
		case h:
			if ix.vals[i]&idxCustMask != v&idxCustMask {
				ix.vals[i] = ix.vals[i]&^idxCustMask | multiShared
			}
			return
		}
	}
}

func (ix *Index) grow() {
	keys, vals := ix.keys, ix.vals
	ix.keys, ix.vals, ix.n = make([]uint64, len(keys)*2), make([]uint32, len(keys)*2), 0
	for i, h := range keys {
		if h != 0 {
			ix.insert(h, vals[i])
		}
	}
}

// Check returns the verdict on reply for the values of every indexed
// customer other than exclude (the linked customer, whose values the
// conversation's matcher checks at the conversation's level): blocked
// when the reply holds one and level is below what its class needs.
func (ix *Index) Check(reply string, level proofdesk.Level, exclude string) (best Verdict) {
	defer failClosed(&best)
	t := textPool.Get().(*text)
	defer textPool.Put(t)
	t.normalize(reply)
	best = ix.check(t, level, exclude)
	if d := decodedVariant(reply, t.enc); d != "" {
		t.normalize(d)
		if v := ix.check(t, level, exclude); v.stricter(best) {
			best = v
		}
	}
	return best
}

// check is Check on a normalised text.
func (ix *Index) check(t *text, level proofdesk.Level, exclude string) Verdict {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	skip, hasSkip := ix.ids[exclude]
	var best Verdict
	ix.candidates(t, func(b []byte) {
		if !ix.mayHold(b) {
			return
		}
		i := ix.find(ix.sum(b))
		if i < 0 {
			return
		}
		v := ix.vals[i]
		if hasSkip && v&idxCustMask == skip {
			return
		}
		class := idxClasses[v>>idxClassShift]
		l := ix.levels[class]
		vd := Verdict{Blocked: l > level, Rule: RuleProtectedValue, Class: class, Part: PartFull, RequiredLevel: l}
		if vd.Blocked && vd.stricter(best) {
			best = vd
		}
	})
	return best
}

// candidates calls fn with every form in t that could be an indexed
// value (fn must not keep it).
func (ix *Index) candidates(t *text, fn func([]byte)) {
	buf := &t.form // in t: a local array passed to fn would escape
	// phones: the digits that end at a token end inside a run, 8 to 12 long
	for _, r := range t.runs {
		for k := r.firstTok; k < r.firstTok+r.nTok; k++ {
			end := int(t.toks[k].dend)
			for l := 6; l <= 12; l++ {
				if end-l <= int(r.off) {
					break
				}
				b := append(append(buf[:0], 'p'), t.buf[end-l:end]...)
				fn(b)
			}
		}
	}
	// order and tracking numbers: 1 to 4 tokens run together, holding a
	// digit
	for i := range t.toks {
		if ix.lens['o'-'a'] == 0 {
			break // no order or tracking number indexed
		}
		b := append(buf[:0], 'o')
		digit := false
		for j := i; j < len(t.toks) && j < i+4; j++ {
			x := t.tokBytes(j)
			if len(b)-1+len(x) > maxIdentifier {
				break
			}
			b = append(b, x...)
			digit = digit || hasDigitB(x)
			if digit && len(b)-1 >= minIdentifier {
				fn(b)
			}
		}
	}
	// addresses: a house number with the distinctive words after or
	// before it
	for i := range t.toks {
		w := t.tokBytes(i)
		if len(w) == 0 || len(w) > 6 || w[0] < '0' || w[0] > '9' {
			continue
		}
		for _, dir := range [2]int{1, -1} {
			var words [4][]byte
			nw := 0
			for j := i + dir; j >= 0 && j < len(t.toks) && nw < len(words); j += dir {
				x := t.tokBytes(j)
				if hasDigitB(x) {
					break
				}
				if t.toks[j].lex&lxStreet != 0 || len(x) <= notCoreLen && notCore[string(x)] {
					continue
				}
				words[nw] = x
				nw++
				b := append(append(buf[:0], 'a'), w...)
				for k := 0; k < nw; k++ {
					x := words[k]
					if dir < 0 {
						x = words[nw-1-k] // reading order
					}
					if len(b)+1+len(x) > len(buf) {
						break
					}
					b = append(append(b, ' '), x...)
				}
				fn(b)
			}
		}
	}
	// emails: the compact view around each "at", from 1 to 16 tokens
	// before it and 1 to 8 after
	for i := range t.raw {
		if t.raw[i].lex&lxAt == 0 || t.raw[i].coff < 0 {
			continue
		}
		for a := i - 1; a >= 0 && a >= i-16 && t.raw[a].coff >= 0; a-- {
			for z := i + 1; z < len(t.raw) && z <= i+8 && t.raw[z].coff >= 0; z++ {
				from := int(t.raw[a].coff)
				to := len(t.buf) - 1
				if z+1 < len(t.raw) && t.raw[z+1].coff >= 0 {
					to = int(t.raw[z+1].coff)
				} else {
					to = int(t.raw[z].coff) + int(t.raw[z].end-t.raw[z].start)
				}
				if to-from+1 > len(buf) || to <= from {
					continue
				}
				b := append(append(buf[:0], 'e'), t.buf[from:to]...)
				fn(b)
			}
		}
	}
}

// notCore holds the directions and the particles, which are no
// distinctive word of an address (one map read where two were), and
// notCoreLen the longest of them: a longer word is always distinctive.
var notCore, notCoreLen = func() (map[string]bool, int) {
	m, n := map[string]bool{}, 0
	for _, set := range []map[string]bool{directions, particles} {
		for w := range set {
			m[w], n = true, max(n, len(w))
		}
	}
	return m, n
}()

// sum is SipHash-2-4 of b under the index key (never 0: 0 marks an empty
// slot).
func (ix *Index) sum(b []byte) uint64 {
	v0 := ix.k0 ^ 0x736f6d6570736575
	v1 := ix.k1 ^ 0x646f72616e646f6d
	v2 := ix.k0 ^ 0x6c7967656e657261
	v3 := ix.k1 ^ 0x7465646279746573
	round := func() {
		v0 += v1
		v1 = bits.RotateLeft64(v1, 13)
		v1 ^= v0
		v0 = bits.RotateLeft64(v0, 32)
		v2 += v3
		v3 = bits.RotateLeft64(v3, 16)
		v3 ^= v2
		v0 += v3
		v3 = bits.RotateLeft64(v3, 21)
		v3 ^= v0
		v2 += v1
		v1 = bits.RotateLeft64(v1, 17)
		v1 ^= v2
		v2 = bits.RotateLeft64(v2, 32)
	}
	n := len(b)
	for len(b) >= 8 {
		m := binary.LittleEndian.Uint64(b)
		v3 ^= m
		round()
		round()
		v0 ^= m
		b = b[8:]
	}
	var last [8]byte
	copy(last[:], b)
	last[7] = byte(n)
	m := binary.LittleEndian.Uint64(last[:])
	v3 ^= m
	round()
	round()
	v0 ^= m
	v2 ^= 0xff
	round()
	round()
	round()
	round()
	h := v0 ^ v1 ^ v2 ^ v3
	if h == 0 {
		h = 1
	}
	return h
}
