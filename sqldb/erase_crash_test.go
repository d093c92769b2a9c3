package sqldb_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/desk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// errCrash stands for the process dying at a failpoint.
var errCrash = errors.New("failpoint: crashed here")

// erasee is a customer with a conversation, and the IDs of their two
// data keys.
type erasee struct {
	id, conv, body string
	keys           []string
}

// newErasee stores a customer named name with a conversation holding one
// message, and reads the IDs of their data keys.
func newErasee(t *testing.T, db *sqldb.DB, name string) erasee {
	t.Helper()
	ctx := context.Background()
	e := erasee{body: "The parcel for " + name + " never came"}
	c := newCustomer(t, name, name+"@example.com", "+1415555"+fmt.Sprintf("%04d", len(name)*7))
	c.Name = name
	if err := sqldb.NewCustomerService(db).CreateCustomer(ctx, c); err != nil {
		t.Fatal(err)
	}
	conv := &proofdesk.Conversation{Channel: proofdesk.ChannelEmail, CustomerID: c.ID, Subject: "Parcel",
		Requester: proofdesk.Requester{Name: name, Email: name + "@example.com"}}
	if err := sqldb.NewConversationService(db).CreateConversation(ctx, conv, &proofdesk.Message{AuthorKind: proofdesk.AuthorCustomer, Body: e.body}); err != nil {
		t.Fatal(err)
	}
	e.id, e.conv = c.ID, conv.ID
	for _, q := range []string{`SELECT data_key_id FROM customers WHERE id = ?`, `SELECT data_key_id FROM conversations WHERE id = ?`} {
		id := c.ID
		if len(e.keys) == 1 {
			id = conv.ID
		}
		k, err := sqldb.RawString(ctx, db, q, id)
		if err != nil {
			t.Fatal(err)
		}
		e.keys = append(e.keys, k)
	}
	return e
}

// erasureState is what the store holds of an erasure of a customer.
type erasureState struct {
	// Tombstone: the record is erased; Audited: customer.erased entries
	// naming it; Keys: its old data keys still in the key store;
	// Readable: its message still reads; Listed: keys still listed for
	// destruction in the data file.
	Tombstone bool
	Audited   int
	Keys      int
	Readable  bool
	Listed    int
}

// Outcomes an erasure may converge to, and nothing else.
var (
	notErased   = erasureState{Tombstone: false, Audited: 0, Keys: 2, Readable: true, Listed: 0}
	fullyErased = erasureState{Tombstone: true, Audited: 1, Keys: 0, Readable: false, Listed: 0}
)

// stateOf reads e's erasure state from db.
func stateOf(t *testing.T, db *sqldb.DB, e erasee) erasureState {
	t.Helper()
	ctx := context.Background()
	var s erasureState
	n, err := sqldb.CountWhere(ctx, db, "customers", "id = ? AND erased_at IS NOT NULL", e.id)
	if err != nil {
		t.Fatal(err)
	}
	s.Tombstone = n == 1
	if s.Audited, err = sqldb.CountWhere(ctx, db, "audit_log", "action = ? AND subject_id = ?", proofdesk.AuditCustomerErased, e.id); err != nil {
		t.Fatal(err)
	}
	for _, k := range e.keys {
		if _, err := sqldb.WrappedKey(ctx, db, k); err == nil {
			s.Keys++
		} else if proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			t.Fatal(err)
		}
	}
	ms, err := sqldb.NewConversationService(db).FindMessages(ctx, e.conv)
	s.Readable = err == nil && len(ms) == 1 && ms[0].Body == e.body
	if s.Listed, err = sqldb.CountWhere(ctx, db, "key_destructions", "1 = 1"); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestErasureCrashBetweenKeyFileAndDataFile stops an erasure on SQLite
// at each step between the data file and the key file, as a crash would
// (a failpoint), then reopens the store as a restarted process does,
// with a fresh vault: the erasure ends either not done (the customer
// reads as before, their keys are there, and erasing again works) or
// done (tombstone, one customer.erased entry, keys gone, list empty),
// never keys gone without a tombstone. The bystander always reads, and
// the audit chain verifies.
func TestErasureCrashBetweenKeyFileAndDataFile(t *testing.T) {
	tests := []struct {
		step string
		want erasureState
	}{
		{sqldb.StepCommit, notErased}, // before the data COMMIT that lists the keys
		{sqldb.StepKeys, fullyErased}, // committed, keys not yet deleted
		{sqldb.StepList, fullyErased}, // keys deleted, list not yet cleared
	}
	for _, tt := range tests {
		t.Run(tt.step, func(t *testing.T) {
			ctx := context.Background()
			newVault := masterKey(t)
			dsn := filepath.Join(t.TempDir(), "proofdesk.db")
			db := sqldbtest.OpenWithVault(t, dsn, newVault())
			f := sqldbtest.NewFixture(t, db)
			e, bystander := newErasee(t, db, "Erin"), newErasee(t, db, "Bob")

			sqldb.SetDestroyStep(t, func(step string) error {
				if step == tt.step {
					return errCrash
				}
				return nil
			})
			res, err := f.Desk.RequestErasure(f.SupCtx, e.id, "Asked in writing", "GDPR art. 17(1)(a)")
			if !errors.Is(err, errCrash) {
				t.Fatalf("erase with a crash at %s: %+v %v, want the crash", tt.step, res, err)
			}
			sqldb.ClearDestroyStep()
			db.Close()

			db = sqldbtest.OpenWithVault(t, dsn, newVault())
			if got := stateOf(t, db, e); got != tt.want {
				t.Errorf("after a crash at %s and a restart: %+v, want %+v", tt.step, got, tt.want)
			}
			if got := stateOf(t, db, bystander); got.Tombstone || got.Keys != 2 || !got.Readable {
				t.Errorf("bystander after the restart: %+v, want untouched", got)
			}
			// Erasing again: done once, refused (ECONFLICT) after that.
			f.Desk = desk.New(db, desk.Config{})
			_, err = f.Desk.RequestErasure(f.SupCtx, e.id, "Asked in writing", "GDPR art. 17(1)(a)")
			if tt.want == notErased && err != nil {
				t.Errorf("second erasure of a customer not erased: %v, want done", err)
			} else if tt.want == fullyErased && proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
				t.Errorf("second erasure of an erased customer: %v, want ECONFLICT", err)
			}
			if got := stateOf(t, db, e); got != fullyErased {
				t.Errorf("after the second erasure: %+v, want %+v", got, fullyErased)
			}
			if seq, why, err := sqldb.NewAuditService(db).VerifyAudit(ctx); seq != 0 || err != nil {
				t.Errorf("audit chain: entry %d %q %v", seq, why, err)
			}
		})
	}
}

// TestErasureDestroysKeysBeforeOK: once an erasure returns OK on SQLite,
// its keys are out of the key file and out of the vault's cache, and the
// data file lists none; a destruction a failure left half done (the
// keys' deletion failed once) is finished by the next erasure, without
// a restart.
func TestErasureDestroysKeysBeforeOK(t *testing.T) {
	db := sqldbtest.Open(t)
	f := sqldbtest.NewFixture(t, db)
	first, second, bystander := newErasee(t, db, "Erin"), newErasee(t, db, "Fay"), newErasee(t, db, "Bob")
	failed := 0
	sqldb.SetDestroyStep(t, func(step string) error {
		if step == sqldb.StepKeys && failed == 0 {
			failed++
			return fmt.Errorf("disk full: %w", errCrash)
		}
		return nil
	})
	_, err := f.Desk.RequestErasure(f.SupCtx, first.id, "Asked in writing", "GDPR art. 17(1)(a)")
	if !errors.Is(err, errCrash) {
		t.Fatalf("erase with the keys' deletion failing: %v, want its error", err)
	}
	if got, want := stateOf(t, db, first), (erasureState{Tombstone: true, Audited: 1, Keys: 2, Listed: 2}); got != want {
		t.Fatalf("after the keys' deletion failed: %+v, want %+v (stored, keys still listed)", got, want)
	}
	if _, err := f.Desk.RequestErasure(f.SupCtx, second.id, "Asked in writing", "GDPR art. 17(1)(a)"); err != nil {
		t.Fatalf("second erasure: %v", err)
	}
	for _, e := range []erasee{first, second} {
		if got := stateOf(t, db, e); got != fullyErased {
			t.Errorf("%s after the next erasure: %+v, want %+v", e.id, got, fullyErased)
		}
		for _, k := range e.keys {
			if db.CachedKey(k) {
				t.Errorf("key %s of %s still cached after the erasure returned", k, e.id)
			}
		}
	}
	if got := stateOf(t, db, bystander); got.Tombstone || got.Keys != 2 || !got.Readable {
		t.Errorf("bystander: %+v, want untouched", got)
	}
}

// TestErasureReadInFlightDoesNotRecacheKeys: attack13: a read took a
// key's wrapped row before the erasure deleted it from the key file and
// unwraps it after the erasure's last Forget (a reader on another
// goroutine, played here at the failpoints). When the erasure returns
// OK, the key is not in the vault's cache: no read in this process opens
// what it sealed without the row, which is gone.
func TestErasureReadInFlightDoesNotRecacheKeys(t *testing.T) {
	db := sqldbtest.Open(t)
	f := sqldbtest.NewFixture(t, db)
	e := newErasee(t, db, "Erin")
	ctx := context.Background()
	wrapped := map[string]string{}
	sqldb.SetDestroyStep(t, func(step string) error {
		switch step {
		case sqldb.StepKeys: // the reader reads the rows, still there
			for _, k := range e.keys {
				w, err := sqldb.WrappedKey(ctx, db, k)
				if err != nil {
					return err
				}
				wrapped[k] = w
			}
		case sqldb.StepList: // and unwraps them after the deletion and Forget
			for k, w := range wrapped {
				if err := db.OpenKey(k, w); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if _, err := f.Desk.RequestErasure(f.SupCtx, e.id, "Asked in writing", "GDPR art. 17(1)(a)"); err != nil {
		t.Fatal(err)
	}
	if len(wrapped) != len(e.keys) {
		t.Fatalf("the read in flight read %d of %d keys: the test proves nothing", len(wrapped), len(e.keys))
	}
	for _, k := range e.keys {
		if db.CachedKey(k) {
			t.Errorf("key %s is cached again after the erasure returned OK", k)
		}
	}
}
