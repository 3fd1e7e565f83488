package site

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// Limits are the server's timeouts and header limit.
type Limits struct {
	ReadHeader time.Duration // to read a request's headers (slow clients)
	Read       time.Duration // to read a whole request
	Write      time.Duration // to write a response, from the end of the request's headers
	Idle       time.Duration // a kept-alive connection waiting for its next request
	MaxHeader  int           // bytes of request line and headers; more gets 431
	Shutdown   time.Duration // to let requests in flight finish at shutdown
}

// DefaultLimits suit a static site: requests are small GETs; the longest response is the
// compressed wasm (1.5 MB), which the write timeout leaves two minutes for.
var DefaultLimits = Limits{
	ReadHeader: 5 * time.Second,
	Read:       10 * time.Second,
	Write:      2 * time.Minute,
	Idle:       2 * time.Minute,
	MaxHeader:  16 << 10,
	Shutdown:   10 * time.Second,
}

// NewServer is an http.Server for h at addr with limits l.
func NewServer(addr string, h http.Handler, l Limits, logger *slog.Logger) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: l.ReadHeader,
		ReadTimeout:       l.Read,
		WriteTimeout:      l.Write,
		IdleTimeout:       l.Idle,
		MaxHeaderBytes:    l.MaxHeader,
		// "OPTIONS *" goes to the handler, which answers 405 like any method but GET and HEAD.
		DisableGeneralOptionsHandler: true,
		ErrorLog:                     slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// Serve serves srv on ln until ctx ends, then shuts down gracefully: it stops accepting,
// lets requests in flight finish for up to shutdown, and closes what is left. Responses that
// the close cut short make it return an error. net/http's own answers to unreadable requests
// get the security headers on the way out (securedListener).
func Serve(ctx context.Context, srv *http.Server, ln net.Listener, shutdown time.Duration) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(securedListener{ln}) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdown)
	defer cancel()
	h, _ := srv.Handler.(*handler)
	err := srv.Shutdown(sctx)
	if errors.Is(err, context.DeadlineExceeded) {
		cutBefore := h.cutCount()
		err = srv.Close()
		if cut := h.settle() - cutBefore; cut > 0 && err == nil {
			err = fmt.Errorf("%d response(s) cut short at the shutdown deadline of %v", cut, shutdown)
		}
	}
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	return err
}
