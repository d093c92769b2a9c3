package custpage

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// MinKeySize is the minimum size of a LinkCSRF key, in bytes.
const MinKeySize = 32

// LinkCSRF makes and checks the signed double-submit tokens of the forms
// on a page opened from a link (the verification page /v/{token}, the
// "This wasn't me" page /n/{token}): "<expiry unix>.<HMAC-SHA256(key,
// label, SHA-256(link token), expiry)>", placed both in a hidden field and
// in a cookie scoped to the page's path (SameSite=Strict, HttpOnly). A
// forged cross-site POST carries neither a valid signature (no key) nor
// the cookie, and a token is bound to one link (OWASP CSRF Prevention
// Cheat Sheet: signed double-submit cookie).
type LinkCSRF struct {
	// Key signs the tokens: at least MinKeySize bytes, the same on every
	// node.
	Key []byte
	// Label separates the pages' tokens ("proofdesk/verifypage/csrf/v1").
	Label string
	// Path is the cookie's path ("/v/"); Prefix starts its name ("pd_v_").
	Path, Prefix string
	// TTL is how long a page's forms stay valid after it was opened.
	TTL time.Duration
}

func linkHash(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

func (s LinkCSRF) mac(token string, exp int64) string {
	m := hmac.New(sha256.New, s.Key)
	m.Write([]byte(s.Label))
	m.Write([]byte{0})
	m.Write(linkHash(token))
	m.Write([]byte{0})
	m.Write([]byte(strconv.FormatInt(exp, 10)))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// Sign returns a token for the link token, valid until now + TTL.
func (s LinkCSRF) Sign(token string, now time.Time) string {
	exp := now.Add(s.TTL).Unix()
	return strconv.FormatInt(exp, 10) + "." + s.mac(token, exp)
}

// Valid reports whether v is an unexpired token of this key and label for
// the link token.
func (s LinkCSRF) Valid(token, v string, now time.Time) bool {
	expStr, mac, ok := strings.Cut(v, ".")
	if !ok || len(v) > 128 {
		return false
	}
	exp, err := strconv.ParseInt(expStr, 10, 64)
	if err != nil || now.Unix() >= exp {
		return false
	}
	return hmac.Equal([]byte(mac), []byte(s.mac(token, exp)))
}

// cookieName is per link, so that two pages open at once do not
// overwrite each other's cookie.
func (s LinkCSRF) cookieName(token string) string {
	return s.Prefix + hex.EncodeToString(linkHash(token))[:16]
}

// Issue sets the cookie and returns the value for the hidden field
// "csrf".
func (s LinkCSRF) Issue(w http.ResponseWriter, token string, now time.Time, secure bool) string {
	v := s.Sign(token, now)
	http.SetCookie(w, &http.Cookie{
		Name: s.cookieName(token), Value: v, Path: s.Path, MaxAge: int(s.TTL / time.Second),
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteStrictMode,
	})
	return v
}

// Check reports whether the parsed form's field "csrf" and the cookie are
// the same and carry a valid, unexpired signature for this link.
func (s LinkCSRF) Check(r *http.Request, token string, now time.Time) bool {
	field := r.PostForm.Get("csrf")
	c, err := r.Cookie(s.cookieName(token))
	if err != nil || field == "" || subtle.ConstantTimeCompare([]byte(field), []byte(c.Value)) != 1 {
		return false
	}
	return s.Valid(token, field, now)
}
