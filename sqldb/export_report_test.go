package sqldb

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// SeedReportRows writes synthetic rows for the report benchmark straight
// into the tables, in bulk: convs conversations spread over days from
// start, msgsPer messages each (a customer's first, then agent and
// customer turns), a resolution for half, a rating for a fifth, a level
// change for a third and a blocked reply for a twentieth. Bodies and
// claims are placeholders (the reports never read them); the audit rows
// are not a valid chain.
func SeedReportRows(ctx context.Context, db *DB, convs, msgsPer, days int, start time.Time) error {
	agents := []string{"agt_b1", "agt_b2", "agt_b3", "agt_b4", "agt_b5"}
	channels := []string{"chat", "email", "phone", "api"}
	ratings := []string{"good", "good", "good", "okay", "bad"}
	return db.WithTx(ctx, func(tx *Tx) error {
		now := fmtTime(start)
		if err := tx.putKey(ctx, "dk_bench", "bench", "x"); err != nil {
			return err
		}
		for _, a := range agents {
			if _, err := tx.exec(ctx, `INSERT INTO agents (id, email, name, role, password_hash, totp_enc, created_at) VALUES (?, ?, ?, 'agent', 'x', '', ?)`,
				a, a+"@bench.test", "Bench "+a, now); err != nil {
				return err
			}
		}
		var seq int64
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(seq), 0) FROM audit_log`).Scan(&seq); err != nil {
			return err
		}
		b := newBulk(tx)
		span := time.Duration(days) * 24 * time.Hour
		for i := range convs {
			id := fmt.Sprintf("cnv_bench%07d", i)
			created := start.Add(time.Duration(float64(span) * float64(i) / float64(convs))) // no int64 overflow at 100,000
			agent := agents[i%len(agents)]
			b.add(ctx, "conversations", "id, channel, data_key_id, requester_enc, subject_enc, status, assignee_id, created_at, updated_at, last_activity_at",
				id, channels[i%len(channels)], "dk_bench", "x", "x", []string{"open", "resolved"}[i%2], agent, fmtTime(created), fmtTime(created), fmtTime(created))
			for j := range msgsPer {
				author, aid := "customer", ""
				if j%2 == 1 {
					author, aid = "agent", agent
				}
				at := created.Add(time.Duration(j)*7*time.Minute + time.Duration(i%13)*time.Minute)
				b.add(ctx, "messages", "id, conversation_id, seq, author_kind, author_id, body_enc, created_at",
					fmt.Sprintf("msg_bench%07d_%03d", i, j), id, j+1, author, aid, "x", fmtTime(at))
			}
			if i%2 == 1 {
				b.add(ctx, "conversation_status_changes", "conversation_id, status, at", id, "resolved", fmtTime(created.Add(time.Duration(i%47+1)*time.Hour)))
			}
			if i%5 == 0 {
				b.add(ctx, "csat_ratings", "conversation_id, agent_id, channel, rating, source, rated_at", id, agent, channels[i%len(channels)], ratings[i%len(ratings)], "email", fmtTime(created.Add(50*time.Hour)))
			}
			audit := func(action, actor, at, detail string) {
				seq++
				b.add(ctx, "audit_log", "seq, at, actor_kind, actor_id, action, subject_kind, subject_id, detail, prev_hash, hash", seq, at, "agent", actor, action, "conversation", id, detail, "x", "x")
			}
			if i%3 == 0 {
				audit("assurance.change", "", fmtTime(created.Add(time.Duration(i%29+1)*time.Minute)), `{"from":"L0","to":"L1","factor":"`+[]string{"email", "sms", "session"}[i%3/1%3]+`"}`)
			}
			if i%20 == 0 {
				audit("guard.blocked", agent, fmtTime(created.Add(3*time.Minute)), `{"rule":"protected_value","class":"address","required_level":"L1"}`)
			}
			if i%50 == 0 {
				audit("customer.reveal", agent, fmtTime(created.Add(9*time.Minute)), `{"field":"addresses"}`)
			}
			if b.err != nil {
				return b.err
			}
		}
		return b.flush(ctx)
	})
}

// bulk batches inserts into multi-row INSERTs per table.
type bulk struct {
	tx   *Tx
	cols map[string]string
	rows map[string][][]any
	err  error
}

func newBulk(tx *Tx) *bulk {
	return &bulk{tx: tx, cols: map[string]string{}, rows: map[string][][]any{}}
}

func (b *bulk) add(ctx context.Context, table, cols string, vals ...any) {
	b.cols[table] = cols
	b.rows[table] = append(b.rows[table], vals)
	if len(b.rows[table])*len(vals) > 30000 && b.err == nil {
		b.err = b.flush(ctx) // parents first
	}
}

func (b *bulk) flushTable(ctx context.Context, table string) error {
	rows := b.rows[table]
	if len(rows) == 0 {
		return nil
	}
	ph := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(rows[0])), ", ") + ")"
	var args []any
	for _, r := range rows {
		args = append(args, r...)
	}
	q := "INSERT INTO " + table + " (" + b.cols[table] + ") VALUES " + strings.TrimSuffix(strings.Repeat(ph+", ", len(rows)), ", ")
	b.rows[table] = nil
	if _, err := b.tx.exec(ctx, q, args...); err != nil {
		return fmt.Errorf("seed %s: %w", table, err)
	}
	return nil
}

func (b *bulk) flush(ctx context.Context) error {
	for _, t := range []string{"conversations", "messages", "conversation_status_changes", "csat_ratings", "audit_log"} {
		if err := b.flushTable(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

// ReportStepTimes times each query group of Report over [from, to).
func ReportStepTimes(ctx context.Context, db *DB, from, to time.Time) (map[string]time.Duration, error) {
	h := db.reader()
	r := &proofdesk.Report{}
	f, t := fmtTime(from), fmtTime(to)
	agent := func(string) *proofdesk.AgentFigures { return &proofdesk.AgentFigures{} }
	team := func(string) *proofdesk.TeamFigures { return &proofdesk.TeamFigures{} }
	out := map[string]time.Duration{}
	for _, s := range []struct {
		name string
		fn   func() error
	}{
		{"volume", func() error { return h.reportVolume(ctx, r, f, t) }},
		{"first_response", func() error { return h.reportFirstResponse(ctx, r, agent, team, f, t) }},
		{"resolution", func() error { return h.reportResolution(ctx, r, f, t) }},
		{"csat", func() error { return h.reportCSAT(ctx, r, agent, team, f, t) }},
		{"sla", func() error { return h.reportSLA(ctx, r, team, f, t) }},
		{"agents", func() error { return h.reportAgents(ctx, agent, f, t) }},
		{"security", func() error { return h.reportSecurity(ctx, r, f, t) }},
	} {
		t0 := time.Now()
		if err := s.fn(); err != nil {
			return nil, fmt.Errorf("%s: %w", s.name, err)
		}
		out[s.name] = time.Since(t0)
	}
	return out, nil
}
