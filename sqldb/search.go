package sqldb

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"

	"github.com/proofdesk/proofdesk"
)

// Full-text search: blind tokens of the normalised words
// (proofdesk.SearchWords) of each conversation's subject and messages,
// keyed by a secret derived from the blind-index key. SQL only: who may
// search for what is desk's.

// searchTokenBytes is how much of the HMAC a token keeps: 12 bytes make
// collisions between the words of one desk negligible (2^-96 a pair).
const searchTokenBytes = 12

const searchKeyLabel = "proofdesk search words v1"

var searchKeyMu sync.Mutex

// searchKey is the key of search tokens, derived from the blind-index key.
func (db *DB) searchKey() []byte {
	searchKeyMu.Lock()
	defer searchKeyMu.Unlock()
	if db.searchKeyBytes == nil {
		db.searchKeyBytes = db.index.Derive(searchKeyLabel)
	}
	return db.searchKeyBytes
}

// SearchTokens returns the blind tokens of text's words.
func (db *DB) SearchTokens(text string) []string {
	words := proofdesk.SearchWords(text, 0)
	key := db.searchKey()
	out := make([]string, len(words))
	for i, w := range words {
		m := hmac.New(sha256.New, key)
		m.Write([]byte(w))
		out[i] = hex.EncodeToString(m.Sum(nil)[:searchTokenBytes])
	}
	return out
}

// searchTokensOf returns the search tokens of each of texts, by text:
// hashed before a write transaction and handed to it (Tx.tokens), so that
// the writer does not hash them.
func (db *DB) searchTokensOf(texts ...string) map[string][]string {
	out := make(map[string][]string, len(texts))
	for _, t := range texts {
		if _, ok := out[t]; !ok {
			out[t] = db.SearchTokens(t)
		}
	}
	return out
}

// indexSearch adds the tokens of texts to conversation convID's; the
// tokens of a text hashed before the transaction (tx.tokens) are not
// hashed again.
func (tx *Tx) indexSearch(ctx context.Context, convID string, texts ...string) error {
	seen := map[string]bool{}
	var toks []string
	for _, t := range texts {
		ts, ok := tx.tokens[t]
		if !ok {
			ts = tx.db.SearchTokens(t)
		}
		for _, tok := range ts {
			if !seen[tok] {
				seen[tok] = true
				toks = append(toks, tok)
			}
		}
	}
	// Several rows per statement: a long mail has hundreds of words.
	const batch = 200
	// On PostgreSQL the last (usually only) batch and the document's row
	// go in one statement: one round trip.
	docs := `INSERT INTO search_docs (conversation_id, indexed_at) VALUES (?, ?) ON CONFLICT DO NOTHING`
	docArgs := []any{convID, fmtTime(tx.now)}
	for len(toks) > 0 {
		n := min(batch, len(toks))
		var q strings.Builder
		q.WriteString(`INSERT INTO search_tokens (token, conversation_id) VALUES `)
		args := make([]any, 0, 2*n)
		for i, tok := range toks[:n] {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?)")
			args = append(args, tok, convID)
		}
		q.WriteString(` ON CONFLICT DO NOTHING`)
		toks = toks[n:]
		if len(toks) == 0 && tx.db.dialect == Postgres {
			docs, docArgs = `WITH t AS (`+q.String()+`) `+docs, append(args, docArgs...)
			break
		}
		if err := tx.execLater(ctx, "index search", q.String(), args...); err != nil {
			return err
		}
	}
	// In a PostgreSQL transaction, sent with its next statement.
	return tx.execLater(ctx, "index search", docs, docArgs...)
}

// SearchConversationIDs returns the IDs of conversations whose subject
// or messages hold every word of query (after proofdesk.SearchWords),
// newest activity first, at most limit. No words: none.
func (db *DB) SearchConversationIDs(ctx context.Context, query string, limit int) ([]string, error) {
	toks := db.SearchTokens(query)
	if len(toks) == 0 || proofdesk.SearchMatchesNothing(query) {
		return nil, nil
	}
	if len(toks) > 20 {
		toks = toks[:20]
	}
	if limit <= 0 || limit > 1000 {
		limit = 200
	}
	ph := strings.TrimSuffix(strings.Repeat("?, ", len(toks)), ", ")
	args := make([]any, 0, len(toks)+2)
	for _, t := range toks {
		args = append(args, t)
	}
	args = append(args, len(toks), limit)
	rows, err := db.reader().query(ctx, `SELECT c.id FROM conversations c JOIN (
			SELECT conversation_id FROM search_tokens WHERE token IN (`+ph+`)
			GROUP BY conversation_id HAVING COUNT(*) = ?) m ON m.conversation_id = c.id
		ORDER BY c.last_activity_at DESC, c.id DESC LIMIT ?`, args...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", wrapErr(err))
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("search: %w", wrapErr(err))
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// BackfillSearch indexes up to batch conversations that have no search
// entry yet (stored before the index existed): their subject and every
// message. It returns how many it indexed; 0 means done.
func (db *DB) BackfillSearch(ctx context.Context, batch int) (int, error) {
	if batch <= 0 {
		batch = 100
	}
	rows, err := db.reader().query(ctx, `SELECT c.id FROM conversations c WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.conversation_id = c.id) ORDER BY c.id LIMIT ?`, batch)
	if err != nil {
		return 0, fmt.Errorf("backfill search: %w", wrapErr(err))
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	cs := NewConversationService(db)
	for _, id := range ids {
		conv, err := cs.FindConversationByID(ctx, id)
		if err != nil {
			return 0, err
		}
		msgs, err := cs.FindMessages(ctx, id)
		if err != nil {
			return 0, err
		}
		texts := []string{conv.Subject}
		for _, m := range msgs {
			texts = append(texts, m.Body)
		}
		if err := db.WithTx(ctx, func(tx *Tx) error { return tx.indexSearch(ctx, id, texts...) }); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// SearchIndexSize returns the rows of the search index and, on
// PostgreSQL, its bytes on disk (table and indexes); -1 on SQLite, where
// the caller measures the file.
func (db *DB) SearchIndexSize(ctx context.Context) (rows int64, bytes int64, err error) {
	if err := db.reader().queryRow(ctx, `SELECT COUNT(*) FROM search_tokens`).Scan(&rows); err != nil {
		return 0, 0, err
	}
	bytes = -1
	if db.dialect == Postgres {
		if err := db.reader().queryRow(ctx, `SELECT pg_total_relation_size('search_tokens')`).Scan(&bytes); err != nil {
			return 0, 0, err
		}
	}
	return rows, bytes, nil
}

// Policy returns the live policy, read in this transaction.
func (h *Handle) Policy(ctx context.Context) (*proofdesk.Policy, error) { return h.policy(ctx) }
