package main

import (
	"context"
	"fmt"
)

const backupSummary = `Write a consistent copy of the SQLite database to a new file while servers
keep serving (SQLite's VACUUM INTO: the database as of one instant). The
file is created, never overwritten, mode 0600. It holds sealed data only:
keep the master key (PROOFDESK_MASTER_KEY or <data>/master.key) backed up
apart, or the copy cannot be read. To restore, stop the server, put the
file in the data directory as proofdesk.db (removing proofdesk.db-wal and
proofdesk.db-shm) and run 'proofdesk audit verify'. A PostgreSQL store is
backed up with pg_dump instead (see the README).`

func runBackup(ctx context.Context, env cliEnv, args []string) error {
	cf := newConfigFlags("backup", backupSummary, storeOptions, env.stderr)
	out := cf.String("out", "", "the backup file to create (required; never overwritten)")
	if _, err := parseArgs(cf, env, args, 0, ""); err != nil {
		return err
	}
	if *out == "" {
		fmt.Fprintln(env.stderr, "--out FILE is required")
		fmt.Fprintln(env.stderr, "Run 'proofdesk backup --help' for usage.")
		return errUsage
	}
	cfg, err := cf.load(DefaultConfig(), env.getenv)
	if err != nil {
		return err
	}
	if cfg.IsPostgres() {
		return fmt.Errorf("a PostgreSQL store is backed up with pg_dump (see the README), not with proofdesk backup")
	}
	m, closeStore, err := openStore(ctx, cfg, env)
	if err != nil {
		return err
	}
	defer closeStore()
	if err := m.DB.Backup(ctx, *out); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Backup written to %s. Keep the master key backed up apart: the backup cannot be read without it.\n", *out)
	return nil
}
