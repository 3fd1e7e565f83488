package site

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// placeholder stands in for the UI: these tests are about the server, not the app.
type placeholder struct{ app.Compo }

func (p *placeholder) Render() app.UI { return app.Main().Body(app.H1().Text("placeholder")) }

// stubApp is an App with fixed settings and the placeholder page.
type stubApp struct {
	name, shortName, title, description, themeColor, backgroundColor string
	styles                                                           []string
}

func (a *stubApp) Name() string            { return a.name }
func (a *stubApp) ShortName() string       { return a.shortName }
func (a *stubApp) Title() string           { return a.title }
func (a *stubApp) Description() string     { return a.description }
func (a *stubApp) LoadingLabel() string    { return "" }
func (a *stubApp) Languages() []string     { return []string{"en"} }
func (a *stubApp) ThemeColor() string      { return a.themeColor }
func (a *stubApp) BackgroundColor() string { return a.backgroundColor }
func (a *stubApp) Styles() []string        { return a.styles }
func (a *stubApp) Pages() []string         { return []string{"/"} }
func (a *stubApp) Routes() {
	app.Route("/", func() app.Composer { return &placeholder{} })
}

var testApp = &stubApp{
	name: "Spotcheck test", shortName: "Spotcheck", title: "Spotcheck test", description: "test",
	themeColor: "#00529b", backgroundColor: "#ffffff", styles: []string{"/web/css/test.css"},
}

// testDir is a small web directory: the repository's icons, a stylesheet, and a stand-in
// app.wasm (compressible text; the server does not look inside).
func testDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	icons, err := filepath.Glob(filepath.Join("..", "..", "web", "icons", "*"))
	if err != nil || len(icons) == 0 {
		t.Fatalf("no icons in web/icons: %v", err)
	}
	must(t, os.MkdirAll(filepath.Join(dir, "icons"), 0o755))
	must(t, os.MkdirAll(filepath.Join(dir, "css"), 0o755))
	for _, f := range icons {
		b, err := os.ReadFile(f)
		must(t, err)
		must(t, os.WriteFile(filepath.Join(dir, "icons", filepath.Base(f)), b, 0o644))
	}
	must(t, os.WriteFile(filepath.Join(dir, "css", "test.css"), []byte(strings.Repeat("body { margin: 0 }\n", 50)), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "app.wasm"), bytes.Repeat([]byte("\x00asm wasm stand-in "), 4000), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, ".secret"), []byte("not served"), 0o644))
	return dir
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func newTestHandler(t testing.TB, opts Options) http.Handler {
	t.Helper()
	if opts.Dir == "" {
		opts.Dir = testDir(t)
	}
	if opts.App == nil {
		opts.App = testApp
	}
	if opts.Logger == nil {
		opts.Logger = discard()
	}
	h, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func do(h http.Handler, method, target string, hdr ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func checkSecurityHeaders(t *testing.T, what string, h http.Header) {
	t.Helper()
	for k, v := range securityHeaders {
		if got := h.Get(k); got != v[0] {
			t.Errorf("%s: %s = %q, want %q", what, k, got, v[0])
		}
	}
	if c := h.Get("Content-Security-Policy"); strings.Contains(c, "unsafe-inline") || strings.Contains(c, "'unsafe-eval'") ||
		!strings.Contains(c, "frame-ancestors 'none'") || !strings.Contains(c, "default-src 'none'") {
		t.Errorf("%s: weak CSP %q", what, c)
	}
	for _, f := range []string{"camera=()", "microphone=()", "geolocation=()"} {
		if !strings.Contains(h.Get("Permissions-Policy"), f) {
			t.Errorf("%s: Permissions-Policy lacks %s", what, f)
		}
	}
}

// TestHeaders: every kind of response carries the security headers.
func TestHeaders(t *testing.T) {
	h := newTestHandler(t, Options{})
	page := do(h, "GET", "/")
	cases := []struct {
		name   string
		w      *httptest.ResponseRecorder
		status int
	}{
		{"200 page", page, 200},
		{"200 wasm", do(h, "GET", "/web/app.wasm", "Accept-Encoding", "br"), 200},
		{"200 HEAD", do(h, "HEAD", "/app.js"), 200},
		{"206 range", do(h, "GET", "/web/icons/icon-512.png", "Range", "bytes=0-9"), 206},
		{"304", do(h, "GET", "/", "If-None-Match", page.Header().Get("ETag")), 304},
		{"404", do(h, "GET", "/nope"), 404},
		{"404 traversal", do(h, "GET", "/web/../web/app.wasm"), 404},
		{"405", do(h, "POST", "/"), 405},
		{"healthz", do(h, "GET", "/healthz?probe=1"), 200},
	}
	for _, c := range cases {
		if c.w.Code != c.status {
			t.Errorf("%s: status %d, want %d", c.name, c.w.Code, c.status)
		}
		checkSecurityHeaders(t, c.name, c.w.Header())
	}
	if cc := page.Header().Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("page Cache-Control %q", cc)
	}
	if cc := do(h, "GET", "/nope").Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("404 Cache-Control %q", cc)
	}
	if got := do(h, "DELETE", "/").Header().Get("Allow"); got != "GET, HEAD" {
		t.Errorf("405 Allow %q", got)
	}
}

// TestMethods: GET and HEAD only.
func TestMethods(t *testing.T) {
	h := newTestHandler(t, Options{})
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "get"} {
		for _, p := range []string{"/", "/web/app.wasm", "/healthz", "/nope"} {
			if w := do(h, m, p); w.Code != http.StatusMethodNotAllowed {
				t.Errorf("%s %s: %d, want 405", m, p, w.Code)
			}
		}
	}
	if w := do(h, "HEAD", "/web/app.wasm"); w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Length") == "" {
		t.Errorf("HEAD: %d, %d body bytes, Content-Length %q", w.Code, w.Body.Len(), w.Header().Get("Content-Length"))
	}
}

// TestEncodings: brotli, then gzip, by Accept-Encoding, each with Vary and its own ETag; the
// bodies decode to the file.
func TestEncodings(t *testing.T) {
	dir := testDir(t)
	h := newTestHandler(t, Options{Dir: dir})
	want, _ := os.ReadFile(filepath.Join(dir, "app.wasm"))
	tags := map[string]bool{}
	for _, c := range []struct{ accept, enc string }{
		{"gzip, deflate, br, zstd", "br"}, {"gzip", "gzip"}, {"br;q=0, gzip;q=0.5", "gzip"},
		{"", ""}, {"identity", ""}, {"deflate", ""}, {"BR", "br"},
	} {
		w := do(h, "GET", "/web/app.wasm", "Accept-Encoding", c.accept)
		if got := w.Header().Get("Content-Encoding"); got != c.enc {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", c.accept, got, c.enc)
		}
		if w.Header().Get("Vary") != "Accept-Encoding" || w.Header().Get("Content-Type") != "application/wasm" {
			t.Errorf("Accept-Encoding %q: Vary %q, Content-Type %q", c.accept, w.Header().Get("Vary"), w.Header().Get("Content-Type"))
		}
		if got := decode(t, c.enc, w.Body.Bytes()); !bytes.Equal(got, want) {
			t.Errorf("Accept-Encoding %q: body differs from app.wasm", c.accept)
		}
		tags[w.Header().Get("ETag")] = true
	}
	if len(tags) != 3 {
		t.Errorf("ETags %v: want one per encoding", tags)
	}
	if w := do(h, "GET", "/web/icons/icon-192.png", "Accept-Encoding", "br"); w.Header().Get("Content-Encoding") != "" || w.Header().Get("Vary") != "" {
		t.Error("a PNG was compressed")
	}
}

func decode(t *testing.T, enc string, b []byte) []byte {
	t.Helper()
	var r io.Reader = bytes.NewReader(b)
	switch enc {
	case "br":
		r = brotli.NewReader(r)
	case "gzip":
		z, err := gzip.NewReader(r)
		must(t, err)
		r = z
	}
	out, err := io.ReadAll(r)
	must(t, err)
	return out
}

// TestPrecompressed: the build's .br and .gz files are served as they are, and not as files.
func TestPrecompressed(t *testing.T) {
	dir := testDir(t)
	wasm, err := os.ReadFile(filepath.Join(dir, "app.wasm"))
	must(t, err)
	// A prebuilt gzip of the current file, marked by its header so that it can be told apart.
	var prebuilt bytes.Buffer
	zw := gzip.NewWriter(&prebuilt)
	zw.Name = "prebuilt"
	_, err = zw.Write(wasm)
	must(t, err)
	must(t, zw.Close())
	must(t, os.WriteFile(filepath.Join(dir, "app.wasm.gz"), prebuilt.Bytes(), 0o644))
	// A brotli copy of an older build: serving it would run old code.
	var stale bytes.Buffer
	bw := brotli.NewWriter(&stale)
	_, err = bw.Write([]byte("the app as it was yesterday"))
	must(t, err)
	must(t, bw.Close())
	must(t, os.WriteFile(filepath.Join(dir, "app.wasm.br"), stale.Bytes(), 0o644))

	h := newTestHandler(t, Options{Dir: dir})
	if w := do(h, "GET", "/web/app.wasm", "Accept-Encoding", "gzip"); !bytes.Equal(w.Body.Bytes(), prebuilt.Bytes()) {
		t.Error("gzip: the prebuilt encoding of the current file was not served as it is")
	}
	w := do(h, "GET", "/web/app.wasm", "Accept-Encoding", "br")
	got, err := io.ReadAll(brotli.NewReader(w.Body))
	if w.Header().Get("Content-Encoding") != "br" || err != nil || !bytes.Equal(got, wasm) {
		t.Errorf("br: a stale precompressed copy was served (decodes to %d bytes, want %d: %v)", len(got), len(wasm), err)
	}
	if w := do(h, "GET", "/web/app.wasm.br"); w.Code != 404 {
		t.Errorf("app.wasm.br as a file: %d", w.Code)
	}
}

// TestPaths: only the site's own paths exist; traversal, encoded slashes and backslashes,
// dot files and doubled slashes are 404.
func TestPaths(t *testing.T) {
	h := newTestHandler(t, Options{})
	for _, p := range []string{"/", "/app.js", "/app-worker.js", "/wasm_exec.js", "/app.css", "/offline.js",
		"/manifest.webmanifest", "/web/app.wasm", "/web/css/test.css", "/web/icons/icon.svg", "/?q=1"} {
		if w := do(h, "GET", p); w.Code != 200 {
			t.Errorf("GET %s: %d, want 200", p, w.Code)
		}
	}
	for _, p := range []string{
		"/web/../web/app.wasm", "/web/./app.wasm", "/web//app.wasm", "//web/app.wasm",
		"/web%2fapp.wasm", "/web%2Fapp.wasm", "/web%5capp.wasm", "/web\\app.wasm",
		"/web/..%2fweb/app.wasm", "/web/%2e%2e/web/app.wasm", "/web/.secret", "/web/",
		"/web", "/web/css", "/web/icons/", "/robots.txt", "/goapp.js", "/manifest.json", "/app.wasm",
		"/index.html", "/web/app.wasm/", "/../etc/passwd", "/web/../../etc/passwd",
		"/web/app.wasm%00", "/web/app.wasm.br",
	} {
		if w := do(h, "GET", p); w.Code != 404 {
			t.Errorf("GET %s: %d, want 404", p, w.Code)
		}
	}
}

// TestPrefix: under a prefix, everything moves under it and nothing else is served.
func TestPrefix(t *testing.T) {
	h := newTestHandler(t, Options{Prefix: "/sub/path/"})
	for p, status := range map[string]int{
		"/sub/path/": 200, "/sub/path/web/app.wasm": 200, "/sub/path/app.js": 200,
		"/sub/path": 301, "/": 404, "/web/app.wasm": 404, "/sub/pathx/": 404, "/sub/": 404,
		"/healthz": 200, "/sub/path/healthz": 200,
	} {
		if w := do(h, "GET", p); w.Code != status {
			t.Errorf("GET %s: %d, want %d", p, w.Code, status)
		}
	}
	page := do(h, "GET", "/sub/path/").Body.String()
	for _, want := range []string{`href="/sub/path/manifest.webmanifest"`, `src="/sub/path/app.js"`, `/sub/path/web/css/test.css`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	var m struct {
		Scope    string `json:"scope"`
		StartURL string `json:"start_url"`
	}
	must(t, json.Unmarshal(do(h, "GET", "/sub/path/manifest.webmanifest").Body.Bytes(), &m))
	if m.Scope != "/sub/path/" || m.StartURL != "/sub/path/" {
		t.Errorf("manifest scope %q start_url %q", m.Scope, m.StartURL)
	}
	worker := do(h, "GET", "/sub/path/app-worker.js").Body.String()
	if !strings.Contains(worker, `"/sub/path/","/sub/path/app.js"`) {
		t.Errorf("worker precache list lacks the page at /sub/path/: %s", worker)
	}
	for _, bad := range []string{"/a?b", "/a/../b", "/a b", "/%2e"} {
		if _, err := New(Options{Dir: testDir(t), App: testApp, Prefix: bad}); err == nil {
			t.Errorf("prefix %q accepted", bad)
		}
	}
}

// TestVersion: Version is a hash of the content, the same for the same files, another when
// one changes; the worker and app.js carry it.
func TestVersion(t *testing.T) {
	dir := testDir(t)
	build := func() *Site {
		s, err := Build(Options{Dir: dir, App: testApp})
		must(t, err)
		return s
	}
	a, b := build(), build()
	if a.Version() != b.Version() || len(a.Version()) != 20 {
		t.Errorf("versions %q and %q of the same files", a.Version(), b.Version())
	}
	must(t, os.WriteFile(filepath.Join(dir, "css", "test.css"), []byte("body{}"), 0o644))
	c := build()
	if c.Version() == a.Version() {
		t.Error("Version did not change with a file")
	}
	for _, p := range []string{workerPath, "/app.js"} {
		if !bytes.Contains(c.resources[p].body, []byte(c.Version())) {
			t.Errorf("%s lacks the Version", p)
		}
	}
	if !bytes.Contains(c.resources["/app.js"].body, []byte(`"`+strconv.Itoa(len(c.resources["/web/app.wasm"].body))+`"`)) {
		t.Error("app.js lacks WasmContentLength")
	}
}

// TestBuildErrors: a web directory without the wasm or the icons is refused.
func TestBuildErrors(t *testing.T) {
	dir := testDir(t)
	must(t, os.Remove(filepath.Join(dir, "icons", "icon-512.png")))
	if _, err := Build(Options{Dir: dir, App: testApp}); err == nil || !strings.Contains(err.Error(), "icon-512.png") {
		t.Errorf("missing icon: %v", err)
	}
	must(t, os.Remove(filepath.Join(dir, "app.wasm")))
	if _, err := Build(Options{Dir: dir, App: testApp}); err == nil || !strings.Contains(err.Error(), "app.wasm") {
		t.Errorf("missing wasm: %v", err)
	}
	if _, err := Build(Options{Dir: filepath.Join(dir, "nope"), App: testApp}); err == nil {
		t.Error("missing directory accepted")
	}
}

// TestAccessLog: one line a request, without the query string.
func TestAccessLog(t *testing.T) {
	var buf bytes.Buffer
	h := newTestHandler(t, Options{Logger: slogTo(&buf)})
	do(h, "GET", "/web/app.wasm?secret=rash", "Accept-Encoding", "br")
	do(h, "POST", "/?x=1")
	out := buf.String()
	if strings.Contains(out, "secret") || strings.Contains(out, "rash") || strings.Contains(out, "x=1") {
		t.Errorf("the log has a query string: %s", out)
	}
	for _, want := range []string{"path=/web/app.wasm", "status=200", "encoding=br", "method=POST", "status=405"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %s: %s", want, out)
		}
	}
	if n := strings.Count(out, "\n"); n != 2 {
		t.Errorf("%d lines, want 2", n)
	}
}

// serve runs the test handler behind a real server with l's limits.
func serve(t *testing.T, l Limits) string {
	t.Helper()
	return serveHandler(t, newTestHandler(t, Options{}), l)
}

// serveHandler runs h behind a real server with l's limits and returns its address.
func serveHandler(t *testing.T, h http.Handler, l Limits) string {
	t.Helper()
	srv := NewServer("", h, l, discard())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, srv, ln, time.Second) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return ln.Addr().String()
}

// TestServerLimits: oversized headers get 431; a client that sends its headers too slowly is
// cut off.
func TestServerLimits(t *testing.T) {
	l := DefaultLimits
	l.ReadHeader = 300 * time.Millisecond
	addr := serve(t, l)

	req, _ := http.NewRequest("GET", "http://"+addr+"/", nil)
	req.Header.Set("X-Big", strings.Repeat("a", 64<<10))
	res, err := http.DefaultClient.Do(req)
	must(t, err)
	res.Body.Close()
	if res.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("64 KiB header: %d, want 431", res.StatusCode)
	}

	c, err := net.Dial("tcp", addr)
	must(t, err)
	defer c.Close()
	start := time.Now()
	if _, err := c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n")); err != nil {
		t.Fatal(err)
	}
	// ... and never the rest: the server must give up on its own.
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, err = bufio.NewReader(c).ReadString('\n')
	if took := time.Since(start); err == nil && took > 5*time.Second || took > 4*time.Second {
		t.Errorf("slow client held the connection for %v", took)
	}

	res, err = http.Get("http://" + addr + "/healthz")
	must(t, err)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Errorf("healthz after the slow client: %d", res.StatusCode)
	}
}

// TestGracefulShutdown: a request in flight when the server is told to stop still finishes.
func TestGracefulShutdown(t *testing.T) {
	slow, started := make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-slow
		io.WriteString(w, "done")
	})
	srv := NewServer("", h, DefaultLimits, discard())
	shuttingDown := make(chan struct{})
	srv.RegisterOnShutdown(func() { close(shuttingDown) })
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, srv, ln, 5*time.Second) }()
	got := make(chan string, 1)
	go func() {
		res, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		got <- string(b)
	}()
	<-started // the request is in flight
	cancel()
	<-shuttingDown // Serve has begun the shutdown with the request still running
	if _, err := net.Dial("tcp", ln.Addr().String()); err == nil {
		t.Error("the server still accepts connections while shutting down")
	}
	close(slow)
	if s := <-got; s != "done" {
		t.Errorf("in-flight request got %q", s)
	}
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

// FuzzPaths: no request path makes the handler panic, answer without the security headers,
// or serve something that is not one of the site's resources.
func FuzzPaths(f *testing.F) {
	for _, seed := range []string{"/", "/web/app.wasm", "/web/../web/app.wasm", "/web%2fapp.wasm",
		"/%2e%2e/%2e%2e/etc/passwd", "//", "/web/.secret", "/healthz", "/\x00", "/web/icons/icon.svg?x",
		"/sub/path/", "/web/app.wasm.br", "*", "/%zz", "/web/\\..\\app.wasm"} {
		f.Add(seed)
	}
	h := newTestHandler(f, Options{})
	bodies := map[string]bool{}
	for _, p := range []string{"/", "/app.js", "/app-worker.js", "/wasm_exec.js", "/app.css", "/offline.js",
		"/manifest.webmanifest", "/web/app.wasm", "/web/css/test.css"} {
		bodies[do(h, "GET", p).Body.String()] = true
	}
	f.Fuzz(func(t *testing.T, p string) {
		r, err := http.NewRequest("GET", "http://x"+p, nil)
		if err != nil || r.URL.Host != "x" {
			return
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		checkSecurityHeaders(t, p, w.Header())
		switch w.Code {
		case 200:
			if !bodies[w.Body.String()] && w.Body.String() != "ok\n" && !strings.HasPrefix(r.URL.Path, "/web/icons/") {
				t.Errorf("%q: 200 with an unexpected body", p)
			}
		case 301, 404:
		default:
			t.Errorf("%q: status %d", p, w.Code)
		}
	})
}
