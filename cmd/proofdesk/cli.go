package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// cliEnv is what a command reads and writes: the standard streams and the
// environment. Tests supply their own.
type cliEnv struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	// stdinIsTerminal is true when a person types at stdin, so a password
	// is generated rather than read.
	stdinIsTerminal bool
	getenv          func(string) string
}

func osStdio() cliEnv {
	term := false
	if fi, err := os.Stdin.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		term = true
	}
	return cliEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, stdinIsTerminal: term, getenv: os.Getenv}
}

// command is one subcommand, such as "serve" or "agent create".
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env cliEnv, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "Serve the desk: console, API and health endpoints.", runServe},
		{"demo", "Serve a fresh demo desk with sample agents, customers and conversations.", runDemo},
		{"migrate", "Apply pending database migrations (serve does it on start too).", runMigrate},
		{"agent create", "Create an agent (admin, supervisor or agent).", runAgentCreate},
		{"agent totp", "Enrol an agent's TOTP second factor; the secret is printed once.", runAgentTOTP},
		{"agent invite", "Invite an agent: a link to set a password and a second factor.", runAgentInvite},
		{"agent disable", "Disable an agent: sessions end and API tokens are revoked at once.", runAgentChange("disable", "Disable an agent: their console sessions end and their API tokens are revoked at once")},
		{"agent enable", "Enable a disabled agent again.", runAgentChange("enable", "Enable a disabled agent again (revoked API tokens stay revoked)")},
		{"agent remove", "Remove an agent for good (the audit log keeps their name).", runAgentChange("remove", "Remove an agent for good: disabled, signed out, tokens revoked; the row stays for the audit log")},
		{"agent role", "Change an agent's role.", runAgentChange("role", "Change an agent's role")},
		{"agent reset", "Reset an agent's password (--password) or second factor (--2fa).", runAgentChange("reset", "Reset an agent's password (--password: a link to set a new one) and/or second factor (--2fa)")},
		{"token create", "Create an API token acting as an agent; it is printed once.", runTokenCreate},
		{"customers import", "Import customers from a CSV or JSONL file: all rows or none.", runCustomersImport},
		{"keys rotate", "Re-wrap every data key under a new master key.", runKeysRotate},
		{"audit verify", "Check the audit log's hash chain (and a signed anchor with --anchor).", runAuditVerify},
		{"audit anchor", "Export a signed head of the audit chain for 'audit verify --anchor'.", runAuditAnchor},
		{"doctor", "Check the configuration, master key, database, relay and DNS; say what is wrong.", runDoctor},
		{"backup", "Write a consistent copy of the SQLite database to a new file while serving.", runBackup},
	}
}

// errUsage marks a command-line mistake: exit code 2.
var errUsage = errors.New("usage")

// runCLI runs the command named by args and returns the exit code: 0 on
// success (and for --help), 1 when the command fails, 2 for a usage error.
func runCLI(ctx context.Context, args []string, env cliEnv) int {
	if len(args) == 0 {
		printUsage(env.stderr)
		return 2
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		printUsage(env.stdout)
		return 0
	case "version", "--version":
		fmt.Fprintln(env.stdout, "proofdesk", version)
		return 0
	}
	for _, c := range commands() {
		words := strings.Fields(c.name)
		if len(args) < len(words) || strings.Join(args[:len(words)], " ") != c.name {
			continue
		}
		err := c.run(ctx, env, args[len(words):])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		}
		fmt.Fprintf(env.stderr, "proofdesk %s: %s\n", c.name, errorText(err))
		return 1
	}
	// A group such as "agent" with no or an unknown second word.
	var group []command
	for _, c := range commands() {
		if first, _, ok := strings.Cut(c.name, " "); ok && first == args[0] {
			group = append(group, c)
		}
	}
	if len(group) > 0 {
		help := len(args) > 1 && (args[1] == "-h" || args[1] == "-help" || args[1] == "--help" || args[1] == "help")
		w := env.stderr
		if help {
			w = env.stdout
		} else if len(args) > 1 {
			fmt.Fprintf(w, "proofdesk: unknown command %q\n", args[0]+" "+args[1])
		}
		fmt.Fprintf(w, "Usage:\n")
		for _, c := range group {
			fmt.Fprintf(w, "  proofdesk %-17s %s\n", c.name, c.summary)
		}
		if help {
			return 0
		}
		return 2
	}
	fmt.Fprintf(env.stderr, "proofdesk: unknown command %q\n\n", args[0])
	printUsage(env.stderr)
	return 2
}

func printUsage(w io.Writer) {
	fmt.Fprintf(w, "Proofdesk is a support desk that cannot be talked into leaking customer data.\n\nUsage: proofdesk <command> [options]\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-18s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun 'proofdesk <command> --help' for a command's options.\n")
}

// errorText is what the operator sees for err: the safe message of an
// application error, or the error itself for internal ones (the CLI runs
// on the server, for its operator).
func errorText(err error) string {
	if code := proofdesk.ErrorCode(err); code != proofdesk.EINTERNAL {
		return proofdesk.ErrorMessage(err)
	}
	return err.Error()
}

// parseArgs parses a command's flags. --help prints the usage to stdout
// and returns flag.ErrHelp; a bad flag or a wrong number of positional
// arguments prints why to stderr and returns errUsage.
func parseArgs(cf *configFlags, env cliEnv, args []string, nargs int, argsName string) ([]string, error) {
	usage := cf.Usage
	cf.Usage = func() {} // printed below, to the right stream
	err := cf.Parse(args)
	cf.Usage = usage
	if errors.Is(err, flag.ErrHelp) {
		cf.SetOutput(env.stdout)
		cf.Usage()
		return nil, flag.ErrHelp
	}
	if err == nil && cf.NArg() != nargs {
		if nargs == 0 {
			fmt.Fprintf(env.stderr, "unexpected argument %q\n", cf.Arg(0))
		} else {
			fmt.Fprintf(env.stderr, "want %s\n", argsName)
		}
		err = errUsage
	}
	if err != nil {
		fmt.Fprintf(env.stderr, "Run 'proofdesk %s --help' for usage.\n", cf.Name())
		return nil, errUsage
	}
	return cf.Args(), nil
}

// newMain returns a Main for cfg that logs to stderr.
func newMain(cfg Config, env cliEnv) *Main {
	m := NewMain()
	m.Config = cfg
	m.Logger = cfg.NewLogger(env.stderr)
	m.Getenv = env.getenv
	return m
}

// openStore parses nothing more: it opens the store for a one-shot
// command and returns a function that closes it.
func openStore(ctx context.Context, cfg Config, env cliEnv) (*Main, func(), error) {
	m := newMain(cfg, env)
	if err := m.OpenDB(ctx); err != nil {
		return nil, nil, err
	}
	return m, func() { _ = m.Close() }, nil
}
