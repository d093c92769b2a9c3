package notice

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

// csrfTTL is how long the page's button stays valid after the page was
// opened.
const csrfTTL = 30 * time.Minute

const csrfLabel = "proofdesk/notice/csrf/v1"

// MinKeySize is the minimum size of the CSRF key, in bytes.
const MinKeySize = 32

// csrfSigner makes the signed double-submit tokens of the page's form, as
// http/verifypage does: "<expiry unix>.<HMAC-SHA256(key, label,
// SHA-256(notice token), expiry)>", placed both in a hidden field and in
// a cookie scoped to /n/ (SameSite=Strict). A cross-site POST carries
// neither the cookie nor, without the key, a valid signature; a token is
// bound to one notice link.
type csrfSigner struct{ key []byte }

func linkHash(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

func (s csrfSigner) mac(token string, exp int64) string {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(csrfLabel))
	m.Write([]byte{0})
	m.Write(linkHash(token))
	m.Write([]byte{0})
	m.Write([]byte(strconv.FormatInt(exp, 10)))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (s csrfSigner) sign(token string, now time.Time) string {
	exp := now.Add(csrfTTL).Unix()
	return strconv.FormatInt(exp, 10) + "." + s.mac(token, exp)
}

func (s csrfSigner) valid(token, v string, now time.Time) bool {
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

// cookieName is per link, so that two notice pages open at once do not
// overwrite each other's cookie.
func cookieName(token string) string {
	return "pd_n_" + hex.EncodeToString(linkHash(token))[:16]
}

// issueCSRF sets the cookie and returns the value for the hidden field.
func (h *Handler) issueCSRF(w http.ResponseWriter, token string) string {
	v := h.csrf.sign(token, h.Now())
	http.SetCookie(w, &http.Cookie{
		Name: cookieName(token), Value: v, Path: "/n/", MaxAge: int(csrfTTL / time.Second),
		HttpOnly: true, Secure: h.SecureCookies, SameSite: http.SameSiteStrictMode,
	})
	return v
}

// validCSRF checks that the form field and the cookie are the same and
// carry a valid, unexpired signature for this link.
func (h *Handler) validCSRF(r *http.Request, token string) bool {
	field := r.PostForm.Get("csrf")
	c, err := r.Cookie(cookieName(token))
	if err != nil || field == "" || subtle.ConstantTimeCompare([]byte(field), []byte(c.Value)) != 1 {
		return false
	}
	return h.csrf.valid(token, field, h.Now())
}
