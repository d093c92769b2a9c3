package sqldb

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// SQLite WAL checkpoints, off the commit path.
//
// With SQLite's default, the commit that takes the WAL past 1,000 pages
// runs the checkpoint itself (copy the WAL into the database file, fsync
// it), and every write queued behind that commit waits. The writer
// connection runs with wal_autocheckpoint(0) instead, and a checkpointer
// of its own connection copies the WAL into the database while the writer
// goes on (https://sqlite.org/wal.html#checkpointing, "PASSIVE"):
//
//   - every checkpointInterval, a PASSIVE checkpoint: it takes no lock a
//     writer or reader waits for and copies what no reader still needs;
//   - when the WAL has not grown for checkpointIdle, a TRUNCATE checkpoint
//     empties the file (it waits checkpointBusy at most for readers);
//   - when the WAL holds more than checkpointRestartFrames, a RESTART
//     checkpoint: it copies what the PASSIVE one left (a few frames) while
//     holding writers back, and waits (checkpointBusy at most) for readers
//     of old frames, so that the next commit writes the WAL from its start
//     again. Under a steady load a passive copy never catches the writer
//     up, so without it the WAL would only grow, and appending to a growing
//     file costs more than rewriting its first pages: the WAL stays under
//     about 16 MiB unless a read holds old frames longer than that takes
//     (as SQLite's own checkpoint cannot restart the WAL under it either).
//
// Durability is unchanged: a commit is in the WAL when it is
// acknowledged, with or without a checkpoint (synchronous(NORMAL): the WAL
// is fsynced at checkpoints, as before; a process killed loses nothing
// committed), and a checkpoint never moves a frame before it is committed.
const (
	checkpointInterval      = 250 * time.Millisecond
	checkpointIdle          = time.Second
	checkpointRestartFrames = 4096 // 16 MiB of 4 KiB pages
)

// checkpointer runs the SQLite checkpoints on its own connection.
type checkpointer struct {
	db   *sql.DB
	stop context.CancelFunc
	done chan struct{}
}

// checkpointBusy is how long (ms) a RESTART or TRUNCATE checkpoint waits
// for the writer and for readers of old frames before it gives up until
// the next tick: it holds new writes back while it waits, and a long read
// (a report) must not stop the chat for the store's 10 s busy_timeout.
const checkpointBusy = 100

// startCheckpointer opens a connection to the database file at path (in
// WAL mode already) and checkpoints from a goroutine until close.
func startCheckpointer(path string) (*checkpointer, error) {
	cdb, err := sql.Open("sqlite", fmt.Sprintf("file:%s?_pragma=busy_timeout(%d)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)", path, checkpointBusy))
	if err != nil {
		return nil, fmt.Errorf("open checkpointer: %w", err)
	}
	cdb.SetMaxOpenConns(1)
	ctx, stop := context.WithCancel(context.Background())
	c := &checkpointer{db: cdb, stop: stop, done: make(chan struct{})}
	go c.run(ctx)
	return c, nil
}

// walState is the answer of PRAGMA wal_checkpoint: frames in the WAL and
// frames copied into the database (both -1 when not in WAL mode).
type walState struct{ busy, log, copied int }

// checkpoint runs PRAGMA wal_checkpoint(mode); mode is PASSIVE, RESTART
// or TRUNCATE.
func (c *checkpointer) checkpoint(ctx context.Context, mode string) (walState, error) {
	var w walState
	err := c.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint("+mode+")").Scan(&w.busy, &w.log, &w.copied)
	return w, err
}

func (c *checkpointer) run(ctx context.Context) {
	defer close(c.done)
	t := time.NewTicker(checkpointInterval)
	defer t.Stop()
	last, grew := -1, time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		w, err := c.checkpoint(ctx, "PASSIVE")
		if err != nil {
			continue // a busy database or a closing one; the next tick tries again
		}
		switch {
		case w.log > checkpointRestartFrames:
			_, _ = c.checkpoint(ctx, "RESTART")
		case w.log != last:
			last, grew = w.log, time.Now()
		case w.log > 0 && time.Since(grew) >= checkpointIdle:
			if w, err := c.checkpoint(ctx, "TRUNCATE"); err == nil && w.busy == 0 {
				last = 0
			}
		}
	}
}

// close stops the checkpoints and closes the connection.
func (c *checkpointer) close() error {
	c.stop()
	<-c.done
	return c.db.Close()
}
