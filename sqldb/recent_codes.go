package sqldb

import (
	"context"
	"sync"

	"github.com/proofdesk/proofdesk"
)

// RecentCodes returns a matcher of the codes issued on any conversation
// in the last proofdesk.RecentCodeWindow. It loads the challenges' IDs and
// code hashes on its first call (most messages hold no 6-digit number, so
// most views never call it) and checks a candidate against each with the
// keyed hash, so the codes themselves are never stored nor held. If the
// load fails it logs and reports every candidate as a code: the view then
// hides, the safe side.
func (s *VerificationService) RecentCodes(ctx context.Context) func(code string) bool {
	type issued struct{ id, hash string }
	var (
		once   sync.Once
		recent []issued
		failed bool
		mu     sync.Mutex
		seen   = map[string]bool{} // answers already computed
	)
	load := func() {
		since := fmtTime(s.db.Now().Add(-proofdesk.RecentCodeWindow))
		rows, err := s.db.reader().query(ctx, `SELECT id, code_hash FROM challenges WHERE created_at >= ?`, since)
		if err != nil {
			failed = true
			s.db.logger.Error("recent codes", slogErr(err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			var c issued
			if err := rows.Scan(&c.id, &c.hash); err != nil {
				failed = true
				s.db.logger.Error("recent codes", slogErr(err))
				return
			}
			recent = append(recent, c)
		}
		if err := rows.Err(); err != nil {
			failed = true
			s.db.logger.Error("recent codes", slogErr(err))
		}
	}
	return func(code string) bool {
		once.Do(load)
		if failed {
			return true
		}
		mu.Lock()
		defer mu.Unlock()
		if v, ok := seen[code]; ok {
			return v
		}
		match := false
		for _, c := range recent {
			if s.secrets.CheckCode(c.hash, c.id, code) {
				match = true
				break
			}
		}
		seen[code] = match
		return match
	}
}
