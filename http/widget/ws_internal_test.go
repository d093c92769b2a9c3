package widget

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"syscall"
	"testing"

	"github.com/proofdesk/proofdesk"
)

// TestIsClosed: a visitor who merely went away (closed the tab, lost the
// network, stopped answering pings) is not an internal error worth an
// ERROR log line; anything else is.
func TestIsClosed(t *testing.T) {
	gone := []error{context.Canceled, context.DeadlineExceeded, fmt.Errorf("failed to ping: %w", context.DeadlineExceeded),
		net.ErrClosed, io.EOF, fmt.Errorf("write: %w", syscall.ECONNRESET), fmt.Errorf("write: %w", syscall.EPIPE)}
	for _, err := range gone {
		if !isClosed(err) {
			t.Errorf("isClosed(%v) = false", err)
		}
	}
	for _, err := range []error{errors.New("database is locked"), proofdesk.Errorf(proofdesk.EINTERNAL, "boom")} {
		if isClosed(err) {
			t.Errorf("isClosed(%v) = true", err)
		}
	}
}
