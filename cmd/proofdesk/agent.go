package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/auth"
	"github.com/proofdesk/proofdesk/desk"
)

const agentCreateSummary = `Create an agent. The password is read from stdin when stdin is not a
terminal and holds one (e.g. printf '%s' "$PW" | proofdesk agent create ...);
otherwise one is generated and printed once. Admins must enrol TOTP with
'proofdesk agent totp' before they can sign in.`

// passwordParams are the argon2id costs for new passwords; tests lower
// them (TestMain), nothing else changes them.
var passwordParams = auth.DefaultPasswordParams

// Password length limits for passwords given on stdin.
const (
	minPasswordLen = 12
	maxPasswordLen = 1024
)

func runAgentCreate(ctx context.Context, env cliEnv, args []string) error {
	cf := newConfigFlags("agent create", agentCreateSummary, storeOptions, env.stderr)
	email := cf.String("email", "", "the agent's email address, used to log in (required)")
	name := cf.String("name", "", "the agent's display name (required)")
	role := cf.String("role", proofdesk.RoleAgent, "admin, supervisor or agent")
	if _, err := parseArgs(cf, env, args, 0, ""); err != nil {
		return err
	}
	if _, err := proofdesk.NormalizeEmail(*email); err != nil {
		return errors.New("--email must be a valid email address")
	}
	if strings.TrimSpace(*name) == "" {
		return errors.New("--name is required")
	}
	if !proofdesk.ValidRole(*role) {
		return errors.New("--role must be admin, supervisor or agent")
	}
	password, generated, err := readPassword(env)
	if err != nil {
		return err
	}
	hash, err := auth.HashPassword(password, passwordParams)
	if err != nil {
		return err
	}
	c, err := openAgentCLI(ctx, cf, env, "", "")
	if err != nil {
		return err
	}
	defer c.close()
	a := &proofdesk.Agent{Email: *email, Name: strings.TrimSpace(*name), Role: *role, PasswordHash: hash}
	if err := c.m.AgentService.CreateAgent(ctx, a); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Created %s %s (%s).\n", a.Role, a.Email, a.ID)
	if a.Role == proofdesk.RoleAdmin {
		fmt.Fprintf(env.stdout, "Admins need a second factor: enrol TOTP with 'proofdesk agent totp --email %s' before signing in.\n", a.Email)
	}
	if generated {
		fmt.Fprintf(env.stdout, "Generated password (shown once, store it now):\n%s\n", password)
	}
	return nil
}

// readPassword reads the password from stdin when stdin is not a terminal
// and has data; otherwise it generates one (generated is then true).
func readPassword(env cliEnv) (password string, generated bool, err error) {
	if !env.stdinIsTerminal && env.stdin != nil {
		b, err := io.ReadAll(io.LimitReader(env.stdin, maxPasswordLen+3))
		if err != nil {
			return "", false, fmt.Errorf("read password from stdin: %w", err)
		}
		line, _, _ := strings.Cut(string(b), "\n")
		password = strings.TrimSuffix(line, "\r")
		if password != "" {
			switch n := utf8.RuneCountInString(password); {
			case !utf8.ValidString(password):
				return "", false, errors.New("the password on stdin is not valid UTF-8")
			case n < minPasswordLen:
				return "", false, fmt.Errorf("the password on stdin is too short: use at least %d characters (or give none to have one generated)", minPasswordLen)
			case len(password) > maxPasswordLen:
				return "", false, fmt.Errorf("the password on stdin is longer than %d bytes", maxPasswordLen)
			}
			return password, false, nil
		}
	}
	return auth.GeneratePassword(), true, nil
}

const tokenCreateSummary = `Create an API token that acts as an agent, with the agent's role, or with
--integration NAME a token for the business's system of record: it may create
and change customers (and date contact points in the past) through
/api/v1/customers, but acts on no conversation and cannot sign in to the
console. The token is printed once, as the last line of output; only its
SHA-256 hash is stored. Clients send it as "Authorization: Bearer <token>".`

func runTokenCreate(ctx context.Context, env cliEnv, args []string) error {
	cf := newConfigFlags("token create", tokenCreateSummary, storeOptions, env.stderr)
	email := cf.String("agent", "", "email of the agent the token acts as (required)")
	name := cf.String("name", "cli", "a label for the token, to tell tokens apart")
	integration := cf.String("integration", "", "create an integration token (customer sync) with this name instead of an agent's")
	if _, err := parseArgs(cf, env, args, 0, ""); err != nil {
		return err
	}
	if *integration != "" {
		if strings.TrimSpace(*email) != "" {
			return errors.New("give --agent or --integration, not both")
		}
		return createIntegrationToken(ctx, cf, env, *integration)
	}
	if strings.TrimSpace(*email) == "" {
		return errors.New("--agent or --integration is required")
	}
	if len(*name) > 100 {
		return errors.New("--name is longer than 100 bytes")
	}
	c, err := openAgentCLI(ctx, cf, env, *email, "--agent")
	if err != nil {
		return err
	}
	defer c.close()
	a := c.agent
	if a.Disabled {
		return errors.New("that agent is disabled")
	}
	token, hash := auth.NewToken()
	t := &proofdesk.APIToken{AgentID: a.ID, Name: *name, Hash: hash}
	if err := c.m.AgentService.CreateAPIToken(ctx, t); err != nil {
		return err
	}
	w := bufio.NewWriter(env.stdout)
	fmt.Fprintf(w, "Created API token %s (%q) acting as %s %s.\n", t.ID, t.Name, a.Role, a.ID)
	fmt.Fprintf(w, "It is shown once; store it now:\n%s\n", token)
	return w.Flush()
}

// createIntegrationToken creates and prints an integration token.
func createIntegrationToken(ctx context.Context, cf *configFlags, env cliEnv, name string) error {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return errors.New("--integration needs a name of 1 to 100 bytes")
	}
	c, err := openAgentCLI(ctx, cf, env, "", "")
	if err != nil {
		return err
	}
	defer c.close()
	token, hash := auth.NewToken()
	t := &proofdesk.APIToken{Kind: proofdesk.TokenIntegration, Name: name, Hash: hash}
	if err := c.m.AgentService.CreateAPIToken(ctx, t); err != nil {
		return err
	}
	w := bufio.NewWriter(env.stdout)
	fmt.Fprintf(w, "Created integration token %s (%q): customer sync only, no conversations, no console.\n", t.ID, t.Name)
	fmt.Fprintf(w, "It is shown once; store it now:\n%s\n", token)
	return w.Flush()
}

const agentTOTPSummary = `Enrol (or replace) an agent's TOTP second factor. A new secret is stored
and printed once, with its otpauth:// URL for authenticator apps; from then
on the agent signs in with a code from the app. Admins need it to sign in.`

func runAgentTOTP(ctx context.Context, env cliEnv, args []string) error {
	cf := newConfigFlags("agent totp", agentTOTPSummary, storeOptions, env.stderr)
	email := cf.String("email", "", "email of the agent to enrol (required)")
	if _, err := parseArgs(cf, env, args, 0, ""); err != nil {
		return err
	}
	if strings.TrimSpace(*email) == "" {
		return errors.New("--email is required")
	}
	c, err := openAgentCLI(ctx, cf, env, *email, "--email")
	if err != nil {
		return err
	}
	defer c.close()
	a := c.agent
	key, err := auth.NewTOTPKey("Proofdesk", a.Email)
	if err != nil {
		return err
	}
	enabled := true
	if _, err := c.m.AgentService.UpdateAgent(ctx, a.ID, proofdesk.AgentUpdate{TOTPSecret: &key.Secret, TOTPEnabled: &enabled}); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "TOTP enrolled for %s %s. Add it to an authenticator app now; it is shown once.\n", a.Role, a.ID)
	fmt.Fprintf(env.stdout, "Secret: %s\n%s\n", key.Secret, key.URL)
	return nil
}

// agentCLI is what an agent or token command works with: its
// configuration, the opened store (closed by close) and the agent its
// flag names (nil when it names none).
type agentCLI struct {
	cfg   Config
	m     *Main
	agent *proofdesk.Agent
	close func()
}

// openAgentCLI is the one preamble of the agent and token commands: it
// loads the configuration (DefaultConfig, then the environment and cf's
// flags), opens the store (the caller defers c.close) and, when email is
// not "", finds the agent with that email (an unknown one is an error
// naming flag).
func openAgentCLI(ctx context.Context, cf *configFlags, env cliEnv, email, flag string) (*agentCLI, error) {
	cfg, err := cf.load(DefaultConfig(), env.getenv)
	if err != nil {
		return nil, err
	}
	m, closeStore, err := openStore(ctx, cfg, env)
	if err != nil {
		return nil, err
	}
	c := &agentCLI{cfg: cfg, m: m, close: closeStore}
	if email != "" {
		if c.agent, err = findAgentFlag(ctx, m, email, flag); err != nil {
			closeStore()
			return nil, err
		}
	}
	return c, nil
}

// admin returns the agent lifecycle use cases (desk.Agents), acting as
// the system, with links to the configured public URL.
func (c *agentCLI) admin() *desk.Agents { return c.m.agentAdmin(c.cfg.URL(c.cfg.Addr)) }

// findAgentFlag finds the agent whose email a command's flag gave, with an
// error naming the flag when there is none.
func findAgentFlag(ctx context.Context, m *Main, email, flag string) (*proofdesk.Agent, error) {
	a, err := m.AgentService.FindAgentByEmail(ctx, strings.ToLower(strings.TrimSpace(email)))
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		return nil, fmt.Errorf("no agent has the email given to %s", flag)
	}
	return a, err
}
