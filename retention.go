package proofdesk

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Retention: the admins' rules for how long conversation content and
// dormant customers are kept (issue 17 §3). The rules are data; the run
// that applies them is desk.Desk.RunRetention.

// RetentionChannels are the channels a body rule may name.
var RetentionChannels = []string{ChannelChat, ChannelEmail, ChannelPhone, ChannelAPI}

// Limits of a retention rule.
const (
	MaxRetentionDays   = 36500 // 100 years
	MaxRetentionMonths = 1200  // 100 years
)

// RetentionConfig is the retention rules. The zero value keeps everything.
type RetentionConfig struct {
	// BodyDays is, by channel (RetentionChannels), after how many days
	// since a conversation was resolved the bodies and attachments of its
	// messages are removed. A channel absent or at 0 keeps them. The
	// conversation stays, with its metadata (subject, customer, status,
	// times, tags, level history) and its audit entries.
	BodyDays map[string]int `json:"body_days"`
	// CustomerMonths erases customers who have had no conversation and no
	// activity (no change to their record, no order) for this many months,
	// through the erase use case. 0 keeps them.
	CustomerMonths int `json:"customer_months"`
}

// Validate returns EINVALID naming the field at fault: an unknown channel,
// a negative value, or one above MaxRetentionDays / MaxRetentionMonths.
func (c *RetentionConfig) Validate() error {
	for ch, d := range c.BodyDays {
		if !slices.Contains(RetentionChannels, ch) {
			return FieldError("body_days", "body_days names channel %q; the channels are %s", ch, strings.Join(RetentionChannels, ", "))
		}
		if d < 0 || d > MaxRetentionDays {
			return FieldError("body_days", "body_days for %s is %d; give a number of days from 0 (keep) to %d", ch, d, MaxRetentionDays)
		}
	}
	if c.CustomerMonths < 0 || c.CustomerMonths > MaxRetentionMonths {
		return FieldError("customer_months", "customer_months is %d; give a number of months from 0 (keep) to %d", c.CustomerMonths, MaxRetentionMonths)
	}
	return nil
}

// Normalize drops the channels set to 0 (keep), so that a stored
// configuration has one spelling per meaning, and makes BodyDays non-nil.
func (c *RetentionConfig) Normalize() {
	out := map[string]int{}
	for ch, d := range c.BodyDays {
		if d > 0 {
			out[ch] = d
		}
	}
	c.BodyDays = out
}

// Active reports whether any rule removes anything.
func (c *RetentionConfig) Active() bool { return len(c.BodyDays) > 0 || c.CustomerMonths > 0 }

// Summary is the rules in one line, for the audit log: "chat=30 email=90
// customers=24m" ("keep everything" when none is set).
func (c *RetentionConfig) Summary() string {
	var parts []string
	chs := make([]string, 0, len(c.BodyDays))
	for ch := range c.BodyDays {
		chs = append(chs, ch)
	}
	sort.Strings(chs)
	for _, ch := range chs {
		if c.BodyDays[ch] > 0 {
			parts = append(parts, fmt.Sprintf("%s=%dd", ch, c.BodyDays[ch]))
		}
	}
	if c.CustomerMonths > 0 {
		parts = append(parts, fmt.Sprintf("customers=%dm", c.CustomerMonths))
	}
	if len(parts) == 0 {
		return "keep everything"
	}
	return strings.Join(parts, " ")
}

// Retention run triggers.
const (
	RetentionScheduled = "schedule"
	RetentionManual    = "manual"
)

// Audit actions of retention.
const (
	// AuditRetentionChange records a change of the rules (detail: the
	// rules before and after, as Summary gives them).
	AuditRetentionChange = "settings.retention"
	// AuditRetentionRun records one run and its counts.
	AuditRetentionRun = "retention.run"
	// AuditRetentionRemoved records, on a conversation, that a run removed
	// its message bodies and attachments (detail: the counts and the rule).
	AuditRetentionRemoved = "retention.removed"
)

// RetentionLegalBasis is the legal basis the erase of a dormant customer
// records: the retention rule, applied by the system.
const RetentionLegalBasis = "retention policy: no conversation or activity for the configured period"

// RetentionRun is what one run did.
type RetentionRun struct {
	Trigger    string    `json:"trigger"` // RetentionScheduled or RetentionManual
	StartedAt  time.Time `json:"started_at"`
	FinishedAt time.Time `json:"finished_at"`
	// Conversations whose bodies the run removed.
	Conversations int `json:"conversations"`
	// BodiesRemoved counts messages whose body was removed.
	BodiesRemoved int `json:"bodies_removed"`
	// AttachmentsRemoved counts files removed.
	AttachmentsRemoved int `json:"attachments_removed"`
	// CustomersErased counts dormant customers erased.
	CustomersErased int `json:"customers_erased"`
	// SkippedLegalHold counts conversations and customers left alone
	// because a legal hold covers them (or their customer), or, for a
	// customer, covered them until less than TwoPersonWindow ago.
	SkippedLegalHold int `json:"skipped_legal_hold"`
	// SkippedLocked counts dormant customers left alone because their
	// account is under a support lock (held for investigation).
	SkippedLocked int `json:"skipped_locked"`
}

// AuditDetail is the run's counts as an audit entry's detail.
func (r *RetentionRun) AuditDetail() map[string]string {
	return map[string]string{
		"trigger":             r.Trigger,
		"conversations":       fmt.Sprint(r.Conversations),
		"bodies_removed":      fmt.Sprint(r.BodiesRemoved),
		"attachments_removed": fmt.Sprint(r.AttachmentsRemoved),
		"customers_erased":    fmt.Sprint(r.CustomersErased),
		"skipped_legal_hold":  fmt.Sprint(r.SkippedLegalHold),
		"skipped_locked":      fmt.Sprint(r.SkippedLocked),
	}
}

// RetentionRemovedText is what every agent-facing surface shows in place
// of a body the retention policy removed on at (a UTC date).
func RetentionRemovedText(at time.Time) string {
	return "Removed by the retention policy on " + at.UTC().Format("2006-01-02") + "."
}
