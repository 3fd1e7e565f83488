package site

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// discardWriter is a ResponseWriter that keeps nothing, so that the benchmarks measure the
// handler, not a recorder.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *discardWriter) WriteHeader(int)             {}

func benchmarkGet(b *testing.B, target string, hdr ...string) {
	h := newTestHandler(b, Options{})
	r := httptest.NewRequest("GET", target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(&discardWriter{h: http.Header{}}, r)
	}
}

func BenchmarkPage(b *testing.B)     { benchmarkGet(b, "/") }
func BenchmarkWasmGzip(b *testing.B) { benchmarkGet(b, "/web/app.wasm", "Accept-Encoding", "gzip") }
