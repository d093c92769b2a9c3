package desk

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/sqldb"
)

// This file is customer satisfaction: when a conversation is resolved,
// the owner's transcript email and the chat widget offer a one-click
// rating (good, okay, bad, an optional comment) through a signed link
// /csat/{token}?rating=good. Opening the link changes nothing (mail
// scanners open links); only the page's POST records the rating, tied to
// the conversation and to the agent holding it.

// RatingTTL is how long a rating link works.
const RatingTTL = 30 * 24 * time.Hour

// Ratings signs rating links and records ratings.
type Ratings struct {
	db  *sqldb.DB
	key []byte        // the installation secret "csat"
	cfg *NoticeConfig // shared with the notices: base URL and company
}

func newRatings(ctx context.Context, db *sqldb.DB, cfg *NoticeConfig) (*Ratings, error) {
	key, err := db.Secret(ctx, "csat")
	if err != nil {
		return nil, err
	}
	return &Ratings{db: db, key: key, cfg: cfg}, nil
}

// token signs (conversation, source, expiry) with the rating key
// (signLink).
func (r *Ratings) token(convID, source string, exp time.Time) string {
	return signLink(r.key, convID, source, exp)
}

// parseToken returns the conversation and source a token names: ENOTFOUND
// for a malformed or forged token or an unknown source, EFORBIDDEN once it
// expired.
func (r *Ratings) parseToken(tok string, now time.Time) (convID, source string, err error) {
	convID, source, err = openLink(r.key, tok, now, "This rating link has expired.")
	if err == nil && source != proofdesk.RatingFromEmail && source != proofdesk.RatingFromChat {
		return "", "", proofdesk.Errorf(proofdesk.ENOTFOUND, "This link is not valid.")
	}
	return convID, source, err
}

// Link returns the rating page of a conversation for source (
// proofdesk.RatingFromEmail or RatingFromChat), valid for RatingTTL from
// now; value ("good", "okay", "bad" or "") preselects an answer.
func (r *Ratings) Link(convID, source, value string) string {
	u := r.cfg.BaseURL + "/csat/" + r.token(convID, source, r.db.Now().Add(RatingTTL))
	if value != "" {
		u += "?rating=" + value
	}
	return u
}

// Info returns what the rating page shows; it changes nothing. Errors as
// parseToken, ENOTFOUND for a conversation that is gone.
func (r *Ratings) Info(ctx context.Context, token string) (*proofdesk.RatingInfo, error) {
	h := r.db.Read()
	convID, _, err := r.parseToken(token, h.Now())
	if err != nil {
		return nil, err
	}
	conv, err := h.FindConversation(ctx, convID)
	if err != nil {
		return nil, err
	}
	info := &proofdesk.RatingInfo{ConversationID: conv.ID, Channel: conv.Channel, StartedAt: conv.CreatedAt}
	if cur, err := h.FindRating(ctx, convID); err == nil {
		info.Current = cur.Value
	} else if proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
		return nil, err
	}
	return info, nil
}

// CleanComment trims a rating's comment and refuses one that is too long
// or not text: EINVALID naming the field.
func CleanComment(s string) (string, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if !utf8.ValidString(s) {
		return "", proofdesk.FieldError("comment", "comment must be UTF-8 text")
	}
	if utf8.RuneCountInString(s) > proofdesk.MaxRatingComment {
		return "", proofdesk.FieldError("comment", "comment must be at most 2000 characters")
	}
	for _, c := range s {
		if unicode.IsControl(c) && c != '\n' && c != '\t' {
			return "", proofdesk.FieldError("comment", "comment must not contain control characters")
		}
	}
	return s, nil
}

// Rate records the rating a token's holder gives: value is good, okay or
// bad, comment optional. The rating is tied to the conversation, its
// linked customer, and the agent and team holding it now; rating again
// replaces the earlier answer. Errors: EINVALID for a bad value or
// comment, those of parseToken, ENOTFOUND for a conversation that is gone.
func (r *Ratings) Rate(ctx context.Context, token, value, comment string) (*proofdesk.Rating, error) {
	if !proofdesk.ValidRating(value) {
		return nil, proofdesk.FieldError("rating", "rating must be one of good, okay, bad")
	}
	comment, err := CleanComment(comment)
	if err != nil {
		return nil, err
	}
	var out *proofdesk.Rating
	err = r.db.WithTx(ctx, func(tx *sqldb.Tx) error {
		convID, source, err := r.parseToken(token, tx.Now())
		if err != nil {
			return err
		}
		conv, err := tx.FindConversation(ctx, convID)
		if err != nil {
			return err
		}
		out = &proofdesk.Rating{ConversationID: conv.ID, CustomerID: conv.CustomerID, AgentID: conv.AssigneeID, Team: conv.Team,
			Channel: conv.Channel, Value: value, Comment: comment, Source: source}
		return tx.SaveRating(ctx, out)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
