package auth

import (
	"bytes"
	"context"
	"crypto/subtle"
	"fmt"
	"image/png"
	"strings"
	"sync"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/proofdesk/proofdesk"
)

// totpPeriod is the TOTP time step (RFC 6238 default).
const totpPeriod = 30 * time.Second

var totpOpts = totp.ValidateOpts{Period: uint(totpPeriod / time.Second), Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// TOTPKey is a freshly generated TOTP secret, for enrolment.
type TOTPKey struct {
	Secret string // base32, to store with the agent
	URL    string // otpauth:// URL for authenticator apps
	PNG    []byte // QR code of URL, 256x256
}

// NewTOTPKey generates a TOTP secret (160 bits, SHA-1, 6 digits, 30 s,
// the settings every authenticator app supports) for account at issuer.
func NewTOTPKey(issuer, account string) (*TOTPKey, error) {
	key, err := totp.Generate(totp.GenerateOpts{Issuer: issuer, AccountName: account})
	if err != nil {
		return nil, fmt.Errorf("generate totp key: %w", err)
	}
	img, err := key.Image(256, 256)
	if err != nil {
		return nil, fmt.Errorf("totp qr code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("totp qr code: %w", err)
	}
	return &TOTPKey{Secret: key.Secret(), URL: key.URL(), PNG: buf.Bytes()}, nil
}

// ValidateTOTP checks code against secret at now, allowing one step of
// clock skew either way. It returns the time step the code belongs to, so
// callers can refuse a replay; ok is false for a wrong code.
func ValidateTOTP(secret, code string, now time.Time) (step int64, ok bool) {
	code = strings.TrimSpace(code)
	if len(code) != 6 {
		return 0, false
	}
	cur := now.Unix() / int64(totpPeriod/time.Second)
	found := int64(-1)
	for _, s := range []int64{cur - 1, cur, cur + 1} {
		want, err := totp.GenerateCodeCustom(secret, time.Unix(s*int64(totpPeriod/time.Second), 0), totpOpts)
		if err != nil {
			return 0, false
		}
		// Check every step so the time spent does not depend on which matched.
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 && found < 0 {
			found = s
		}
	}
	return found, found >= 0
}

// TOTPStepStore remembers the last TOTP time step accepted per agent.
type TOTPStepStore interface {
	// UseTOTPStep records step for agentID and returns true, or returns
	// false when that step or a later one was accepted before.
	UseTOTPStep(ctx context.Context, agentID string, step int64) (bool, error)
}

// TOTPVerifier validates codes and refuses a code whose step is not later
// than the last one accepted for the same agent (RFC 6238 §5.2), so a code
// seen over a shoulder or phished cannot be used again. Its store decides
// who shares that memory: nodes sharing one database share it.
type TOTPVerifier struct {
	st TOTPStepStore
}

// NewTOTPVerifier returns a verifier remembering steps in st; nil keeps
// them in this process's memory (one node).
func NewTOTPVerifier(st TOTPStepStore) *TOTPVerifier {
	if st == nil {
		st = &memTOTPSteps{last: map[string]int64{}}
	}
	return &TOTPVerifier{st: st}
}

// Verify checks code for agentID. It returns EUNAUTHORIZED for a wrong or
// replayed code, or the store's error.
func (v *TOTPVerifier) Verify(ctx context.Context, agentID, secret, code string, now time.Time) error {
	step, ok := ValidateTOTP(secret, code, now)
	if !ok {
		return proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Invalid authentication code.")
	}
	fresh, err := v.st.UseTOTPStep(ctx, agentID, step)
	if err != nil {
		return fmt.Errorf("totp: %w", err)
	}
	if !fresh {
		return proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Invalid authentication code.")
	}
	return nil
}

// memTOTPSteps is the in-memory TOTPStepStore of a single node.
type memTOTPSteps struct {
	mu   sync.Mutex
	last map[string]int64 // agent ID -> last accepted step
}

func (m *memTOTPSteps) UseTOTPStep(_ context.Context, agentID string, step int64) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if last, seen := m.last[agentID]; seen && step <= last {
		return false, nil
	}
	m.last[agentID] = step
	// Forget agents whose last code is too old to be replayed.
	if len(m.last) > 1024 {
		for id, s := range m.last {
			if s < step-2 {
				delete(m.last, id)
			}
		}
	}
	return true, nil
}
