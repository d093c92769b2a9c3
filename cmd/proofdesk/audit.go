package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/proofdesk/proofdesk"
)

const auditVerifySummary = `Walk the audit log's keyed hash chain. Exits 0 when it is intact, and
non-zero, naming the first bad entry, when any entry was edited, deleted,
inserted or reordered in the database. With --anchor FILE (written by
'proofdesk audit anchor') it also checks that the chain still holds the
anchored entry unchanged, which catches entries removed from the end and a
rewrite of the whole table.`

func runAuditVerify(ctx context.Context, env cliEnv, args []string) error {
	cf := newConfigFlags("audit verify", auditVerifySummary, storeOptions, env.stderr)
	anchorFile := cf.String("anchor", "", "a signed chain head written by 'proofdesk audit anchor' to check the chain against")
	if _, err := parseArgs(cf, env, args, 0, ""); err != nil {
		return err
	}
	cfg, err := cf.load(DefaultConfig(), env.getenv)
	if err != nil {
		return err
	}
	var anchor *proofdesk.AuditAnchor
	if *anchorFile != "" {
		b, err := os.ReadFile(*anchorFile)
		if err != nil {
			return fmt.Errorf("read --anchor: %w", err)
		}
		if anchor, err = proofdesk.ParseAuditAnchor(b); err != nil {
			return fmt.Errorf("--anchor %s: %w", *anchorFile, err)
		}
	}
	m, closeStore, err := openStore(ctx, cfg, env)
	if err != nil {
		return err
	}
	defer closeStore()
	var seq int64
	var reason string
	if anchor != nil {
		seq, reason, err = m.AuditService.VerifyAuditAnchor(ctx, anchor)
	} else {
		seq, reason, err = m.AuditService.VerifyAudit(ctx)
	}
	if err != nil {
		return err
	}
	if seq != 0 {
		return fmt.Errorf("audit chain broken at entry %d: %s", seq, reason)
	}
	if anchor != nil {
		fmt.Fprintf(env.stdout, "The audit chain is intact and holds the anchored entry %d unchanged.\n", anchor.Seq)
		return nil
	}
	fmt.Fprintln(env.stdout, "The audit chain is intact.")
	return nil
}

const auditAnchorSummary = `Export a signed head of the audit chain: its newest entry's sequence and
hash, the time, and an Ed25519 signature by a key derived from the master
key. Keep the file outside the database's reach (another machine, a
write-once store); 'proofdesk audit verify --anchor FILE' later proves that
the chain still holds that entry unchanged. Refuses to anchor a broken
chain.`

func runAuditAnchor(ctx context.Context, env cliEnv, args []string) error {
	cf := newConfigFlags("audit anchor", auditAnchorSummary, storeOptions, env.stderr)
	out := cf.String("out", "", "write the anchor to this file (created, never overwritten) instead of stdout")
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
	a, err := m.AuditService.AnchorAudit(ctx)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(a, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if *out == "" {
		_, err = env.stdout.Write(b)
		return err
	}
	f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("--out %s already exists; anchors are kept, not overwritten", *out)
	}
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return fmt.Errorf("--out: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	fmt.Fprintf(env.stdout, "Anchored entry %d of the audit chain in %s.\n", a.Seq, *out)
	return nil
}
