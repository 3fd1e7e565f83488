// Package site is Spotcheck's web front: it renders the go-app shell (page, scripts, manifest,
// service worker) once at start, loads the built web directory, and serves all of it from
// memory behind a hardened handler (security headers, GET and HEAD only, precompressed bodies,
// validators, an access log and /healthz). The same rendered site is what `server static`
// writes to disk.
//
// The server never sees a case: every request it can answer is a static GET.
package site

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path"
	"sort"
	"strings"
)

// Options configure a site.
type Options struct {
	// Dir is the built web directory, served under /web/ (default "build/web"). It must hold
	// app.wasm and the icons under icons/.
	Dir string

	// Prefix is the path the site lives under when it is not at the root of its host, such as
	// "/spotcheck" (no trailing slash; empty for the root). Requests outside it get 404.
	Prefix string

	// Version names this deployment; the service worker's cache is keyed by it and a change
	// makes every open app offer a reload. Empty means a hash of everything the site serves,
	// which is what production wants: the same files give the same Version.
	Version string

	// App is the app's identity and pages (app/ui's App, built on the loaded knowledge base).
	App App

	// Logger receives the access log and errors; nil means slog.Default().
	Logger *slog.Logger

	// EmbedOrigins are the partner origins allowed to frame the app (see ParseEmbedOrigins);
	// none keeps frame-ancestors 'none'.
	EmbedOrigins []string
}

// Site is a rendered site: every path it serves and what it serves there.
type Site struct {
	prefix    string
	version   string
	resources map[string]*resource // by path inside the prefix ("/", "/app.js", "/web/app.wasm")
	// headers are the paths whose security headers differ from securityHeaders (embedding).
	headers map[string]http.Header
	origins []string
}

// Build renders and loads everything a site serves.
func Build(opts Options) (*Site, error) {
	if opts.Dir == "" {
		opts.Dir = "build/web"
	}
	prefix, err := cleanPrefix(opts.Prefix)
	if err != nil {
		return nil, err
	}
	origins, err := ParseEmbedOrigins(strings.Join(opts.EmbedOrigins, " "))
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	a := opts.App
	if a == nil {
		return nil, errors.New("site: no App to serve")
	}
	files, err := loadDir(opts.Dir)
	if err != nil {
		return nil, err
	}
	wasm, ok := files["/web/app.wasm"]
	if !ok {
		return nil, fmt.Errorf("site: %s/app.wasm is missing (run make build)", opts.Dir)
	}
	for _, icon := range iconPaths {
		if _, ok := files[icon]; !ok {
			return nil, fmt.Errorf("site: %s%s is missing", opts.Dir, strings.TrimPrefix(icon, "/web"))
		}
	}
	sh := shell{app: a, prefix: prefix, wasmSize: len(wasm.body), precache: precacheList(prefix, a, files), origins: origins}

	version := opts.Version
	if version == "" {
		// Render once with a placeholder Version to hash what the shell serves, so that a
		// change to the page, a script or the worker is a new Version, like a change to a file.
		draft, err := sh.render("0")
		if err != nil {
			return nil, err
		}
		version = contentVersion(files, draft)
	}
	generated, err := sh.render(version)
	if err != nil {
		return nil, err
	}
	resources := files
	for p, r := range generated {
		resources[p] = r
	}
	return &Site{prefix: prefix, version: version, resources: resources,
		headers: headersFor(pages(a), origins), origins: origins}, nil
}

// Version is the site's Version.
func (s *Site) Version() string { return s.version }

// Paths lists every path the site serves, prefix included, sorted.
func (s *Site) Paths() []string {
	out := make([]string, 0, len(s.resources))
	for p := range s.resources {
		out = append(out, s.prefix+p)
	}
	sort.Strings(out)
	return out
}

// cleanPrefix normalises a sub-path ("spotcheck/" becomes "/spotcheck"; "/" becomes "").
func cleanPrefix(p string) (string, error) {
	if p == "" || p == "/" {
		return "", nil
	}
	c := "/" + strings.Trim(p, "/")
	if c != path.Clean(c) || strings.ContainsAny(c, "?#%\\ \t\r\n\"'<>") || strings.Contains(c, "/.") {
		return "", fmt.Errorf("site: prefix %q: only plain path segments are allowed", p)
	}
	return c, nil
}
