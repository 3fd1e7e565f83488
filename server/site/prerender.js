// Spotcheck's page before the app has loaded (served as /prerender.js, a blocking script
// right after the Trusted Types policy, so that it runs before the first paint). The server
// prerenders the page in English and, inside it, in an inert <template lang="xx"> for each
// other language the knowledge base lists (<html data-languages="en es">); the page and each
// template carry their title, meta description, loader line, call link words and emergency
// numbers table as data attributes. This script chooses the language by the app's one rule
// (chooseLanguage in app/ui/language.go):
//
//   the person's pick (this tab's sessionStorage item "spotcheck", field Lang), else the
//   URL's ?lang= or #lang=, else the first of navigator.languages the base lists ("es-MX"
//   counts as "es"), else English;
//
// and the emergency number's country by the engine's (EmergencyNumbers.ForLocale in
// app/triage/numbers.go): the one chosen and saved (field Country), else the region of the
// first of navigator.languages that names one; a country the table lacks, or none, keeps the
// prerendered "your local emergency number" with the default. TestPrerenderRule checks that
// both rules choose as the app does, over tables.
//
// When the language is another than the page's, it sets <html lang> at once; when it or the
// country will change what the page shows, it hides the page until the document is parsed
// (readyState "interactive", before the deferred scripts: go-app's app.js among them). Then
// it swaps in that language's page, title and description, shows the country's number, and
// from then on writes go-app's loader line (#app-wasm-loader-label) in that language with
// the percentage go-app wrote. The templates are removed in every case: the app, once
// running, renders the page itself, starting in <html lang>'s language. Nothing here parses
// HTML: the templates' nodes are moved, texts set as text.
//
// One difference: the app takes Lang and Country from a saved session only when the whole of
// it still fits the knowledge base (after an update it may not); this script takes them as
// they are. The app then corrects the page once it runs.
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

  // saved is this tab's saved session (the app's sessionStorage item "spotcheck"), or {}
  // (none, or storage denied, as in a cross-site frame). Its Lang is the language the person
  // picked; its Country, when present, the country they chose for the emergency number ("" for
  // "another country, or I do not know").
  function saved() {
    try {
      const s = JSON.parse(window.sessionStorage.getItem("spotcheck"));
      return s && typeof s === "object" ? s : {};
    } catch {
      return {};
    }
  }

  // localeRegion is a language tag's region, upper case ("en-gb" -> "GB", "zh-Hant-TW" ->
  // "TW"), or "" when it names none ("es", "es-419", "en-"): LocaleRegion in
  // app/triage/numbers.go.
  function localeRegion(tag) {
    const parts = String(tag).replace(/_/g, "-").split("-");
    if (parts.length < 2 || parts.includes("")) {
      return "";
    }
    const lang = parts[0];
    if (lang.length < 2 || lang.length > 8 || !/^[A-Za-z]+$/.test(lang)) {
      return "";
    }
    let i = 1;
    if (parts[i].length === 4 && /^[A-Za-z]+$/.test(parts[i])) {
      i++; // a script: Hant, Latn
    }
    return i < parts.length && /^[A-Za-z]{2}$/.test(parts[i]) ? parts[i].toUpperCase() : "";
  }

  // localCountry is the country whose number to show: the one chosen and saved, else the
  // region of the first of the browser's languages that names one (ForLocale in
  // app/triage/numbers.go; the table decides whether it is listed).
  function localCountry(locales, chosen) {
    if (chosen !== null) {
      return chosen.toUpperCase();
    }
    for (const l of locales) {
      const region = localeRegion(l);
      if (region !== "") {
        return region;
      }
    }
    return "";
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
  const session = saved();
  const language = langs.length === 0 ? served : chooseLanguage(langs, browserLanguages(),
    urlLanguage(window.location.search, window.location.hash), typeof session.Lang === "string" ? session.Lang : "");
  const country = localCountry(browserLanguages(), typeof session.Country === "string" ? session.Country : null);

  window.spotcheckPrerender = Object.freeze({ language, country, chooseLanguage, urlLanguage, baseLanguage, localeRegion, localCountry });

  if (language !== served) {
    root.lang = language;
  }
  if (language !== served || country !== "") {
    root.style.visibility = "hidden"; // nothing painted that the swap would change
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

  // showNumber shows the start screen's call link for the country, when the table (words:
  // the element with the language's data-numbers and data-call) lists it: its number, its
  // note, and no "your local emergency number". Unknown, the prerendered default stays.
  function showNumber(page, words) {
    const row = JSON.parse(words.dataset.numbers || "{}")[country];
    const call = page.querySelector("[data-screen=start] .emergency-call");
    const link = call && call.querySelector("a.button-call");
    if (!row || !link) {
      return;
    }
    const [number, note] = row;
    link.setAttribute("href", "tel:" + number);
    link.textContent = words.dataset.call.replace("{number}", number);
    call.querySelectorAll(".call-intro, .call-note").forEach((e) => e.remove());
    if (note) {
      const p = document.createElement("p");
      p.className = "call-note";
      p.textContent = note;
      link.after(p);
    }
  }

  function swap() {
    const page = document.body && document.body.firstElementChild;
    let swapped = false;
    try {
      const templates = page ? Array.from(page.children).filter((e) => e.localName === "template") : [];
      const chosen = templates.find((t) => t.getAttribute("lang") === language);
      templates.forEach((t) => t.remove());
      if (language === served || !chosen) {
        if (page) {
          showNumber(page, page);
        }
        return;
      }
      page.replaceChildren(chosen.content);
      swapped = true;
      showNumber(page, chosen);
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
