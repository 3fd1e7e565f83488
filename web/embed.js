// Spotcheck's embed snippet, for partner pages (see README.md, "Embed it"):
//
//   <div data-spotcheck></div>
//   <script async src="https://spotcheck.example/web/embed.js" data-lang="es"
//     data-accent="#0b5fff" data-theme="dark" data-compact></script>
//
// It puts the app in an iframe in each <div data-spotcheck>, with a link under it to open the
// app in a full window (data-open-label on the div gives its text), and sets the frame's height from
// the app's "spotcheck:resize" messages, accepted only from that frame's window and the app's
// origin. The theme goes in the frame URL's fragment, which no server sees. It adds no style
// attribute, no inline script and no HTML string, so it passes the partner's Trusted Types and
// a CSP without 'unsafe-inline'. The partner may listen for the same messages (ready, resize,
// done: never an answer or a result) and send {type: "spotcheck:reset"} to the frame.
(function () {
  "use strict";
  const script = document.currentScript;
  if (!script) {
    return;
  }
  const app = new URL(".", new URL("..", script.src)); // .../web/embed.js -> the app's root
  const settings = new URLSearchParams();
  for (const name of ["lang", "accent", "theme"]) {
    const value = script.getAttribute("data-" + name);
    if (value) {
      settings.set(name, value); // the app checks each value and ignores a bad one
    }
  }
  if (script.hasAttribute("data-compact")) {
    settings.set("compact", "1");
  }
  const frames = new Map(); // the frame's window -> its iframe

  window.addEventListener("message", (event) => {
    const frame = frames.get(event.source);
    const d = event.data;
    if (!frame || event.origin !== app.origin || !d || typeof d !== "object" || d.v !== 1) {
      return;
    }
    if (d.type === "spotcheck:resize" && Number.isFinite(d.height) && d.height > 0) {
      frame.height = String(Math.ceil(d.height));
    }
  });

  function insert(host) {
    if (host.querySelector("iframe")) { // inserted already (the script loaded twice)
      return;
    }
    const frame = document.createElement("iframe");
    frame.title = host.getAttribute("data-title") || "Spotcheck: red spots and dots";
    frame.setAttribute("allow", "");
    frame.referrerPolicy = "no-referrer";
    frame.loading = "lazy"; // nothing, the wasm included, is fetched before it is in view
    // Scripts and its own origin (the wasm and its files come from there); forms, for the
    // number boxes (without it the browser drops the submit event: no age could be entered;
    // the app's form-action 'none' keeps any form from going anywhere); popups that leave the
    // sandbox, for "open in full window"; modals, for print.
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox allow-modals");
    frame.width = "100%";
    frame.height = "600";
    const query = settings.toString();
    frame.src = app.href + (query ? "#" + query : "");
    host.appendChild(frame);
    frames.set(frame.contentWindow, frame);
    // The full window is where the app installs and works offline (a frame has no worker).
    const full = document.createElement("a");
    full.href = app.href;
    full.target = "_blank";
    full.rel = "noopener";
    full.textContent = host.getAttribute("data-open-label") || "Open Spotcheck in a full window (works offline)";
    full.className = "spotcheck-full-window";
    host.appendChild(full);
  }

  function insertAll() {
    document.querySelectorAll("[data-spotcheck]").forEach(insert);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", insertAll);
  } else {
    insertAll();
  }
})();
