package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/proofdesk/proofdesk/vault"
)

const keysRotateSummary = `Re-wrap every data key under a new master key, while servers keep serving.

With the key file (<data>/master.key): a new primary key is generated and
written to the file, old keys are kept there for reading, and every data key
is re-wrapped. Running servers pick up the new key from the file. Later, once
every server has restarted or picked it up, run with --retire-old to re-wrap
any straggler and drop the old keys from the file.

With $PROOFDESK_MASTER_KEY: put the new key first ("new,old"), run this on one
node, then drop the old key from the variable everywhere.`

// rotateSettle is how long rotation waits before another pass, so servers
// that wrapped a new data key under the old primary, before they picked the
// new one up from the key file (within a second), are caught.
const rotateSettle = 2 * time.Second

func runKeysRotate(ctx context.Context, env cliEnv, args []string) error {
	cf := newConfigFlags("keys rotate", keysRotateSummary, storeOptions, env.stderr)
	retire := cf.Bool("retire-old", false, "add no key: re-wrap what is left under the current primary, then drop the old keys from the key file")
	if _, err := parseArgs(cf, env, args, 0, ""); err != nil {
		return err
	}
	cfg, err := cf.load(DefaultConfig(), env.getenv)
	if err != nil {
		return err
	}
	fromEnv := env.getenv(vault.EnvVar) != ""
	if fromEnv && *retire {
		return errors.New("--retire-old is for the key file; with $" + vault.EnvVar + ", remove the old key from the variable instead")
	}
	m := newMain(cfg, env)
	if !fromEnv && !*retire {
		if _, err := os.Stat(filepath.Join(cfg.DataDir, vault.KeyFileName)); errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("no master key file in %s and $%s is not set: there is no key to rotate", cfg.DataDir, vault.EnvVar)
		}
		// Open with the current key first, so a data dir that does not
		// fit the database is refused before the key file changes.
		if err := m.OpenDB(ctx); err != nil {
			return err
		}
		_ = m.Close()
		if m.Keyring, err = vault.AddPrimaryToFile(cfg.DataDir); err != nil {
			return err
		}
	}
	if err := m.OpenDB(ctx); err != nil {
		return err
	}
	defer m.Close()
	n, err := m.DB.RotateKeys(ctx, rotateSettle)
	if err != nil {
		return fmt.Errorf("rotation stopped after re-wrapping %d data keys (run it again to finish): %w", n, err)
	}
	primary := m.Keyring.Primary()
	fmt.Fprintf(env.stdout, "Re-wrapped %d data keys under master key %s.\n", n, primary)
	switch {
	case fromEnv && len(m.Keyring.IDs()) == 1 && n == 0:
		return fmt.Errorf("$%s holds one key and every data key already uses it: to rotate, set it to \"NEW,OLD\" (NEW first)", vault.EnvVar)
	case fromEnv:
		fmt.Fprintf(env.stdout, "Every data key now uses the first key of $%s; remove the other keys from it on every node.\n", vault.EnvVar)
	case *retire:
		left, err := m.DB.CountKeysNotUnder(ctx, primary)
		if err != nil {
			return err
		}
		if left > 0 {
			return fmt.Errorf("%d data keys still use an old master key; run again", left)
		}
		if err := vault.RetireFromFile(cfg.DataDir); err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "Dropped the old master keys from %s.\n", filepath.Join(cfg.DataDir, vault.KeyFileName))
	default:
		fmt.Fprintf(env.stdout, "The old key stays in %s for reading. Once every server has the new key, run 'proofdesk keys rotate --retire-old'.\n", filepath.Join(cfg.DataDir, vault.KeyFileName))
	}
	return nil
}
