package main

import (
	"html/template"
	"net/http"
)

// demoShopPage is a stand-in for a customer's website with the chat widget
// embedded by its one script tag, served by the demo only.
var demoShopPage = template.Must(template.New("shop").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Demo shop</title>
<link rel="icon" href="data:,">
</head><body>
<h1>Demo shop</h1>
<p>This page stands in for your website. The chat button in the corner is the Proofdesk widget,
embedded with one tag: <code>&lt;script src="{{.}}/widget.js" data-proofdesk="{{.}}"&gt;&lt;/script&gt;</code></p>
<p>Chat as a customer here and answer as an agent in the console.</p>
<script src="{{.}}/widget.js" data-proofdesk="{{.}}"></script>
</body></html>`))

// demoShop serves the demo's host page for the chat widget.
func demoShop(base string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self' ws: wss:; img-src 'self' data:; frame-ancestors 'none'")
		_ = demoShopPage.Execute(w, base)
	})
}
