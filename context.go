package proofdesk

import "context"

type contextKey int

const (
	agentContextKey contextKey = iota + 1
	requestIDContextKey
)

// NewContextWithAgent returns a copy of ctx carrying the acting agent.
func NewContextWithAgent(ctx context.Context, a *Agent) context.Context {
	return context.WithValue(ctx, agentContextKey, a)
}

// AgentFromContext returns the acting agent, or nil if none is set.
func AgentFromContext(ctx context.Context) *Agent {
	a, _ := ctx.Value(agentContextKey).(*Agent)
	return a
}

// AgentIDFromContext returns the acting agent's ID, or "" if none.
func AgentIDFromContext(ctx context.Context) string {
	if a := AgentFromContext(ctx); a != nil {
		return a.ID
	}
	return ""
}

// NewContextWithRequestID returns a copy of ctx carrying the request ID.
func NewContextWithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDContextKey, id)
}

// RequestIDFromContext returns the request ID, or "".
func RequestIDFromContext(ctx context.Context) string {
	id, _ := ctx.Value(requestIDContextKey).(string)
	return id
}
