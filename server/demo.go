package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"

	"spotcheck/server/site"
)

// runDemoPartner is `server demo-partner -app URL [-addr 127.0.0.1:8001]`: a partner's page,
// at an origin of its own, that embeds the app served at URL (which must list this origin in
// -embed-origins), until SIGINT or SIGTERM.
func runDemoPartner(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("demo-partner", flag.ContinueOnError)
	fs.SetOutput(stderr)
	appURL := fs.String("app", "", "the app's URL, such as http://127.0.0.1:8000/")
	addr := fs.String("addr", "localhost:8001", "address to listen on")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	h, err := site.DemoPartner(*appURL)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "demo-partner: %v\n", err)
		return 1
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	logger.Info("demo partner", "addr", ln.Addr().String(), "app", *appURL)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := site.NewServer(*addr, h, site.DefaultLimits, logger)
	if err := site.Serve(ctx, srv, ln, site.DefaultLimits.Shutdown); err != nil {
		fmt.Fprintf(stderr, "demo-partner: %v\n", err)
		return 1
	}
	return 0
}
