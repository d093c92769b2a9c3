package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	"github.com/proofdesk/proofdesk/sqldb"
)

const demoSummary = `Serve a demo desk: three agents, fifty customers and twenty conversations,
generated without network access. The data lives in a temporary directory,
removed on exit, unless --data (or --db) is given. Listens on 127.0.0.1:8080
unless --addr says otherwise. Prints the URL, the demo logins, an API token and
a customer to play with what to type where. The demo admin may log in without
TOTP; a real desk (serve) never allows that.`

// demoAddr is the demo's listen address unless --addr (or the
// environment, or a config file) gives another: loopback only, since the
// demo admin needs no second factor.
const demoAddr = "127.0.0.1:8080"

func runDemo(ctx context.Context, env cliEnv, args []string) error {
	cf := newConfigFlags("demo", demoSummary, serverOptions, env.stderr)
	if _, err := parseArgs(cf, env, args, 0, ""); err != nil {
		return err
	}
	base := DefaultConfig()
	base.Demo, base.AllowNo2FA, base.DataDir = true, true, ""
	base.Addr = demoAddr
	cfg, err := cf.load(base, env.getenv)
	if err != nil {
		return err
	}
	tempDir := ""
	if cfg.DataDir == "" {
		if tempDir, err = os.MkdirTemp("", "proofdesk-demo-"); err != nil {
			return err
		}
		defer os.RemoveAll(tempDir)
		cfg.DataDir = tempDir
	}

	m := newMain(cfg, env)
	defer m.Close()
	if err := m.OpenDB(ctx); err != nil {
		return err
	}
	now := time.Now().UTC()
	logins, token, err := seedDemo(ctx, m, now)
	if err != nil {
		return fmt.Errorf("seed demo data: %w", err)
	}
	if err := m.Run(ctx); err != nil {
		return err
	}
	player := demoPlayer(generateDemoData(demoSeed, now))
	printDemoBanner(env.stdout, m.URL(), cfg.DataDir, tempDir != "", logins, token)
	printDemoPlayer(env.stdout, m.URL(), player, loopbackOnly(cfg.Addr))
	<-ctx.Done()
	m.Logger.Info("shutting down")
	return m.Close()
}

// demoLogin is a seeded agent and its password ("" when the desk was
// seeded by an earlier run and the password is not known).
type demoLogin struct {
	demoAgent
	Password string
}

// seedDemo fills an empty store with the demo data set and returns the
// logins and a new API token acting as the demo admin. A store that
// already has agents (a --data directory used before) is left as it is;
// only a new token is made.
func seedDemo(ctx context.Context, m *Main, now time.Time) ([]demoLogin, string, error) {
	existing, err := m.AgentService.FindAgents(ctx)
	if err != nil {
		return nil, "", err
	}
	var logins []demoLogin
	var agents []*proofdesk.Agent
	if len(existing) > 0 {
		for _, a := range existing {
			logins = append(logins, demoLogin{demoAgent: demoAgent{Email: a.Email, Name: a.Name, Role: a.Role}})
		}
		agents = existing
	} else {
		data := generateDemoData(demoSeed, now)
		if agents, logins, err = seedDemoAgents(ctx, m, data.Agents); err != nil {
			return nil, "", err
		}
		customers, err := seedDemoCustomers(ctx, m, data.Customers, now)
		if err != nil {
			return nil, "", err
		}
		if err := seedDemoConversations(ctx, m, data.Conversations, customers, agents); err != nil {
			return nil, "", err
		}
		if err := seedDemoWork(ctx, m, agents); err != nil {
			return nil, "", err
		}
	}
	var admin *proofdesk.Agent
	for _, a := range agents {
		if a.IsAdmin() && !a.Disabled {
			admin = a
			break
		}
	}
	if admin == nil {
		return logins, "", nil
	}
	token, hash := auth.NewToken()
	if err := m.AgentService.CreateAPIToken(ctx, &proofdesk.APIToken{AgentID: admin.ID, Name: "demo", Hash: hash}); err != nil {
		return nil, "", err
	}
	return logins, token, nil
}

func seedDemoAgents(ctx context.Context, m *Main, demo []demoAgent) ([]*proofdesk.Agent, []demoLogin, error) {
	var agents []*proofdesk.Agent
	var logins []demoLogin
	for _, d := range demo {
		pw := auth.GeneratePassword()
		hash, err := auth.HashPassword(pw, passwordParams)
		if err != nil {
			return nil, nil, err
		}
		a := &proofdesk.Agent{Email: d.Email, Name: d.Name, Role: d.Role, PasswordHash: hash}
		if err := m.AgentService.CreateAgent(ctx, a); err != nil {
			return nil, nil, fmt.Errorf("create agent: %w", err)
		}
		agents = append(agents, a)
		logins = append(logins, demoLogin{demoAgent: d, Password: pw})
	}
	return agents, logins, nil
}

func seedDemoCustomers(ctx context.Context, m *Main, inputs []*proofdesk.CustomerInput, now time.Time) ([]*proofdesk.Customer, error) {
	customers := make([]*proofdesk.Customer, 0, len(inputs))
	for i, in := range inputs {
		c, err := in.Customer(now)
		if err != nil {
			return nil, fmt.Errorf("demo customer %d: %w", i, err)
		}
		customers = append(customers, c)
	}
	if err := m.Desk.ImportCustomers(ctx, customers); err != nil {
		return nil, fmt.Errorf("import customers: %w", err)
	}
	return customers, nil
}

func seedDemoConversations(ctx context.Context, m *Main, convs []demoConversation, customers []*proofdesk.Customer, agents []*proofdesk.Agent) error {
	// Each conversation is stored at its own time (StartedAt, then a few
	// minutes a message), so the reports have a history to show.
	clock := m.DB.Clock()
	defer m.DB.SetNow(clock)
	var cur time.Time
	m.DB.SetNow(func() time.Time { return cur })
	for i, d := range convs {
		cur = d.StartedAt
		conv := &proofdesk.Conversation{
			Channel:   d.Channel,
			Requester: d.Requester,
			Subject:   d.Subject,
			Status:    d.Status,
		}
		if d.Customer >= 0 {
			conv.CustomerID = customers[d.Customer].ID
		}
		if d.Assignee >= 0 {
			conv.AssigneeID = agents[d.Assignee].ID
		}
		first := &proofdesk.Message{AuthorKind: d.Messages[0].AuthorKind, Body: d.Messages[0].Body}
		if err := m.ConversationService.CreateConversation(ctx, conv, first); err != nil {
			return fmt.Errorf("demo conversation %d: %w", i, err)
		}
		for _, dm := range d.Messages[1:] {
			msg := &proofdesk.Message{ConversationID: conv.ID, AuthorKind: dm.AuthorKind, Body: dm.Body, Internal: dm.Internal}
			actx := ctx
			if dm.AuthorKind == proofdesk.AuthorAgent {
				author := agents[len(agents)-1]
				if d.Assignee >= 0 {
					author = agents[d.Assignee]
				}
				msg.AuthorID = author.ID
				actx = proofdesk.NewContextWithAgent(ctx, author)
			}
			cur = cur.Add(time.Duration(3+(i*7+len(dm.Body))%9) * time.Minute)
			if err := m.ConversationService.CreateMessage(actx, msg); err != nil {
				return fmt.Errorf("demo conversation %d message: %w", i, err)
			}
		}
		if d.Status == proofdesk.StatusResolved {
			if err := seedDemoResolution(ctx, m, conv, i, &cur); err != nil {
				return fmt.Errorf("demo conversation %d: %w", i, err)
			}
		}
	}
	return nil
}

// seedDemoResolution records when a resolved demo conversation was
// resolved and, for most, the rating its customer gave.
func seedDemoResolution(ctx context.Context, m *Main, conv *proofdesk.Conversation, i int, cur *time.Time) error {
	*cur = cur.Add(time.Duration(20+i*13%90) * time.Minute)
	if err := m.DB.WithTx(ctx, func(tx *sqldb.Tx) error { return tx.RecordStatus(ctx, conv.ID, proofdesk.StatusResolved) }); err != nil {
		return err
	}
	if i%4 == 3 {
		return nil // not every customer rates
	}
	*cur = cur.Add(2 * time.Hour)
	rating := []string{proofdesk.RatingGood, proofdesk.RatingGood, proofdesk.RatingOkay, proofdesk.RatingGood, proofdesk.RatingBad}[i%5]
	return m.DB.WithTx(ctx, func(tx *sqldb.Tx) error {
		return tx.SaveRating(ctx, &proofdesk.Rating{ConversationID: conv.ID, CustomerID: conv.CustomerID, AgentID: conv.AssigneeID,
			Channel: conv.Channel, Value: rating, Source: proofdesk.RatingFromEmail})
	})
}

// printDemoBanner prints where the demo runs and how to get in. The line
// "URL: ..." comes first, so scripts and tests can read the address.
func printDemoBanner(w io.Writer, url, dataDir string, temporary bool, logins []demoLogin, token string) {
	fmt.Fprintf(w, "Proofdesk demo is running.\n\nURL: %s\nConsole: %s/login\n", url, url)
	fmt.Fprintf(w, "Chat as a customer: %s/demo/shop\n", url)
	fmt.Fprintf(w, "Built-in outbox (verification links, transcripts; no mail leaves the demo): %s/admin/outbox\n", url)
	if temporary {
		fmt.Fprintf(w, "Data: %s (temporary: removed when the demo stops)\n", dataDir)
	} else {
		fmt.Fprintf(w, "Data: %s\n", dataDir)
	}
	fmt.Fprintf(w, "\nDemo logins (the demo admin needs no second factor, so the demo should listen on loopback only; serve never allows that):\n")
	for _, l := range logins {
		pw := l.Password
		if pw == "" {
			pw = "(set when this data directory was first seeded)"
		}
		fmt.Fprintf(w, "  %-10s  %-32s  %s\n", l.Role, l.Email, pw)
	}
	if token != "" {
		fmt.Fprintf(w, "\nAPI token (acts as the demo admin):\n  %s\n", token)
		fmt.Fprintf(w, "\nTry:\n  curl -H 'Authorization: Bearer %s' %s/api/v1/conversations\n", token, url)
	}
}
