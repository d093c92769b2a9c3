package main

import (
	"context"
	"fmt"
)

const serveSummary = `Serve the desk: console, API, /healthz, /readyz and /metrics. Pending
migrations are applied on start. SIGINT or SIGTERM stops it gracefully:
requests in flight finish first.`

func runServe(ctx context.Context, env cliEnv, args []string) error {
	cf := newConfigFlags("serve", serveSummary, serverOptions, env.stderr)
	if _, err := parseArgs(cf, env, args, 0, ""); err != nil {
		return err
	}
	cfg, err := cf.load(DefaultConfig(), env.getenv)
	if err != nil {
		return err
	}
	m := newMain(cfg, env)
	setMemoryLimit(cfg.MemoryLimitMiB, env.getenv)
	if err := m.Run(ctx); err != nil {
		_ = m.Close()
		return err
	}
	fmt.Fprintf(env.stdout, "Proofdesk is serving at %s (Ctrl-C to stop).\n", m.URL())
	<-ctx.Done()
	m.Logger.Info("shutting down")
	return m.Close()
}

func runMigrate(ctx context.Context, env cliEnv, args []string) error {
	cf := newConfigFlags("migrate", "Apply pending database migrations. serve applies them on start too.", storeOptions, env.stderr)
	if _, err := parseArgs(cf, env, args, 0, ""); err != nil {
		return err
	}
	cfg, err := cf.load(DefaultConfig(), env.getenv)
	if err != nil {
		return err
	}
	_, closeStore, err := openStore(ctx, cfg, env)
	if err != nil {
		return err
	}
	defer closeStore()
	fmt.Fprintf(env.stdout, "The %s database is up to date.\n", storeKind(&cfg))
	return nil
}
