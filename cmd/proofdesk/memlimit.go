package main

import "runtime/debug"

// DefaultMemoryLimitMiB is serve's soft memory limit: with 10,000 open
// chats the heap's live part is about 100 MiB, and the collector's
// default (GOGC=100: collect when the heap doubles) would let the process
// pass 500 MiB; the limit makes it collect sooner instead. Below the
// limit nothing changes. Measured in BENCHMARKS.md ("Live chat at 10,000
// visitors").
const DefaultMemoryLimitMiB = 384

// setMemoryLimit sets the Go runtime's soft memory limit to mib MiB
// (runtime/debug.SetMemoryLimit), unless mib is 0 or $GOMEMLIMIT is set
// (the runtime has applied that one already).
func setMemoryLimit(mib int, getenv func(string) string) {
	if mib <= 0 || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(int64(mib) << 20)
}
