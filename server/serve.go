package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"spotcheck/app/ui"
	"spotcheck/server/site"
)

// runServe is `server serve [-addr :8000] [-dir build/web] [-prefix /sub/path] [-knowledge FILE]`: it serves the
// app until SIGINT or SIGTERM, then shuts down gracefully. The address comes from -addr, else
// $ADDR, else :8000. The access log and errors go to stderr as log/slog text.
func runServe(bundled []byte, args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	defAddr := os.Getenv("ADDR")
	if defAddr == "" {
		defAddr = ":8000"
	}
	addr := fs.String("addr", defAddr, "address to listen on (default from $ADDR, else :8000)")
	dir := fs.String("dir", "build/web", "the built web directory")
	prefix := fs.String("prefix", "", "serve the app under this sub-path, such as /spotcheck")
	knowledge := fs.String("knowledge", "", "the knowledge base for the page and manifest (default: the bundled one)")
	embed := embedFlag(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	origins, err := site.ParseEmbedOrigins(*embed)
	if err != nil {
		fmt.Fprintf(stderr, "serve: -embed-origins: %v\n", err)
		return 2
	}
	k, ok := loadKnowledge(bundled, *knowledge, "serve", stderr)
	if !ok {
		return 1
	}
	logOut := newLogBuffer(stderr, 250*time.Millisecond)
	defer logOut.Close()
	logger := slog.New(slog.NewTextHandler(logOut, nil))
	h, err := site.New(site.Options{Dir: *dir, Prefix: *prefix, App: ui.New(k), Logger: logger, EmbedOrigins: origins})
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger.Info("serving", "addr", ln.Addr().String(), "dir", *dir, "prefix", *prefix, "embed_origins", strings.Join(origins, " "))
	srv := site.NewServer(*addr, h, site.DefaultLimits, logger)
	if err := site.Serve(ctx, srv, ln, site.DefaultLimits.Shutdown); err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	logger.Info("stopped")
	return 0
}

// logBuffer collects log lines and writes them out at least every interval: one write a
// request would cost the server a system call each.
type logBuffer struct {
	mu   sync.Mutex
	w    *bufio.Writer
	done chan struct{}
}

func newLogBuffer(w io.Writer, interval time.Duration) *logBuffer {
	b := &logBuffer{w: bufio.NewWriterSize(w, 64<<10), done: make(chan struct{})}
	go func() {
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				b.flush()
			case <-b.done:
				return
			}
		}
	}()
	return b
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Write(p)
}

func (b *logBuffer) flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.w.Flush()
}

// Close writes out what is left and stops the flushing.
func (b *logBuffer) Close() {
	close(b.done)
	b.flush()
}
