package telephony

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"log/slog"
	"net/http"
	"net/url"
	"sort"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// SignatureHeader carries the provider's request signature.
const SignatureHeader = "X-Twilio-Signature"

// maxFormBytes caps a webhook body; the provider's are about 1 KB.
const maxFormBytes = 64 << 10

// Signature returns the Twilio request signature (X-Twilio-Signature) of a
// POST to fullURL with params, by the provider's documented algorithm
// (Twilio, "Secure webhooks"): the full URL, then the parameters sorted by
// name (byte order, case-sensitive), each name immediately followed by its
// value, no delimiters; HMAC-SHA1 keyed with the auth token; base64. A name
// given several times contributes each of its values, sorted. The e2e
// tests of others sign with it too.
func Signature(authToken, fullURL string, params url.Values) string {
	names := make([]string, 0, len(params))
	for k := range params {
		names = append(names, k)
	}
	sort.Strings(names)
	mac := hmac.New(sha1.New, []byte(authToken))
	mac.Write([]byte(fullURL))
	for _, k := range names {
		vs := append([]string(nil), params[k]...)
		sort.Strings(vs)
		for _, v := range vs {
			mac.Write([]byte(k))
			mac.Write([]byte(v))
		}
	}
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// requireSignature answers 403 unless the request carries a valid
// signature over the public URL (BaseURL + path and query) and its POST
// parameters. The comparison is constant-time.
func (h *Handler) requireSignature(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
		if err := r.ParseForm(); err != nil {
			httpd.Error(w, r, proofdesk.Errorf(proofdesk.EINVALID, "The webhook body is not a valid form."))
			return
		}
		got := r.Header.Get(SignatureHeader)
		want := Signature(h.cfg.AuthToken, h.cfg.BaseURL+r.URL.RequestURI(), r.PostForm)
		if got == "" || !hmac.Equal([]byte(got), []byte(want)) {
			h.logger.Warn("telephony: request signature missing or wrong", slog.String("path", r.URL.Path), slog.Bool("signed", got != ""))
			httpd.Error(w, r, proofdesk.Errorf(proofdesk.EFORBIDDEN, "The request signature is missing or wrong."))
			return
		}
		next.ServeHTTP(w, r)
	})
}
