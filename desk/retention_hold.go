package desk

import (
	"context"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// legalHold reports whether a legal hold covers the customer (customerID,
// "" for none) or the conversation (convID, "" for none).
func legalHold(ctx context.Context, tx *sqldb.Tx, customerID, convID string) (bool, error) {
	return false, nil
}

// retainCustomers erases the customers dormant for months.
func (d *Desk) retainCustomers(ctx context.Context, months int, run *proofdesk.RetentionRun) error {
	return nil
}
