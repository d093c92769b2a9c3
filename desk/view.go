package desk

import (
	"context"
	"strings"
	"sync"
	"unicode"

	"github.com/proofdesk/proofdesk"
	"github.com/proofdesk/proofdesk/guard"
)

// AgentText implements proofdesk.VerificationService: the view of what
// agents wrote on a conversation, for the agent in ctx, now. A reply sent
// at L2 that quoted the address stays readable only to whom could send
// it now: the disclosure guard checks each agent message at the level
// proofdesk.Decide (DoReply) gives this agent on the conversation (L0
// when it refuses, for another agent than the holder, or once the level
// has expired) against the conversation's customer and the customers the
// requester claims, with the policy in force. A message that would be
// blocked has each blocking sentence replaced by
// proofdesk.ProtectedHiddenText (the class and the level it needs);
// when the value spans sentences, the whole message. It returns nil when
// no customer is concerned. Errors: the store's.
func (v *Verification) AgentText(ctx context.Context, conversationID string) (func(string) (string, bool), error) {
	h := v.db.Read()
	conv, err := h.FindConversation(ctx, conversationID)
	if err != nil {
		return nil, err
	}
	in, err := h.DecisionFacts(ctx, proofdesk.DoReply, conv, nil)
	if err != nil {
		return nil, err
	}
	level := proofdesk.L0 // Decide refuses nobody: L0
	if d := proofdesk.Decide(in); d.Allowed {
		level = d.CheckLevel
	}
	targets, err := h.GuardTargets(ctx, conv, in.Policy, level)
	if err != nil {
		return nil, err
	}
	if len(targets) == 0 {
		return nil, nil
	}
	// Agents' texts are shown in order (NewMessageViews): like the guard
	// on sending (CheckRecent), a value split across an agent's last
	// messages ("Evergreen Terrace." then "Number 742.") is masked in the
	// message that completes it.
	var mu sync.Mutex
	var recent []string
	return func(s string) (string, bool) {
		mu.Lock()
		defer mu.Unlock()
		out, masked := maskAgentText(s, recent, targets)
		if recent = append(recent, s); len(recent) > recentRepliesN {
			recent = recent[1:]
		}
		return out, masked
	}, nil
}

// maskAgentText masks in s what the guard blocks against targets: each
// blocking sentence, or all of s when the masked text still blocks or
// when s completes a value with the agents' recent texts.
func maskAgentText(s string, recent []string, targets []guard.Target) (string, bool) {
	if strings.TrimSpace(s) == "" {
		return s, false
	}
	whole := guard.CheckAll(s, nil, targets...)
	if !whole.Blocked {
		if len(recent) > 0 {
			if v := guard.CheckRecent(s, recent, nil, targets...); v.Blocked {
				return proofdesk.ProtectedHiddenText(hiddenClass(v), v.RequiredLevel), true
			}
		}
		return s, false
	}
	var b strings.Builder
	for _, seg := range sentences(s) {
		core := strings.TrimFunc(seg, unicode.IsSpace)
		if core == "" {
			b.WriteString(seg)
			continue
		}
		vd := guard.CheckAll(core, nil, targets...)
		if !vd.Blocked {
			b.WriteString(seg)
			continue
		}
		i := strings.Index(seg, core)
		b.WriteString(seg[:i])
		b.WriteString(proofdesk.ProtectedHiddenText(hiddenClass(vd), vd.RequiredLevel))
		b.WriteString(seg[i+len(core):])
	}
	out := b.String()
	if guard.CheckAll(out, nil, targets...).Blocked {
		return proofdesk.ProtectedHiddenText(hiddenClass(whole), whole.RequiredLevel), true
	}
	return out, true
}

// hiddenClass names what a verdict found, for the placeholder.
func hiddenClass(v guard.Verdict) string {
	if v.Class == "" {
		return "customer data"
	}
	return strings.ReplaceAll(v.Class, "_", " ")
}

// sentences splits s after each line break and each sentence end (. ! ?
// before a space); the parts joined are s.
func sentences(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		end := c == '\n' || (c == '.' || c == '!' || c == '?') && i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\n')
		if end {
			out = append(out, s[start:i+1])
			start = i + 1
		}
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}
