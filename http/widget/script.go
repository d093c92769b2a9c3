package widget

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"net/http"
	"strings"
)

//go:embed widget.js
var widgetJS []byte

// script is widget.js as served: plain and gzipped, with its ETag.
var script = func() struct {
	plain, gz []byte
	etag      string
} {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = zw.Write(widgetJS)
	_ = zw.Close()
	sum := sha256.Sum256(widgetJS)
	return struct {
		plain, gz []byte
		etag      string
	}{widgetJS, buf.Bytes(), `"` + hex.EncodeToString(sum[:8]) + `"`}
}()

// handleScript serves GET /widget.js. Its URL is fixed (site owners paste
// it), so it is cached briefly and revalidated by ETag.
func (h *Handler) handleScript(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd.Set("Content-Type", "text/javascript; charset=utf-8")
	hd.Set("Cache-Control", "public, max-age=300")
	hd.Set("ETag", script.etag)
	hd.Set("Vary", "Accept-Encoding")
	hd.Set("Cross-Origin-Resource-Policy", "cross-origin")
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, script.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := script.plain
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		hd.Set("Content-Encoding", "gzip")
		body = script.gz
	}
	_, _ = w.Write(body)
}
