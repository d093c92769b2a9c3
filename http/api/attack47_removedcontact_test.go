package api_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// attack47: a request is checked against the contact point only when it is
// sent. Jane's phone is stolen; her system of record replaces the number
// (the integration's PATCH). The request the agent had just texted to the
// old number is still pending, and whoever holds the stolen phone opens its
// link, picks the number the agent reads out and verifies the conversation
// with a contact point that is no longer on file. Completing a request must
// check that its contact point is still on file (and still past its
// cooling-off).
func TestAttack47_RequestToRemovedContactPointStillVerifies(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		info := e.issue(t, e.conv.ID, e.phoneID)
		token, _ := e.mailbox(t, proofdesk.OutboxSMS)

		integration := proofdesk.NewContextWithAgent(context.Background(), &proofdesk.Agent{ID: "itk_sync", Role: proofdesk.RoleIntegration})
		old := time.Now().AddDate(-2, 0, 0)
		phones := []proofdesk.ContactPointInput{{Value: "+14155550199", AddedAt: &old}}
		c, err := desk.New(db, desk.Config{}).UpdateCustomer(integration, e.cust.ID, proofdesk.CustomerUpdate{Phones: &phones})
		if err != nil {
			t.Fatal(err)
		}
		if c.ContactPointByID(e.phoneID) != nil {
			t.Fatalf("setup: the old phone is still on file")
		}
		// The page refuses the completion with its "can't use" notice
		// (409, as for a request whose conversation moved to another
		// customer), not the 200 of an approval.
		if code, page := approveStatus(t, e, token, info.Number); code != http.StatusConflict || !strings.Contains(page, "no longer on file") {
			t.Errorf("approve on a removed contact point: status %d, want 409 with the refusal: %s", code, page)
		}
		if audit := e.run(t, scenario{method: "GET", url: "/api/v1/audit", token: e.adminTok, wantStatus: 200}); !strings.Contains(audit, "contact_point_not_eligible") {
			t.Errorf("the refused completion is not audited")
		}
		if lvl := e.level(t, e.conv.ID); lvl != proofdesk.L0 {
			t.Fatalf("a request to a phone number removed from the customer's record verified the conversation: level %v", lvl)
		}
	})
}

// approveStatus is the customer on /v/{token}: open the page, pick
// number, press "Yes, this is me"; it returns the page's status and body
// (vEnv.approve requires a 200).
func approveStatus(t *testing.T, e *vEnv, token string, number int) (int, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.Get(e.srv.URL() + "/v/" + token)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := vCSRFRe.FindSubmatch(page)
	if m == nil {
		t.Fatalf("page without a form: %s", page)
	}
	resp, err = c.PostForm(e.srv.URL()+"/v/"+token+"/approve", url.Values{"csrf": {string(m[1])}, "number": {fmt.Sprint(number)}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
