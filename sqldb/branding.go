package sqldb

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/proofdesk/proofdesk"
)

// BrandingService stores the branding in the settings table (key
// "branding", JSON; nothing secret, so not sealed).
type BrandingService struct {
	db       *DB
	defaults proofdesk.Branding
}

// NewBrandingService returns the branding service of db; defaults is what
// FindBranding returns until an admin saves one (the --company name).
func NewBrandingService(db *DB, defaults proofdesk.Branding) *BrandingService {
	return &BrandingService{db: db, defaults: defaults}
}

var _ proofdesk.BrandingService = (*BrandingService)(nil)

// FindBranding returns the stored branding, or the defaults.
func (s *BrandingService) FindBranding(ctx context.Context) (*proofdesk.Branding, error) {
	return s.db.reader().branding(ctx, s.defaults)
}

func (h *Handle) branding(ctx context.Context, defaults proofdesk.Branding) (*proofdesk.Branding, error) {
	v, err := h.setting(ctx, "branding")
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		b := defaults
		return &b, nil
	} else if err != nil {
		return nil, fmt.Errorf("branding: %w", err)
	}
	var b proofdesk.Branding
	if err := json.Unmarshal([]byte(v), &b); err != nil {
		return nil, fmt.Errorf("branding: %w", err)
	}
	return &b, nil
}

// UpdateBranding validates b, stores it and audits it before and after.
func (s *BrandingService) UpdateBranding(ctx context.Context, b *proofdesk.Branding) error {
	if err := b.Validate(); err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *Tx) error {
		before, err := tx.branding(ctx, s.defaults)
		if err != nil {
			return err
		}
		old, _ := json.Marshal(before)
		after, _ := json.Marshal(b)
		if err := tx.putSetting(ctx, "branding", string(after)); err != nil {
			return err
		}
		return tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditBrandingChange, SubjectKind: "settings", SubjectID: "branding",
			Detail: map[string]string{"before": string(old), "after": string(after)}})
	})
}
