package site

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strings"
)

// Embedding in partner sites. The origins allowed to frame the app go into the pages'
// frame-ancestors; everything else keeps the strict headers. README.md (Embed it) is the
// partner's side; embed-frame.js is the framed page's side of the message protocol.

// embedPath is the partner's snippet, served from the web directory.
const embedPath = "/web/embed.js"

// frameScriptPath is the page's side of embedding (see embed-frame.js).
const frameScriptPath = "/embed-frame.js"

//go:embed embed-frame.js
var frameScriptJS string

// allowedOriginsMarker is where embed-frame.js takes the allowlist.
const allowedOriginsMarker = "/*EMBED_ORIGINS*/[]"

// hostLabel is one DNS label; a host is labels joined by dots, the first of which may be "*"
// (any one or more labels, as frame-ancestors reads it).
var hostLabel = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$`)

// ParseEmbedOrigins reads the allowlist of origins that may embed the app: space- or
// comma-separated "https://host[:port]", where host may begin with "*." (any subdomain).
// Plain http is accepted only for loopback hosts (local tests). Paths, queries, keywords
// ('self', *), other schemes and anything a header could be split with are refused with the
// reason, so that a typo fails at start rather than silently blocking or opening the frame.
func ParseEmbedOrigins(list string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for _, o := range strings.FieldsFunc(list, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' }) {
		c, err := cleanOrigin(o)
		if err != nil {
			return nil, fmt.Errorf("embed origin %q: %w", o, err)
		}
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out, nil
}

func cleanOrigin(o string) (string, error) {
	scheme, rest, ok := strings.Cut(strings.ToLower(o), "://")
	if !ok {
		return "", fmt.Errorf("want scheme://host[:port], such as https://clinic.example")
	}
	if scheme != "https" && scheme != "http" {
		return "", fmt.Errorf("scheme %q: only https (or http on loopback)", scheme)
	}
	rest = strings.TrimSuffix(rest, "/")
	if strings.ContainsAny(rest, "/?#@;'\"\\ ") {
		return "", fmt.Errorf("an origin has no path, query, user or quotes")
	}
	host, port := rest, ""
	if h, p, err := net.SplitHostPort(rest); err == nil {
		host, port = h, p
		if n := len(p); n == 0 || n > 5 || strings.Trim(p, "0123456789") != "" || p[0] == '0' {
			return "", fmt.Errorf("port %q is not a number from 1 to 65535", p)
		}
	} else if strings.Contains(rest, ":") {
		return "", fmt.Errorf("%q is not host[:port]", rest)
	}
	labels := strings.Split(host, ".")
	for i, l := range labels {
		if i == 0 && l == "*" && len(labels) > 2 {
			continue // *.health.example, never *.example or *
		}
		if !hostLabel.MatchString(l) {
			return "", fmt.Errorf("host %q: %q is not a DNS label (a wildcard is only *.domain.tld)", host, l)
		}
	}
	if scheme == "http" && !loopback(host) {
		return "", fmt.Errorf("http is allowed only for loopback hosts: use https://%s", rest)
	}
	if port != "" {
		host += ":" + port
	}
	return scheme + "://" + host, nil
}

func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// headersFor returns the security headers of the site's responses by inner path: the pages
// may be framed by the allowed origins, and the snippet loaded by them; nil means the strict
// securityHeaders. With no origin allowed, every path is strict.
func headersFor(pageList []string, origins []string) map[string]http.Header {
	if len(origins) == 0 {
		return nil
	}
	page := cloneHeaders(securityHeaders)
	page["Content-Security-Policy"] = []string{metaCSP + "; frame-ancestors " + strings.Join(origins, " ")}
	// X-Frame-Options cannot list origins, and DENY would win over frame-ancestors in old
	// browsers: drop it.
	delete(page, "X-Frame-Options")
	// A partner that isolates its own page (COEP: require-corp) may frame only documents
	// that consent with CORP: cross-origin. frame-ancestors still decides who frames us.
	page["Cross-Origin-Resource-Policy"] = []string{"cross-origin"}
	// The snippet is a classic <script src> on the partner's page: a no-cors request that
	// CORP: same-origin refuses. It stays unframeable like every other file.
	snippet := cloneHeaders(securityHeaders)
	snippet["Cross-Origin-Resource-Policy"] = []string{"cross-origin"}
	out := map[string]http.Header{embedPath: snippet}
	for _, p := range pageList {
		out[p] = page
	}
	return out
}

func cloneHeaders(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, v := range h {
		out[k] = v
	}
	return out
}

// frameScript is embed-frame.js with the allowlist filled in.
func frameScript(origins []string) []byte {
	if origins == nil {
		origins = []string{}
	}
	list, _ := json.Marshal(origins)
	return []byte(strings.Replace(frameScriptJS, allowedOriginsMarker, string(list), 1))
}
