package site

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
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
	return &handler{site: s, log: logger}, nil
}

type handler struct {
	site *Site
	log  *slog.Logger
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	enc := h.serve(rec, r)
	h.log.LogAttrs(context.Background(), slog.LevelInfo, "request",
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
		slog.Int("status", rec.status),
		slog.Int64("bytes", rec.bytes),
		slog.String("encoding", enc),
		slog.Duration("duration", time.Since(start)),
	)
}

// serve answers r and returns the content encoding it chose.
func (h *handler) serve(w http.ResponseWriter, r *http.Request) string {
	hdr := w.Header()
	setSecurityHeaders(hdr)
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
	body, enc, tag := res.body, "", res.etag
	if res.br != nil || res.gz != nil {
		hdr.Set("Vary", "Accept-Encoding")
		switch chooseEncoding(r.Header.Get("Accept-Encoding"), res.br != nil, res.gz != nil) {
		case "br":
			body, enc, tag = res.br, "br", res.etag[:len(res.etag)-1]+`-br"`
		case "gzip":
			body, enc, tag = res.gz, "gzip", res.etag[:len(res.etag)-1]+`-gz"`
		}
	}
	hdr.Set("Content-Type", res.contentType)
	hdr.Set("Cache-Control", res.cacheControl)
	hdr.Set("ETag", tag)
	if enc != "" {
		hdr.Set("Content-Encoding", enc)
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	return enc
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

// chooseEncoding picks br, then gzip, if the client accepts them (q > 0), else "".
func chooseEncoding(accept string, br, gz bool) string {
	if accept == "" {
		return ""
	}
	okBr, okGz := false, false
	for _, part := range strings.Split(accept, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if q, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err != nil || v <= 0 {
				continue
			}
		}
		switch name {
		case "br":
			okBr = true
		case "gzip", "x-gzip":
			okGz = true
		}
	}
	switch {
	case br && okBr:
		return "br"
	case gz && okGz:
		return "gzip"
	}
	return ""
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
}

func (r *recorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}
