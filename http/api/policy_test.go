package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

func newMux() *http.ServeMux { return http.NewServeMux() }

// serve sends one request to h in process.
func serve(t *testing.T, h http.Handler, method, path, token, body string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w.Code, w.Body.String()
}

func TestPolicy_API(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		e.run(t, scenario{method: "GET", url: "/api/v1/policy", token: e.adminTok, wantStatus: 200,
			want: []string{`"payment":"L2"`, `"address":"L1"`, `"name":"L0"`, `"remove_support_lock":"L2"`, `"attributes":{}`}})
		good := `{"classes":{"orders":"L2"},"actions":{"send_password_reset":"L2"},"attributes":{"account_number":"L2","loyalty_id":"L0"}}`
		tests := []scenario{
			{name: "agent reads", method: "GET", url: "/api/v1/policy", token: e.agentTok, wantStatus: 403, want: []string{`"error":"forbidden"`}},
			{name: "supervisor writes", method: "PUT", url: "/api/v1/policy", token: e.supTok, body: good, wantStatus: 403},
			{name: "no token", method: "PUT", url: "/api/v1/policy", body: good, wantStatus: 401},
			{name: "unknown class", method: "PUT", url: "/api/v1/policy", token: e.adminTok, body: `{"classes":{"shoe_size":"L1"}}`,
				wantStatus: 400, want: []string{`"field":"classes.shoe_size"`, `unknown data class \"shoe_size\"`}},
			{name: "unknown action", method: "PUT", url: "/api/v1/policy", token: e.adminTok, body: `{"actions":{"delete_account":"L2"}}`,
				wantStatus: 400, want: []string{`"field":"actions.delete_account"`}},
			{name: "unknown level", method: "PUT", url: "/api/v1/policy", token: e.adminTok, body: `{"classes":{"email":"L3"}}`,
				wantStatus: 400, want: []string{`"field":"classes.email"`, `unknown level \"L3\"`}},
			{name: "payment below floor", method: "PUT", url: "/api/v1/policy", token: e.adminTok, body: `{"classes":{"payment":"L1"}}`,
				wantStatus: 400, want: []string{`"field":"classes.payment"`, "below the hard floor L2"}},
			{name: "address below floor", method: "PUT", url: "/api/v1/policy", token: e.adminTok, body: `{"classes":{"address":"L0"}}`,
				wantStatus: 400, want: []string{`"field":"classes.address"`, "below the hard floor L1"}},
			{name: "change action below floor", method: "PUT", url: "/api/v1/policy", token: e.adminTok, body: `{"actions":{"change_phone":"L1"}}`,
				wantStatus: 400, want: []string{`"field":"actions.change_phone"`}},
			{name: "bad attribute name", method: "PUT", url: "/api/v1/policy", token: e.adminTok, body: `{"attributes":{"Bad Name":"L1"}}`,
				wantStatus: 400, want: []string{`"field":"attributes.Bad Name"`}},
			{name: "unknown key", method: "PUT", url: "/api/v1/policy", token: e.adminTok, body: `{"default":"L0"}`,
				wantStatus: 400, want: []string{`"field":"default"`}},
			{name: "level as number", method: "PUT", url: "/api/v1/policy", token: e.adminTok, body: `{"classes":{"email":1}}`, wantStatus: 400},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) { e.run(t, tt) })
		}
		audit := sqldb.NewAuditService(db)
		changes := func() []*proofdesk.AuditEntry {
			es, err := audit.FindAuditEntries(context.Background(), proofdesk.AuditFilter{Action: ptr(proofdesk.AuditPolicyChange), Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			return es
		}
		if n := len(changes()); n != 0 {
			t.Fatalf("refused updates were audited as changes: %d", n)
		}
		e.run(t, scenario{method: "PUT", url: "/api/v1/policy", token: e.adminTok, body: good, wantStatus: 200,
			want: []string{`"orders":"L2"`, `"account_number":"L2"`, `"payment":"L2"`}})
		e.run(t, scenario{method: "GET", url: "/api/v1/policy", token: e.adminTok, wantStatus: 200,
			want: []string{`"orders":"L2"`, `"send_password_reset":"L2"`, `"account_number":"L2"`, `"loyalty_id":"L0"`}})
		cs := changes()
		if len(cs) != 1 || cs[0].ActorID != e.admin.ID || !strings.Contains(cs[0].Detail["before"], `"orders":"L1"`) || !strings.Contains(cs[0].Detail["after"], `"orders":"L2"`) {
			t.Fatalf("policy change audit = %+v", cs)
		}
		// The new policy applies to reveals: orders-level attribute now L2.
		e.run(t, scenario{method: "POST", url: "/api/v1/conversations/" + e.conv.ID + "/reveal", token: e.agentTok,
			body: `{"field":"attributes.account_number","reason":"customer asked"}`, wantStatus: 403, want: []string{`"required_level":"L2"`}})
	})
}
