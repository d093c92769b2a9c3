package guard

import (
	"bytes"
	"sync"
	"unicode/utf8"

	"github.com/proofdesk/proofdesk"
)

// A quote is the requester's words only when the requester wrote it (g45).
// quote24 lets the values of a reply's opening quote pass beside a
// refusal ("> is it 12 Rue de la Paix? I can't confirm that until you're
// verified"); an agent can write the same shape around a value the
// requester never gave: the requester asked "is it the Baker Street
// one?", the reply "quotes" the address on file. So the quote's values
// pass only when the quote is found in one of the requester's own recent
// messages on the conversation (said), compared in the guard's token view
// (normalize: case, accents, full-width digits, spacing and punctuation
// do not matter; the spaces between digit groups are dropped, so "+33 6
// 47 21 83 90" and "+33647218390" meet). A quote of a part of a message
// is found ("> 12 Rue de la Paix?" in "Hi, is it 12 Rue de la Paix? My
// order…"); one that adds a word the message does not hold at that place
// is not. With no said (Check, CheckAll, CheckRecent) no quote is found:
// the reply is checked whole as well (fail closed), while the rest is
// still read as the answer to the quote's offer.

// saidMax45 is how much of each requester message is searched for a
// quote: its first 32 KiB (a mail's own words come before the history
// it quotes). A quote beyond it is not found, and the reply is checked
// whole.
const saidMax45 = 32 << 10

// OpensWithQuote reports whether reply opens with a quote ("> is it 12
// Rue de la Paix? …"): the one case in which CheckSaid reads said, so a
// caller may read the requester's messages only then.
func OpensWithQuote(reply string) bool { return quoteLead24(reply) }

// CheckSaid is CheckRecent with the requester's own recent messages on
// the conversation (said, any order): a reply that opens by quoting the
// requester ("> is it 12 Rue de la Paix? I can't confirm that until
// you're verified") passes the quote's values beside a refusal only when
// said holds the quote (quote45.go). said is read only when reply opens
// with a quote (OpensWithQuote).
func CheckSaid(reply string, said, recent, offered []string, targets ...Target) (best Verdict) {
	defer failClosed(&best)
	best = checkAllSaid(reply, said, offered, targets)
	return recentVerdict(reply, recent, offered, targets, best)
}

// CheckSaid is Check with the requester's own recent messages on the
// conversation (said), as the package's CheckSaid reads them.
func (m *Matcher) CheckSaid(reply string, said []string, level proofdesk.Level, offered []string) (v Verdict) {
	defer failClosed(&v)
	if quoteLead24(reply) {
		if v, ok := quoteVerdict24(reply, said, offered, func(r string, o []string) Verdict { return m.checkReply(r, level, o) }); ok {
			return v // "> is it still Via Garibaldi 3? No, that's not the one" (quote24.go)
		}
	}
	return m.checkReply(reply, level, offered)
}

// said45Pool holds the scratch of saidQuote45: the token views of the
// quote and of a message.
var said45Pool = sync.Pool{New: func() any { b := make([]byte, 0, 256); return &b }}

// saidQuote45 reports whether the quote q is in one of the messages of
// said, token view against token view (digitJoin45 on both).
func saidQuote45(q string, said []string) bool {
	if len(said) == 0 {
		return false
	}
	t := textPool.Get().(*text)
	defer textPool.Put(t)
	t.normalize(q)
	bp := said45Pool.Get().(*[]byte)
	defer said45Pool.Put(bp)
	want := digitJoin45((*bp)[:0], t.tokenView())
	*bp = want
	if len(bytes.TrimSpace(want)) == 0 {
		return false // a quote of no word holds no value: nothing to find
	}
	hp := said45Pool.Get().(*[]byte)
	defer said45Pool.Put(hp)
	for _, s := range said {
		if len(s) > saidMax45 {
			n := saidMax45
			for n > 0 && !utf8.RuneStart(s[n]) {
				n-- // not inside a character
			}
			s = s[:n]
		}
		t.normalize(s)
		*hp = digitJoin45((*hp)[:0], t.tokenView())
		if bytes.Contains(*hp, want) {
			return true
		}
	}
	return false
}

// digitJoin45 appends to dst the token view v (" is it 33 6 47 ") with the
// space between two digits dropped (" is it 33647 "), and returns it.
func digitJoin45(dst, v []byte) []byte {
	for i, c := range v {
		if c == ' ' && i > 0 && i+1 < len(v) && isDigit45(v[i-1]) && isDigit45(v[i+1]) {
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

func isDigit45(c byte) bool { return '0' <= c && c <= '9' }
