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

	"spotcheck/app/ui"
	"spotcheck/internal/browsertest"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
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

// siteHandler builds the site of the real UI (the built app.wasm is the real app; a test
// import of app/ui, which the package itself never imports) and its handler.
func siteHandler(t *testing.T, opts Options) (*Site, http.Handler) {
	t.Helper()
	if opts.App == nil {
		opts.App = ui.New(browsertest.Knowledge(t))
	}
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

// waitFor waits until js is true, through navigations.
func waitFor(t *testing.T, ctx context.Context, js string, timeout time.Duration) {
	t.Helper()
	browsertest.WaitJS(t, ctx, js, timeout)
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
	noUpdateOffered(t, ctx)
}

// noUpdateOffered checks that a first install is not taken for an update, by offline.js or by
// go-app. Offline-ready comes after the worker activated and claimed the page, so go-app has
// already called (or not) its update handler, which dispatches to the UI; a move of the UI
// (Start, then Back) is dispatched after it, so once the start screen shows again the notice
// would be there.
func noUpdateOffered(t *testing.T, ctx context.Context) {
	t.Helper()
	if eval[bool](t, ctx, `window.spotcheckOffline.updateAvailable`) {
		t.Error("the first visit: offline.js says an update is available")
	}
	const focused = `document.activeElement === document.getElementById("screen-title")`
	run(t, ctx, chromedp.Click(chromedp.CSS(`[data-screen=start] .button-start`)))
	waitFor(t, ctx, `document.querySelector("[data-screen=ask]") && `+focused, 10*time.Second)
	run(t, ctx, chromedp.Click(chromedp.CSS(`[data-screen=ask] .back`)))
	waitFor(t, ctx, `document.querySelector("[data-screen=start]") && `+focused, 10*time.Second)
	if eval[bool](t, ctx, `!!document.querySelector(".notice button")`) {
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

// completeTriage walks the whole interview answering "not sure" everywhere (the longest
// walk) with the one walker, which checks the result against the engine.
func completeTriage(t *testing.T, ctx context.Context) {
	t.Helper()
	w := &browsertest.Walker{T: t, Ctx: ctx, K: browsertest.Knowledge(t), Walk: browsertest.Walk{Name: "not sure"}}
	w.Run()
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
	idle := trackRequests(t, ctx)
	completeTriage(t, ctx)
	idle(10 * time.Second) // every request the triage made has reached the proxy

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

// trackRequests counts the tab's requests in flight; the function it returns waits until
// none is (each end is an event; nothing is guessed).
func trackRequests(t *testing.T, ctx context.Context) func(timeout time.Duration) {
	t.Helper()
	var mu sync.Mutex
	inflight := map[network.RequestID]bool{}
	changed := make(chan struct{}, 1)
	note := func(id network.RequestID, on bool) {
		mu.Lock()
		if on {
			inflight[id] = true
		} else {
			delete(inflight, id)
		}
		mu.Unlock()
		select {
		case changed <- struct{}{}:
		default:
		}
	}
	if err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			note(ev.RequestID, true)
		case *network.EventLoadingFinished:
			note(ev.RequestID, false)
		case *network.EventLoadingFailed:
			note(ev.RequestID, false)
		}
	}); err != nil {
		t.Fatal(err)
	}
	return func(timeout time.Duration) {
		t.Helper()
		deadline := time.After(timeout)
		for {
			mu.Lock()
			n := len(inflight)
			mu.Unlock()
			if n == 0 {
				return
			}
			select {
			case <-changed:
			case <-deadline:
				t.Fatalf("%d request(s) still in flight after %v", n, timeout)
			}
		}
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
	s, _ := siteHandler(t, Options{Dir: dir, Prefix: base})
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
