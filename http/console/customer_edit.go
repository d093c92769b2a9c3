package console

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/proofdesk/proofdesk"
)

// This file is customers in the console (issue 14): create one, edit one
// (through desk.Customers, which asks proofdesk.Decide field by field:
// protected data changes only in a verified conversation or from the
// integration, so the console's edits outside a conversation are of
// unprotected fields and the gate says so for the rest), and import a
// file with the same parser, validation and row errors as `proofdesk
// customers import` (Deps.ImportCustomers).

// ImportFunc imports a CSV or JSONL file's customers, all or none, as
// `proofdesk customers import` does; it returns how many and the encoding
// read, or EINVALID listing every bad row ("line N: field F: message",
// never a value).
type ImportFunc func(ctx context.Context, filename string, data []byte) (n int, encoding string, err error)

type customerFormPage struct {
	page
	Form     customerForm
	Customer *proofdesk.CustomerView // edit: the customer, masked
	Imported string
}

// customerForm is what the create and edit forms hold. On edit, the
// protected fields start empty: a value typed replaces the one on file.
type customerForm struct {
	Name, ExternalID, Emails, Phones, DateOfBirth   string
	Line1, Line2, City, Region, PostalCode, Country string
	Attributes                                      string // name=value lines
}

func formOf(r *http.Request) customerForm {
	f := r.PostFormValue
	return customerForm{Name: f("name"), ExternalID: f("external_id"), Emails: f("emails"), Phones: f("phones"), DateOfBirth: f("date_of_birth"),
		Line1: f("line1"), Line2: f("line2"), City: f("city"), Region: f("region"), PostalCode: f("postal_code"), Country: f("country"),
		Attributes: f("attributes")}
}

func lines(s string) []string {
	var out []string
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == ',' || r == ';' }) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func contactInputs(s string) []proofdesk.ContactPointInput {
	var out []proofdesk.ContactPointInput
	for _, v := range lines(s) {
		out = append(out, proofdesk.ContactPointInput{Value: v})
	}
	return out
}

func (f customerForm) address() *proofdesk.Address {
	a := proofdesk.Address{Line1: strings.TrimSpace(f.Line1), Line2: strings.TrimSpace(f.Line2), City: strings.TrimSpace(f.City),
		Region: strings.TrimSpace(f.Region), PostalCode: strings.TrimSpace(f.PostalCode), Country: strings.ToUpper(strings.TrimSpace(f.Country))}
	if a == (proofdesk.Address{}) {
		return nil
	}
	return &a
}

func (f customerForm) attributes() (map[string]string, error) {
	out := map[string]string{}
	for _, l := range strings.Split(f.Attributes, "\n") {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		k, v, ok := strings.Cut(l, "=")
		if !ok {
			return nil, proofdesk.FieldError("attributes", "attributes: one name=value per line")
		}
		out[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return out, nil
}

func (h *Handler) handleCustomerNew(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "customer_new", &customerFormPage{page: h.newPage(r, "New customer", "inbox")})
}

// handleCustomerCreate creates a customer through desk.Customers (Decide:
// DoCreateCustomer; contact points count after the cooling-off).
func (h *Handler) handleCustomerCreate(w http.ResponseWriter, r *http.Request) {
	p := &customerFormPage{page: h.newPage(r, "New customer", "inbox"), Form: formOf(r)}
	fail := func(err error) {
		if c := proofdesk.ErrorCode(err); c == proofdesk.EINTERNAL || c == "" {
			h.renderError(w, r, err)
			return
		}
		p.Error = proofdesk.ErrorMessage(err)
		h.render(w, r, httpStatus(err), "customer_new", p)
	}
	attrs, err := p.Form.attributes()
	if err != nil {
		fail(err)
		return
	}
	in := proofdesk.CustomerInput{ExternalID: strings.TrimSpace(p.Form.ExternalID), Name: strings.TrimSpace(p.Form.Name),
		Emails: contactInputs(p.Form.Emails), Phones: contactInputs(p.Form.Phones), DateOfBirth: strings.TrimSpace(p.Form.DateOfBirth),
		Attributes: attrs, PhoneRegion: h.PhoneRegion}
	if a := p.Form.address(); a != nil {
		in.Addresses = []proofdesk.Address{*a}
	}
	c, err := in.Customer(h.Now().UTC())
	if err != nil {
		fail(err)
		return
	}
	if err := h.d.Customers.CreateCustomer(r.Context(), c); err != nil {
		fail(err)
		return
	}
	http.Redirect(w, r, "/customers/"+c.ID+"?done=customer", http.StatusSeeOther)
}

func (h *Handler) handleCustomerEdit(w http.ResponseWriter, r *http.Request) {
	p, err := h.customerEditPage(r)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "customer_edit", p)
}

func (h *Handler) customerEditPage(r *http.Request) (*customerFormPage, error) {
	c, err := h.d.Customers.FindCustomerByID(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	pol, err := h.policy(r)
	if err != nil {
		return nil, err
	}
	v := proofdesk.NewCustomerView(c, proofdesk.ViewContext{Policy: pol})
	p := &customerFormPage{page: h.newPage(r, "Edit customer", "inbox"), Customer: v}
	return p, nil
}

// handleCustomerUpdate sends the fields typed (an empty protected field
// keeps its value) to desk.Customers.UpdateCustomer, which asks Decide
// for each changed field.
func (h *Handler) handleCustomerUpdate(w http.ResponseWriter, r *http.Request) {
	f := formOf(r)
	var upd proofdesk.CustomerUpdate
	if v := strings.TrimSpace(f.Name); v != "" {
		upd.Name = &v
	}
	if v := strings.TrimSpace(f.ExternalID); v != "" {
		upd.ExternalID = &v
	}
	if v := contactInputs(f.Emails); len(v) > 0 {
		upd.Emails = &v
	}
	if v := contactInputs(f.Phones); len(v) > 0 {
		for i := range v {
			v[i].Value = strings.TrimSpace(v[i].Value)
		}
		upd.Phones = &v
	}
	if v := strings.TrimSpace(f.DateOfBirth); v != "" {
		upd.DateOfBirth = &v
	}
	if a := f.address(); a != nil {
		upd.Addresses = &[]proofdesk.Address{*a}
	}
	attrs, err := f.attributes()
	if err == nil && len(attrs) > 0 {
		upd.Attributes = map[string]*string{}
		for k, v := range attrs {
			if v == "" {
				upd.Attributes[k] = nil
				continue
			}
			upd.Attributes[k] = &v
		}
	}
	if err == nil {
		_, err = h.d.Customers.UpdateCustomer(r.Context(), r.PathValue("id"), upd)
	}
	if err != nil {
		if c := proofdesk.ErrorCode(err); c == proofdesk.EINTERNAL || c == "" || c == proofdesk.ENOTFOUND {
			h.renderError(w, r, err)
			return
		}
		p, perr := h.customerEditPage(r)
		if perr != nil {
			h.renderError(w, r, perr)
			return
		}
		p.Form, p.Error = f, proofdesk.ErrorMessage(err)
		h.render(w, r, httpStatus(err), "customer_edit", p)
		return
	}
	http.Redirect(w, r, "/customers/"+r.PathValue("id")+"?done=customer", http.StatusSeeOther)
}

// handleCustomerImport imports an uploaded CSV or JSONL file (admins).
func (h *Handler) handleCustomerImport(w http.ResponseWriter, r *http.Request) {
	p := &customerFormPage{page: h.newPage(r, "New customer", "inbox")}
	if h.d.ImportCustomers == nil || r.MultipartForm == nil || len(r.MultipartForm.File["file"]) == 0 {
		p.Error = "Choose a .csv or .jsonl file to import."
		h.render(w, r, http.StatusUnprocessableEntity, "customer_new", p)
		return
	}
	fh := r.MultipartForm.File["file"][0]
	data, err := readPart(fh)
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	n, enc, err := h.d.ImportCustomers(r.Context(), fh.Filename, data)
	if err != nil {
		if c := proofdesk.ErrorCode(err); c == proofdesk.EINTERNAL || c == "" {
			h.renderError(w, r, err)
			return
		}
		p.Error = "Nothing was imported. " + proofdesk.ErrorMessage(err)
		h.render(w, r, httpStatus(err), "customer_new", p)
		return
	}
	p.Notice = "Imported " + strconv.Itoa(n) + " customers (read as " + enc + ")."
	h.render(w, r, http.StatusCreated, "customer_new", p)
}
