package http

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"sync"
)

// serverLifeKey holds, in every request's context, the server's
// *serverLife.
type serverLifeKey struct{}

// serverLife is what a Server's requests share: ctx ends when Close gives
// up on the requests in flight; detached counts the work Detach let
// outlive its request, which Close waits for.
type serverLife struct {
	ctx      context.Context
	detached detachedSet
}

// detachedSet counts detached work still running. Once wait began it
// takes no more (add returns false), so the count can only fall to zero.
type detachedSet struct {
	mu      sync.Mutex
	n       int
	closing bool
	done    chan struct{} // closed when n falls to 0 after closing
}

func (d *detachedSet) add() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closing {
		return false
	}
	d.n++
	return true
}

func (d *detachedSet) release() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.n--; d.n == 0 && d.closing {
		close(d.done)
	}
}

// wait refuses new work and returns once the running work released, or
// ctx's error when ctx ends first.
func (d *detachedSet) wait(ctx context.Context) error {
	d.mu.Lock()
	if !d.closing {
		d.closing, d.done = true, make(chan struct{})
	}
	if d.n == 0 {
		d.mu.Unlock()
		return nil
	}
	done := d.done
	d.mu.Unlock()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Detach returns a context with r's values (request ID, acting visitor)
// that outlives the request: it is cancelled only when the server that
// received r closes (or, for a request not served by a Server, never),
// plus the function that releases it, which the caller must call once
// its work is over. A handler that hijacked its connection (a WebSocket)
// can serve it from a goroutine of its own with this context and return,
// so net/http frees the request's buffers and the handler's stack. The
// server's Close waits (within ShutdownTimeout) until every detached
// context was released, so such work never outlives the server and the
// store it reads; once Close has begun, Detach returns a context already
// cancelled.
func Detach(r *http.Request) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(r.Context()))
	life, ok := r.Context().Value(serverLifeKey{}).(*serverLife)
	if !ok {
		return ctx, cancel
	}
	if !life.detached.add() {
		cancel()
		return ctx, cancel
	}
	stop := context.AfterFunc(life.ctx, cancel)
	var once sync.Once
	return ctx, func() {
		stop()
		cancel()
		once.Do(life.detached.release)
	}
}

// SmallHijack wraps w so that hijacking it returns buffers of size bytes
// instead of net/http's 4 KiB reader and 4 KiB writer; bytes the client
// sent ahead are kept. A WebSocket with small frames then holds
// 2×size bytes of buffers per connection (size ≥ 16; bufio's minimum).
func SmallHijack(w http.ResponseWriter, size int) http.ResponseWriter {
	return &smallHijacker{ResponseWriter: w, size: size}
}

type smallHijacker struct {
	http.ResponseWriter
	size int
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *smallHijacker) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Hijack implements http.Hijacker.
func (w *smallHijacker) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, brw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err != nil {
		return nil, nil, err
	}
	if brw.Writer.Buffered() > 0 {
		if err := brw.Writer.Flush(); err != nil {
			conn.Close()
			return nil, nil, err
		}
	}
	ahead, _ := brw.Reader.Peek(brw.Reader.Buffered())
	ahead = bytes.Clone(ahead)
	br := bufio.NewReaderSize(conn, max(w.size, len(ahead)))
	if len(ahead) > 0 {
		br = bufio.NewReaderSize(io.MultiReader(bytes.NewReader(ahead), conn), max(w.size, len(ahead)))
		// Pull the bytes sent ahead into the buffer, so a caller that
		// resets the reader onto conn (coder/websocket does) keeps them.
		if _, err := br.Peek(len(ahead)); err != nil {
			conn.Close()
			return nil, nil, err
		}
	}
	return conn, bufio.NewReadWriter(br, bufio.NewWriterSize(conn, w.size)), nil
}
