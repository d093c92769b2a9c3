package mail

import (
	"bufio"
	"bytes"
	"slices"
	"strings"
	"time"

	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
)

// DefaultMaxMailAge is how old the signed Date of a DKIM-signed mail may
// be for the mail to count as its author writing to the desk now: 72
// hours, room for a mail that waited in a queue over a weekend, too short
// for an archive of old mail to be worth replaying.
const DefaultMaxMailAge = 72 * time.Hour

// maxDateSkew is how far in the future a signed Date may lie: senders'
// clocks drift.
const maxDateSkew = 15 * time.Minute

// Reasons ForDesk gives for a mail that does not count. Fixed strings,
// safe to log.
const (
	NotAuthNoDMARC    = "dmarc_not_pass"
	NotAuthNotToDesk  = "dkim_not_addressed_to_desk"
	NotAuthStale      = "dkim_date_not_recent"
	NotAuthNoSigned   = "dkim_no_aligned_signature"
	NotAuthFromDiffer = "from_not_the_authenticated_one"
)

// DeskCheck is what ForDesk checks a DMARC pass against.
type DeskCheck struct {
	// Addresses are the desk's own inbound addresses ("support@shop.example");
	// a sub-address ("support+x@shop.example") counts as its address.
	Addresses []string
	// Now is the time of receipt.
	Now time.Time
	// MaxAge bounds the age of the signed Date; zero means
	// DefaultMaxMailAge.
	MaxAge time.Duration
}

// ForDesk reports whether r authenticates raw's From address (from, as the
// parser read it) to the desk now, and if not why. A DMARC pass proves the
// author domain only: a DKIM signature stays valid on a copy of the mail
// sent anywhere, years later (RFC 6376 §8.6, replay). So it counts when:
//
//   - DMARC passed on an aligned SPF pass: the From domain's own server
//     delivered this very mail to us now (nothing to replay); or
//   - a signature that verified and aligns with the From domain covers
//     (h=) a To or Cc field naming one of c.Addresses and the Date field,
//     and that Date lies within c.MaxAge before c.Now (up to 15 minutes
//     after it: clock skew), and so does the signature's t= when it has
//     one. The message must carry each of those fields once (RFC 5322
//     §3.6), so the instance signed is the one read.
//
// and from is the one From mailbox DMARC was evaluated for. Example: Jane's
// provider signed "h=from:to:subject:date", To: support@shop.example, Date:
// an hour ago: counts. The same mail To: bob@elsewhere.test, or dated last
// year: does not.
func (r AuthResult) ForDesk(raw []byte, from string, c DeskCheck) (bool, string) {
	if !r.DMARCPass || r.FromMalformed {
		return false, NotAuthNoDMARC
	}
	if at := strings.LastIndexByte(from, '@'); at < 0 || normDomain(from[at+1:]) != r.FromDomain {
		return false, NotAuthFromDiffer
	}
	if r.SPFAligned {
		return true, ""
	}
	h, err := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		return false, NotAuthNoSigned
	}
	mh := gomail.Header{Header: message.Header{Header: h}}
	maxAge := c.MaxAge
	if maxAge <= 0 {
		maxAge = DefaultMaxMailAge
	}
	recent := func(t time.Time) bool {
		return !t.Before(c.Now.Add(-maxAge)) && !t.After(c.Now.Add(maxDateSkew))
	}
	reason := NotAuthNoSigned
	for _, s := range r.DKIMSigned {
		if !s.Aligned {
			continue
		}
		if !slices.Contains(s.Headers, "date") || len(mh.Values("Date")) != 1 {
			reason = NotAuthStale
			continue
		}
		d, err := mh.Date()
		if err != nil || !recent(d) || (!s.Time.IsZero() && !recent(s.Time)) {
			reason = NotAuthStale
			continue
		}
		if !namesDesk(mh, s.Headers, "to", c.Addresses) && !namesDesk(mh, s.Headers, "cc", c.Addresses) {
			reason = NotAuthNotToDesk
			continue
		}
		return true, ""
	}
	return false, reason
}

// namesDesk reports whether the signature covering signed covers field key
// (lowercase), the message has it once, and it names one of desk.
func namesDesk(mh gomail.Header, signed []string, key string, desk []string) bool {
	if !slices.Contains(signed, key) || len(mh.Values(key)) != 1 {
		return false
	}
	list, err := mh.AddressList(key)
	if err != nil {
		return false
	}
	for _, a := range list {
		for _, d := range desk {
			if sameMailbox(a.Address, d) {
				return true
			}
		}
	}
	return false
}

// sameMailbox compares a with the desk's address d: the domain and the
// local part case-insensitively, a "+tag" of a ignored.
func sameMailbox(a, d string) bool {
	ai, di := strings.LastIndexByte(a, '@'), strings.LastIndexByte(d, '@')
	if ai <= 0 || di <= 0 {
		return false
	}
	if !strings.EqualFold(normDomain(a[ai+1:]), normDomain(d[di+1:])) {
		return false
	}
	local := a[:ai]
	if plus := strings.IndexByte(local, '+'); plus > 0 && !strings.Contains(d[:di], "+") {
		local = local[:plus]
	}
	return strings.EqualFold(local, strings.TrimSpace(d[:di]))
}
