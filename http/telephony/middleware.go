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

// Signature returns the Twilio request signature of a POST to fullURL
// with params: base64(HMAC-SHA1(authToken, fullURL + each key+value, sorted
// by key then value)). The e2e tests of others sign with it too.
func Signature(authToken, fullURL string, params url.Values) string {
	pairs := make([]string, 0, len(params))
	for k, vs := range params {
		for _, v := range vs {
			pairs = append(pairs, k+v)
		}
	}
	sort.Strings(pairs)
	mac := hmac.New(sha1.New, []byte(authToken))
	mac.Write([]byte(fullURL))
	for _, p := range pairs {
		mac.Write([]byte(p))
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
