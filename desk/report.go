package desk

import (
	"context"
	"time"

	"github.com/proofdesk/proofdesk"
)

// MaxReportRange is the longest date range a report covers.
const MaxReportRange = 366 * 24 * time.Hour

// Report returns the report of [from, to) for the context's agent when
// proofdesk.Decide allows DoViewReports (supervisors and admins). Errors:
// the gate's refusal (EFORBIDDEN, EUNAUTHORIZED); EINVALID when to is not
// after from or the range is longer than MaxReportRange.
func (d *Desk) Report(ctx context.Context, from, to time.Time) (*proofdesk.Report, error) {
	in := proofdesk.DecisionInput{Action: proofdesk.DoViewReports, Actor: proofdesk.ActorOf(proofdesk.AgentFromContext(ctx))}
	if dec := proofdesk.Decide(in); !dec.Allowed {
		return nil, dec.Err(in)
	}
	if !to.After(from) {
		return nil, proofdesk.FieldError("to", "the end of the range must be after its start")
	}
	if to.Sub(from) > MaxReportRange {
		return nil, proofdesk.FieldError("to", "a report covers at most 366 days")
	}
	return d.db.Read().Report(ctx, from, to)
}
