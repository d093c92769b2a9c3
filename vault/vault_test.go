package vault_test

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk/vault"
)

func randomKey(tb testing.TB) string {
	tb.Helper()
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		tb.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(b)
}

func mustVault(tb testing.TB, keys string) *vault.Vault {
	tb.Helper()
	kr, err := vault.ParseKeys(keys, "test")
	if err != nil {
		tb.Fatal(err)
	}
	return vault.New(kr)
}

func TestSealOpen(t *testing.T) {
	v := mustVault(t, randomKey(t))
	dk, wrapped, _, err := v.NewDataKey("dk_1")
	if err != nil {
		t.Fatal(err)
	}
	sealed := dk.SealString("customers|cus_1|dob", "1985-03-14")
	if strings.Contains(sealed, "1985") || !strings.HasPrefix(sealed, "enc:v1:dk_1:") {
		t.Fatalf("sealed=%q: want prefix with key id and no plaintext", sealed)
	}
	got, err := dk.OpenString("customers|cus_1|dob", sealed)
	if err != nil || got != "1985-03-14" {
		t.Fatalf("Open=%q, %v; want the plaintext", got, err)
	}
	// Moving the ciphertext to another row or field fails.
	for _, aad := range []string{"customers|cus_2|dob", "customers|cus_1|payment"} {
		if _, err := dk.OpenString(aad, sealed); err == nil {
			t.Fatalf("Open with aad %q succeeded, want failure", aad)
		}
	}
	// A value without the prefix is refused (fail closed).
	if _, err := dk.OpenString("customers|cus_1|dob", "1985-03-14"); err == nil {
		t.Fatal("Open of plaintext succeeded, want failure")
	}
	// Another data key cannot open it.
	other, _, _, _ := v.NewDataKey("dk_2")
	if _, err := other.OpenString("customers|cus_1|dob", sealed); err == nil {
		t.Fatal("Open with another data key succeeded")
	}
	// A fresh vault with the same master key unwraps the same data key.
	v2 := vault.New(v.Keyring())
	dk2, err := v2.Unwrap("dk_1", wrapped)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := dk2.OpenString("customers|cus_1|dob", sealed); err != nil || got != "1985-03-14" {
		t.Fatalf("Open after unwrap=%q, %v", got, err)
	}
	// The wrapped key is bound to its data key ID.
	if _, err := vault.New(v.Keyring()).Unwrap("dk_2", wrapped); err == nil {
		t.Fatal("Unwrap under another ID succeeded")
	}
}

func TestWrongMasterKey(t *testing.T) {
	v := mustVault(t, randomKey(t))
	_, wrapped, _, err := v.NewDataKey("dk_1")
	if err != nil {
		t.Fatal(err)
	}
	_, err = mustVault(t, randomKey(t)).Unwrap("dk_1", wrapped)
	if !errors.Is(err, vault.ErrUnknownMasterKey) {
		t.Fatalf("err=%v, want ErrUnknownMasterKey", err)
	}
}

func TestParseKeysErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", " ", "empty"},
		{"not base64", "!!!notbase64!!!", "not valid base64"},
		{"short", base64.StdEncoding.EncodeToString([]byte("short")), "decodes to 5 bytes, want 32"},
		{"second bad", randomKey(t) + ",abc", "entry 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := vault.ParseKeys(tt.in, vault.EnvVar)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err=%v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestKeyFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	kr, err := vault.LoadKeyring(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, vault.KeyFileName)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode=%v, want 0600", fi.Mode().Perm())
	}
	again, err := vault.LoadKeyring(dir, "")
	if err != nil || again.Primary() != kr.Primary() {
		t.Fatalf("reload: %v, primary %s want %s", err, again.Primary(), kr.Primary())
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := vault.LoadKeyring(dir, ""); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("err=%v, want a refusal of a world-readable key file", err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("garbage\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := vault.LoadKeyring(dir, ""); err == nil || !strings.Contains(err.Error(), "base64") {
		t.Fatalf("err=%v, want a malformed key error", err)
	}
	// The environment wins over the file.
	env := randomKey(t)
	kr, err = vault.LoadKeyring(dir, env)
	if err != nil || kr.Source() != vault.EnvVar {
		t.Fatalf("env keyring: %v, source %s", err, kr.Source())
	}
}

func TestRotationThroughFile(t *testing.T) {
	dir := t.TempDir()
	kr, err := vault.LoadKeyring(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	server := vault.New(kr)
	dk, wrapped, oldID, err := server.NewDataKey("dk_1")
	if err != nil {
		t.Fatal(err)
	}
	sealed := dk.SealString("a", "secret")

	newKR, err := vault.AddPrimaryToFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	if newKR.Primary() == oldID || len(newKR.IDs()) != 2 {
		t.Fatalf("after AddPrimary: primary %s ids %v", newKR.Primary(), newKR.IDs())
	}
	rot := vault.New(newKR)
	rewrapped, newID, changed, err := rot.Rewrap("dk_1", wrapped)
	if err != nil || !changed || newID != newKR.Primary() {
		t.Fatalf("Rewrap: %v changed=%v id=%s", err, changed, newID)
	}
	if _, _, changed, _ := rot.Rewrap("dk_1", rewrapped); changed {
		t.Fatal("second Rewrap changed the key again")
	}
	if err := vault.RetireFromFile(dir); err != nil {
		t.Fatal(err)
	}
	// The running server (old keyring in memory) follows the file.
	dk2, err := vault.New(kr).Unwrap("dk_1", rewrapped)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := dk2.OpenString("a", sealed); got != "secret" {
		t.Fatalf("got %q after rotation", got)
	}
	// Only the new key remains in the file: the old wrapping is dead.
	fresh, err := vault.LoadKeyring(dir, "")
	if err != nil || len(fresh.IDs()) != 1 {
		t.Fatalf("after retire: %v ids=%v", err, fresh.IDs())
	}
	if _, err := vault.New(fresh).Unwrap("dk_1", wrapped); !errors.Is(err, vault.ErrUnknownMasterKey) {
		t.Fatalf("old wrapping after retire: err=%v", err)
	}
}

func TestBlindIndex(t *testing.T) {
	v := mustVault(t, randomKey(t))
	dk, _, _, _ := v.NewDataKey("idx")
	a, b := dk.BlindIndex("email", "jane@example.com"), dk.BlindIndex("email", "jane@example.com")
	if a != b || strings.Contains(a, "jane") {
		t.Fatalf("index not deterministic or leaks: %s %s", a, b)
	}
	if a == dk.BlindIndex("phone", "jane@example.com") || a == dk.BlindIndex("email", "john@example.com") {
		t.Fatal("index collides across kind or value")
	}
	other, _, _, _ := v.NewDataKey("idx2")
	if a == other.BlindIndex("email", "jane@example.com") {
		t.Fatal("index does not depend on the key")
	}
}

func BenchmarkSealOpen(b *testing.B) {
	v := mustVault(b, randomKey(b))
	dk, _, _, _ := v.NewDataKey("dk")
	for b.Loop() {
		s := dk.SealString("customers|cus_1|address", "221B Baker Street, London NW1 6XE")
		if _, err := dk.OpenString("customers|cus_1|address", s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnwrap is a cache miss: what a key in use costs once every
// vault.CacheTTL.
func BenchmarkUnwrap(b *testing.B) {
	v := mustVault(b, randomKey(b))
	_, wrapped, _, err := v.NewDataKey("dk")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		v.Forget("dk")
		if _, err := v.Unwrap("dk", wrapped); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDerive: a derived secret is stable for the data key (also after the
// key is re-wrapped under a new master key), differs per label and per data
// key, and is not the blind-index subkey.
func TestDerive(t *testing.T) {
	v := mustVault(t, randomKey(t))
	dk, wrapped, _, err := v.NewDataKey("dk_sys")
	if err != nil {
		t.Fatal(err)
	}
	a := dk.Derive("audit chain v1")
	if len(a) != 32 {
		t.Fatalf("len=%d, want 32", len(a))
	}
	if bytes.Equal(a, dk.Derive("audit anchor v1")) {
		t.Fatal("two labels give the same secret")
	}
	other, _, _, _ := v.NewDataKey("dk_other")
	if bytes.Equal(a, other.Derive("audit chain v1")) {
		t.Fatal("secret does not depend on the data key")
	}
	// Unwrapped again by a fresh vault: same secret.
	again, err := vault.New(v.Keyring()).Unwrap("dk_sys", wrapped)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, again.Derive("audit chain v1")) {
		t.Fatal("secret is not stable across unwraps")
	}
	if hex.EncodeToString(a) == dk.BlindIndex("audit chain v1", "") {
		t.Fatal("derived secret equals a blind index")
	}
}
