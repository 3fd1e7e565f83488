package site

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestTrustedTypesPolicyLoadsFirst: the CSP requires Trusted Types and allows only the default
// policy; the page loads our policy as its first blocking script, so it runs before every
// other script (the early prerender.js, the one other blocking script, then go-app's deferred
// ones), under the prefix too; both are served as scripts.
func TestTrustedTypesPolicyLoadsFirst(t *testing.T) {
	for _, prefix := range []string{"", "/spotcheck"} {
		h := newTestHandler(t, Options{Prefix: prefix})
		page := do(h, "GET", prefix+"/")
		for _, d := range []string{"require-trusted-types-for 'script'", "trusted-types default"} {
			if !strings.Contains(page.Header().Get("Content-Security-Policy"), d) || !strings.Contains(metaCSP, d) {
				t.Errorf("%q: the CSP lacks %s", prefix, d)
			}
		}
		// A blocking script runs as it is parsed, before every deferred one.
		var blocking []string
		for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(page.Body.String(), -1) {
			if !strings.Contains(tag, " defer") && !strings.Contains(tag, " async") {
				blocking = append(blocking, tag)
			}
		}
		want := []string{`<script src="` + prefix + trustedTypesPath + `">`, `<script src="` + prefix + prerenderPath + `">`}
		if !slices.Equal(blocking, want) {
			t.Errorf("%q: blocking scripts %q, want %q: the policy first, every other script deferred", prefix, blocking, want)
		}
		for path, marker := range map[string]string{trustedTypesPath: `createPolicy("default"`, prerenderPath: `spotcheckPrerender`} {
			script := do(h, "GET", prefix+path)
			if script.Code != 200 || script.Header().Get("Content-Type") != "text/javascript; charset=utf-8" || !strings.Contains(script.Body.String(), marker) {
				t.Errorf("%q: %s: %d %q", prefix, path, script.Code, script.Header().Get("Content-Type"))
			}
		}
	}
}
