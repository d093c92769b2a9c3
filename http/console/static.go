package console

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"path"
	"strings"
)

//go:embed static/*
var staticFS embed.FS

// staticFiles serves the embedded assets under content-hash names
// (console.3f2a1b9c.css) with a year-long cache lifetime.
type staticFiles struct {
	byURL  map[string]staticFile // hashed file name -> file
	byName map[string]string     // file name -> /static/hashed name
}

type staticFile struct {
	body  []byte
	ctype string
}

func newStaticFiles() *staticFiles {
	s := &staticFiles{byURL: map[string]staticFile{}, byName: map[string]string{}}
	entries, err := staticFS.ReadDir("static")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		b, err := staticFS.ReadFile("static/" + e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(b)
		ext := path.Ext(e.Name())
		hashed := strings.TrimSuffix(e.Name(), ext) + "." + hex.EncodeToString(sum[:4]) + ext
		ctype := "application/octet-stream"
		switch ext {
		case ".css":
			ctype = "text/css; charset=utf-8"
		case ".js":
			ctype = "text/javascript; charset=utf-8"
		case ".svg":
			ctype = "image/svg+xml"
		}
		s.byURL[hashed] = staticFile{body: b, ctype: ctype}
		s.byName[e.Name()] = "/static/" + hashed
	}
	return s
}

// url returns the hashed URL of an asset; it panics for an unknown one.
func (s *staticFiles) url(name string) string {
	u, ok := s.byName[name]
	if !ok {
		panic("console: no static file " + name)
	}
	return u
}

func (s *staticFiles) serve(w http.ResponseWriter, r *http.Request) {
	f, ok := s.byURL[r.PathValue("file")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", f.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(f.body)
}
