package proofdesk

import (
	"net/url"
	"strings"
	"testing"
)

// TestHideLinkTokensWrapped: a link token is hidden in the link as
// written, percent-encoded inside a gateway's URL (once, twice, nested),
// in Proofpoint's underscore form, and alone; texts without a token pass
// unchanged.
func TestHideLinkTokensWrapped(t *testing.T) {
	const tok = "Qk3x9_aZ-0pLmN7rT2vWc8yHj5uE1sDfGhJkLbVnMcA" // 43 characters, strict
	if len(tok) != linkTokenLen {
		t.Fatalf("setup: token of %d characters", len(tok))
	}
	const notice = "YWdlbnQuY3VzdC4xNzAwMDAwMDAw." + tok
	link := "https://support.example.com/v/" + tok
	safe := func(u string) string {
		return "https://eur01.safelinks.protection.outlook.com/?url=" + url.QueryEscape(u) + "&data=05%7C02%7Cjane%40example.com%7C0&reserved=0"
	}
	hidden := []string{
		"Confirm it is you: " + link,
		"Is this from you? " + safe(link),
		"nested: " + safe(safe(link)),
		"double: https://gw.example.net/r?u=" + url.QueryEscape(url.QueryEscape(link)),
		"path-escaped: " + url.PathEscape(link),
		"proofpoint: https://urldefense.proofpoint.com/v2/url?u=https-3A__support.example.com_v_" + tok + "&d=DwMF&c=x",
		"the token alone: " + tok + ".",
		"notice: https://support.example.com/n/" + notice,
		"notice wrapped: " + safe("https://support.example.com/n/"+notice),
		// Every character of the token escaped: the whole URL goes.
		"escaped: https://gw.example.net/?url=" + escapeAll(link),
	}
	for _, s := range hidden {
		got, ok := hideLinkTokens(s)
		if !ok || strings.Contains(got, tok) || !strings.Contains(got, CodeHiddenText) {
			t.Errorf("not hidden: %q\n  -> %q", s, got)
		}
		dec := got
		for range 4 {
			dec, _ = percentDecode(dec)
		}
		if strings.Contains(dec, tok) {
			t.Errorf("hidden but decodable: %q -> %q", s, got)
		}
	}
	innocent := []string{
		"I am 100% sure the parcel never came, see https://track.example.org/?q=a%20b&id=ZX81",
		"order https://shop.example.com/orders/20240512-77812?ref=mail%2Fsummer",
		"my reference is some-long-identifier-of-forty-two-chars-x",
		"https://eur01.safelinks.protection.outlook.com/?url=" + url.QueryEscape("https://shop.example.com/returns") + "&data=05%7C02",
	}
	for _, s := range innocent {
		if got, ok := hideLinkTokens(s); ok || got != s {
			t.Errorf("innocent text changed: %q\n  -> %q", s, got)
		}
	}
}

// escapeAll percent-encodes every byte of s.
func escapeAll(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteString("%" + strings.ToUpper(string("0123456789abcdef"[s[i]>>4])+string("0123456789abcdef"[s[i]&15])))
	}
	return b.String()
}
