package site

import (
	"regexp"
	"strings"
	"testing"
)

// TestTrustedTypesPolicyLoadsFirst: the CSP requires Trusted Types and allows only the default
// policy; the page loads our policy as a blocking script, so it runs before go-app's deferred
// scripts, under the prefix too; the policy is served as a script.
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
		policyTags := 0
		for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(page.Body.String(), -1) {
			isPolicy := strings.Contains(tag, `src="`+prefix+trustedTypesPath+`"`)
			if isPolicy {
				policyTags++
			}
			if deferred := strings.Contains(tag, " defer") || strings.Contains(tag, " async"); deferred == isPolicy {
				t.Errorf("%q: %s: want only the policy blocking, every other script deferred", prefix, tag)
			}
		}
		if policyTags != 1 {
			t.Errorf("%q: %d script tags for %s", prefix, policyTags, trustedTypesPath)
		}
		policy := do(h, "GET", prefix+trustedTypesPath)
		if policy.Code != 200 || policy.Header().Get("Content-Type") != "text/javascript; charset=utf-8" || !strings.Contains(policy.Body.String(), `createPolicy("default"`) {
			t.Errorf("%q: %s: %d %q", prefix, trustedTypesPath, policy.Code, policy.Header().Get("Content-Type"))
		}
	}
}
