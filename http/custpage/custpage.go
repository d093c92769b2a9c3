// Package custpage holds what every customer-facing page shares (the /v/
// verification page, the /n/ "This wasn't me" and /erase/ pages, the /x/
// export download page, the /csat/ rating page): the HTML head and banner
// (head.html, Head), the stylesheet, the headers, the business's branding
// (name, logo, colour) and the choice of the visitor's language.
package custpage

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"net/http"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/locale"
)

//go:embed page.css
var pageCSS string

// Brand is the branding as a page shows it.
type Brand struct {
	Company   string
	LogoURL   string // https URL or ""
	Primary   string // "#rrggbb"
	OnPrimary string // text colour on Primary: "#ffffff" or "#111111"
}

// BrandOf returns b as a page shows it.
func BrandOf(b proofdesk.Branding) Brand {
	return Brand{Company: b.Company, LogoURL: b.LogoURL, Primary: b.Primary(), OnPrimary: b.ContrastText()}
}

// LoadBrand returns the stored branding, or company with the default
// colour when svc is nil or fails (a page is never refused for it).
func LoadBrand(ctx context.Context, svc proofdesk.BrandingService, company string) Brand {
	if svc != nil {
		if b, err := svc.FindBranding(ctx); err == nil && b.Company != "" {
			return BrandOf(*b)
		}
	}
	if company == "" {
		company = "Proofdesk"
	}
	return BrandOf(proofdesk.Branding{Company: company})
}

// Style returns the page's whole stylesheet for brand: page.css and the
// brand colours as custom properties. The colours are validated
// "#rrggbb" values (BrandOf), so nothing else reaches the CSS.
func Style(b Brand) string {
	return ":root{--brand:" + b.Primary + ";--on-brand:" + b.OnPrimary + "}\n" + pageCSS
}

// StyleHash is the CSP source that allows exactly style.
func StyleHash(style string) string {
	sum := sha256.Sum256([]byte(style))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// CSP is the pages' Content-Security-Policy for style: no script, the
// one stylesheet by hash, images only over https (the logo), forms posting
// to the page itself.
func CSP(style string) string {
	return "default-src 'none'; style-src " + StyleHash(style) + "; img-src https:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
}

// SetHeaders sets the headers of a page rendered with style: HTML, not
// stored or sniffed, no referrer, never framed, not indexed, and its CSP.
func SetHeaders(w http.ResponseWriter, style string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Pragma", "no-cache")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Robots-Tag", "noindex, nofollow")
	h.Set("Content-Security-Policy", CSP(style))
}

// Lang returns the language of a page for r: the customer's stored
// preference (stored, "" if unknown) first, then the browser's
// Accept-Language, then English.
func Lang(r *http.Request, stored string) string {
	return locale.Match(stored, r.Header.Get("Accept-Language"))
}
