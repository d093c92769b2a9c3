package desk

import (
	"context"
	"fmt"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// MergeConversations merges conversation sourceID into targetID, two
// conversations linked to the same customer: the source's messages are
// copied into the target after a system note, the source is resolved
// with a note pointing to the target, and the target keeps the lower of
// the two levels (a merge never raises a level). proofdesk.Decide
// (DoMergeConversations) asks for the holder of each, or a supervisor,
// and refuses under a support lock; it is audited on both. Errors:
// EUNAUTHORIZED, EINVALID (the same conversation, different customers,
// unlinked), EFORBIDDEN, ELOCKED, ENOTFOUND.
func (d *Desk) MergeConversations(ctx context.Context, sourceID, targetID string) (*proofdesk.Conversation, error) {
	a := proofdesk.AgentFromContext(ctx)
	if a == nil {
		return nil, proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Sign in first.")
	}
	if sourceID == targetID {
		return nil, proofdesk.FieldError("into", "a conversation cannot be merged into itself")
	}
	var out *proofdesk.Conversation
	var refused error
	err := d.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		dst, err := tx.FindConversation(ctx, targetID)
		if err != nil {
			if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
				return proofdesk.FieldError("into", "into names no conversation")
			}
			return err
		}
		var src *asked
		for _, id := range []string{sourceID, targetID} {
			asked, err := ask(ctx, tx, id, proofdesk.DoMergeConversations, "", func(in *proofdesk.DecisionInput) {
				if dst.CustomerID != "" && in.Linked {
					in.Field = "same_customer"
				}
			})
			if err != nil {
				return err
			}
			if asked.conv.CustomerID != dst.CustomerID {
				asked.in.Field = ""
				asked.dec = proofdesk.Decide(asked.in)
			}
			if !asked.dec.Allowed {
				refused = asked.dec.Err(asked.in)
				return refused
			}
			if id == sourceID {
				src = asked
			}
		}
		now := tx.Now()
		level := min(src.conv.EffectiveLevel(now), dst.EffectiveLevel(now))
		copied, err := tx.MergeConversationInto(ctx, src.conv, dst, level)
		if err != nil {
			return err
		}
		for _, id := range []string{sourceID, targetID} {
			if err := tx.Audit(ctx, proofdesk.AuditEvent{Action: "conversation.merged", SubjectKind: "conversation", SubjectID: id,
				Detail: map[string]string{"source": sourceID, "target": targetID, "messages": fmt.Sprint(copied), "level": level.String()}}); err != nil {
				return err
			}
		}
		out, err = tx.FindConversation(ctx, targetID)
		return err
	})
	if refused != nil {
		if aerr := d.db.AuditRefusal(ctx, proofdesk.DoMergeConversations, "conversation", sourceID, refused, map[string]string{"target": targetID}); aerr != nil {
			return nil, aerr
		}
		return nil, refused
	}
	if err != nil {
		return nil, err
	}
	return out, nil
}
