package api

import (
	_ "embed"
	"net/http"
)

// OpenAPI is the OpenAPI 3.1 description of the REST API, kept in the
// repository (http/api/openapi.json) and embedded. A test in cmd/proofdesk
// fails when a route of the server has no description, or a description
// no route, and validates recorded responses against its schemas.
//
//go:embed openapi.json
var OpenAPI []byte

// RegisterOpenAPI serves the document at GET /api/v1/openapi.json, to
// anyone: it describes the API, it holds no data.
func RegisterOpenAPI(r Router) {
	r.Handle("GET /api/v1/openapi.json", http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=300")
		_, _ = w.Write(OpenAPI)
	}))
}
