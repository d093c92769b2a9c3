package api_test

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// attack47: the view hides the token of the desk's /v/ link in what a
// customer writes (codes.go hideLinkTokens), so that an agent never holds
// the secret of a request they sent. It finds the link only with a literal
// "/v/": the same link as Microsoft Defender Safe Links (or Proofpoint,
// Mimecast) rewrites it in the customer's mailbox, percent-encoded in a
// url= parameter, passes the view whole. A customer who forwards or pastes
// the request ("is this mail really from you?") hands the agent the token;
// the agent decodes it, opens /v/{token}, picks the number they read out
// themselves, and the conversation is verified by the agent alone.
func TestAttack47_SafeLinksTokenShownToAgent(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		e := newVEnv(t, db)
		// A number the view takes for a code may fall inside the random
		// token and hide a piece of it; the agent just sends another
		// request until one comes back whole.
		for try := 0; try < 8; try++ {
			conv := e.conv
			if try > 0 {
				conv = e.newConversation(t, e.cust.ID)
			}
			info := e.issue(t, conv.ID, e.emailID)
			token, _ := e.mailbox(t, proofdesk.OutboxEmail)
			link := vAudience + "/v/" + token
			safe := "https://eur01.safelinks.protection.outlook.com/?url=" + url.QueryEscape(link) +
				"&data=05%7C02%7Cjane%40example.com%7C0&sdata=abc&reserved=0"
			body := "Is this mail really from you? It says: Confirm it is you: " + safe
			if err := sqldb.NewConversationService(db).CreateMessage(context.Background(),
				&proofdesk.Message{ConversationID: conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: body}); err != nil {
				t.Fatal(err)
			}
			got := e.run(t, scenario{method: "GET", url: "/api/v1/conversations/" + conv.ID + "/messages", token: e.agentTok, wantStatus: 200})
			m := regexp.MustCompile(`url=([^&"\\ ]+)`).FindStringSubmatch(got)
			if m == nil {
				continue
			}
			dec, err := url.QueryUnescape(m[1])
			if err != nil || !strings.Contains(dec, "/v/") || dec[strings.Index(dec, "/v/")+3:] != token {
				continue
			}
			// The agent completes the request with the number they know.
			e.approve(t, token, info.Number)
			t.Fatalf("try %d: the agent read the request's token through a Safe Links URL in the customer's message and verified the conversation themselves: level %v", try, e.level(t, conv.ID))
		}
	})
}
