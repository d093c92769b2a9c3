package proofdesk

import (
	"crypto/rand"
	"encoding/base32"
	"strings"
)

var idEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewID returns a random identifier with the given prefix, such as
// "cus_K3J2...". IDs carry 100 random bits so they cannot be enumerated.
func NewID(prefix string) string {
	var b [13]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms.
	return prefix + "_" + strings.ToLower(idEncoding.EncodeToString(b[:])[:20])
}
