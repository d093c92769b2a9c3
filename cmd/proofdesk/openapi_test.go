package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	legacyrouter "github.com/getkin/kin-openapi/routers/legacy"

	"github.com/proofdesk/proofdesk/http/api"
)

// The OpenAPI document (http/api/openapi.json) describes the whole REST
// API: every /api/ route of the server `proofdesk serve` builds has its
// description and every description its route; the document is valid
// OpenAPI 3.1; and every answer the authorization matrix records from the
// API (thousands, every route, every actor, 2xx and errors) matches the
// schema of its route and status (validateRecorded, called by the matrix).

// recordedResponse is one API request of the matrix and its answer.
type recordedResponse struct {
	method, target string // target: path and query
	status         int
	header         http.Header
	body           []byte
}

func (e *authzEnv) record(req *http.Request, _ string, resp *http.Response, body []byte) {
	if !strings.HasPrefix(req.URL.Path, "/api/") {
		return
	}
	e.recorded = append(e.recorded, recordedResponse{method: req.Method, target: req.URL.RequestURI(), status: resp.StatusCode,
		header: resp.Header.Clone(), body: body})
}

func loadOpenAPI(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.OpenAPI)
	if err != nil {
		t.Fatalf("http/api/openapi.json does not load: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("http/api/openapi.json is not a valid OpenAPI document: %v", err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Fatalf("http/api/openapi.json declares openapi %q, want 3.1", doc.OpenAPI)
	}
	return doc
}

func TestOpenAPI_EveryRouteDescribed(t *testing.T) {
	doc := loadOpenAPI(t)
	m := NewMain()
	m.Config.DataDir = t.TempDir()
	m.Config.Addr = "127.0.0.1:0"
	m.Getenv = func(k string) string {
		if k == "PROOFDESK_TWILIO_AUTH_TOKEN" {
			return "openapi-test" // mounts the telephony webhook
		}
		return ""
	}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Close() })

	var routes []string
	for _, r := range m.HTTPServer.Routes() {
		method, path, ok := strings.Cut(r, " ")
		if ok && strings.HasPrefix(path, "/api/") {
			routes = append(routes, method+" "+path)
		}
	}
	var problems []string
	for _, r := range routes {
		method, path, _ := strings.Cut(r, " ")
		item := doc.Paths.Value(path)
		if item == nil {
			problems = append(problems, fmt.Sprintf("route %s has no description: add paths[%q].%s to http/api/openapi.json", r, path, strings.ToLower(method)))
			continue
		}
		op := item.GetOperation(method)
		if op == nil {
			problems = append(problems, fmt.Sprintf("route %s has no description: add the %s operation to paths[%q] in http/api/openapi.json", r, strings.ToLower(method), path))
			continue
		}
		if len(op.Responses.Map()) == 0 || op.Summary == "" {
			problems = append(problems, fmt.Sprintf("route %s: its description lacks a summary or responses", r))
		}
	}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !slices.Contains(routes, method+" "+path) {
				problems = append(problems, fmt.Sprintf("paths[%q].%s in http/api/openapi.json describes no route of the server: remove it or register the route", path, strings.ToLower(method)))
			}
		}
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
	if len(routes) < 30 {
		t.Fatalf("only %d API routes found: the server was not fully mounted", len(routes))
	}

	// Served as it is in the repository.
	resp, err := http.Get(m.URL() + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !bytes.Equal(b, api.OpenAPI) {
		t.Fatalf("GET /api/v1/openapi.json: %d, %d bytes, want the embedded document", resp.StatusCode, len(b))
	}
}

// validateRecorded checks every recorded API answer against the document:
// its route and status are described and the body matches the schema of
// that status and content type.
func validateRecorded(t *testing.T, recs []recordedResponse) {
	t.Helper()
	doc := loadOpenAPI(t)
	doc.Servers = nil // match any host: the recorded targets are paths
	router, err := legacyrouter.NewRouter(doc)
	if err != nil {
		t.Fatalf("openapi router: %v", err)
	}
	seen := map[string]bool{}
	checked := 0
	for _, rec := range recs {
		u, _ := url.Parse("http://proofdesk.test" + rec.target)
		req := &http.Request{Method: rec.method, URL: u, Header: http.Header{}}
		route, params, err := router.FindRoute(req)
		if err != nil {
			key := rec.method + " " + u.Path
			if !seen[key] {
				seen[key] = true
				t.Errorf("openapi: %s %s has no description in http/api/openapi.json: %v", rec.method, u.Path, err)
			}
			continue
		}
		if rec.status == http.StatusSwitchingProtocols || rec.header.Get("Content-Type") == "text/event-stream" {
			continue
		}
		in := &openapi3filter.ResponseValidationInput{
			RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
				Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}},
			Status: rec.status, Header: rec.header, Body: io.NopCloser(bytes.NewReader(rec.body)),
			Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
		}
		checked++
		if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
			key := fmt.Sprintf("%s %s %d", rec.method, route.Path, rec.status)
			if !seen[key] {
				seen[key] = true
				t.Errorf("openapi: the answer to %s %s (route %s) with status %d does not match http/api/openapi.json: %v\nbody: %.400s",
					rec.method, rec.target, route.Path, rec.status, err, rec.body)
			}
		}
	}
	if checked < 100 {
		t.Errorf("openapi: only %d API answers validated", checked)
	}
	t.Logf("openapi: %d recorded API answers validated against http/api/openapi.json", checked)
}
