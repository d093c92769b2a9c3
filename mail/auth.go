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
	// SPF is the SPF result for the MAIL FROM domain (the HELO domain for
	// an empty MAIL FROM): "pass", "fail", "softfail", "neutral", "none",
	// "temperror" or "permerror".
	SPF string
	// SPFDomain is the domain SPF was evaluated for.
	SPFDomain string
	// DMARC is "pass" when an aligned DKIM or SPF pass exists and the From
	// domain publishes a DMARC record; "none" without a record; "fail",
	// "temperror" or "permerror" otherwise.
	DMARC string
	// DMARCPolicy is the p= of the record found ("none", "quarantine",
	// "reject"), or "".
	DMARCPolicy string
	// FromDomain is the lowercased domain of the single From: address, or
	// "" if the message has none or several.
	FromDomain string
	// DMARCPass is DMARC == "pass": the only result that may count as
	// possession of the From address.
	DMARCPass bool
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
	res.FromDomain = fromDomain(raw)
	res.DKIM, res.DKIMDomains = checkDKIM(ctx, raw, r)
	res.SPF, res.SPFDomain = checkSPF(ctx, remoteIP, helo, mailFrom, r)
	res.DMARC, res.DMARCPolicy = checkDMARC(ctx, &res, r)
	res.DMARCPass = res.DMARC == ResultPass
	return res
}

// fromDomain returns the domain of the single From: mailbox of raw, or "".
func fromDomain(raw []byte) string {
	h, err := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(raw)))
	if err != nil {
		return ""
	}
	mh := gomail.Header{Header: message.Header{Header: h}}
	if len(mh.Values("From")) != 1 {
		return "" // RFC 7489 §6.6.1: several From fields cannot pass
	}
	list, err := mh.AddressList("From")
	if err != nil || len(list) != 1 {
		return ""
	}
	at := strings.LastIndexByte(list[0].Address, '@')
	if at < 0 {
		return ""
	}
	return normDomain(list[0].Address[at+1:])
}

func normDomain(d string) string {
	return strings.ToLower(strings.TrimSuffix(strings.TrimSpace(d), "."))
}

func checkDKIM(ctx context.Context, raw []byte, r Resolver) (string, []string) {
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
	var passed []string
	temp, perm := false, false
	for _, v := range verifs {
		switch {
		case v.Err == nil:
			passed = append(passed, normDomain(v.Domain))
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
	for _, d := range res.DKIMDomains {
		if aligned(from, d, rec.DKIMAlignment) {
			return ResultPass, policy
		}
	}
	if res.SPF == ResultPass && aligned(from, res.SPFDomain, rec.SPFAlignment) {
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
