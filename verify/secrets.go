package verify

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// KeySize is the minimum size of the server key given to NewSecrets.
const KeySize = 32

// CodeDigits is the number of digits of a verification code.
const CodeDigits = 6

// linkTokenBytes is the entropy of a link token: 256 bits.
const linkTokenBytes = 32

// Domain-separation labels: one subkey per use, so a code hash can never be
// mistaken for a token hash or anything else keyed by the server key.
const (
	labelCode  = "proofdesk/verify/code/v1"
	labelToken = "proofdesk/verify/link-token/v1"
)

// Secrets issues and checks the secret parts of challenges. Only keyed
// hashes (HMAC-SHA256) of codes and link tokens are meant to be stored; the
// plaintext goes to the customer's contact point and nowhere else.
type Secrets struct {
	codeKey  []byte
	tokenKey []byte
}

// NewSecrets derives the code and token keys from a server key of at least
// KeySize bytes. Returns EINVALID for a shorter key.
func NewSecrets(key []byte) (*Secrets, error) {
	if len(key) < KeySize {
		return nil, proofdesk.Errorf(proofdesk.EINVALID, "verification key must be at least %d bytes", KeySize)
	}
	return &Secrets{codeKey: derive(key, labelCode), tokenKey: derive(key, labelToken)}, nil
}

func derive(key []byte, label string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(label))
	return m.Sum(nil)
}

// String hides the keys from %v and log output.
func (s *Secrets) String() string { return "verify.Secrets{keys:redacted}" }

// Issued is a freshly generated challenge. Code and Token are the secrets
// sent to the customer's contact point; the store keeps ID, Number,
// Choices, CodeHash, TokenHash and ExpiresAt (see Issued.Challenge), never
// Code or Token.
type Issued struct {
	// ID is the challenge ID the code hash is bound to; use it as the
	// row's primary key.
	ID string
	// Code is the 6-digit code the customer types into the widget.
	Code string
	// Token is the URL-safe link token for /v/{token} (256 bits).
	Token string
	// Number is the 2-digit number (10–99) the agent reads to the requester.
	Number int
	// Choices holds Number and two distinct decoys, shuffled, for the page.
	Choices [3]int
	// CodeHash is HashCode(ID, Code).
	CodeHash string
	// TokenHash is HashToken(Token), the lookup key for /v/{token}.
	TokenHash string
	// ExpiresAt is when the challenge can no longer be completed.
	ExpiresAt time.Time
}

// String hides the code and token from %v and log output.
func (is *Issued) String() string {
	return fmt.Sprintf("verify.Issued{ID:%s Code:redacted Token:redacted ExpiresAt:%s}", is.ID, is.ExpiresAt.Format(time.RFC3339))
}

// NewChallenge generates a challenge from crypto/rand: a uniform 6-digit
// code, a 256-bit link token, a matching number in 10–99 with two distinct
// decoys (shuffled), and their keyed hashes. It expires at now+ttl; a ttl
// of zero or less means ChallengeTTL.
func (s *Secrets) NewChallenge(now time.Time, ttl time.Duration) (*Issued, error) {
	if ttl <= 0 {
		ttl = ChallengeTTL
	}
	n, err := uniform(1_000_000)
	if err != nil {
		return nil, err
	}
	code := fmt.Sprintf("%06d", n)
	var tb [linkTokenBytes]byte
	if _, err := rand.Read(tb[:]); err != nil {
		return nil, fmt.Errorf("link token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(tb[:])
	choices, number, err := numberChoices()
	if err != nil {
		return nil, err
	}
	id := proofdesk.NewID("chl")
	return &Issued{
		ID:        id,
		Code:      code,
		Token:     token,
		Number:    number,
		Choices:   choices,
		CodeHash:  s.HashCode(id, code),
		TokenHash: s.HashToken(token),
		ExpiresAt: now.Add(ttl).UTC(),
	}, nil
}

// uniform returns a uniform random integer in [0, n) by rejection sampling,
// so there is no modulo bias. n must be in (0, 2^32).
func uniform(n uint32) (uint32, error) {
	const space = uint64(1) << 32
	limit := space - space%uint64(n) // largest multiple of n that fits
	var b [4]byte
	for {
		if _, err := rand.Read(b[:]); err != nil {
			return 0, fmt.Errorf("random: %w", err)
		}
		v := uint64(binary.BigEndian.Uint32(b[:]))
		if v < limit {
			return uint32(v % uint64(n)), nil
		}
	}
}

// numberChoices picks the matching number and two distinct decoys in
// 10–99 and shuffles the three (Fisher–Yates with crypto/rand).
func numberChoices() ([3]int, int, error) {
	var c [3]int
	for i := 0; i < 3; {
		v, err := uniform(90)
		if err != nil {
			return c, 0, err
		}
		n := int(v) + 10
		if i > 0 && (n == c[0] || (i > 1 && n == c[1])) {
			continue
		}
		c[i] = n
		i++
	}
	number := c[0]
	for i := 2; i > 0; i-- {
		j, err := uniform(uint32(i + 1))
		if err != nil {
			return c, 0, err
		}
		c[i], c[j] = c[j], c[i]
	}
	return c, number, nil
}

// HashCode returns hex(HMAC-SHA256(codeKey, challengeID, code)). The hash
// is bound to the challenge ID, so equal codes of two challenges hash
// differently and a stored hash cannot be replayed onto another challenge.
// code should be in canonical form (6 digits; see NormalizeCode).
func (s *Secrets) HashCode(challengeID, code string) string {
	m := hmac.New(sha256.New, s.codeKey)
	var l [8]byte
	binary.BigEndian.PutUint64(l[:], uint64(len(challengeID)))
	m.Write(l[:])
	m.Write([]byte(challengeID))
	m.Write([]byte(code))
	return hex.EncodeToString(m.Sum(nil))
}

// HashToken returns hex(HMAC-SHA256(tokenKey, token)), the stored lookup
// key of a link token.
func (s *Secrets) HashToken(token string) string {
	m := hmac.New(sha256.New, s.tokenKey)
	m.Write([]byte(token))
	return hex.EncodeToString(m.Sum(nil))
}

// CheckCode reports whether given is the code whose hash is stored for the
// challenge. given is normalised first (spaces and dashes stripped); any
// other non-digit, or a wrong length, is false. The comparison is
// constant-time.
func (s *Secrets) CheckCode(stored, challengeID, given string) bool {
	code, ok := NormalizeCode(given)
	if !ok || stored == "" {
		return false
	}
	want := s.HashCode(challengeID, code)
	return subtle.ConstantTimeCompare([]byte(want), []byte(stored)) == 1
}

// NormalizeCode strips spaces, tabs and dashes from s and reports whether
// what is left is exactly CodeDigits ASCII digits. The http/widget side can
// also use it to hide a message that looks like a code from agents.
func NormalizeCode(s string) (string, bool) {
	if len(s) > 64 {
		return "", false
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '\t' || r == '-' || r == '\u00a0' || r == '\u2010' || r == '\u2011' || r == '\u2013':
		default:
			return "", false
		}
	}
	if b.Len() != CodeDigits {
		return "", false
	}
	return b.String(), true
}

// ValidLinkToken reports whether s has the shape of a link token (43
// base64url characters), so the /v/{token} handler can refuse garbage
// before hashing and looking it up.
func ValidLinkToken(s string) bool {
	if len(s) != base64.RawURLEncoding.EncodedLen(linkTokenBytes) {
		return false
	}
	_, err := base64.RawURLEncoding.Strict().DecodeString(s)
	return err == nil
}
