package main

import (
	"context"
	"fmt"
)

const backupSummary = `Write a consistent copy of the SQLite database's data to a new file while
servers keep serving (SQLite's VACUUM INTO: the database as of one
instant). The file is created, never overwritten, mode 0600. It holds
sealed data only, no data key: with --keys the command copies the key
store (keys.db) instead. Keep key-store backups apart from data backups,
and briefly: an erased customer stays readable from an older data backup
exactly as long as a key-store backup older than the erase exists. Lose
the key store and every backup with it, and nothing sealed can be read.
Keep the master key (PROOFDESK_MASTER_KEY or <data>/master.key) backed up
apart too. To restore, stop the server, put the file in the data
directory as proofdesk.db, or the key-store copy as keys.db (removing
their -wal and -shm files), and run 'proofdesk audit verify'. A PostgreSQL
store is backed up with pg_dump instead (see the README).`

func runBackup(ctx context.Context, env cliEnv, args []string) error {
	cf := newConfigFlags("backup", backupSummary, storeOptions, env.stderr)
	out := cf.String("out", "", "the backup file to create (required; never overwritten)")
	keys := cf.Bool("keys", false, "copy the key store (keys.db: the wrapped data keys) instead of the data")
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
	if *keys {
		if err := m.DB.BackupKeys(ctx, *out); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "Key store backup written to %s. Keep it apart from the data backups and only briefly: while it exists, customers erased since stay readable from older data backups.\n", *out)
		return nil
	}
	if err := m.DB.Backup(ctx, *out); err != nil {
		return err
	}
	fmt.Fprintf(env.stdout, "Backup written to %s (the data, without its keys: back up the key store apart with --keys). Keep the master key backed up apart: the backup cannot be read without it.\n", *out)
	return nil
}
