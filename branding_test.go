package proofdesk_test

import (
	"testing"

	"github.com/proofdesk/proofdesk"
)

func TestBranding_ValidateAndContrast(t *testing.T) {
	ok := proofdesk.Branding{Company: "  Acme Shop ", LogoURL: " https://cdn.acme.example/logo.png", PrimaryColor: "#0B5D3B"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	if ok.Company != "Acme Shop" || ok.LogoURL != "https://cdn.acme.example/logo.png" || ok.PrimaryColor != "#0b5d3b" {
		t.Fatalf("not normalised: %+v", ok)
	}
	for field, b := range map[string]proofdesk.Branding{
		"company":       {Company: " "},
		"company ":      {Company: "Acme\nBcc: x"},
		"logo_url":      {Company: "A", LogoURL: "javascript:alert(1)"},
		"logo_url ":     {Company: "A", LogoURL: "http://cdn.example/l.png"},
		"logo_url  ":    {Company: "A", LogoURL: "https://user:pw@cdn.example/l.png"},
		"primary_color": {Company: "A", PrimaryColor: "#12345"},
	} {
		err := b.Validate()
		var e *proofdesk.Error
		if proofdesk.ErrorCode(err) != proofdesk.EINVALID || !asError(err, &e) || e.Field != trim(field) {
			t.Errorf("%+v: err %v, want EINVALID on %s", b, err, trim(field))
		}
	}
	for color, want := range map[string]string{"": "#ffffff", "#0b5d3b": "#ffffff", "#ffd400": "#111111", "#ffffff": "#111111", "#000000": "#ffffff", "#777777": "#ffffff", "#999999": "#111111"} {
		if got := (proofdesk.Branding{PrimaryColor: color}).ContrastText(); got != want {
			t.Errorf("text on %q: %s, want %s", color, got, want)
		}
	}
	if p := (proofdesk.Branding{PrimaryColor: "red"}).Primary(); p != proofdesk.DefaultPrimaryColor {
		t.Errorf("invalid colour gives %s", p)
	}
}

func trim(s string) string {
	for len(s) > 0 && s[len(s)-1] == ' ' {
		s = s[:len(s)-1]
	}
	return s
}
