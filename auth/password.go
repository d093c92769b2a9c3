// Package auth holds the credentials logic of agents: argon2id password
// hashing, TOTP second factor, API tokens, session IDs, CSRF tokens and
// login throttling. It is pure: no storage, no transport.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/crypto/argon2"
)

// PasswordParams are the argon2id cost parameters.
type PasswordParams struct {
	Memory  uint32 // KiB
	Time    uint32 // iterations
	Threads uint8
	SaltLen uint32
	KeyLen  uint32
}

// DefaultPasswordParams is the second recommended option of RFC 9106 §4
// (m=64 MiB, t=3, p=4), for machines without 2 GiB to spare per login.
var DefaultPasswordParams = PasswordParams{Memory: 64 * 1024, Time: 3, Threads: 4, SaltLen: 16, KeyLen: 32}

// TestPasswordParams are cheap parameters for tests only: never use them
// for real passwords.
var TestPasswordParams = PasswordParams{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// Limits accepted when verifying a stored hash, so a forged hash string
// cannot make one login cost gigabytes.
const (
	maxMemory  = 1 << 20 // 1 GiB in KiB
	maxTime    = 16
	maxThreads = 16
)

var b64 = base64.RawStdEncoding

// HashPassword returns the argon2id hash of password in PHC string format:
// $argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>.
func HashPassword(password string, p PasswordParams) (string, error) {
	if p.Memory < 8*uint32(p.Threads) || p.Time < 1 || p.Threads < 1 || p.SaltLen < 8 || p.KeyLen < 16 {
		return "", fmt.Errorf("hash password: weak or invalid argon2id parameters")
	}
	salt := make([]byte, p.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.Memory, p.Time, p.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// errBadHash is returned for a stored hash that is not argon2id PHC.
var errBadHash = errors.New("stored password hash is not a valid argon2id PHC string")

// parseHash splits an argon2id PHC string.
func parseHash(encoded string) (p PasswordParams, salt, key []byte, err error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return p, nil, nil, errBadHash
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return p, nil, nil, errBadHash
	}
	var threads uint32
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &threads); err != nil {
		return p, nil, nil, errBadHash
	}
	if p.Memory > maxMemory || p.Time < 1 || p.Time > maxTime || threads < 1 || threads > maxThreads || p.Memory < 8*threads {
		return p, nil, nil, errBadHash
	}
	p.Threads = uint8(threads)
	if salt, err = b64.DecodeString(parts[4]); err != nil || len(salt) < 8 {
		return p, nil, nil, errBadHash
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 || len(key) > 128 {
		return p, nil, nil, errBadHash
	}
	p.SaltLen, p.KeyLen = uint32(len(salt)), uint32(len(key))
	return p, salt, key, nil
}

// VerifyPassword reports whether password matches the PHC-encoded argon2id
// hash. The comparison is constant-time. A malformed hash is an error.
func VerifyPassword(encoded, password string) (bool, error) {
	p, salt, key, err := parseHash(encoded)
	if err != nil {
		return false, err
	}
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return subtle.ConstantTimeCompare(got, key) == 1, nil
}

// NeedsRehash reports whether encoded was made with parameters other than
// p, so a caller can rehash after a successful login.
func NeedsRehash(encoded string, p PasswordParams) bool {
	got, _, _, err := parseHash(encoded)
	return err != nil || got.Memory != p.Memory || got.Time != p.Time || got.Threads != p.Threads || got.KeyLen != p.KeyLen
}

var (
	dummyOnce sync.Once
	dummyHash string
)

// DummyVerify spends the time of one verification with the default
// parameters. Call it when no account has the email given, so the response
// time does not tell which emails have accounts.
func DummyVerify(password string) {
	dummyOnce.Do(func() {
		dummyHash, _ = HashPassword("proofdesk-dummy-password", DefaultPasswordParams)
	})
	_, _ = VerifyPassword(dummyHash, password)
}

// GeneratePassword returns a random password of 26 base32 characters
// (128 bits) for `proofdesk agent create` when none is given.
func GeneratePassword() string {
	return rand.Text()
}
