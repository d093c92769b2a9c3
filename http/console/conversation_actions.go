package console

import (
	"net/http"
	"strings"

	"github.com/proofdesk/proofdesk"
)

func backTo(conversationID, done string) string {
	u := "/conversations/" + conversationID
	if done != "" {
		u += "?done=" + done
	}
	return u
}

func (h *Handler) handleReply(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	body := r.PostFormValue("body")
	internal := r.PostFormValue("internal") == "1"
	if h.d.PostMessage == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "replies are not configured"))
		return
	}
	files, err := formFiles(r, "files")
	if err != nil {
		h.renderError(w, r, err)
		return
	}
	if strings.TrimSpace(body) == "" && len(files) == 0 {
		h.showConversation(w, r, http.StatusUnprocessableEntity, func(p *conversationPage) {
			p.Error = "Write a message first."
			p.DraftNote = internal
		})
		return
	}
	_, err = h.d.PostMessage(r.Context(), id, body, internal, r.PostFormValue("client_id"), files)
	switch proofdesk.ErrorCode(err) {
	case "":
	case proofdesk.EDISCLOSURE:
		h.showConversation(w, r, http.StatusUnprocessableEntity, func(p *conversationPage) {
			p.Blocked = blockedFrom(err, p.Customer != nil)
			// The draft is the agent's own text; it goes back into their
			// composer so they can rephrase it. Files cannot be put back.
			p.Draft, p.DraftNote = body, internal
			if len(files) > 0 {
				p.Error = "The files were not sent either: attach them again (the guard reads file names and text files too)."
			}
		})
		return
	case proofdesk.EINVALID:
		h.showConversation(w, r, http.StatusUnprocessableEntity, func(p *conversationPage) {
			p.Error = proofdesk.ErrorMessage(err)
			if len(files) > 0 {
				p.Error += " Nothing was sent: attach the files again."
			}
			p.Draft, p.DraftNote = body, internal
		})
		return
	default:
		h.renderError(w, r, err)
		return
	}
	done := "sent"
	if internal {
		done = "note"
	}
	http.Redirect(w, r, backTo(id, done)+"#composer", http.StatusSeeOther)
}

func (h *Handler) handleAssign(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	agent := proofdesk.AgentFromContext(ctx)
	to := r.PostFormValue("assignee")
	if to == "me" {
		to = agent.ID
	}
	// "team:ID" puts the conversation in that team's queue, unassigned.
	queue, toQueue := strings.CutPrefix(to, "team:")
	if toQueue {
		to = ""
	}
	if to != "" {
		a, err := h.agents.FindAgentByID(ctx, to)
		if err != nil || a.Disabled {
			h.showConversation(w, r, http.StatusUnprocessableEntity, func(p *conversationPage) { p.Error = "Pick an active agent." })
			return
		}
	}
	upd := proofdesk.ConversationUpdate{AssigneeID: &to, BreakGlassReason: strings.TrimSpace(r.PostFormValue("break_glass_reason"))}
	if team, ok := r.PostForm["team"]; ok {
		t := strings.TrimSpace(team[0])
		upd.Team = &t
	}
	if toQueue {
		upd.Team = &queue
	}
	// Who may move the conversation, and whether its level follows, is
	// proofdesk.Decide's (DoAssign), applied by the store.
	if _, err := h.d.Conversations.UpdateConversation(ctx, id, upd); err != nil {
		if c := proofdesk.ErrorCode(err); c == proofdesk.EFORBIDDEN || c == proofdesk.EINVALID {
			h.showConversation(w, r, httpStatus(err), func(p *conversationPage) { p.Error = proofdesk.ErrorMessage(err) })
			return
		}
		h.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, backTo(id, "assigned"), http.StatusSeeOther)
}

func (h *Handler) handleStatus(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	status := r.PostFormValue("status")
	done := map[string]string{proofdesk.StatusResolved: "resolved", proofdesk.StatusSnoozed: "snoozed",
		proofdesk.StatusOpen: "reopened", proofdesk.StatusPending: "reopened"}[status]
	if done == "" {
		h.renderError(w, r, proofdesk.FieldError("status", "status must be one of open, pending, snoozed, resolved"))
		return
	}
	if _, err := h.d.Conversations.UpdateConversation(r.Context(), id, proofdesk.ConversationUpdate{Status: &status}); err != nil {
		h.renderError(w, r, err)
		return
	}
	if status == proofdesk.StatusResolved || status == proofdesk.StatusSnoozed {
		http.Redirect(w, r, "/inbox?view=mine&done="+done, http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, backTo(id, done), http.StatusSeeOther)
}

func (h *Handler) handleChallenge(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if h.d.Verification == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "verification is not configured"))
		return
	}
	_, err := h.d.Verification.IssueChallenge(r.Context(), id, r.PostFormValue("contact_point_id"))
	switch proofdesk.ErrorCode(err) {
	case "":
	case proofdesk.EINVALID, proofdesk.EFORBIDDEN, proofdesk.ERATELIMIT, proofdesk.ELOCKED:
		h.showConversation(w, r, httpStatus(err), func(p *conversationPage) { p.Error = proofdesk.ErrorMessage(err) })
		return
	default:
		h.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, backTo(id, "challenge")+"#verify", http.StatusSeeOther)
}

// handleReveal shows one field in clear, once, in this response (never a
// redirect, never cached), when desk.Desk.Reveal allows it.
func (h *Handler) handleReveal(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	field := r.PostFormValue("field")
	reason := r.PostFormValue("reason")
	breakGlass := r.PostFormValue("break_glass") == "1"
	if h.d.Desk == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "verification is not configured"))
		return
	}
	value, err := h.d.Desk.Reveal(r.Context(), id, field, reason, breakGlass)
	onCustomer := r.PostFormValue("back") == "customer"
	if err != nil {
		code := proofdesk.ErrorCode(err)
		if code != proofdesk.EVERIFICATION && code != proofdesk.EFORBIDDEN && code != proofdesk.EINVALID {
			h.renderError(w, r, err)
			return
		}
		msg := proofdesk.ErrorMessage(err)
		if code == proofdesk.EVERIFICATION {
			msg = "Not revealed. " + msg + " Send a verification request from the verification panel."
		}
		if onCustomer {
			h.showCustomerFor(w, r, httpStatus(err), id, func(p *customerPage) { p.Error = msg })
			return
		}
		h.showConversation(w, r, httpStatus(err), func(p *conversationPage) { p.Error = msg })
		return
	}
	rv := &revealed{Field: field, Label: fieldLabel(field), Value: value}
	if onCustomer {
		h.showCustomerFor(w, r, http.StatusOK, id, func(p *customerPage) { p.Revealed = rv })
		return
	}
	h.showConversation(w, r, http.StatusOK, func(p *conversationPage) { p.Revealed = rv })
}

// handleUnlock lifts the support lock of the conversation's customer
// through desk's RemoveSupportLock, which asks proofdesk.Decide (a
// supervisor, on a conversation verified to L2, with a reason); its
// refusal is shown on the page.
func (h *Handler) handleUnlock(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if h.d.Desk == nil {
		h.renderError(w, r, proofdesk.Errorf(proofdesk.EINTERNAL, "verification is not configured"))
		return
	}
	reason := r.PostFormValue("reason")
	err := h.d.Desk.RemoveSupportLock(r.Context(), id, reason)
	switch proofdesk.ErrorCode(err) {
	case "":
	case proofdesk.EVERIFICATION, proofdesk.EFORBIDDEN, proofdesk.EINVALID, proofdesk.ECONFLICT:
		h.showConversation(w, r, httpStatus(err), func(p *conversationPage) {
			p.Error = "Support lock not removed. " + proofdesk.ErrorMessage(err)
			p.UnlockReason = reason
		})
		return
	default:
		h.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, backTo(id, "unlocked"), http.StatusSeeOther)
}
