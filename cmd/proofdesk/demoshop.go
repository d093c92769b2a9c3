package main

import (
	"html/template"
	"net/http"
)

// demoShopPage is a stand-in for a customer's website with the chat widget
// embedded by its one script tag, served by the demo only.
var demoShopPage = template.Must(template.New("shop").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo shop</title>
<link rel="icon" href="data:,">
<style>
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2933;background:#f7f7f5}
header{background:#24323f;color:#fff;padding:1rem 1.25rem}
header h1{margin:0;font-size:1.25rem;letter-spacing:.02em}
main{max-width:56rem;margin:0 auto;padding:1.25rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:1rem;margin:1rem 0}
.card{background:#fff;border:1px solid #e2e2dd;border-radius:.5rem;padding:1rem}
.card h2{font-size:1rem;margin:0 0 .25rem}
.price{color:#52606d}
.note{background:#fff;border-left:4px solid #3b82f6;padding:.75rem 1rem;border-radius:.25rem;font-size:.9rem}
code{font-size:.8rem;word-break:break-all}
</style>
</head><body>
<header><h1>Demo shop</h1></header>
<main>
<p>Welcome. Questions about an order? Click the chat button in the corner.</p>
<div class="grid">
<div class="card"><h2>Linen shirt</h2><div class="price">€49.00</div></div>
<div class="card"><h2>Canvas tote</h2><div class="price">€19.00</div></div>
<div class="card"><h2>Wool scarf</h2><div class="price">€35.00</div></div>
</div>
<p class="note">This page stands in for your website. The chat button is the Proofdesk widget,
embedded with one tag: <code>&lt;script src="{{.}}/widget.js" data-proofdesk="{{.}}"&gt;&lt;/script&gt;</code>.
Chat here as the customer the demo printed, and answer as an agent in the console.</p>
</main>
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
