package http

import (
	"bytes"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// attachmentCSP is the Content-Security-Policy of a served file: nothing
// in it may run, load or be framed, even when opened directly.
const attachmentCSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'"

// attachmentType returns the Content-Type a is served with and whether it
// is shown inline. Inline images are served as their sniffed type; every
// other file keeps its stored type when that parses, else
// application/octet-stream, and is a download.
func attachmentType(a *proofdesk.Attachment) (string, bool) {
	sniffed := http.DetectContentType(a.Data)
	stored, _, err := mime.ParseMediaType(a.ContentType)
	if slices.Contains(proofdesk.InlineImageTypes, sniffed) && err == nil && stored == sniffed {
		return sniffed, true
	}
	if err != nil || stored == "" {
		return "application/octet-stream", false
	}
	// Types a browser would run or render as a document of ours are
	// served as bytes; every download also carries nosniff and the CSP.
	switch {
	case stored == "text/html", stored == "image/svg+xml", strings.Contains(stored, "xml"), strings.Contains(stored, "javascript"):
		return "application/octet-stream", false
	}
	return mime.FormatMediaType(stored, nil), false
}

// ServeAttachment writes a decrypted attachment: Content-Disposition
// "attachment" for everything but the inline image types
// (proofdesk.InlineImageTypes, checked against the bytes), the file name
// sanitised and given in both filename (ASCII) and filename* (RFC 6266,
// RFC 8187 UTF-8), X-Content-Type-Options: nosniff, a sandboxing CSP, and
// no caching by shared caches.
func ServeAttachment(w http.ResponseWriter, r *http.Request, a *proofdesk.Attachment) {
	ct, inline := attachmentType(a)
	disp := "attachment"
	if inline && r.URL.Query().Get("download") == "" {
		disp = "inline"
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Disposition", ContentDisposition(disp, a.Filename))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", attachmentCSP)
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", strconv.Itoa(len(a.Data)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = bytes.NewReader(a.Data).WriteTo(w)
}

// ContentDisposition returns a Content-Disposition header value of type
// disp for a file name: name sanitised, an ASCII fallback in filename
// ("_" for each other character and for quotes and backslashes) and the
// name itself in filename* when it is not plain ASCII (RFC 6266 §4.3).
func ContentDisposition(disp, name string) string {
	name = proofdesk.SanitizeFilename(name)
	var ascii strings.Builder
	plain := true
	for _, r := range name {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' || r == ';' {
			ascii.WriteByte('_')
			plain = false
			continue
		}
		ascii.WriteRune(r)
	}
	v := disp + `; filename="` + ascii.String() + `"`
	if !plain {
		v += "; filename*=UTF-8''" + rfc8187(name)
	}
	return v
}

// rfc8187 percent-encodes s as an RFC 8187 ext-value: attr-char stays,
// every other byte is %XX.
func rfc8187(s string) string {
	const attrChar = "!#$&+-.^_`|~"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(attrChar, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(strconv.FormatInt(int64(c)|0x100, 16)[1:]))
	}
	return b.String()
}
