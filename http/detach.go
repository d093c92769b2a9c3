package http

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
)

// serverLifeKey holds, in every request's context, the server's base
// context: it ends when Close gives up on the requests in flight.
type serverLifeKey struct{}

// Detach returns a context with r's values (request ID, acting visitor)
// that outlives the request: it is cancelled only when the server that
// received r closes (or, for a request not served by a Server, never),
// plus the function that releases it. A handler that hijacked its
// connection (a WebSocket) can serve it from a goroutine of its own with
// this context and return, so net/http frees the request's buffers and
// the handler's stack.
func Detach(r *http.Request) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(r.Context()))
	if life, ok := r.Context().Value(serverLifeKey{}).(context.Context); ok {
		stop := context.AfterFunc(life, cancel)
		return ctx, func() { stop(); cancel() }
	}
	return ctx, cancel
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
