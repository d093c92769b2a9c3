package sqldb

import "context"

// WithAfterPrecheck returns ctx carrying hook, which CreateMessage runs
// between the reply's check before the write transaction and the
// transaction: the moment a concurrent change would land.
func WithAfterPrecheck(ctx context.Context, hook func()) context.Context {
	return context.WithValue(ctx, afterPrecheckKey{}, hook)
}
