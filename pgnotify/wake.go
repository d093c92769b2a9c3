package pgnotify

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// OutboxChannel is notified (by a trigger of migration 0014) whenever an
// outbox row is queued, on commit.
const OutboxChannel = "proofdesk_outbox"

// Wake LISTENs on channel until ctx is done and sends on the returned
// channel for every notification; notifications that arrive while one is
// pending coalesce. It also sends once after each (re)connection, so that
// nothing queued while it was disconnected waits for the next one. The
// connection is re-established with backoff (100 ms doubling to 5 s).
func Wake(ctx context.Context, dsn, channel string, logger *slog.Logger) <-chan struct{} {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	out := make(chan struct{}, 1)
	poke := func() {
		select {
		case out <- struct{}{}:
		default:
		}
	}
	go func() {
		backoff := 100 * time.Millisecond
		for ctx.Err() == nil {
			err := wakeOnce(ctx, dsn, channel, poke, func() { backoff = 100 * time.Millisecond })
			if ctx.Err() != nil {
				return
			}
			logger.Warn("wake listener reconnecting", slog.String("channel", channel), slog.Any("error", err))
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			backoff = min(backoff*2, 5*time.Second)
		}
	}()
	return out
}

func wakeOnce(ctx context.Context, dsn, channel string, poke, connected func()) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err != nil {
		return err
	}
	connected()
	poke()
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		poke()
	}
}
