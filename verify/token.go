package verify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/proofdesk/proofdesk"
)

// Token limits.
const (
	// MinTokenSecret is the minimum size of a per-installation token secret.
	MinTokenSecret = 32
	// DefaultMaxTokenLifetime caps exp-iat of a session token.
	DefaultMaxTokenLifetime = time.Hour
	// DefaultLeeway is the clock skew the wiring should allow by default.
	DefaultLeeway = 30 * time.Second
	// MaxLeeway is the largest clock skew a TokenVerifier accepts.
	MaxLeeway = 5 * time.Minute
	// maxTokenSize bounds the work done on an unauthenticated input.
	maxTokenSize = 8 << 10
	// maxClaimLen bounds sub and jti.
	maxClaimLen = 200
)

// Refusal messages of Verify; each is the Message of an EUNAUTHORIZED error.
const (
	MsgMalformed       = "malformed token"
	MsgAlgNotAllowed   = "algorithm not allowed"
	MsgTypeNotAllowed  = "token type not allowed"
	MsgBadSignature    = "bad signature"
	MsgExpired         = "token expired"
	MsgNotValidYet     = "token not valid yet"
	MsgIssuedInFuture  = "token issued in the future"
	MsgLifetimeTooLong = "token lifetime too long"
	MsgWrongAudience   = "wrong audience"
	MsgReplayed        = "token already used"
)

// ReplayStore remembers the jti of every accepted token until it expires.
type ReplayStore interface {
	// Seen records jti, to be kept until exp, and reports whether it was
	// already recorded (and not yet expired). It must be atomic: of two
	// concurrent calls with one jti, exactly one reports false.
	Seen(ctx context.Context, jti string, exp time.Time) (bool, error)
}

// MemoryReplayStore is a ReplayStore for a single node. Several nodes need
// a shared store (the SQL one in sqldb).
type MemoryReplayStore struct {
	mu    sync.Mutex
	seen  map[string]time.Time
	calls int
	// Now is the clock used to drop expired entries; time.Now if nil.
	Now func() time.Time
}

var _ ReplayStore = (*MemoryReplayStore)(nil)

// NewMemoryReplayStore returns an empty in-memory replay store.
func NewMemoryReplayStore() *MemoryReplayStore {
	return &MemoryReplayStore{seen: map[string]time.Time{}}
}

// Seen implements ReplayStore. Entries whose exp has passed (by Now) are
// dropped every 256 calls.
func (s *MemoryReplayStore) Seen(_ context.Context, jti string, exp time.Time) (bool, error) {
	now := time.Now()
	if s.Now != nil {
		now = s.Now()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = map[string]time.Time{}
	}
	s.calls++
	if s.calls%256 == 0 {
		for k, e := range s.seen {
			if now.After(e) {
				delete(s.seen, k)
			}
		}
	}
	if _, ok := s.seen[jti]; ok {
		return true, nil // kept until the sweep after exp; Verify refuses expired tokens anyway
	}
	s.seen[jti] = exp
	return false, nil
}

// Len returns the number of remembered jtis (for tests and metrics).
func (s *MemoryReplayStore) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.seen)
}

// TokenConfig configures a TokenVerifier.
type TokenConfig struct {
	// Secret is the per-installation HS256 secret, at least MinTokenSecret
	// bytes, shared with the business's backend.
	Secret []byte
	// Audience is the aud the tokens must carry, such as the installation's
	// base URL.
	Audience string
	// Leeway is the clock skew allowed on exp, nbf and iat (0 to
	// MaxLeeway; DefaultLeeway is a good value).
	Leeway time.Duration
	// MaxLifetime caps exp-iat; zero means DefaultMaxTokenLifetime.
	MaxLifetime time.Duration
	// Replay remembers used jtis. Required.
	Replay ReplayStore
}

// TokenVerifier verifies signed session tokens minted by the business's
// backend: HS256 JWTs, parsed by hand with the standard library.
type TokenVerifier struct {
	secret      []byte
	audience    string
	leeway      time.Duration
	maxLifetime time.Duration
	replay      ReplayStore
}

// NewTokenVerifier checks cfg and returns a verifier. Returns EINVALID for
// a short secret, an empty audience, a leeway out of range or no replay
// store.
func NewTokenVerifier(cfg TokenConfig) (*TokenVerifier, error) {
	switch {
	case len(cfg.Secret) < MinTokenSecret:
		return nil, proofdesk.Errorf(proofdesk.EINVALID, "token secret must be at least %d bytes", MinTokenSecret)
	case strings.TrimSpace(cfg.Audience) == "":
		return nil, proofdesk.Errorf(proofdesk.EINVALID, "token audience is required")
	case cfg.Leeway < 0 || cfg.Leeway > MaxLeeway:
		return nil, proofdesk.Errorf(proofdesk.EINVALID, "token leeway must be between 0 and %s", MaxLeeway)
	case cfg.MaxLifetime < 0:
		return nil, proofdesk.Errorf(proofdesk.EINVALID, "token max lifetime must not be negative")
	case cfg.Replay == nil:
		return nil, proofdesk.Errorf(proofdesk.EINVALID, "token replay store is required")
	}
	life := cfg.MaxLifetime
	if life == 0 {
		life = DefaultMaxTokenLifetime
	}
	return &TokenVerifier{
		secret:      bytes.Clone(cfg.Secret),
		audience:    cfg.Audience,
		leeway:      cfg.Leeway,
		maxLifetime: life,
		replay:      cfg.Replay,
	}, nil
}

// String hides the secret from %v and log output.
func (v *TokenVerifier) String() string {
	return fmt.Sprintf("verify.TokenVerifier{audience:%q secret:redacted}", v.audience)
}

// Identity is what a valid session token proves: the business's own
// logged-in user.
type Identity struct {
	// ExternalID is the sub claim: the customer's external id in the
	// business's records (Customer.ExternalID).
	ExternalID string
	// Email is the optional email claim, normalised, or "". It is the
	// business's statement, signed; it adds no factor of its own.
	Email     string
	JTI       string
	IssuedAt  time.Time
	ExpiresAt time.Time
}

// Factor returns the session factor the identity proves, at now.
func (id *Identity) Factor(now time.Time) Factor {
	return Factor{Kind: FactorSession, At: now.UTC()}
}

func refuse(msg string) error {
	return proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "%s", msg)
}

var b64 = base64.RawURLEncoding.Strict()

// Verify checks a session token at now and returns the identity it
// proves. The header must say alg HS256 (and typ JWT if it has a typ);
// this is checked before the signature, which is compared in constant
// time. Then: sub, exp, iat, aud and jti are required; exp is in the
// future, nbf (optional) and iat not beyond the leeway, exp-iat at most the
// maximum lifetime; aud (a string or an array) holds the configured
// audience; and the jti was not used before. Every refusal is an
// EUNAUTHORIZED error whose message is one of the Msg constants (a missing
// or ill-typed claim is MsgMalformed followed by the claim's name).
func (v *TokenVerifier) Verify(ctx context.Context, token string, now time.Time) (*Identity, error) {
	if len(token) == 0 || len(token) > maxTokenSize {
		return nil, refuse(MsgMalformed)
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" {
		return nil, refuse(MsgMalformed)
	}
	if err := checkHeader(parts[0]); err != nil {
		return nil, err
	}
	sig, err := b64.DecodeString(parts[2])
	if err != nil || len(sig) != sha256.Size {
		return nil, refuse(MsgBadSignature)
	}
	if !hmac.Equal(sig, sign(v.secret, parts[0], parts[1])) {
		return nil, refuse(MsgBadSignature)
	}
	c, err := parseClaims(parts[1])
	if err != nil {
		return nil, err
	}
	switch {
	case !now.Before(c.exp.Add(v.leeway)):
		return nil, refuse(MsgExpired)
	case c.nbf != nil && now.Add(v.leeway).Before(*c.nbf):
		return nil, refuse(MsgNotValidYet)
	case now.Add(v.leeway).Before(c.iat):
		return nil, refuse(MsgIssuedInFuture)
	case !c.exp.After(c.iat):
		return nil, refuse(MsgMalformed + ": exp must be after iat")
	case c.exp.Sub(c.iat) > v.maxLifetime:
		return nil, refuse(MsgLifetimeTooLong)
	case !contains(c.aud, v.audience):
		return nil, refuse(MsgWrongAudience)
	}
	seen, err := v.replay.Seen(ctx, c.jti, c.exp.Add(v.leeway))
	if err != nil {
		return nil, fmt.Errorf("replay store: %w", err)
	}
	if seen {
		return nil, refuse(MsgReplayed)
	}
	return &Identity{ExternalID: c.sub, Email: c.email, JTI: c.jti, IssuedAt: c.iat.UTC(), ExpiresAt: c.exp.UTC()}, nil
}

func sign(secret []byte, header, payload string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(header))
	m.Write([]byte{'.'})
	m.Write([]byte(payload))
	return m.Sum(nil)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// checkHeader allows exactly {"alg":"HS256"} plus an optional typ "JWT"
// and an optional kid; crit, duplicate keys and anything not JSON are
// refused.
func checkHeader(seg string) error {
	raw, err := decodeObject(seg)
	if err != nil {
		return refuse(MsgMalformed)
	}
	algRaw, ok := raw["alg"]
	if !ok {
		return refuse(MsgAlgNotAllowed)
	}
	var alg string
	if err := json.Unmarshal(algRaw, &alg); err != nil || alg != "HS256" {
		return refuse(MsgAlgNotAllowed)
	}
	if typRaw, ok := raw["typ"]; ok {
		var typ string
		if err := json.Unmarshal(typRaw, &typ); err != nil || !strings.EqualFold(typ, "JWT") {
			return refuse(MsgTypeNotAllowed)
		}
	}
	if _, ok := raw["crit"]; ok {
		return refuse(MsgMalformed + ": crit not supported")
	}
	return nil
}

// decodeObject base64url-decodes seg (no padding) and parses a JSON object,
// refusing duplicate keys so that two parsers can never read two different
// tokens out of one.
func decodeObject(seg string) (map[string]json.RawMessage, error) {
	b, err := b64.DecodeString(seg)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil || tok != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	out := map[string]json.RawMessage{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, ok := tok.(string)
		if !ok {
			return nil, errors.New("bad key")
		}
		if _, dup := out[key]; dup {
			return nil, errors.New("duplicate key")
		}
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return nil, err
		}
		out[key] = val
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return nil, errors.New("not a JSON object")
	}
	// Only blanks may follow the object: another value or bytes that are
	// no JSON at all ("}garbage") are refused alike.
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("trailing data")
	}
	return out, nil
}

type claims struct {
	sub, jti, email string
	aud             []string
	exp, iat        time.Time
	nbf             *time.Time
}

func parseClaims(seg string) (*claims, error) {
	raw, err := decodeObject(seg)
	if err != nil {
		return nil, refuse(MsgMalformed)
	}
	var c claims
	if c.sub, err = stringClaim(raw, "sub", true); err != nil {
		return nil, err
	}
	if c.jti, err = stringClaim(raw, "jti", true); err != nil {
		return nil, err
	}
	if c.email, err = stringClaim(raw, "email", false); err != nil {
		return nil, err
	}
	if c.email != "" {
		if c.email, err = proofdesk.NormalizeEmail(c.email); err != nil {
			return nil, refuse(MsgMalformed + ": email")
		}
	}
	if c.exp, err = dateClaim(raw, "exp"); err != nil {
		return nil, err
	}
	if c.iat, err = dateClaim(raw, "iat"); err != nil {
		return nil, err
	}
	if _, ok := raw["nbf"]; ok {
		nbf, err := dateClaim(raw, "nbf")
		if err != nil {
			return nil, err
		}
		c.nbf = &nbf
	}
	audRaw, ok := raw["aud"]
	if !ok {
		return nil, refuse(MsgMalformed + ": missing aud")
	}
	var one string
	if err := json.Unmarshal(audRaw, &one); err == nil {
		c.aud = []string{one}
	} else if err := json.Unmarshal(audRaw, &c.aud); err != nil || len(c.aud) == 0 {
		return nil, refuse(MsgMalformed + ": aud")
	}
	return &c, nil
}

func stringClaim(raw map[string]json.RawMessage, name string, required bool) (string, error) {
	r, ok := raw[name]
	if !ok {
		if required {
			return "", refuse(MsgMalformed + ": missing " + name)
		}
		return "", nil
	}
	var s string
	if err := json.Unmarshal(r, &s); err != nil || (required && strings.TrimSpace(s) == "") || len(s) > maxClaimLen {
		return "", refuse(MsgMalformed + ": " + name)
	}
	return s, nil
}

// dateClaim parses a NumericDate (seconds since the epoch, fractions
// allowed) that must be present.
func dateClaim(raw map[string]json.RawMessage, name string) (time.Time, error) {
	r, ok := raw[name]
	if !ok {
		return time.Time{}, refuse(MsgMalformed + ": missing " + name)
	}
	var n json.Number
	if len(r) == 0 || r[0] == '"' || json.Unmarshal(r, &n) != nil {
		return time.Time{}, refuse(MsgMalformed + ": " + name)
	}
	f, err := n.Float64()
	if err != nil || math.IsNaN(f) || f < 0 || f > 1e11 {
		return time.Time{}, refuse(MsgMalformed + ": " + name)
	}
	sec, frac := math.Modf(f)
	return time.Unix(int64(sec), int64(frac*1e9)).UTC(), nil
}

// Claims are what Mint puts in a token.
type Claims struct {
	// Subject is the customer's external id in the business's records.
	Subject string
	// Audience is the installation's configured audience.
	Audience  string
	IssuedAt  time.Time
	ExpiresAt time.Time
	// NotBefore is optional.
	NotBefore time.Time
	// ID is the jti; Mint generates a random one if empty.
	ID string
	// Email is optional.
	Email string
}

// Mint returns an HS256 JWT for claims signed with secret, as the
// business's backend would mint it (see MINTING.md). Proofdesk uses it in
// tests, the demo and `proofdesk token create`.
func Mint(c Claims, secret []byte) (string, error) {
	if len(secret) < MinTokenSecret {
		return "", proofdesk.Errorf(proofdesk.EINVALID, "token secret must be at least %d bytes", MinTokenSecret)
	}
	if c.Subject == "" || c.Audience == "" || c.IssuedAt.IsZero() || c.ExpiresAt.IsZero() {
		return "", proofdesk.Errorf(proofdesk.EINVALID, "sub, aud, iat and exp are required")
	}
	// JSON would replace invalid UTF-8 with U+FFFD: the token would name
	// another subject than the one asked for.
	for _, v := range []string{c.Subject, c.Audience, c.ID, c.Email} {
		if !utf8.ValidString(v) {
			return "", proofdesk.Errorf(proofdesk.EINVALID, "sub, aud, jti and email must be UTF-8 text")
		}
	}
	if c.ID == "" {
		var b [16]byte
		if _, err := rand.Read(b[:]); err != nil {
			return "", fmt.Errorf("jti: %w", err)
		}
		c.ID = base64.RawURLEncoding.EncodeToString(b[:])
	}
	p := map[string]any{"sub": c.Subject, "aud": c.Audience, "iat": c.IssuedAt.Unix(), "exp": c.ExpiresAt.Unix(), "jti": c.ID}
	if !c.NotBefore.IsZero() {
		p["nbf"] = c.NotBefore.Unix()
	}
	if c.Email != "" {
		p["email"] = c.Email
	}
	payload, err := json.Marshal(p)
	if err != nil {
		return "", fmt.Errorf("marshal claims: %w", err)
	}
	h := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	pl := base64.RawURLEncoding.EncodeToString(payload)
	return h + "." + pl + "." + base64.RawURLEncoding.EncodeToString(sign(secret, h, pl)), nil
}

// UserHash returns hex(HMAC-SHA256(secret, userID)), the Intercom-style
// user_hash a business's backend computes for its logged-in user.
func UserHash(secret []byte, userID string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(userID))
	return hex.EncodeToString(m.Sum(nil))
}

// CheckUserHash reports whether hash is hex(HMAC-SHA256(secret, userID)),
// comparing in constant time (hex in either case). A user_hash never
// expires and cannot be replay-protected: it is for teams migrating from
// Intercom-style setups; signed session tokens are the better choice.
func CheckUserHash(secret []byte, userID, hash string) bool {
	if len(secret) < MinTokenSecret || userID == "" || len(hash) != 2*sha256.Size {
		return false
	}
	got, err := hex.DecodeString(hash)
	if err != nil {
		return false
	}
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(userID))
	return hmac.Equal(got, m.Sum(nil))
}
