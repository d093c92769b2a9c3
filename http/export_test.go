package http

import "time"

// SetShutdownTimeout shortens s's ShutdownTimeout for a test.
func SetShutdownTimeout(s *Server, d time.Duration) { s.shutdownTimeout = d }
