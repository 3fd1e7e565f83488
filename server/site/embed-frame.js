// Spotcheck's page side of embedding (served as /embed-frame.js, deferred: it runs before
// DOMContentLoaded, long before the wasm starts). Outside a frame it only says so. Inside a partner's frame it:
//
//   - applies the theme from the URL's fragment (never sent to the server), each value checked
//     against an allowlist and otherwise ignored: accent=#rrggbb (white or black text on it,
//     whichever contrasts more, always at least 4.5:1), theme=light|dark|auto, compact=1,
//     lang=xx (read by the app itself, as it reads ?lang=xx: app/ui/language.go);
//   - talks to the parent, version 1, only to its exact origin (location.ancestorOrigins
//     checked against the allowlist below, or the allowlist's one origin), never "*":
//       {type: "spotcheck:ready", v: 1}            the app runs
//       {type: "spotcheck:resize", v: 1, height: N} the page's height in CSS pixels changed
//       {type: "spotcheck:done", v: 1}             the result screen is shown
//     Nothing else leaves: no answer, no result. From the parent it accepts only
//     {type: "spotcheck:reset"} (v absent or 1) from that origin and window, and passes it to
//     the app as the window event "spotcheck:reset". Anything else is ignored.
//
// window.spotcheckEmbed = {framed, storage} is read by the app when it starts (app/ui/embed.go,
// history.go): storage is this tab's sessionStorage, or null where the browser denies it (a
// cross-site frame with storage blocked), where merely reading it throws, in every page.
(function () {
  "use strict";
  const allowed = /*EMBED_ORIGINS*/[];
  const framed = window.parent !== window;
  let storage = null;
  try {
    storage = window.sessionStorage;
  } catch (e) {
    storage = null;
  }
  const state = { framed: framed, storage: storage };
  window.spotcheckEmbed = state;
  if (!framed) {
    return;
  }
  const root = document.documentElement;
  root.dataset.embedded = "true";

  const params = new URLSearchParams(window.location.hash.slice(1));

  // allows reports whether origin is in the allowlist ("https://*.a.example" is any
  // subdomain of a.example, as in frame-ancestors).
  function allows(origin) {
    return allowed.some((a) => {
      if (a === origin) {
        return true;
      }
      const star = a.indexOf("://*.");
      if (star < 0) {
        return false;
      }
      const scheme = a.slice(0, star + 3);
      const suffix = a.slice(star + 4); // ".a.example[:port]"
      return origin.startsWith(scheme) && origin.endsWith(suffix) &&
        origin.length > scheme.length + suffix.length;
    });
  }

  function parentOrigin() {
    const ancestors = window.location.ancestorOrigins;
    if (ancestors && ancestors.length > 0) {
      return allows(ancestors[0]) ? ancestors[0] : "";
    }
    const exact = allowed.filter((a) => a.indexOf("*") < 0);
    return allowed.length === 1 && exact.length === 1 ? exact[0] : "";
  }
  const target = parentOrigin();

  function post(message) {
    if (target) {
      window.parent.postMessage(Object.assign({ v: 1 }, message), target);
    }
  }

  window.addEventListener("message", (event) => {
    const d = event.data;
    if (!target || event.source !== window.parent || event.origin !== target ||
      !d || typeof d !== "object" || d.type !== "spotcheck:reset" || (d.v !== undefined && d.v !== 1)) {
      return;
    }
    window.dispatchEvent(new CustomEvent("spotcheck:reset"));
  });

  // The theme: custom properties in a :root rule of a stylesheet of its own, built through
  // the CSSOM (the CSP allows no style attribute in markup, and no value here comes from the
  // URL unchecked), for the screen only: printed, the page keeps the stylesheet's print
  // colours, dark text on white paper, whatever the partner's theme (properties on <html>'s
  // style would override those too).
  let themeStyle = null;
  function setThemeProperty(name, value) {
    if (!themeStyle) {
      const sheet = new CSSStyleSheet({ media: "screen" });
      sheet.insertRule(":root {}");
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      themeStyle = sheet.cssRules[0].style;
    }
    themeStyle.setProperty(name, value);
  }

  function copyRootProperties(rule) {
    for (const name of rule.style) {
      if (name.startsWith("--")) {
        setThemeProperty(name, rule.style.getPropertyValue(name));
      }
    }
  }

  // scheme forces the stylesheet's light or dark colours: its top-level :root rule, or the
  // :root rule inside its prefers-color-scheme: dark block.
  function scheme(dark) {
    for (const sheet of document.styleSheets) {
      let rules;
      try {
        rules = sheet.cssRules;
      } catch (e) {
        continue;
      }
      for (const rule of rules) {
        if (!dark && rule.selectorText === ":root") {
          copyRootProperties(rule);
        }
        if (dark && rule.media && /prefers-color-scheme:\s*dark/.test(rule.media.mediaText)) {
          for (const inner of rule.cssRules) {
            if (inner.selectorText === ":root") {
              copyRootProperties(inner);
            }
          }
        }
      }
    }
    setThemeProperty("color-scheme", dark ? "dark" : "light");
  }

  // luminance is WCAG 2's relative luminance of #rrggbb.
  function luminance(hex) {
    const channel = (i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  }

  // textOn is black or white, whichever contrasts more with the accent: the better of the two
  // is at least 4.58:1 for any colour.
  function textOn(hex) {
    const l = luminance(hex);
    const withWhite = 1.05 / (l + 0.05);
    const withBlack = (l + 0.05) / 0.05;
    return withBlack > withWhite ? "#000000" : "#ffffff";
  }

  function applyTheme() {
    const theme = params.get("theme");
    if (theme === "dark" || theme === "light") {
      scheme(theme === "dark");
      root.dataset.theme = theme;
    }
    const accent = params.get("accent") || "";
    if (/^#[0-9a-fA-F]{6}$/.test(accent)) {
      const text = textOn(accent);
      for (const name of ["--brand", "--button", "--button-hover"]) {
        setThemeProperty(name, accent);
      }
      for (const name of ["--brand-text", "--button-text"]) {
        setThemeProperty(name, text);
      }
      root.dataset.accent = accent.toLowerCase();
    }
    if (params.get("compact") === "1") {
      root.dataset.compact = "true";
    }
  }

  // Height: the page's box, which the partner's iframe takes so that neither shows a
  // scrollbar. Ready: go-app has removed its loader. Done: a result screen appeared.
  let lastHeight = -1;
  let ready = false;
  let atResult = false;
  function measure() {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      post({ type: "spotcheck:resize", height: height });
    }
  }
  function watch() {
    if (!ready && !document.getElementById("app-wasm-loader")) {
      ready = true;
      post({ type: "spotcheck:ready" });
    }
    const result = !!document.querySelector("[data-screen=result]");
    if (ready && result && !atResult) {
      post({ type: "spotcheck:done" });
    }
    atResult = result;
    measure();
  }

  document.addEventListener("DOMContentLoaded", () => {
    applyTheme();
    new ResizeObserver(measure).observe(root);
    new MutationObserver(watch).observe(document.body, { childList: true, subtree: true });
    watch();
  });
})();
