package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
)

// agentAdmin returns the agent lifecycle use cases, with links to base
// (the public URL).
func (m *Main) agentAdmin(base string) *desk.Agents {
	return desk.NewAgents(m.DB, desk.AgentsConfig{BaseURL: base, Company: m.Config.Company, PasswordParams: passwordParams})
}

// linkOptions are the options of commands that print links to the
// console: the store's and --base-url.
var linkOptions = append(append([]option{}, storeOptions...),
	stringOption("base-url", "external URL used in the links (default: derived from --addr, http://localhost:8080)", func(c *Config) *string { return &c.BaseURL }))

const agentInviteSummary = `Invite an agent: create them with no usable password and print (and mail,
through the outbox) a link, valid 7 days, where they set their password and
their second factor. --base-url gives the links' host.`

func runAgentInvite(ctx context.Context, env cliEnv, args []string) error {
	cf := newConfigFlags("agent invite", agentInviteSummary, linkOptions, env.stderr)
	email := cf.String("email", "", "the agent's email address, used to sign in (required)")
	name := cf.String("name", "", "the agent's display name (required)")
	role := cf.String("role", proofdesk.RoleAgent, "admin, supervisor or agent")
	if _, err := parseArgs(cf, env, args, 0, ""); err != nil {
		return err
	}
	c, err := openAgentCLI(ctx, cf, env, "", "")
	if err != nil {
		return err
	}
	defer c.close()
	res, err := c.admin().InviteAgent(ctx, *email, *name, *role)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Invited %s %s (%s). The link was mailed to them; it works once, for 7 days:\n%s\n", res.Agent.Role, res.Agent.Email, res.Agent.ID, res.Link)
	return nil
}

const agentChangeSummary = `%s. The change is audited (as the system) and the agent is told by email.
Nobody may disable, remove or demote the last active admin.`

func runAgentChange(change, summary string) func(ctx context.Context, env cliEnv, args []string) error {
	return func(ctx context.Context, env cliEnv, args []string) error {
		cmdName := "agent " + change
		cf := newConfigFlags(cmdName, fmt.Sprintf(agentChangeSummary, summary), linkOptions, env.stderr)
		email := cf.String("email", "", "email of the agent (required)")
		var password, totp *bool
		var newRole *string
		switch change {
		case "role":
			newRole = cf.String("role", "", "the new role: admin, supervisor or agent (required)")
		case "reset":
			password = cf.Bool("password", false, "reset the password: the old one stops working, a link to set a new one is printed and mailed")
			totp = cf.Bool("2fa", false, "reset the second factor: the next sign-in sets up a new one")
		}
		if _, err := parseArgs(cf, env, args, 0, ""); err != nil {
			return err
		}
		if strings.TrimSpace(*email) == "" {
			return errors.New("--email is required")
		}
		var changes []string
		switch change {
		case "disable":
			changes = []string{proofdesk.AgentDisable}
		case "enable":
			changes = []string{proofdesk.AgentEnable}
		case "remove":
			changes = []string{proofdesk.AgentRemove}
		case "role":
			if !proofdesk.ValidRole(*newRole) {
				return errors.New("--role must be admin, supervisor or agent")
			}
			changes = []string{proofdesk.AgentSetRole}
		case "reset":
			if *totp {
				changes = append(changes, proofdesk.AgentResetTOTP)
			}
			if *password {
				changes = append(changes, proofdesk.AgentResetPassword)
			}
			if len(changes) == 0 {
				return errors.New("say what to reset: --password, --2fa or both")
			}
		}
		c, err := openAgentCLI(ctx, cf, env, *email, "--email")
		if err != nil {
			return err
		}
		defer c.close()
		admin := c.admin()
		for _, ch := range changes {
			r := ""
			if newRole != nil {
				r = *newRole
			}
			res, err := admin.ChangeAgent(ctx, c.agent.ID, ch, r)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.stdout, "%s: %s (%s, %s).", ch, res.Agent.Email, res.Agent.ID, res.Agent.Role)
			if res.SessionsEnded+res.TokensRevoked > 0 {
				fmt.Fprintf(env.stdout, " Sessions ended: %d; API tokens revoked: %d.", res.SessionsEnded, res.TokensRevoked)
			}
			fmt.Fprintln(env.stdout)
			if res.Link != "" {
				fmt.Fprintf(env.stdout, "Link to set a new password (mailed to them too; works once, for 24 hours):\n%s\n", res.Link)
			}
		}
		return nil
	}
}
