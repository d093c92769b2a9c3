package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

// attack47: the policy keeps a customer's phone at L1, and the console
// shows it masked to agents. But when the agent sends a verification
// request, the chat widget tells the requester (still at L0: whoever
// claims to be Jane) where the code went, masked as MaskPhone masks it,
// which keeps the last four digits: "+1 ***-***-0142". The impostor learns
// the last four of the number on file (a classic knowledge factor
// elsewhere, and the part of a number the desk's own guard protects) for
// the price of asking to be verified.
func TestAttack47_WidgetTellsRequesterPhoneLastFour(t *testing.T) {
	eachStore(t, func(t *testing.T, s *e2etest.Server) {
		jane := createJane(t, s)
		v := newVisitor(t, s, "Jane Doe", "", "Hi, I am Jane Doe, please verify me.")
		s.API(t, "PATCH", "/api/v1/conversations/"+v.conv, s.Agent.Token, map[string]string{"customer_id": jane.ID}, http.StatusOK, nil)
		s.API(t, "POST", "/api/v1/conversations/"+v.conv+"/challenges", s.Agent.Token,
			map[string]string{"contact_point_id": jane.contactID(t, "phone")}, http.StatusCreated, nil)
		last4 := janePhone[len(janePhone)-4:]
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		for {
			_, data, err := v.ws.Read(ctx)
			if err != nil {
				return // no frame with the destination: nothing told
			}
			if strings.Contains(string(data), "destination") {
				if strings.Contains(string(data), last4) {
					t.Fatalf("the unverified requester's widget was told the last four digits of the phone on file: %s", data)
				}
				return
			}
		}
	})
}
