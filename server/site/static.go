package site

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// WriteStatic writes the site to dir as files for any static host or CDN: the pages as
// index.html (or NAME.html), the generated scripts, the manifest and the worker at the top,
// and the web directory under web/ with its .br and .gz encodings (hosts such as nginx's
// gzip_static and brotli_static serve them). The site's prefix is the sub-path it will be
// served at. dir is created if needed; files already there are replaced, others left alone.
//
// A static host sends none of the server's headers: the page carries the
// Content-Security-Policy (less frame-ancestors) and the referrer policy in <meta> tags, and
// _headers holds them all for hosts that read that file (Netlify, Cloudflare Pages).
func (s *Site) WriteStatic(dir string) error {
	for p, r := range s.resources {
		name := strings.TrimPrefix(p, "/")
		switch {
		case p == "/":
			name = "index.html"
		case strings.HasSuffix(p, "/"):
			name += "index.html"
		case path.Ext(p) == "":
			name += ".html"
		}
		if err := writeFile(dir, name, r.body); err != nil {
			return err
		}
		if !strings.HasPrefix(p, "/web/") {
			continue
		}
		for ext, b := range map[string][]byte{".br": r.br, ".gz": r.gz} {
			if b != nil {
				if err := writeFile(dir, name+ext, b); err != nil {
					return err
				}
			}
		}
	}
	return writeFile(dir, "_headers", s.headersFile())
}

func writeFile(dir, name string, b []byte) error {
	full := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return fmt.Errorf("static: %w", err)
	}
	if err := os.WriteFile(full, b, 0o644); err != nil {
		return fmt.Errorf("static: %w", err)
	}
	return nil
}

// headersFile is _headers: the security headers for every path, and no-cache everywhere
// (the worker is the long-lived cache).
func (s *Site) headersFile() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "%s/*\n", s.prefix)
	for _, k := range sortedKeys(securityHeaders) {
		fmt.Fprintf(&b, "  %s: %s\n", k, securityHeaders[k][0])
	}
	b.WriteString("  Cache-Control: no-cache\n")
	// Embedding: the framed pages and the snippet replace the headers that differ ("! Name"
	// detaches what the rule above set, in Cloudflare Pages' syntax; a header not listed
	// again, X-Frame-Options on the pages, is dropped).
	for _, p := range sortedKeys(s.headers) {
		framed := s.headers[p]
		names := []string{s.prefix + p}
		if p == "/" {
			names = append(names, s.prefix+"/index.html")
		}
		for _, name := range names {
			fmt.Fprintf(&b, "%s\n", name)
			for _, k := range sortedKeys(securityHeaders) {
				if v, ok := framed[k]; !ok || v[0] != securityHeaders[k][0] {
					fmt.Fprintf(&b, "  ! %s\n", k)
				}
			}
			for _, k := range sortedKeys(framed) {
				if framed[k][0] != securityHeaders.Get(k) {
					fmt.Fprintf(&b, "  %s: %s\n", k, framed[k][0])
				}
			}
		}
	}
	return []byte(b.String())
}
