package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
)

// A resource is one path's response body, with its brotli and gzip encodings when they are
// smaller.
type resource struct {
	body, br, gz []byte
	contentType  string
	etag         string // strong validator of body; the encodings append -br and -gz
	cacheControl string
	// identity, brotli and gzip are the bodies as the handler sends them (see variant).
	identity, brotli, gzip variant
}

// A variant is one encoding of a resource with its header values, made once: a request then
// sets shared slices and builds nothing (net/http only reads them).
type variant struct {
	body                                                         []byte
	encoding                                                     string // "", "br" or "gzip"
	contentType, cacheControl, etag, contentEncoding, contentLen []string
}

func (r *resource) variant(body []byte, encoding, etagSuffix string) variant {
	v := variant{body: body, encoding: encoding, contentType: []string{r.contentType},
		cacheControl: []string{r.cacheControl}, contentLen: []string{strconv.Itoa(len(body))}}
	v.etag = []string{r.etag}
	if encoding != "" {
		v.etag = []string{r.etag[:len(r.etag)-1] + etagSuffix + `"`}
		v.contentEncoding = []string{encoding}
	}
	return v
}

// prepared is r with its variants made.
func (r *resource) prepared() *resource {
	r.identity = r.variant(r.body, "", "")
	r.brotli = r.variant(r.br, "br", "-br")
	r.gzip = r.variant(r.gz, "gzip", "-gz")
	return r
}

// contentTypes are the types the site serves, by extension; anything else is
// application/octet-stream.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".json":        "application/json",
	".wasm":        "application/wasm",
	".webmanifest": "application/manifest+json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".ico":         "image/x-icon",
	".txt":         "text/plain; charset=utf-8",
	".woff2":       "font/woff2",
}

// compressible lists the extensions worth compressing (images and fonts already are).
var compressible = map[string]bool{
	".html": true, ".js": true, ".css": true, ".json": true, ".wasm": true,
	".webmanifest": true, ".svg": true, ".txt": true,
}

// newResource makes the resource for body served as name (its extension sets the type).
// br and gz are precompressed encodings from the build; missing ones are made here (brotli at
// full quality for small files, a faster level for large ones: `make build` precompresses
// app.wasm with brotli -q 11).
func newResource(name string, body, br, gz []byte) (*resource, error) {
	ext := path.Ext(name)
	if name == "/" || ext == "" {
		ext = ".html"
	}
	ct, ok := contentTypes[ext]
	if !ok {
		ct = "application/octet-stream"
	}
	r := &resource{body: body, contentType: ct, etag: etag(body), cacheControl: "no-cache"}
	if !compressible[ext] {
		return r.prepared(), nil
	}
	// A precompressed copy left over from an earlier build would serve old code: keep only
	// encodings that decode to exactly this body, and make the others afresh.
	if br != nil && !decodesTo(brotli.NewReader(bytes.NewReader(br)), body) {
		br = nil
	}
	if gz != nil {
		if zr, err := gzip.NewReader(bytes.NewReader(gz)); err != nil || !decodesTo(zr, body) {
			gz = nil
		}
	}
	var err error
	if br == nil {
		quality := brotli.BestCompression
		if len(body) > 1<<20 {
			quality = 6
		}
		opts := brotli.WriterOptions{Quality: quality, LGWin: brotliWindow(len(body))}
		if br, err = compress(body, func(w *bytes.Buffer) writeCloser { return brotli.NewWriterOptions(w, opts) }); err != nil {
			return nil, err
		}
	}
	if gz == nil {
		if gz, err = compress(body, func(w *bytes.Buffer) writeCloser {
			z, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
			return z
		}); err != nil {
			return nil, err
		}
	}
	if len(br) < len(body) {
		r.br = br
	}
	if len(gz) < len(body) {
		r.gz = gz
	}
	return r.prepared(), nil
}

// brotliWindow is the smallest brotli window (log2 of its size, 10 to 24) that holds n bytes:
// the encoder's memory grows with the window, and a bigger one than the file gains nothing.
func brotliWindow(n int) int {
	w := 10
	for w < 24 && 1<<w < n {
		w++
	}
	return w
}

// decodesTo reports whether the decoder yields exactly body. It compares as it decodes, a
// chunk at a time: decoding the 9 MB wasm whole, once per encoding, was most of the
// server's memory at start.
func decodesTo(r io.Reader, body []byte) bool {
	var chunk [32 << 10]byte
	for {
		n, err := io.ReadFull(r, chunk[:])
		if n > len(body) || !bytes.Equal(chunk[:n], body[:n]) {
			return false
		}
		body = body[n:]
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			return len(body) == 0
		case err != nil:
			return false
		}
	}
}

type writeCloser interface {
	Write([]byte) (int, error)
	Close() error
}

func compress(body []byte, newWriter func(*bytes.Buffer) writeCloser) ([]byte, error) {
	var b bytes.Buffer
	w := newWriter(&b)
	if _, err := w.Write(body); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// loadDir reads every file of the built web directory into resources under /web/, with the
// .br and .gz files next to them as their encodings. Dot files and directories are left out;
// the directory is opened as an os.Root, so a symbolic link cannot lead outside it.
func loadDir(dir string) (map[string]*resource, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("site: web directory: %w", err)
	}
	defer root.Close()
	fsys := root.FS()
	raw := map[string][]byte{}
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		raw[p] = b
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("site: web directory: %w", err)
	}
	out := map[string]*resource{}
	for p, b := range raw {
		if base, ok := encodingOf(p); ok {
			if _, ok := raw[base]; ok {
				continue // an encoding, served with its file
			}
		}
		br, gz := raw[p+".br"], raw[p+".gz"]
		r, err := newResource(p, b, br, gz)
		if err != nil {
			return nil, fmt.Errorf("site: %s: %w", p, err)
		}
		out["/web/"+p] = r
	}
	return out, nil
}

// encodingOf reports whether p names an encoding (.br, .gz) and of which file.
func encodingOf(p string) (string, bool) {
	for _, ext := range []string{".br", ".gz"} {
		if strings.HasSuffix(p, ext) {
			return strings.TrimSuffix(p, ext), true
		}
	}
	return "", false
}

// contentVersion hashes every served path and body: the files and the rendered shell.
func contentVersion(sets ...map[string]*resource) string {
	h := sha256.New()
	for _, set := range sets {
		paths := make([]string, 0, len(set))
		for p := range set {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		for _, p := range paths {
			tag := set[p].etag
			if strings.HasPrefix(set[p].contentType, "text/html") {
				tag = etag(canonicalHTML(set[p].body))
			}
			fmt.Fprintf(h, "%s %s\n", tag, p)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:20]
}

// canonicalHTML is a form of a go-app page that does not depend on the order of attributes,
// which go-app writes in map order, different at each render: each line's words (with each
// ">" a word of its own), sorted.
func canonicalHTML(page []byte) []byte {
	var out []byte
	for _, line := range bytes.Split(page, []byte("\n")) {
		words := bytes.Fields(bytes.ReplaceAll(line, []byte(">"), []byte(" >")))
		sort.Slice(words, func(i, j int) bool { return bytes.Compare(words[i], words[j]) < 0 })
		out = append(append(out, bytes.Join(words, []byte(" "))...), '\n')
	}
	return out
}
