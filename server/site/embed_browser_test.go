package site

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
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

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// Embedding in the browser: the app at origin (127.0.0.1), the demo partner at partnerHost
// (localhost: another site), allowed, and the same page at strangerHost, not allowed. One
// recording proxy answers for all three and refuses any other host, so that its log is every
// request the browser made.
const (
	partnerHost  = "localhost:8998"
	strangerHost = "localhost:8997"
)

type hostsProxy struct {
	mu     sync.Mutex
	hosts  map[string]http.Handler
	log    []seen
	framed []framedPage
}

// framedPage is a response to a frame's navigation (Sec-Fetch-Dest: iframe), as the proxy
// passed it to Chromium.
type framedPage struct {
	url, site string // the URL asked for and its Sec-Fetch-Site
	status    int
	header    http.Header
}

// statusWriter keeps the status a handler writes.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (p *hostsProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.log = append(p.log, seen{method: r.Method, host: r.Host, path: r.URL.Path,
		query: r.URL.RawQuery != "", cookie: r.Header.Get("Cookie") != "", at: time.Now()})
	p.mu.Unlock()
	h, ok := p.hosts[r.Host]
	if !ok || r.Method == http.MethodConnect {
		http.Error(w, "off-site", http.StatusForbidden)
		return
	}
	sw := &statusWriter{ResponseWriter: w}
	h.ServeHTTP(sw, r)
	if r.Header.Get("Sec-Fetch-Dest") == "iframe" {
		p.mu.Lock()
		p.framed = append(p.framed, framedPage{url: "http://" + r.Host + r.URL.RequestURI(),
			site: r.Header.Get("Sec-Fetch-Site"), status: sw.status, header: w.Header().Clone()})
		p.mu.Unlock()
	}
}

func (p *hostsProxy) framedPages() []framedPage {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.framed)
}

func (p *hostsProxy) requests() []seen {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.log)
}

// message is one message the partner page received from the frame.
type message map[string]any

// partnerWatch counts the partner page's iframe load events (a blocked frame fires one too)
// and the key events that reach the partner's own document (none while the frame has the
// focus: a keyboard walk in the frame must not type into the host page).
const partnerWatch = `window.frameLoads = 0; window.partnerKeys = 0;
document.addEventListener("load", (e) => { if (e.target.tagName === "IFRAME") window.frameLoads++; }, true);
document.addEventListener("keydown", () => window.partnerKeys++, true);`

// openPartner opens the partner page at host with the query and, when the frame is allowed,
// returns a context on the app's frame (another site's frame: its own target) once the app
// has said it is ready.
func openPartner(t *testing.T, ctx context.Context, host, query string, allowed bool) context.Context {
	t.Helper()
	browsertest.Do(t, ctx, chromedp.Navigate("http://"+host+"/"+query))
	if !allowed {
		browsertest.WaitJS(t, ctx, `window.frameLoads > 0`, 30*time.Second)
		return nil
	}
	browsertest.WaitJS(t, ctx, `window.spotcheckMessages.some(m => m.type === "spotcheck:ready")`, 60*time.Second)
	frame := appFrame(t, ctx)
	if frame == "" {
		t.Fatal("the app said it is ready, but no frame target shows it")
	}
	// Cancelling a frame's context closes its tab: the contexts end with the browser.
	fctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(frame))
	context.AfterFunc(ctx, cancel)
	// Attach now, with the frame context's own lifetime: the first Run on a context attaches
	// its target for as long as that Run's context lives.
	browsertest.Do(t, fctx)
	browsertest.WaitJS(t, fctx, browsertest.StartReady, 30*time.Second)
	// Chromium lets a cross-site frame move the focus (each screen focuses its heading) only
	// while the frame has it, as it has once the person clicks or tabs into it; a headless
	// tab never has the focus and a click sent over CDP does not always give it to the frame.
	for _, c := range []context.Context{ctx, fctx} {
		if _, err := chromedp.Call(c, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
			t.Fatal(err)
		}
	}
	browsertest.Eval[bool](t, ctx, `(document.querySelector("[data-spotcheck] iframe").focus(), true)`)
	browsertest.WaitJS(t, fctx, `document.hasFocus()`, 10*time.Second)
	return fctx
}

// appFrame is the target of a frame that shows the app, or "".
func appFrame(t *testing.T, ctx context.Context) target.ID {
	t.Helper()
	targets, err := chromedp.Targets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, ti := range targets {
		if ti.Type == "iframe" && strings.HasPrefix(ti.URL, "http://"+origin+"/") {
			return ti.TargetID
		}
	}
	return ""
}

// fitsContent: the frame's page has no scrollbar and the frame is as tall as its content.
const fitsContent = `document.documentElement.scrollHeight <= document.documentElement.clientHeight &&
	Math.abs(window.innerHeight - document.documentElement.getBoundingClientRect().height) < 1`

func TestBrowserEmbed(t *testing.T) {
	dir := webDir(t)
	s, app := siteHandler(t, Options{Dir: dir, EmbedOrigins: []string{"http://" + partnerHost}})
	partner, err := DemoPartner("http://" + origin + "/")
	if err != nil {
		t.Fatal(err)
	}
	p := &hostsProxy{hosts: map[string]http.Handler{origin: app, partnerHost: partner, strangerHost: partner}}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	ctx := browsertest.NewWith(t, 6*time.Minute,
		chromedp.ProxyServer("http://"+srv.Listener.Addr().String()),
		chromedp.Flag("proxy-bypass-list", "<-loopback>"),
	)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: partnerWatch}); err != nil {
		t.Fatal(err)
	}
	browsertest.Do(t, ctx, chromedp.EmulateViewport(1024, 768))
	axe := browsertest.AxeSource(t, "../../build/axe")

	t.Run("a triage inside the frame by mouse, the height following every screen", func(t *testing.T) {
		fctx := openPartner(t, ctx, partnerHost, "", true)
		partnerShot(t, ctx, fctx, "embed-partner", "")
		writeFramedHeaders(t, p.framedPages())
		if got := eval[string](t, ctx, `(() => { const a = document.querySelector("[data-spotcheck] a");
			return a ? a.href + " " + a.target + " " + a.rel : ""; })()`); got != "http://"+origin+"/ _blank noopener" {
			t.Errorf("the full-window link is %q", got)
		}
		if browsertest.Eval[bool](t, fctx, `navigator.serviceWorker.controller !== null`) {
			t.Error("the framed app is controlled by a service worker")
		}
		running := time.Now()
		h := &heightCheck{t: t, ctx: ctx, fctx: fctx}
		w := &browsertest.Walker{T: t, Ctx: fctx, K: browsertest.Knowledge(t), Walk: frameWalks["mouse"], OnScreen: h.screen}
		w.Run()
		h.enough(w)
		registrations := browsertest.Eval[int](t, fctx, `navigator.serviceWorker.getRegistrations().then(r => r.length)`)
		if registrations != 0 {
			t.Errorf("%d service workers registered inside the frame", registrations)
		}
		msgs := eval[[]message](t, ctx, `window.spotcheckMessages`)
		checkMessages(t, msgs, w.Screens)
		writeMessages(t, msgs)

		paths := s.Paths()
		var later []string
		for _, r := range p.requests() {
			if r.host == origin && r.at.After(running) {
				later = append(later, r.path)
			}
			if chromiumService(r.host) {
				continue
			}
			app := r.host == origin && slices.Contains(paths, r.path)
			partner := r.host == partnerHost && slices.Contains([]string{"/", "/partner.js", "/partner.css"}, r.path)
			if (!app && !partner) || r.method != http.MethodGet || r.cookie || (app && r.query) {
				t.Errorf("request %s %s%s (query %v, cookie %v): not a GET of the app's files or the partner's page", r.method, r.host, r.path, r.query, r.cookie)
			}
		}
		// Without the worker, a later screen's pictures come when it is shown.
		t.Logf("the app's requests once it ran: %v", later)
	})

	t.Run("a triage inside the frame by keyboard, the height following every screen", func(t *testing.T) {
		fctx := openPartner(t, ctx, partnerHost, "", true)
		h := &heightCheck{t: t, ctx: ctx, fctx: fctx}
		// The keys go to the frame's own target (its session, as a person's keys go to the
		// frame that has the focus); the host's document must see none of them.
		w := &browsertest.Walker{T: t, Ctx: fctx, K: browsertest.Knowledge(t), Walk: frameWalks["keyboard"], Keys: true, OnScreen: h.screen}
		w.Run()
		h.enough(w)
		if n := eval[int](t, ctx, `window.partnerKeys`); n != 0 {
			t.Errorf("the partner's page received %d key events of the walk in the frame", n)
		}
		checkMessages(t, eval[[]message](t, ctx, `window.spotcheckMessages`), w.Screens)
	})

	t.Run("in Spanish inside the frame, themed: axe clean on every screen, print on one page", func(t *testing.T) {
		k := browsertest.Knowledge(t)
		if !slices.Contains(k.Meta().Languages, "es") {
			t.Fatal(`the knowledge base lists no "es": the partner's data-lang="es" cannot be shown`)
		}
		fctx := openPartner(t, ctx, partnerHost, "?lang=es&accent=%23ffcc00&theme=dark", true)
		h := &heightCheck{t: t, ctx: ctx, fctx: fctx}
		w := &browsertest.Walker{T: t, Ctx: fctx, K: k, Walk: frameWalks["es"]}
		w.OnScreen = func(name string) {
			h.screen(name)
			if axe != "" {
				browsertest.CheckAxe(t, fctx, axe, "the framed, themed, Spanish screen "+name)
			}
		}
		w.OnResult = func() { printsOnePage(t, ctx, fctx, axe, "embed-print-es") }
		w.Run()
		h.enough(w)
	})

	t.Run("reset from the partner; wrong origins and malformed messages ignored", func(t *testing.T) {
		fctx := openPartner(t, ctx, partnerHost, "", true)
		// Listeners added after the frame script's run after it: once they have seen every
		// message, the frame script has decided on each; "spotcheck:reset" events are what it
		// passed to the app.
		browsertest.Eval[bool](t, fctx, `(() => {
			window.seenMessages = 0; window.resets = 0;
			window.addEventListener("message", () => window.seenMessages++);
			window.addEventListener("spotcheck:reset", () => window.resets++);
			return true;
		})()`)
		browsertest.Do(t, fctx, chromedp.Click(chromedp.CSS(`[data-screen=start] button`)))
		browsertest.WaitJS(t, fctx, `document.querySelector("[data-screen=ask]")`, 10*time.Second)
		// From the frame itself: the wrong origin and the wrong window.
		browsertest.Eval[bool](t, fctx, `(window.postMessage({type: "spotcheck:reset"}, "*"), true)`)
		bad := []string{`"spotcheck:reset"`, `{type: "spotcheck:reset", v: 2}`, `{type: "spotcheck:Reset"}`, `null`,
			`{type: ["spotcheck:reset"]}`, `{kind: "spotcheck:reset"}`}
		for _, m := range bad {
			browsertest.Eval[bool](t, ctx, fmt.Sprintf(`(document.querySelector("[data-spotcheck] iframe").contentWindow.postMessage(%s, "http://%s"), true)`, m, origin))
		}
		browsertest.WaitJS(t, fctx, fmt.Sprintf(`window.seenMessages === %d`, len(bad)+1), 10*time.Second)
		if n := browsertest.Eval[int](t, fctx, `window.resets`); n != 0 {
			t.Errorf("%d of the wrong or malformed messages were taken for a reset", n)
		}
		if st := browsertest.Eval[string](t, fctx, `document.querySelector("[data-screen]").dataset.screen`); st != "ask" {
			t.Errorf("after the ignored messages the app shows %q", st)
		}
		browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(`#reset`)))
		browsertest.WaitJS(t, fctx, `window.resets === 1 && document.querySelector("[data-screen=start]") &&
			document.activeElement === document.getElementById("screen-title")`, 10*time.Second)
	})

	t.Run("theming: allowed values applied, hostile ones ignored, axe clean", func(t *testing.T) {
		type look struct {
			Button, ButtonText, Page, Theme, Accent, Lang, Compact, HeaderPadding string
		}
		const read = `(() => {
			const b = getComputedStyle(document.querySelector(".button-start"));
			const d = document.documentElement.dataset;
			return {Button: b.backgroundColor, ButtonText: b.color, Page: getComputedStyle(document.body).backgroundColor,
				Theme: d.theme || "", Accent: d.accent || "", Lang: document.documentElement.lang, Compact: d.compact || "",
				HeaderPadding: getComputedStyle(document.querySelector(".site-header")).paddingTop};
		})()`
		// The partner's data-lang="es" shows Spanish where the base has it (the app reads the
		// fragment's lang as it reads ?lang=); a language it lacks keeps the browser's (English).
		es := "en"
		if slices.Contains(browsertest.Knowledge(t).Meta().Languages, "es") {
			es = "es"
		}
		cases := []struct {
			query string
			want  look
		}{
			{"?accent=%23ffcc00&theme=dark&lang=es&compact", look{"rgb(255, 204, 0)", "rgb(0, 0, 0)", "rgb(18, 20, 23)", "dark", "#ffcc00", es, "true", "6px"}},
			{"?accent=%23003366&theme=light", look{"rgb(0, 51, 102)", "rgb(255, 255, 255)", "rgb(244, 246, 248)", "light", "#003366", "en", "", "12px"}},
			{"?accent=red;}body{display:none}&theme=evil&lang=../x", look{"rgb(0, 112, 60)", "rgb(255, 255, 255)", "rgb(244, 246, 248)", "", "", "en", "", "12px"}},
			{`?accent="><script>alert(1)</script>&lang=xx`, look{"rgb(0, 112, 60)", "rgb(255, 255, 255)", "rgb(244, 246, 248)", "", "", "en", "", "12px"}},
		}
		for i, c := range cases {
			fctx := openPartner(t, ctx, partnerHost, c.query, true)
			if i == 0 {
				partnerShot(t, ctx, fctx, "embed-partner-themed", "")
			}
			if got := browsertest.Eval[look](t, fctx, read); got != c.want {
				t.Errorf("%s: %+v, want %+v", c.query, got, c.want)
			}
			if axe != "" {
				browsertest.CheckAxe(t, fctx, axe, "the framed start screen "+c.query)
			}
		}
	})

	t.Run("a partner not in the list cannot show the app", func(t *testing.T) {
		before := len(p.requests())
		openPartner(t, ctx, strangerHost, "", false)
		if frame := appFrame(t, ctx); frame != "" {
			// A blocked frame keeps its URL but shows Chromium's error page.
			fctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(frame))
			context.AfterFunc(ctx, cancel)
			browsertest.Do(t, fctx)
			if got := browsertest.Eval[string](t, fctx, `location.href + " " + !!document.querySelector("[data-screen]")`); got != "chrome-error://chromewebdata/ false" {
				t.Errorf("the frame on %s shows %q, want Chromium's error page", strangerHost, got)
			}
		}
		if msgs := eval[[]message](t, ctx, `window.spotcheckMessages`); len(msgs) > 0 {
			t.Errorf("the stranger received %v", msgs)
		}
		asked := false
		for _, r := range p.requests()[before:] {
			asked = asked || (r.host == origin && r.path == "/")
		}
		if !asked {
			t.Error("the frame never asked for the page: the test proves nothing about the headers")
		}
	})
}

// frameWalks are the walks inside the frame. Each answers an age in the number boxes, as
// most people do: a form submitted in the frame (the sandbox once refused every submission,
// so that no one could get past the age screen in a partner's page), a list of places and
// choices.
var frameWalks = map[string]browsertest.Walk{
	"mouse": {Name: "urgent", Want: "urgent", No: true, Answers: map[string]any{
		"blood_thinner": true, "glass_test": "does_not_fade", "age_years": 70.0, "fever": false,
		"spot_size": "pinpoint", "location": []string{"legs"},
	}},
	"keyboard": {Name: "self-care", Want: "self_care", No: true, Answers: map[string]any{
		"age_years": 16.0, "rough_bumps": true, "dry_skin": true, "worse_in_winter": true, "recurring": true,
		"itchy": false, "spot_size": "small", "location": []string{"arms", "legs"}, "duration_days": 200.0,
		"glass_test": "fades",
	}},
	"es": {Name: "urgent, in Spanish", Want: "urgent", Lang: "es", No: true, Answers: map[string]any{
		"blood_thinner": true, "glass_test": "does_not_fade", "age_years": 70.0, "fever": false,
		"spot_size": "pinpoint", "location": []string{"legs", "arms"}, "duration_days": 2.0,
	}},
}

// heightCheck checks, on every screen of a walk, that the frame fits its content (no
// scrollbar inside) and that the host made it as tall as the app's last resize message.
type heightCheck struct {
	t         *testing.T
	ctx, fctx context.Context
	screens   int
}

func (h *heightCheck) screen(name string) {
	h.t.Helper()
	h.screens++
	if err := browsertest.Until(h.fctx, fitsContent, 10*time.Second); err != nil {
		h.t.Fatalf("%s: %v\nthe frame's page: %v; the host's frame and last heights: %v", name, err,
			browsertest.Eval[[]float64](h.t, h.fctx, `[document.documentElement.scrollHeight, document.documentElement.clientHeight,
				window.innerHeight, document.documentElement.getBoundingClientRect().height]`),
			eval[[]float64](h.t, h.ctx, `[document.querySelector("[data-spotcheck] iframe").clientHeight,
				...window.spotcheckMessages.filter(m => m.type === "spotcheck:resize").slice(-3).map(m => m.height)]`))
	}
	host := eval[[]float64](h.t, h.ctx, `(() => {
			const resizes = window.spotcheckMessages.filter(m => m.type === "spotcheck:resize");
			return [document.querySelector("[data-spotcheck] iframe").clientHeight, resizes[resizes.length - 1].height];
		})()`)
	if host[0] != host[1] {
		h.t.Errorf("%s: the frame is %v px tall, the app's last height %v", name, host[0], host[1])
	}
}

// enough fails a walk whose screens were not all checked.
func (h *heightCheck) enough(w *browsertest.Walker) {
	h.t.Helper()
	if h.screens < 5 || h.screens != w.Screens {
		h.t.Errorf("the height checked on %d of the walk's %d screens", h.screens, w.Screens)
	}
}

// checkMessages: the host received only ready, resize (with a height) and done, version 1,
// one ready and one done for one walk, and a resize for most screens.
func checkMessages(t *testing.T, msgs []message, screens int) {
	t.Helper()
	counts := map[string]int{}
	for _, m := range msgs {
		typ, _ := m["type"].(string)
		counts[typ]++
		want := []string{"type", "v"}
		if typ == "spotcheck:resize" {
			want = []string{"height", "type", "v"}
		}
		if keys := slices.Sorted(maps.Keys(m)); !slices.Equal(keys, want) || m["v"] != 1.0 ||
			!slices.Contains([]string{"spotcheck:ready", "spotcheck:resize", "spotcheck:done"}, typ) {
			b, _ := json.Marshal(m)
			t.Errorf("message %s: want only ready, resize (with a height) and done, version 1", b)
		}
	}
	if counts["spotcheck:ready"] != 1 || counts["spotcheck:done"] != 1 || counts["spotcheck:resize"] < screens/2 {
		t.Errorf("messages by type %v over %d screens: want one ready, one done, resizes", counts, screens)
	}
	t.Logf("%d messages: %v", len(msgs), counts)
}

// embedOutput is where the walk's evidence goes for the closing note (git-ignored).
var embedOutput = filepath.Join("..", "..", "test-output", "embed2")

func writeOutput(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(embedOutput, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(embedOutput, name), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeMessages writes every message the host received in a walk, one a line, in order.
func writeMessages(t *testing.T, msgs []message) {
	t.Helper()
	var b strings.Builder
	for _, m := range msgs {
		line, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	writeOutput(t, "messages.jsonl", []byte(b.String()))
}

// writeFramedHeaders checks the response Chromium got for the frame's page, the headers
// that decide whether and how it may be framed, and writes them all to frame-headers.txt.
func writeFramedHeaders(t *testing.T, pages []framedPage) {
	t.Helper()
	i := slices.IndexFunc(pages, func(f framedPage) bool { return strings.HasPrefix(f.url, "http://"+origin+"/") })
	if i < 0 {
		t.Fatal("the proxy saw no frame navigation to the app (Sec-Fetch-Dest: iframe)")
	}
	f := pages[i]
	h := f.header
	csp := h.Get("Content-Security-Policy")
	checks := []struct {
		what string
		ok   bool
	}{
		{"status 200", f.status == http.StatusOK},
		{"a cross-site request", f.site == "cross-site"},
		{"CSP frame-ancestors with the partner alone", strings.HasSuffix(csp, "; frame-ancestors http://"+partnerHost) && strings.Count(csp, "frame-ancestors") == 1},
		{"no X-Frame-Options", h.Values("X-Frame-Options") == nil},
		{"COEP require-corp", h.Get("Cross-Origin-Embedder-Policy") == "require-corp"},
		{"CORP cross-origin", h.Get("Cross-Origin-Resource-Policy") == "cross-origin"},
		{"COOP same-origin", h.Get("Cross-Origin-Opener-Policy") == "same-origin"},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("the framed page's response: want %s; got status %d, Sec-Fetch-Site %q, headers %v", c.what, f.status, f.site, h)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "GET %s\nSec-Fetch-Dest: iframe, Sec-Fetch-Site: %s (the frame on http://%s)\n\n%d %s\n",
		f.url, f.site, partnerHost, f.status, http.StatusText(f.status))
	for _, name := range slices.Sorted(maps.Keys(h)) {
		for _, v := range h[name] {
			fmt.Fprintf(&b, "%s: %s\n", name, v)
		}
	}
	writeOutput(t, "frame-headers.txt", []byte(b.String()))
}

// An A4 page at 96 px to the inch, less the app's @page margins of 10 mm: the box the printed
// summary must fit.
const (
	printWidth  = 718  // 190 mm
	printHeight = 1046 // 277 mm
)

// printsOnePage is the print from inside the frame. The result's Print button makes Chromium
// print the frame's own document: its beforeprint fires there and not in the host (the
// sandbox lets a frame print only with allow-modals). Page.printToPDF works only on a
// top-level target, so the printed layout is checked on the frame's own target: print media
// emulated there, the frame as wide as the page's printable width; it must fit one page's
// height, show the printed parts and hide the screen's, and pass axe (its contrast, whatever
// the partner's theme). The frame is screenshot so, then put back.
func printsOnePage(t *testing.T, ctx, fctx context.Context, axe, name string) {
	t.Helper()
	// A task queued at beforeprint runs once print() has given the page back (headless
	// Chromium fires no afterprint): the walk's next click must not land while it runs.
	browsertest.Eval[bool](t, fctx, `(window.printAsked = false,
		addEventListener("beforeprint", () => setTimeout(() => window.printAsked = true), {once: true}), true)`)
	browsertest.Eval[bool](t, ctx, `(window.hostPrinted = false, addEventListener("beforeprint", () => window.hostPrinted = true, {once: true}), true)`)
	browsertest.Do(t, fctx, chromedp.Click(chromedp.CSS(`[data-screen=result] .buttons > button:not(.button-restart)`)))
	browsertest.WaitJS(t, fctx, `window.printAsked`, 10*time.Second)
	if eval[bool](t, ctx, `window.hostPrinted`) {
		t.Error("Print in the frame printed the partner's page")
	}

	frame := `document.querySelector("[data-spotcheck] iframe")`
	eval[bool](t, ctx, fmt.Sprintf(`(%s.style.width = "%dpx", true)`, frame, printWidth))
	media := func(m string) {
		if _, err := chromedp.Call(fctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m}); err != nil {
			t.Fatal(err)
		}
	}
	media("print")
	defer func() {
		media("")
		eval[bool](t, ctx, fmt.Sprintf(`(%s.style.width = "", true)`, frame))
		browsertest.WaitJS(t, fctx, `!matchMedia("print").matches && innerWidth > `+fmt.Sprint(printWidth), 10*time.Second)
		browsertest.WaitJS(t, fctx, fitsContent, 10*time.Second) // the walk clicks on at the right place
	}()
	browsertest.WaitJS(t, fctx, fmt.Sprintf(`matchMedia("print").matches && innerWidth === %d`, printWidth), 10*time.Second)
	browsertest.WaitJS(t, fctx, fitsContent, 10*time.Second)
	type printed struct {
		Height           float64
		Patient, Buttons bool
	}
	got := browsertest.Eval[printed](t, fctx, `(() => {
		const shown = (sel) => [...document.querySelectorAll(sel)].some(e => e.getClientRects().length > 0);
		return {Height: document.documentElement.getBoundingClientRect().height,
			Patient: shown("[data-screen=result] .patient"), Buttons: shown("[data-screen=result] .buttons")};
	})()`)
	if got.Height > printHeight || !got.Patient || got.Buttons {
		t.Errorf("printed from the frame: %.0f px tall (one A4 page holds %d), name and birth lines shown %v, buttons shown %v",
			got.Height, printHeight, got.Patient, got.Buttons)
	}
	t.Logf("printed from the frame: %.0f px of %d", got.Height, printHeight)
	if axe != "" {
		browsertest.CheckAxe(t, fctx, axe, "the result printed from the frame")
	}
	partnerShot(t, ctx, fctx, name, "[data-spotcheck] iframe")
}

// partnerShot writes a screenshot of the whole partner page, the frame in it (or of the
// element sel alone), to test-output/screenshots (the README shows it), once the frame fits
// its content.
func partnerShot(t *testing.T, ctx, fctx context.Context, name, sel string) {
	t.Helper()
	browsertest.WaitJS(t, fctx, fitsContent, 10*time.Second)
	// The page at its full height in the viewport (a full-page capture, which emulates a
	// taller screen, draws the cross-site frame taller than it is).
	height := eval[int64](t, ctx, `document.documentElement.scrollHeight`)
	browsertest.Do(t, ctx, chromedp.EmulateViewport(1024, height))
	browsertest.WaitJS(t, fctx, fitsContent, 10*time.Second)
	// Two frames later the frame's new size is painted too.
	browsertest.Eval[bool](t, fctx, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
	capture := chromedp.CaptureScreenshot()
	if sel != "" {
		capture = chromedp.Screenshot(chromedp.CSS(sel))
	}
	png, err := chromedp.Run(ctx, capture)
	browsertest.Do(t, ctx, chromedp.EmulateViewport(1024, 768))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("..", "..", "test-output", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}
