package site

import (
	"bytes"
	"net"
	"sort"
	"strconv"
	"sync"
)

// net/http answers a request it cannot read (400, 431 for headers over the limit, 501 for an
// unknown transfer coding, 505 for an unknown protocol version, 417 for an unknown Expect)
// by itself, before and without the handler, so none of the handler's headers reach those
// responses, and http.Server has no hook for them. securedListener adds the security headers
// on the wire instead: a write that begins a response whose header block lacks our
// Content-Security-Policy (every response of the handler has it) gets them after its status
// line. net/http writes each of its own answers in one write and flushes every response before
// the next, so a response's head always begins a write; a body write can begin with
// "HTTP/1.1 " only if a file the site serves does, and none does.

// securedListener hands out connections that add the security headers to net/http's own
// responses.
type securedListener struct{ net.Listener }

func (l securedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &securedConn{Conn: c}, nil
}

// securedConn also joins the two writes of a response a little bigger than net/http's 4 KB
// connection buffer (the page: 1.6 KB of headers and a 4.5 KB body) into one system call:
// net/http writes the first 4 KB when its buffer fills and the rest when the response ends,
// which on a busy core costs more than the handler. A write of at least a full buffer that
// begins a response with a Content-Length, and holds less than that response, is kept until
// the rest has come (at most coalesceLimit bytes), then written at once. A response head alone
// (HEAD, 304) is smaller than a buffer, so it is never kept waiting for a body that will not
// come; net/http writes the rest of a response before it reads the next request, so it never
// waits for long.
type securedConn struct {
	net.Conn
	held []byte // the start of a response being joined; nil when none
	want int    // the size of that response
}

// connBuffer is net/http's connection write buffer size (server.go: newBufioWriterSize 4<<10).
const connBuffer = 4 << 10

// coalesceLimit bounds what one connection keeps: bigger responses go out as net/http writes
// them (a larger body dwarfs the extra system call).
const coalesceLimit = 64 << 10

var heldBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

func (c *securedConn) Write(p []byte) (int, error) {
	if c.held != nil {
		c.held = append(c.held, p...)
		if len(c.held) < c.want {
			return len(p), nil
		}
		out := c.held
		c.held = nil
		_, err := c.Conn.Write(out)
		out = out[:0]
		heldBuffers.Put(&out)
		if err != nil {
			return 0, err
		}
		return len(p), nil
	}
	if fixed, ok := withSecurityHeaders(p); ok {
		if _, err := c.Conn.Write(fixed); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	if want, ok := partialResponse(p); ok {
		buf := heldBuffers.Get().(*[]byte)
		c.held, c.want = append((*buf)[:0], p...), want
		return len(p), nil
	}
	return c.Conn.Write(p)
}

var contentLengthHeader = []byte("\r\nContent-Length: ")

// partialResponse reports whether p is the start of a response worth joining with the rest,
// and the response's whole size: p fills a buffer, begins a response head that has a
// Content-Length, and is shorter than head and body together, which fit coalesceLimit.
func partialResponse(p []byte) (int, bool) {
	if len(p) < connBuffer || !bytes.HasPrefix(p, responseStart) {
		return 0, false
	}
	head, _, complete := bytes.Cut(p, headEnd)
	if !complete {
		return 0, false
	}
	at := bytes.Index(head, contentLengthHeader)
	if at < 0 {
		return 0, false
	}
	value := head[at+len(contentLengthHeader):]
	if end := bytes.IndexByte(value, '\r'); end >= 0 {
		value = value[:end]
	}
	n, err := strconv.Atoi(string(value))
	size := len(head) + len(headEnd) + n
	if err != nil || n < 0 || size > coalesceLimit || size <= len(p) {
		return 0, false
	}
	return size, true
}

// CloseWrite lets net/http half-close the connection after a 431, as it does a TCP one.
func (c *securedConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// securityHeaderLines are securityHeaders as they go on the wire, with a Cache-Control for
// the error answers, which have none.
var securityHeaderLines = func() []byte {
	var b bytes.Buffer
	keys := make([]string, 0, len(securityHeaders))
	for k := range securityHeaders {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		b.WriteString(k + ": " + securityHeaders[k][0] + "\r\n")
	}
	return b.Bytes()
}()

var (
	responseStart = []byte("HTTP/1.")
	headEnd       = []byte("\r\n\r\n")
	ourHeader     = []byte("\r\nContent-Security-Policy:")
	cacheHeader   = []byte("\r\nCache-Control:")
)

// withSecurityHeaders returns p with the security headers (and Cache-Control: no-store when
// it has none) after its status line, if p begins a response head that lacks them.
func withSecurityHeaders(p []byte) ([]byte, bool) {
	if !bytes.HasPrefix(p, responseStart) {
		return nil, false
	}
	head, _, complete := bytes.Cut(p, headEnd)
	if !complete || bytes.Contains(head, ourHeader) {
		return nil, false
	}
	lineEnd := bytes.IndexByte(head, '\n') + 1
	if lineEnd == 0 {
		lineEnd = len(head) + 2 // the status line is the whole head
	}
	out := make([]byte, 0, len(p)+len(securityHeaderLines)+32)
	out = append(out, p[:lineEnd]...)
	out = append(out, securityHeaderLines...)
	if !bytes.Contains(head, cacheHeader) {
		out = append(out, "Cache-Control: no-store\r\n"...)
	}
	return append(out, p[lineEnd:]...), true
}
