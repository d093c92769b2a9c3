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
rows are imported in one transaction.

The encoding is detected (a byte order mark for UTF-8 or UTF-16, else UTF-8,
else Windows-1252, as Excel writes "CSV" on Windows) or named with
--encoding. A CSV file may be separated by commas, semicolons or tabs: the
header row, or Excel's "sep=;" first line, says which.`

func runCustomersImport(ctx context.Context, env cliEnv, args []string) error {
	cf := newConfigFlags("customers import", customersImportSummary, storeOptions, env.stderr)
	encoding := cf.String("encoding", encodingAuto, "the file's encoding: auto, utf-8, utf-16 (with a byte order mark), utf-16le, utf-16be, windows-1252, or another WHATWG label (windows-1251, iso-8859-2, shift_jis, ...)")
	rest, err := parseArgs(cf, env, args, 1, "one argument: FILE.csv or FILE.jsonl")
	if err != nil {
		return err
	}
	cfg, err := cf.load(DefaultConfig(), env.getenv)
	if err != nil {
		return err
	}
	customers, used, err := readImportFile(rest[0], *encoding, time.Now().UTC(), cfg.DefaultRegion)
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
	if err := m.Desk.ImportCustomers(ctx, customers); err != nil {
		if proofdesk.ErrorCode(err) == proofdesk.ECONFLICT {
			return errors.New("an external_id in the file already belongs to a customer in the store; nothing was imported")
		}
		return fmt.Errorf("nothing was imported: %w", err)
	}
	fmt.Fprintf(env.stdout, "Imported %d customers (read as %s).\n", len(customers), used)
	return nil
}

// importCustomers is the console's import (Admin's "Import a file"): the
// same parsing, validation and row errors as 'proofdesk customers import',
// then desk.Desk.ImportCustomers as the signed-in admin (Decide: a
// contact point dated in the past is for the command line and the
// integration only).
func (m *Main) importCustomers(ctx context.Context, filename string, data []byte) (int, string, error) {
	customers, used, err := parseImportData(filename, data, encodingAuto, time.Now().UTC(), m.Config.DefaultRegion)
	if err != nil {
		if ie, ok := err.(importErrors); ok {
			return 0, "", proofdesk.Errorf(proofdesk.EINVALID, "%s", ie.Error())
		}
		return 0, "", proofdesk.Errorf(proofdesk.EINVALID, "%s", errorText(err))
	}
	if err := m.Desk.Customers(m.CustomerService).ImportCustomers(ctx, customers); err != nil {
		return 0, "", err
	}
	return len(customers), used, nil
}
