package api_test

import (
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/http/api"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
	"github.com/proofdesk/proofdesk/verify"
)

func TestIdentity_API(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		url := "/api/v1/conversations/" + e.conv.ID + "/identity"
		with := func(mod func(c map[string]any)) map[string]any {
			c := e.claims("u-1")
			mod(c)
			return c
		}
		now := e.clk.Now().Unix()
		replayed := mint(e.tokenSecret, "", e.claims("u-1"))
		e.run(t, scenario{method: "POST", url: url, token: e.agentTok, body: `{"token":"` + replayed + `"}`, wantStatus: 200})
		// That first success is undone so that each refusal below is seen
		// against L0: a fresh conversation.
		e.conv = e.newConversation(t, "")
		url = "/api/v1/conversations/" + e.conv.ID + "/identity"

		tests := []struct {
			name, token, msg string
		}{
			{"expired", mint(e.tokenSecret, "", with(func(c map[string]any) { c["iat"], c["exp"] = now-600, now-300 })), verify.MsgExpired},
			{"not valid yet", mint(e.tokenSecret, "", with(func(c map[string]any) { c["nbf"] = now + 120 })), verify.MsgNotValidYet},
			{"issued in the future", mint(e.tokenSecret, "", with(func(c map[string]any) { c["iat"], c["exp"] = now+600, now+900 })), verify.MsgIssuedInFuture},
			{"lifetime too long", mint(e.tokenSecret, "", with(func(c map[string]any) { c["exp"] = now + 86400 })), verify.MsgLifetimeTooLong},
			{"bad signature", mint([]byte(strings.Repeat("x", 32)), "", e.claims("u-1")), verify.MsgBadSignature},
			{"alg none", mint(e.tokenSecret, `{"alg":"none","typ":"JWT"}`, e.claims("u-1")), verify.MsgAlgNotAllowed},
			{"alg none unsigned", strings.Join(strings.Split(mint(e.tokenSecret, `{"alg":"none"}`, e.claims("u-1")), ".")[:2], ".") + ".", verify.MsgAlgNotAllowed},
			{"algorithm confusion RS256", mint(e.tokenSecret, `{"alg":"RS256","typ":"JWT"}`, e.claims("u-1")), verify.MsgAlgNotAllowed},
			{"HS512", mint(e.tokenSecret, `{"alg":"HS512","typ":"JWT"}`, e.claims("u-1")), verify.MsgAlgNotAllowed},
			{"wrong audience", mint(e.tokenSecret, "", with(func(c map[string]any) { c["aud"] = "https://other.example" })), verify.MsgWrongAudience},
			{"replayed", replayed, verify.MsgReplayed},
			{"malformed", "not.a.jwt", verify.MsgMalformed},
			{"missing sub", mint(e.tokenSecret, "", with(func(c map[string]any) { delete(c, "sub") })), verify.MsgMalformed + ": missing sub"},
			{"unknown customer", mint(e.tokenSecret, "", e.claims("u-404")), "names no customer"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e.run(t, scenario{method: "POST", url: url, token: e.agentTok, body: `{"token":"` + tt.token + `"}`, wantStatus: 401,
					want: []string{`"error":"unauthorized"`, tt.msg}})
			})
		}
		if l := e.level(t, e.conv.ID); l != proofdesk.L0 {
			t.Fatalf("level after refused tokens = %s, want L0", l)
		}
		for _, s := range []scenario{
			{name: "no api token", method: "POST", url: url, body: `{"token":"x"}`, wantStatus: 401},
			{name: "empty token", method: "POST", url: url, token: e.agentTok, body: `{"token":""}`, wantStatus: 400, want: []string{`"field":"token"`}},
			{name: "user_hash field", method: "POST", url: url, token: e.agentTok, body: `{"external_id":"u-1"}`, wantStatus: 400},
		} {
			e.run(t, s)
		}
		// A valid token links the conversation to the customer at L1.
		e.run(t, scenario{method: "POST", url: url, token: e.agentTok, body: `{"token":"` + mint(e.tokenSecret, "", e.claims("u-1")) + `"}`,
			wantStatus: 200, want: []string{`"level":"L1"`, `"customer_id":"` + e.cust.ID + `"`}})
		if l := e.level(t, e.conv.ID); l != proofdesk.L1 {
			t.Fatalf("level after a valid token = %s, want L1", l)
		}
		// The level lasts 15 minutes without activity.
		e.clk.Add(16 * time.Minute)
		e.run(t, scenario{method: "GET", url: "/api/v1/conversations/" + e.conv.ID, token: e.agentTok, wantStatus: 200, want: []string{`"level":"L0"`}})
	})
}

func TestIdentity_NotConfigured(t *testing.T) {
	e := newVEnv(t, sqldbtest.Open(t))
	h := api.NewIdentityHandler(sqldb.NewAgentService(e.db), nil, e.vs)
	mux := newMux()
	h.Register(mux)
	status, body := serve(t, mux, "POST", "/api/v1/conversations/"+e.conv.ID+"/identity", e.agentTok, `{"token":"a.b.c"}`)
	if status != 403 || !strings.Contains(body, "not configured") {
		t.Fatalf("status %d, body %s", status, body)
	}
}

// TestIdentity_UserHash covers the Intercom-style user_hash: accepted only
// when enabled and when it is the HMAC of the user ID.
func TestIdentity_UserHash(t *testing.T) {
	e := newVEnv(t, sqldbtest.Open(t))
	v, err := verify.NewTokenVerifier(verify.TokenConfig{Secret: e.tokenSecret, Audience: "aud", Replay: verify.NewMemoryReplayStore()})
	if err != nil {
		t.Fatal(err)
	}
	url := "/api/v1/conversations/" + e.conv.ID + "/identity"
	disabled := newMux()
	api.NewIdentityHandler(sqldb.NewAgentService(e.db), v, e.vs).Register(disabled)
	// user_hash has a key of its own, never the session-token secret.
	uhSecret := []byte("a user-hash key, not the token's!")
	good := verify.UserHash(uhSecret, "u-1")
	if status, body := serve(t, disabled, "POST", url, e.agentTok, `{"user_id":"u-1","user_hash":"`+good+`"}`); status != 403 {
		t.Fatalf("user_hash while disabled: %d %s", status, body)
	}
	enabled := newMux()
	h := api.NewIdentityHandler(sqldb.NewAgentService(e.db), v, e.vs)
	h.UserHashSecret = uhSecret
	h.Register(enabled)
	if status, body := serve(t, enabled, "POST", url, e.agentTok, `{"user_id":"u-1","user_hash":"`+verify.UserHash(uhSecret, "u-2")+`"}`); status != 401 {
		t.Fatalf("hash of another user: %d %s", status, body)
	}
	if status, body := serve(t, enabled, "POST", url, e.agentTok, `{"user_id":"u-1","user_hash":"`+verify.UserHash(e.tokenSecret, "u-1")+`"}`); status != 401 {
		t.Fatalf("user_hash under the session-token secret: %d %s", status, body)
	}
	if l := e.level(t, e.conv.ID); l != proofdesk.L0 {
		t.Fatalf("level after a bad hash = %s", l)
	}
	if status, body := serve(t, enabled, "POST", url, e.agentTok, `{"user_id":"u-1","user_hash":"`+good+`"}`); status != 200 || !strings.Contains(body, `"level":"L1"`) {
		t.Fatalf("good hash: %d %s", status, body)
	}
}
