package sqldb

import (
	"context"
	"fmt"
	"time"

	"github.com/proofdesk/proofdesk"
)

// riskWindow is how far back the risk counts a customer's failed answers
// and the channels of their conversations.
const riskWindow = time.Hour

// risk gathers the facts of a conversation's risk (its flags, the linked
// customer, the customer's failed answers and conversations in the last
// hour) and scores them with proofdesk.RiskOf, where the rule lives.
func (h *Handle) risk(ctx context.Context, conv *proofdesk.Conversation) (proofdesk.Risk, error) {
	f := proofdesk.RiskFacts{Flags: conv.RiskFlags, Requester: conv.Requester, Now: h.now}
	if conv.CustomerID != "" {
		c, err := h.findCustomerByID(ctx, conv.CustomerID)
		if err != nil {
			return proofdesk.Risk{}, err
		}
		f.Customer = c
		hourAgo := h.now.Add(-riskWindow)
		if f.FailuresLastHour, err = h.CountFailuresSince(ctx, c.ID, hourAgo); err != nil {
			return proofdesk.Risk{}, err
		}
		if err := h.queryRow(ctx, `SELECT COUNT(DISTINCT channel) FROM conversations WHERE customer_id = ? AND created_at > ?`, c.ID, fmtTime(hourAgo)).Scan(&f.ChannelsLastHour); err != nil {
			return proofdesk.Risk{}, fmt.Errorf("count channels: %w", err)
		}
	}
	return proofdesk.RiskOf(f), nil
}
