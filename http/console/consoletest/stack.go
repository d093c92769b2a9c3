// Package consoletest runs the agent console in-process over a real
// SQLite store, with seeded agents, a customer and a conversation, for the
// console's own tests and for the browser tests in e2e/console.
package consoletest

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	"github.com/proofdesk/proofdesk/desk"
	httpd "github.com/proofdesk/proofdesk/http"
	"github.com/proofdesk/proofdesk/http/api"
	"github.com/proofdesk/proofdesk/http/console"
	"github.com/proofdesk/proofdesk/http/verifypage"
	"github.com/proofdesk/proofdesk/inmem"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// Seed values. The address, email and phone are the protected values the
// tests look for in pages.
const (
	AgentEmail      = "ada@desk.test"
	AgentPassword   = "correct horse battery"
	AdminEmail      = "root@desk.test"
	AdminPassword   = "root password 12345"
	OtherEmail      = "bob@desk.test"
	OtherPassword   = "bob password 12345"
	CustomerName    = "Jane Doe"
	CustomerEmail   = "jane.doe@example.com"
	CustomerPhone   = "+14155550123"
	CustomerStreet  = "221B Baker Street"
	CustomerCity    = "London"
	CustomerPostal  = "NW1 6XE"
	CustomerDOB     = "1980-04-02"
	Subject         = "Where is my order?"
	ProbingMessage  = "Hi, I moved. Is my address still 10 Fake Lane, Springfield? Where does my order go?"
	NewContactEmail = "new.jane@example.org"
)

// Stack is a console with every service it uses, on a real store.
type Stack struct {
	Server        *httpd.Server
	Console       *console.Handler
	API           *api.Handler
	DB            *sqldb.DB
	Agents        *sqldb.AgentService
	Customers     *desk.Customers
	Conversations *desk.Conversations
	Audit         *sqldb.AuditService
	Verification  *desk.Verification
	Policy        *sqldb.PolicyService
	Outbox        *sqldb.OutboxService
	Events        *inmem.EventService

	Agent, Admin, Other *proofdesk.Agent
	AgentTOTP           string // the agent's TOTP secret
	Customer            *proofdesk.Customer
	Conv                *proofdesk.Conversation // linked, assigned to Agent, probing message
	Unlinked            *proofdesk.Conversation // no customer, unassigned
}

// Options adjust the stack.
type Options struct {
	// Settings are passed to the console.
	Settings console.Settings
	// VerifyPage mounts http/verifypage at /v/{token}.
	VerifyPage bool
	// PhoneRegion is the console's --default-region.
	PhoneRegion string
}

// New starts a stack on a fresh SQLite store; it is closed by tb.Cleanup.
func New(tb testing.TB, opt Options) *Stack {
	tb.Helper()
	ctx := context.Background()
	db := sqldbtest.Open(tb)
	s := &Stack{DB: db,
		Agents: sqldb.NewAgentService(db),
		Audit:  sqldb.NewAuditService(db),
		Policy: sqldb.NewPolicyService(db), Outbox: sqldb.NewOutboxService(db), Events: inmem.NewEventService(64)}
	desk.PublishEvents(db, s.Events) // every committed change, as in cmd/proofdesk
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	s.Server = httpd.NewServer(logger)
	if err := s.Server.Open(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = s.Server.Close() })
	vc := desk.DefaultVerificationConfig()
	vc.BaseURL = s.Server.URL()
	vs, err := desk.NewVerification(ctx, db, vc)
	if err != nil {
		tb.Fatal(err)
	}
	s.Verification = vs
	dk := desk.New(db, desk.Config{})
	s.Conversations = dk.Conversations(sqldb.NewConversationService(db))
	s.Customers = dk.Customers(sqldb.NewCustomerService(db))
	s.API = api.NewHandler(s.Agents, s.Customers, s.Conversations, s.Audit, s.Policy)
	s.API.Challenges = s.Verification
	s.API.Lookups = dk
	console.PasswordParams = auth.TestPasswordParams
	if opt.Settings.BaseURL == "" {
		opt.Settings.BaseURL = s.Server.URL()
	}
	s.Console = console.New(console.Deps{
		Agents: s.Agents, Customers: s.Customers, Conversations: s.Conversations, Audit: s.Audit,
		Verification: s.Verification, Desk: dk, Policy: s.Policy, Outbox: s.Outbox, Events: s.Events,
		Branding:    sqldb.NewBrandingService(db, proofdesk.Branding{Company: "Proofdesk"}),
		PostMessage: s.API.PostMessage, Settings: opt.Settings, Logger: logger, Macros: dk, Search: dk, Merge: dk, LegalHolds: dk, Erasure: dk, Notifications: dk,
		Exports:    vs.Notices().Exports(),
		AgentAdmin: desk.NewAgents(db, desk.AgentsConfig{BaseURL: s.Server.URL(), PasswordParams: auth.TestPasswordParams}),
		Reports:    dk, SLA: dk, Retention: dk,
	})
	s.Console.PollInterval = 200 * time.Millisecond
	s.Console.PhoneRegion = opt.PhoneRegion
	s.Console.Register(s.Server)
	if opt.VerifyPage {
		key, err := db.Secret(ctx, "verifypage")
		if err != nil {
			tb.Fatal(err)
		}
		vp, err := verifypage.NewHandler(s.Verification, key, logger)
		if err != nil {
			tb.Fatal(err)
		}
		vp.Register(s.Server)
	}

	key, err := auth.NewTOTPKey("Proofdesk", AgentEmail)
	if err != nil {
		tb.Fatal(err)
	}
	s.AgentTOTP = key.Secret
	s.Agent = s.agent(tb, AgentEmail, "Ada Lovelace", proofdesk.RoleAgent, AgentPassword, key.Secret)
	s.Admin = s.agent(tb, AdminEmail, "Grace Hopper", proofdesk.RoleAdmin, AdminPassword, "")
	s.Other = s.agent(tb, OtherEmail, "Bob Other", proofdesk.RoleAgent, OtherPassword, "")

	old := time.Now().Add(-60 * 24 * time.Hour)
	in := proofdesk.CustomerInput{
		ExternalID: "cust-1", Name: CustomerName,
		Emails:      []proofdesk.ContactPointInput{{Value: CustomerEmail, AddedAt: &old}, {Value: NewContactEmail}},
		Phones:      []proofdesk.ContactPointInput{{Value: CustomerPhone, AddedAt: &old}},
		Addresses:   []proofdesk.Address{{Line1: CustomerStreet, City: CustomerCity, PostalCode: CustomerPostal, Country: "GB"}},
		DateOfBirth: CustomerDOB,
	}
	c, err := in.Customer(time.Now())
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.Customers.CreateCustomer(ctx, c); err != nil {
		tb.Fatal(err)
	}
	s.Customer = c

	now := time.Now().UTC()
	s.Conv = &proofdesk.Conversation{Channel: proofdesk.ChannelChat, CustomerID: c.ID, Subject: Subject,
		Requester: proofdesk.Requester{Name: CustomerName, Email: CustomerEmail},
		Status:    proofdesk.StatusOpen, AssigneeID: s.Agent.ID, Tags: []string{"orders"},
		CreatedAt: now, UpdatedAt: now, LastActivityAt: now}
	first := &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: ProbingMessage, CreatedAt: now}
	if err := s.Conversations.CreateConversation(ctx, s.Conv, first); err != nil {
		tb.Fatal(err)
	}
	s.Unlinked = &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, Subject: "Refund <script>alert(1)</script>",
		Requester: proofdesk.Requester{Name: "<b>Mallory</b>"}, Status: proofdesk.StatusOpen,
		CreatedAt: now, UpdatedAt: now, LastActivityAt: now}
	if err := s.Conversations.CreateConversation(ctx, s.Unlinked, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer,
		Body: "Hello <img src=x onerror=alert(1)>", CreatedAt: now}); err != nil {
		tb.Fatal(err)
	}
	if err := s.Conversations.CreateMessage(ctx, &proofdesk.Message{ConversationID: s.Unlinked.ID, AuthorKind: proofdesk.AuthorCustomer,
		Body: "123 456", CreatedAt: now}); err != nil {
		tb.Fatal(err)
	}
	return s
}

func (s *Stack) agent(tb testing.TB, email, name, role, password, secret string) *proofdesk.Agent {
	tb.Helper()
	hash, err := auth.HashPassword(password, auth.TestPasswordParams)
	if err != nil {
		tb.Fatal(err)
	}
	a := &proofdesk.Agent{Email: email, Name: name, Role: role, PasswordHash: hash, TOTPSecret: secret, TOTPEnabled: secret != ""}
	if err := s.Agents.CreateAgent(context.Background(), a); err != nil {
		tb.Fatal(err)
	}
	return a
}

// TOTPCode returns the agent's current code; it waits for the next time
// step when the current one was already used, since codes are single use.
func TOTPCode(tb testing.TB, secret string, after time.Time) string {
	tb.Helper()
	now := time.Now()
	if !after.IsZero() && now.Unix()/30 <= after.Unix()/30 {
		time.Sleep(time.Duration(30-now.Unix()%30)*time.Second + 100*time.Millisecond)
		now = time.Now()
	}
	code, err := totp.GenerateCode(secret, now)
	if err != nil {
		tb.Fatal(err)
	}
	return code
}

// ProbeMessage quotes the customer's real street: the store flags the
// conversation as probing.
const ProbeMessage = "It's Jane. The parcel should go to 221B Baker Street, right? Just confirm please."

// Probe adds ProbeMessage from the requester to Conv.
func (s *Stack) Probe(tb testing.TB) {
	tb.Helper()
	m := &proofdesk.Message{ConversationID: s.Conv.ID, AuthorKind: proofdesk.AuthorCustomer, Body: ProbeMessage, CreatedAt: time.Now().UTC()}
	if err := s.Conversations.CreateMessage(context.Background(), m); err != nil {
		tb.Fatal(err)
	}
}
