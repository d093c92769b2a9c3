/* Proofdesk chat widget. Embed with:
 *   <script src="https://desk.example.com/widget.js" data-proofdesk="https://desk.example.com" async></script>
 * Optional: data-identity-token="<signed JWT minted by your backend>" (verify/MINTING.md),
 * or call window.Proofdesk.identify(token) before the visitor starts a chat;
 * data-greeting="..." replaces the greeting, data-title="..." the header.
 * No framework, no cookies: the visitor token, the conversation and the
 * last message seen live in localStorage under the desk's origin, so the
 * chat follows the visitor across reloads and across the site's pages.
 * Hooks: window.Proofdesk.onResolved(fn) is called when the agent resolves
 * the conversation (the panel shows a notice; a satisfaction question can
 * be added there), and "proofdesk:resolved" is dispatched on document. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.Proofdesk) return;
  var base = (script.getAttribute("data-proofdesk") || new URL(script.src).origin).replace(/\/+$/, "");
  var idToken = script.getAttribute("data-identity-token") || "";
  var KEY = "proofdesk:" + base + ":";
  var PAGE = 50; // messages per history page
  var store = {
    get: function (k) { try { return localStorage.getItem(KEY + k) || ""; } catch (e) { return ""; } },
    set: function (k, v) { try { if (v) localStorage.setItem(KEY + k, v); else localStorage.removeItem(KEY + k); } catch (e) {} }
  };
  var CODE_RE = /^[\s\-\u00a0\u2010\u2011\u2013]*(\d[\s\-\u00a0\u2010\u2011\u2013]*){6}$/;

  // ---- Texts, in the visitor's language (the browser's), English otherwise.
  var TEXTS = {
    en: { open: "Chat with support", close: "Close the chat", title: "Support", greeting: "Hi! How can we help? Write your question below and someone from our team will answer here.",
      verified: "Verified", verifiedTitle: "We have confirmed it is you", name: "Your name", email: "Email (optional)", message: "Message", typeMessage: "Type a message…",
      send: "Send", attach: "Send an image or PDF", earlier: "Show earlier messages", you: "You", support: "Support", typing: "{name} is typing…",
      offline: "Connection lost. Reconnecting…", online: "Connected again.", resolved: "This conversation is marked as resolved. Write again if you need anything else.",
      codeSentPhone: "We sent a 6-digit code by text to the phone number on file.", codeSentEmail: "We sent a 6-digit code by email to the address on file.", codeSentNoDest: "We sent you a 6-digit code.", codeWhere: "Type it in this box (not as a chat message):",
      code: "Verification code", verify: "Verify", verifiedNote: "Thank you: we have confirmed it is you.", codeWrong: "That code did not match. Attempts left: {n}.",
      codeLocked: "Too many wrong codes. Ask the agent to send a new one.", connecting: "Connecting… try again in a moment.", tooLong: "That message is too long.",
      unreachable: "Could not reach support. Try again.", fileFirst: "Send a message first, then the file.", fileLarge: "That file is too large: at most 5 MiB.",
      fileFailed: "Could not send the file.", wrong: "Something went wrong.", unread: "{n} unread" },
    de: { open: "Chat mit dem Support", close: "Chat schließen", title: "Support", greeting: "Hallo! Wie können wir helfen? Schreiben Sie Ihre Frage unten, unser Team antwortet hier.",
      verified: "Bestätigt", verifiedTitle: "Wir haben bestätigt, dass Sie es sind", name: "Ihr Name", email: "E-Mail (optional)", message: "Nachricht", typeMessage: "Nachricht schreiben…",
      send: "Senden", attach: "Bild oder PDF senden", earlier: "Frühere Nachrichten anzeigen", you: "Sie", support: "Support", typing: "{name} schreibt…",
      offline: "Verbindung unterbrochen. Neuer Versuch…", online: "Wieder verbunden.", resolved: "Dieses Gespräch ist als erledigt markiert. Schreiben Sie uns gern erneut.",
      codeSentPhone: "Wir haben einen 6-stelligen Code per SMS an die hinterlegte Telefonnummer gesendet.", codeSentEmail: "Wir haben einen 6-stelligen Code per E-Mail an die hinterlegte Adresse gesendet.", codeSentNoDest: "Wir haben Ihnen einen 6-stelligen Code gesendet.", codeWhere: "Geben Sie ihn in dieses Feld ein (nicht als Chatnachricht):",
      code: "Bestätigungscode", verify: "Bestätigen", verifiedNote: "Danke: Wir haben bestätigt, dass Sie es sind.", codeWrong: "Der Code stimmt nicht. Verbleibende Versuche: {n}.",
      codeLocked: "Zu viele falsche Codes. Bitten Sie um einen neuen.", connecting: "Verbindung wird hergestellt… bitte gleich erneut versuchen.", tooLong: "Die Nachricht ist zu lang.",
      unreachable: "Support nicht erreichbar. Bitte erneut versuchen.", fileFirst: "Senden Sie zuerst eine Nachricht, dann die Datei.", fileLarge: "Die Datei ist zu groß: höchstens 5 MiB.",
      fileFailed: "Die Datei konnte nicht gesendet werden.", wrong: "Etwas ist schiefgegangen.", unread: "{n} ungelesen" },
    fr: { open: "Discuter avec le support", close: "Fermer la discussion", title: "Support", greeting: "Bonjour ! Comment pouvons-nous vous aider ? Écrivez votre question ci-dessous, notre équipe répond ici.",
      verified: "Vérifié", verifiedTitle: "Nous avons confirmé que c'est bien vous", name: "Votre nom", email: "E-mail (facultatif)", message: "Message", typeMessage: "Écrivez un message…",
      send: "Envoyer", attach: "Envoyer une image ou un PDF", earlier: "Afficher les messages précédents", you: "Vous", support: "Support", typing: "{name} écrit…",
      offline: "Connexion perdue. Reconnexion…", online: "Connexion rétablie.", resolved: "Cette conversation est marquée comme résolue. Écrivez-nous si besoin.",
      codeSentPhone: "Nous avons envoyé un code à 6 chiffres par SMS au numéro enregistré.", codeSentEmail: "Nous avons envoyé un code à 6 chiffres par e-mail à l\u2019adresse enregistrée.", codeSentNoDest: "Nous vous avons envoyé un code à 6 chiffres.", codeWhere: "Saisissez-le dans ce champ (pas dans un message) :",
      code: "Code de vérification", verify: "Vérifier", verifiedNote: "Merci : nous avons confirmé que c'est bien vous.", codeWrong: "Ce code ne correspond pas. Essais restants : {n}.",
      codeLocked: "Trop de codes erronés. Demandez un nouveau code.", connecting: "Connexion… réessayez dans un instant.", tooLong: "Ce message est trop long.",
      unreachable: "Impossible de joindre le support. Réessayez.", fileFirst: "Envoyez d'abord un message, puis le fichier.", fileLarge: "Fichier trop volumineux : 5 Mio au plus.",
      fileFailed: "Le fichier n'a pas pu être envoyé.", wrong: "Une erreur s'est produite.", unread: "{n} non lu(s)" },
    es: { open: "Chatear con soporte", close: "Cerrar el chat", title: "Soporte", greeting: "¡Hola! ¿En qué podemos ayudarle? Escriba su pregunta abajo y nuestro equipo responderá aquí.",
      verified: "Verificado", verifiedTitle: "Hemos confirmado que es usted", name: "Su nombre", email: "Correo (opcional)", message: "Mensaje", typeMessage: "Escriba un mensaje…",
      send: "Enviar", attach: "Enviar una imagen o PDF", earlier: "Ver mensajes anteriores", you: "Usted", support: "Soporte", typing: "{name} está escribiendo…",
      offline: "Conexión perdida. Reconectando…", online: "Conectado de nuevo.", resolved: "Esta conversación está marcada como resuelta. Escríbanos si necesita algo más.",
      codeSentPhone: "Hemos enviado un código de 6 dígitos por SMS al teléfono registrado.", codeSentEmail: "Hemos enviado un código de 6 dígitos por correo a la dirección registrada.", codeSentNoDest: "Le hemos enviado un código de 6 dígitos.", codeWhere: "Escríbalo en este campo (no como mensaje):",
      code: "Código de verificación", verify: "Verificar", verifiedNote: "Gracias: hemos confirmado que es usted.", codeWrong: "El código no coincide. Intentos restantes: {n}.",
      codeLocked: "Demasiados códigos erróneos. Pida uno nuevo.", connecting: "Conectando… inténtelo de nuevo en un momento.", tooLong: "El mensaje es demasiado largo.",
      unreachable: "No se pudo contactar con soporte. Inténtelo de nuevo.", fileFirst: "Envíe primero un mensaje y luego el archivo.", fileLarge: "Archivo demasiado grande: 5 MiB como máximo.",
      fileFailed: "No se pudo enviar el archivo.", wrong: "Algo salió mal.", unread: "{n} sin leer" },
    it: { open: "Chatta con l'assistenza", close: "Chiudi la chat", title: "Assistenza", greeting: "Ciao! Come possiamo aiutarti? Scrivi la tua domanda qui sotto, il nostro team risponderà qui.",
      verified: "Verificato", verifiedTitle: "Abbiamo confermato che sei tu", name: "Il tuo nome", email: "Email (facoltativa)", message: "Messaggio", typeMessage: "Scrivi un messaggio…",
      send: "Invia", attach: "Invia un'immagine o un PDF", earlier: "Mostra i messaggi precedenti", you: "Tu", support: "Assistenza", typing: "{name} sta scrivendo…",
      offline: "Connessione persa. Riconnessione…", online: "Di nuovo connesso.", resolved: "Questa conversazione è segnata come risolta. Scrivici se ti serve altro.",
      codeSentPhone: "Abbiamo inviato un codice di 6 cifre via SMS al numero registrato.", codeSentEmail: "Abbiamo inviato un codice di 6 cifre via e-mail all\u2019indirizzo registrato.", codeSentNoDest: "Ti abbiamo inviato un codice di 6 cifre.", codeWhere: "Inseriscilo in questo campo (non come messaggio):",
      code: "Codice di verifica", verify: "Verifica", verifiedNote: "Grazie: abbiamo confermato che sei tu.", codeWrong: "Il codice non corrisponde. Tentativi rimasti: {n}.",
      codeLocked: "Troppi codici errati. Chiedi un nuovo codice.", connecting: "Connessione… riprova tra un momento.", tooLong: "Il messaggio è troppo lungo.",
      unreachable: "Impossibile raggiungere l'assistenza. Riprova.", fileFirst: "Invia prima un messaggio, poi il file.", fileLarge: "File troppo grande: al massimo 5 MiB.",
      fileFailed: "Impossibile inviare il file.", wrong: "Qualcosa è andato storto.", unread: "{n} non letti" },
    nl: { open: "Chat met support", close: "Chat sluiten", title: "Support", greeting: "Hallo! Waarmee kunnen we helpen? Typ hieronder je vraag, ons team antwoordt hier.",
      verified: "Geverifieerd", verifiedTitle: "We hebben bevestigd dat jij het bent", name: "Je naam", email: "E-mail (optioneel)", message: "Bericht", typeMessage: "Typ een bericht…",
      send: "Versturen", attach: "Afbeelding of pdf versturen", earlier: "Eerdere berichten tonen", you: "Jij", support: "Support", typing: "{name} typt…",
      offline: "Verbinding verbroken. Opnieuw verbinden…", online: "Weer verbonden.", resolved: "Dit gesprek is gemarkeerd als opgelost. Schrijf gerust opnieuw.",
      codeSentPhone: "We hebben een code van 6 cijfers per sms gestuurd naar het bekende telefoonnummer.", codeSentEmail: "We hebben een code van 6 cijfers per e-mail gestuurd naar het bekende adres.", codeSentNoDest: "We hebben je een code van 6 cijfers gestuurd.", codeWhere: "Typ hem in dit vak (niet als chatbericht):",
      code: "Verificatiecode", verify: "Verifiëren", verifiedNote: "Bedankt: we hebben bevestigd dat jij het bent.", codeWrong: "Die code klopt niet. Pogingen over: {n}.",
      codeLocked: "Te veel foute codes. Vraag om een nieuwe.", connecting: "Verbinden… probeer het zo opnieuw.", tooLong: "Dat bericht is te lang.",
      unreachable: "Support niet bereikbaar. Probeer het opnieuw.", fileFirst: "Stuur eerst een bericht, dan het bestand.", fileLarge: "Bestand te groot: hoogstens 5 MiB.",
      fileFailed: "Het bestand kon niet worden verstuurd.", wrong: "Er ging iets mis.", unread: "{n} ongelezen" },
    pt: { open: "Conversar com o suporte", close: "Fechar o chat", title: "Suporte", greeting: "Olá! Como podemos ajudar? Escreva a sua pergunta abaixo e a nossa equipa responde aqui.",
      verified: "Verificado", verifiedTitle: "Confirmámos que é você", name: "O seu nome", email: "E-mail (opcional)", message: "Mensagem", typeMessage: "Escreva uma mensagem…",
      send: "Enviar", attach: "Enviar uma imagem ou PDF", earlier: "Mostrar mensagens anteriores", you: "Você", support: "Suporte", typing: "{name} está a escrever…",
      offline: "Ligação perdida. A religar…", online: "Ligado de novo.", resolved: "Esta conversa está marcada como resolvida. Escreva-nos se precisar de mais alguma coisa.",
      codeSentPhone: "Enviámos um código de 6 dígitos por SMS para o telefone registado.", codeSentEmail: "Enviámos um código de 6 dígitos por e-mail para o endereço registado.", codeSentNoDest: "Enviámos-lhe um código de 6 dígitos.", codeWhere: "Escreva-o nesta caixa (não como mensagem):",
      code: "Código de verificação", verify: "Verificar", verifiedNote: "Obrigado: confirmámos que é você.", codeWrong: "O código não corresponde. Tentativas restantes: {n}.",
      codeLocked: "Demasiados códigos errados. Peça um novo.", connecting: "A ligar… tente de novo dentro de momentos.", tooLong: "A mensagem é demasiado longa.",
      unreachable: "Não foi possível contactar o suporte. Tente de novo.", fileFirst: "Envie primeiro uma mensagem e depois o ficheiro.", fileLarge: "Ficheiro demasiado grande: 5 MiB no máximo.",
      fileFailed: "Não foi possível enviar o ficheiro.", wrong: "Algo correu mal.", unread: "{n} por ler" }
  };
  var lang = "en";
  (navigator.languages || [navigator.language || "en"]).some(function (l) {
    var p = String(l).toLowerCase().split("-")[0];
    if (TEXTS[p]) { lang = p; return true; }
    return false;
  });
  function T(k, args) {
    var s = TEXTS[lang][k] || TEXTS.en[k];
    Object.keys(args || {}).forEach(function (a) { s = s.split("{" + a + "}").join(args[a]); });
    return s;
  }
  var greeting = script.getAttribute("data-greeting") || T("greeting");
  // data-color="#rrggbb": the site's colour for the launcher, header and
  // buttons; text on it is white or near-black, whichever contrasts more.
  var color = script.getAttribute("data-color") || "";
  if (!/^#[0-9a-fA-F]{6}$/.test(color)) color = "#1f4fc4";
  var onColor = (function () {
    var l = [1, 3, 5].map(function (i) {
      var c = parseInt(color.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var y = 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
    return 1.05 / (y + 0.05) >= (y + 0.05) / 0.0557 ? "#fff" : "#111";
  })();
  var title = script.getAttribute("data-title") || T("title");

  // ---- DOM, in a closed shadow root so the host page's CSS stays out.
  var host = document.createElement("div");
  var root = host.attachShadow ? host.attachShadow({ mode: "closed" }) : host;
  root.innerHTML =
    "<style>:host{--c:" + color + ";--on:" + onColor + "}" +
    ":host{all:initial}*{box-sizing:border-box;font:14px/1.4 system-ui,sans-serif}" +
    ".l{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;background:var(--c);color:var(--on);font-size:24px;cursor:pointer;z-index:2147483646;box-shadow:0 2px 10px #0004}" +
    ".l:focus-visible,button:focus-visible,a:focus-visible,textarea:focus-visible,input:focus-visible,.a:focus-within{outline:3px solid #f5a623;outline-offset:2px}" +
    ".u{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;border-radius:11px;background:#c62828;color:#fff;font-size:12px;font-weight:700;line-height:22px;padding:0 6px;display:none}.u.o{display:block}" +
    ".p{position:fixed;right:20px;bottom:88px;width:360px;max-width:calc(100vw - 40px);height:520px;max-height:calc(100vh - 120px);background:#fff;color:#222;border-radius:12px;box-shadow:0 4px 24px #0004;display:none;flex-direction:column;overflow:hidden;z-index:2147483647}" +
    "@media (max-width:480px){.p{right:0;bottom:0;width:100vw;max-width:100vw;height:100%;max-height:100%;border-radius:0}}" +
    ".p.o{display:flex}.h{background:var(--c);color:var(--on);padding:10px 14px;display:flex;gap:8px;align-items:center}" +
    ".h h2{font-size:15px;font-weight:600;margin:0;flex:1}.h .who{font-size:12px;opacity:.9;display:block;font-weight:400}" +
    ".x{border:0;background:transparent;color:var(--on);font-size:20px;line-height:1;cursor:pointer;padding:4px 8px;border-radius:6px}" +
    ".lv{font-size:12px;background:#fff;color:#17632f;border-radius:8px;padding:2px 8px;display:none;font-weight:600}.lv.o{display:inline-block}" +
    ".m{flex:1;overflow-y:auto;padding:10px}.more{display:none;margin:0 auto 8px;border:1px solid #99a;background:#fff;color:#1f4fc4;border-radius:12px;padding:3px 10px;cursor:pointer}.more.o{display:block}" +
    ".b{margin:6px 0;padding:6px 10px;border-radius:10px;max-width:82%;white-space:pre-wrap;word-wrap:break-word}" +
    ".b .meta{display:block;font-size:11px;opacity:.85;margin-bottom:2px}" +
    ".customer{background:var(--c);color:var(--on);margin-left:auto}.agent,.system{background:#eceef8;color:#1d2330}.pending{opacity:.6}" +
    ".n{font-size:12px;color:#545b66;text-align:center;margin:6px 0}.g{background:#f3f5fb;border-radius:10px;padding:8px 10px;color:#1d2330;margin:4px 0 8px}" +
    ".t{font-size:12px;color:#545b66;min-height:18px;padding:0 12px}.st{font-size:12px;padding:4px 12px;background:#fdecea;color:#8a1c12;display:none}.st.o{display:block}.st.ok{background:#e7f5ea;color:#17632f}" +
    ".done{background:#e7f5ea;color:#17632f;padding:8px 10px;border-radius:10px;margin:8px 0;display:none}.done.o{display:block}" +
    ".c{background:#fff8e1;border-top:1px solid #eedc9a;padding:8px 10px;display:none}.c.o{display:block}.c p{margin:0 0 6px}" +
    ".c input{letter-spacing:4px;width:130px;flex:none}.f{display:flex;border-top:1px solid #ddd;padding:6px;gap:6px;flex-wrap:wrap}" +
    "input,textarea{border:1px solid #767676;border-radius:6px;padding:6px;flex:1;min-width:0;color:#222;background:#fff}textarea{resize:none;height:38px}" +
    "button.s{border:0;background:var(--c);color:var(--on);border-radius:6px;padding:6px 12px;cursor:pointer}.id{display:flex;gap:6px;width:100%}" +
    ".a{display:flex;align-items:center;cursor:pointer;color:#1f4fc4;padding:0 4px}.a input{position:absolute;width:1px;height:1px;opacity:0}" +
    ".b img{display:block;max-width:100%;max-height:200px;border-radius:6px;margin-top:4px}.b a{color:inherit;display:block}" +
    ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}" +
    "</style>" +
    "<button class=l type=button aria-haspopup=dialog aria-expanded=false aria-controls=pd-panel><svg width=26 height=26 viewBox='0 0 24 24' aria-hidden=true><path fill=currentColor d='M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z'/></svg><span class=u aria-hidden=true></span></button>" +
    "<div class=p id=pd-panel role=dialog aria-modal=true aria-labelledby=pd-title>" +
    "<div class=h><h2 id=pd-title><span class=tt></span><span class=who></span></h2><span class=lv></span><button type=button class=x>×</button></div>" +
    "<div class=st role=status aria-live=polite></div>" +
    "<div class=m role=log aria-live=polite aria-relevant=additions><button type=button class=more></button><div class='g'></div><div class=ms></div><div class=done role=status></div></div>" +
    "<div class=t aria-live=polite></div>" +
    "<form class=c><p class=cw></p><div style='display:flex;gap:6px;align-items:center'><input name=code inputmode=numeric autocomplete=one-time-code maxlength=12> <button class=s>Verify</button></div><div class=r role=status aria-live=polite></div></form>" +
    "<form class=f><div class=id><input name=name maxlength=200 autocomplete=name><input name=email type=email maxlength=320 autocomplete=email></div>" +
    "<label class=a><input type=file name=file accept='image/png,image/jpeg,image/gif,image/webp,application/pdf'><svg width=20 height=20 viewBox='0 0 24 24' aria-hidden=true><path fill=none stroke=currentColor stroke-width=2 d='M21 11l-8.5 8.5a5 5 0 0 1-7-7L14 4a3.5 3.5 0 0 1 5 5l-8.5 8.5a2 2 0 0 1-3-3L15 7'/></svg></label>" +
    "<textarea name=body></textarea><button class=s>Send</button></form></div>";
  var $ = function (s) { return root.querySelector(s); };
  var launcher = $(".l"), badge = $(".u"), panel = $(".p"), scroller = $(".m"), list = $(".ms"), typingEl = $(".t"), levelEl = $(".lv");
  var statusEl = $(".st"), doneEl = $(".done"), moreBtn = $(".more"), whoEl = $(".who"), closeBtn = $(".x");
  var codeForm = $(".c"), codeResult = $(".r"), form = $(".f"), idRow = $(".id");

  // Labels (every control has an accessible name).
  $(".tt").textContent = title;
  $(".g").textContent = greeting;
  launcher.setAttribute("aria-label", T("open"));
  closeBtn.setAttribute("aria-label", T("close"));
  moreBtn.textContent = T("earlier");
  levelEl.textContent = T("verified");
  levelEl.title = T("verifiedTitle");
  form.elements.name.placeholder = form.elements.name.ariaLabel = T("name");
  form.elements.name.setAttribute("aria-label", T("name"));
  form.elements.email.placeholder = T("email");
  form.elements.email.setAttribute("aria-label", T("email"));
  form.elements.body.placeholder = T("typeMessage");
  form.elements.body.setAttribute("aria-label", T("message"));
  form.elements.file.setAttribute("aria-label", T("attach"));
  $(".a").title = T("attach");
  form.querySelector("button.s").textContent = T("send");
  codeForm.elements.code.setAttribute("aria-label", T("code"));
  codeForm.querySelector("button.s").textContent = T("verify");

  var convID = store.get("conversation");
  var ws = null, ready = false, backoff = 1000, typingTimer = 0, lastTypingSent = 0;
  var dropped = false;  // the connection was lost since it was last ready
  var lastID = "";      // newest message shown on this page
  var oldestID = "";    // oldest message shown on this page
  var shown = {};       // message id -> element
  var pending = {};     // client_id -> {body, el}, until acknowledged
  var unread = Number(store.get("unread")) || 0;
  var maxBytes = 4000;
  var resolvedHooks = [];
  if (convID) idRow.style.display = "none";

  function isOpen() { return panel.classList.contains("o"); }
  function atBottom() { return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40; }
  function scrollDown() { scroller.scrollTop = scroller.scrollHeight; }
  function showUnread() {
    badge.textContent = unread > 9 ? "9+" : String(unread);
    badge.classList.toggle("o", unread > 0 && !isOpen());
    launcher.setAttribute("aria-label", unread > 0 ? T("open") + " (" + T("unread", { n: unread }) + ")" : T("open"));
  }
  function setUnread(n) { unread = n; store.set("unread", n ? String(n) : ""); showUnread(); }
  function note(text) {
    var d = document.createElement("div");
    d.className = "n";
    d.textContent = text;
    list.appendChild(d);
    scrollDown();
  }
  function timeText(iso) {
    var d = iso ? new Date(iso) : new Date();
    if (isNaN(d)) return "";
    var opts = { hour: "2-digit", minute: "2-digit" };
    if (new Date().toDateString() !== d.toDateString()) { opts.day = "numeric"; opts.month = "short"; }
    return d.toLocaleString(lang, opts);
  }
  function bubble(m, cls) {
    var d = document.createElement("div");
    d.className = "b " + m.author + (cls ? " " + cls : "");
    var meta = document.createElement("span");
    meta.className = "meta";
    var who = m.author === "customer" ? T("you") : (m.author_name || T("support"));
    var t = document.createElement("time");
    if (m.created_at) t.dateTime = m.created_at;
    t.textContent = timeText(m.created_at);
    meta.textContent = who + " · ";
    meta.appendChild(t);
    d.appendChild(meta);
    d.appendChild(document.createTextNode(m.body)); // text only: never HTML
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
  function agentName(m) {
    if (m.author === "agent" && m.author_name) whoEl.textContent = m.author_name;
  }

  // ---- Messages.
  function showMessage(m, live) {
    if (shown[m.id]) return;
    var p = m.client_id && pending[m.client_id];
    var stick = atBottom();
    if (p) {
      p.el.classList.remove("pending"); shown[m.id] = p.el; delete pending[m.client_id];
      var t = p.el.querySelector("time");
      if (t && m.created_at) { t.dateTime = m.created_at; t.textContent = timeText(m.created_at); }
    } else {
      shown[m.id] = list.appendChild(bubble(m));
    }
    (m.attachments || []).forEach(function (a) { fileEl(shown[m.id], a); });
    lastID = m.id;
    if (!oldestID) oldestID = m.id;
    store.set("after", m.id);
    agentName(m);
    if (m.author === "agent") {
      typingEl.textContent = "";
      if (live && !isOpen()) setUnread(unread + 1);
    }
    if (stick || m.author === "customer") scrollDown();
  }
  // showPage shows one history page: older messages go on top (keeping
  // the visitor's place), a fresh page fills the list.
  function showPage(f) {
    var msgs = f.messages || [];
    if (f.before) {
      var h0 = scroller.scrollHeight, first = list.firstChild;
      msgs.forEach(function (m) {
        if (shown[m.id]) return;
        shown[m.id] = list.insertBefore(bubble(m), first);
        (m.attachments || []).forEach(function (a) { fileEl(shown[m.id], a); });
      });
      if (msgs.length) oldestID = msgs[0].id;
      scroller.scrollTop += scroller.scrollHeight - h0;
    } else {
      msgs.forEach(function (m) { showMessage(m, false); });
      if (msgs.length) oldestID = msgs[0].id;
      scrollDown();
    }
    moreBtn.classList.toggle("o", !!f.more);
  }
  function sendMessage(body) {
    if (CODE_RE.test(body)) { sendCode(body); return; } // codes never go into the chat
    if (new Blob([body]).size > maxBytes) { note(T("tooLong")); return; }
    var cid = newClientID();
    var el = list.appendChild(bubble({ author: "customer", body: body }, "pending"));
    scrollDown();
    pending[cid] = { body: body, el: el };
    doneEl.classList.remove("o");
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
      showLevel(j.level);
      showMessage(j.message, false);
      connect();
    }).catch(function (e) {
      if (e && e.error === "unauthorized") store.set("token", "");
      note((e && e.message) || T("unreachable"));
      pending[cid] && pending[cid].el.remove();
      delete pending[cid];
    });
  }
  // The level is shown in words: "Verified" once the desk confirmed the
  // visitor (any level above the first), nothing before.
  function showLevel(level) {
    levelEl.dataset.level = level || "";
    levelEl.classList.toggle("o", !!level && level !== "L0");
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
      }).catch(function () {});
    }
  }
  function sendFile(file) {
    if (!convID) { note(T("fileFirst")); return; }
    if (file.size > 5 << 20) { note(T("fileLarge")); return; }
    var fd = new FormData();
    fd.append("file", file);
    fd.append("client_id", newClientID());
    fetch(base + "/widget/v1/conversations/" + convID + "/attachments", {
      method: "POST", body: fd, headers: { Authorization: "Visitor " + store.get("token") }, mode: "cors", credentials: "omit"
    }).then(function (r) { return r.json().then(function (j) { if (!r.ok) throw j; return j; }); })
      .then(function (j) { showMessage(j.message, false); })
      .catch(function (e) { note((e && e.message) || T("fileFailed")); });
  }
  function sendCode(code) {
    codeResult.textContent = "";
    if (!ready) { codeResult.textContent = T("connecting"); return; }
    ws.send(JSON.stringify({ type: "code", code: code }));
  }
  // showChallenge opens the code box with one instruction: by which
  // channel the code went (never where: the visitor is not verified) and
  // where to type it.
  function showChallenge(status, kind) {
    var open = status === "pending";
    if (open) {
      $(".cw").textContent = T(kind === "phone" ? "codeSentPhone" : kind === "email" ? "codeSentEmail" : "codeSentNoDest") + " " + T("codeWhere");
      codeResult.textContent = "";
    }
    codeForm.classList.toggle("o", open);
    if (open && isOpen()) codeForm.elements.code.focus();
  }
  function showStatus(text, ok) {
    statusEl.textContent = text;
    statusEl.classList.toggle("ok", !!ok);
    statusEl.classList.toggle("o", !!text);
  }
  // resolved shows the notice; live (the agent resolved it just now, not
  // a page opened on a resolved chat) also calls the hooks, once.
  function resolved(live) {
    doneEl.textContent = T("resolved");
    doneEl.classList.add("o");
    scrollDown();
    if (!live) return;
    resolvedHooks.forEach(function (fn) { try { fn({ conversation_id: convID, panel: doneEl }); } catch (e) {} });
    try { document.dispatchEvent(new CustomEvent("proofdesk:resolved", { detail: { conversation_id: convID } })); } catch (e) {}
  }

  // ---- WebSocket with resume: a fresh page asks for the last page of
  // history; a reconnect on the same page asks only for what came after
  // the newest message shown.
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
          if (dropped) { dropped = false; showStatus(T("online"), true); setTimeout(function () { if (ready) showStatus(""); }, 3000); }
          showLevel(f.level);
          showChallenge(f.challenge, f.challenge_kind);
          if (lastID) ws.send(JSON.stringify({ type: "resume", after: lastID }));
          else ws.send(JSON.stringify({ type: "resume", limit: PAGE }));
          if (f.status === "resolved") resolved(false);
          // Resend what was never acknowledged: client ids make it idempotent.
          Object.keys(pending).forEach(function (cid) { ws.send(JSON.stringify({ type: "message", client_id: cid, body: pending[cid].body })); });
          break;
        case "history": showPage(f); break;
        case "message": showMessage(f, true); break;
        case "ack":
          var p = pending[f.client_id];
          if (p) { p.el.classList.remove("pending"); shown[f.id] = p.el; lastID = f.id; store.set("after", f.id); delete pending[f.client_id]; }
          break;
        case "typing":
          typingEl.textContent = T("typing", { name: whoEl.textContent || T("support") });
          clearTimeout(typingTimer);
          typingTimer = setTimeout(function () { typingEl.textContent = ""; }, 5000);
          break;
        case "level": showLevel(f.level); break;
        case "status":
          if (f.status === "resolved") resolved(true); else doneEl.classList.remove("o");
          break;
        case "challenge":
          showChallenge(f.status, f.kind);
          if (f.status === "completed") note(T("verifiedNote"));
          break;
        case "code_result":
          codeResult.textContent = f.ok ? T("verifiedNote") : f.status === "locked" ? T("codeLocked") : T("codeWrong", { n: f.attempts_left });
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
          if (f.error === "unauthorized" || f.error === "not_found") {
            store.set("conversation", ""); store.set("after", ""); convID = ""; lastID = ""; idRow.style.display = "";
          }
          note(f.message || T("wrong"));
          break;
      }
    };
    ws.onclose = function () {
      var was = ws;
      ws = null; ready = false;
      if (!convID || !was) return;
      dropped = true;
      showStatus(T("offline"), false);
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 30000);
    };
  }
  window.addEventListener("online", function () { if (!ws && convID) { backoff = 1000; connect(); } });

  // ---- Opening, closing, keyboard: Esc closes, Tab stays in the panel.
  var opener = null;
  function openPanel() {
    if (isOpen()) return;
    opener = document.activeElement;
    panel.classList.add("o");
    launcher.setAttribute("aria-expanded", "true");
    setUnread(0);
    connect();
    scrollDown();
    form.elements.body.focus();
  }
  function closePanel() {
    if (!isOpen()) return;
    panel.classList.remove("o");
    launcher.setAttribute("aria-expanded", "false");
    showUnread();
    launcher.focus();
  }
  function focusables() {
    return Array.prototype.filter.call(panel.querySelectorAll("button,textarea,input,a[href]"), function (el) {
      return !el.disabled && el.offsetParent !== null && el.type !== "hidden";
    });
  }
  panel.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { e.preventDefault(); closePanel(); return; }
    if (e.key !== "Tab") return;
    var els = focusables();
    if (!els.length) return;
    var first = els[0], last = els[els.length - 1], active = root.activeElement;
    if (e.shiftKey && (active === first || !panel.contains(active))) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && (active === last || !panel.contains(active))) { e.preventDefault(); first.focus(); }
  });
  launcher.onclick = function () { if (isOpen()) closePanel(); else openPanel(); };
  closeBtn.onclick = closePanel;
  moreBtn.onclick = function () {
    if (ready && oldestID) ws.send(JSON.stringify({ type: "history", before: oldestID, limit: PAGE }));
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
    open: openPanel,
    close: closePanel,
    identify: function (token) { idToken = token || ""; },
    onResolved: function (fn) { if (typeof fn === "function") resolvedHooks.push(fn); }
  };
  document.body.appendChild(host);
  showUnread();
  if (convID) connect();
})();
