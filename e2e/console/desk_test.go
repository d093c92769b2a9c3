package console_test

// A day at the desk (issue 13, part B): a verification request sent
// without losing the draft, the panel updating live (the number goes, the
// claim shows verified), a macro refused below its placeholder's level
// and applied above it, a search finding a word of a chat message, and
// the console at 390 px wide (screenshots for the README's tour:
// $PROOFDESK_TOUR, when set, receives inbox-390.png and
// conversation-390.png).

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/pquerna/otp/totp"

	"github.com/proofdesk/proofdesk/e2e/e2etest"
)

func TestConsole_DeskDay(t *testing.T) {
	if _, err := os.Stat(chromium); err != nil {
		e2etest.MissingTool(t, "browser test needs "+chromium+" (apt-get install -y chromium)")
	}
	mp := e2etest.StartMailpit(t)
	s := e2etest.StartServer(t, e2etest.ServerOptions{Mailpit: mp})
	ctx := browser(t)
	shot := newShots(t)

	out := s.CLI(t, "", "agent", "totp", "--email", s.Agent.Email)
	m := secretRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("agent totp printed no secret: %q", out)
	}
	since := time.Now().AddDate(0, 0, -60).UTC().Format(time.RFC3339)
	var cust struct{ ID string }
	s.API(t, "POST", "/api/v1/customers", s.SyncToken, map[string]any{
		"external_id": "acme-2001", "name": customerName,
		"emails":    []map[string]string{{"value": customerEmail, "added_at": since}},
		"addresses": []map[string]string{{"line1": customerStreet, "city": customerCity, "postal_code": customerPostal, "country": "GB"}},
	}, http.StatusCreated, &cust)
	// A chat (no subject) whose words only its message holds.
	var conv struct{ ID string }
	s.API(t, "POST", "/api/v1/conversations", s.Agent.Token, map[string]any{
		"channel": "chat", "requester": map[string]string{"name": customerName, "email": customerEmail},
		"message": "Olá, tenho uma reclamação: the parcel never came",
	}, http.StatusCreated, &conv)
	convURL := s.URL + "/conversations/" + conv.ID
	s.API(t, "POST", "/api/v1/conversations", s.Agent.Token, map[string]any{
		"channel": "chat", "requester": map[string]string{"name": "Someone"}, "message": "Where is my invoice?",
	}, http.StatusCreated, nil)

	code, err := totp.GenerateCode(m[1], time.Now())
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "sign in", chromedp.Navigate(s.URL+"/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), s.Agent.Email),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), s.Agent.Password),
		chromedp.SendKeys(chromedp.CSS(`input[name=code]`), code),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)))

	// Search finds the chat by a word of its message, accents folded.
	do(t, ctx, "search", chromedp.Navigate(s.URL+"/inbox?view=all"), chromedp.WaitVisible(chromedp.CSS(`#inbox-q`)),
		chromedp.SendKeys(chromedp.CSS(`#inbox-q`), "reclamacao\n"),
		chromedp.WaitVisible(chromedp.CSS(`.list-head a.btn-quiet`))) // "Clear": only on a search's results
	if l := text(t, ctx, "#inbox-list"); !strings.Contains(l, "reclamação") || strings.Contains(l, "invoice") {
		t.Fatalf("search results: %q", l)
	}
	shot.take(ctx, "search-found")
	// A search shaped like an email is refused, not answered.
	do(t, ctx, "search an email", chromedp.Navigate(s.URL+"/inbox?view=all&q="+url.QueryEscape(customerEmail)), chromedp.WaitVisible(chromedp.CSS(`.flash-error`)))
	if msg := text(t, ctx, ".flash-error"); !strings.Contains(msg, "Search does not look for") {
		t.Fatalf("email search says %q", msg)
	}

	// A macro whose text needs the customer's address (L1).
	do(t, ctx, "new macro", chromedp.Navigate(s.URL+"/macros"), chromedp.WaitVisible(chromedp.CSS(`#macro-new`)),
		chromedp.SendKeys(chromedp.CSS(`#macro-new input[name=title]`), "Ship to"),
		chromedp.SendKeys(chromedp.CSS(`#macro-new textarea[name=body]`), "Hi {{customer.first_name}}, we ship to {{customer.address}}."),
		chromedp.Click(chromedp.CSS(`#macro-create`)), chromedp.WaitVisible(chromedp.CSS(`#notice`)))

	// Take the chat, link the customer, start a draft.
	do(t, ctx, "open", chromedp.Navigate(convURL), chromedp.WaitVisible(chromedp.CSS(`#conv-verify`)),
		chromedp.Evaluate[chromedp.Void](`window.__noReload = true`))
	do(t, ctx, "assign to me", chromedp.Click(chromedp.CSS(`#assign-btn`)), chromedp.WaitVisible(chromedp.CSS(`#notice`)))
	do(t, ctx, "link", chromedp.Click(chromedp.CSS(`#link-btn`)), chromedp.WaitVisible(chromedp.CSS(`.verify-targets`)))
	const draft = "Thanks for waiting, I am on it."
	do(t, ctx, "draft", chromedp.SendKeys(chromedp.CSS(`#reply-body`), draft))

	// The macro is refused at L0 with the level it needs; the draft stays.
	do(t, ctx, "macro at L0", chromedp.SetValue(chromedp.CSS(`#macro-pick`), macroID(t, ctx, "Ship to")),
		scrollTop, chromedp.Click(chromedp.CSS(`#macro-apply`)), chromedp.WaitVisible(chromedp.CSS(`#error`)))
	if msg := text(t, ctx, "#error"); !strings.Contains(msg, "needs L1") || strings.Contains(msg, "Baker") {
		t.Fatalf("macro at L0 says %q", msg)
	}
	if v := value(t, ctx, "#reply-body"); v != draft {
		t.Fatalf("draft after a refused macro: %q", v)
	}

	// The guard's advice, "send a verification request": the draft stays.
	do(t, ctx, "send request", chromedp.Click(chromedp.CSS(`.verify-targets li:first-child button`)), chromedp.WaitVisible(chromedp.CSS(`#match-number`)))
	if v := value(t, ctx, "#reply-body"); v != draft {
		t.Fatalf("draft after sending a verification request: %q", v)
	}
	if ok, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__noReload === true`)); !ok {
		t.Fatal("the action reloaded the page")
	}
	number := strings.TrimLeft(strings.TrimSpace(text(t, ctx, "#match-number")), "0")
	shot.take(ctx, "request-sent-draft-kept")
	mail := mp.WaitMessage(t, customerEmail, "is this you", 30*time.Second)
	vTab, cancelV := chromedp.NewContext(ctx)
	defer cancelV()
	do(t, vTab, "approve", chromedp.Navigate(mail.Link(t, "/v/")), chromedp.WaitVisible(chromedp.CSS(`button.yes`)),
		chromedp.Click(chromedp.CSS(`input[name=number][value="`+number+`"]`)),
		chromedp.Click(chromedp.CSS(`button.yes`)),
		chromedp.WaitVisible(chromedp.Search(`//h1[contains(., "verified")]`)))
	cancelV()
	poll(t, ctx, "the panel did not update live",
		`window.__noReload === true && document.querySelector('#conv-level').dataset.level === 'L1' && !document.querySelector('#match-number') &&
		 document.querySelector('#conv-claims .claim-row[data-verified=true]') !== null`)
	if v := value(t, ctx, "#reply-body"); v != draft {
		t.Fatalf("draft after the live update: %q", v)
	}

	// A colleague (the supervisor, in a browser of their own) opens the
	// conversation: each sees the other viewing; the agent's typing shows
	// on the colleague's page; an @mention in a note notifies them.
	sup := browser(t)
	do(t, sup, "colleague signs in", chromedp.Navigate(s.URL+"/login"), chromedp.WaitVisible(chromedp.CSS(`input[name=email]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=email]`), s.Supervisor.Email),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), s.Supervisor.Password),
		chromedp.Click(chromedp.CSS(`form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)))
	do(t, sup, "colleague opens the chat", chromedp.Navigate(convURL), chromedp.WaitVisible(chromedp.CSS(`#presence`)))
	poll(t, ctx, "the agent does not see the colleague viewing", `document.querySelector('#presence').textContent.includes('viewing')`)
	// The agent keeps typing (an input every 3.1 s, past the page's 3 s
	// throttle) until the colleague sees it: on a loaded machine one
	// 6-second indicator may come and go between two polls.
	do(t, ctx, "type", chromedp.SendKeys(chromedp.CSS(`#reply-body`), " "),
		chromedp.Evaluate[chromedp.Void](`window.__typer = setInterval(function () { document.querySelector('#reply-body').dispatchEvent(new Event('input')); }, 3100)`))
	poll(t, sup, "the colleague does not see the agent typing", `document.querySelector('#presence').textContent.includes('typing')`)
	shot.take(sup, "colleague-sees-typing")
	do(t, ctx, "stop typing", chromedp.Evaluate[chromedp.Void](`clearInterval(window.__typer)`))
	do(t, ctx, "undo the space", chromedp.SetValue(chromedp.CSS(`#reply-body`), draft))
	do(t, sup, "colleague to the inbox", chromedp.Navigate(s.URL+"/inbox"), chromedp.WaitVisible(chromedp.CSS(`#inbox-list`)))
	supFirst := strings.Fields(supName(t, sup))[0]
	// The note is posted by a second tab of the agent, so the draft in
	// the first stays as it is.
	noteTab, cancelNote := chromedp.NewContext(ctx)
	defer cancelNote()
	do(t, noteTab, "mention", chromedp.Navigate(convURL), chromedp.WaitVisible(chromedp.CSS(`#reply-body`)),
		chromedp.Click(chromedp.CSS(`input[name=internal][value="1"]`)),
		chromedp.SendKeys(chromedp.CSS(`#reply-body`), "@"+supFirst+" can you double-check the address?"),
		chromedp.Click(chromedp.CSS(`#send`)), chromedp.WaitVisible(chromedp.CSS(`#notice`)))
	cancelNote()
	poll(t, sup, "the colleague was not notified of the mention",
		`window.__proofdeskNotes.some(n => n.kind === 'mention') && document.title.startsWith('(1)') && !!document.querySelector('#notice-live a[href="/conversations/`+conv.ID+`"]')`)
	shot.take(sup, "colleague-mentioned")

	// At L1 the macro fills the address, after the draft; sending it
	// passes the guard (the holder at L1).
	do(t, ctx, "macro at L1", chromedp.SetValue(chromedp.CSS(`#macro-pick`), macroID(t, ctx, "Ship to")),
		scrollTop, chromedp.Click(chromedp.CSS(`#macro-apply`)))
	want := draft + "\n\nHi Jane, we ship to " + customerStreet
	poll(t, ctx, "the macro's text did not join the draft", `document.querySelector('#reply-body').value.startsWith(`+strconv.Quote(want)+`)`)
	if v := value(t, ctx, "#reply-body"); !strings.HasPrefix(v, want) {
		t.Fatalf("draft after the macro: %q, want %q…", v, want)
	}
	do(t, ctx, "send the filled reply", chromedp.Click(chromedp.CSS(`#send`)),
		chromedp.WaitVisible(chromedp.Search(`//*[@id="notice"][contains(., "Reply sent")]`)))
	// (The live refresh may swap the timeline meanwhile: ask the page.)
	poll(t, ctx, "the filled reply was not sent", `document.querySelector('#conv-timeline').textContent.includes(`+strconv.Quote("we ship to "+customerStreet)+`)`)
	shot.take(ctx, "macro-sent")

	// The customer writes again by email; the agent merges that second
	// conversation into the first, and its message follows there.
	var second struct{ ID string }
	s.API(t, "POST", "/api/v1/conversations", s.Agent.Token, map[string]any{
		"channel": "email", "customer_id": cust.ID, "subject": "Parcel again",
		"requester": map[string]string{"email": customerEmail}, "message": "Any news about my parcel? Tracking says nothing.",
	}, http.StatusCreated, &second)
	do(t, ctx, "open the second", chromedp.Navigate(s.URL+"/conversations/"+second.ID), chromedp.WaitVisible(chromedp.CSS(`#conv-verify`)))
	do(t, ctx, "take it", chromedp.Click(chromedp.CSS(`#assign-btn`)),
		chromedp.WaitVisible(chromedp.Search(`//*[@id="notice"][contains(., "Conversation assigned")]`))) // the side panel swapped
	do(t, ctx, "merge", chromedp.SendKeys(chromedp.CSS(`#merge-into`), conv.ID), chromedp.Click(chromedp.CSS(`#merge-btn`)),
		chromedp.WaitVisible(chromedp.Search(`//*[@id="notice"][contains(., "Conversations merged")] | //*[@id="error"][contains(., "Not merged")]`)))
	if msg, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector('#error') || {textContent: ""}).textContent`)); msg != "" {
		t.Fatalf("merge refused: %s", msg)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(loc, "/conversations/"+conv.ID) {
		t.Fatalf("after the merge the console is at %s", loc)
	}
	poll(t, ctx, "the merged timeline lacks the second conversation's message",
		`document.querySelector('#conv-timeline').textContent.includes('Tracking says nothing') && document.querySelector('#conv-timeline').textContent.includes('merged into this one')`)
	if lvl := attr(t, ctx, `#conv-level`, "data-level"); lvl != "L0" {
		t.Fatalf("merging an L0 conversation into an L1 one left it at %s: a merge never raises a level", lvl)
	}
	shot.take(ctx, "merged")

	// 390 px: the inbox and the conversation fit a phone.
	tour := os.Getenv("PROOFDESK_TOUR")
	for _, p := range []struct{ name, url, ready string }{
		{"inbox-390", s.URL + "/inbox?view=all", "#inbox-list"},
		{"conversation-390", convURL, "#conv-verify"},
	} {
		do(t, ctx, p.name, chromedp.EmulateViewport(390, 844), chromedp.Navigate(p.url), chromedp.WaitVisible(chromedp.CSS(p.ready)))
		width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
		if err != nil || width > 390 {
			t.Fatalf("%s is %d px wide at 390 px (%v)", p.name, width, err)
		}
		shot.take(ctx, p.name)
		if tour != "" {
			// What the phone's screen shows as the page opens (a full-page
			// shot would draw the sticky bar and reply box mid-page).
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(tour, p.name+".png"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The reply box does not hide the newest message at 390 px.
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){var m=document.querySelector('[data-latest]'), c=document.querySelector('#composer');
		m.scrollIntoView({block:'end'}); window.scrollBy(0, c.getBoundingClientRect().height);
		var mr=m.getBoundingClientRect(), cr=c.getBoundingClientRect(); return mr.bottom <= cr.top + 1 || mr.top >= cr.bottom;})()`))
	if err != nil || !ok {
		t.Fatalf("the reply box covers the newest message (%v)", err)
	}
}

// scrollTop scrolls the page to its top, as an agent would to reach the
// composer's top row (the sticky top bar covers what is under it).
var scrollTop = chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)

// macroID is the value of the composer's macro option titled title.
func macroID(t *testing.T, ctx context.Context, title string) string {
	t.Helper()
	id, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(Array.from(document.querySelectorAll('#macro-pick option')).find(o => o.textContent.startsWith(`+jsString(title)+`)) || {value: ""}).value`))
	if err != nil || id == "" {
		t.Fatalf("no macro %q in the composer (%v)", title, err)
	}
	return id
}

func value(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("value of %s: %v", sel, err)
	}
	return v
}

// supName is the signed-in agent's name, from the top bar.
func supName(t *testing.T, ctx context.Context) string {
	t.Helper()
	who := text(t, ctx, ".who")
	_, rest, ok := strings.Cut(who, "Signed in as ")
	if !ok {
		t.Fatalf("top bar says %q", who)
	}
	name, _, _ := strings.Cut(rest, " (")
	return strings.TrimSpace(name)
}
