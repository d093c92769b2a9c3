// Proofdesk console: live regions over server-sent events, keyboard
// navigation, canned replies. No framework, no inline script (CSP).
(function () {
  "use strict";

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  // Live regions: the page names an event stream and the ids of the
  // regions to refresh. On an event the page is fetched again and those
  // regions are swapped; the composer and anything typed stay as they are.
  var live = $("[data-live-stream]");
  if (live && window.EventSource) {
    var regions = live.getAttribute("data-live-regions").split(" ");
    var busy = false, again = false;
    var refresh = function () {
      if (busy) { again = true; return; }
      busy = true;
      document.body.classList.add("is-syncing");
      // The page's own address: after a form post (a blocked reply) the
      // location is the post's, which has no page to GET.
      fetch(live.getAttribute("data-live-page") || location.pathname + location.search, { headers: { "X-Proofdesk-Live": "1" }, credentials: "same-origin", cache: "no-store" })
        .then(function (res) {
          if (res.status === 401 || res.redirected) { location.href = "/login?expired=1"; return null; }
          if (!res.ok) { throw new Error("HTTP " + res.status); }
          return res.text();
        })
        .then(function (html) {
          if (html === null) { return; }
          var doc = new DOMParser().parseFromString(html, "text/html");
          regions.forEach(function (id) {
            var cur = document.getElementById(id), next = doc.getElementById(id);
            if (cur && next) { cur.replaceWith(document.importNode(next, true)); }
          });
          document.body.classList.remove("is-offline");
          document.dispatchEvent(new CustomEvent("proofdesk:refreshed"));
        })
        .catch(function () { document.body.classList.add("is-offline"); })
        .finally(function () {
          busy = false;
          document.body.classList.remove("is-syncing");
          if (again) { again = false; refresh(); }
        });
    };
    var es = new EventSource(live.getAttribute("data-live-stream"));
    es.addEventListener("refresh", refresh);
    es.addEventListener("presence", function (e) { presence(JSON.parse(e.data)); });
    es.addEventListener("notify", function (e) { notify(JSON.parse(e.data)); });
    es.addEventListener("expired", function () { es.close(); location.href = "/login?expired=1"; });
    es.addEventListener("open", function () { document.body.classList.remove("is-offline"); });
    es.addEventListener("error", function () {
      document.body.classList.add("is-offline");
      // A 401 ends the stream for good: find out whether the session expired.
      if (es.readyState === EventSource.CLOSED) {
        fetch("/events", { method: "HEAD", headers: { "X-Proofdesk-Live": "1" } }).then(function (res) {
          if (res.status === 401) { location.href = "/login?expired=1"; }
        });
      }
    });
  }

  // Who else is here: colleagues viewing the conversation, and who is
  // typing (a colleague, or the requester in the widget).
  var presenceEl = $("#presence"), viewers = {}, typers = {};
  function drawPresence() {
    if (!presenceEl) { return; }
    var now = Date.now(), parts = [], v = [], t = [];
    Object.keys(viewers).forEach(function (k) { if (viewers[k].until > now) { v.push(viewers[k].who); } else { delete viewers[k]; } });
    Object.keys(typers).forEach(function (k) { if (typers[k].until > now) { t.push(typers[k].who + (typers[k].note ? " (internal note)" : "")); } else { delete typers[k]; } });
    if (v.length) { parts.push(v.join(", ") + (v.length > 1 ? " are" : " is") + " viewing"); }
    if (t.length) { parts.push(t.join(", ") + (t.length > 1 ? " are" : " is") + " typing…"); }
    presenceEl.textContent = parts.join(" · ");
  }
  function presence(p) {
    if (p.kind === "viewing") { viewers[p.key] = { who: p.who, until: Date.now() + 50000 }; }
    if (p.kind === "left") { delete viewers[p.key]; delete typers[p.key]; }
    if (p.kind === "typing") {
      typers[p.key] = { who: p.who, note: p.note, until: Date.now() + 6000 };
      if (p.author === "agent") { viewers[p.key] = viewers[p.key] || { who: p.who, until: Date.now() + 50000 }; }
    }
    drawPresence();
  }
  setInterval(drawPresence, 2000);
  // The agent's own typing, at most every 3 s, reply or note.
  var replyBox = $("#reply-body"), lastTyping = 0;
  if (replyBox && presenceEl && window.fetch) {
    replyBox.addEventListener("input", function () {
      if (Date.now() - lastTyping < 3000) { return; }
      lastTyping = Date.now();
      var fd = new FormData();
      fd.append("csrf_token", replyBox.form.elements.csrf_token.value);
      var note = replyBox.form.querySelector("input[name=internal]:checked");
      fd.append("internal", note ? note.value : "0");
      fetch(presenceEl.getAttribute("data-typing-url"), { method: "POST", body: fd, credentials: "same-origin" }).catch(function () {});
    });
  }

  // Notifications: a mention, an assignment, a customer's reply in a
  // conversation the agent holds, a new chat. The tab's title counts the
  // unseen ones; a sound and a desktop notification follow the agent's
  // choices (asked for once, kept in this browser per agent).
  var baseTitle = document.title, unseen = 0;
  var settingsBtn = $("#notify-settings");
  var prefKey = "proofdesk.notify." + (settingsBtn ? settingsBtn.getAttribute("data-agent") : "");
  function prefs() {
    try { return JSON.parse(localStorage.getItem(prefKey)) || { sound: true, desktop: false }; } catch (e) { return { sound: true, desktop: false }; }
  }
  function beep() {
    try {
      var ac = new (window.AudioContext || window.webkitAudioContext)(), o = ac.createOscillator(), g = ac.createGain();
      o.frequency.value = 880; g.gain.value = 0.05; o.connect(g); g.connect(ac.destination); o.start(); o.stop(ac.currentTime + 0.15);
    } catch (e) { /* no audio */ }
  }
  window.__proofdeskNotes = [];
  function notify(n) {
    window.__proofdeskNotes.push(n);
    if (document.hidden || !location.pathname.endsWith(n.conversation_id)) {
      unseen++;
      document.title = "(" + unseen + ") " + baseTitle;
    }
    var p = prefs();
    if (p.sound) { beep(); }
    if (p.desktop && window.Notification && Notification.permission === "granted") {
      var dn = new Notification("Proofdesk", { body: n.text, tag: n.kind + n.conversation_id });
      dn.onclick = function () { window.focus(); location.href = n.url; };
    }
    var live = $("#notice-live");
    if (!live) {
      live = document.createElement("p");
      // In the page's flow, at its top: it never covers a control.
      live.id = "notice-live"; live.className = "flash flash-note notice-live"; live.setAttribute("role", "status");
      var main = document.getElementById("main");
      (main || document.body).insertBefore(live, (main || document.body).firstChild);
    }
    live.innerHTML = "";
    var a = document.createElement("a");
    a.href = n.url; a.textContent = n.text;
    live.appendChild(a);
  }
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { unseen = 0; document.title = baseTitle; }
  });
  if (settingsBtn) {
    settingsBtn.hidden = false;
    var label = function () { var p = prefs(); settingsBtn.textContent = "Notifications: " + (p.desktop ? "desktop" : "in tab") + (p.sound ? " + sound" : ""); };
    label();
    settingsBtn.addEventListener("click", function () {
      var p = prefs();
      // Cycle: in tab + sound → desktop + sound (asks consent) → desktop → in tab.
      if (!p.desktop && p.sound) {
        p.desktop = true;
        if (window.Notification && Notification.permission === "default") { Notification.requestPermission(); }
      } else if (p.desktop && p.sound) { p.sound = false; } else { p = { sound: true, desktop: false }; }
      localStorage.setItem(prefKey, JSON.stringify(p));
      label();
    });
  }

  // Canned replies insert their text into the composer.
  $all("[data-canned-target]").forEach(function (sel) {
    sel.addEventListener("change", function () {
      var ta = document.getElementById(sel.getAttribute("data-canned-target"));
      if (!ta || !sel.value) { return; }
      ta.value = ta.value ? ta.value.replace(/\s*$/, "") + "\n\n" + sel.value : sel.value;
      sel.value = "";
      ta.focus();
    });
  });

  // A conversation opens scrolled to its newest message, just above the
  // reply box (unless the address names a place on the page).
  var mainCol = $(".conv-main-col");
  if (mainCol && $("[data-latest]") && !location.hash) {
    window.scrollTo(0, Math.max(0, mainCol.offsetTop + mainCol.offsetHeight - window.innerHeight + 16));
  }

  // Actions on the conversation page are buttons of the composer form, so
  // without JavaScript they post the draft and the server gives it back.
  // With it, the action posts in the background and only the regions it
  // changes are swapped: the draft, its files and the caret stay.
  var composer = $("#composer");
  if (composer && window.fetch && window.FormData) {
    var swap = ["conv-head", "conv-risk", "conv-notices", "conv-timeline", "conv-side"];
    composer.addEventListener("submit", function (e) {
      var btn = e.submitter;
      if (!btn || !btn.hasAttribute("data-action")) { return; }
      e.preventDefault();
      var fd = new FormData(composer, btn);
      fd.delete("files");
      btn.setAttribute("aria-busy", "true");
      fetch(btn.formAction, { method: "POST", body: fd, credentials: "same-origin", headers: { "X-Proofdesk-Action": "1" } })
        .then(function (res) {
          var here = location.pathname;
          if (res.redirected && new URL(res.url).pathname !== here) { location.href = res.url; return null; }
          return res.text();
        })
        .then(function (html) {
          if (html === null) { return; }
          var doc = new DOMParser().parseFromString(html, "text/html");
          if (!doc.getElementById("conv-head")) {
            var note = document.getElementById("conv-notices");
            var err = doc.querySelector(".flash-error, main p");
            if (note) { note.innerHTML = ""; var p = document.createElement("p"); p.className = "flash flash-error"; p.textContent = err ? err.textContent : "The action failed."; note.appendChild(p); }
            return;
          }
          swap.forEach(function (id) {
            var cur = document.getElementById(id), next = doc.getElementById(id);
            if (cur && next) { cur.replaceWith(document.importNode(next, true)); }
          });
          var pageURL = live && live.getAttribute("data-live-page");
          if (pageURL && location.pathname !== pageURL && window.history) { history.replaceState(null, "", pageURL); }
          if (btn.hasAttribute("data-fills-draft") && doc.getElementById("reply-body") && !doc.querySelector("#conv-notices .flash-error")) {
            var ta = document.getElementById("reply-body");
            ta.value = doc.getElementById("reply-body").value;
            ta.focus();
          }
          var kept = document.getElementById("draft-kept");
          if (kept) { kept.remove(); }
          document.dispatchEvent(new CustomEvent("proofdesk:refreshed"));
        })
        .catch(function () { document.body.classList.add("is-offline"); })
        .finally(function () { btn.removeAttribute("aria-busy"); });
    });
  }

  // Ctrl/Cmd+Enter sends from the composer.
  var body = $("#reply-body");
  if (body) {
    body.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); body.form.requestSubmit(); }
    });
  }

  // Disable submit buttons while a form posts, so a double click does not
  // send twice.
  $all("form[method=post]").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (e.defaultPrevented) { return; }
      $all("button[type=submit]", f).forEach(function (b) { b.setAttribute("aria-busy", "true"); });
    });
  });

  // Keyboard: j/k move through the conversation list, Enter opens,
  // "/" and "r" focus the fields that declare them.
  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(document.activeElement)) { return; }
    var hot = $('[data-hotkey="' + e.key + '"]');
    if (hot) { e.preventDefault(); hot.focus(); return; }
    if (e.key !== "j" && e.key !== "k") { return; }
    var links = $all("[data-keynav] a");
    if (!links.length) { return; }
    var i = links.indexOf(document.activeElement);
    i = e.key === "j" ? Math.min(i + 1, links.length - 1) : Math.max(i - 1, 0);
    links[i].focus();
    e.preventDefault();
  });
})();
