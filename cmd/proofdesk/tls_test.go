package main

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func writeCert(t *testing.T, certFile, keyFile, name string) []byte {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: name},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, _ := x509.MarshalECPrivateKey(key)
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		t.Fatal(err)
	}
	return der
}

// TestCertReloader: a renewed certificate is served without a restart; a
// renewal that does not load keeps the previous certificate.
func TestCertReloader(t *testing.T) {
	dir := t.TempDir()
	cf, kf := filepath.Join(dir, "c.pem"), filepath.Join(dir, "k.pem")
	first := writeCert(t, cf, kf, "first")
	r, err := newCertReloader(cf, kf, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	serving := func() []byte {
		c, err := r.getCertificate(nil)
		if err != nil {
			t.Fatal(err)
		}
		return c.Certificate[0]
	}
	if !bytes.Equal(serving(), first) {
		t.Fatal("not serving the first certificate")
	}
	second := writeCert(t, cf, kf, "second")
	later := time.Now().Add(time.Minute)
	_ = os.Chtimes(cf, later, later)
	_ = os.Chtimes(kf, later, later)
	if !bytes.Equal(serving(), first) {
		t.Fatal("re-read before 10 s passed")
	}
	r.checked = time.Now().Add(-11 * time.Second)
	if !bytes.Equal(serving(), second) {
		t.Fatal("the renewed certificate is not served")
	}
	if err := os.WriteFile(kf, []byte("half a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	evenLater := later.Add(time.Minute)
	_ = os.Chtimes(kf, evenLater, evenLater)
	r.checked = time.Now().Add(-11 * time.Second)
	if !bytes.Equal(serving(), second) {
		t.Fatal("a broken renewal replaced the certificate")
	}
	if _, err := newCertReloader(cf, filepath.Join(dir, "missing.pem"), slog.New(slog.DiscardHandler)); err == nil {
		t.Fatal("a missing key file was accepted")
	}
}
