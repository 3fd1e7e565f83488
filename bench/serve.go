package main

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"spotcheck/server/site"
)

// A server serves one app on loopback through the project's own hardened handler
// (site.New), counts the bytes of the bodies it writes (the worker's precache included,
// which the page's resource timing does not see), and can play dead for the offline test.
type server struct {
	URL      string
	h        http.Handler
	srv      *http.Server
	bytes    atomic.Int64
	requests atomic.Int64
	down     atomic.Bool
}

// startServer serves opts on 127.0.0.1 at a free port.
func startServer(opts site.Options) (*server, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	h, err := site.New(opts)
	if err != nil {
		return nil, err
	}
	return startHandler(h)
}

// startHandler serves h on 127.0.0.1 at a free port.
func startHandler(h http.Handler) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{URL: "http://" + ln.Addr().String(), h: h}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.down.Load() {
		// Offline: drop the connection without an answer, as a dead network does.
		if hj, ok := w.(http.Hijacker); ok {
			if c, _, err := hj.Hijack(); err == nil {
				c.Close()
				return
			}
		}
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	s.requests.Add(1)
	s.h.ServeHTTP(&countingWriter{ResponseWriter: w, n: &s.bytes}, r)
}

// reset zeroes the counters and returns what they held.
func (s *server) reset() (bytes, requests int64) {
	return s.bytes.Swap(0), s.requests.Swap(0)
}

func (s *server) close() { s.srv.Close() }

type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.n.Add(int64(n))
	return n, err
}
