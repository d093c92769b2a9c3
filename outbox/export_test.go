package outbox

import "time"

// SetMarkStopRetry sets how long a stopping worker retries marking
// accepted rows sent, and returns a function restoring it: the tests of a
// killed node (stopped, its store failing) give up at once.
func SetMarkStopRetry(d time.Duration) (restore func()) {
	old := markStopRetry
	markStopRetry = d
	return func() { markStopRetry = old }
}
