package site

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestParseEmbedOrigins(t *testing.T) {
	cases := []struct {
		in      string
		want    []string
		wantErr string // part of the error; "" for none
	}{
		{"", nil, ""},
		{"https://clinic.example", []string{"https://clinic.example"}, ""},
		{"https://Clinic.Example/ https://*.health.example,https://clinic.example", []string{"https://clinic.example", "https://*.health.example"}, ""},
		{"https://clinic.example:8443 http://127.0.0.1:9000 http://localhost:9001", []string{"https://clinic.example:8443", "http://127.0.0.1:9000", "http://localhost:9001"}, ""},
		{"clinic.example", nil, "scheme://host"},
		{"ftp://clinic.example", nil, "only https"},
		{"http://clinic.example", nil, "only for loopback"},
		{"https://clinic.example/path", nil, "no path"},
		{"https://clinic.example?x=1", nil, "no path"},
		{"https://user@clinic.example", nil, "no path"},
		{"https://clinic.example;script-src", nil, "no path"},
		{"https://clinic.example'", nil, "quotes"},
		{"https://*", nil, "wildcard"},
		{"https://*.example", nil, "wildcard"},
		{"https://a.*.example", nil, "DNS label"},
		{"https://clinic_example.org", nil, "DNS label"},
		{"https://clinic.example:0", nil, "port"},
		{"https://clinic.example:99999x", nil, "port"},
		{"https://clinic.example:", nil, "port"},
		{"'self'", nil, "scheme://host"},
		{"*", nil, "scheme://host"},
	}
	for _, c := range cases {
		got, err := ParseEmbedOrigins(c.in)
		switch {
		case c.wantErr == "" && err != nil:
			t.Errorf("%q: %v", c.in, err)
		case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
			t.Errorf("%q: error %v, want one saying %q", c.in, err, c.wantErr)
		case !slices.Equal(got, c.want):
			t.Errorf("%q = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestEmbedHeaders: with an allowlist only the page may be framed, by those origins, and only
// the page and the snippet may be loaded by another origin; every other response is as strict
// as without one.
func TestEmbedHeaders(t *testing.T) {
	dir := testDir(t)
	must(t, os.WriteFile(filepath.Join(dir, "embed.js"), []byte("// snippet\n"), 0o644))
	origins := []string{"https://clinic.example", "https://*.health.example"}
	strict := newTestHandler(t, Options{Dir: dir})
	embedding := newTestHandler(t, Options{Dir: dir, EmbedOrigins: origins})

	for _, p := range []string{"/", "/web/embed.js", "/app.js", "/web/app.wasm", "/nope"} {
		checkSecurityHeaders(t, "no allowlist "+p, do(strict, "GET", p).Header())
	}
	for _, p := range []string{"/app.js", "/web/app.wasm", "/embed-frame.js", "/nope", "/healthz"} {
		checkSecurityHeaders(t, "allowlist "+p, do(embedding, "GET", p).Header())
	}
	page := do(embedding, "GET", "/").Header()
	wantPage := map[string]string{
		"Content-Security-Policy":      metaCSP + "; frame-ancestors https://clinic.example https://*.health.example",
		"X-Frame-Options":              "",
		"Cross-Origin-Resource-Policy": "cross-origin",
		"Cross-Origin-Embedder-Policy": "require-corp",
		"Cross-Origin-Opener-Policy":   "same-origin",
		"Referrer-Policy":              "no-referrer",
	}
	snippet := do(embedding, "GET", "/web/embed.js").Header()
	wantSnippet := map[string]string{
		"Content-Security-Policy":      csp,
		"X-Frame-Options":              "DENY",
		"Cross-Origin-Resource-Policy": "cross-origin",
		"Cross-Origin-Embedder-Policy": "require-corp",
	}
	for what, c := range map[string]struct {
		got  map[string][]string
		want map[string]string
	}{"page": {page, wantPage}, "snippet": {snippet, wantSnippet}} {
		for k, v := range c.want {
			if got := strings.Join(c.got[k], ", "); got != v {
				t.Errorf("%s: %s = %q, want %q", what, k, got, v)
			}
		}
	}
	if got := do(embedding, "HEAD", "/", "If-None-Match", "x").Header().Get("X-Frame-Options"); got != "" {
		t.Errorf("HEAD page X-Frame-Options = %q", got)
	}
}

func TestEmbedFrameScriptAllowlist(t *testing.T) {
	for _, c := range []struct {
		origins []string
		want    string
	}{
		{nil, "const allowed = [];"},
		{[]string{"http://localhost:9001", "https://*.health.example"}, `const allowed = ["http://localhost:9001","https://*.health.example"];`},
	} {
		body := do(newTestHandler(t, Options{EmbedOrigins: c.origins}), "GET", frameScriptPath).Body.String()
		if !strings.Contains(body, c.want) || strings.Contains(body, allowedOriginsMarker) {
			t.Errorf("%v: frame script lacks %s", c.origins, c.want)
		}
	}
}

func TestEmbedStaticHeaders(t *testing.T) {
	dir := testDir(t)
	must(t, os.WriteFile(filepath.Join(dir, "embed.js"), []byte("// snippet\n"), 0o644))
	s, err := Build(Options{Dir: dir, App: testApp, Prefix: "/sc", EmbedOrigins: []string{"https://clinic.example"}})
	must(t, err)
	got := string(s.headersFile())
	for _, want := range []string{
		"/sc/*\n  Content-Security-Policy: " + csp + "\n",
		"  X-Frame-Options: DENY\n",
		"/sc/\n  ! Content-Security-Policy\n  ! Cross-Origin-Resource-Policy\n  ! X-Frame-Options\n" +
			"  Content-Security-Policy: " + metaCSP + "; frame-ancestors https://clinic.example\n" +
			"  Cross-Origin-Resource-Policy: cross-origin\n",
		"/sc/index.html\n  ! Content-Security-Policy\n",
		"/sc/web/embed.js\n  ! Cross-Origin-Resource-Policy\n  Cross-Origin-Resource-Policy: cross-origin\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("_headers lacks\n%s\nin\n%s", want, got)
		}
	}
	plain, err := Build(Options{Dir: dir, App: testApp})
	must(t, err)
	if got := string(plain.headersFile()); strings.Contains(got, "!") || strings.Count(got, "/*\n") != 1 {
		t.Errorf("_headers without an allowlist:\n%s", got)
	}
}

func TestBuildRefusesBadEmbedOrigin(t *testing.T) {
	_, err := Build(Options{Dir: testDir(t), App: testApp, EmbedOrigins: []string{"https://ok.example", "http://partner.example"}})
	if err == nil || !strings.Contains(err.Error(), `"http://partner.example"`) {
		t.Errorf("Build error %v, want one naming the bad origin", err)
	}
}
