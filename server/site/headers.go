package site

import (
	"net/http"
	"sort"
	"strings"
)

// cspDirectives is the Content-Security-Policy, one directive a line; README.md (Content-Security-Policy) says
// why each is there.
var cspDirectives = []string{
	"default-src 'none'",
	"script-src 'self' 'wasm-unsafe-eval'",
	"connect-src 'self'",
	"img-src 'self'",
	"style-src 'self'",
	"font-src 'self'",
	"manifest-src 'self'",
	"worker-src 'self'",
	"base-uri 'none'",
	"form-action 'none'",
	"require-trusted-types-for 'script'",
	"trusted-types default",
}

// csp is the header's policy; metaCSP is the page's <meta> copy, which cannot hold
// frame-ancestors.
var (
	metaCSP = strings.Join(cspDirectives, "; ")
	csp     = metaCSP + "; frame-ancestors 'none'"
)

// permissionsPolicy denies every powerful feature: the app needs none of them. Only features
// Chromium knows are listed (it warns on the console for each one it does not: it warned for
// ambient-light-sensor, battery, bluetooth, document-domain and web-share).
var permissionsPolicy = strings.Join([]string{
	"accelerometer=()", "autoplay=()", "camera=()", "display-capture=()", "encrypted-media=()",
	"fullscreen=()", "gamepad=()", "geolocation=()", "gyroscope=()", "hid=()",
	"identity-credentials-get=()", "idle-detection=()", "local-fonts=()", "magnetometer=()",
	"microphone=()", "midi=()", "otp-credentials=()", "payment=()", "picture-in-picture=()",
	"publickey-credentials-create=()", "publickey-credentials-get=()", "screen-wake-lock=()",
	"serial=()", "storage-access=()", "usb=()", "window-management=()",
	"xr-spatial-tracking=()", "browsing-topics=()", "interest-cohort=()",
}, ", ")

// securityHeaders go on every response the handler writes.
var securityHeaders = http.Header{
	"Content-Security-Policy":      {csp},
	"X-Content-Type-Options":       {"nosniff"},
	"Referrer-Policy":              {"no-referrer"},
	"Permissions-Policy":           {permissionsPolicy},
	"Cross-Origin-Opener-Policy":   {"same-origin"},
	"Cross-Origin-Embedder-Policy": {"require-corp"},
	"Cross-Origin-Resource-Policy": {"same-origin"},
	"X-Frame-Options":              {"DENY"},
}

// setSecurityHeaders adds securityHeaders to h. The slices are shared, never written.
func setSecurityHeaders(h http.Header) {
	for k, v := range securityHeaders {
		h[k] = v
	}
}

func sortedKeys[V any](h map[string]V) []string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
