package mail

import (
	"bufio"
	"bytes"
	"io"
	"strings"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/textproto"
)

// qpMaxLine is the line length past which qpSoftWrap breaks a line: under
// the 4,096-byte buffer in which Go's quoted-printable reader
// (mime/quotedprintable) must hold a whole line.
const qpMaxLine = 998

// qpSoftWrap returns r, a quoted-printable body, with a soft line break
// ("=" CRLF, RFC 2045 §6.7 rule 5) inserted into each line longer than
// qpMaxLine bytes, never inside an "=XX" escape: what it decodes to is
// unchanged. Senders that ignore the 76-character limit write lines of
// many kilobytes, which the reader would otherwise refuse part-way.
func qpSoftWrap(r io.Reader) io.Reader { return &qpWrapReader{r: bufio.NewReader(r)} }

type qpWrapReader struct {
	r       *bufio.Reader
	col     int    // bytes since the last line feed
	esc     int    // bytes of an "=XX" escape still to come
	pending []byte // a soft break and the byte after it
}

func (q *qpWrapReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(q.pending) > 0 {
			c := copy(p[n:], q.pending)
			q.pending = q.pending[c:]
			n += c
			continue
		}
		b, err := q.r.ReadByte()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		switch {
		case b == '\n':
			q.col, q.esc = 0, 0
		case q.col >= qpMaxLine && q.esc == 0 && b != '\r':
			q.pending = append(q.pending[:0], '=', '\r', '\n', b)
			q.col = 1
			if b == '=' {
				q.esc = 2
			}
			continue
		default:
			q.col++
			if b == '=' {
				q.esc = 2
			} else if q.esc > 0 {
				q.esc--
			}
		}
		p[n] = b
		n++
	}
	return n, nil
}

// isQuotedPrintable reports a header whose Content-Transfer-Encoding is
// quoted-printable.
func isQuotedPrintable(h message.Header) bool {
	return strings.EqualFold(strings.TrimSpace(h.Get("Content-Transfer-Encoding")), "quoted-printable")
}

// nextPart is go-message's MultipartReader.NextPart with qpSoftWrap
// applied to a quoted-printable part before it is decoded, if wrap (the
// message has a line longer than qpMaxLine).
func nextPart(mr *textproto.MultipartReader, wrap bool) (*message.Entity, error) {
	p, err := mr.NextPart()
	if err != nil {
		return nil, err
	}
	h := message.Header{Header: p.Header}
	var body io.Reader = p
	if wrap && isQuotedPrintable(h) {
		body = qpSoftWrap(p)
	}
	return message.New(h, body)
}

// hasLongLine reports whether raw has a line longer than qpMaxLine bytes.
func hasLongLine(raw []byte) bool {
	for len(raw) > qpMaxLine {
		i := bytes.IndexByte(raw[:qpMaxLine+1], '\n')
		if i < 0 {
			return true
		}
		raw = raw[i+1:]
	}
	return false
}

// readMessage is message.ReadWithOptions under lim, with a single-part
// quoted-printable body read through qpSoftWrap.
func readMessage(raw []byte, lim Limits) (*message.Entity, error) {
	e, err := message.ReadWithOptions(bytes.NewReader(raw), &message.ReadOptions{MaxHeaderBytes: lim.MaxHeaderBytes})
	if e == nil {
		return nil, err
	}
	if mt, _, _ := e.Header.ContentType(); !strings.HasPrefix(mt, "multipart/") && isQuotedPrintable(e.Header) && hasLongLine(raw) {
		e, err = message.New(e.Header, qpSoftWrap(bytes.NewReader(rawBody(raw))))
	}
	return e, err
}
