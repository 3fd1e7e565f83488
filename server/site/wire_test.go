package site

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a log destination that the server's goroutines share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// rawServer runs the site's handler behind NewServer and Serve, as `server serve` does, and
// returns its address, its log and a stop that returns Serve's error.
func rawServer(t *testing.T, dir string, shutdown time.Duration) (addr string, log *syncBuffer, stop func() error) {
	t.Helper()
	log = &syncBuffer{}
	h := newTestHandler(t, Options{Dir: dir, Logger: slogTo(log)})
	srv := NewServer("", h, DefaultLimits, slogTo(log))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, srv, ln, shutdown) }()
	var once sync.Once
	var serveErr error
	stop = func() error {
		once.Do(func() { cancel(); serveErr = <-done })
		return serveErr
	}
	t.Cleanup(func() { stop() })
	return ln.Addr().String(), log, stop
}

// exchange sends raw bytes on a new connection and reads one response to method.
func exchange(t *testing.T, addr, method, raw string) (res *http.Response, body []byte) {
	t.Helper()
	res, body, _ = exchangeAndWait(t, addr, method, raw, false)
	return res, body
}

// exchangeAndWait is exchange that, if waitClose, also reports whether the server then closed
// the connection (rather than waiting half a second for another request).
func exchangeAndWait(t *testing.T, addr, method, raw string, waitClose bool) (res *http.Response, body []byte, closed bool) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	must(t, err)
	defer c.Close()
	must(t, c.SetDeadline(time.Now().Add(10*time.Second)))
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	res, err = http.ReadResponse(br, &http.Request{Method: method})
	if err != nil {
		t.Fatalf("%q: %v", truncateForLog(raw), err)
	}
	body, err = io.ReadAll(res.Body)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("%q: body: %v", truncateForLog(raw), err)
	}
	res.Body.Close()
	if !waitClose {
		return res, body, false
	}
	// The server closes at once or waits for the next request: a read returns EOF or
	// times out.
	must(t, c.SetReadDeadline(time.Now().Add(500*time.Millisecond)))
	_, err = br.ReadByte()
	return res, body, errors.Is(err, io.EOF)
}

func truncateForLog(s string) string {
	if len(s) > 120 {
		return s[:120] + "..."
	}
	return s
}

// TestRawReplies: every reply, those net/http writes itself included, carries the security
// headers; OPTIONS * is 405; a request framed by both Content-Length and Transfer-Encoding is
// answered and the connection closed.
func TestRawReplies(t *testing.T) {
	addr, _, _ := rawServer(t, testDir(t), time.Second)
	get := "GET / HTTP/1.1\r\nHost: x\r\n"
	for _, tc := range []struct {
		name, method, raw string
		status            int
		closed            bool
	}{
		{"200", "GET", get + "\r\n", 200, false},
		{"400 bad header line", "GET", get + "No colon here\r\n\r\n", 400, true},
		{"400 no Host", "GET", "GET / HTTP/1.1\r\n\r\n", 400, true},
		{"400 two Content-Lengths", "GET", get + "Content-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400, true},
		{"431 headers over the limit", "GET", get + "X-Big: " + strings.Repeat("a", 64<<10) + "\r\n\r\n", 431, true},
		{"501 unknown transfer coding", "GET", get + "Transfer-Encoding: gzip\r\n\r\n", 501, true},
		{"505 HTTP/3.0", "GET", "GET / HTTP/3.0\r\nHost: x\r\n\r\n", 505, true},
		{"417 unknown expectation", "GET", get + "Expect: tea\r\n\r\n", 417, true},
		{"405 OPTIONS *", "OPTIONS", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", 405, false},
		{"405 PRI * HTTP/2.0", "PRI", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 405, true},
		{"Content-Length and Transfer-Encoding", "GET", get + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 200, true},
		{"Transfer-Encoding alone", "GET", get + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 200, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, _, closed := exchangeAndWait(t, addr, tc.method, tc.raw, true)
			if res.StatusCode != tc.status || closed != tc.closed {
				t.Errorf("status %d, closed %v; want %d, %v", res.StatusCode, closed, tc.status, tc.closed)
			}
			checkSecurityHeaders(t, tc.name, res.Header)
			if res.Header.Get("Cache-Control") == "" {
				t.Errorf("no Cache-Control")
			}
			if tc.status == 405 && res.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("Allow %q", res.Header.Get("Allow"))
			}
		})
	}
}

// TestRawAcceptEncoding: weights read per RFC 9110, anything unreadable ignored; encoded
// responses and HEAD carry their Content-Length.
func TestRawAcceptEncoding(t *testing.T) {
	dir := testDir(t)
	addr, _, _ := rawServer(t, dir, time.Second)
	for _, tc := range []struct{ accept, want string }{
		{"gzip", "gzip"}, {"br", "br"}, {"gzip, br", "br"}, {"GZIP", "gzip"},
		{"gzip;Q=0", ""}, {"gzip;q=0", ""}, {"gzip; q=0.000", ""}, {"br;q=0, gzip", "gzip"},
		{"gzip;q=NaN", ""}, {"gzip;q=Inf", ""}, {"gzip;q=+Inf", ""}, {"gzip;q=1e0", ""}, {"gzip;q=2", ""},
		{"gzip;q=1.001", ""}, {"gzip;q=0.0001", ""}, {"gzip;q=-0", ""}, {"gzip;q=.5", ""}, {"gzip;q=", ""},
		{"gzip;level=9", ""}, {"gzip;q=0.5;x=1", ""}, {"gzip;q=0.001", "gzip"}, {"gzip;q=1.000", "gzip"},
		{"gzip;q=0.", ""}, {"gzip;q=0.5", "gzip"}, {"br;q=0.5, gzip;q=0.8", "gzip"}, {"br;q=0.8, gzip;q=0.8", "br"},
		{"br ; q=0.9 ,\tgzip", "gzip"}, {"*", "br"}, {"*;q=0.5, br;q=0", "gzip"}, {"*;q=0", ""},
		{"identity", ""}, {"deflate, zstd", ""}, {"", ""}, {",,, ;q=1", ""},
	} {
		t.Run(tc.accept, func(t *testing.T) {
			raw := "GET /web/app.wasm HTTP/1.1\r\nHost: x\r\n"
			if tc.accept != "" {
				raw += "Accept-Encoding: " + tc.accept + "\r\n"
			}
			res, body := exchange(t, addr, "GET", raw+"\r\n")
			checkSecurityHeaders(t, tc.accept, res.Header)
			if got := res.Header.Get("Content-Encoding"); res.StatusCode != 200 || got != tc.want {
				t.Errorf("status %d, Content-Encoding %q; want %q", res.StatusCode, got, tc.want)
			}
			if len(res.TransferEncoding) > 0 || res.Header.Get("Content-Length") != strconv.Itoa(len(body)) {
				t.Errorf("Transfer-Encoding %v, Content-Length %q for %d bytes", res.TransferEncoding, res.Header.Get("Content-Length"), len(body))
			}
			head, headBody := exchange(t, addr, "HEAD", strings.Replace(raw, "GET", "HEAD", 1)+"\r\n")
			if head.Header.Get("Content-Length") != strconv.Itoa(len(body)) || len(headBody) != 0 {
				t.Errorf("HEAD: Content-Length %q, %d body bytes; GET has %d", head.Header.Get("Content-Length"), len(headBody), len(body))
			}
		})
	}
}

// TestRawRanges: a unit other than bytes is ignored (200), so are more than 16 ranges; the
// rest is served as ranges, with their length.
func TestRawRanges(t *testing.T) {
	addr, _, _ := rawServer(t, testDir(t), time.Second)
	parts := func(n int) string {
		var ps []string
		for i := range n {
			ps = append(ps, strconv.Itoa(10*i)+"-"+strconv.Itoa(10*i+1))
		}
		return strings.Join(ps, ",")
	}
	full, _ := exchange(t, addr, "GET", "GET /web/app.wasm HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
	for _, tc := range []struct {
		rangeHeader, accept string
		status              int
		length              string // Content-Length, "" for the whole body's
	}{
		{"items=0-1", "", 200, ""},
		{"bytes=" + parts(17), "", 200, ""},
		{"bytes=" + parts(1000), "", 200, ""},
		{"bytes=" + parts(16), "", 206, "-"},
		{"bytes=0-9", "", 206, "10"},
		{"Bytes=0-9", "", 206, "10"},
		{"bytes=0-9", "gzip", 206, "10"},
		{"bytes=-5", "gzip", 206, "5"},
		{"bytes=999999999-", "", 416, "-"},
		{"items=999999999-", "", 200, ""},
	} {
		t.Run(tc.rangeHeader[:min(len(tc.rangeHeader), 30)]+" "+tc.accept, func(t *testing.T) {
			raw := "GET /web/app.wasm HTTP/1.1\r\nHost: x\r\nRange: " + tc.rangeHeader + "\r\n"
			if tc.accept != "" {
				raw += "Accept-Encoding: " + tc.accept + "\r\n"
			}
			res, body := exchange(t, addr, "GET", raw+"\r\n")
			checkSecurityHeaders(t, tc.rangeHeader, res.Header)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tc.status)
			}
			switch tc.length {
			case "":
				if tc.accept == "" && len(body) != 19*4000 {
					t.Errorf("%d bytes, want the whole file", len(body))
				}
			case "-":
			default:
				if res.Header.Get("Content-Length") != tc.length || strconv.Itoa(len(body)) != tc.length {
					t.Errorf("Content-Length %q, %d bytes; want %s", res.Header.Get("Content-Length"), len(body), tc.length)
				}
			}
		})
	}
	if full.StatusCode != 200 || full.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("gzip: %d %q", full.StatusCode, full.Header.Get("Content-Encoding"))
	}
}

// TestRawLogCap: a 16 KB path makes a log line of a few hundred bytes, marked as cut.
func TestRawLogCap(t *testing.T) {
	addr, log, stop := rawServer(t, testDir(t), time.Second)
	long := "/" + strings.Repeat("a", 16<<10)
	res, _ := exchange(t, addr, "GET", "GET "+long+" HTTP/1.1\r\nHost: x\r\n\r\n")
	checkSecurityHeaders(t, "404", res.Header)
	if res.StatusCode != 404 {
		t.Errorf("status %d", res.StatusCode)
	}
	must(t, stop())
	var line string
	for l := range strings.SplitSeq(log.String(), "\n") {
		if strings.Contains(l, "status=404") {
			line = l
		}
	}
	if line == "" || len(line) > maxLoggedPath+300 || !strings.Contains(line, "...[cut, "+strconv.Itoa(len(long))+" bytes]") {
		t.Errorf("log line of %d bytes: %.400s", len(line), line)
	}
}

// TestShutdownCutIsReported: a download still running at the shutdown deadline is logged as
// cut short and makes Serve fail.
func TestShutdownCutIsReported(t *testing.T) {
	dir := testDir(t)
	big := make([]byte, 64<<20) // random, so not compressed; more than the socket buffers hold
	if _, err := rand.Read(big); err != nil {
		t.Fatal(err)
	}
	must(t, os.WriteFile(filepath.Join(dir, "big.png"), big, 0o644))
	addr, log, stop := rawServer(t, dir, 200*time.Millisecond)
	c, err := net.Dial("tcp", addr)
	must(t, err)
	defer c.Close()
	_, err = io.WriteString(c, "GET /web/big.png HTTP/1.1\r\nHost: x\r\n\r\n")
	must(t, err)
	// Read the head only: the handler is then writing the body, which nobody reads.
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	must(t, err)
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	err = stop()
	if err == nil || !strings.Contains(err.Error(), "1 response(s) cut short") {
		t.Errorf("Serve: %v", err)
	}
	if out := log.String(); !strings.Contains(out, `msg="request cut short"`) || !strings.Contains(out, "path=/web/big.png") {
		t.Errorf("log: %s", out)
	}
}

// TestRawPipelined: responses of every size, heads alone and bodies, pipelined on one
// connection, each arrive whole and in order (securedConn joins the writes of some of them).
func TestRawPipelined(t *testing.T) {
	addr, _, _ := rawServer(t, testDir(t), time.Second)
	direct := newTestHandler(t, Options{})
	requests := []struct{ method, path string }{
		{"GET", "/"}, {"HEAD", "/"}, {"GET", "/app.js"}, {"GET", "/web/app.wasm"}, {"HEAD", "/web/app.wasm"},
		{"GET", "/web/css/test.css"}, {"GET", "/nope"}, {"GET", "/"}, {"GET", "/web/icons/icon-512.png"}, {"GET", "/healthz"},
	}
	var raw strings.Builder
	for _, r := range requests {
		raw.WriteString(r.method + " " + r.path + " HTTP/1.1\r\nHost: x\r\n\r\n")
	}
	c, err := net.Dial("tcp", addr)
	must(t, err)
	defer c.Close()
	must(t, c.SetDeadline(time.Now().Add(10*time.Second)))
	_, err = io.WriteString(c, raw.String())
	must(t, err)
	br := bufio.NewReader(c)
	for _, r := range requests {
		res, err := http.ReadResponse(br, &http.Request{Method: r.method})
		if err != nil {
			t.Fatalf("%s %s: %v", r.method, r.path, err)
		}
		body, err := io.ReadAll(res.Body)
		must(t, err)
		checkSecurityHeaders(t, r.method+" "+r.path, res.Header)
		want := do(direct, r.method, r.path)
		if res.StatusCode != want.Code || res.Header.Get("Content-Length") != want.Header().Get("Content-Length") ||
			(r.method == "GET" && r.path != "/" && !bytes.Equal(body, want.Body.Bytes())) || (r.method == "HEAD" && len(body) != 0) {
			t.Errorf("%s %s: %d, Content-Length %q, %d bytes; want %d, %q, %d", r.method, r.path, res.StatusCode,
				res.Header.Get("Content-Length"), len(body), want.Code, want.Header().Get("Content-Length"), want.Body.Len())
		}
	}
}

// TestPartialResponse: which first writes securedConn keeps to join with the rest.
func TestPartialResponse(t *testing.T) {
	head := func(extra string) string {
		return "HTTP/1.1 200 OK\r\nContent-Security-Policy: x\r\n" + extra + "Content-Type: text/html\r\n\r\n"
	}
	fill := func(s string, n int) []byte { return []byte(s + strings.Repeat("a", max(0, n-len(s)))) }
	page := head("Content-Length: 5000\r\n")
	for _, tc := range []struct {
		name string
		p    []byte
		want int
	}{
		{"a full buffer of a 5000-byte body", fill(page, connBuffer), len(page) + 5000},
		{"a head alone (HEAD)", []byte(page), 0},
		{"less than a buffer", fill(page, connBuffer-1), 0},
		{"the whole response", fill(page, len(page)+5000), 0},
		{"no Content-Length (chunked)", fill(head("Transfer-Encoding: chunked\r\n"), connBuffer), 0},
		{"bigger than the limit", fill(head("Content-Length: 100000\r\n"), connBuffer), 0},
		{"a bad Content-Length", fill(head("Content-Length: x\r\n"), connBuffer), 0},
		{"a body write", fill("", connBuffer), 0},
		{"a head not complete", fill("HTTP/1.1 200 OK\r\nContent-Length: 9000\r\nX-Long: ", connBuffer), 0},
	} {
		got, ok := partialResponse(tc.p)
		if got != tc.want || ok != (tc.want > 0) {
			t.Errorf("%s: %d, %v; want %d", tc.name, got, ok, tc.want)
		}
	}
}
