package outbox

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/emersion/go-msgauth/dkim"
)

// signedHeaders are the header fields every signature covers. A listed
// field the message lacks is signed as absent (RFC 6376 §5.4), so it cannot
// be added later without breaking the signature.
var signedHeaders = []string{"From", "To", "Subject", "Date", "Message-ID", "In-Reply-To", "References",
	"MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Auto-Submitted"}

// DKIMSigner signs outgoing mail for one domain and selector.
type DKIMSigner struct {
	domain   string
	selector string
	key      crypto.Signer
}

// NewDKIMSigner returns a signer for domain and selector with key, an
// *rsa.PrivateKey (2048 bits or more) or an ed25519.PrivateKey.
func NewDKIMSigner(domain, selector string, key crypto.Signer) (*DKIMSigner, error) {
	domain, selector = strings.TrimSpace(strings.ToLower(domain)), strings.TrimSpace(selector)
	if domain == "" || selector == "" {
		return nil, errors.New("dkim: domain and selector are required")
	}
	switch k := key.(type) {
	case *rsa.PrivateKey:
		if k.N.BitLen() < 1024 {
			return nil, errors.New("dkim: RSA key shorter than 1024 bits")
		}
	case ed25519.PrivateKey:
	default:
		return nil, fmt.Errorf("dkim: unsupported key type %T", key)
	}
	return &DKIMSigner{domain: domain, selector: selector, key: key}, nil
}

// LoadDKIMSigner reads a PEM private key (PKCS #8 RSA or Ed25519, or
// PKCS #1 RSA) from path and returns a signer for domain and selector.
// The key never appears in errors or logs.
func LoadDKIMSigner(path, domain, selector string) (*DKIMSigner, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("dkim: read key: %w", err)
	}
	key, err := ParseDKIMKey(b)
	if err != nil {
		return nil, err
	}
	return NewDKIMSigner(domain, selector, key)
}

// ParseDKIMKey parses a PEM private key for DKIM.
func ParseDKIMKey(pemBytes []byte) (crypto.Signer, error) {
	block, _ := pem.Decode(pemBytes)
	if block == nil {
		return nil, errors.New("dkim: no PEM block in key file")
	}
	switch block.Type {
	case "RSA PRIVATE KEY":
		k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return nil, errors.New("dkim: invalid PKCS #1 key")
		}
		return k, nil
	case "PRIVATE KEY":
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			return nil, errors.New("dkim: invalid PKCS #8 key")
		}
		s, ok := k.(crypto.Signer)
		if !ok {
			return nil, errors.New("dkim: key cannot sign")
		}
		return s, nil
	}
	return nil, fmt.Errorf("dkim: unsupported PEM block %q", block.Type)
}

// Sign returns msg with a DKIM-Signature header prepended (relaxed/relaxed
// canonicalization, SHA-256).
func (s *DKIMSigner) Sign(msg []byte) ([]byte, error) {
	var out bytes.Buffer
	if err := dkim.Sign(&out, bytes.NewReader(msg), &dkim.SignOptions{
		Domain: s.domain, Selector: s.selector, Signer: s.key,
		HeaderCanonicalization: dkim.CanonicalizationRelaxed,
		BodyCanonicalization:   dkim.CanonicalizationRelaxed,
		HeaderKeys:             signedHeaders,
	}); err != nil {
		return nil, fmt.Errorf("dkim sign: %w", err)
	}
	return out.Bytes(), nil
}
