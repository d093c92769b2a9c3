package sqldb

import (
	"context"
	"fmt"
	"strings"

	"github.com/proofdesk/proofdesk"
)

func (tx *Tx) setFlag(ctx context.Context, conv *proofdesk.Conversation, flag string) error {
	conv.RiskFlags = addFlag(conv.RiskFlags, flag)
	fj := mustJSON(conv.RiskFlags)
	_, err := tx.exec(ctx, `UPDATE conversations SET risk_flags = ?, updated_at = ? WHERE id = ?`, fj, fmtTime(tx.now), conv.ID)
	return err
}

// notifyOwner queues a notice to every on-file email of the customer,
// never to an address taken from the conversation.
func (tx *Tx) notifyOwner(ctx context.Context, cust *proofdesk.Customer, conv *proofdesk.Conversation, what string) error {
	for _, cp := range cust.ContactPointsOf(proofdesk.ContactEmail) {
		body := fmt.Sprintf("Hello %s,\n\n%s\nConversation: %s, channel %s, started %s UTC.\n\nIf this wasn't you, reply to this message or contact us through the app.\n",
			strings.Fields(cust.Name + " ")[0], what, conv.ID, conv.Channel, conv.CreatedAt.Format("2006-01-02 15:04"))
		if err := tx.enqueue(ctx, &proofdesk.OutboxMessage{Kind: proofdesk.OutboxEmail, Purpose: "owner_notice", ConversationID: conv.ID, To: cp.Value,
			Subject: "Activity on your account with support", Body: body}, nil); err != nil {
			return err
		}
	}
	return nil
}
