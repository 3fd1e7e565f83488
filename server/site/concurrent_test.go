package site

import (
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"

	"spotcheck/app/ui"
	"spotcheck/internal/browsertest"
)

// TestConcurrentRequestsAgree serves the real site (the built app and the real UI's pages)
// over real connections to many requests at once, as a browser asks for a page's script,
// worker, manifest and wasm together: every answer is the one a lone request gets. Under the
// race detector (make test runs the browser tests without it) this is what watches the state
// every request shares: the site built once, the handler's counters, the wire's buffer pool.
func TestConcurrentRequestsAgree(t *testing.T) {
	h, err := New(Options{Dir: webDir(t), App: ui.New(browsertest.Knowledge(t)), Logger: discard()})
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + serveHandler(t, h, DefaultLimits)
	// The client sends Accept-Encoding as given and leaves the body as it came.
	client := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 16}}
	t.Cleanup(client.CloseIdleConnections)
	get := func(path, encoding string) (string, error) {
		req, err := http.NewRequest("GET", base+path, nil)
		if err != nil {
			return "", err
		}
		if encoding != "" {
			req.Header.Set("Accept-Encoding", encoding)
		}
		resp, err := client.Do(req)
		if err != nil {
			return "", err
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%d %q %q %d bytes %x", resp.StatusCode, resp.Header.Get("Content-Encoding"),
			resp.Header.Get("Content-Type"), len(body), sha256.Sum256(body)), nil
	}
	type request struct{ path, encoding string }
	var requests []request
	for _, p := range []string{"/", "/app.js", "/app-worker.js", "/wasm_exec.js", "/app.css",
		"/offline.js", "/manifest.webmanifest", "/web/app.wasm", "/healthz", "/missing"} {
		for _, enc := range []string{"", "gzip", "br"} {
			requests = append(requests, request{p, enc})
		}
	}
	const clients = 8
	answers := make([][]string, clients) // answers[c][i]: client c's answer to requests[i]
	errs := make([]error, clients)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for c := range clients {
		answers[c] = make([]string, len(requests))
		wg.Go(func() {
			<-start
			// Each client walks the list from another place, so that every request has company.
			for j := range requests {
				i := (j + c*len(requests)/clients) % len(requests)
				if answers[c][i], errs[c] = get(requests[i].path, requests[i].encoding); errs[c] != nil {
					return
				}
			}
		})
	}
	close(start)
	wg.Wait()
	for c, err := range errs {
		if err != nil {
			t.Fatalf("client %d: %v", c, err)
		}
	}
	for i, r := range requests {
		alone, err := get(r.path, r.encoding)
		if err != nil {
			t.Fatal(err)
		}
		if want := "200 "; r.path != "/missing" && alone[:len(want)] != want {
			t.Errorf("GET %s (Accept-Encoding %q) alone: %s, want 200", r.path, r.encoding, alone)
		}
		for c := range clients {
			if answers[c][i] != alone {
				t.Errorf("GET %s (Accept-Encoding %q), client %d at once: %s; alone: %s", r.path, r.encoding, c, answers[c][i], alone)
			}
		}
	}
}
