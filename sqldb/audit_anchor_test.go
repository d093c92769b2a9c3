package sqldb_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
	"github.com/proofdesk/proofdesk/sqldb/sqldbtest"
)

// rehashUnkeyed rewrites entries from..last the way an attacker with write
// access to the database but without the master key would: change entry
// from's detail, then recompute every hash after it with the unkeyed
// SHA-256 chain and point audit_head at the new last hash.
func rehashUnkeyed(t *testing.T, s *sqldb.AuditService, raw *sql.DB, from int64) {
	t.Helper()
	ctx := context.Background()
	all, err := s.FindAuditEntries(ctx, proofdesk.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	prev := all[from-2].Hash
	for _, e := range all[from-1:] {
		if e.Seq == from {
			e.Detail = map[string]string{"i": "forged"}
		}
		e.PrevHash = prev
		e.Hash = e.ComputeHash(nil)
		prev = e.Hash
		det, _ := json.Marshal(e.Detail)
		if _, err := raw.Exec(rebind(raw, `UPDATE audit_log SET detail = ?, prev_hash = ?, hash = ? WHERE seq = ?`), string(det), e.PrevHash, e.Hash, e.Seq); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := raw.Exec(rebind(raw, `UPDATE audit_head SET hash = ? WHERE id = 1`), prev); err != nil {
		t.Fatal(err)
	}
}

// rebind turns ? into $N for the pgx driver.
func rebind(raw *sql.DB, q string) string {
	if !strings.Contains(q, "?") || !isPG(raw) {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isPG(raw *sql.DB) bool {
	var v string
	return raw.QueryRow(`SELECT version()`).Scan(&v) == nil && strings.Contains(v, "PostgreSQL")
}

func TestAuditKeyedChain_UnkeyedRehashCaught(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		s := seedAudit(t, db, 6)
		raw := rawDB(t, db)
		rehashUnkeyed(t, s, raw, 3)
		seq, why, err := s.VerifyAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if seq != 3 || !strings.Contains(why, "content") {
			t.Fatalf("VerifyAudit = %d %q, want 3: content", seq, why)
		}
	})
}

func TestAuditAnchor(t *testing.T) {
	sqldbtest.Run(t, func(t *testing.T, db *sqldb.DB) {
		ctx := context.Background()
		s := seedAudit(t, db, 6)
		a, err := s.AnchorAudit(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if a.Seq != 6 || a.KeyID != proofdesk.AnchorKeyID(s.AnchorPublicKey()) {
			t.Fatalf("anchor = %+v, want seq 6 under this installation's key", a)
		}
		// The anchor round-trips through its file form and still verifies,
		// also after the log grows.
		b, _ := json.Marshal(a)
		a, err = proofdesk.ParseAuditAnchor(b)
		if err != nil {
			t.Fatal(err)
		}
		seedAuditMore(t, s, 2)
		if seq, why, err := s.VerifyAuditAnchor(ctx, a); seq != 0 || err != nil {
			t.Fatalf("intact log against its anchor: %d %q %v", seq, why, err)
		}

		t.Run("truncated after the anchor", func(t *testing.T) {
			fresh := sqldbtest.OpenDialect(t, db.Dialect())
			s := seedAudit(t, fresh, 6)
			a, err := s.AnchorAudit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			seedAuditMore(t, s, 3)
			raw := rawDB(t, fresh)
			// Remove entries 5..9 and point the head at entry 4: the keyed
			// chain alone cannot tell, the anchor can.
			var h4 string
			if err := raw.QueryRow(`SELECT hash FROM audit_log WHERE seq = 4`).Scan(&h4); err != nil {
				t.Fatal(err)
			}
			for _, q := range []string{`DELETE FROM audit_log WHERE seq > 4`, `UPDATE audit_head SET seq = 4, hash = '` + h4 + `' WHERE id = 1`} {
				if _, err := raw.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			if seq, _, _ := s.VerifyAudit(ctx); seq != 0 {
				t.Fatalf("VerifyAudit = %d; the test expects the head rewrite to fool the chain alone", seq)
			}
			seq, why, err := s.VerifyAuditAnchor(ctx, a)
			if err != nil || seq != 5 || !strings.Contains(why, "removed") {
				t.Fatalf("VerifyAuditAnchor = %d %q %v, want 5: removed", seq, why, err)
			}
		})

		t.Run("rewritten and re-hashed", func(t *testing.T) {
			fresh := sqldbtest.OpenDialect(t, db.Dialect())
			s := seedAudit(t, fresh, 6)
			a, err := s.AnchorAudit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			rehashUnkeyed(t, s, rawDB(t, fresh), 2)
			seq, why, err := s.VerifyAuditAnchor(ctx, a)
			if err != nil || seq != 2 {
				t.Fatalf("VerifyAuditAnchor = %d %q %v, want 2", seq, why, err)
			}
		})

		t.Run("re-chained after the anchor", func(t *testing.T) {
			// Attack: the log is rewritten with unkeyed hashes and the
			// schema rolled back before 0009, so that the migration keys
			// the rewritten log again on the next start, appending its
			// audit.rekey entry; the anchor taken before catches it.
			fresh := sqldbtest.OpenDialect(t, db.Dialect())
			s := seedAudit(t, fresh, 4)
			a, err := s.AnchorAudit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			seedAuditMore(t, s, 1)
			if err := s.RecordAudit(ctx, proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: proofdesk.AuditRekey,
				SubjectKind: "audit_log", SubjectID: "0009", Detail: map[string]string{"entries": "5", "unkeyed_intact": "true"}}); err != nil {
				t.Fatal(err)
			}
			if seq, _, _ := s.VerifyAudit(ctx); seq != 0 {
				t.Fatalf("VerifyAudit = %d; the re-keyed chain itself is intact", seq)
			}
			seq, why, err := s.VerifyAuditAnchor(ctx, a)
			if err != nil || seq != 6 || !strings.Contains(why, "re-chained") {
				t.Fatalf("VerifyAuditAnchor = %d %q %v, want 6: re-chained", seq, why, err)
			}
		})

		t.Run("forged anchor", func(t *testing.T) {
			good, err := s.AnchorAudit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// The attacker truncates to entry 4 and edits the anchor to
			// match, without the signing key.
			forged := *good
			forged.Seq = 4
			if seq, _, err := s.VerifyAuditAnchor(ctx, &forged); proofdesk.ErrorCode(err) != proofdesk.EINVALID || seq != 0 {
				t.Fatalf("forged anchor: seq=%d err=%v, want EINVALID", seq, err)
			}
			// An anchor signed by another installation is refused too.
			other := seedAudit(t, sqldbtest.OpenDialect(t, db.Dialect()), 8)
			foreign, err := other.AnchorAudit(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := s.VerifyAuditAnchor(ctx, foreign); proofdesk.ErrorCode(err) != proofdesk.EINVALID || !strings.Contains(proofdesk.ErrorMessage(err), "anchor key is") {
				t.Fatalf("foreign anchor: err=%v, want EINVALID naming the key", err)
			}
		})

		t.Run("empty or broken chain is not anchored", func(t *testing.T) {
			empty := sqldb.NewAuditService(sqldbtest.OpenDialect(t, db.Dialect()))
			if _, err := empty.AnchorAudit(ctx); proofdesk.ErrorCode(err) != proofdesk.EINVALID {
				t.Fatalf("empty log anchored: %v", err)
			}
			fresh := sqldbtest.OpenDialect(t, db.Dialect())
			s := seedAudit(t, fresh, 3)
			if _, err := rawDB(t, fresh).Exec(`UPDATE audit_log SET action = 'x' WHERE seq = 2`); err != nil {
				t.Fatal(err)
			}
			if _, err := s.AnchorAudit(ctx); proofdesk.ErrorCode(err) != proofdesk.EINVALID || !strings.Contains(proofdesk.ErrorMessage(err), "entry 2") {
				t.Fatalf("broken log anchored: %v", err)
			}
		})
	})
}

func seedAuditMore(t *testing.T, s *sqldb.AuditService, n int) {
	t.Helper()
	for range n {
		if err := s.RecordAudit(context.Background(), proofdesk.AuditEvent{ActorKind: proofdesk.ActorSystem, Action: "test.more"}); err != nil {
			t.Fatal(err)
		}
	}
	chain(t, s)
}

// TestMigrate0009 opens a database as an older release left it (names
// and external IDs in clear, an unkeyed audit chain) and checks that 0009
// seals the names, keeps external_id lookups working through the blind
// index, drops the plaintext column and re-chains the log under the key,
// recording whether the old chain was intact.
func TestMigrate0009(t *testing.T) {
	for _, tamper := range []bool{false, true} {
		for _, d := range sqldbtest.Dialects() {
			name := d + "/intact"
			if tamper {
				name = d + "/tampered"
			}
			t.Run(name, func(t *testing.T) {
				ctx := context.Background()
				v := sqldbtest.NewVault(t)
				dsn := sqldbtest.DSN(t, d)
				ids, err := sqldb.SeedBefore0009(ctx, sqldb.NewDB(dsn, v, nil), []sqldb.LegacyCustomer{
					{Name: "Ottoline Fairweather", ExternalID: "CRM-55871"}, {Name: "Bartholomew Quince"}}, 5)
				if err != nil {
					t.Fatal(err)
				}
				if tamper {
					old := sqldb.NewDB(dsn, v, nil)
					raw := rawDB(t, old)
					if _, err := raw.Exec(`UPDATE audit_log SET subject_id = 'x' WHERE seq = 3`); err != nil {
						t.Fatal(err)
					}
				}
				db := sqldbtest.OpenWithVault(t, dsn, v)
				customers := sqldb.NewCustomerService(db)
				ext := "CRM-55871"
				found, n, err := customers.FindCustomers(ctx, proofdesk.CustomerFilter{ExternalID: &ext})
				if err != nil || n != 1 || found[0].ID != ids[0] || found[0].Name != "Ottoline Fairweather" {
					t.Fatalf("find by external_id after 0009: n=%d err=%v", n, err)
				}
				c2, err := customers.FindCustomerByID(ctx, ids[1])
				if err != nil || c2.Name != "Bartholomew Quince" || c2.ExternalID != "" {
					t.Fatalf("second customer: %+v %v", c2, err)
				}
				raw := rawDB(t, db)
				var nameCol string
				if err := raw.QueryRow(rebind(raw, `SELECT name FROM customers WHERE id = ?`), ids[0]).Scan(&nameCol); err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(nameCol, "enc:v1:") || strings.Contains(nameCol, "Ottoline") {
					t.Fatalf("name column after 0009 = %q, want sealed", nameCol)
				}
				var cnt int
				if err := raw.QueryRow(`SELECT COUNT(external_id) FROM customers`).Scan(&cnt); err == nil {
					t.Fatal("the plaintext external_id column is still there")
				}
				// Another customer may not take the same external_id.
				dup := &proofdesk.Customer{Name: "X", ExternalID: "CRM-55871"}
				if err := customers.CreateCustomer(ctx, dup); proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
					t.Fatalf("duplicate external_id after 0009: %v, want ECONFLICT", err)
				}

				audit := sqldb.NewAuditService(db)
				if seq, why, err := audit.VerifyAudit(ctx); seq != 0 || err != nil {
					t.Fatalf("re-chained log: %d %q %v", seq, why, err)
				}
				rekey, err := audit.FindAuditEntries(ctx, proofdesk.AuditFilter{Action: ptr(proofdesk.AuditRekey)})
				if err != nil || len(rekey) != 1 || rekey[0].Seq != 6 || rekey[0].Detail["entries"] != "5" {
					t.Fatalf("audit.rekey entries = %+v %v, want one at 6 for 5 entries", rekey, err)
				}
				if got, want := rekey[0].Detail["unkeyed_intact"], map[bool]string{false: "true", true: "false"}[tamper]; got != want {
					t.Fatalf("unkeyed_intact=%q, want %q", got, want)
				}
				if tamper && rekey[0].Detail["unkeyed_broken_at"] != "3" {
					t.Fatalf("unkeyed_broken_at=%q, want 3", rekey[0].Detail["unkeyed_broken_at"])
				}
				// The old unkeyed hashes are gone: every entry is keyed now.
				all, _ := audit.FindAuditEntries(ctx, proofdesk.AuditFilter{})
				if seq, _ := proofdesk.VerifyChain(all, "", 0, nil); seq != 1 {
					t.Fatalf("an unkeyed verification passes entry 1 after 0009 (bad at %d)", seq)
				}
			})
		}
	}
}
