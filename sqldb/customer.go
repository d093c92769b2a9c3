package sqldb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/vault"
)

// CustomerService stores customers with every PII field sealed.
type CustomerService struct{ db *DB }

// NewCustomerService returns the customer service of db.
func NewCustomerService(db *DB) *CustomerService { return &CustomerService{db: db} }

var _ proofdesk.CustomerService = (*CustomerService)(nil)

func customerAAD(id, field string) string { return "customers|" + id + "|" + field }
func contactAAD(id string) string         { return "contact_points|" + id + "|value" }

// BlindIndex returns the installation's keyed index of a normalised
// contact point value.
func (db *DB) BlindIndex(kind, normalized string) string {
	return db.index.BlindIndex(kind, normalized)
}

// CreateCustomer stores c for the system (an operator, a test): with an
// agent or API token in ctx it is refused (EINTERNAL), as creating is
// then gated by desk.Desk.CreateCustomer. See DB.StoreCustomer.
func (s *CustomerService) CreateCustomer(ctx context.Context, c *proofdesk.Customer) error {
	if err := refuseAgent(ctx, "creating customers"); err != nil {
		return err
	}
	return s.db.StoreCustomer(ctx, c)
}

// ImportCustomers stores cs for the system, as CreateCustomer does; see
// DB.StoreCustomers.
func (s *CustomerService) ImportCustomers(ctx context.Context, cs []*proofdesk.Customer) error {
	if err := refuseAgent(ctx, "importing customers"); err != nil {
		return err
	}
	return s.db.StoreCustomers(ctx, cs)
}

// refuseAgent refuses what the store does not gate when an agent or API
// token asks for it: the application (package desk) does.
func refuseAgent(ctx context.Context, what string) error {
	if proofdesk.AgentFromContext(ctx) != nil {
		return proofdesk.Errorf(proofdesk.EINTERNAL, "%s for an agent or API token goes through package desk, which gates it.", what)
	}
	return nil
}

// StoreCustomer stores c with a new data key and audits it. It decides
// nothing: desk.Desk.CreateCustomer asks the gate first.
func (db *DB) StoreCustomer(ctx context.Context, c *proofdesk.Customer) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		if err := tx.insertCustomer(ctx, c); err != nil {
			return err
		}
		return tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditCustomerCreate, SubjectKind: "customer", SubjectID: c.ID,
			Detail: map[string]string{"contact_points": fmt.Sprint(len(c.ContactPoints))}})
	})
}

// analyzeAfterImport is the batch size from which StoreCustomers has
// PostgreSQL analyse the tables it filled: autovacuum analyses a table at
// most once a minute and only after 50 + 10 % of its rows changed, and
// until then the planner takes a freshly filled table for a few rows and
// joins and sorts all of it (BENCHMARKS.md, "Inbox: the gap to SQLite is
// the planner's statistics").
const analyzeAfterImport = 1000

// StoreCustomers stores all of cs in one transaction, or none, with one
// audit entry for the batch. A duplicate external_id is ECONFLICT naming
// the record (1-based). It decides nothing: desk.Desk.ImportCustomers
// asks the gate first. On PostgreSQL a batch of analyzeAfterImport or more
// is followed by ANALYZE of the customer tables; should that fail, the
// import still stands (it is committed) and the failure is logged.
func (db *DB) StoreCustomers(ctx context.Context, cs []*proofdesk.Customer) error {
	if err := db.storeCustomers(ctx, cs); err != nil {
		return err
	}
	if db.dialect == Postgres && len(cs) >= analyzeAfterImport {
		if _, err := db.wdb.ExecContext(ctx, `ANALYZE customers, contact_points`); err != nil {
			db.logger.Warn("import: ANALYZE after a bulk import failed; the planner's statistics wait for autovacuum", slog.Any("error", err))
		}
	}
	return nil
}

func (db *DB) storeCustomers(ctx context.Context, cs []*proofdesk.Customer) error {
	return db.WithTx(ctx, func(tx *Tx) error {
		for i, c := range cs {
			if err := tx.insertCustomer(ctx, c); err != nil {
				if proofdesk.ErrorCode(err) == proofdesk.ECONFLICT {
					return &proofdesk.Error{Code: proofdesk.ECONFLICT, Message: fmt.Sprintf("record %d: external_id already exists", i+1), Field: "external_id"}
				}
				return fmt.Errorf("record %d: %w", i+1, err)
			}
		}
		return tx.audit(ctx, proofdesk.AuditEvent{Action: proofdesk.AuditCustomerImport, SubjectKind: "customer",
			Detail: map[string]string{"count": fmt.Sprint(len(cs))}})
	})
}

func (tx *Tx) insertCustomer(ctx context.Context, c *proofdesk.Customer) error {
	if c.Name == "" {
		return proofdesk.FieldError("name", "name is required")
	}
	c.ID = proofdesk.NewID("cus")
	c.CreatedAt, c.UpdatedAt = tx.now, tx.now
	if c.Attributes == nil {
		c.Attributes = map[string]string{}
	}
	dk, err := tx.entityKey(ctx, c.ID)
	if err != nil {
		return err
	}
	enc, err := sealCustomer(dk, c)
	if err != nil {
		return err
	}
	name, extEnc, extIdx := sealIdentity(dk, tx.db.index, c)
	tx.touchCustomer(c.ID)
	if _, err := tx.exec(ctx, `INSERT INTO customers (id, external_id_enc, external_id_idx, name, data_key_id, addresses_enc, dob_enc, payment_enc, attributes_enc, support_locked, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.ID, extEnc, extIdx, name, dk.ID, enc.addresses, enc.dob, enc.payment, enc.attributes, boolInt(c.SupportLocked), fmtTime(c.CreatedAt), fmtTime(c.UpdatedAt)); err != nil {
		err = wrapErr(err)
		if proofdesk.ErrorCode(err) == proofdesk.ECONFLICT {
			return &proofdesk.Error{Code: proofdesk.ECONFLICT, Field: "external_id", Message: "A customer with this external_id already exists."}
		}
		return fmt.Errorf("insert customer: %w", err)
	}
	return tx.insertContactPoints(ctx, c, dk)
}

func (tx *Tx) insertContactPoints(ctx context.Context, c *proofdesk.Customer, dk *vault.DataKey) error {
	return tx.insertContactPointsAt(ctx, c, dk, 0)
}

// insertContactPointsAt inserts c's contact points at positions from first.
func (tx *Tx) insertContactPointsAt(ctx context.Context, c *proofdesk.Customer, dk *vault.DataKey, first int) error {
	for i, cp := range c.ContactPoints {
		if cp.ID == "" {
			cp.ID = proofdesk.NewID("cp")
		}
		cp.CustomerID = c.ID
		// In a PostgreSQL transaction, sent with its next statement.
		if err := tx.execLater(ctx, "insert contact point", `INSERT INTO contact_points (id, customer_id, kind, value_enc, blind_index, added_at, position) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			cp.ID, c.ID, cp.Kind, dk.SealString(contactAAD(cp.ID), cp.Value), tx.db.BlindIndex(cp.Kind, cp.Value), fmtTime(cp.AddedAt), first+i); err != nil {
			return err
		}
	}
	return nil
}

// externalIDIndex is the blind-index kind of external IDs.
const externalIDIndex = "external_id"

// sealIdentity seals c's name and external_id under dk, and returns the
// blind index of the external_id under idx, the installation's index key.
// An empty external_id is NULL in both columns.
func sealIdentity(dk, idx *vault.DataKey, c *proofdesk.Customer) (name string, extEnc, extIdx any) {
	name = dk.SealString(customerAAD(c.ID, "name"), c.Name)
	if c.ExternalID != "" {
		extEnc = dk.SealString(customerAAD(c.ID, "external_id"), c.ExternalID)
		extIdx = idx.BlindIndex(externalIDIndex, c.ExternalID)
	}
	return name, extEnc, extIdx
}

type sealedCustomer struct{ addresses, dob, payment, attributes string }

func sealCustomer(dk *vault.DataKey, c *proofdesk.Customer) (sealedCustomer, error) {
	addrs := c.Addresses
	if addrs == nil {
		addrs = []proofdesk.Address{}
	}
	a, err := json.Marshal(addrs)
	if err != nil {
		return sealedCustomer{}, err
	}
	p, err := json.Marshal(c.Payment)
	if err != nil {
		return sealedCustomer{}, err
	}
	at, err := json.Marshal(c.Attributes)
	if err != nil {
		return sealedCustomer{}, err
	}
	return sealedCustomer{
		addresses:  dk.Seal(customerAAD(c.ID, "addresses"), a),
		dob:        dk.SealString(customerAAD(c.ID, "date_of_birth"), c.DateOfBirth),
		payment:    dk.Seal(customerAAD(c.ID, "payment"), p),
		attributes: dk.Seal(customerAAD(c.ID, "attributes"), at),
	}, nil
}

// selectCustomers returns "SELECT <the columns scanCustomer reads> FROM
// customers c" with the key store's join (keyJoin); a WHERE clause
// follows.
func (db *DB) selectCustomers() string {
	col, join := db.keyJoin("c")
	return `SELECT c.id, COALESCE(c.external_id_enc, ''), c.name, c.data_key_id, ` + col + `, c.addresses_enc, c.dob_enc, c.payment_enc, c.attributes_enc, c.support_locked, c.created_at, c.updated_at, c.erased_at FROM customers c` + join
}

// FindCustomerByID returns ENOTFOUND if no customer has that ID.
func (s *CustomerService) FindCustomerByID(ctx context.Context, id string) (*proofdesk.Customer, error) {
	return s.db.reader().findCustomerByID(ctx, id)
}

func (h *Handle) findCustomerByID(ctx context.Context, id string) (*proofdesk.Customer, error) {
	if c := h.memoCustomer(id); c != nil {
		// Read (and locked) earlier in this transaction, unchanged since.
		return c, nil
	}
	// One statement reads and locks the row (lockRow's FOR UPDATE, on
	// PostgreSQL in a write transaction), without a count: a round trip
	// less each.
	cs, err := h.listCustomers(ctx, "c.id = ?", []any{id}, 1, 0, h.lockClause("customers", "c", id))
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, notFound("Customer")
	}
	h.lockedRow("customers", id)
	h.rememberCustomer(cs[0])
	return cs[0], nil
}

// FindCustomers returns the matching customers and their total count.
// Email and phone filters are normalised and matched by blind index.
func (s *CustomerService) FindCustomers(ctx context.Context, f proofdesk.CustomerFilter) ([]*proofdesk.Customer, int, error) {
	return s.db.reader().findCustomers(ctx, f)
}

func (h *Handle) findCustomers(ctx context.Context, f proofdesk.CustomerFilter) ([]*proofdesk.Customer, int, error) {
	var where []string
	var args []any
	if f.ID != nil {
		where, args = append(where, "c.id = ?"), append(args, *f.ID)
	}
	if f.ExternalID != nil {
		where, args = append(where, "c.external_id_idx = ?"), append(args, h.db.index.BlindIndex(externalIDIndex, *f.ExternalID))
	}
	for _, cf := range []struct {
		kind string
		v    *string
	}{{proofdesk.ContactEmail, f.Email}, {proofdesk.ContactPhone, f.Phone}} {
		if cf.v == nil {
			continue
		}
		norm, err := normalizeContact(cf.kind, *cf.v)
		if err != nil {
			return nil, 0, err
		}
		where = append(where, "c.id IN (SELECT customer_id FROM contact_points WHERE kind = ? AND blind_index = ?)")
		args = append(args, cf.kind, h.db.BlindIndex(cf.kind, norm))
	}
	w := joinAnd(where)
	var total int
	if err := h.queryRow(ctx, `SELECT COUNT(*) FROM customers c WHERE `+w, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count customers: %w", err)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	out, err := h.listCustomers(ctx, w, args, limit, max(f.Offset, 0), "")
	return out, total, err
}

// listCustomers reads the customers matching w (with args), newest first,
// with their contact points and orders; lock is "" or a FOR UPDATE clause
// (lockClause). A customer whose data key was destroyed is left out.
func (h *Handle) listCustomers(ctx context.Context, w string, args []any, limit, offset int, lock string) ([]*proofdesk.Customer, error) {
	rows, err := h.query(ctx, h.db.selectCustomers()+` WHERE `+w+
		fmt.Sprintf(` ORDER BY c.created_at DESC, c.id LIMIT %d OFFSET %d`, limit, offset)+lock, args...)
	if err != nil {
		return nil, fmt.Errorf("find customers: %w", err)
	}
	defer rows.Close()
	var out []*proofdesk.Customer
	keys := map[string]*vault.DataKey{}
	for rows.Next() {
		c, dk, err := h.db.scanCustomer(ctx, rows)
		if errors.Is(err, errKeyDestroyed) {
			continue
		}
		if err != nil {
			return nil, err
		}
		keys[c.ID] = dk
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("find customers: %w", err)
	}
	rows.Close()
	for _, c := range out {
		if err := h.loadDetails(ctx, c, keys[c.ID]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func normalizeContact(kind, v string) (string, error) {
	var norm string
	var err error
	if kind == proofdesk.ContactEmail {
		norm, err = proofdesk.NormalizeEmail(v)
	} else {
		norm, err = proofdesk.NormalizePhone(v)
	}
	if err != nil {
		return "", proofdesk.FieldError(kind, "%s: %s", kind, proofdesk.ErrorMessage(err))
	}
	return norm, nil
}

type scanner interface{ Scan(dest ...any) error }

func (db *DB) scanCustomer(ctx context.Context, row scanner) (*proofdesk.Customer, *vault.DataKey, error) {
	c := &proofdesk.Customer{}
	var extEnc, name, dkID, wrapped, addrs, dob, pay, attrs string
	var locked int
	var erased nullTime
	if err := row.Scan(&c.ID, &extEnc, &name, &dkID, &wrapped, &addrs, &dob, &pay, &attrs, &locked, timeScan{&c.CreatedAt}, timeScan{&c.UpdatedAt}, &erased); err != nil {
		return nil, nil, fmt.Errorf("scan customer: %w", wrapErr(err))
	}
	c.SupportLocked, c.ErasedAt = locked != 0, erased.t
	dk, err := db.openRowKey(ctx, dkID, wrapped)
	if errors.Is(err, errKeyDestroyed) {
		return &proofdesk.Customer{ID: c.ID}, nil, err // the ID only, for paging
	}
	if err != nil {
		return nil, nil, fmt.Errorf("customer %s: %w", c.ID, err)
	}
	open := func(field, sealed string) ([]byte, error) {
		b, err := dk.Open(customerAAD(c.ID, field), sealed)
		if err != nil {
			return nil, fmt.Errorf("customer %s: %w", c.ID, err)
		}
		return b, nil
	}
	b, err := open("name", name)
	if err != nil {
		return nil, nil, err
	}
	c.Name = string(b)
	if extEnc != "" {
		if b, err = open("external_id", extEnc); err != nil {
			return nil, nil, err
		}
		c.ExternalID = string(b)
	}
	if b, err = open("addresses", addrs); err != nil {
		return nil, nil, err
	}
	if err := json.Unmarshal(b, &c.Addresses); err != nil {
		return nil, nil, fmt.Errorf("customer %s: addresses: %w", c.ID, err)
	}
	if b, err = open("date_of_birth", dob); err != nil {
		return nil, nil, err
	}
	c.DateOfBirth = string(b)
	if b, err = open("payment", pay); err != nil {
		return nil, nil, err
	}
	if err := json.Unmarshal(b, &c.Payment); err != nil {
		return nil, nil, fmt.Errorf("customer %s: payment: %w", c.ID, err)
	}
	if b, err = open("attributes", attrs); err != nil {
		return nil, nil, err
	}
	if err := json.Unmarshal(b, &c.Attributes); err != nil {
		return nil, nil, fmt.Errorf("customer %s: attributes: %w", c.ID, err)
	}
	if c.Attributes == nil {
		c.Attributes = map[string]string{}
	}
	return c, dk, nil
}

// loadDetails reads c's contact points (in their order) and its newest
// orders (at most proofdesk.MaxOrdersShown), in one statement: one round
// trip, not two.
func (h *Handle) loadDetails(ctx context.Context, c *proofdesk.Customer, dk *vault.DataKey) error {
	rows, err := h.query(ctx, fmt.Sprintf(`SELECT 0, id, kind, value_enc, added_at, ROW_NUMBER() OVER (ORDER BY position, id) AS n
		FROM contact_points WHERE customer_id = ?
		UNION ALL
		SELECT 1, id, '', data_enc, NULL, ROW_NUMBER() OVER (ORDER BY placed_at DESC, updated_at DESC, id) AS n
		FROM (SELECT id, data_enc, placed_at, updated_at FROM orders WHERE customer_id = ? ORDER BY placed_at DESC, updated_at DESC, id LIMIT %d) o
		ORDER BY 1, 6`, proofdesk.MaxOrdersShown), c.ID, c.ID)
	if err != nil {
		return fmt.Errorf("contact points and orders: %w", err)
	}
	defer rows.Close()
	c.ContactPoints, c.Orders = nil, nil
	for rows.Next() {
		var order, n int
		var id, kind, enc string
		var at nullTime
		if err := rows.Scan(&order, &id, &kind, &enc, &at, &n); err != nil {
			return fmt.Errorf("contact points and orders: %w", err)
		}
		if order == 1 {
			o, err := openOrder(dk, id, enc)
			if err != nil {
				return err
			}
			c.Orders = append(c.Orders, o)
			continue
		}
		cp := &proofdesk.ContactPoint{ID: id, CustomerID: c.ID, Kind: kind}
		if at.t == nil {
			return fmt.Errorf("contact point %s: no added_at", id)
		}
		cp.AddedAt = *at.t
		if cp.Value, err = dk.OpenString(contactAAD(cp.ID), enc); err != nil {
			return fmt.Errorf("contact point %s: %w", cp.ID, err)
		}
		c.ContactPoints = append(c.ContactPoints, cp)
	}
	return rows.Err()
}

// UpdateCustomer is refused (EINTERNAL): every change of a customer is
// gated field by field, by desk.Desk.UpdateCustomer.
func (s *CustomerService) UpdateCustomer(ctx context.Context, id string, upd proofdesk.CustomerUpdate) (*proofdesk.Customer, error) {
	return nil, proofdesk.Errorf(proofdesk.EINTERNAL, "Changing a customer goes through desk.Desk.UpdateCustomer, which gates it.")
}

// SaveCustomer re-seals and stores c as changed in memory (see
// ApplyCustomerUpdate); with contactPoints its contact points are
// replaced too. A duplicate external_id is ECONFLICT. It decides nothing
// and audits nothing.
func (tx *Tx) SaveCustomer(ctx context.Context, c *proofdesk.Customer, contactPoints bool) error {
	c.UpdatedAt = tx.now
	dk, err := tx.customerKey(ctx, c.ID)
	if err != nil {
		return err
	}
	enc, err := sealCustomer(dk, c)
	if err != nil {
		return err
	}
	name, extEnc, extIdx := sealIdentity(dk, tx.db.index, c)
	tx.touchCustomer(c.ID)
	if _, err := tx.exec(ctx, `UPDATE customers SET external_id_enc = ?, external_id_idx = ?, name = ?, addresses_enc = ?, dob_enc = ?, payment_enc = ?, attributes_enc = ?, support_locked = ?, updated_at = ? WHERE id = ?`,
		extEnc, extIdx, name, enc.addresses, enc.dob, enc.payment, enc.attributes, boolInt(c.SupportLocked), fmtTime(c.UpdatedAt), c.ID); err != nil {
		err = wrapErr(err)
		if proofdesk.ErrorCode(err) == proofdesk.ECONFLICT {
			return &proofdesk.Error{Code: proofdesk.ECONFLICT, Field: "external_id", Message: "A customer with this external_id already exists."}
		}
		return fmt.Errorf("update customer: %w", err)
	}
	if contactPoints {
		if _, err := tx.exec(ctx, `DELETE FROM contact_points WHERE customer_id = ?`, c.ID); err != nil {
			return fmt.Errorf("update contact points: %w", err)
		}
		if err := tx.insertContactPoints(ctx, c, dk); err != nil {
			return err
		}
	}
	return nil
}

// CustomerFacts returns the facts proofdesk.Decide needs for action by
// the context's agent on cust outside any conversation (API sync,
// import): the live policy and cust's support lock (cust may be nil).
func (h *Handle) CustomerFacts(ctx context.Context, action string, cust *proofdesk.Customer) (proofdesk.DecisionInput, error) {
	return h.customerFacts(ctx, action, cust)
}

// ApplyCustomerUpdate is applyCustomerUpdate for the application: it
// changes c in memory as upd says and returns the changed field names
// ("name", "external_id", "contact_points", "addresses",
// "date_of_birth", "payment", "attributes", "support_locked"). Errors:
// EINVALID naming the bad field.
func ApplyCustomerUpdate(c *proofdesk.Customer, upd proofdesk.CustomerUpdate, now time.Time) ([]string, error) {
	return applyCustomerUpdate(c, upd, now)
}

// applyCustomerUpdate changes c in memory and returns the changed fields.
func applyCustomerUpdate(c *proofdesk.Customer, upd proofdesk.CustomerUpdate, now time.Time) ([]string, error) {
	var changed []string
	if upd.Name != nil {
		n := proofdesk.NeutralizeLine(*upd.Name)
		if n == "" {
			return nil, proofdesk.FieldError("name", "name is required")
		}
		if n != c.Name {
			c.Name, changed = n, append(changed, "name")
		}
	}
	if upd.ExternalID != nil && strings.TrimSpace(*upd.ExternalID) != c.ExternalID {
		c.ExternalID, changed = strings.TrimSpace(*upd.ExternalID), append(changed, "external_id")
	}
	if upd.Emails != nil || upd.Phones != nil {
		emails, phones := inputsOf(c, proofdesk.ContactEmail), inputsOf(c, proofdesk.ContactPhone)
		if upd.Emails != nil {
			emails = *upd.Emails
		}
		if upd.Phones != nil {
			phones = *upd.Phones
		}
		cps, err := proofdesk.MergeContactPoints(c.ContactPoints, emails, phones, now)
		if err != nil {
			return nil, err
		}
		if contactSig(cps) != contactSig(c.ContactPoints) {
			changed = append(changed, "contact_points")
		}
		c.ContactPoints = cps
	}
	if upd.Addresses != nil {
		in := proofdesk.CustomerInput{Name: c.Name, Addresses: *upd.Addresses}
		v, err := in.Customer(now)
		if err != nil {
			return nil, err
		}
		c.Addresses, changed = v.Addresses, append(changed, "addresses")
	}
	if upd.DateOfBirth != nil {
		if err := proofdesk.ValidateDateOfBirth(*upd.DateOfBirth, now); err != nil {
			return nil, err
		}
		c.DateOfBirth, changed = *upd.DateOfBirth, append(changed, "date_of_birth")
	}
	if upd.Payment != nil {
		if *upd.Payment == nil {
			c.Payment = nil
		} else {
			in := proofdesk.CustomerInput{Name: c.Name, Payment: *upd.Payment}
			v, err := in.Customer(now)
			if err != nil {
				return nil, err
			}
			c.Payment = v.Payment
		}
		changed = append(changed, "payment")
	}
	if len(upd.Attributes) > 0 {
		in := proofdesk.CustomerInput{Name: c.Name, Attributes: map[string]string{}}
		for k, v := range upd.Attributes {
			if v != nil {
				in.Attributes[k] = *v
			}
		}
		if _, err := in.Customer(now); err != nil {
			return nil, err
		}
		keys := make([]string, 0, len(upd.Attributes))
		for k, v := range upd.Attributes {
			keys = append(keys, k)
			if v == nil {
				delete(c.Attributes, k)
			} else {
				c.Attributes[k] = *v
			}
		}
		sort.Strings(keys)
		changed = append(changed, "attributes")
	}
	if upd.SupportLocked != nil && *upd.SupportLocked != c.SupportLocked {
		c.SupportLocked, changed = *upd.SupportLocked, append(changed, "support_locked")
	}
	return changed, nil
}

func inputsOf(c *proofdesk.Customer, kind string) []proofdesk.ContactPointInput {
	var out []proofdesk.ContactPointInput
	for _, cp := range c.ContactPointsOf(kind) {
		t := cp.AddedAt
		out = append(out, proofdesk.ContactPointInput{Value: cp.Value, AddedAt: &t})
	}
	return out
}

func contactSig(cps []*proofdesk.ContactPoint) string {
	var b strings.Builder
	for _, cp := range cps {
		b.WriteString(cp.ID)
		b.WriteByte(',')
	}
	return b.String()
}
