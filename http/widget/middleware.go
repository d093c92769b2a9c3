package widget

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/proofdesk/proofdesk"
	httpd "github.com/proofdesk/proofdesk/http"
)

// Visitor tokens: "pdv_" and 256 random bits, base64url.
const (
	tokenPrefix = "pdv_"
	tokenBytes  = 32
)

var (
	errNoVisitor = proofdesk.Errorf(proofdesk.EUNAUTHORIZED, "Missing or invalid visitor token: send Authorization: Visitor <token>.")
	errOrigin    = proofdesk.Errorf(proofdesk.EFORBIDDEN, "This site is not allowed to use the chat widget.")
)

// newVisitorToken returns a fresh visitor token and its SHA-256 hash.
func newVisitorToken() (token, hash string) {
	b := make([]byte, tokenBytes)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms.
	token = tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

// hashToken returns hex(SHA-256(token)), the only form the store keeps.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// validToken reports whether s has the shape of a visitor token.
func validToken(s string) bool {
	rest, ok := strings.CutPrefix(s, tokenPrefix)
	if !ok || len(rest) != base64.RawURLEncoding.EncodedLen(tokenBytes) {
		return false
	}
	_, err := base64.RawURLEncoding.Strict().DecodeString(rest)
	return err == nil
}

// authenticate returns the visitor holding token, or EUNAUTHORIZED.
func (h *Handler) authenticate(ctx context.Context, token string) (*proofdesk.Visitor, error) {
	if !validToken(token) {
		return nil, errNoVisitor
	}
	v, err := h.visitors.FindVisitorByTokenHash(ctx, hashToken(token))
	if proofdesk.ErrorCode(err) == proofdesk.ENOTFOUND {
		return nil, errNoVisitor
	}
	return v, err
}

type visitorContextKey struct{}

func visitorFrom(ctx context.Context) *proofdesk.Visitor {
	v, _ := ctx.Value(visitorContextKey{}).(*proofdesk.Visitor)
	return v
}

// requireVisitor authenticates "Authorization: Visitor <token>" and puts
// the visitor in the request context.
func (h *Handler) requireVisitor(next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
		if !ok || !strings.EqualFold(scheme, "Visitor") {
			httpd.Error(w, r, errNoVisitor)
			return
		}
		v, err := h.authenticate(r.Context(), strings.TrimSpace(token))
		if err != nil {
			httpd.Error(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), visitorContextKey{}, v)))
	})
}

// ownConversation returns the conversation named by the path if it is the
// visitor's; another visitor's conversation is ENOTFOUND, exactly like a
// missing one, so IDs cannot be probed.
func (h *Handler) ownConversation(ctx context.Context, v *proofdesk.Visitor, id string) (*proofdesk.Conversation, error) {
	owns, err := h.visitors.VisitorOwnsConversation(ctx, v.ID, id)
	if err != nil {
		return nil, err
	}
	if !owns {
		return nil, proofdesk.Errorf(proofdesk.ENOTFOUND, "Conversation not found.")
	}
	return h.conversations.FindConversationByID(ctx, id)
}

// allowedOrigins are the configured patterns and, when Config.Origins is
// set, those it gives now (the console's channel settings).
func (h *Handler) allowedOrigins(ctx context.Context) []string {
	if h.cfg.Origins == nil {
		return h.cfg.AllowedOrigins
	}
	return append(append([]string{}, h.cfg.AllowedOrigins...), h.cfg.Origins(ctx)...)
}

// originAllowed reports whether a browser at origin may use the widget
// served at host: the same host, or a match of an allowed pattern.
func (h *Handler) originAllowed(ctx context.Context, origin, host string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	if strings.EqualFold(u.Host, host) {
		return true
	}
	for _, p := range h.allowedOrigins(ctx) {
		target := u.Host
		if strings.Contains(p, "://") {
			target = u.Scheme + "://" + u.Host
		}
		if ok, _ := path.Match(strings.ToLower(p), strings.ToLower(target)); ok {
			return true
		}
	}
	return false
}

// cors lets allowed sites call the visitor endpoints from the browser and
// refuses any other Origin with 403.
func (h *Handler) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Origin")
		if origin := r.Header.Get("Origin"); origin != "" {
			if !h.originAllowed(r.Context(), origin, r.Host) {
				httpd.Error(w, r, errOrigin)
				return
			}
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Set("Access-Control-Allow-Methods", "GET, POST")
			w.Header().Set("Access-Control-Allow-Headers", "Authorization, Content-Type")
			w.Header().Set("Access-Control-Max-Age", "600")
		}
		next.ServeHTTP(w, r)
	})
}
