package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestSetMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	noEnv := func(string) string { return "" }

	debug.SetMemoryLimit(math.MaxInt64)
	setMemoryLimit(384, noEnv)
	if got := debug.SetMemoryLimit(-1); got != 384<<20 {
		t.Fatalf("limit %d, want 384 MiB", got)
	}

	debug.SetMemoryLimit(math.MaxInt64)
	setMemoryLimit(384, func(k string) string {
		if k == "GOMEMLIMIT" {
			return "1GiB"
		}
		return ""
	})
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("limit %d with $GOMEMLIMIT set, want the runtime's own", got)
	}

	setMemoryLimit(0, noEnv)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Fatalf("limit %d with 0, want none", got)
	}
}
