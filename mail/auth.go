package mail

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"net"
	"strings"
	"time"

	"blitiri.com.ar/go/spf"
	"github.com/emersion/go-message"
	gomail "github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
	"github.com/emersion/go-msgauth/dkim"
	"github.com/emersion/go-msgauth/dmarc"
	"golang.org/x/net/publicsuffix"
)

// Resolver answers the DNS questions DKIM, SPF and DMARC ask. Its method set
// is that of *net.Resolver and of spf.DNSResolver. Not-found answers must be
// a *net.DNSError with IsNotFound set, temporary failures a *net.DNSError
// with IsTemporary (or IsTimeout) set.
type Resolver interface {
	LookupTXT(ctx context.Context, name string) ([]string, error)
	LookupMX(ctx context.Context, name string) ([]*net.MX, error)
	LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error)
	LookupAddr(ctx context.Context, addr string) ([]string, error)
}

// NetResolver is the production Resolver: the system's DNS through
// net.Resolver, each lookup bounded by Timeout.
type NetResolver struct {
	// Resolver is the resolver used; nil means net.DefaultResolver.
	Resolver *net.Resolver
	// Timeout bounds each lookup; zero means 10 seconds.
	Timeout time.Duration
}

var _ Resolver = (*NetResolver)(nil)

// NewNetResolver returns a NetResolver that asks the DNS server at addr
// (host:port, over UDP and TCP as the query needs) instead of the system's
// resolvers; "" means the system's. Point it at a validating resolver you
// trust: DKIM, SPF and DMARC results are only as good as its answers.
func NewNetResolver(addr string) *NetResolver {
	if addr == "" {
		return &NetResolver{}
	}
	return &NetResolver{Resolver: &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, addr)
	}}}
}

func (r *NetResolver) ctx(ctx context.Context) (*net.Resolver, context.Context, context.CancelFunc) {
	res := r.Resolver
	if res == nil {
		res = net.DefaultResolver
	}
	d := r.Timeout
	if d <= 0 {
		d = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	return res, ctx, cancel
}

// LookupTXT implements Resolver.
func (r *NetResolver) LookupTXT(ctx context.Context, name string) ([]string, error) {
	res, ctx, cancel := r.ctx(ctx)
	defer cancel()
	return res.LookupTXT(ctx, name)
}

// LookupMX implements Resolver.
func (r *NetResolver) LookupMX(ctx context.Context, name string) ([]*net.MX, error) {
	res, ctx, cancel := r.ctx(ctx)
	defer cancel()
	return res.LookupMX(ctx, name)
}

// LookupIPAddr implements Resolver.
func (r *NetResolver) LookupIPAddr(ctx context.Context, host string) ([]net.IPAddr, error) {
	res, ctx, cancel := r.ctx(ctx)
	defer cancel()
	return res.LookupIPAddr(ctx, host)
}

// LookupAddr implements Resolver.
func (r *NetResolver) LookupAddr(ctx context.Context, addr string) ([]string, error) {
	res, ctx, cancel := r.ctx(ctx)
	defer cancel()
	return res.LookupAddr(ctx, addr)
}

// Authentication results, as in RFC 8601 Authentication-Results.
const (
	ResultPass      = "pass"
	ResultFail      = "fail"
	ResultNone      = "none"
	ResultNeutral   = "neutral"
	ResultSoftFail  = "softfail"
	ResultTempError = "temperror"
	ResultPermError = "permerror"
)

// AuthResult is the outcome of DKIM, SPF and DMARC for one message.
type AuthResult struct {
	// DKIM is "pass" if at least one signature verified, "none" if there is
	// none, else "temperror", "permerror" or "fail" (first that applies).
	DKIM string
	// DKIMDomains are the d= domains of the signatures that verified.
	DKIMDomains []string
	// DKIMSigned are the signatures that verified, in DKIMDomains' order,
	// each with the header fields it covers (its h= tag): what a replay
	// check reads (ForDesk).
	DKIMSigned []DKIMSignature
	// SPF is the SPF result for the MAIL FROM domain (the HELO domain for
	// an empty MAIL FROM): "pass", "fail", "softfail", "neutral", "none",
	// "temperror" or "permerror".
	SPF string
	// SPFDomain is the domain SPF was evaluated for.
	SPFDomain string
	// DMARC is "pass" when an aligned DKIM or SPF pass exists and the From
	// domain publishes a DMARC record; "none" without a record; "fail",
	// "temperror" or "permerror" otherwise. A message whose From field is
	// given more than once, or is not exactly one mailbox a strict parser
	// reads, fails (RFC 7489 §6.6.1: such messages are rejected or treated
	// as failing; RFC 5322 §3.6 allows one From field): FromMalformed.
	DMARC string
	// DMARCPolicy is the p= of the record found ("none", "quarantine",
	// "reject"), or "".
	DMARCPolicy string
	// FromDomain is the lowercased domain of the single From: address, or
	// "" if the message has none or several.
	FromDomain string
	// FromMalformed: the From field is given more than once, or the one
	// given is not exactly one mailbox (a list, or text only a lenient
	// parser reads as an address). DMARC is "fail" then.
	FromMalformed bool
	// DMARCPass is DMARC == "pass": a mail from the From domain. Alone it
	// proves nothing about when or to whom the mail was sent (a DKIM
	// signature replays, RFC 6376 §8.6): ForDesk says whether it counts.
	DMARCPass bool
	// SPFAligned: the DMARC pass rests on an SPF pass aligned with the
	// From domain, i.e. the domain's own server delivered this mail to
	// us now.
	SPFAligned bool
}

// DKIMSignature is a DKIM signature that verified.
type DKIMSignature struct {
	// Domain is its d= domain, lowercased.
	Domain string
	// Headers are the header fields it covers (h=), lowercased, in order.
	Headers []string
	// Time is its t= timestamp, zero when it has none.
	Time time.Time
	// Aligned: Domain aligns with the From domain under the DMARC
	// record's adkim mode (set only when DMARC found a record).
	Aligned bool
}

// maxDKIMSignatures bounds the signatures verified per message, each of
// which costs a DNS lookup.
const maxDKIMSignatures = 5

// Authenticate evaluates DKIM, SPF and DMARC for raw, a message received
// from remoteIP which said helo and gave mailFrom as the envelope sender.
// All DNS goes through r. It never fails: DNS trouble yields "temperror",
// broken records "permerror".
//
// DMARC (RFC 7489) looks up _dmarc.<From domain>, then, without a record,
// _dmarc.<organizational domain>. The organizational domain (RFC 7489 §3.2)
// is the public suffix of the name plus one label, after the Public Suffix
// List compiled into golang.org/x/net/publicsuffix: "shop.example.co.uk"
// has the organizational domain "example.co.uk", never "co.uk". Relaxed
// alignment (§3.1.1, §3.1.2) compares organizational domains, strict
// alignment the full names.
func Authenticate(ctx context.Context, raw []byte, remoteIP net.IP, helo, mailFrom string, r Resolver) AuthResult {
	var res AuthResult
	res.FromDomain, res.FromMalformed = fromDomain(raw)
	res.DKIM, res.DKIMSigned = checkDKIM(ctx, raw, r)
	for _, s := range res.DKIMSigned {
		res.DKIMDomains = append(res.DKIMDomains, s.Domain)
	}
	res.SPF, res.SPFDomain = checkSPF(ctx, remoteIP, helo, mailFrom, r)
	res.DMARC, res.DMARCPolicy = checkDMARC(ctx, &res, r)
	res.DMARCPass = res.DMARC == ResultPass
	return res
}

// fromDomain returns the domain of the single From: mailbox of raw, or ""
// with malformed set when the message has several From fields or one that
// is not exactly one mailbox (RFC 5322 §3.6: one From field; RFC 7489
// §6.6.1: anything else cannot pass). A message without a header or
// without a From field has no domain and is not malformed: it claims no
// address.
func fromDomain(raw []byte) (domain string, malformed bool) {
	h, err := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		return "", false
	}
	mh := gomail.Header{Header: message.Header{Header: h}}
	switch n := len(mh.Values("From")); {
	case n == 0:
		return "", false
	case n > 1:
		return "", true
	}
	list, err := mh.AddressList("From")
	if err != nil || len(list) != 1 {
		return "", true
	}
	at := strings.LastIndexByte(list[0].Address, '@')
	if at < 0 {
		return "", true
	}
	return normDomain(list[0].Address[at+1:]), false
}

func normDomain(d string) string {
	return strings.ToLower(strings.TrimSuffix(strings.TrimSpace(d), "."))
}

func checkDKIM(ctx context.Context, raw []byte, r Resolver) (string, []DKIMSignature) {
	verifs, err := dkim.VerifyWithOptions(bytes.NewReader(raw), &dkim.VerifyOptions{
		LookupTXT:        func(name string) ([]string, error) { return r.LookupTXT(ctx, name) },
		MaxVerifications: maxDKIMSignatures,
	})
	if err != nil && !errors.Is(err, dkim.ErrTooManySignatures) {
		return ResultPermError, nil
	}
	if len(verifs) == 0 {
		return ResultNone, nil
	}
	var passed []DKIMSignature
	temp, perm := false, false
	for _, v := range verifs {
		switch {
		case v.Err == nil:
			keys := make([]string, len(v.HeaderKeys))
			for i, k := range v.HeaderKeys {
				keys[i] = strings.ToLower(strings.TrimSpace(k))
			}
			passed = append(passed, DKIMSignature{Domain: normDomain(v.Domain), Headers: keys, Time: v.Time})
		case dkim.IsTempFail(v.Err):
			temp = true
		case dkim.IsPermFail(v.Err):
			perm = true
		}
	}
	switch {
	case len(passed) > 0:
		return ResultPass, passed
	case temp:
		return ResultTempError, nil
	case perm:
		return ResultPermError, nil
	}
	return ResultFail, nil
}

func checkSPF(ctx context.Context, ip net.IP, helo, mailFrom string, r Resolver) (string, string) {
	helo = normDomain(helo)
	sender := strings.TrimSpace(mailFrom)
	domain := ""
	if at := strings.LastIndexByte(sender, '@'); at >= 0 {
		domain = normDomain(sender[at+1:])
	}
	if domain == "" {
		// Null reverse-path (bounces): RFC 7208 §2.4 checks the HELO
		// identity as postmaster@helo.
		domain = helo
		sender = "postmaster@" + helo
	}
	if domain == "" || ip == nil {
		return ResultNone, domain
	}
	result, _ := spf.CheckHostWithSender(ip, helo, sender,
		spf.WithContext(ctx), spf.WithResolver(r))
	return string(result), domain
}

func checkDMARC(ctx context.Context, res *AuthResult, r Resolver) (result, policy string) {
	from := res.FromDomain
	if res.FromMalformed {
		return ResultFail, "" // RFC 7489 §6.6.1
	}
	if from == "" {
		return ResultPermError, ""
	}
	rec, status := lookupDMARC(ctx, from, r)
	if status == ResultNone {
		if org := orgDomain(from); org != from {
			rec, status = lookupDMARC(ctx, org, r)
		}
	}
	if rec == nil {
		return status, ""
	}
	policy = string(rec.Policy)
	pass := false
	for i := range res.DKIMSigned {
		if aligned(from, res.DKIMSigned[i].Domain, rec.DKIMAlignment) {
			res.DKIMSigned[i].Aligned, pass = true, true
		}
	}
	if res.SPF == ResultPass && aligned(from, res.SPFDomain, rec.SPFAlignment) {
		res.SPFAligned, pass = true, true
	}
	if pass {
		return ResultPass, policy
	}
	if res.DKIM == ResultTempError || res.SPF == ResultTempError {
		return ResultTempError, policy
	}
	return ResultFail, policy
}

// lookupDMARC returns the DMARC record of domain, or nil with "none" (no
// record), "temperror" or "permerror".
func lookupDMARC(ctx context.Context, domain string, r Resolver) (*dmarc.Record, string) {
	txts, err := r.LookupTXT(ctx, "_dmarc."+domain)
	if err != nil {
		var dnsErr *net.DNSError
		if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
			return nil, ResultNone
		}
		return nil, ResultTempError
	}
	var records []string
	for _, t := range txts {
		if strings.HasPrefix(strings.TrimSpace(t), "v=DMARC1") {
			records = append(records, t)
		}
	}
	if len(records) != 1 {
		return nil, ResultNone // RFC 7489 §6.6.3: none or several means no policy
	}
	rec, err := dmarc.Parse(records[0])
	if err != nil {
		return nil, ResultPermError
	}
	return rec, ""
}

// orgDomain returns the organizational domain of domain (RFC 7489 §3.2):
// its public suffix after the Public Suffix List plus one label. A name
// that is itself a public suffix (or not a valid name) is its own
// organizational domain, so it aligns with nothing but itself.
func orgDomain(domain string) string {
	org, err := publicsuffix.EffectiveTLDPlusOne(domain)
	if err != nil {
		return domain
	}
	return org
}

func aligned(from, other string, mode dmarc.AlignmentMode) bool {
	other = normDomain(other)
	if other == "" {
		return false
	}
	if mode == dmarc.AlignmentStrict {
		return from == other
	}
	return orgDomain(from) == orgDomain(other)
}
