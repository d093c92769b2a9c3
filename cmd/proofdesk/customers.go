package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/proofdesk/proofdesk"
)

const customersImportSummary = `Import customers from FILE.csv or FILE.jsonl (format in the README).
Every row is validated first; any bad row is reported as "line N: field F:
message" (values are never printed) and nothing is imported. Otherwise all
rows are imported in one transaction.`

func runCustomersImport(ctx context.Context, env cliEnv, args []string) error {
	cf := newConfigFlags("customers import", customersImportSummary, storeOptions, env.stderr)
	rest, err := parseArgs(cf, env, args, 1, "one argument: FILE.csv or FILE.jsonl")
	if err != nil {
		return err
	}
	cfg, err := cf.load(DefaultConfig(), env.getenv)
	if err != nil {
		return err
	}
	customers, err := readImportFile(rest[0], time.Now().UTC(), cfg.DefaultRegion)
	var bad importErrors
	if errors.As(err, &bad) {
		for _, e := range bad {
			fmt.Fprintln(env.stderr, e.String())
		}
		return fmt.Errorf("%d bad row(s); nothing was imported", len(bad))
	} else if err != nil {
		return err
	}
	m, closeStore, err := openStore(ctx, cfg, env)
	if err != nil {
		return err
	}
	defer closeStore()
	if err := m.CustomerService.ImportCustomers(ctx, customers); err != nil {
		if proofdesk.ErrorCode(err) == proofdesk.ECONFLICT {
			return errors.New("an external_id in the file already belongs to a customer in the store; nothing was imported")
		}
		return fmt.Errorf("nothing was imported: %w", err)
	}
	fmt.Fprintf(env.stdout, "Imported %d customers.\n", len(customers))
	return nil
}
