package sqldb

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
)

// channelSettingsKey is the settings row of the channel settings: one JSON
// document, secrets included, sealed under the system data key (wrapped by
// the master key) and bound to the row.
const channelSettingsKey = "channels"

// AuditChannelSettings is the audit action of a change of the channel
// settings; the entry names the changed fields, never a value.
const AuditChannelSettings = "settings.channels"

type storedChannels struct {
	proofdesk.ChannelSettings
	RelayPassword string    `json:"relay_password,omitempty"`
	IMAPPassword  string    `json:"imap_password,omitempty"`
	DKIMKey       string    `json:"dkim_key,omitempty"`
	SMSAuthToken  string    `json:"sms_auth_token,omitempty"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// FindChannelSettings returns the stored channel settings, secrets
// included (for the server's own use: never show them), and when they
// were saved; the zero settings and a nil time when none were.
func (db *DB) FindChannelSettings(ctx context.Context) (*proofdesk.ChannelSettings, *time.Time, error) {
	sealed, err := db.reader().setting(ctx, channelSettingsKey)
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		return &proofdesk.ChannelSettings{}, nil, nil
	} else if err != nil {
		return nil, nil, fmt.Errorf("channel settings: %w", err)
	}
	plain, err := db.system.OpenString(settingAAD(channelSettingsKey), sealed)
	if err != nil {
		return nil, nil, fmt.Errorf("channel settings: %w", err)
	}
	var st storedChannels
	if err := json.Unmarshal([]byte(plain), &st); err != nil {
		return nil, nil, fmt.Errorf("channel settings: %w", err)
	}
	s := st.ChannelSettings
	s.RelayPassword, s.IMAPPassword, s.DKIMKey, s.SMSAuthToken = st.RelayPassword, st.IMAPPassword, st.DKIMKey, st.SMSAuthToken
	t := st.UpdatedAt
	return &s, &t, nil
}

// SaveChannelSettings stores s (secrets sealed with the rest) and audits
// the change with the names of the changed fields.
func (db *DB) SaveChannelSettings(ctx context.Context, s *proofdesk.ChannelSettings) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		old := &proofdesk.ChannelSettings{}
		if sealed, err := tx.setting(ctx, channelSettingsKey); err == nil {
			plain, err := db.system.OpenString(settingAAD(channelSettingsKey), sealed)
			if err != nil {
				return fmt.Errorf("channel settings: %w", err)
			}
			var st storedChannels
			if err := json.Unmarshal([]byte(plain), &st); err != nil {
				return fmt.Errorf("channel settings: %w", err)
			}
			*old = st.ChannelSettings
			old.RelayPassword, old.IMAPPassword, old.DKIMKey, old.SMSAuthToken = st.RelayPassword, st.IMAPPassword, st.DKIMKey, st.SMSAuthToken
		} else if proofdesk.ErrorCode(err) != proofdesk.ENOTFOUND {
			return err
		}
		st := storedChannels{ChannelSettings: *s, RelayPassword: s.RelayPassword, IMAPPassword: s.IMAPPassword, DKIMKey: s.DKIMKey,
			SMSAuthToken: s.SMSAuthToken, UpdatedAt: tx.now}
		b, err := json.Marshal(st)
		if err != nil {
			return err
		}
		if err := tx.putSetting(ctx, channelSettingsKey, db.system.SealString(settingAAD(channelSettingsKey), string(b))); err != nil {
			return fmt.Errorf("channel settings: %w", err)
		}
		return tx.audit(ctx, proofdesk.AuditEvent{Action: AuditChannelSettings, SubjectKind: "settings", SubjectID: channelSettingsKey,
			Detail: map[string]string{"fields": strings.Join(changedChannelFields(old, s), ",")}})
	})
}

// changedChannelFields names the fields that differ (JSON names; secrets
// by their names), never their values.
func changedChannelFields(a, b *proofdesk.ChannelSettings) []string {
	var out []string
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	var ma, mb map[string]any
	_ = json.Unmarshal(ja, &ma)
	_ = json.Unmarshal(jb, &mb)
	for k, v := range mb {
		if fmt.Sprint(ma[k]) != fmt.Sprint(v) {
			out = append(out, k)
		}
	}
	for _, n := range proofdesk.SecretNames {
		if *a.Secret(n) != *b.Secret(n) {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}
