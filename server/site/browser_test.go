package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"spotcheck/internal/browsertest"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's Chromium through a recording proxy: every request the
// browser makes (the page's, the service worker's, anyone's) goes through it, so the proxy's
// log is the whole list of what left the browser. The proxy answers for one origin from the
// handler under test and refuses every other; "offline" makes it drop every connection, for
// the page and the worker alike.

// origin is the site's address as the browser sees it. Nothing listens there: the proxy
// answers for it. 127.0.0.1 is a secure context, so service workers run.
const origin = "127.0.0.1:8999"

// webDir is the built app (make build); SPOTCHECK_WEB_DIR points elsewhere.
func webDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("SPOTCHECK_WEB_DIR")
	if dir == "" {
		dir = filepath.Join("..", "..", "build", "web")
	}
	if _, err := os.Stat(filepath.Join(dir, "app.wasm")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s/app.wasm is missing: make build", dir)
		}
		t.Skipf("%s/app.wasm is missing: make build first", dir)
	}
	return dir
}

// seen is one request as the proxy received it.
type seen struct {
	method, host, path string
	query, cookie      bool
	at                 time.Time
}

type proxy struct {
	mu      sync.Mutex
	h       http.Handler
	offline bool
	log     []seen
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.log = append(p.log, seen{method: r.Method, host: r.Host, path: r.URL.Path,
		query: r.URL.RawQuery != "", cookie: r.Header.Get("Cookie") != "", at: time.Now()})
	h, offline := p.h, p.offline
	p.mu.Unlock()
	if offline {
		if c, _, err := http.NewResponseController(w).Hijack(); err == nil {
			c.Close()
		}
		return
	}
	if r.Method == http.MethodConnect || r.Host != origin {
		http.Error(w, "off-site", http.StatusForbidden)
		return
	}
	h.ServeHTTP(w, r)
}

func (p *proxy) set(h http.Handler, offline bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.h, p.offline = h, offline
}

// since returns the requests logged at or after t, but Chromium's own.
func (p *proxy) since(t time.Time) []seen {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []seen
	for _, s := range p.log {
		if !s.at.Before(t) && !chromiumService(s.host) {
			out = append(out, s)
		}
	}
	return out
}

// chromiumService reports whether host is one of Google's, which Chromium itself calls even
// with its background networking off (sign-in, network time, component updates). The app
// cannot: its Content-Security-Policy limits the page and the worker to their own origin,
// which TestHeaders checks on every response.
func chromiumService(host string) bool {
	host, _, _ = strings.Cut(host, ":")
	for _, d := range []string{".google.com", ".googleapis.com", ".gvt1.com"} {
		if strings.HasSuffix(host, d) {
			return true
		}
	}
	return false
}

// browse starts the proxy for h and a fresh Chromium that sends everything through it.
func browse(t *testing.T, h http.Handler) (context.Context, *proxy) {
	t.Helper()
	p := &proxy{h: h}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	ctx := browsertest.NewWith(t, 3*time.Minute,
		chromedp.ProxyServer("http://"+srv.Listener.Addr().String()),
		chromedp.Flag("proxy-bypass-list", "<-loopback>"),
	)
	return ctx, p
}

func siteHandler(t *testing.T, opts Options) (*Site, http.Handler) {
	t.Helper()
	s, err := Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	return s, &handler{site: s, log: discard()}
}

func run(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor evaluates js until it is true, through navigations (an evaluation that a
// navigation interrupts is tried again).
func waitFor(t *testing.T, ctx context.Context, js string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(`+js+`)`))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %v, still not %s (last error: %v)", timeout, js, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// The app has started when go-app has removed its loader.
const (
	appStarted   = `!document.getElementById("app-wasm-loader") && document.readyState === "complete"`
	offlineReady = `window.spotcheckOffline && window.spotcheckOffline.ready`
)

// loadApp opens url and waits until the app runs and its offline cache is complete.
func loadApp(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	run(t, ctx, chromedp.Navigate(url))
	waitFor(t, ctx, appStarted, 60*time.Second)
	waitFor(t, ctx, offlineReady, 90*time.Second)
	if got := eval[string](t, ctx, `document.documentElement.dataset.offline || ""`); got != "ready" {
		t.Errorf(`<html data-offline> = %q after spotcheck:offline-ready, want "ready"`, got)
	}
	// A first install is not an update: neither offline.js nor go-app may say so.
	time.Sleep(300 * time.Millisecond)
	if eval[bool](t, ctx, `window.spotcheckOffline.updateAvailable || !!document.querySelector(".notice button")`) {
		t.Error("the first visit offers an update")
	}
}

// goOfflineAndReload cuts the network for the page and the worker, reloads, and waits for the
// app to run again from the worker's cache.
func goOfflineAndReload(t *testing.T, ctx context.Context, p *proxy) {
	t.Helper()
	p.set(p.h, true)
	run(t, ctx, chromedp.Reload())
	waitFor(t, ctx, appStarted, 30*time.Second)
	if ok := eval[bool](t, ctx, `!!navigator.serviceWorker.controller`); !ok {
		t.Error("the page reloaded offline is not controlled by the worker")
	}
}

// triage answers every question with its last option (usually "not sure"), numbers with 30,
// until the result shows. It needs the real UI (app/ui).
const triage = `(async () => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  for (let i = 0; i < 300; i++) {
    if (document.querySelector(".screen.result")) return true;
    const start = document.querySelector(".screen.start .button-start:not([disabled])");
    if (start) { start.click(); await sleep(50); continue; }
    const q = document.querySelector(".screen.question");
    if (!q) { await sleep(50); continue; }
    for (const input of q.querySelectorAll("input[type=number]")) {
      if (!input.value) {
        input.value = "30";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
    for (const g of q.querySelectorAll("[role=group]")) {
      const options = g.querySelectorAll("button");
      if (options.length) options[options.length - 1].click();
    }
    await sleep(50);
    const next = [...document.querySelectorAll(".screen.question button.button")].pop();
    if (next) next.click();
    await sleep(50);
  }
  return false;
})()`

func completeTriage(t *testing.T, ctx context.Context) {
	t.Helper()
	if os.Getenv("SPOTCHECK_NO_TRIAGE") != "" {
		return // a stand-in app for working on this package alone
	}
	if !eval[bool](t, ctx, triage) {
		t.Fatal("the triage did not reach a result")
	}
}

func installabilityErrors(t *testing.T, ctx context.Context) []string {
	t.Helper()
	res, err := chromedp.Call(ctx, page.GetInstallabilityErrors, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range res.InstallabilityErrors {
		out = append(out, e.ErrorID)
	}
	return out
}

// TestBrowserOffline: the first visit caches everything; with the network gone for the page
// and the worker, a reload still runs the app and a whole triage.
func TestBrowserOffline(t *testing.T) {
	dir := webDir(t)
	s, h := siteHandler(t, Options{Dir: dir})
	ctx, p := browse(t, h)
	loadApp(t, ctx, "http://"+origin+"/")
	if errs := installabilityErrors(t, ctx); len(errs) > 0 {
		t.Errorf("installability errors: %v", errs)
	}
	cached := eval[[]string](t, ctx, `(async () => {
	  const names = await caches.keys();
	  const c = await caches.open(names[0]);
	  return (await c.keys()).map((r) => new URL(r.url).pathname).sort();
	})()`)
	var want []string
	for _, p := range s.Paths() {
		if p != workerPath {
			want = append(want, p)
		}
	}
	if !slices.Equal(cached, want) {
		t.Errorf("cached %v\nwant   %v", cached, want)
	}
	goOfflineAndReload(t, ctx, p)
	completeTriage(t, ctx)
}

// TestBrowserPrivacy is the proof of "no data leaves the device": during the first visit and
// a whole triage, every request the browser makes is a GET of one of the site's static files
// on its own origin, without a query or a cookie; none comes after the app has loaded; and
// nothing is stored but the worker's cache.
func TestBrowserPrivacy(t *testing.T) {
	dir := webDir(t)
	s, h := siteHandler(t, Options{Dir: dir})
	ctx, p := browse(t, h)
	start := time.Now()
	loadApp(t, ctx, "http://"+origin+"/")
	loaded := time.Now()
	completeTriage(t, ctx)
	time.Sleep(time.Second)

	paths := s.Paths()
	all := p.since(start)
	if len(all) == 0 {
		t.Fatal("the proxy saw no request")
	}
	for _, r := range all {
		if r.host != origin || (r.method != http.MethodGet && r.method != http.MethodHead) ||
			r.query || r.cookie || !slices.Contains(paths, r.path) {
			t.Errorf("request %s %s%s (query %v, cookie %v): not a static GET of the site", r.method, r.host, r.path, r.query, r.cookie)
		}
	}
	for _, r := range p.since(loaded) {
		t.Errorf("request after the app loaded: %s %s", r.method, r.path)
	}
	t.Logf("%d requests, all before the app loaded: %v", len(all), requestPaths(all))

	cookies, err := chromedp.CallBrowser(ctx, storage.GetCookies, storage.GetCookiesParams{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cookies.Cookies) > 0 {
		t.Errorf("cookies: %v", cookies.Cookies)
	}
	stored := eval[[]string](t, ctx, `(async () => {
	  const out = [];
	  if (document.cookie) out.push("document.cookie: " + document.cookie);
	  if (localStorage.length) out.push("localStorage: " + localStorage.length);
	  if (sessionStorage.length) out.push("sessionStorage: " + sessionStorage.length);
	  for (const db of await indexedDB.databases()) out.push("indexedDB: " + db.name);
	  for (const name of await caches.keys()) out.push("cache: " + name);
	  return out;
	})()`)
	if want := []string{"cache: spotcheck:/:" + s.Version()}; !slices.Equal(stored, want) {
		t.Errorf("stored %v, want only %v", stored, want)
	}
}

func requestPaths(rs []seen) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.method+" "+r.path)
	}
	return out
}

// TestBrowserUpdate: version A is cached and running; the server switches to B; at the next
// visit the app (still A, from the cache) offers the reload, and after it runs B.
func TestBrowserUpdate(t *testing.T) {
	dir := webDir(t)
	_, a := siteHandler(t, Options{Dir: dir, Version: "version-a"})
	_, b := siteHandler(t, Options{Dir: dir, Version: "version-b"})
	ctx, p := browse(t, a)
	url := "http://" + origin + "/"
	loadApp(t, ctx, url)
	p.set(b, false)
	run(t, ctx, chromedp.Reload())
	waitFor(t, ctx, appStarted, 30*time.Second)
	if v := eval[string](t, ctx, `goappGetenv("GOAPP_VERSION")`); v != "version-a" {
		t.Errorf("after the switch, the page runs %q, want version-a from the cache", v)
	}
	waitFor(t, ctx, `window.spotcheckOffline.updateAvailable`, 60*time.Second)
	if got := eval[string](t, ctx, `document.documentElement.dataset.update || ""`); got != "available" {
		t.Errorf(`<html data-update> = %q, want "available"`, got)
	}
	// The UI's notice has the reload button; the stand-in app has none.
	reload := `window.spotcheckOffline.reload()`
	if eval[bool](t, ctx, `!!document.querySelector(".notice button")`) {
		reload = `document.querySelector(".notice button").click()`
	}
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`setTimeout(() => `+reload+`, 0)`))
	waitFor(t, ctx, appStarted+` && goappGetenv("GOAPP_VERSION") === "version-b"`, 30*time.Second)
	waitFor(t, ctx, offlineReady+` && window.spotcheckOffline.version === "version-b"`, 30*time.Second)
}

// TestBrowserStaticSubPath: `server static` under a sub-path, served by a plain file server,
// loads, caches, and runs offline.
func TestBrowserStaticSubPath(t *testing.T) {
	dir := webDir(t)
	const base = "/sub/path"
	s, err := Build(Options{Dir: dir, Prefix: base})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if err := s.WriteStatic(out); err != nil {
		t.Fatal(err)
	}
	files := http.StripPrefix(base, http.FileServer(http.Dir(out)))
	ctx, p := browse(t, files)
	loadApp(t, ctx, "http://"+origin+base+"/")
	if errs := installabilityErrors(t, ctx); len(errs) > 0 {
		t.Errorf("installability errors: %v", errs)
	}
	goOfflineAndReload(t, ctx, p)
	if got := eval[string](t, ctx, `location.pathname`); got != base+"/" {
		t.Errorf("location %q", got)
	}
	completeTriage(t, ctx)
	for _, r := range p.since(time.Time{}) {
		if !strings.HasPrefix(r.path, base+"/") {
			t.Errorf("request outside the sub-path: %s %s", r.method, r.path)
		}
	}
}
