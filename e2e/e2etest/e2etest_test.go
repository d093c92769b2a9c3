package e2etest_test

import (
	"net/http"
	"os"
	"testing"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

func TestMain(m *testing.M) { os.Exit(e2etest.Main(m)) }

// TestStartServer starts the binary with its accounts and checks each
// token works and carries its role.
func TestStartServer(t *testing.T) {
	s := e2etest.StartServer(t, e2etest.ServerOptions{})
	for _, a := range []e2etest.Account{s.Admin, s.Supervisor, s.Agent} {
		if a.ID == "" || a.Token == "" {
			t.Fatalf("account %+v has no ID or token", a)
		}
		s.API(t, "GET", "/api/v1/conversations", a.Token, nil, http.StatusOK, nil)
	}
	// Only the admin may read the audit log.
	s.API(t, "GET", "/api/v1/audit", s.Admin.Token, nil, http.StatusOK, nil)
	if e := s.APIFail(t, "GET", "/api/v1/audit", s.Agent.Token, nil); e.Status != http.StatusForbidden {
		t.Fatalf("agent reading the audit log: %v", e)
	}
	if e := s.APIFail(t, "GET", "/api/v1/conversations", "", nil); e.Status != http.StatusUnauthorized {
		t.Fatalf("no token: %v", e)
	}
	s.Stop(t)
}
