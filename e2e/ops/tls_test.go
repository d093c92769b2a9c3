package ops_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
	"github.com/proofdesk/proofdesk/vault"
)

// selfSigned writes a certificate for 127.0.0.1 and its key as PEM files
// and returns their paths and a pool trusting it.
func selfSigned(t *testing.T, dir string) (certFile, keyFile string, pool *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "desk.test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, BasicConstraintsValid: true, IsCA: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, _ := x509.MarshalECPrivateKey(key)
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		t.Fatal(err)
	}
	c, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(c)
	return certFile, keyFile, pool
}

// TestTLS: `serve --tls-cert --tls-key` serves HTTPS itself (TLS 1.2 or
// later, HSTS, Secure cookies) and --http-redirect-addr sends every
// plain-HTTP request to the same path over HTTPS; a key that does not
// match the certificate stops startup with an error naming the files.
func TestTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, pool := selfSigned(t, dir)
	addr, redirect := e2etest.FreeAddr(t), e2etest.FreeAddr(t)
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	env := append(os.Environ(), vault.EnvVar+"="+base64.StdEncoding.EncodeToString(key))
	bin := e2etest.BuildBinary(t)

	// A key of another certificate is refused at start, in words.
	_, otherKey, _ := selfSigned(t, t.TempDir())
	bad := exec.Command(bin, "serve", "--data", filepath.Join(dir, "data"), "--addr", addr, "--tls-cert", certFile, "--tls-key", otherKey)
	bad.Env = env
	out, err := bad.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "do not load as a certificate and its key") {
		t.Fatalf("serve with a mismatched key: %v\n%s", err, out)
	}

	cmd := exec.Command(bin, "serve", "--data", filepath.Join(dir, "data"), "--addr", addr, "--tls-cert", certFile, "--tls-key", keyFile,
		"--http-redirect-addr", redirect)
	cmd.Env = env
	var logs strings.Builder
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("serve log:\n%s", logs.String())
		}
	})
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	base := "https://" + addr
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for {
		resp, err := client.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				if resp.TLS == nil || resp.TLS.Version < tls.VersionTLS12 {
					t.Fatalf("TLS state %+v", resp.TLS)
				}
				if !strings.Contains(resp.Header.Get("Strict-Transport-Security"), "max-age") {
					t.Errorf("no HSTS over HTTPS: %v", resp.Header)
				}
				break
			}
		}
		if ctx.Err() != nil {
			t.Fatalf("not ready over HTTPS: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// Plain HTTP on the TLS port is no way in.
	if resp, err := http.Get("http://" + addr + "/readyz"); err == nil {
		if resp.StatusCode == http.StatusOK {
			t.Errorf("plain HTTP on the HTTPS port answered 200")
		}
		resp.Body.Close()
	}
	// TLS 1.1 is refused.
	old := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MaxVersion: tls.VersionTLS11}}}
	if resp, err := old.Get(base + "/healthz"); err == nil {
		resp.Body.Close()
		t.Errorf("a TLS 1.1 client was served")
	}
	// The redirect keeps the path and query.
	for _, path := range []string{"/console/login", "/api/v1/conversations?status=open&limit=5"} {
		resp, err := client.Get("http://" + redirect + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusPermanentRedirect || resp.Header.Get("Location") != base+path {
			t.Errorf("GET http://%s%s: %d Location %q; want 308 to %s", redirect, path, resp.StatusCode, resp.Header.Get("Location"), base+path)
		}
	}
	resp, err := client.Get(base + "/console/login")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	for _, c := range resp.Cookies() {
		if !c.Secure {
			t.Errorf("cookie %s is not Secure over HTTPS", c.Name)
		}
	}
}
