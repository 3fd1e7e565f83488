package site

import (
	"bytes"
	"net"
	"sort"
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
	return securedConn{c}, nil
}

type securedConn struct{ net.Conn }

func (c securedConn) Write(p []byte) (int, error) {
	fixed, ok := withSecurityHeaders(p)
	if !ok {
		return c.Conn.Write(p)
	}
	if _, err := c.Conn.Write(fixed); err != nil {
		return 0, err
	}
	return len(p), nil
}

// CloseWrite lets net/http half-close the connection after a 431, as it does a TCP one.
func (c securedConn) CloseWrite() error {
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
