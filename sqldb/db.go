// Package sqldb is Proofdesk's store: one SQL text for SQLite (the default,
// pure Go) and PostgreSQL, with embedded per-dialect migrations. Every PII
// field is sealed with the vault before it reaches SQL.
package sqldb

import (
	"cmp"
	"context"
	"crypto/ed25519"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // also registers the "pgx" driver
	_ "modernc.org/sqlite"           // registers the "sqlite" driver

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/guard"
	"github.com/proofdesk/proofdesk/vault"
)

// Dialects.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// DB is a handle to the store.
type DB struct {
	dsn     string
	dialect string
	rdb     *sql.DB // read pool
	wdb     *sql.DB // writer: a single connection on SQLite
	// rstmts and wstmts cache prepared statements of rdb and wdb on
	// SQLite (stmtcache.go); nil on PostgreSQL.
	rstmts, wstmts *stmtCache
	// group runs the write transactions of WithTx on SQLite, several in
	// one commit (groupcommit.go); nil on PostgreSQL and while migrating.
	group *groupWriter
	// chainDirectly appends audit entries to the chain in the writing
	// transaction on PostgreSQL too, as releases before migration 0042
	// did (tests that write at an older schema set it).
	chainDirectly bool
	// pgTracer, when set before Open, traces every statement of the
	// PostgreSQL pool (tests count round trips with it).
	pgTracer pgx.QueryTracer
	// policies is this node's copy of the policy (settings.go).
	policies policyCache
	// ckpt runs the WAL checkpoints off the writer's commits (SQLite,
	// checkpoint.go); nil on PostgreSQL.
	ckpt *checkpointer
	// stopSequencer ends the audit sequencer (PostgreSQL, audit_seq.go).
	stopSequencer func()
	sequencerDone chan struct{}
	vault         *vault.Vault
	logger        *slog.Logger
	// keys is where the wrapped data keys are (keystore.go), set by
	// Migrate and Inspect.
	keys *keyStore
	// scrubAfterMigrate is set by migration 0049 on SQLite: Migrate then
	// truncates the write-ahead log, which held the dropped keys.
	scrubAfterMigrate bool

	// index seals nothing; it keys the blind indexes. system seals
	// installation secrets such as agents' TOTP secrets.
	index *vault.DataKey
	// searchKeyBytes is the key of search tokens (search.go), derived
	// from index on first use.
	searchKeyBytes []byte
	system         *vault.DataKey
	// auditKey keys the audit chain's HMAC; anchorKey signs exported
	// chain heads. Both are derived from system (see setSystemKey).
	auditKey  []byte
	anchorKey ed25519.PrivateKey

	// levelTTL is how long an assurance level lasts without activity.
	levelTTL time.Duration
	// guards caches a disclosure-guard matcher per customer.
	guards *guard.Cache
	// notifier writes the notices to account owners (package desk).
	notifier Notifier
	// consoleURL is the public URL of Proofdesk for the links of agents'
	// notification emails (SetConsoleURL); "" means http://localhost:8080.
	consoleURL string
	// replyGuard checks every agent reply before it is stored (reply.go).
	replyGuard atomic.Pointer[replyGuardBox]
	// customersChanged is told which customers each commit changed.
	customersChanged atomic.Pointer[func(ctx context.Context, ids []string)]
	// committed is told what each commit changed on conversations.
	committed atomic.Pointer[func(ctx context.Context, changes []proofdesk.Event)]

	// PhoneRegion is the --default-region (ISO 3166-1 alpha-2) used by
	// migration 0010 to read numbers the old normaliser took for North
	// American ones; set it before Open. "" leaves them as they are.
	PhoneRegion string

	// closed is set by Close; retrying while a retry of a failed key
	// destruction is scheduled (destroyListed).
	closed, retrying atomic.Bool

	// clock is the store's clock when a test set one (SetNow); nil is
	// time.Now in UTC. Atomic: background workers (the audit sequencer,
	// group commit) read it while a test moves it.
	clock atomic.Pointer[func() time.Time]
	// codeCheck compares a candidate with a request's stored code hash
	// (SetCodeCheck); nil until the verification use case is built.
	codeCheck atomic.Pointer[func(codeHash, challengeID, code string) bool]
}

// Now returns the store's current time in UTC (time.Now unless a test set
// another clock with SetNow).
func (db *DB) Now() time.Time {
	if f := db.clock.Load(); f != nil {
		return (*f)()
	}
	return time.Now().UTC()
}

// SetNow replaces the store's clock (tests, the demo's history); safe
// while the store runs.
func (db *DB) SetNow(now func() time.Time) { db.clock.Store(&now) }

// Clock returns the store's clock as set now, to put it back later with
// SetNow (not the method value db.Now, which would read the new clock).
func (db *DB) Clock() func() time.Time {
	if f := db.clock.Load(); f != nil {
		return *f
	}
	return func() time.Time { return time.Now().UTC() }
}

// NewDB returns a store for dsn: a postgres:// or postgresql:// URL selects
// PostgreSQL, anything else is the path of a SQLite file.
func NewDB(dsn string, v *vault.Vault, logger *slog.Logger) *DB {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	d := SQLite
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		d = Postgres
	}
	return &DB{dsn: dsn, dialect: d, vault: v, logger: logger,
		guards: guard.NewCache(2000, guard.Options{})}
}

// SetGuardOptions sets the disclosure guard's options, such as the
// company's own public address, which never counts as a disclosure.
func (db *DB) SetGuardOptions(opt guard.Options) { db.guards = guard.NewCache(2000, opt) }

// OnCommitted sets fn, called after each committed transaction that
// created or changed conversations, messages, levels or requests, with
// what it changed (IDs and states only, in order, as proofdesk.Events;
// see Tx.Changed). The store publishes nothing itself: the application
// does (desk.PublishEvents), whichever channel made the change. fn runs
// on the committing goroutine: keep it short. The last call wins.
func (db *DB) OnCommitted(fn func(ctx context.Context, changes []proofdesk.Event)) {
	db.committed.Store(&fn)
}

// Dialect returns SQLite or Postgres.
func (db *DB) Dialect() string { return db.dialect }

// Open opens the database, applies pending migrations and checks that the
// master key fits the database.
func (db *DB) Open(ctx context.Context) error {
	if db.dsn == "" {
		return errors.New("open db: no database given")
	}
	if err := db.openPools(); err != nil {
		return err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return err
	}
	if err := db.loadSystemKeys(ctx); err != nil {
		db.Close()
		return err
	}
	if db.dialect == SQLite {
		// Keys an erasure listed before a crash or a failure go first.
		_ = db.destroyListed(ctx, db.wdb)
		db.group = newGroupWriter(db)
	}
	if db.dialect == Postgres {
		sctx, cancel := context.WithCancel(context.Background())
		db.stopSequencer = cancel
		db.sequencerDone = make(chan struct{})
		go func() { defer close(db.sequencerDone); db.runAuditSequencer(sctx) }()
	}
	return nil
}

func (db *DB) openPools() error {
	var err error
	switch db.dialect {
	case Postgres:
		cfg, err := pgx.ParseConfig(db.dsn)
		if err != nil {
			return fmt.Errorf("open db: %w", err)
		}
		if db.pgTracer != nil {
			cfg.Tracer = db.pgTracer
		}
		db.wdb = stdlib.OpenDB(*cfg)
		db.wdb.SetMaxOpenConns(20)
		db.wdb.SetMaxIdleConns(10)
		db.wdb.SetConnMaxIdleTime(5 * time.Minute)
		db.rdb = db.wdb
	default:
		if dir := filepath.Dir(db.dsn); dir != "" {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return fmt.Errorf("open db: %w", err)
			}
		}
		// The file holds only sealed PII, but it is nobody else's business:
		// create it readable by its owner only (SQLite gives the WAL the
		// same mode).
		if f, err := os.OpenFile(db.dsn, os.O_RDWR|os.O_CREATE, 0o600); err != nil {
			return fmt.Errorf("open db: %w", err)
		} else {
			f.Close()
		}
		// busy_timeout first, then WAL, then foreign keys.
		base := "file:" + db.dsn + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)"
		// secure_delete: what a write frees (a destroyed data key, an
		// erased row) is overwritten with zeros, not left in free pages.
		// wal_autocheckpoint(0): no commit runs a checkpoint; the
		// checkpointer does, from its own connection (checkpoint.go), and
		// journal_size_limit trims a WAL grown past 64 MiB when it restarts.
		if db.wdb, err = sql.Open("sqlite", base+"&_txlock=immediate&_pragma=secure_delete(1)&_pragma=wal_autocheckpoint(0)&_pragma=journal_size_limit(67108864)"); err != nil {
			return fmt.Errorf("open db: %w", err)
		}
		db.wdb.SetMaxOpenConns(1)
		if db.rdb, err = sql.Open("sqlite", base+"&_pragma=query_only(1)"); err != nil {
			return fmt.Errorf("open db: %w", err)
		}
		db.rdb.SetMaxOpenConns(8)
		// As many kept idle: database/sql keeps 2 by default and closes
		// the rest as they come back, so under more than 2 concurrent
		// readers each read opened a connection (its pragmas) and
		// prepared its statement again (half of a reply's check before
		// the writer, BENCHMARKS.md).
		db.rdb.SetMaxIdleConns(8)
		db.rstmts, db.wstmts = newStmtCache(db.rdb), newStmtCache(db.wdb)
		if db.ckpt, err = startCheckpointer(db.dsn); err != nil {
			return fmt.Errorf("open db: %w", err)
		}
	}
	if err := db.wdb.Ping(); err != nil {
		return fmt.Errorf("open db: %w", err)
	}
	return nil
}

// Close closes the pools.
func (db *DB) Close() error {
	db.closed.Store(true)
	if db.group != nil {
		// Kept set: a WithTx after Close is refused by the closed writer.
		db.group.close()
	}
	if db.stopSequencer != nil {
		db.stopSequencer()
		<-db.sequencerDone
		db.stopSequencer = nil
		// Chain what is still pending, so a clean stop leaves none.
		_ = db.flushAudit(context.Background())
	}
	for _, c := range []*stmtCache{db.rstmts, db.wstmts} {
		if c != nil {
			c.close()
		}
	}
	errs := []error{db.closeKeys()}
	if db.ckpt != nil {
		errs = append(errs, db.ckpt.close())
		db.ckpt = nil
	}
	if db.rdb != nil && db.rdb != db.wdb {
		errs = append(errs, db.rdb.Close())
	}
	if db.wdb != nil {
		errs = append(errs, db.wdb.Close())
	}
	return errors.Join(errs...)
}

// Ping checks both pools; /readyz uses it.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.wdb.PingContext(ctx); err != nil {
		return fmt.Errorf("ping writer: %w", err)
	}
	var one int
	if err := db.rdb.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("ping reader: %w", err)
	}
	return nil
}

// querier is what both *sql.DB and *sql.Tx provide.
type querier interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

// Handle runs SQL written with ? placeholders on a pool or a transaction,
// rebinding them for PostgreSQL. Store functions take a *Handle so that
// services compose transactions.
type Handle struct {
	q   querier
	db  *DB
	now time.Time
	// stmts caches prepared statements of q's pool (SQLite only); tx is
	// set on a transaction's handle, which uses the cache's statements
	// through Tx.StmtContext.
	stmts *stmtCache
	tx    *sql.Tx
	// inTx is set in a write transaction: its reads of the rows it may
	// rewrite lock them (lockRow), so that no transaction writes back a
	// row another changed since it read it.
	inTx bool
	// grouped is set on a member of a group commit (groupcommit.go): its
	// statements run without its context's cancellation.
	grouped bool
	// memo keeps the customers a write transaction read (custmemo.go);
	// txm its locks, settings and webhook subscriptions (txmemo.go).
	memo *customerMemo
	txm  *txMemo
}

// sqlCtx is the context h's statements run with: ctx, without its
// cancellation in a member of a group commit, whose interrupted
// statement would roll back the other members' work (groupcommit.go).
func (h *Handle) sqlCtx(ctx context.Context) context.Context {
	if h.grouped {
		return context.WithoutCancel(ctx)
	}
	return ctx
}

// lockRow locks the row id of table until the transaction ends, when h
// is a write transaction on PostgreSQL; the read that follows sees the
// row as the last committed transaction left it. On SQLite a write
// transaction holds the database's write lock from its start
// (_txlock=immediate), which serialises it already. A read-modify-write
// without it (read committed) could write back what it read over a
// change that committed between: a support lock lifted, a level a fraud
// report dropped restored.
// A lock the transaction holds already is not asked for again (txmemo.go).
func (h *Handle) lockRow(ctx context.Context, table, id string) error {
	if !h.locks() || h.isLocked(table+"|"+id) {
		return nil
	}
	var one int
	err := h.queryRow(ctx, `SELECT 1 FROM `+table+` WHERE id = ? FOR UPDATE`, id).Scan(&one)
	if err == nil {
		h.holdLock(table + "|" + id)
	} else if proofdesk.ErrorCode(wrapErr(err)) != proofdesk.ENOTFOUND {
		return fmt.Errorf("lock %s: %w", table, wrapErr(err))
	}
	return nil
}

// Tx is a write transaction.
type Tx struct {
	Handle
	tx *sql.Tx
	// touched lists the customers this transaction created or changed.
	touched []string
	// migration marks a schema migration's transaction: its audit entries
	// are chained at once (the sequencer's table may not exist yet).
	migration bool
	// changes lists what this transaction changed, for OnCommitted.
	changes []proofdesk.Event
	// destroyKeys lists the data keys this transaction listed in
	// key_destructions, to delete from the SQLite key file once it
	// committed (destroyDataKeys).
	destroyKeys []string
	// tokens are the search tokens of texts this transaction will index,
	// hashed before it began (searchTokensOf), by text.
	tokens map[string][]string
	// head is the audit chain's head shared by the members of a group
	// commit (auditHead); nil in a transaction of its own.
	head *auditHead
}

// Changed records that this transaction made the change ev (IDs and
// states only); OnCommitted's function is told after the commit, and
// never when the transaction rolls back.
func (tx *Tx) Changed(ev proofdesk.Event) {
	if ev.At.IsZero() {
		ev.At = tx.now
	}
	tx.changes = append(tx.changes, ev)
}

func (h *Handle) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	h.forgetCustomers(q)
	h.forgetTx(q)
	if h.txm != nil && len(h.txm.pending) > 0 {
		return h.sendPending(ctx, &pendingExec{q: h.db.rebind(q), args: args})
	}
	ctx = h.sqlCtx(ctx)
	if s := h.stmt(ctx, q); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return h.q.ExecContext(ctx, h.db.rebind(q), args...)
}

func (h *Handle) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	h.forgetCustomers(q)
	h.forgetTx(q)
	if h.txm != nil && len(h.txm.pending) > 0 {
		if _, err := h.sendPending(ctx, nil); err != nil {
			return nil, err
		}
	}
	ctx = h.sqlCtx(ctx)
	if s := h.stmt(ctx, q); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return h.q.QueryContext(ctx, h.db.rebind(q), args...)
}

func (h *Handle) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	h.forgetCustomers(q)
	h.forgetTx(q)
	if h.txm != nil && len(h.txm.pending) > 0 {
		// A failure is kept for WithTx; the query then fails too, on
		// the aborted transaction.
		_, _ = h.sendPending(ctx, nil)
	}
	ctx = h.sqlCtx(ctx)
	if s := h.stmt(ctx, q); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return h.q.QueryRowContext(ctx, h.db.rebind(q), args...)
}

// stmt returns a prepared statement for q on h, or nil to run q as text.
func (h *Handle) stmt(ctx context.Context, q string) *sql.Stmt {
	if h.stmts == nil {
		return nil
	}
	if h.tx == nil {
		return h.stmts.get(ctx, q)
	}
	if s := h.stmts.lookup(q); s != nil {
		return h.tx.StmtContext(ctx, s)
	}
	h.stmts.prepareLater(q)
	return nil
}

// reader returns a handle on the read pool.
func (db *DB) reader() *Handle { return &Handle{q: db.rdb, db: db, now: db.Now(), stmts: db.rstmts} }

// WithTx runs fn in a write transaction, committing when fn returns nil;
// it returns fn's error (nothing of fn stored), or a "begin:" or
// "commit:" error, only once the transaction committed or rolled back.
// On SQLite, concurrent calls share one commit (groupcommit.go): fn runs
// on the group writer's goroutine, in a savepoint of its own; when fn
// destroyed data keys (an erasure), WithTx returns once they are deleted
// from the key file too, or with an error saying that fn is stored but
// its keys are not destroyed yet (destroyListed).
func (db *DB) WithTx(ctx context.Context, fn func(tx *Tx) error) error {
	if db.group != nil {
		return db.group.do(ctx, fn)
	}
	// The transaction holds its connection as a *sql.Conn too: on
	// PostgreSQL its pending writes go on it in pgx batches (execLater).
	conn, err := db.wdb.Conn(ctx)
	if err != nil {
		return fmt.Errorf("begin: %w", wrapErr(err))
	}
	defer conn.Close()
	sqlTx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", wrapErr(err))
	}
	defer func() {
		// A panic in fn (a bug in a check run inside the transaction)
		// rolls back before conn.Close, which would otherwise wait for the
		// open transaction forever: the caller's goroutine stuck, the
		// connection and its locks held. The panic goes on to the caller.
		if r := recover(); r != nil {
			_ = sqlTx.Rollback()
			panic(r)
		}
	}()
	m := &txMemo{}
	if db.dialect == Postgres {
		m.conn = conn
	}
	tx := &Tx{Handle: Handle{q: sqlTx, db: db, now: db.Now(), stmts: db.wstmts, tx: sqlTx, inTx: true, memo: &customerMemo{}, txm: m}, tx: sqlTx}
	if err := fn(tx); err != nil {
		_ = sqlTx.Rollback()
		if m.err != nil {
			return m.err // the cause of fn's failure
		}
		return err
	}
	// A customer's reply and a new chat are told by email, to the agents
	// who chose it, with the change that raises them (agent_notifications.go).
	if err := tx.queueAgentNotices(ctx); err != nil {
		_ = sqlTx.Rollback()
		return cmp.Or(m.err, err)
	}
	if len(m.pending) > 0 {
		if _, err := tx.sendPending(ctx, nil); err != nil {
			_ = sqlTx.Rollback()
			return err
		}
	}
	if m.err != nil {
		_ = sqlTx.Rollback()
		return m.err
	}
	if len(tx.destroyKeys) > 0 {
		if err := atDestroyStep(stepCommit); err != nil {
			_ = sqlTx.Rollback()
			return err
		}
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", wrapErr(err))
	}
	var owed error
	if len(tx.destroyKeys) > 0 {
		// Committed: the keys it listed go now, whatever the caller's
		// context says.
		owed = db.destroyListed(context.WithoutCancel(ctx), conn)
	}
	tx.afterCommit(ctx)
	return owed
}

// rebind turns ? placeholders into $1, $2, … for PostgreSQL. The SQL in
// this package never has ? inside string literals.
func (db *DB) rebind(q string) string {
	if db.dialect != Postgres || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

// timeLayout is fixed width so that text order is time order. Times are
// stored as UTC text in both dialects, so one SQL text serves both.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func fmtTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func fmtTimePtr(t *time.Time) any {
	if t == nil {
		return nil
	}
	return fmtTime(*t)
}

// nullTime scans a stored time that may be NULL.
type nullTime struct{ t *time.Time }

func (n *nullTime) Scan(v any) error {
	if v == nil {
		n.t = nil
		return nil
	}
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case []byte:
		s = string(x)
	case time.Time:
		t := x.UTC()
		n.t = &t
		return nil
	default:
		return fmt.Errorf("scan time: unexpected %T", v)
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		if t, err = time.Parse(time.RFC3339Nano, s); err != nil {
			return fmt.Errorf("scan time: %w", err)
		}
	}
	t = t.UTC()
	n.t = &t
	return nil
}

// timeScan scans a NOT NULL time into *dst.
type timeScan struct{ dst *time.Time }

func (s timeScan) Scan(v any) error {
	var n nullTime
	if err := n.Scan(v); err != nil {
		return err
	}
	if n.t == nil {
		return errors.New("scan time: unexpected NULL")
	}
	*s.dst = *n.t
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func slogErr(err error) slog.Attr { return slog.Any("error", err) }

// DSN returns the data source the store was opened with.
func (db *DB) DSN() string { return db.dsn }

// Vault returns the store's vault.
func (db *DB) Vault() *vault.Vault { return db.vault }

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only called with plain slices and maps
	}
	return string(b)
}
