package vault

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Ciphertext prefixes. A value without its prefix is refused (fail closed).
const (
	sealPrefix = "enc:v1:"
	wrapPrefix = "wk:v1:"
)

// ErrUnknownMasterKey is returned when a data key is wrapped by a master
// key that is not in the keyring.
var ErrUnknownMasterKey = errors.New("data key is wrapped by a master key that is not configured")

// Vault wraps and unwraps data keys with the master keyring and caches
// unwrapped data keys in memory, each for at most CacheTTL.
type Vault struct {
	kr *Keyring

	mu    sync.RWMutex
	cache map[string]cachedKey
	// forgotten are the IDs Forget dropped (destroyed keys): a read that
	// took a key's wrapped row before its destruction and unwraps it
	// after gets the key but does not cache it again. Reset with the
	// cache at maxCached.
	forgotten map[string]struct{}
	// sweeping reports that a sweep of expired keys is scheduled.
	sweeping bool
	// now is the clock of the cache (time.Now; tests move it).
	now func() time.Time

	// lastReload throttles key-file checks for a new primary.
	reloadMu   sync.Mutex
	lastReload time.Time
}

// New returns a vault over kr.
func New(kr *Keyring) *Vault {
	return &Vault{kr: kr, cache: map[string]cachedKey{}, forgotten: map[string]struct{}{}, now: time.Now, lastReload: time.Now()}
}

// CacheTTL is how long an unwrapped data key is served from memory. Past
// it, Unwrap unwraps the key again from the wrapped form its caller read
// from the key's row, which an erasure deleted; a sweep every CacheTTL/2
// drops expired keys. So a destroyed key leaves the memory of every
// process within CacheTTL + CacheTTL/2 (90 s) of its destruction even if
// nobody tells the process (Forget): it cannot be unwrapped again.
const CacheTTL = time.Minute

type cachedKey struct {
	dk *DataKey
	at time.Time // when it was unwrapped
}

// Keyring returns the vault's keyring.
func (v *Vault) Keyring() *Keyring { return v.kr }

// DataKey is an unwrapped data key. It seals and opens fields.
type DataKey struct {
	ID   string
	aead cipher.AEAD
	mac  []byte // subkey for blind indexes
	// derive is the subkey of Derive.
	derive []byte
}

func newDataKey(id string, raw []byte) (*DataKey, error) {
	block, err := aes.NewCipher(raw)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	m := hmac.New(sha256.New, raw)
	m.Write([]byte("proofdesk blind index subkey"))
	d := hmac.New(sha256.New, raw)
	d.Write([]byte("proofdesk derived subkey"))
	return &DataKey{ID: id, aead: aead, mac: m.Sum(nil), derive: d.Sum(nil)}, nil
}

// Derive returns a 32-byte secret for one purpose, HMAC-SHA256 of label
// under a subkey of the data key (separate from the blind-index subkey),
// so each purpose gets its own key and none reveals another. Like the data
// key itself, a derived secret is never stored: it exists only where the
// master key can unwrap the data key. label names the purpose, e.g.
// "audit chain v1".
func (dk *DataKey) Derive(label string) []byte {
	m := hmac.New(sha256.New, dk.derive)
	m.Write([]byte(label))
	return m.Sum(nil)
}

func wrapAAD(dataKeyID string) []byte { return []byte("proofdesk data key\x00" + dataKeyID) }

// maybeReload picks up a new primary written to the key file by a
// rotation in another process; it checks at most once a second.
func (v *Vault) maybeReload(force bool) {
	v.reloadMu.Lock()
	defer v.reloadMu.Unlock()
	if !force && time.Since(v.lastReload) < time.Second {
		return
	}
	v.lastReload = time.Now()
	_ = v.kr.reload() // a failed reload keeps the keys already loaded
}

// NewDataKey creates a data key with the given ID and returns it with its
// wrapped form and the ID of the master key that wrapped it.
func (v *Vault) NewDataKey(id string) (dk *DataKey, wrapped, masterID string, err error) {
	v.maybeReload(false)
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return nil, "", "", err
	}
	dk, err = newDataKey(id, raw)
	if err != nil {
		return nil, "", "", err
	}
	wrapped, masterID, err = v.wrap(id, raw)
	if err != nil {
		return nil, "", "", err
	}
	v.put(dk)
	return dk, wrapped, masterID, nil
}

func (v *Vault) wrap(id string, raw []byte) (wrapped, masterID string, err error) {
	masterID, mk := v.kr.primaryKey()
	block, err := aes.NewCipher(mk)
	if err != nil {
		return "", "", err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return "", "", err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", "", err
	}
	ct := aead.Seal(nonce, nonce, raw, wrapAAD(id))
	return wrapPrefix + masterID + ":" + base64.RawStdEncoding.EncodeToString(ct), masterID, nil
}

func (v *Vault) unwrapRaw(id, wrapped string) ([]byte, error) {
	rest, ok := strings.CutPrefix(wrapped, wrapPrefix)
	if !ok {
		return nil, fmt.Errorf("data key %s: not a wrapped key", id)
	}
	masterID, b64, ok := strings.Cut(rest, ":")
	if !ok {
		return nil, fmt.Errorf("data key %s: malformed wrapped key", id)
	}
	mk, ok := v.kr.get(masterID)
	if !ok {
		v.maybeReload(true)
		if mk, ok = v.kr.get(masterID); !ok {
			return nil, fmt.Errorf("data key %s: master key %s: %w", id, masterID, ErrUnknownMasterKey)
		}
	}
	ct, err := base64.RawStdEncoding.DecodeString(b64)
	if err != nil {
		return nil, fmt.Errorf("data key %s: malformed wrapped key", id)
	}
	block, err := aes.NewCipher(mk)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	if len(ct) < aead.NonceSize() {
		return nil, fmt.Errorf("data key %s: malformed wrapped key", id)
	}
	raw, err := aead.Open(nil, ct[:aead.NonceSize()], ct[aead.NonceSize():], wrapAAD(id))
	if err != nil {
		return nil, fmt.Errorf("data key %s: master key %s does not open it (wrong key or tampered row)", id, masterID)
	}
	return raw, nil
}

// Unwrap returns the data key with the given ID from its wrapped form,
// from the cache when it was unwrapped less than CacheTTL ago.
func (v *Vault) Unwrap(id, wrapped string) (*DataKey, error) {
	v.mu.RLock()
	c, ok := v.cache[id]
	fresh := ok && v.now().Sub(c.at) < CacheTTL
	v.mu.RUnlock()
	if fresh {
		return c.dk, nil
	}
	var dk *DataKey
	raw, err := v.unwrapRaw(id, wrapped)
	if err != nil {
		return nil, err
	}
	if dk, err = newDataKey(id, raw); err != nil {
		return nil, err
	}
	v.put(dk)
	return dk, nil
}

// Cached returns the data key with that ID when it is in the cache
// (created or unwrapped by this process less than CacheTTL ago, since the
// cache last started over), else nil: a caller past it reads the wrapped
// row again, which an erasure deleted.
func (v *Vault) Cached(id string) *DataKey {
	v.mu.RLock()
	defer v.mu.RUnlock()
	if c, ok := v.cache[id]; ok && v.now().Sub(c.at) < CacheTTL {
		return c.dk
	}
	return nil
}

// Forget drops the data keys with these IDs from the cache, when they
// are destroyed: this process can no longer open what they sealed. They
// are not cached again: a read that took a key's wrapped row before the
// key store deleted it, and unwraps it after this, gets the key for
// itself (Unwrap), but later reads need the row, which is gone. (A key
// forgotten by an erasure that then rolled back still unwraps from its
// row each time; it is only not cached.)
func (v *Vault) Forget(ids ...string) {
	v.mu.Lock()
	if len(v.forgotten)+len(ids) > maxCached {
		v.forgotten = map[string]struct{}{}
	}
	for _, id := range ids {
		delete(v.cache, id)
		v.forgotten[id] = struct{}{}
	}
	v.mu.Unlock()
}

// Rewrap re-wraps a data key under the primary master key. It reports
// changed=false when the key already is wrapped by the primary.
func (v *Vault) Rewrap(id, wrapped string) (newWrapped, masterID string, changed bool, err error) {
	if strings.HasPrefix(wrapped, wrapPrefix+v.kr.Primary()+":") {
		return wrapped, v.kr.Primary(), false, nil
	}
	raw, err := v.unwrapRaw(id, wrapped)
	if err != nil {
		return "", "", false, err
	}
	newWrapped, masterID, err = v.wrap(id, raw)
	return newWrapped, masterID, err == nil, err
}

// maxCached bounds the data key cache; beyond it the cache starts over.
const maxCached = 200_000

func (v *Vault) put(dk *DataKey) {
	v.mu.Lock()
	if _, ok := v.forgotten[dk.ID]; ok {
		v.mu.Unlock()
		return // destroyed: Forget
	}
	if len(v.cache) >= maxCached {
		v.cache = map[string]cachedKey{}
	}
	v.cache[dk.ID] = cachedKey{dk: dk, at: v.now()}
	if !v.sweeping {
		v.sweeping = true
		time.AfterFunc(CacheTTL/2, v.sweep)
	}
	v.mu.Unlock()
}

// sweep drops the keys unwrapped CacheTTL ago or longer, and schedules
// itself again while keys remain.
func (v *Vault) sweep() {
	v.mu.Lock()
	defer v.mu.Unlock()
	now := v.now()
	for id, c := range v.cache {
		if now.Sub(c.at) >= CacheTTL {
			delete(v.cache, id)
		}
	}
	if len(v.cache) == 0 {
		v.sweeping = false
		return
	}
	time.AfterFunc(CacheTTL/2, v.sweep)
}

// Seal encrypts plaintext bound to aad (the row and field it belongs to)
// and returns "enc:v1:<data key id>:<base64>".
func (dk *DataKey) Seal(aad string, plaintext []byte) string {
	nonce := make([]byte, dk.aead.NonceSize())
	_, _ = rand.Read(nonce) // crypto/rand.Read does not fail on supported platforms
	ct := dk.aead.Seal(nonce, nonce, plaintext, []byte(aad))
	return sealPrefix + dk.ID + ":" + base64.RawStdEncoding.EncodeToString(ct)
}

// SealString is Seal for strings.
func (dk *DataKey) SealString(aad, s string) string { return dk.Seal(aad, []byte(s)) }

// Open decrypts a value sealed by Seal with the same aad. It fails for a
// value without the prefix, sealed by another data key, or moved to
// another row or field.
func (dk *DataKey) Open(aad, sealed string) ([]byte, error) {
	rest, ok := strings.CutPrefix(sealed, sealPrefix)
	if !ok {
		return nil, errors.New("open: value is not sealed (missing enc:v1: prefix)")
	}
	keyID, b64, ok := strings.Cut(rest, ":")
	if !ok || keyID != dk.ID {
		return nil, fmt.Errorf("open: value sealed by data key %q, not %q", keyID, dk.ID)
	}
	ct, err := base64.RawStdEncoding.DecodeString(b64)
	if err != nil || len(ct) < dk.aead.NonceSize() {
		return nil, errors.New("open: malformed ciphertext")
	}
	pt, err := dk.aead.Open(nil, ct[:dk.aead.NonceSize()], ct[dk.aead.NonceSize():], []byte(aad))
	if err != nil {
		return nil, fmt.Errorf("open: authentication failed for %s (wrong row or field, or tampered)", aad)
	}
	return pt, nil
}

// OpenString is Open for strings.
func (dk *DataKey) OpenString(aad, sealed string) (string, error) {
	b, err := dk.Open(aad, sealed)
	return string(b), err
}

// BlindIndex returns a keyed HMAC of a normalised value, so equal values
// can be found without decrypting. kind separates domains ("email",
// "phone"). Use one index data key for the whole installation.
func (dk *DataKey) BlindIndex(kind, normalized string) string {
	m := hmac.New(sha256.New, dk.mac)
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(normalized))
	return hex.EncodeToString(m.Sum(nil))
}
