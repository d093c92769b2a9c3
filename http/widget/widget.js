/* Proofdesk chat widget. Embed with:
 *   <script src="https://desk.example.com/widget.js" data-proofdesk="https://desk.example.com" async></script>
 * Optional: data-identity-token="<signed JWT minted by your backend>" (verify/MINTING.md),
 * or call window.Proofdesk.identify(token) before the visitor starts a chat.
 * No framework, no cookies: the visitor token lives in localStorage. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.Proofdesk) return;
  var base = (script.getAttribute("data-proofdesk") || new URL(script.src).origin).replace(/\/+$/, "");
  var idToken = script.getAttribute("data-identity-token") || "";
  var KEY = "proofdesk:" + base + ":";
  var store = {
    get: function (k) { try { return localStorage.getItem(KEY + k) || ""; } catch (e) { return ""; } },
    set: function (k, v) { try { if (v) localStorage.setItem(KEY + k, v); else localStorage.removeItem(KEY + k); } catch (e) {} }
  };
  var CODE_RE = /^[\s\-\u00a0\u2010\u2011\u2013]*(\d[\s\-\u00a0\u2010\u2011\u2013]*){6}$/;

  // ---- DOM, in a closed shadow root so the host page's CSS stays out.
  var host = document.createElement("div");
  var root = host.attachShadow ? host.attachShadow({ mode: "closed" }) : host;
  root.innerHTML =
    "<style>" +
    ":host{all:initial}*{box-sizing:border-box;font:14px/1.4 system-ui,sans-serif}" +
    ".l{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:#2557d6;color:#fff;font-size:24px;cursor:pointer;z-index:2147483646;box-shadow:0 2px 10px #0004}" +
    ".p{position:fixed;right:20px;bottom:88px;width:340px;max-width:calc(100vw - 40px);height:480px;max-height:calc(100vh - 120px);background:#fff;color:#222;border-radius:12px;box-shadow:0 4px 24px #0004;display:none;flex-direction:column;overflow:hidden;z-index:2147483647}" +
    ".p.o{display:flex}.h{background:#2557d6;color:#fff;padding:10px 14px;display:flex;justify-content:space-between;align-items:center}" +
    ".lv{font-size:12px;background:#fff3;border-radius:8px;padding:2px 8px}.m{flex:1;overflow-y:auto;padding:10px}" +
    ".b{margin:4px 0;padding:6px 10px;border-radius:10px;max-width:80%;white-space:pre-wrap;word-wrap:break-word}" +
    ".customer{background:#2557d6;color:#fff;margin-left:auto}.agent,.system{background:#eef}.pending{opacity:.6}" +
    ".n{font-size:12px;color:#666;text-align:center;margin:6px 0}.t{font-size:12px;color:#666;height:18px;padding:0 12px}" +
    ".c{background:#fff8e1;border-top:1px solid #eedc9a;padding:8px 10px;display:none}.c.o{display:block}" +
    ".c input{letter-spacing:4px;width:120px}.f{display:flex;border-top:1px solid #ddd;padding:6px;gap:6px;flex-wrap:wrap}" +
    "input,textarea{border:1px solid #ccc;border-radius:6px;padding:6px;flex:1;min-width:0}textarea{resize:none;height:38px}" +
    "button.s{border:0;background:#2557d6;color:#fff;border-radius:6px;padding:6px 12px;cursor:pointer}.id{display:flex;gap:6px;width:100%}" +
    ".a{display:flex;align-items:center;cursor:pointer;color:#2557d6;padding:0 4px}.b img{display:block;max-width:100%;max-height:200px;border-radius:6px;margin-top:4px}.b a{color:inherit;display:block}" +
    "</style>" +
    "<button class=l aria-label='Chat with support'><svg width=26 height=26 viewBox='0 0 24 24' aria-hidden=true><path fill=currentColor d='M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z'/></svg></button>" +
    "<div class=p role=dialog aria-label='Support chat'>" +
    "<div class=h><b>Support</b><span class=lv title='Identity verification level'>L0</span></div>" +
    "<div class=m aria-live=polite></div><div class=t></div>" +
    "<form class=c><div>The agent sent you a verification code. Type it here (never in the chat):</div>" +
    "<input name=code inputmode=numeric autocomplete=one-time-code maxlength=12 aria-label='Verification code'> <button class=s>Verify</button><div class=r></div></form>" +
    "<form class=f><div class=id><input name=name placeholder='Your name' maxlength=200><input name=email type=email placeholder='Email (optional)' maxlength=320></div>" +
    "<label class=a title='Send an image or PDF'><input type=file name=file accept='image/png,image/jpeg,image/gif,image/webp,application/pdf' hidden aria-label='Send an image or PDF'><svg width=20 height=20 viewBox='0 0 24 24' aria-hidden=true><path fill=none stroke=currentColor stroke-width=2 d='M21 11l-8.5 8.5a5 5 0 0 1-7-7L14 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 7'/></svg></label>" +
    "<textarea name=body placeholder='Type a message…' aria-label=Message></textarea><button class=s>Send</button></form></div>";
  var $ = function (s) { return root.querySelector(s); };
  var panel = $(".p"), list = $(".m"), typingEl = $(".t"), levelEl = $(".lv");
  var codeForm = $(".c"), codeResult = $(".r"), form = $(".f"), idRow = $(".id");

  var convID = store.get("conversation");
  var ws = null, ready = false, backoff = 1000, typingTimer = 0, lastTypingSent = 0;
  var shown = {};      // message id -> element
  var pending = {};    // client_id -> {body, el}, until acknowledged
  var maxBytes = 4000;
  if (convID) idRow.style.display = "none";

  function note(text) {
    var d = document.createElement("div");
    d.className = "n";
    d.textContent = text;
    list.appendChild(d);
    list.scrollTop = list.scrollHeight;
  }
  function bubble(author, body, cls) {
    var d = document.createElement("div");
    d.className = "b " + author + (cls ? " " + cls : "");
    d.textContent = body; // text only: never HTML
    list.appendChild(d);
    list.scrollTop = list.scrollHeight;
    return d;
  }
  function newClientID() {
    var a = new Uint8Array(12);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function api(method, path, body) {
    var h = { "Content-Type": "application/json" };
    var t = store.get("token");
    if (t) h.Authorization = "Visitor " + t;
    return fetch(base + path, { method: method, headers: h, body: body ? JSON.stringify(body) : undefined, mode: "cors", credentials: "omit" })
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw j; return j; }); });
  }
  function ensureVisitor() {
    if (store.get("token")) return Promise.resolve();
    return api("POST", "/widget/v1/visitors").then(function (j) { store.set("token", j.visitor_token); });
  }

  // ---- Messages.
  function showMessage(m) {
    if (shown[m.id]) return;
    var p = m.client_id && pending[m.client_id];
    if (p) { p.el.classList.remove("pending"); shown[m.id] = p.el; delete pending[m.client_id]; }
    else shown[m.id] = bubble(m.author, m.body);
    (m.attachments || []).forEach(function (a) { fileEl(shown[m.id], a); });
    store.set("after", m.id);
    if (m.author === "agent") typingEl.textContent = "";
  }
  function sendMessage(body) {
    if (CODE_RE.test(body)) { sendCode(body); return; } // codes never go into the chat
    if (new Blob([body]).size > maxBytes) { note("That message is too long."); return; }
    var cid = newClientID();
    pending[cid] = { body: body, el: bubble("customer", body, "pending") };
    if (!convID) { startConversation(cid, body); return; }
    if (ready) ws.send(JSON.stringify({ type: "message", client_id: cid, body: body }));
  }
  function startConversation(cid, body) {
    ensureVisitor().then(function () {
      return api("POST", "/widget/v1/conversations", {
        message: body, client_id: cid, name: form.elements.name.value, email: form.elements.email.value, identity_token: idToken || undefined
      });
    }).then(function (j) {
      idToken = "";
      convID = j.conversation_id;
      store.set("conversation", convID);
      idRow.style.display = "none";
      levelEl.textContent = j.level;
      showMessage(j.message);
      connect();
    }).catch(function (e) {
      if (e && e.error === "unauthorized") store.set("token", "");
      note((e && e.message) || "Could not reach support. Try again.");
      pending[cid] && pending[cid].el.remove();
      delete pending[cid];
    });
  }
  // ---- Files: fetched with the visitor token, shown from a blob URL.
  function fetchFile(a) {
    return fetch(base + a.url, { headers: { Authorization: "Visitor " + store.get("token") }, mode: "cors", credentials: "omit" })
      .then(function (r) { if (!r.ok) throw r; return r.blob(); });
  }
  function fileEl(parent, a) {
    var link = document.createElement("a");
    link.href = "#";
    link.textContent = a.filename;
    link.onclick = function (e) {
      e.preventDefault();
      fetchFile(a).then(function (b) {
        var u = URL.createObjectURL(b), d = document.createElement("a");
        d.href = u; d.download = a.filename; d.click();
        setTimeout(function () { URL.revokeObjectURL(u); }, 1000);
      });
    };
    parent.appendChild(link);
    if (/^image\/(png|jpeg|gif|webp)$/.test(a.content_type)) {
      fetchFile(a).then(function (b) {
        var img = document.createElement("img");
        img.alt = a.filename;
        img.src = URL.createObjectURL(b);
        parent.appendChild(img);
        list.scrollTop = list.scrollHeight;
      }).catch(function () {});
    }
  }
  function sendFile(file) {
    if (!convID) { note("Send a message first, then the file."); return; }
    if (file.size > 5 << 20) { note("That file is too large: at most 5 MiB."); return; }
    var fd = new FormData();
    fd.append("file", file);
    fd.append("client_id", newClientID());
    fetch(base + "/widget/v1/conversations/" + convID + "/attachments", {
      method: "POST", body: fd, headers: { Authorization: "Visitor " + store.get("token") }, mode: "cors", credentials: "omit"
    }).then(function (r) { return r.json().then(function (j) { if (!r.ok) throw j; return j; }); })
      .then(function (j) { showMessage(j.message); })
      .catch(function (e) { note((e && e.message) || "Could not send the file."); });
  }
  function sendCode(code) {
    codeResult.textContent = "";
    if (!ready) { codeResult.textContent = "Connecting… try again in a moment."; return; }
    ws.send(JSON.stringify({ type: "code", code: code }));
  }

  // ---- WebSocket with resume.
  function connect() {
    if (!convID || ws) return;
    ws = new WebSocket(base.replace(/^http/, "ws") + "/widget/v1/ws?conversation=" + encodeURIComponent(convID), ["proofdesk.v1"]);
    ws.onopen = function () { ws.send(JSON.stringify({ type: "auth", token: store.get("token") })); };
    ws.onmessage = function (e) {
      var f;
      try { f = JSON.parse(e.data); } catch (x) { return; }
      switch (f.type) {
        case "ready":
          ready = true; backoff = 1000; maxBytes = f.max_bytes || maxBytes;
          levelEl.textContent = f.level;
          if (f.challenge === "pending") codeForm.classList.add("o");
          ws.send(JSON.stringify({ type: "resume", after: store.get("after") }));
          // Resend what was never acknowledged: client ids make it idempotent.
          Object.keys(pending).forEach(function (cid) { ws.send(JSON.stringify({ type: "message", client_id: cid, body: pending[cid].body })); });
          break;
        case "message": showMessage(f); break;
        case "ack":
          var p = pending[f.client_id];
          if (p) { p.el.classList.remove("pending"); shown[f.id] = p.el; delete pending[f.client_id]; }
          break;
        case "typing":
          typingEl.textContent = "Agent is typing…";
          clearTimeout(typingTimer);
          typingTimer = setTimeout(function () { typingEl.textContent = ""; }, 5000);
          break;
        case "level": levelEl.textContent = f.level; break;
        case "challenge":
          codeForm.classList.toggle("o", f.status === "pending");
          if (f.status === "completed") note("Identity verified.");
          break;
        case "code_result":
          codeResult.textContent = f.ok ? "Verified. Thank you." : f.status === "locked" ?
            "Too many wrong codes: ask the agent for a new request." : "That code did not match. " + f.attempts_left + " attempts left.";
          if (f.ok || f.status === "locked") codeForm.classList.remove("o");
          break;
        case "csat": // the conversation was resolved: link to the rating page (works without JavaScript)
          if (/^https?:\/\//.test(f.url || "")) {
            var r = document.createElement("a");
            r.href = f.url; r.target = "_blank"; r.rel = "noopener noreferrer"; r.className = "csat";
            r.textContent = "How did we do? Rate this conversation";
            list.appendChild(r); list.scrollTop = list.scrollHeight;
          }
          break;
        case "error":
          if (f.client_id && pending[f.client_id]) { pending[f.client_id].el.remove(); delete pending[f.client_id]; }
          if (f.error === "unauthorized" || f.error === "not_found") { store.set("conversation", ""); store.set("after", ""); convID = ""; idRow.style.display = ""; }
          note(f.message || "Something went wrong.");
          break;
      }
    };
    ws.onclose = function () {
      ws = null; ready = false;
      if (!convID) return;
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 30000);
    };
  }

  // ---- Events.
  $(".l").onclick = function () {
    panel.classList.toggle("o");
    if (panel.classList.contains("o")) { connect(); form.elements.body.focus(); }
  };
  form.onsubmit = function (e) {
    e.preventDefault();
    var body = form.elements.body.value.trim();
    if (!body) return;
    form.elements.body.value = "";
    sendMessage(body);
  };
  form.elements.body.onkeydown = function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.onsubmit(e); return; }
    var now = Date.now();
    if (ready && now - lastTypingSent > 2000) { lastTypingSent = now; ws.send('{"type":"typing"}'); }
  };
  form.elements.file.onchange = function () {
    var f = form.elements.file.files[0];
    form.elements.file.value = "";
    if (f) sendFile(f);
  };
  codeForm.onsubmit = function (e) {
    e.preventDefault();
    var code = codeForm.elements.code.value;
    codeForm.elements.code.value = ""; // never kept or shown back
    if (code) sendCode(code);
  };

  window.Proofdesk = {
    open: function () { panel.classList.add("o"); connect(); },
    identify: function (token) { idToken = token || ""; }
  };
  document.body.appendChild(host);
  if (convID) connect();
})();
