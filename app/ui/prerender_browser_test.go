//go:build !wasm

package ui_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"spotcheck/app/triage"
	"spotcheck/app/ui"
	"spotcheck/internal/browsertest"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// prerenderShotsDir holds the screenshots of the page before the app has loaded.
const prerenderShotsDir = "../../test-output/prerender"

// TestPrerenderRule: the early script (server/site/prerender.js, as the site serves it)
// chooses the language as the app does (chooseLanguage over urlLanguage), over a table of
// browsers' languages, URLs and saved choices, odd ones included.
func TestPrerenderRule(t *testing.T) {
	k := browsertest.Knowledge(t)
	url := startSite(t, k)
	ctx := browsertest.New(t, time.Minute)
	// ?wasm=false: go-app does not load the app, the page and its scripts are all there is.
	browsertest.Do(t, ctx, chromedp.Navigate(url+"?wasm=false"))
	browsertest.WaitJS(t, ctx, `window.spotcheckPrerender`, 10*time.Second)
	type input struct {
		Langs, Browser       []string
		Search, Hash, Chosen string
	}
	var inputs []input
	for _, langs := range [][]string{{"en", "es"}, {"en"}} {
		for _, browser := range [][]string{nil, {"es-MX", "en-US"}, {"fr-FR", "es-419", "en"}, {"en-GB", "es"}, {"de-DE"},
			{" ES "}, {"es_MX"}, {"\u0085es"}, {"\ufeffes"}, {"-es"}, {""}, {"ES-419"}} {
			for _, url := range [][2]string{{"", ""}, {"?lang=es", ""}, {"?lang=en", "#lang=es"}, {"", "#accent=%23ffcc00&lang=es&compact"},
				{"?lang=es;x=1", ""}, {"?x=%zz&lang=es", "#lang=es"}, {"?lang=%65s", ""}, {"?lang=", "#lang=es"}, {"?lang", "#lang=es"},
				{"?lang=es&lang=en", ""}, {"??lang=es", ""}, {"?LANG=es", ""}, {"?lang=e+s", ""}, {"?lang=%ff", "#lang=es"},
				{"?lang=fr", "#lang=es"}, {"?lang=%F0%9F%98%80", ""}, {"?x=\U0001F600&lang=es", ""}} {
				for _, chosen := range []string{"", "es", "en", "xx"} {
					inputs = append(inputs, input{langs, browser, url[0], url[1], chosen})
				}
			}
		}
	}
	checkNumberRule(t, ctx, k)
	type choice struct{ URL, Language string }
	data, err := json.Marshal(inputs)
	if err != nil {
		t.Fatal(err)
	}
	got := browsertest.Eval[[]choice](t, ctx, `(() => {
		const p = window.spotcheckPrerender;
		return `+string(data)+`.map((in_) => {
			const url = p.urlLanguage(in_.Search, in_.Hash);
			return {url, language: p.chooseLanguage(in_.Langs, in_.Browser || [], url, in_.Chosen)};
		});
	})()`)
	if len(got) != len(inputs) {
		t.Fatalf("the script answered %d of %d inputs", len(got), len(inputs))
	}
	for i, in := range inputs {
		url := ui.URLLanguage(in.Search, in.Hash)
		// A %-escape of bytes that are not UTF-8 ("%ff") is those bytes in Go, U+FFFD in
		// JavaScript: the same text once made valid.
		want := choice{strings.ToValidUTF8(url, "\ufffd"), ui.ChooseLanguage(in.Langs, in.Browser, url, in.Chosen)}
		if got[i] != want {
			t.Errorf("%+q: the script chooses %+q, the app %+q", in, got[i], want)
		}
	}
}

// checkNumberRule: the script's country for the emergency number is the engine's
// (ForLocale over the browser's languages, ForCountry for a saved choice), with the table as
// the page carries it; and its localeRegion is LocaleRegion.
func checkNumberRule(t *testing.T, ctx context.Context, k *triage.Knowledge) {
	t.Helper()
	tags := []string{"en-GB", "en-gb", "es-MX", "es_MX", "es", "es-419", "zh-Hant-TW", "zh-Hant", "sr-Latn-RS", "en-", "en--GB",
		"", "x", "e-GB", "toolongxx-GB", "en-GBR", "en-US-x-private", "de-CH-1996", "EN-AU", "pt-BR", "ja-JP", "fr-FR", "xx-ZZ", "en-Latn", "-GB"}
	regions := browsertest.Eval[[]string](t, ctx, `(() => { const p = window.spotcheckPrerender; return `+jsonOf(t, tags)+`.map((tag) => p.localeRegion(tag)); })()`)
	for i, tag := range tags {
		if want := triage.LocaleRegion(tag); i >= len(regions) || regions[i] != want {
			t.Errorf("localeRegion(%q): the script says %q, the engine %q", tag, at(regions, i), want)
		}
	}
	type input struct {
		Locales []string
		Chosen  *string
	}
	gb, none, lower := "GB", "", "mx"
	var inputs []input
	for _, locales := range [][]string{nil, {"en-GB"}, {"es", "es-MX"}, {"es-419", "en-AU"}, {"fr", "de"}, {"xx-ZZ", "en-GB"}, {"zh-Hant-TW"}, {"es_MX"}} {
		for _, chosen := range []*string{nil, &gb, &none, &lower} {
			inputs = append(inputs, input{locales, chosen})
		}
	}
	// The country shown: the script's, when the page's table lists it.
	got := browsertest.Eval[[]string](t, ctx, `(() => {
		const p = window.spotcheckPrerender;
		const table = JSON.parse(document.body.firstElementChild.dataset.numbers);
		return `+jsonOf(t, inputs)+`.map((in_) => {
			const code = p.localCountry(in_.Locales || [], in_.Chosen);
			return table[code] ? code + " " + table[code][0] : "";
		});
	})()`)
	numbers := k.EmergencyNumbers()
	for i, in := range inputs {
		local := numbers.ForLocale(in.Locales...)
		if in.Chosen != nil {
			local = numbers.ForCountry(*in.Chosen)
		}
		want := ""
		if local.Known {
			want = local.Country + " " + local.Number
		}
		if at(got, i) != want {
			t.Errorf("locales %q, chosen %v: the script shows %q, the app %q", in.Locales, in.Chosen, at(got, i), want)
		}
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// at is list[i], or "(missing)" past its end.
func at(list []string, i int) string {
	if i < len(list) {
		return list[i]
	}
	return "(missing)"
}

// wasmGate holds the app's wasm after its first bytes until released, so that a test can
// look at the page as a slow phone shows it while the app downloads.
type wasmGate struct {
	h       http.Handler
	once    sync.Once
	release chan struct{}
}

func (g *wasmGate) open() { g.once.Do(func() { close(g.release) }) }

func (g *wasmGate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasSuffix(r.URL.Path, "/app.wasm") {
		w = &heldWriter{ResponseWriter: w, gate: g.release, pass: 64 << 10}
	}
	g.h.ServeHTTP(w, r)
}

// heldWriter writes the first pass bytes (enough for go-app to count some progress), then
// waits for the gate.
type heldWriter struct {
	http.ResponseWriter
	gate <-chan struct{}
	pass int
}

func (w *heldWriter) Write(b []byte) (int, error) {
	if w.pass <= 0 {
		<-w.gate
		return w.ResponseWriter.Write(b)
	}
	n := min(len(b), w.pass)
	if _, err := w.ResponseWriter.Write(b[:n]); err != nil {
		return 0, err
	}
	w.pass -= n
	http.NewResponseController(w.ResponseWriter).Flush()
	if n < len(b) {
		<-w.gate
		m, err := w.ResponseWriter.Write(b[n:])
		return n + m, err
	}
	return n, nil
}

// gatedSite serves the built site with the UI of k (startSite's, through a proxy), its wasm
// held by the returned gate.
func gatedSite(t *testing.T, k *triage.Knowledge) (string, *wasmGate) {
	t.Helper()
	site, err := url.Parse(startSite(t, k))
	if err != nil {
		t.Fatal(err)
	}
	g := &wasmGate{h: httputil.NewSingleHostReverseProxy(site), release: make(chan struct{})}
	srv := httptest.NewServer(g)
	t.Cleanup(srv.Close)
	t.Cleanup(g.open) // runs first: no response left waiting
	return srv.URL + "/", g
}

// watchPage records, from before the page's first script, every Content-Security-Policy
// violation, every value scripts gave <html lang>, and every moment the page showed the start
// screen's heading in one of others (a flash back to English as the app starts) or a call
// link to another number than href.
func watchPage(others []string, href string) string {
	list, _ := json.Marshal(others)
	return `window.__watch = {csp: [], flashes: [], langs: []};
	document.addEventListener("securitypolicyviolation", (e) => window.__watch.csp.push(e.violatedDirective + " " + e.blockedURI));
	new MutationObserver(() => {
		const h = document.getElementById("screen-title");
		const said = h ? h.textContent : "";
		const others = ` + string(list) + `;
		// While the early script hides the page (the parser's English, before the swap) nothing shows.
		const shown = document.documentElement.style.visibility !== "hidden";
		if (shown && others.includes(said)) window.__watch.flashes.push("heading " + said);
		const call = document.querySelector("[data-screen=start] a.button-call");
		if (shown && call && call.getAttribute("href") !== ` + strconv.Quote(href) + `) window.__watch.flashes.push("call " + call.getAttribute("href"));
	}).observe(document, {subtree: true, childList: true, characterData: true});
	new MutationObserver((records) => {
		for (const r of records) {
			if (r.target === document.documentElement) window.__watch.langs.push(r.target.lang);
		}
	}).observe(document, {subtree: true, attributes: true, attributeFilter: ["lang"]});`
}

// beforeApp is what the page shows while the app downloads.
type beforeApp struct {
	Lang, Heading, Title, Description, Loader, Start string
	Templates, DuplicateIDs, Hidden                  int
}

const readBeforeApp = `(() => {
	const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
	return {lang: document.documentElement.lang, heading: document.getElementById("screen-title")?.textContent || "",
		title: document.title, description: document.querySelector('meta[name="description"]').content,
		loader: document.getElementById("app-wasm-loader-label")?.textContent || "",
		start: document.querySelector("[data-screen=start] .button-start")?.textContent || "",
		templates: document.querySelectorAll("template").length, duplicateIDs: ids.length - new Set(ids).size,
		hidden: getComputedStyle(document.documentElement).visibility === "hidden" ? 1 : 0};
})()`

// TestBrowserPrerender: while the app downloads (its wasm held after the first bytes), a
// browser in Spanish (es-ES, es-MX), or asking ?lang=es, reads the start screen, <html lang>,
// the title, the description and go-app's loader line with its percentage in Spanish; an
// English one reads them as before; then the app starts in the same language with no flash of
// another; no templates are left, no id is doubled, and the page breaks no rule of its CSP.
func TestBrowserPrerender(t *testing.T) {
	k := browsertest.Knowledge(t)
	langs := k.Meta().Languages
	if err := os.MkdirAll(prerenderShotsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		locale, query, want string
		// saved, when set, is the country the person chose, with Spanish in the picker, in
		// this tab's saved session before the page loads.
		saved string
	}{
		{"es-ES", "", "es", ""},
		{"es-MX", "", "es", ""},
		{"es", "", "es", ""},
		{"en-US", "?lang=es", "es", ""},
		{"en-US", "", "en", ""},
		{"en-GB", "", "en", ""},
		{"fr-FR", "", "en", ""},
		{"en-US", "", "es", "MX"},
	} {
		name := tc.locale + tc.query
		if tc.saved != "" {
			name += "-saved-" + tc.want + "-" + tc.saved
		}
		t.Run(name, func(t *testing.T) {
			if !slices.Contains(langs, tc.want) {
				t.Skipf("the base lacks %q", tc.want)
			}
			url, gate := gatedSite(t, k)
			country := k.EmergencyNumbers().ForLocale(tc.locale).Country
			var store string
			if tc.saved != "" {
				country, store = tc.saved, savedChoice(t, k, tc.locale, tc.want, tc.saved)
			}
			ctx := browsertest.New(t, 2*time.Minute)
			browsertest.Locale(t, ctx, tc.locale)
			var others []string
			for _, l := range langs {
				if l != tc.want {
					others = append(others, k.UI("start_title", l))
				}
			}
			watch := watchPage(others, wantCall(k, tc.want, country).Href)
			if store != "" {
				watch = fmt.Sprintf(`sessionStorage.getItem("spotcheck") || sessionStorage.setItem("spotcheck", %s);`, strconv.Quote(store)) + watch
			}
			if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watch}); err != nil {
				t.Fatal(err)
			}
			browsertest.Do(t, ctx, chromedp.EmulateViewport(375, 812), chromedp.Navigate(url+tc.query))

			// The loader line in the language, with a percentage go-app counted (not the
			// prerendered 0): the first bytes of the wasm have arrived.
			before, after, _ := strings.Cut(k.UI("loading", tc.want), "{progress}")
			loader := regexp.MustCompile(`^` + regexp.QuoteMeta(before) + `([1-9][0-9]?)` + regexp.QuoteMeta(after) + `$`)
			if err := browsertest.Until(ctx, `/^`+jsRegexpBody(loader)+`/.test(document.getElementById("app-wasm-loader-label")?.textContent)`, 30*time.Second); err != nil {
				t.Errorf("the loader line: %v", err)
			}
			got := browsertest.Eval[beforeApp](t, ctx, readBeforeApp)
			want := beforeApp{Lang: tc.want, Heading: k.UI("start_title", tc.want), Title: k.UI("page_title", tc.want),
				Description: k.UI("tagline", tc.want), Loader: got.Loader, Start: k.UI("start", tc.want)}
			if got != want || !loader.MatchString(got.Loader) {
				t.Errorf("before the app: %+v\nwant %+v with the loader as %s", got, want, loader)
			}
			// The emergency number: the chosen country, else the one of the browser's locale,
			// when the table lists it; else "your local emergency number" with the default.
			type call struct{ Href, Text, Intro, Note string }
			gotCall := browsertest.Eval[call](t, ctx, `(() => {
				const box = document.querySelector("[data-screen=start] .emergency-call");
				const text = (sel) => box.querySelector(sel)?.textContent || "";
				return {href: box.querySelector("a.button-call").getAttribute("href"), text: text("a.button-call"),
					intro: text(".call-intro"), note: text(".call-note")};
			})()`)
			wc := wantCall(k, tc.want, country)
			if wantNote := k.EmergencyNumbers().ForCountry(country).Note.In(tc.want); gotCall != (call{wc.Href, wc.Text, wc.Intro, wantNote}) {
				t.Errorf("before the app, the start screen's call: %+v, want %+v with the note %q", gotCall, wc, wantNote)
			}
			// What the phone shows first, and the whole page (go-app's loader is fixed at
			// the bottom of the screen: in the whole page it lands mid-way).
			screen, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			whole, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			file := strings.NewReplacer("?", "", "=", "-").Replace(name)
			for suffix, png := range map[string][]byte{"": screen, "-page": whole} {
				if err := os.WriteFile(filepath.Join(prerenderShotsDir, file+"-loading"+suffix+"-375.png"), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}

			gate.open()
			browsertest.WaitJS(t, ctx, `!document.getElementById("app-wasm-loader") && document.querySelector("[data-screen=start] .button-start:not([disabled])")`, 60*time.Second)
			app := browsertest.Eval[beforeApp](t, ctx, readBeforeApp)
			wantApp := beforeApp{Lang: tc.want, Heading: k.UI("start_title", tc.want),
				Title:       strings.NewReplacer("{screen}", k.UI("start_title", tc.want), "{name}", k.UI("name", tc.want)).Replace(k.UI("screen_title", tc.want)),
				Description: k.UI("tagline", tc.want), Start: k.UI("start", tc.want)}
			if err := browsertest.Until(ctx, fmt.Sprintf(`document.title === %q`, wantApp.Title), 10*time.Second); err != nil {
				t.Errorf("the app's title: %v", err)
			}
			app.Title = browsertest.Eval[string](t, ctx, `document.title`)
			if app != wantApp {
				t.Errorf("the app: %+v\nwant %+v", app, wantApp)
			}
			type watched struct{ CSP, Flashes, Langs []string }
			w := browsertest.Eval[watched](t, ctx, `window.__watch`)
			for _, l := range w.Langs {
				if l != tc.want {
					w.Flashes = append(w.Flashes, "<html lang> "+l)
				}
			}
			if len(w.CSP) > 0 {
				t.Errorf("CSP violations: %q", w.CSP)
			}
			if len(w.Flashes) > 0 {
				t.Errorf("showed another language than %s: %q", tc.want, w.Flashes)
			}
		})
	}
}

// savedChoice is this tab's saved session as the app writes it once the person has picked
// lang in the header and country for the emergency number, from a first visit in a browser
// set to locale (its own profile: the next visit's wasm is not in a worker's cache).
func savedChoice(t *testing.T, k *triage.Knowledge, locale, lang, country string) string {
	t.Helper()
	url := startSite(t, k)
	ctx := browsertest.New(t, time.Minute)
	browsertest.Locale(t, ctx, locale)
	browsertest.Do(t, ctx, chromedp.Navigate(url))
	browsertest.WaitJS(t, ctx, `!document.getElementById("app-wasm-loader") && document.querySelector("#start-country")`, 60*time.Second)
	browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(`.languages button[lang=`+lang+`]`)))
	browsertest.WaitJS(t, ctx, `document.documentElement.lang === `+strconv.Quote(lang), 10*time.Second)
	browsertest.Eval[bool](t, ctx, `(() => { const s = document.getElementById("start-country"); s.value = `+strconv.Quote(country)+`;
		return s.dispatchEvent(new Event("change", {bubbles: true})); })()`)
	saved := fmt.Sprintf(`(JSON.parse(sessionStorage.getItem("spotcheck") || "{}").Lang === %q && JSON.parse(sessionStorage.getItem("spotcheck")).Country === %q)`, lang, country)
	browsertest.WaitJS(t, ctx, saved, 10*time.Second)
	return browsertest.Eval[string](t, ctx, `sessionStorage.getItem("spotcheck")`)
}

// jsRegexpBody is re's pattern without its anchors, for a JavaScript regular expression
// literal (QuoteMeta's escapes mean the same there; slashes are escaped).
func jsRegexpBody(re *regexp.Regexp) string {
	return strings.ReplaceAll(strings.TrimPrefix(re.String(), "^"), "/", `\/`)
}
