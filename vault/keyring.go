// Package vault is Proofdesk's envelope encryption: a master key (or a
// keyring of them, during rotation) wraps one data key per owner (a
// customer, a conversation), and data keys seal individual fields with
// AES-256-GCM bound to their row and field. Blind indexes make contact
// points findable without decrypting anything.
package vault

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// KeyFileName is the name of the master key file in the data directory.
const KeyFileName = "master.key"

// EnvVar is the environment variable that may hold the master key(s).
const EnvVar = "PROOFDESK_MASTER_KEY"

// Keyring holds the master keys: the primary wraps new data keys, the
// others only unwrap (they are kept while a rotation is under way).
type Keyring struct {
	mu      sync.RWMutex
	primary string
	keys    map[string][]byte
	order   []string
	// path is the key file, or "" when the keys came from the environment.
	path string
}

// KeyID returns the identifier of a master key: a fingerprint that does
// not reveal the key.
func KeyID(key []byte) string {
	h := sha256.Sum256(append([]byte("proofdesk master key id\x00"), key...))
	return "mk_" + hex.EncodeToString(h[:6])
}

// ParseKeys parses a comma- or newline-separated list of base64 master keys,
// the first being the primary. source names where they came from, for errors.
func ParseKeys(s, source string) (*Keyring, error) {
	kr := &Keyring{keys: map[string][]byte{}}
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == '\r' || r == ' ' || r == '\t' })
	if len(fields) == 0 {
		return nil, fmt.Errorf("master key: %s is empty", source)
	}
	for i, f := range fields {
		key, err := base64.StdEncoding.DecodeString(f)
		if err != nil {
			key, err = base64.RawStdEncoding.DecodeString(f)
		}
		if err != nil {
			return nil, fmt.Errorf("master key: entry %d of %s is not valid base64", i+1, source)
		}
		if len(key) != 32 {
			return nil, fmt.Errorf("master key: entry %d of %s decodes to %d bytes, want 32 (base64 of 32 random bytes, e.g. `head -c32 /dev/urandom | base64`)", i+1, source, len(key))
		}
		id := KeyID(key)
		if _, dup := kr.keys[id]; dup {
			continue
		}
		kr.keys[id] = key
		kr.order = append(kr.order, id)
	}
	kr.primary = kr.order[0]
	return kr, nil
}

// LoadKeyring returns the master keys from envValue (the value of
// PROOFDESK_MASTER_KEY) when it is set, and otherwise from the key file in
// dataDir, which is created with mode 0600 and a fresh random key when
// missing. A key file readable by group or others is refused.
func LoadKeyring(dataDir, envValue string) (*Keyring, error) {
	if strings.TrimSpace(envValue) != "" {
		return ParseKeys(envValue, EnvVar)
	}
	path := filepath.Join(dataDir, KeyFileName)
	kr, err := readKeyFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dataDir, 0o700); err != nil {
			return nil, fmt.Errorf("master key: create data dir: %w", err)
		}
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, fmt.Errorf("master key: %w", err)
		}
		if err := writeKeyFile(path, [][]byte{key}, true); err != nil {
			return nil, err
		}
		return readKeyFile(path)
	}
	return kr, err
}

func readKeyFile(path string) (*Keyring, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("master key: %s has mode %v; it must be readable by its owner only (chmod 600)", path, fi.Mode().Perm())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("master key: %w", err)
	}
	kr, err := ParseKeys(string(b), path)
	if err != nil {
		return nil, err
	}
	kr.path = path
	return kr, nil
}

// writeKeyFile writes keys (primary first) atomically with mode 0600.
// With exclusive set it fails if the file exists.
func writeKeyFile(path string, keys [][]byte, exclusive bool) error {
	var buf bytes.Buffer
	for _, k := range keys {
		buf.WriteString(base64.StdEncoding.EncodeToString(k))
		buf.WriteByte('\n')
	}
	if exclusive {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return fmt.Errorf("master key: create %s: %w", path, err)
		}
		if _, err := f.Write(buf.Bytes()); err != nil {
			f.Close()
			return fmt.Errorf("master key: write %s: %w", path, err)
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return fmt.Errorf("master key: write %s: %w", path, err)
		}
		return f.Close()
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o600); err != nil {
		return fmt.Errorf("master key: write %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("master key: replace %s: %w", path, err)
	}
	return nil
}

// Primary returns the ID of the key that wraps new data keys.
func (kr *Keyring) Primary() string {
	kr.mu.RLock()
	defer kr.mu.RUnlock()
	return kr.primary
}

// IDs returns the key IDs, primary first.
func (kr *Keyring) IDs() []string {
	kr.mu.RLock()
	defer kr.mu.RUnlock()
	return append([]string(nil), kr.order...)
}

// Source says where the keys came from, for messages.
func (kr *Keyring) Source() string {
	if kr.path != "" {
		return kr.path
	}
	return EnvVar
}

func (kr *Keyring) get(id string) ([]byte, bool) {
	kr.mu.RLock()
	defer kr.mu.RUnlock()
	k, ok := kr.keys[id]
	return k, ok
}

func (kr *Keyring) primaryKey() (string, []byte) {
	kr.mu.RLock()
	defer kr.mu.RUnlock()
	return kr.primary, kr.keys[kr.primary]
}

// reload merges the key file's current keys into kr and adopts its
// primary, so a running server follows a rotation made by another process.
// Keys are never dropped from memory. It is a no-op for env keyrings.
func (kr *Keyring) reload() error {
	if kr.path == "" {
		return nil
	}
	fresh, err := readKeyFile(kr.path)
	if err != nil {
		return err
	}
	kr.mu.Lock()
	defer kr.mu.Unlock()
	for _, id := range fresh.order {
		if _, ok := kr.keys[id]; !ok {
			kr.keys[id] = fresh.keys[id]
			kr.order = append(kr.order, id)
		}
	}
	kr.primary = fresh.primary
	return nil
}

// AddPrimaryToFile generates a new master key and makes it the primary of
// the key file at dataDir, keeping the old keys for unwrapping. It returns
// the updated keyring. It refuses when the keys come from the environment:
// there the operator sets PROOFDESK_MASTER_KEY="new,old" instead.
func AddPrimaryToFile(dataDir string) (*Keyring, error) {
	path := filepath.Join(dataDir, KeyFileName)
	kr, err := readKeyFile(path)
	if err != nil {
		return nil, fmt.Errorf("master key: read %s: %w", path, err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	keys := [][]byte{key}
	for _, id := range kr.order {
		keys = append(keys, kr.keys[id])
	}
	if err := writeKeyFile(path, keys, false); err != nil {
		return nil, err
	}
	return readKeyFile(path)
}

// RetireFromFile rewrites the key file at dataDir with only its primary
// key. Call it only after every data key was re-wrapped.
func RetireFromFile(dataDir string) error {
	path := filepath.Join(dataDir, KeyFileName)
	kr, err := readKeyFile(path)
	if err != nil {
		return fmt.Errorf("master key: read %s: %w", path, err)
	}
	return writeKeyFile(path, [][]byte{kr.keys[kr.primary]}, false)
}

// Only returns a keyring holding just the key with that ID (for tests and
// tools that must prove a key is no longer needed), or nil if absent.
func (kr *Keyring) Only(id string) *Keyring {
	k, ok := kr.get(id)
	if !ok {
		return nil
	}
	return &Keyring{primary: id, keys: map[string][]byte{id: k}, order: []string{id}}
}
