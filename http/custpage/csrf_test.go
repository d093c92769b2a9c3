package custpage

import (
	"strings"
	"testing"
	"time"
)

func TestLinkCSRF(t *testing.T) {
	s := LinkCSRF{Key: []byte(strings.Repeat("k", 32)), Label: "test/v1", Path: "/v/", Prefix: "pd_v_", TTL: 30 * time.Minute}
	now := time.Unix(1000, 0).UTC()
	v := s.Sign("link-a", now)
	if !s.Valid("link-a", v, now) {
		t.Fatal("fresh token refused")
	}
	other := s
	other.Key = []byte(strings.Repeat("x", 32))
	label := s
	label.Label = "other/v1"
	for name, bad := range map[string]bool{
		"other link":   s.Valid("link-b", v, now),
		"expired":      s.Valid("link-a", v, now.Add(s.TTL)),
		"other key":    other.Valid("link-a", v, now),
		"other page":   label.Valid("link-a", v, now),
		"no dot":       s.Valid("link-a", strings.ReplaceAll(v, ".", ""), now),
		"empty":        s.Valid("link-a", "", now),
		"later expiry": s.Valid("link-a", "9"+v, now),
	} {
		if bad {
			t.Errorf("%s: accepted", name)
		}
	}
}
