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
// said, token view against token view (tokJoin45 on both), and the
// quote picks nothing out of that message (pick45).
func saidQuote45(q string, said []string) bool {
	if len(said) == 0 {
		return false
	}
	t := textPool.Get().(*text)
	defer textPool.Put(t)
	t.normalize(q)
	bp := said45Pool.Get().(*[]byte)
	defer said45Pool.Put(bp)
	want := tokJoin45((*bp)[:0], t)
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
		*hp = tokJoin45((*hp)[:0], t)
		if at := bytes.Index(*hp, want); at >= 0 && !pick45(*hp, at, at+len(want), want) {
			return true
		}
	}
	return false
}

// tokJoin45 appends to dst the tokens of t as " is it 33647 … ": each
// token after a space, and a trailing space, with no space between two
// tokens of digits whose gap was one space, dot, hyphen or slash ("+33 6
// 47", "06.47.21"); digits set apart by a list separator or more ("1, 2
// Rue de la Paix": apartment 1, house 2) stay apart, so a quote "> 12
// Rue de la Paix" is not found in it.
func tokJoin45(dst []byte, t *text) []byte {
	for i := range t.toks {
		if i == 0 || !(t.toks[i].shape&tsDigits != 0 && t.toks[i-1].shape&tsDigits != 0 && t.toks[i].flags&(fOneGap|fTight) != 0) {
			dst = append(dst, ' ')
		}
		dst = append(dst, t.tokBytes(i)...)
	}
	return append(dst, ' ')
}

// pick45 reports whether the quote want, found at msg[from:to], picks one
// value out of several the requester offered in that message, so that
// the pick is the answer: "is it 12 or 14 Rue de la Paix?" quoted as "> 14
// Rue de la Paix?", "7158 or 7185?" as "> 7158?". It does when a word of
// alternatives ("or", "oder", "ou", "o", "of", "oppure", "bzw") stands just
// before or after the quote, or when the message holds, outside the
// quote, another number of four digits or more as long as one of the
// quote's ("is it 7158? maybe 7185?"; a flat's or an order's short number
// beside a house number is no alternative).
func pick45(msg []byte, from, to int, want []byte) bool {
	if before := bytes.Fields(msg[:from]); len(before) >= 2 && alt45(before[len(before)-1]) || alt45(firstWord45(msg[to:])) {
		return true // (not a message that opens with "Or is it …?": she asks again)
	}
	for _, w := range bytes.Fields(want) {
		if len(w) < 4 || !allDigits45(w) {
			continue
		}
		for _, part := range [2][]byte{msg[:from], msg[to:]} {
			for _, x := range bytes.Fields(part) {
				if len(x) == len(w) && allDigits45(x) && !bytes.Equal(x, w) {
					return true
				}
			}
		}
	}
	return false
}

// alt45 reports whether w is a word of alternatives in one of the seven
// languages.
func alt45(w []byte) bool {
	switch string(w) {
	case "or", "oder", "bzw", "ou", "o", "u", "of", "oppure", "ossia":
		return true
	}
	return false
}

func firstWord45(b []byte) []byte {
	b = bytes.TrimLeft(b, " ")
	if i := bytes.IndexByte(b, ' '); i >= 0 {
		return b[:i]
	}
	return b
}

func allDigits45(w []byte) bool {
	for _, c := range w {
		if !isDigit45(c) {
			return false
		}
	}
	return len(w) > 0
}

func isDigit45(c byte) bool { return '0' <= c && c <= '9' }
