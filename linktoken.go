package proofdesk

import (
	"encoding/base64"
	"regexp"
	"strings"
)

// This file is how the agent-facing view hides the tokens of the desk's
// own secret links (a verification request's /v/ link, an owner notice's
// /n/ link) in what a customer writes: a customer who pastes or forwards
// a request ("is this mail really from you?") hands over its link, with
// which an agent could answer the request as the customer. Mail security
// gateways rewrite links before the customer sees them (Microsoft
// Defender Safe Links: ...safelinks.protection.outlook.com/?url=<the link,
// percent-encoded>&data=...; Mimecast, Proofpoint and others alike), so
// the link is looked for in every percent-decoded reading of a URL too,
// and a token is also known by its shape alone wherever it stands.

// linkTokenRe finds the token of a verification request's link (/v/) or
// of an owner notice's "this wasn't me" link (/n/): 20 or more URL-safe
// base64 characters, the notice's two parts joined by a dot. The slashes
// may be underscores, as Proofpoint's URL Defense v2 writes them
// ("u=https-3A__desk.example.com_v_TOKEN").
var linkTokenRe = regexp.MustCompile(`[/_][vVnN][/_]([A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9_-]{20,})?)`)

// linkTokenLen is the length of a link token's random part: 32 bytes in
// unpadded base64url (verify.ValidLinkToken), also the length of an owner
// notice's signature (HMAC-SHA256).
const linkTokenLen = 43

// maxLinkDecodes bounds how many times a URL is percent-decoded: a link
// wrapped by one gateway, then another, is encoded twice or three times.
const maxLinkDecodes = 4

// hideLinkTokens hides the tokens of the desk's own secret links in s and
// reports whether it hid any. It finds them
//   - in a link as written: ".../v/TOKEN", ".../n/PAYLOAD.SIG";
//   - in a link percent-encoded inside another URL (RFC 3986 section
//     2.1), once or several times, as a query value or anywhere else:
//     "?url=https%3A%2F%2Fdesk.example.com%2Fv%2FTOKEN&data=...",
//     "%252Fv%252FTOKEN"; the token is hidden where it stands, or the
//     whole URL when it is spelled there with escapes of its own;
//   - by its shape alone: a run of exactly 43 URL-safe base64 characters
//     that decodes to 32 bytes, standing alone (a token copied without its
//     link, a notice's signature).
func hideLinkTokens(s string) (string, bool) {
	var toks []string // tokens to hide wherever they stand in s
	var runs [][2]int // runs of s to hide whole
	if strings.ContainsAny(s, "vVnN") && strings.ContainsAny(s, "/_") {
		for _, l := range linkTokenRe.FindAllStringSubmatchIndex(s, -1) {
			toks = append(toks, s[l[2]:l[3]])
		}
	}
	toks = appendBareTokens(toks, s)
	if strings.IndexByte(s, '%') >= 0 {
		for start := 0; start < len(s); {
			end := start
			for end < len(s) && !isURLStop(s[end]) {
				end++
			}
			if run := s[start:end]; strings.IndexByte(run, '%') >= 0 {
				found := encodedTokens(run)
				hideRun := false
				for _, t := range found {
					if strings.Contains(run, t) {
						toks = append(toks, t)
					} else {
						hideRun = true
					}
				}
				if hideRun {
					runs = append(runs, [2]int{start, end})
				}
			}
			start = end + 1
		}
	}
	if len(toks) == 0 && len(runs) == 0 {
		return s, false
	}
	// Whole runs first, from the end, then every spelling of a token.
	for i := len(runs) - 1; i >= 0; i-- {
		s = s[:runs[i][0]] + CodeHiddenText + s[runs[i][1]:]
	}
	for _, t := range toks {
		s = strings.ReplaceAll(s, t, CodeHiddenText)
	}
	return s, true
}

// isURLStop reports whether b ends a URL as it stands in text: white
// space, quotes and angle brackets (RFC 3986 appendix C).
func isURLStop(b byte) bool {
	switch b {
	case ' ', '\t', '\n', '\r', '"', '\'', '<', '>':
		return true
	}
	return false
}

// encodedTokens returns the link tokens found in the percent-decoded
// readings of run (decoded once, twice, ... up to maxLinkDecodes times,
// while decoding changes it).
func encodedTokens(run string) []string {
	var out []string
	for range maxLinkDecodes {
		dec, changed := percentDecode(run)
		if !changed {
			break
		}
		run = dec
		for _, l := range linkTokenRe.FindAllStringSubmatchIndex(run, -1) {
			out = append(out, run[l[2]:l[3]])
		}
		out = appendBareTokens(out, run)
	}
	return out
}

// percentDecode decodes the "%XX" escapes of s (RFC 3986 section 2.1),
// leniently: a "%" not followed by two hex digits stays as it is (where
// url.QueryUnescape would refuse the whole string), and "+" stays "+".
func percentDecode(s string) (string, bool) {
	i := strings.IndexByte(s, '%')
	if i < 0 {
		return s, false
	}
	b := make([]byte, 0, len(s))
	b = append(b, s[:i]...)
	changed := false
	for ; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			changed = true
			continue
		}
		b = append(b, s[i])
	}
	return string(b), changed
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// isTokenByte reports whether c is a URL-safe base64 character (RFC 4648
// section 5).
func isTokenByte(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_'
}

// appendBareTokens appends to toks every run of s of exactly linkTokenLen
// URL-safe base64 characters that decodes strictly to 32 bytes (the
// unused low bits of its last character zero, as a token's are): the
// shape of the desk's link tokens and notice signatures.
func appendBareTokens(toks []string, s string) []string {
	for i := 0; i < len(s); {
		if !isTokenByte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isTokenByte(s[j]) {
			j++
		}
		if j-i == linkTokenLen {
			if _, err := base64.RawURLEncoding.Strict().DecodeString(s[i:j]); err == nil {
				toks = append(toks, s[i:j])
			}
		}
		i = j
	}
	return toks
}
