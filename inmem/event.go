// Package inmem holds in-process implementations of domain services: live
// events on one node.
package inmem

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/proofdesk/proofdesk"
)

// DefaultBuffer is the number of events a subscriber of all
// conversations (an agent's live stream) may fall behind before it starts
// missing events.
const DefaultBuffer = 256

// ConversationBuffer is the same for a subscriber of one conversation (a
// visitor's chat, an open conversation page): one conversation rarely
// has more events in flight, a subscriber that misses some re-reads, and
// at 10,000 open chats a 256-event buffer each cost 300 MB (8 events:
// 1.3 KB).
const ConversationBuffer = 8

// EventService is a proofdesk.EventService within one process. Publishing
// never blocks: each subscriber has a bounded buffer, and a subscriber whose
// buffer is full misses the event (counted in Dropped) and catches up
// through the services.
type EventService struct {
	buffer  int
	dropped atomic.Uint64

	mu sync.RWMutex
	// subs holds every subscription; byConv those of one conversation,
	// by conversation ID, and all those of every conversation, so that a
	// publish visits only the subscribers it delivers to.
	subs   map[*Subscription]struct{}
	byConv map[string]map[*Subscription]struct{}
	all    map[*Subscription]struct{}
	closed bool
}

var _ proofdesk.EventService = (*EventService)(nil)

// NewEventService returns an event service whose subscribers buffer up to
// buffer events each; buffer <= 0 means DefaultBuffer.
func NewEventService(buffer int) *EventService {
	if buffer <= 0 {
		buffer = DefaultBuffer
	}
	return &EventService{buffer: buffer, subs: make(map[*Subscription]struct{}),
		byConv: make(map[string]map[*Subscription]struct{}), all: make(map[*Subscription]struct{})}
}

// PublishEvent delivers ev to every subscriber of its conversation and to
// every subscriber of all conversations, without waiting for any of them.
func (s *EventService) PublishEvent(_ context.Context, ev proofdesk.Event) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return
	}
	for sub := range s.byConv[ev.ConversationID] {
		s.deliver(sub, ev)
	}
	for sub := range s.all {
		s.deliver(sub, ev)
	}
}

func (s *EventService) deliver(sub *Subscription, ev proofdesk.Event) {
	select {
	case sub.ch <- ev:
	default:
		sub.dropped.Add(1)
		s.dropped.Add(1)
	}
	sub.notify()
}

// Subscribe returns a subscription to the events of one conversation, or
// of all when conversationID is "". The caller must Close it; ctx is not
// retained. Returns EINTERNAL once the service is closed.
func (s *EventService) Subscribe(_ context.Context, conversationID string) (proofdesk.Subscription, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, proofdesk.Errorf(proofdesk.EINTERNAL, "event service closed")
	}
	buf := s.buffer
	if conversationID != "" {
		buf = min(buf, ConversationBuffer)
	}
	sub := &Subscription{service: s, conversationID: conversationID, ch: make(chan proofdesk.Event, buf)}
	s.subs[sub] = struct{}{}
	if conversationID == "" {
		s.all[sub] = struct{}{}
	} else {
		m := s.byConv[conversationID]
		if m == nil {
			m = make(map[*Subscription]struct{})
			s.byConv[conversationID] = m
		}
		m[sub] = struct{}{}
	}
	return sub, nil
}

// Dropped returns how many deliveries were skipped because a subscriber's
// buffer was full, over the service's lifetime.
func (s *EventService) Dropped() uint64 { return s.dropped.Load() }

// Subscribers returns the number of open subscriptions.
func (s *EventService) Subscribers() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.subs)
}

// Close ends every subscription (their channels close) and makes later
// publishes no-ops and later subscribes fail.
func (s *EventService) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	for sub := range s.subs {
		close(sub.ch)
		s.remove(sub)
		sub.notify()
	}
	return nil
}

// Subscription is one subscriber of an EventService.
type Subscription struct {
	service        *EventService
	conversationID string
	ch             chan proofdesk.Event
	dropped        atomic.Uint64
	onEvent        atomic.Pointer[func()]
}

var _ proofdesk.Subscription = (*Subscription)(nil)

// C returns the channel events arrive on; it is closed by Close.
func (sub *Subscription) C() <-chan proofdesk.Event { return sub.ch }

// Dropped returns how many events this subscriber missed because its
// buffer was full. A receiver that sees it grow re-reads what it shows.
func (sub *Subscription) Dropped() uint64 { return sub.dropped.Load() }

// Notify sets f to be called after each event is queued for (or missed
// by) this subscriber, and after the service closes the channel: f runs
// on the publisher's goroutine and must not block. With it, a receiver
// need not keep a goroutine waiting on C: f can start one that drains C
// when there is something to drain (http/widget does, for 10,000 open
// chats). Events queued before Notify was called are not signalled.
func (sub *Subscription) Notify(f func()) { sub.onEvent.Store(&f) }

func (sub *Subscription) notify() {
	if f := sub.onEvent.Load(); f != nil {
		(*f)()
	}
}

// Close ends the subscription and closes its channel. It is safe to call
// more than once.
func (sub *Subscription) Close() error {
	s := sub.service
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.subs[sub]; ok {
		s.remove(sub)
		close(sub.ch)
	}
	return nil
}

// remove drops sub from the indexes; s.mu is held.
func (s *EventService) remove(sub *Subscription) {
	delete(s.subs, sub)
	if sub.conversationID == "" {
		delete(s.all, sub)
		return
	}
	if m := s.byConv[sub.conversationID]; m != nil {
		delete(m, sub)
		if len(m) == 0 {
			delete(s.byConv, sub.conversationID)
		}
	}
}
