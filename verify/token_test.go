package verify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/proofdesk/proofdesk"
)

var (
	testSecret = bytes.Repeat([]byte("s"), MinTokenSecret)
	testAud    = "https://desk.example.com"
)

// MustVerifier returns a verifier with a 30s leeway and a fresh in-memory
// replay store.
func MustVerifier(tb testing.TB) *TokenVerifier {
	tb.Helper()
	v, err := NewTokenVerifier(TokenConfig{Secret: testSecret, Audience: testAud, Leeway: DefaultLeeway, Replay: NewMemoryReplayStore()})
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// validPayload returns the claims of a token valid at t0.
func validPayload() map[string]any {
	return map[string]any{
		"sub": "ext-42", "aud": testAud, "iat": t0.Add(-time.Minute).Unix(),
		"exp": t0.Add(4 * time.Minute).Unix(), "jti": "jti-1", "email": "Jane@Example.com",
	}
}

// validJSON is validPayload as JSON text.
func validJSON(tb testing.TB) string {
	b, err := json.Marshal(validPayload())
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// rawToken encodes header and payload (JSON values, or raw strings used
// as-is) and signs them with secret.
func rawToken(tb testing.TB, header, payload any, secret []byte) string {
	tb.Helper()
	enc := func(v any) string {
		if s, ok := v.(string); ok {
			return base64.RawURLEncoding.EncodeToString([]byte(s))
		}
		b, err := json.Marshal(v)
		if err != nil {
			tb.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	h, p := enc(header), enc(payload)
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(h + "." + p))
	return h + "." + p + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

var hs256 = map[string]any{"alg": "HS256", "typ": "JWT"}

func with(p map[string]any, kv ...any) map[string]any {
	out := map[string]any{}
	for k, v := range p {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(out, kv[i].(string))
		} else {
			out[kv[i].(string)] = kv[i+1]
		}
	}
	return out
}

func TestVerify_HappyPath(t *testing.T) {
	v := MustVerifier(t)
	tok, err := Mint(Claims{Subject: "ext-42", Audience: testAud, IssuedAt: t0, ExpiresAt: t0.Add(5 * time.Minute), ID: "abc", Email: "Jane@Example.com"}, testSecret)
	if err != nil {
		t.Fatal(err)
	}
	id, err := v.Verify(context.Background(), tok, t0.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	want := &Identity{ExternalID: "ext-42", Email: "jane@example.com", JTI: "abc", IssuedAt: t0, ExpiresAt: t0.Add(5 * time.Minute)}
	if diff := cmp.Diff(want, id); diff != "" {
		t.Fatalf("Identity (-want +got):\n%s", diff)
	}
	if got := LevelFrom([]Factor{id.Factor(t0)}); got != proofdesk.L1 {
		t.Fatalf("level=%s, want L1", got)
	}
}

func TestVerify_Accepts(t *testing.T) {
	tests := []struct {
		name    string
		header  any
		payload any
		now     time.Time
	}{
		{"aud array", hs256, with(validPayload(), "aud", []string{"other", testAud}), t0},
		{"no typ", map[string]any{"alg": "HS256"}, validPayload(), t0},
		{"typ lowercase", map[string]any{"alg": "HS256", "typ": "jwt"}, validPayload(), t0},
		{"kid ignored", map[string]any{"alg": "HS256", "kid": "k1"}, validPayload(), t0},
		{"nbf passed", hs256, with(validPayload(), "nbf", t0.Unix()), t0},
		{"nbf inside leeway", hs256, with(validPayload(), "nbf", t0.Add(20*time.Second).Unix()), t0},
		{"iat inside leeway", hs256, with(validPayload(), "iat", t0.Add(20*time.Second).Unix()), t0},
		{"exp just past, inside leeway", hs256, validPayload(), t0.Add(4*time.Minute + 20*time.Second)},
		{"fractional dates", hs256, with(validPayload(), "iat", float64(t0.Unix())+0.5), t0.Add(time.Second)},
		{"no email", hs256, with(validPayload(), "email", nil), t0},
		{"lifetime exactly max", hs256, with(validPayload(), "iat", t0.Add(-30*time.Minute).Unix(), "exp", t0.Add(30*time.Minute).Unix()), t0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := MustVerifier(t).Verify(context.Background(), rawToken(t, tt.header, tt.payload, testSecret), tt.now); err != nil {
				t.Fatalf("err=%v", err)
			}
		})
	}
}

func TestVerify_Refusals(t *testing.T) {
	good := rawToken(t, hs256, validPayload(), testSecret)
	parts := strings.Split(good, ".")
	otherSecret := bytes.Repeat([]byte("x"), MinTokenSecret)
	tests := []struct {
		name  string
		token string
		now   time.Time
		want  string
	}{
		// Time.
		{"expired", good, t0.Add(4*time.Minute + 30*time.Second), MsgExpired},
		{"expired long ago", good, t0.Add(24 * time.Hour), MsgExpired},
		{"not valid yet (nbf)", rawToken(t, hs256, with(validPayload(), "nbf", t0.Add(2*time.Minute).Unix()), testSecret), t0, MsgNotValidYet},
		{"issued in the future", rawToken(t, hs256, with(validPayload(), "iat", t0.Add(2*time.Minute).Unix()), testSecret), t0, MsgIssuedInFuture},
		{"lifetime too long", rawToken(t, hs256, with(validPayload(), "exp", t0.Add(2*time.Hour).Unix()), testSecret), t0, MsgLifetimeTooLong},
		{"exp equals iat", rawToken(t, hs256, with(validPayload(), "iat", t0.Unix(), "exp", t0.Unix()), testSecret), t0, MsgMalformed + ": exp must be after iat"},
		// Signature.
		{"wrong secret", rawToken(t, hs256, validPayload(), otherSecret), t0, MsgBadSignature},
		{"signature truncated", parts[0] + "." + parts[1] + "." + parts[2][:20], t0, MsgBadSignature},
		{"signature empty", parts[0] + "." + parts[1] + ".", t0, MsgBadSignature},
		{"signature padded", good + "=", t0, MsgBadSignature},
		// Audience.
		{"wrong audience", rawToken(t, hs256, with(validPayload(), "aud", "https://other.example.com"), testSecret), t0, MsgWrongAudience},
		{"wrong audience array", rawToken(t, hs256, with(validPayload(), "aud", []string{"a", "b"}), testSecret), t0, MsgWrongAudience},
		{"missing aud", rawToken(t, hs256, with(validPayload(), "aud", nil), testSecret), t0, MsgMalformed + ": missing aud"},
		{"empty aud array", rawToken(t, hs256, with(validPayload(), "aud", []string{}), testSecret), t0, MsgMalformed + ": aud"},
		// Algorithm.
		{"alg none, no signature", rawToken(t, map[string]any{"alg": "none", "typ": "JWT"}, validPayload(), testSecret)[:len(parts[0])+len(parts[1])+2], t0, MsgAlgNotAllowed},
		{"alg none, signed", rawToken(t, map[string]any{"alg": "none"}, validPayload(), testSecret), t0, MsgAlgNotAllowed},
		{"alg None", rawToken(t, map[string]any{"alg": "None"}, validPayload(), testSecret), t0, MsgAlgNotAllowed},
		{"alg RS256 HMAC-signed (confusion)", rawToken(t, map[string]any{"alg": "RS256"}, validPayload(), testSecret), t0, MsgAlgNotAllowed},
		{"alg HS512", rawToken(t, map[string]any{"alg": "HS512"}, validPayload(), testSecret), t0, MsgAlgNotAllowed},
		{"alg hs256 lowercase", rawToken(t, map[string]any{"alg": "hs256"}, validPayload(), testSecret), t0, MsgAlgNotAllowed},
		{"alg missing", rawToken(t, map[string]any{"typ": "JWT"}, validPayload(), testSecret), t0, MsgAlgNotAllowed},
		{"alg not a string", rawToken(t, map[string]any{"alg": []string{"HS256"}}, validPayload(), testSecret), t0, MsgAlgNotAllowed},
		{"alg duplicated", rawToken(t, `{"alg":"none","alg":"HS256"}`, validPayload(), testSecret), t0, MsgMalformed},
		{"typ not JWT", rawToken(t, map[string]any{"alg": "HS256", "typ": "at+jwt"}, validPayload(), testSecret), t0, MsgTypeNotAllowed},
		{"crit header", rawToken(t, map[string]any{"alg": "HS256", "crit": []string{"exp"}}, validPayload(), testSecret), t0, MsgMalformed + ": crit not supported"},
		// Malformed.
		{"empty", "", t0, MsgMalformed},
		{"one part", "abc", t0, MsgMalformed},
		{"two parts", parts[0] + "." + parts[1], t0, MsgMalformed},
		{"four parts", good + ".x", t0, MsgMalformed},
		{"empty header", "." + parts[1] + "." + parts[2], t0, MsgMalformed},
		{"empty payload", parts[0] + ".." + parts[2], t0, MsgMalformed},
		{"header not base64", "!!!." + parts[1] + "." + parts[2], t0, MsgMalformed},
		{"header padded", parts[0] + "=." + parts[1] + "." + parts[2], t0, MsgMalformed},
		{"header not JSON", rawToken(t, "HS256", validPayload(), testSecret), t0, MsgMalformed},
		{"header JSON array", rawToken(t, `["HS256"]`, validPayload(), testSecret), t0, MsgMalformed},
		{"header trailing data", rawToken(t, `{"alg":"HS256"}{}`, validPayload(), testSecret), t0, MsgMalformed},
		{"header trailing bytes", rawToken(t, `{"alg":"HS256"}garbage`, validPayload(), testSecret), t0, MsgMalformed},
		{"payload not JSON", rawToken(t, hs256, "sub=ext-42", testSecret), t0, MsgMalformed},
		// Bytes after the payload object, signed: no parser may read a
		// different token out of them.
		{"payload trailing object", rawToken(t, hs256, validJSON(t)+`{"sub":"admin"}`, testSecret), t0, MsgMalformed},
		{"payload trailing bytes", rawToken(t, hs256, validJSON(t)+`garbage`, testSecret), t0, MsgMalformed},
		{"payload trailing brace", rawToken(t, hs256, validJSON(t)+`}`, testSecret), t0, MsgMalformed},
		{"payload trailing NUL", rawToken(t, hs256, validJSON(t)+"\x00", testSecret), t0, MsgMalformed},
		{"payload trailing comment", rawToken(t, hs256, validJSON(t)+"//x", testSecret), t0, MsgMalformed},
		{"payload duplicate sub", rawToken(t, hs256, `{"sub":"a","sub":"b","aud":"x","iat":1,"exp":2,"jti":"j"}`, testSecret), t0, MsgMalformed},
		{"too big", strings.Repeat("a", maxTokenSize+1), t0, MsgMalformed},
		// Claims.
		{"missing exp", rawToken(t, hs256, with(validPayload(), "exp", nil), testSecret), t0, MsgMalformed + ": missing exp"},
		{"missing iat", rawToken(t, hs256, with(validPayload(), "iat", nil), testSecret), t0, MsgMalformed + ": missing iat"},
		{"missing sub", rawToken(t, hs256, with(validPayload(), "sub", nil), testSecret), t0, MsgMalformed + ": missing sub"},
		{"missing jti", rawToken(t, hs256, with(validPayload(), "jti", nil), testSecret), t0, MsgMalformed + ": missing jti"},
		{"empty sub", rawToken(t, hs256, with(validPayload(), "sub", " "), testSecret), t0, MsgMalformed + ": sub"},
		{"exp as string", rawToken(t, hs256, with(validPayload(), "exp", "9999999999"), testSecret), t0, MsgMalformed + ": exp"},
		{"exp negative", rawToken(t, hs256, with(validPayload(), "exp", -1), testSecret), t0, MsgMalformed + ": exp"},
		{"exp huge", rawToken(t, hs256, with(validPayload(), "exp", 1e300), testSecret), t0, MsgMalformed + ": exp"},
		{"sub not a string", rawToken(t, hs256, with(validPayload(), "sub", 42), testSecret), t0, MsgMalformed + ": sub"},
		{"bad email", rawToken(t, hs256, with(validPayload(), "email", "not-an-email"), testSecret), t0, MsgMalformed + ": email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id, err := MustVerifier(t).Verify(context.Background(), tt.token, tt.now)
			if id != nil {
				t.Fatalf("identity=%+v, want nil", id)
			}
			var e *proofdesk.Error
			if !errors.As(err, &e) || e.Code != proofdesk.EUNAUTHORIZED {
				t.Fatalf("err=%v, want EUNAUTHORIZED", err)
			}
			if e.Message != tt.want {
				t.Fatalf("message=%q, want %q", e.Message, tt.want)
			}
		})
	}
}

// TestVerify_PayloadTampered keeps a valid signature and swaps in a
// different payload.
func TestVerify_PayloadTampered(t *testing.T) {
	good := strings.Split(rawToken(t, hs256, validPayload(), testSecret), ".")
	evil := strings.Split(rawToken(t, hs256, with(validPayload(), "sub", "ext-43"), testSecret), ".")
	_, err := MustVerifier(t).Verify(context.Background(), good[0]+"."+evil[1]+"."+good[2], t0)
	if got := proofdesk.ErrorMessage(err); got != MsgBadSignature {
		t.Fatalf("message=%q, want %q", got, MsgBadSignature)
	}
}

func TestVerify_Replayed(t *testing.T) {
	v := MustVerifier(t)
	tok := rawToken(t, hs256, validPayload(), testSecret)
	if _, err := v.Verify(context.Background(), tok, t0); err != nil {
		t.Fatal(err)
	}
	_, err := v.Verify(context.Background(), tok, t0.Add(time.Second))
	if got := proofdesk.ErrorMessage(err); got != MsgReplayed || proofdesk.ErrorCode(err) != proofdesk.EUNAUTHORIZED {
		t.Fatalf("err=%v, want %q", err, MsgReplayed)
	}
	// A different token with the same jti is a replay too.
	tok2 := rawToken(t, hs256, with(validPayload(), "sub", "ext-99"), testSecret)
	if _, err := v.Verify(context.Background(), tok2, t0); proofdesk.ErrorMessage(err) != MsgReplayed {
		t.Fatalf("same jti, other token: err=%v", err)
	}
	// A refused token does not burn its jti.
	v2 := MustVerifier(t)
	bad := rawToken(t, hs256, with(validPayload(), "aud", "other"), testSecret)
	if _, err := v2.Verify(context.Background(), bad, t0); proofdesk.ErrorMessage(err) != MsgWrongAudience {
		t.Fatalf("err=%v", err)
	}
	if _, err := v2.Verify(context.Background(), tok, t0); err != nil {
		t.Fatalf("jti burned by a refused token: %v", err)
	}
}

func TestVerify_ReplayConcurrent(t *testing.T) {
	v := MustVerifier(t)
	tok := rawToken(t, hs256, validPayload(), testSecret)
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := 0
	for range 16 {
		wg.Go(func() {
			if _, err := v.Verify(context.Background(), tok, t0); err == nil {
				mu.Lock()
				ok++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if ok != 1 {
		t.Fatalf("%d concurrent uses accepted, want 1", ok)
	}
}

type failingReplay struct{}

func (failingReplay) Seen(context.Context, string, time.Time) (bool, error) {
	return false, errors.New("db down")
}

func TestVerify_ReplayStoreError(t *testing.T) {
	v, err := NewTokenVerifier(TokenConfig{Secret: testSecret, Audience: testAud, Replay: failingReplay{}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = v.Verify(context.Background(), rawToken(t, hs256, validPayload(), testSecret), t0)
	if got := proofdesk.ErrorCode(err); got != proofdesk.EINTERNAL {
		t.Fatalf("code=%q, want %q (fail closed)", got, proofdesk.EINTERNAL)
	}
}

func TestMemoryReplayStore_Expiry(t *testing.T) {
	now := t0
	s := NewMemoryReplayStore()
	s.Now = func() time.Time { return now }
	ctx := context.Background()
	if seen, _ := s.Seen(ctx, "a", t0.Add(time.Minute)); seen {
		t.Fatal("fresh jti reported seen")
	}
	if seen, _ := s.Seen(ctx, "a", t0.Add(time.Minute)); !seen {
		t.Fatal("jti not remembered")
	}
	now = t0.Add(2 * time.Minute)
	for i := range 300 { // triggers the sweep
		_, _ = s.Seen(ctx, string(rune('b'+i)), now.Add(-time.Second))
	}
	now = t0.Add(3 * time.Minute)
	_, _ = s.Seen(ctx, "z-sweep", now)
	if s.Len() > 300 {
		t.Fatalf("Len=%d: expired entries not dropped", s.Len())
	}
}

func TestNewTokenVerifier_Config(t *testing.T) {
	tests := []struct {
		name string
		cfg  TokenConfig
	}{
		{"short secret", TokenConfig{Secret: testSecret[:31], Audience: testAud, Replay: NewMemoryReplayStore()}},
		{"no audience", TokenConfig{Secret: testSecret, Audience: " ", Replay: NewMemoryReplayStore()}},
		{"negative leeway", TokenConfig{Secret: testSecret, Audience: testAud, Leeway: -time.Second, Replay: NewMemoryReplayStore()}},
		{"huge leeway", TokenConfig{Secret: testSecret, Audience: testAud, Leeway: time.Hour, Replay: NewMemoryReplayStore()}},
		{"no replay store", TokenConfig{Secret: testSecret, Audience: testAud}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewTokenVerifier(tt.cfg); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
				t.Fatalf("err=%v, want EINVALID", err)
			}
		})
	}
	v := MustVerifier(t)
	if strings.Contains(v.String(), string(testSecret)) {
		t.Fatal("String() leaks the secret")
	}
}

func TestMint(t *testing.T) {
	if _, err := Mint(Claims{Subject: "a", Audience: "b", IssuedAt: t0, ExpiresAt: t0.Add(time.Minute)}, testSecret[:10]); err == nil {
		t.Fatal("short secret accepted")
	}
	if _, err := Mint(Claims{Audience: "b", IssuedAt: t0, ExpiresAt: t0.Add(time.Minute)}, testSecret); err == nil {
		t.Fatal("missing sub accepted")
	}
	a, _ := Mint(Claims{Subject: "a", Audience: testAud, IssuedAt: t0, ExpiresAt: t0.Add(time.Minute)}, testSecret)
	b, _ := Mint(Claims{Subject: "a", Audience: testAud, IssuedAt: t0, ExpiresAt: t0.Add(time.Minute)}, testSecret)
	if a == b {
		t.Fatal("Mint reuses a jti")
	}
	v := MustVerifier(t)
	for _, tok := range []string{a, b} {
		if _, err := v.Verify(context.Background(), tok, t0); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCheckUserHash(t *testing.T) {
	// Intercom's documented computation: hex(HMAC-SHA256(secret, user_id)).
	m := hmac.New(sha256.New, testSecret)
	m.Write([]byte("user-7"))
	h := hex.EncodeToString(m.Sum(nil))
	if h != UserHash(testSecret, "user-7") {
		t.Fatal("UserHash disagrees with HMAC-SHA256")
	}
	tests := []struct {
		name   string
		secret []byte
		user   string
		hash   string
		want   bool
	}{
		{"right", testSecret, "user-7", h, true},
		{"uppercase hex", testSecret, "user-7", strings.ToUpper(h), true},
		{"other user", testSecret, "user-8", h, false},
		{"other secret", bytes.Repeat([]byte("x"), 32), "user-7", h, false},
		{"truncated", testSecret, "user-7", h[:62], false},
		{"not hex", testSecret, "user-7", strings.Repeat("z", 64), false},
		{"empty hash", testSecret, "user-7", "", false},
		{"empty user", testSecret, "", UserHash(testSecret, ""), false},
		{"short secret", []byte("short"), "user-7", UserHash([]byte("short"), "user-7"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CheckUserHash(tt.secret, tt.user, tt.hash); got != tt.want {
				t.Fatalf("CheckUserHash=%v, want %v", got, tt.want)
			}
		})
	}
}
