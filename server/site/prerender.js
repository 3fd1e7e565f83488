// Spotcheck's page before the app has loaded (served as /prerender.js, a blocking script
// right after the Trusted Types policy, so that it runs before the first paint). The server
// prerenders the page in English and, inside it, in an inert <template lang="xx"> for each
// other language the knowledge base lists (<html data-languages="en es">); each carries its
// title, meta description and loader line as data attributes. This script chooses the
// language by the app's one rule (chooseLanguage in app/ui/language.go; TestPrerenderRule
// checks that both choose the same over a table):
//
//   the person's pick (this tab's sessionStorage item "spotcheck", field Lang), else the
//   URL's ?lang= or #lang=, else the first of navigator.languages the base lists ("es-MX"
//   counts as "es"), else English.
//
// When the choice is another language than the page's, it sets <html lang> at once and hides
// the page until the document is parsed (readyState "interactive", before the deferred
// scripts: go-app's app.js among them), then swaps in that language's page, title and
// description, and from then on writes go-app's loader line (#app-wasm-loader-label) in that
// language with the percentage go-app wrote. The templates are removed in every case: the
// app, once running, renders the page itself, starting in <html lang>'s language.
// Nothing here parses HTML: the templates' nodes are moved, texts set as text.
(function () {
  "use strict";

  // baseLanguage is a tag's language ("es-MX", "ES" -> "es"): baseLanguage in language.go.
  function baseLanguage(tag) {
    return String(tag).replace(goSpace, "").toLowerCase().split("-")[0].split("_")[0];
  }

  // goSpace is what Go's strings.TrimSpace trims (unicode.IsSpace: with U+0085, without
  // U+FEFF, unlike String.prototype.trim).
  const goSpace = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

  // chooseLanguage returns the first of chosen, requested and the browser's languages that
  // langs lists, else "en": chooseLanguage in language.go.
  function chooseLanguage(langs, browser, requested, chosen) {
    for (const tag of [chosen, requested].concat(browser)) {
      const l = baseLanguage(tag);
      if (langs.includes(l)) {
        return l;
      }
    }
    return "en";
  }

  // queryLanguage is the lang parameter of a query ("?lang=es&x") or "" as Go's
  // url.ParseQuery reads it: a query it refuses (a ";", a bad %-escape) gives none.
  function queryLanguage(part) {
    let lang = null;
    for (const pair of part.replace(/^[?#]+/, "").split("&")) {
      if (pair === "") {
        continue;
      }
      if (pair.includes(";")) {
        return "";
      }
      const eq = pair.indexOf("=");
      const [key, value] = eq < 0 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
      const k = unescapeQuery(key);
      const v = unescapeQuery(value);
      if (k === null || v === null) {
        return "";
      }
      if (k === "lang" && lang === null) {
        lang = v;
      }
    }
    return lang || "";
  }

  // unescapeQuery decodes a query's key or value as Go's url.QueryUnescape does ("+" a
  // space, %XX a byte, bytes that are not UTF-8 kept as U+FFFD), or null for a bad escape.
  function unescapeQuery(s) {
    const bytes = [];
    const utf8 = new TextEncoder();
    for (let i = 0; i < s.length; i++) {
      if (s[i] === "%") {
        if (!/^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
          return null;
        }
        bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        const ch = String.fromCodePoint(s.codePointAt(i));
        bytes.push(...utf8.encode(ch === "+" ? " " : ch));
        i += ch.length - 1;
      }
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  }

  // urlLanguage is the lang of the query, or failing that of the fragment: urlLanguage in
  // language.go.
  function urlLanguage(search, hash) {
    return queryLanguage(search) || queryLanguage(hash);
  }

  // savedLanguage is the language the person picked, kept in this tab's saved session, or
  // "" (none, or storage denied, as in a cross-site frame).
  function savedLanguage() {
    try {
      const saved = JSON.parse(window.sessionStorage.getItem("spotcheck"));
      return saved && typeof saved.Lang === "string" ? saved.Lang : "";
    } catch {
      return "";
    }
  }

  function browserLanguages() {
    if (navigator.languages && navigator.languages.length) {
      return Array.from(navigator.languages);
    }
    return navigator.language ? [navigator.language] : [];
  }

  const root = document.documentElement;
  const langs = (root.dataset.languages || "").split(" ").filter(Boolean);
  const served = root.lang;
  const language = langs.length === 0 ? served : chooseLanguage(langs, browserLanguages(),
    urlLanguage(window.location.search, window.location.hash), savedLanguage());

  window.spotcheckPrerender = Object.freeze({ language, chooseLanguage, urlLanguage, baseLanguage });

  if (language !== served) {
    root.lang = language;
    root.style.visibility = "hidden"; // no English painted before the swap
  }

  // translateLoader writes go-app's loader line in the page's language: go-app writes its
  // one English line (from the live page's data-loading) with the percentage at each step.
  function translateLoader(english, translated) {
    const label = document.getElementById("app-wasm-loader-label");
    const [before, after] = english.split("{progress}");
    if (!label || after === undefined) {
      return;
    }
    const translate = () => {
      const text = label.textContent;
      if (text.length < before.length + after.length || !text.startsWith(before) || !text.endsWith(after)) {
        return; // ours already, or go-app's error message: left as it is
      }
      const progress = text.slice(before.length, text.length - after.length);
      label.textContent = translated.replace("{progress}", progress);
    };
    translate();
    new MutationObserver(translate).observe(label, { childList: true, characterData: true, subtree: true });
  }

  function swap() {
    const page = document.body && document.body.firstElementChild;
    let swapped = false;
    try {
      const templates = page ? Array.from(page.children).filter((e) => e.localName === "template") : [];
      const chosen = templates.find((t) => t.getAttribute("lang") === language);
      templates.forEach((t) => t.remove());
      if (language === served || !chosen) {
        return;
      }
      page.replaceChildren(chosen.content);
      swapped = true;
      document.title = chosen.dataset.title;
      const description = document.querySelector('meta[name="description"]');
      if (description) {
        description.setAttribute("content", chosen.dataset.description);
      }
      translateLoader(page.dataset.loading || "", chosen.dataset.loading);
    } finally {
      if (!swapped) {
        root.lang = served; // the page says what it was served in
      }
      root.style.removeProperty("visibility");
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("readystatechange", swap, { once: true });
  } else {
    swap();
  }
})();
