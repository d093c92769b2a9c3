//go:build race

package guard

// raceEnabled is set in race builds (sync.Pool drops items there, so a
// check may allocate).
const raceEnabled = true
