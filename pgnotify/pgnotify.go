// Package pgnotify carries live events between Proofdesk nodes that share
// one PostgreSQL, over LISTEN/NOTIFY: a chat message posted on node A
// reaches an agent connected to node B.
package pgnotify

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/proofdesk/proofdesk"
)

// Channel is the PostgreSQL notification channel.
const Channel = "proofdesk_events"

// EventService publishes events to this node's subscribers at once and to
// the other nodes through NOTIFY; it relays the other nodes' events to
// this node's subscribers. Publishing never blocks: notifications queue in
// a bounded buffer and a full buffer drops (counted), as a slow subscriber
// does in inmem.
type EventService struct {
	dsn    string
	node   string
	local  Local
	logger *slog.Logger

	out     chan []byte
	dropped atomic.Uint64

	cancel context.CancelFunc
	wg     sync.WaitGroup
	// ready is closed once the listener has run LISTEN the first time.
	ready     chan struct{}
	readyOnce sync.Once
}

var _ proofdesk.EventService = (*EventService)(nil)

type wireEvent struct {
	Node  string          `json:"n"`
	Event proofdesk.Event `json:"e"`
}

// Local is this node's own fan-out to its subscribers (inmem.EventService,
// wired by cmd/proofdesk: adapters meet only through root types). Close
// ends its subscriptions.
type Local interface {
	proofdesk.EventService
	Close() error
}

// Open starts the listener and the sender on dsn and returns the service,
// which delivers to this node's subscribers through local. It returns once
// LISTEN is in place, or with the connection error.
func Open(ctx context.Context, dsn string, local Local, logger *slog.Logger) (*EventService, error) {
	if local == nil {
		return nil, fmt.Errorf("pgnotify: no local event service")
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	runCtx, cancel := context.WithCancel(context.Background())
	s := &EventService{dsn: dsn, node: hex.EncodeToString(b), local: local, logger: logger,
		out: make(chan []byte, 1024), cancel: cancel, ready: make(chan struct{})}
	s.wg.Add(2)
	go s.listen(runCtx)
	go s.send(runCtx)
	select {
	case <-s.ready:
		return s, nil
	case <-ctx.Done():
		s.Close()
		return nil, ctx.Err()
	}
}

// PublishEvent delivers ev to this node's subscribers and queues it for
// the other nodes.
func (s *EventService) PublishEvent(ctx context.Context, ev proofdesk.Event) {
	s.local.PublishEvent(ctx, ev)
	b, err := json.Marshal(wireEvent{Node: s.node, Event: ev})
	if err != nil || len(b) > 7900 { // NOTIFY payloads stop at 8000 bytes
		s.dropped.Add(1)
		return
	}
	select {
	case s.out <- b:
	default:
		s.dropped.Add(1)
	}
}

// Subscribe returns this node's events for one conversation, or all.
func (s *EventService) Subscribe(ctx context.Context, conversationID string) (proofdesk.Subscription, error) {
	return s.local.Subscribe(ctx, conversationID)
}

// Dropped returns how many events were not sent to other nodes.
func (s *EventService) Dropped() uint64 { return s.dropped.Load() }

// Close stops the listener and sender and closes every subscription.
func (s *EventService) Close() error {
	s.cancel()
	s.wg.Wait()
	return s.local.Close()
}

// listen keeps a connection LISTENing, reconnecting with backoff.
func (s *EventService) listen(ctx context.Context) {
	defer s.wg.Done()
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := s.listenOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		s.logger.Warn("event listener reconnecting", slog.Any("error", err))
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 5*time.Second)
	}
}

func (s *EventService) listenOnce(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, s.dsn)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+Channel); err != nil {
		return err
	}
	s.readyOnce.Do(func() { close(s.ready) })
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		var w wireEvent
		if err := json.Unmarshal([]byte(n.Payload), &w); err != nil || w.Node == s.node {
			continue
		}
		s.local.PublishEvent(ctx, w.Event)
	}
}

// sendBatch is the most notifications send delivers in one round trip.
const sendBatch = 64

// send delivers queued notifications on its own connection: those queued
// together (a commit's events, a busy node's) go in one pgx batch, in
// order, one round trip; PostgreSQL runs the batch as one implicit
// transaction, so a failed batch delivered none of them and is sent again.
func (s *EventService) send(ctx context.Context) {
	defer s.wg.Done()
	var conn *pgx.Conn
	defer func() {
		if conn != nil {
			conn.Close(context.Background())
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return
		case b := <-s.out:
			payloads := []string{string(b)}
		more:
			for len(payloads) < sendBatch {
				select {
				case b := <-s.out:
					payloads = append(payloads, string(b))
				default:
					break more
				}
			}
			for attempt := 0; attempt < 3; attempt++ {
				if conn == nil {
					c, err := pgx.Connect(ctx, s.dsn)
					if err != nil {
						if ctx.Err() != nil {
							return
						}
						time.Sleep(100 * time.Millisecond)
						continue
					}
					conn = c
				}
				// A new batch each attempt: pgx keeps in a sent batch the
				// statements it prepared on the connection that failed.
				batch := &pgx.Batch{}
				for _, p := range payloads {
					batch.Queue("SELECT pg_notify($1, $2)", Channel, p)
				}
				if err := conn.SendBatch(ctx, batch).Close(); err != nil {
					conn.Close(context.Background())
					conn = nil
					continue
				}
				break
			}
		}
	}
}
