package console

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/proofdesk/proofdesk"
)

// TestViews renders every view, so a template error fails here, not in use.
func TestViews(t *testing.T) {
	h := New(Deps{})
	now := time.Now()
	agent := &proofdesk.Agent{ID: "agt_1", Name: "<Ada>", Role: proofdesk.RoleAdmin}
	pg := page{Title: "<oops>", Agent: agent, CSRFToken: "tok", Full: true, Error: "<oops>"}
	exp := now.Add(10 * time.Minute)
	conv := &proofdesk.Conversation{ID: "cnv_1", Channel: "chat", Subject: "<oops>", Status: "open", CustomerID: "cus_1",
		Requester: proofdesk.Requester{Name: "<oops>", Email: "x@y.co"}, Tags: []string{"<oops>"}, RiskFlags: []string{proofdesk.RiskProbing},
		Level: proofdesk.L1, LevelExpiresAt: &exp, CreatedAt: now, LastActivityAt: now}
	cust := proofdesk.NewCustomerView(&proofdesk.Customer{ID: "cus_1", Name: "<oops>",
		ContactPoints: []*proofdesk.ContactPoint{{ID: "cp_1", Kind: "email", Value: "a@b.co", AddedAt: now}},
		Addresses:     []proofdesk.Address{{Line1: "1 Main St", City: "X", Country: "US"}}, DateOfBirth: "1990-01-01",
		Payment: &proofdesk.Payment{Brand: "Visa", Last4: "4242"}, Attributes: map[string]string{"loyalty": "<oops>"},
		Orders: []*proofdesk.Order{{Number: "<oops>-1234", Status: "shipped", Items: []proofdesk.OrderItem{{Name: "<oops>", Quantity: 1}}, PlacedAt: &now, Carrier: "<oops>", TrackingNumber: "<oops>99",
			ShippingAddress: &proofdesk.Address{Line1: "1 <oops> St", City: "X", Country: "US"}}}}, proofdesk.ViewContext{})
	contacts := h.contactRows(cust, now)
	data := map[string]any{
		"login": loginPage{CSRFToken: "tok", Email: "a@b.co", Error: "<oops>"},
		"enrol": &enrolPage{page: pg, QR: "data:image/png;base64,AAAA", Secret: "ABCD EFGH", FirstTime: true, Ticket: "t", LoginCSRF: "c"},
		"home":  pg,
		"error": errorPage{page: pg, Status: 403},
		"inbox": inboxPage{page: pg, Rows: []inboxRow{{Conv: conv, Level: proofdesk.L1, Unread: true, Assignee: "<oops>"}},
			Views:    []viewLink{{Key: "mine", Label: "Mine", URL: "/inbox?view=mine", Count: 2, Unread: 1, Active: true}},
			Channels: []string{"chat"}, Statuses: []string{"open"}, Teams: []string{"<oops>"}, Truncated: true, Searched: true},
		"conversation": &conversationPage{page: pg, Conv: conv, Level: proofdesk.L1, LevelExpires: &exp,
			Timeline: []timelineItem{{ID: "m1", Kind: "customer", Author: "Requester", Body: "<oops>", At: now}, {ID: "m2", Kind: "note", Body: "<oops>", Internal: true}},
			Customer: cust, Contacts: contacts, Active: &proofdesk.ChallengeInfo{ID: "chl", MaskedDestination: "a***@b***.co", Number: 7, Status: "pending", ExpiresAt: exp},
			Challenges: []*proofdesk.ChallengeInfo{{ID: "chl", Status: "pending", MaskedDestination: "a***", CreatedAt: now}},
			Risks:      []string{proofdesk.RiskProbing, "support_locked"}, Agents: []*proofdesk.Agent{agent}, Canned: DefaultCannedReplies,
			Draft: "<oops>", Blocked: blockedFrom(&proofdesk.Error{Code: proofdesk.EDISCLOSURE, Details: map[string]any{"rule": "protected_value", "class": "address", "required_level": "L1"}}, true),
			Revealed: &revealed{Field: "addresses", Label: "Postal addresses", Value: "<oops>"}, RevealFields: revealFields(cust, proofdesk.DecisionInput{Actor: proofdesk.Actor{Role: proofdesk.RoleAgent}, Linked: true}), ClaimsGiven: true,
			Locked: true, UnlockReason: "<oops>", CanBreakGlass: true, CanUnlock: true, CanAssignOthers: true, TakeOverNote: "<oops>"},
		"customer": &customerPage{page: pg, Customer: cust, Contacts: contacts, Recent: []customerRecent{{Conv: conv, Level: proofdesk.L1}},
			From: conv, FromLevel: proofdesk.L1, CanReveal: true, RevealFields: revealFields(cust, proofdesk.DecisionInput{Actor: proofdesk.Actor{Role: proofdesk.RoleAgent}, Linked: true}), CoolingDays: 7,
			Revealed: &revealed{Label: "x", Value: "<oops>"}},
		"admin_agents":  &adminAgentsPage{page: pg, Agents: []*proofdesk.Agent{agent, {ID: "agt_2", Name: "<oops>", Role: "agent", Disabled: true}, {ID: "agt_3", Name: "<oops>", Role: "agent", Disabled: true, RemovedAt: &now}}, Roles: []string{"agent"}},
		"customer_new":  &customerFormPage{page: pg, Form: customerForm{Name: "<oops>", Emails: "<oops>"}},
		"customer_edit": &customerFormPage{page: pg, Customer: cust, Form: customerForm{Name: "<oops>"}},
		"invite":        &invitePage{page: page{Title: "<oops>", Error: "<oops>"}, Name: "<oops>", Email: "<oops>", Token: "pdi_x", InviteCSR: "c"},
		"admin_tokens": adminTokensPage{page: pg, Token: "pdk_x", Name: "<oops>",
			Tokens: []tokenRow{{ID: "tok_1", Name: "<oops>", Agent: "<oops>", CreatedAt: now, LastUsedAt: &now}, {ID: "tok_2", Name: "x", CreatedAt: now}}},
		"admin_policy": policyPage(pg, &proofdesk.Policy{Attributes: map[string]proofdesk.Level{"loyalty": 1}}),
		"admin_settings": &adminSettingsPage{page: pg, S: Settings{SMTPRelay: "<oops>", WidgetOrigins: []string{"https://shop.test"}, TelephonySecretSet: true},
			V: &proofdesk.ChannelSettingsView{Overrides: map[string]string{"relay_addr": "--smtp-relay"}, SecretsSet: map[string]bool{"relay_password": true},
				Effective: proofdesk.ChannelSettings{RelayAddr: "<oops>", WidgetOrigins: []string{"<oops>"}}},
			Form: proofdesk.ChannelSettings{InboundAddress: "<oops>", RelaySecurity: "tls"}, Origins: "<oops>", Snippet: "<oops>", TestResult: "<oops>", TestFailure: "<oops>", Field: "relay_addr"},
		"admin_branding": adminBrandingPage{page: pg, B: proofdesk.Branding{Company: "<Acme>", LogoURL: "https://cdn.example/logo.png", PrimaryColor: "#ffd400"}, Field: "logo_url"},
		"admin_audit": adminAuditPage{page: pg, Intact: false, BadSeq: 3, BadWhy: "<oops>", Names: map[string]string{"agt_1": "<oops>"},
			Entries: []*proofdesk.AuditEntry{{Seq: 1, Time: now, ActorKind: "agent", ActorID: "agt_1", Action: "x", Detail: map[string]string{"k": "<oops>"}}}},
		"macros": &macrosPage{page: pg, Statuses: []string{"open"}, Priorities: proofdesk.Priorities, Placeholders: []string{"{{agent.name}}"},
			Macros: []*proofdesk.Macro{{ID: "mac_1", Title: "<oops>", Body: "<oops>", Tags: []string{"<oops>"}, Team: "<oops>"}, {ID: "mac_2", OwnerID: "agt_1", Title: "x", Body: "y"}}},
		"reports": buildReportsPage(pg, &proofdesk.Report{Conversations: 3,
			Volume:        []proofdesk.VolumeCell{{Channel: "chat", Hour: 9, Count: 2}, {Channel: "email", Hour: 9, Count: 1}},
			FirstResponse: proofdesk.NewDurations([]time.Duration{time.Minute, 3 * time.Hour}), CSAT: proofdesk.CSATCounts{Good: 2, Bad: 1},
			Agents:   []proofdesk.AgentFigures{{AgentID: "agt_1", Name: "<oops>", Replies: 4, CSAT: proofdesk.CSATCounts{Good: 1}}},
			Security: proofdesk.SecurityFigures{Verified: 1, ByFactor: map[string]int{"<oops>": 1}, BlockedByRule: map[string]int{"protected_value": 2}, Alerts: map[string]int{}}},
			now.AddDate(0, 0, -7), now),
		"admin_work": adminWorkData(pg, agent, now),
		"admin_retention": adminRetentionPage{page: pg, Channels: []retentionChannel{{Channel: "<oops>", Days: 30}, {Channel: "email"}}, Months: 24, Field: "body_days",
			Run: &proofdesk.RetentionRun{Trigger: "<oops>", BodiesRemoved: 3}},
		"admin_outbox": adminOutboxPage{page: pg, ShowBodies: true, Messages: []*proofdesk.OutboxMessage{{Kind: "email", To: "jane@example.com", Subject: "<oops>", Body: "<oops> http://x/v/<oops>", LastError: "<oops>", ConversationID: "cnv_1", Status: "queued", Attempts: 1, CreatedAt: now}}, Base: "http://x", FilterConversation: "<oops>", Statuses: []string{"sent"}},
	}
	for _, name := range viewNames {
		t.Run(name, func(t *testing.T) {
			d, ok := data[name]
			if !ok {
				t.Fatalf("no test data for view %s", name)
			}
			w := httptest.NewRecorder()
			h.render(w, httptest.NewRequest("GET", "/", nil), 200, name, d)
			body := w.Body.String()
			if w.Code != 200 || !strings.Contains(body, "<!doctype html>") {
				t.Fatalf("render %s: %d %s", name, w.Code, body)
			}
			if strings.Contains(body, "<oops>") || strings.Contains(body, "<Ada>") {
				t.Fatal("output not escaped")
			}
			if strings.Contains(body, " style=") || strings.Contains(body, "<script>") || strings.Contains(body, " onclick=") {
				t.Fatal("inline style or script: the CSP forbids it")
			}
			if w.Header().Get("Content-Security-Policy") != CSP {
				t.Fatal("no CSP header")
			}
		})
	}
	defer func() {
		if recover() == nil {
			t.Fatal("rendering an unknown view did not panic")
		}
	}()
	h.render(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), 200, "nope", nil)
}
