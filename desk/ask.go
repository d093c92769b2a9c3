package desk

import (
	"context"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// asked is what ask found: the conversation, its customer (nil when the
// conversation is not linked), the facts given to proofdesk.Decide and
// its answer.
type asked struct {
	conv *proofdesk.Conversation
	cust *proofdesk.Customer
	in   proofdesk.DecisionInput
	dec  proofdesk.Decision
}

// ask is the one preamble of the conversation use cases: it loads the
// conversation and its customer in tx, gathers the facts of action
// (tx.DecisionFacts), lets set add the use case's own (the field, a
// break-glass reason), and asks proofdesk.Decide. When unlinked is not
// "" an unlinked conversation is refused with it (EINVALID, field
// "conversation"). The caller acts on a.dec; a refusal is
// a.dec.Err(a.in). Errors: the store's (ENOTFOUND for an unknown
// conversation).
func ask(ctx context.Context, tx *sqldb.Tx, conversationID, action, unlinked string, set func(*proofdesk.DecisionInput)) (*asked, error) {
	a := &asked{}
	var err error
	if a.conv, err = tx.FindConversation(ctx, conversationID); err != nil {
		return nil, err
	}
	if a.conv.CustomerID == "" && unlinked != "" {
		return nil, proofdesk.FieldError("conversation", "%s", unlinked)
	}
	if a.conv.CustomerID != "" {
		if a.cust, err = tx.FindCustomer(ctx, a.conv.CustomerID); err != nil {
			return nil, err
		}
	}
	if a.in, err = tx.DecisionFacts(ctx, action, a.conv, a.cust); err != nil {
		return nil, err
	}
	if set != nil {
		set(&a.in)
	}
	a.dec = proofdesk.Decide(a.in)
	return a, nil
}
