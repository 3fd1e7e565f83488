package site

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// App is what the site needs to know about the app: its identity for the page and the
// manifest, and its pages. The UI (app/ui's App) provides it; the site does not import the UI,
// so that its caller decides which UI, with which knowledge base, it serves.
type App interface {
	Name() string      // the installed app's name
	ShortName() string // the name where space is short (under an icon)
	Title() string     // the page title
	Description() string
	LoadingLabel() string // go-app's loader text; "{progress}" is replaced by the percent
	Languages() []string  // the languages the page is prerendered in, the served one ("en") first
	ThemeColor() string
	BackgroundColor() string
	Styles() []string // stylesheets, paths under /web/
	Pages() []string  // every route to prerender and cache
	Routes()          // registers the routes with go-app (app.Route)
}

// The icons, drawn by internal/icongen into web/icons.
const (
	iconSVG      = "/web/icons/icon.svg"
	icon192      = "/web/icons/icon-192.png"
	icon512      = "/web/icons/icon-512.png"
	iconMaskable = "/web/icons/maskable-512.png"
)

var iconPaths = []string{iconSVG, icon192, icon512, iconMaskable}

// The shell's own files, next to what go-app generates.
const (
	workerPath   = "/app-worker.js"
	offlinePath  = "/offline.js"
	manifestPath = "/manifest.webmanifest"
)

var (
	//go:embed worker.js
	workerJS string
	//go:embed offline.js
	offlineJS string
)

// precacheMarker is where the worker template takes its list of URLs.
const precacheMarker = "/*PRECACHE*/[]"

// shell renders the go-app part of the site: pages, app.js, wasm_exec.js, app.css, the worker
// and the manifest.
type shell struct {
	app      App
	prefix   string
	wasmSize int
	precache []string // URLs (prefix included) the worker caches at install
	origins  []string // who may embed the app (embed-frame.js's allowlist)
}

// pages are the app's routes to prerender and cache ("/" when it names none).
func pages(a App) []string {
	if p := a.Pages(); len(p) > 0 {
		return p
	}
	return []string{"/"}
}

// handler is the go-app handler for version.
func (s shell) handler(version string) *app.Handler {
	var res app.ResourceResolver = app.LocalDir("")
	if s.prefix != "" {
		res = app.PrefixedLocation(s.prefix)
	}
	return &app.Handler{
		Name:            s.app.Name(),
		ShortName:       s.app.ShortName(),
		Title:           s.app.Title(),
		Description:     s.app.Description(),
		LoadingLabel:    s.app.LoadingLabel(),
		Lang:            "en",
		HTML:            pageElement(s.app),
		ThemeColor:      s.app.ThemeColor(),
		BackgroundColor: s.app.BackgroundColor(),
		Icon:            app.Icon{Default: icon192, Large: icon512, SVG: iconSVG, Maskable: iconMaskable},
		Styles:          s.app.Styles(),
		// The Trusted Types policy blocks (no defer): it must exist before app.js runs; so does
		// the early script (before the first paint). The deferred scripts run before
		// DOMContentLoaded, long before the wasm has downloaded.
		Scripts: []string{trustedTypesPath, prerenderPath, frameScriptPath + " defer", offlinePath + " defer"},
		// The policy again in the page, for static hosts that cannot send headers (a meta
		// policy cannot carry frame-ancestors; the server's header does).
		RawHeaders: []string{
			`<meta http-equiv="Content-Security-Policy" content="` + metaCSP + `">`,
			`<meta name="referrer" content="no-referrer">`,
		},
		Resources:             res,
		Version:               version,
		WasmContentLength:     strconv.Itoa(s.wasmSize),
		ServiceWorkerTemplate: workerJS,
	}
}

// render returns every generated resource for version, by path inside the prefix.
func (s shell) render(version string) (map[string]*resource, error) {
	s.app.Routes() // go-app's router is global; registering a route again replaces it
	h := s.handler(version)
	out := map[string]*resource{}
	paths := append([]string{"/app.js", "/wasm_exec.js", "/app.css", workerPath}, pages(s.app)...)
	for _, p := range paths {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("site: rendering %s: go-app answered %d", p, rec.Code)
		}
		body := rec.Body.Bytes()
		if p == workerPath {
			list, _ := json.Marshal(s.precache)
			if !strings.Contains(string(body), precacheMarker) {
				return nil, fmt.Errorf("site: worker template has no %s", precacheMarker)
			}
			body = []byte(strings.Replace(string(body), precacheMarker, string(list), 1))
		}
		r, err := newResource(p, body, nil, nil)
		if err != nil {
			return nil, err
		}
		out[p] = r
	}
	for p, body := range map[string][]byte{offlinePath: []byte(offlineJS), trustedTypesPath: []byte(trustedTypesJS),
		prerenderPath: []byte(prerenderJS), frameScriptPath: frameScript(s.origins), manifestPath: s.manifest()} {
		r, err := newResource(p, body, nil, nil)
		if err != nil {
			return nil, err
		}
		out[p] = r
	}
	return out, nil
}

// manifest is the web app manifest. go-app's own has scope "/" whatever the prefix, which
// breaks installing under a sub-path.
func (s shell) manifest() []byte {
	type icon struct {
		Src     string `json:"src"`
		Sizes   string `json:"sizes"`
		Type    string `json:"type"`
		Purpose string `json:"purpose,omitempty"`
	}
	root := s.prefix + "/"
	m := struct {
		ID              string `json:"id"`
		Name            string `json:"name"`
		ShortName       string `json:"short_name"`
		Description     string `json:"description"`
		Lang            string `json:"lang"`
		StartURL        string `json:"start_url"`
		Scope           string `json:"scope"`
		Display         string `json:"display"`
		BackgroundColor string `json:"background_color"`
		ThemeColor      string `json:"theme_color"`
		Icons           []icon `json:"icons"`
	}{
		ID: root, Name: s.app.Name(), ShortName: s.app.ShortName(), Description: s.app.Description(),
		Lang: "en", StartURL: root, Scope: root, Display: "standalone",
		BackgroundColor: s.app.BackgroundColor(), ThemeColor: s.app.ThemeColor(),
		Icons: []icon{
			{Src: s.prefix + iconSVG, Sizes: "any", Type: "image/svg+xml"},
			{Src: s.prefix + icon192, Sizes: "192x192", Type: "image/png"},
			{Src: s.prefix + icon512, Sizes: "512x512", Type: "image/png"},
			{Src: s.prefix + iconMaskable, Sizes: "512x512", Type: "image/png", Purpose: "maskable"},
		},
	}
	b, _ := json.MarshalIndent(m, "", "  ")
	return b
}

// precacheList is every URL the worker caches at install: the pages, go-app's scripts and
// styles, the manifest, and every file under /web/ (the wasm, knowledge, styles, icons,
// images). The pages are cached by the URL they are visited at: the prefix with its slash.
func precacheList(prefix string, a App, files map[string]*resource) []string {
	var out []string
	for _, p := range pages(a) {
		out = append(out, prefix+p)
	}
	for _, p := range []string{"/app.js", "/wasm_exec.js", "/app.css", offlinePath, trustedTypesPath, prerenderPath, frameScriptPath, manifestPath} {
		out = append(out, prefix+p)
	}
	var web []string
	for p := range files {
		web = append(web, prefix+p)
	}
	sort.Strings(web)
	return append(out, web...)
}
