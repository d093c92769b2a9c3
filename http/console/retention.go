package console

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// RetentionActions are the retention use cases of Admin → Retention
// (desk.Desk is one); each asks Decide (DoAdminister).
type RetentionActions interface {
	RetentionConfig(ctx context.Context) (*proofdesk.RetentionConfig, error)
	// SetRetentionConfig returns EINVALID naming the field.
	SetRetentionConfig(ctx context.Context, c *proofdesk.RetentionConfig) error
	// RunRetention returns ECONFLICT while another run holds the schedule.
	RunRetention(ctx context.Context) (*proofdesk.RetentionRun, error)
}

// registerRetention adds Admin → Retention when the console has the use
// cases.
func (h *Handler) registerRetention(r Router, admin func(http.HandlerFunc) http.Handler) {
	if h.d.Retention == nil {
		return
	}
	r.Handle("GET /admin/retention", admin(h.handleAdminRetention))
	r.Handle("POST /admin/retention", admin(h.handleAdminRetentionUpdate))
	r.Handle("POST /admin/retention/run", admin(h.handleAdminRetentionRun))
}

// retentionChannel is one row of the body rules' form.
type retentionChannel struct {
	Channel string
	Days    int
}

// adminRetentionPage is Admin → Retention: the rules and "Run now".
type adminRetentionPage struct {
	page
	Channels []retentionChannel
	Months   int
	Field    string // the field an error names
	Run      *proofdesk.RetentionRun
}

func (h *Handler) retentionPage(r *http.Request, c *proofdesk.RetentionConfig) adminRetentionPage {
	p := adminRetentionPage{page: h.newPage(r, "Retention", "admin"), Months: c.CustomerMonths}
	for _, ch := range proofdesk.RetentionChannels {
		p.Channels = append(p.Channels, retentionChannel{Channel: ch, Days: c.BodyDays[ch]})
	}
	return p
}

func (h *Handler) handleAdminRetention(w http.ResponseWriter, r *http.Request) {
	c, err := h.d.Retention.RetentionConfig(r.Context())
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "admin_retention", h.retentionPage(r, c))
}

// retentionNumber reads the form's field name: empty is 0 (keep).
func retentionNumber(r *http.Request, name, field string) (int, error) {
	v := strings.TrimSpace(r.PostFormValue(name))
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, proofdesk.FieldError(field, "%s must be a whole number (0 or empty keeps everything)", name)
	}
	return n, nil
}

func (h *Handler) handleAdminRetentionUpdate(w http.ResponseWriter, r *http.Request) {
	c := &proofdesk.RetentionConfig{BodyDays: map[string]int{}}
	var err error
	for _, ch := range proofdesk.RetentionChannels {
		var d int
		if d, err = retentionNumber(r, "days_"+ch, "body_days"); err != nil {
			break
		}
		c.BodyDays[ch] = d
	}
	if err == nil {
		c.CustomerMonths, err = retentionNumber(r, "customer_months", "customer_months")
	}
	if err == nil {
		err = h.d.Retention.SetRetentionConfig(r.Context(), c)
	}
	if err != nil {
		if proofdesk.ErrorCode(err) != proofdesk.EINVALID {
			h.renderError(w, r, err)
			return
		}
		p := h.retentionPage(r, c)
		p.Error = proofdesk.ErrorMessage(err)
		if e, ok := err.(*proofdesk.Error); ok {
			p.Field = e.Field
		}
		h.render(w, r, http.StatusUnprocessableEntity, "admin_retention", p)
		return
	}
	http.Redirect(w, r, "/admin/retention?done=retention", http.StatusSeeOther)
}

func (h *Handler) handleAdminRetentionRun(w http.ResponseWriter, r *http.Request) {
	run, err := h.d.Retention.RunRetention(r.Context())
	if err != nil && proofdesk.ErrorCode(err) != proofdesk.ECONFLICT {
		h.renderError(w, r, err)
		return
	}
	c, cerr := h.d.Retention.RetentionConfig(r.Context())
	if cerr != nil {
		h.renderError(w, r, cerr)
		return
	}
	p := h.retentionPage(r, c)
	status := http.StatusOK
	if err != nil {
		p.Error, status = proofdesk.ErrorMessage(err), http.StatusConflict
	} else {
		p.Run = run
		p.Notice = fmt.Sprintf("Retention run done: %d message bodies and %d attachments removed from %d conversations, %d customers erased, %d skipped under a legal hold, %d under a support lock. The audit log records it.",
			run.BodiesRemoved, run.AttachmentsRemoved, run.Conversations, run.CustomersErased, run.SkippedLegalHold, run.SkippedLocked)
	}
	h.render(w, r, status, "admin_retention", p)
}
