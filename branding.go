package proofdesk

import (
	"context"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Branding is how the business appears on every customer-facing page
// (the /v/ verification page, the /n/ "This wasn't me" page) and in every
// email to customers: its name, logo and colours.
type Branding struct {
	// Company is the business's name, 1 to 100 characters ("Acme").
	Company string `json:"company"`
	// LogoURL is an https:// URL of the logo image, or "" for none.
	// Pages and emails load it from there; keep it on a host you trust.
	LogoURL string `json:"logo_url"`
	// PrimaryColor is the colour of headers and buttons, "#rrggbb"; ""
	// is the default blue. Text on it is white or near-black, whichever
	// contrasts more (ContrastText).
	PrimaryColor string `json:"primary_color"`
}

// DefaultPrimaryColor is the primary colour when none is set.
const DefaultPrimaryColor = "#1f4fc4"

var hexColor = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// Validate trims b and returns EINVALID naming the first bad field.
func (b *Branding) Validate() error {
	b.Company = strings.TrimSpace(b.Company)
	b.LogoURL = strings.TrimSpace(b.LogoURL)
	b.PrimaryColor = strings.ToLower(strings.TrimSpace(b.PrimaryColor))
	if b.Company == "" {
		return FieldError("company", "company is required")
	}
	if utf8.RuneCountInString(b.Company) > 100 || strings.ContainsAny(b.Company, "\r\n\t<>") {
		return FieldError("company", "company must be at most 100 characters, without line breaks or < >")
	}
	if b.LogoURL != "" {
		u, err := url.Parse(b.LogoURL)
		if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || len(b.LogoURL) > 2000 {
			return FieldError("logo_url", "logo_url must be an https:// URL of at most 2000 characters")
		}
	}
	if b.PrimaryColor != "" && !hexColor.MatchString(b.PrimaryColor) {
		return FieldError("primary_color", "primary_color must be a colour like #1f4fc4")
	}
	return nil
}

// Primary returns the primary colour, or DefaultPrimaryColor.
func (b Branding) Primary() string {
	if hexColor.MatchString(b.PrimaryColor) {
		return strings.ToLower(b.PrimaryColor)
	}
	return DefaultPrimaryColor
}

// ContrastText returns "#ffffff" or "#111111", whichever has the higher
// WCAG 2 contrast ratio against the primary colour.
func (b Branding) ContrastText() string {
	l := luminance(b.Primary())
	if (1.05)/(l+0.05) >= (l+0.05)/(luminance("#111111")+0.05) {
		return "#ffffff"
	}
	return "#111111"
}

// luminance is the WCAG 2 relative luminance of "#rrggbb".
func luminance(hex string) float64 {
	var c [3]float64
	for i := range c {
		v, _ := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		s := float64(v) / 255
		if s <= 0.03928 {
			c[i] = s / 12.92
		} else {
			c[i] = math.Pow((s+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
}

// BrandingService stores the installation's branding.
type BrandingService interface {
	// FindBranding returns the stored branding, or the defaults (the
	// company name given at start, no logo, the default colour).
	FindBranding(ctx context.Context) (*Branding, error)
	// UpdateBranding validates b (EINVALID naming the field), stores it
	// and audits the change.
	UpdateBranding(ctx context.Context, b *Branding) error
}
