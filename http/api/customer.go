package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

func (h *Handler) handleCustomerCreate(w http.ResponseWriter, r *http.Request) {
	var in proofdesk.CustomerInput
	if err := httpd.DecodeJSON(r, &in); err != nil {
		httpd.Error(w, r, err)
		return
	}
	in.PhoneRegion = h.PhoneRegion
	c, err := in.Customer(h.Now())
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	if err := h.customers.CreateCustomer(r.Context(), c); err != nil {
		httpd.Error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/customers/"+c.ID)
	h.writeCustomer(w, r, http.StatusCreated, c)
}

func (h *Handler) handleCustomerShow(w http.ResponseWriter, r *http.Request) {
	c, err := h.customers.FindCustomerByID(r.Context(), r.PathValue("id"))
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	h.writeCustomer(w, r, http.StatusOK, c)
}

// handleCustomerList looks customers up by email, phone or external ID.
// One of them is required: the API does not hand out the customer list.
func (h *Handler) handleCustomerList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f proofdesk.CustomerFilter
	if v := q.Get("email"); v != "" {
		e, err := proofdesk.NormalizeEmail(v)
		if err != nil {
			httpd.Error(w, r, proofdesk.FieldError("email", "email: %s", proofdesk.ErrorMessage(err)))
			return
		}
		f.Email = &e
	}
	if v := q.Get("phone"); v != "" {
		p, err := proofdesk.NormalizePhoneIn(v, h.PhoneRegion)
		if err != nil {
			httpd.Error(w, r, proofdesk.FieldError("phone", "phone: %s", proofdesk.ErrorMessage(err)))
			return
		}
		f.Phone = &p
	}
	if v := q.Get("external_id"); v != "" {
		f.ExternalID = &v
	}
	if f.Email == nil && f.Phone == nil && f.ExternalID == nil {
		httpd.Error(w, r, proofdesk.Errorf(proofdesk.EINVALID, "give email, phone or external_id to look a customer up"))
		return
	}
	var err error
	if f.Limit, f.Offset, err = pagination(r, 20, 100); err != nil {
		httpd.Error(w, r, err)
		return
	}
	if h.Lookups == nil {
		httpd.Error(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "customer lookups are not wired to the desk"))
		return
	}
	// Each answer confirms or denies a guess: the desk audits and counts
	// it, and refuses it while the agent is paused.
	cs, n, err := h.Lookups.LookupCustomers(r.Context(), f)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	views := make([]*proofdesk.CustomerView, 0, len(cs))
	for _, c := range cs {
		v, err := h.view(r.Context(), c)
		if err != nil {
			httpd.Error(w, r, err)
			return
		}
		views = append(views, v)
	}
	httpd.WriteJSON(w, http.StatusOK, map[string]any{"customers": views, "total": n})
}

// customerPatch is the PATCH body: the create fields, all optional.
type customerPatch struct {
	ExternalID  *string                        `json:"external_id"`
	Name        *string                        `json:"name"`
	Emails      *[]proofdesk.ContactPointInput `json:"emails"`
	Phones      *[]proofdesk.ContactPointInput `json:"phones"`
	Addresses   *[]proofdesk.Address           `json:"addresses"`
	DateOfBirth *string                        `json:"date_of_birth"`
	Payment     optionalPayment                `json:"payment"`
	Attributes  map[string]*string             `json:"attributes"`
}

// optionalPayment tells an absent "payment" (leave it) from null (remove it).
type optionalPayment struct {
	set bool
	p   *proofdesk.Payment
}

// UnmarshalJSON implements json.Unmarshaler.
func (o *optionalPayment) UnmarshalJSON(b []byte) error {
	o.set = true
	return json.Unmarshal(b, &o.p)
}

func (h *Handler) handleCustomerUpdate(w http.ResponseWriter, r *http.Request) {
	var p customerPatch
	if err := httpd.DecodeJSON(r, &p); err != nil {
		httpd.Error(w, r, err)
		return
	}
	upd, err := p.update(h.Now)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	// Who may change which field is proofdesk.Decide's, asked by the store
	// for each changed field: protected data only from the integration
	// token; agents change it in a verified conversation.
	c, err := h.customers.UpdateCustomer(r.Context(), r.PathValue("id"), upd)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	h.writeCustomer(w, r, http.StatusOK, c)
}

// update validates the patch with the same rules as a create (through
// proofdesk.CustomerInput) and returns the store update.
func (p *customerPatch) update(now func() time.Time) (proofdesk.CustomerUpdate, error) {
	var upd proofdesk.CustomerUpdate
	in := proofdesk.CustomerInput{Name: "placeholder", Attributes: map[string]string{}}
	if p.Name != nil {
		in.Name = *p.Name
	}
	if p.ExternalID != nil {
		in.ExternalID = *p.ExternalID
	}
	if p.Emails != nil {
		in.Emails = *p.Emails
	}
	if p.Phones != nil {
		in.Phones = *p.Phones
	}
	if p.Addresses != nil {
		in.Addresses = *p.Addresses
	}
	if p.DateOfBirth != nil {
		in.DateOfBirth = *p.DateOfBirth
	}
	if p.Payment.set {
		in.Payment = p.Payment.p
	}
	for k, v := range p.Attributes {
		in.Attributes[k] = ""
		if v != nil {
			in.Attributes[k] = *v
		}
	}
	c, err := in.Customer(now())
	if err != nil {
		return upd, err
	}
	if p.Name != nil {
		upd.Name = &c.Name
	}
	if p.ExternalID != nil {
		upd.ExternalID = &c.ExternalID
	}
	upd.Emails, upd.Phones = p.Emails, p.Phones
	if p.Addresses != nil {
		addrs := c.Addresses
		if addrs == nil {
			addrs = []proofdesk.Address{}
		}
		upd.Addresses = &addrs
	}
	if p.DateOfBirth != nil {
		upd.DateOfBirth = &c.DateOfBirth
	}
	if p.Payment.set {
		pay := c.Payment
		upd.Payment = &pay
	}
	if p.Attributes != nil {
		upd.Attributes = map[string]*string{}
		for k, v := range p.Attributes {
			if v == nil {
				upd.Attributes[k] = nil
				continue
			}
			s := c.Attributes[k]
			upd.Attributes[k] = &s
		}
	}
	return upd, nil
}

// pagination reads limit and offset.
func pagination(r *http.Request, def, maxLimit int) (limit, offset int, err error) {
	q := r.URL.Query()
	limit = def
	if v := q.Get("limit"); v != "" {
		if limit, err = strconv.Atoi(v); err != nil || limit < 1 || limit > maxLimit {
			return 0, 0, proofdesk.FieldError("limit", "limit must be a number from 1 to %d", maxLimit)
		}
	}
	if v := q.Get("offset"); v != "" {
		if offset, err = strconv.Atoi(v); err != nil || offset < 0 {
			return 0, 0, proofdesk.FieldError("offset", "offset must be a number of at least 0")
		}
	}
	return limit, offset, nil
}

// writeCustomer answers with c as the request may see it.
func (h *Handler) writeCustomer(w http.ResponseWriter, r *http.Request, status int, c *proofdesk.Customer) {
	v, err := h.view(r.Context(), c)
	if err != nil {
		httpd.Error(w, r, err)
		return
	}
	httpd.WriteJSON(w, status, v)
}
