package main

import (
	"context"
	"fmt"
)

func runAuditVerify(ctx context.Context, env cliEnv, args []string) error {
	cf := newConfigFlags("audit verify", `Walk the audit log's hash chain. Exits 0 when it is intact, and non-zero,
naming the first bad entry, when any entry was edited, deleted, inserted or
reordered in the database.`, storeOptions, env.stderr)
	if _, err := parseArgs(cf, env, args, 0, ""); err != nil {
		return err
	}
	cfg, err := cf.load(DefaultConfig(), env.getenv)
	if err != nil {
		return err
	}
	m, closeStore, err := openStore(ctx, cfg, env)
	if err != nil {
		return err
	}
	defer closeStore()
	seq, reason, err := m.AuditService.VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if seq != 0 {
		return fmt.Errorf("audit chain broken at entry %d: %s", seq, reason)
	}
	fmt.Fprintln(env.stdout, "The audit chain is intact.")
	return nil
}
