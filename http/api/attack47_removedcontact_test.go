package api_test

import (
	"context"
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
		e.approve(t, token, info.Number)
		if lvl := e.level(t, e.conv.ID); lvl != proofdesk.L0 {
			t.Fatalf("a request to a phone number removed from the customer's record verified the conversation: level %v", lvl)
		}
	})
}
