package sqldb

import (
	"context"

	"github.com/proofdesk/proofdesk"
)

func (tx *Tx) setFlag(ctx context.Context, conv *proofdesk.Conversation, flag string) error {
	conv.RiskFlags = addFlag(conv.RiskFlags, flag)
	fj := mustJSON(conv.RiskFlags)
	_, err := tx.exec(ctx, `UPDATE conversations SET risk_flags = ?, updated_at = ? WHERE id = ?`, fj, fmtTime(tx.now), conv.ID)
	return err
}
