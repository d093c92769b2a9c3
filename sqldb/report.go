package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/proofdesk/proofdesk"
)

// logStatus records a status change of a conversation: the history the
// reports (resolution times) and SLAs (time paused) are computed from.
func (tx *Tx) logStatus(ctx context.Context, convID, status string) error {
	if _, err := tx.exec(ctx, `INSERT INTO conversation_status_changes (conversation_id, status, at) VALUES (?, ?, ?)`,
		convID, status, fmtTime(tx.now)); err != nil {
		return fmt.Errorf("log status: %w", wrapErr(err))
	}
	return tx.emitWebhook(ctx, proofdesk.WebhookStatusChanged, convID, nil, nil)
}

// RecordStatus records that a conversation reached status at the
// transaction's time, for a conversation stored with that status directly
// (the demo's seeded history); SaveConversation records its own changes.
func (tx *Tx) RecordStatus(ctx context.Context, convID, status string) error {
	return tx.logStatus(ctx, convID, status)
}

// Report computes the report of [from, to) from stored events by SQL.
// It reads only; no figure names a customer. Errors: EINVALID when to is
// not after from.
func (h *Handle) Report(ctx context.Context, from, to time.Time) (*proofdesk.Report, error) {
	if !to.After(from) {
		return nil, proofdesk.FieldError("to", "the end of the range must be after its start")
	}
	r := &proofdesk.Report{From: from.UTC(), To: to.UTC()}
	f, t := fmtTime(from), fmtTime(to)
	agents := map[string]*proofdesk.AgentFigures{}
	agent := func(id string) *proofdesk.AgentFigures {
		a, ok := agents[id]
		if !ok {
			a = &proofdesk.AgentFigures{AgentID: id}
			agents[id] = a
		}
		return a
	}
	teams := map[string]*proofdesk.TeamFigures{}
	team := func(name string) *proofdesk.TeamFigures {
		tm, ok := teams[name]
		if !ok {
			tm = &proofdesk.TeamFigures{Team: name}
			teams[name] = tm
		}
		return tm
	}
	steps := []func() error{
		func() error { return h.reportVolume(ctx, r, f, t) },
		func() error { return h.reportFirstResponse(ctx, r, agent, team, f, t) },
		func() error { return h.reportResolution(ctx, r, f, t) },
		func() error { return h.reportCSAT(ctx, r, agent, team, f, t) },
		func() error { return h.reportSLA(ctx, r, team, f, t) },
		func() error { return h.reportAgents(ctx, agent, f, t) },
		func() error { return h.reportSecurity(ctx, r, f, t) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("report: %w", err)
		}
	}
	if err := h.reportAgentNames(ctx, r, agents); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	if err := h.reportTeamNames(ctx, teams); err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	for _, tm := range teams {
		r.Teams = append(r.Teams, *tm)
	}
	sort.Slice(r.Teams, func(i, j int) bool {
		if r.Teams[i].Name != r.Teams[j].Name {
			return r.Teams[i].Name < r.Teams[j].Name
		}
		return r.Teams[i].Team < r.Teams[j].Team
	})
	r.SLAAttainment = 100
	if r.Conversations > 0 {
		r.SLAAttainment = 100 * float64(r.Conversations-r.SLABreached) / float64(r.Conversations)
	}
	return r, nil
}

// scanRows runs q and calls fn for each row.
func (h *Handle) scanRows(ctx context.Context, q string, args []any, fn func(scanner) error) error {
	rows, err := h.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (h *Handle) reportVolume(ctx context.Context, r *proofdesk.Report, f, t string) error {
	return h.scanRows(ctx, `SELECT channel, SUBSTR(created_at, 12, 2), COUNT(*) FROM conversations
		WHERE created_at >= ? AND created_at < ? GROUP BY channel, SUBSTR(created_at, 12, 2) ORDER BY 1, 2`, []any{f, t}, func(row scanner) error {
		var c proofdesk.VolumeCell
		var hour string
		if err := row.Scan(&c.Channel, &hour, &c.Count); err != nil {
			return err
		}
		c.Hour, _ = strconv.Atoi(hour)
		r.Volume = append(r.Volume, c)
		r.Conversations += c.Count
		return nil
	})
}

func (h *Handle) reportFirstResponse(ctx context.Context, r *proofdesk.Report, agent func(string) *proofdesk.AgentFigures, team func(string) *proofdesk.TeamFigures, f, t string) error {
	var all []time.Duration
	per, perTeam := map[string][]time.Duration{}, map[string][]time.Duration{}
	err := h.scanRows(ctx, `SELECT c.created_at, COALESCE(c.assignee_id, ''), c.team,
			(SELECT MIN(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.author_kind = 'agent' AND m.internal = 0)
		FROM conversations c WHERE c.created_at >= ? AND c.created_at < ?`, []any{f, t}, func(row scanner) error {
		var created time.Time
		var assignee, tm string
		var first nullTime
		if err := row.Scan(timeScan{&created}, &assignee, &tm, &first); err != nil {
			return err
		}
		if assignee != "" {
			agent(assignee).Conversations++
		}
		team(tm).Conversations++
		if first.t == nil {
			return nil
		}
		d := max(first.t.Sub(created), 0)
		all = append(all, d)
		perTeam[tm] = append(perTeam[tm], d)
		if assignee != "" {
			per[assignee] = append(per[assignee], d)
		}
		return nil
	})
	if err != nil {
		return err
	}
	r.FirstResponse = proofdesk.NewDurations(all)
	for id, ds := range per {
		agent(id).FirstResponse = proofdesk.NewDurations(ds)
	}
	for tm, ds := range perTeam {
		team(tm).FirstResponse = proofdesk.NewDurations(ds)
	}
	return nil
}

func (h *Handle) reportResolution(ctx context.Context, r *proofdesk.Report, f, t string) error {
	var all []time.Duration
	err := h.scanRows(ctx, `SELECT c.created_at, MAX(s.at) FROM conversation_status_changes s JOIN conversations c ON c.id = s.conversation_id
		WHERE s.status = 'resolved' AND s.at >= ? AND s.at < ? GROUP BY c.id, c.created_at`, []any{f, t}, func(row scanner) error {
		var created, resolved time.Time
		if err := row.Scan(timeScan{&created}, timeScan{&resolved}); err != nil {
			return err
		}
		all = append(all, max(resolved.Sub(created), 0))
		return nil
	})
	r.Resolution = proofdesk.NewDurations(all)
	return err
}

func addRating(c *proofdesk.CSATCounts, rating string, n int) {
	switch rating {
	case proofdesk.RatingGood:
		c.Good += n
	case proofdesk.RatingOkay:
		c.Okay += n
	case proofdesk.RatingBad:
		c.Bad += n
	}
}

func (h *Handle) reportCSAT(ctx context.Context, r *proofdesk.Report, agent func(string) *proofdesk.AgentFigures, team func(string) *proofdesk.TeamFigures, f, t string) error {
	return h.scanRows(ctx, `SELECT COALESCE(agent_id, ''), team, rating, COUNT(*) FROM csat_ratings WHERE rated_at >= ? AND rated_at < ? GROUP BY agent_id, team, rating`,
		[]any{f, t}, func(row scanner) error {
			var id, tm, rating string
			var n int
			if err := row.Scan(&id, &tm, &rating, &n); err != nil {
				return err
			}
			addRating(&r.CSAT, rating, n)
			addRating(&team(tm).CSAT, rating, n)
			if id != "" {
				addRating(&agent(id).CSAT, rating, n)
			}
			return nil
		})
}

// reportSLA counts the conversations created in the range with a
// recorded breach, per team.
func (h *Handle) reportSLA(ctx context.Context, r *proofdesk.Report, team func(string) *proofdesk.TeamFigures, f, t string) error {
	return h.scanRows(ctx, `SELECT c.team, COUNT(DISTINCT c.id) FROM sla_breaches b JOIN conversations c ON c.id = b.conversation_id
		WHERE c.created_at >= ? AND c.created_at < ? GROUP BY c.team`, []any{f, t}, func(row scanner) error {
		var tm string
		var n int
		if err := row.Scan(&tm, &n); err != nil {
			return err
		}
		r.SLABreached += n
		team(tm).SLABreached = n
		return nil
	})
}

func (h *Handle) reportAgents(ctx context.Context, agent func(string) *proofdesk.AgentFigures, f, t string) error {
	err := h.scanRows(ctx, `SELECT author_id, COUNT(*) FROM messages WHERE author_kind = 'agent' AND internal = 0 AND created_at >= ? AND created_at < ?
		GROUP BY author_id`, []any{f, t}, func(row scanner) error {
		var id string
		var n int
		if err := row.Scan(&id, &n); err != nil {
			return err
		}
		if id != "" {
			agent(id).Replies = n
		}
		return nil
	})
	if err != nil {
		return err
	}
	return h.scanRows(ctx, `SELECT actor_id, action, COUNT(*) FROM `+h.auditRows()+` e WHERE action IN (?, ?, ?, ?) AND at >= ? AND at < ? AND actor_kind = ?
		GROUP BY actor_id, action`, []any{proofdesk.AuditReveal, proofdesk.AuditBreakGlass, proofdesk.AuditDisclosureBlocked, proofdesk.AuditLookup, f, t, proofdesk.ActorAgent},
		func(row scanner) error {
			var id, action string
			var n int
			if err := row.Scan(&id, &action, &n); err != nil {
				return err
			}
			a := agent(id)
			switch action {
			case proofdesk.AuditReveal:
				a.Reveals = n
			case proofdesk.AuditBreakGlass:
				a.BreakGlass = n
			case proofdesk.AuditDisclosureBlocked:
				a.Blocked = n
			case proofdesk.AuditLookup:
				a.Lookups = n
			}
			return nil
		})
}

func (h *Handle) reportAgentNames(ctx context.Context, r *proofdesk.Report, agents map[string]*proofdesk.AgentFigures) error {
	if len(agents) == 0 {
		return nil
	}
	err := h.scanRows(ctx, `SELECT id, name FROM agents ORDER BY name, id`, nil, func(row scanner) error {
		var id, name string
		if err := row.Scan(&id, &name); err != nil {
			return err
		}
		if a, ok := agents[id]; ok {
			a.Name = name
			r.Agents = append(r.Agents, *a)
			delete(agents, id)
		}
		return nil
	})
	for _, a := range agents { // an agent since removed
		r.Agents = append(r.Agents, *a)
	}
	return err
}

// auditRows is the audit log as a table expression (seq, at, actor_kind,
// actor_id, action, subject_kind, subject_id, detail), with the entries
// PostgreSQL's sequencer has not chained yet (audit_seq.go), so that a
// report counts the newest events at once.
func (h *Handle) auditRows() string {
	if h.db.dialect == Postgres {
		return `(SELECT seq, at, actor_kind, actor_id, action, subject_kind, subject_id, detail FROM audit_log
			UNION ALL
			SELECT 4611686018427387904 + id, at, actor_kind, actor_id, action, subject_kind, subject_id, detail FROM audit_pending)`
	}
	return `audit_log`
}

// reportTeamNames names the team rows (conversations hold a team's ID).
func (h *Handle) reportTeamNames(ctx context.Context, teams map[string]*proofdesk.TeamFigures) error {
	if len(teams) == 0 {
		return nil
	}
	return h.scanRows(ctx, `SELECT id, name FROM teams`, nil, func(row scanner) error {
		var id, name string
		if err := row.Scan(&id, &name); err != nil {
			return err
		}
		if tm, ok := teams[id]; ok {
			tm.Name = name
		}
		return nil
	})
}

// detailOf reads one key of an audit entry's JSON detail.
func detailOf(detail, key string) string {
	var m map[string]string
	if json.Unmarshal([]byte(detail), &m) != nil {
		return ""
	}
	return m[key]
}

func (h *Handle) reportSecurity(ctx context.Context, r *proofdesk.Report, f, t string) error {
	s := &r.Security
	s.ByFactor, s.BlockedByRule, s.Alerts = map[string]int{}, map[string]int{}, map[string]int{}
	// Level changes of conversations created in the range (a level is
	// reached after creation, so the audit entries are at or after from).
	type first struct {
		created, at time.Time
		factor      string
	}
	firstL1 := map[string]*first{}
	err := h.scanRows(ctx, `SELECT a.subject_id, a.at, a.detail, c.created_at FROM `+h.auditRows()+` a JOIN conversations c ON c.id = a.subject_id
		WHERE a.action = ? AND a.at >= ? AND c.created_at >= ? AND c.created_at < ? ORDER BY a.seq`,
		[]any{proofdesk.AuditLevelChange, f, f, t}, func(row scanner) error {
			var id, detail string
			var at, created time.Time
			if err := row.Scan(&id, timeScan{&at}, &detail, timeScan{&created}); err != nil {
				return err
			}
			if to := detailOf(detail, "to"); to != "L1" && to != "L2" {
				return nil
			}
			if _, ok := firstL1[id]; !ok {
				firstL1[id] = &first{created: created, at: at, factor: detailOf(detail, "factor")}
			}
			return nil
		})
	if err != nil {
		return err
	}
	var toL1 []time.Duration
	for _, v := range firstL1 {
		s.Verified++
		factor := v.factor
		if factor == "" {
			factor = "other"
		}
		s.ByFactor[factor]++
		toL1 = append(toL1, max(v.at.Sub(v.created), 0))
	}
	s.ToL1 = proofdesk.NewDurations(toL1)
	if r.Conversations > 0 {
		s.VerifiedShare = 100 * float64(s.Verified) / float64(r.Conversations)
	}
	err = h.scanRows(ctx, `SELECT action, detail FROM `+h.auditRows()+` e WHERE action IN (?, ?) AND at >= ? AND at < ?`,
		[]any{proofdesk.AuditDisclosureBlocked, proofdesk.AuditAlert, f, t}, func(row scanner) error {
			var action, detail string
			if err := row.Scan(&action, &detail); err != nil {
				return err
			}
			if action == proofdesk.AuditAlert {
				s.Alerts[detailOf(detail, "alert")]++
				return nil
			}
			rule := detailOf(detail, "rule")
			if rule == "" {
				rule = "other"
			}
			s.BlockedByRule[rule]++
			return nil
		})
	if err != nil {
		return err
	}
	return h.scanRows(ctx, `SELECT action, COUNT(*) FROM `+h.auditRows()+` e WHERE action IN (?, ?, ?) AND at >= ? AND at < ? GROUP BY action`,
		[]any{proofdesk.AuditProbing, proofdesk.AuditOwnerReported, proofdesk.AuditChallengeDenied, f, t}, func(row scanner) error {
			var action string
			var n int
			if err := row.Scan(&action, &n); err != nil {
				return err
			}
			switch action {
			case proofdesk.AuditProbing:
				s.ProbingFlags = n
			case proofdesk.AuditOwnerReported:
				s.NotMeOwner = n
			case proofdesk.AuditChallengeDenied:
				s.NotMeRequest = n
			}
			return nil
		})
}
