package site

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

// New builds the site (see Build) and returns its hardened handler:
//   - every response carries the security headers (CSP, nosniff, no-referrer, a
//     Permissions-Policy that denies everything, COOP/COEP/CORP, no framing);
//   - GET and HEAD only, anything else 405 with Allow;
//   - only the paths the site renders or loaded from the web directory exist; encoded slashes
//     and backslashes, dot segments and anything outside the prefix are 404;
//   - bodies in brotli or gzip by Accept-Encoding, with Vary and a validator per encoding,
//     conditional requests (304) and ranges;
//   - /healthz answers 200 "ok" (at the root and under the prefix);
//   - one access-log line per request: method, path without the query, status, bytes,
//     encoding, duration. No address, no user agent.
func New(opts Options) (http.Handler, error) {
	s, err := Build(opts)
	if err != nil {
		return nil, err
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.Default()
	}
	settleMemory(s)
	return &handler{site: s, log: logger}, nil
}

type handler struct {
	site *Site
	log  *slog.Logger
	// active counts the requests being answered and cut the responses cut short, so that
	// Serve can tell, after closing the connections at its deadline, whether any was.
	active sync.WaitGroup
	cut    atomic.Int64
}

// Access-log fields are capped: a 16 KB path must not make a 16 KB line.
const (
	maxLoggedPath   = 256
	maxLoggedMethod = 32
)

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.active.Add(1)
	defer h.active.Done()
	start := time.Now()
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	enc := h.serve(rec, r)
	msg := "request"
	if rec.failed {
		h.cut.Add(1)
		msg = "request cut short" // the status was sent, the body was not all
	}
	h.log.LogAttrs(context.Background(), slog.LevelInfo, msg,
		slog.String("method", capped(r.Method, maxLoggedMethod)),
		slog.String("path", capped(r.URL.Path, maxLoggedPath)),
		slog.Int("status", rec.status),
		slog.Int64("bytes", rec.bytes),
		slog.String("encoding", enc),
		slog.Duration("duration", time.Since(start)),
	)
}

// cutCount is how many responses have been cut short so far (0 for a handler not ours).
func (h *handler) cutCount() int64 {
	if h == nil {
		return 0
	}
	return h.cut.Load()
}

// settle waits for the requests still being answered (their writes fail at once on a closed
// connection) and returns cutCount.
func (h *handler) settle() int64 {
	if h == nil {
		return 0
	}
	h.active.Wait()
	return h.cut.Load()
}

// capped is s cut to at most n bytes (on a character boundary), with a marker saying how long
// it was.
func capped(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "...[cut, " + strconv.Itoa(len(s)) + " bytes]"
}

// serve answers r and returns the content encoding it chose.
func (h *handler) serve(w http.ResponseWriter, r *http.Request) string {
	hdr := w.Header()
	setSecurityHeaders(hdr)
	if len(r.TransferEncoding) > 0 {
		// A body we never read, framed by Transfer-Encoding (perhaps with a Content-Length
		// too, RFC 9112 section 6.3): what follows on the connection cannot be trusted.
		hdr.Set("Connection", "close")
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		plain(w, http.StatusMethodNotAllowed, "method not allowed")
		return ""
	}
	p, ok := h.site.inner(r)
	if !ok {
		if r.URL.Path == h.site.prefix && h.site.prefix != "" && r.URL.RawPath == "" {
			hdr.Set("Cache-Control", "no-cache")
			http.Redirect(w, r, h.site.prefix+"/", http.StatusMovedPermanently)
			return ""
		}
		if r.URL.Path != "/healthz" {
			plain(w, http.StatusNotFound, "not found")
			return ""
		}
		p = "/healthz"
	}
	if p == "/healthz" {
		hdr.Set("Cache-Control", "no-store")
		plain(w, http.StatusOK, "ok")
		return ""
	}
	res, ok := h.site.resources[p]
	if !ok {
		plain(w, http.StatusNotFound, "not found")
		return ""
	}
	if framed, ok := h.site.headers[p]; ok {
		for k := range securityHeaders {
			delete(hdr, k)
		}
		for k, v := range framed {
			hdr[k] = v
		}
	}
	v := &res.identity
	if res.br != nil || res.gz != nil {
		hdr["Vary"] = varyAcceptEncoding
		switch chooseEncoding(r.Header.Values("Accept-Encoding"), res.br != nil, res.gz != nil) {
		case "br":
			v = &res.brotli
		case "gzip":
			v = &res.gzip
		}
	}
	// Keys are written in canonical form ("Etag"), as Header.Set would.
	hdr["Content-Type"] = v.contentType
	hdr["Cache-Control"] = v.cacheControl
	hdr["Etag"] = v.etag
	if v.encoding != "" {
		hdr["Content-Encoding"] = v.contentEncoding
	}
	if unconditional(r) {
		// What http.ServeContent answers to a request without validators or ranges, without
		// its copying through a buffer (a body-sized allocation each time).
		hdr["Accept-Ranges"] = acceptRangesBytes
		hdr["Content-Length"] = v.contentLen
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			w.Write(v.body)
		}
		return v.encoding
	}
	http.ServeContent(lengthWriter{w, len(v.body)}, withUsableRange(r), "", time.Time{}, bytes.NewReader(v.body))
	return v.encoding
}

var (
	varyAcceptEncoding = []string{"Accept-Encoding"}
	acceptRangesBytes  = []string{"bytes"}
)

// unconditional reports whether r has none of the headers that make http.ServeContent answer
// anything but the whole body: validators and ranges. (If-Modified-Since and
// If-Unmodified-Since do nothing: the site's files have no modification time.)
func unconditional(r *http.Request) bool {
	h := r.Header
	return h["Range"] == nil && h["If-None-Match"] == nil && h["If-Match"] == nil && h["If-Range"] == nil
}

// inner maps a request path to a path inside the site's prefix. Paths that a file server
// would have to interpret (encoded slashes or backslashes, dot segments, doubled slashes)
// are refused rather than cleaned: the site has no such path.
func (s *Site) inner(r *http.Request) (string, bool) {
	raw := r.URL.EscapedPath()
	if strings.Contains(strings.ToLower(raw), "%2f") || strings.Contains(strings.ToLower(raw), "%5c") {
		return "", false
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || strings.Contains(p, "//") ||
		strings.Contains(p+"/", "/./") || strings.Contains(p+"/", "/../") {
		return "", false
	}
	if s.prefix == "" {
		return p, true
	}
	rest, ok := strings.CutPrefix(p, s.prefix)
	if !ok || !strings.HasPrefix(rest, "/") {
		return "", false
	}
	return rest, true
}

// plain writes a short text answer that no cache keeps.
func plain(w http.ResponseWriter, status int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	if h.Get("Cache-Control") == "" {
		h.Set("Cache-Control", "no-store")
	}
	h.Set("Content-Length", strconv.Itoa(len(msg)+1))
	w.WriteHeader(status)
	w.Write([]byte(msg + "\n"))
}

// recorder notes the status and the bytes written, for the access log.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	failed bool // a write failed: the response was cut short
}

func (r *recorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	if err != nil {
		r.failed = true
	}
	return n, err
}
