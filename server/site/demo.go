package site

import (
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
)

// The demo partner: a page at another origin that embeds the app as a partner would, with a
// strict policy of its own (Trusted Types, COEP: require-corp, no inline script), so that it
// shows what embedding needs from a partner and what it does not. It lists every message the
// app sends it, and can send the app a reset. The query sets the snippet's data attributes
// (lang, accent, theme, compact), passed on unchecked, as a careless partner would: the app
// must ignore what is not allowed.

//go:embed demo
var demoFiles embed.FS

var demoPage = template.Must(template.ParseFS(demoFiles, "demo/partner.html"))

// DemoPartner is the demo partner page's handler for the app at appURL (its root, such as
// "http://127.0.0.1:8000/").
func DemoPartner(appURL string) (http.Handler, error) {
	u, err := url.Parse(appURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("demo-partner: -app %q: want the app's URL, such as http://127.0.0.1:8000/", appURL)
	}
	origin := u.Scheme + "://" + u.Host
	root := origin + strings.TrimSuffix(u.Path, "/") + "/"
	policy := strings.Join([]string{
		"default-src 'none'",
		"script-src 'self' " + root + "web/embed.js",
		"frame-src " + root,
		"style-src 'self'",
		"base-uri 'none'",
		"form-action 'none'",
		"require-trusted-types-for 'script'",
		"trusted-types 'none'",
	}, "; ")
	js, _ := demoFiles.ReadFile("demo/partner.js")
	css, _ := demoFiles.ReadFile("demo/partner.css")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", policy)
		h.Set("Cross-Origin-Embedder-Policy", "require-corp")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-store")
		switch r.URL.Path {
		case "/":
			q := r.URL.Query()
			h.Set("Content-Type", "text/html; charset=utf-8")
			demoPage.Execute(w, map[string]any{
				"Embed": root + "web/embed.js", "App": origin,
				"Lang": q.Get("lang"), "Accent": q.Get("accent"), "Theme": q.Get("theme"),
				"Compact": q.Has("compact"),
			})
		case "/partner.js":
			h.Set("Content-Type", "text/javascript; charset=utf-8")
			w.Write(js)
		case "/partner.css":
			h.Set("Content-Type", "text/css; charset=utf-8")
			w.Write(css)
		default:
			http.NotFound(w, r)
		}
	}), nil
}
