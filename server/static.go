package main

import (
	"flag"
	"fmt"
	"io"

	"spotcheck/app/ui"
	"spotcheck/server/site"
)

// runStatic is `server static DIR [-base /sub/path] [-dir build/web] [-knowledge FILE]`: it writes the app as a
// static site to DIR, to be served at the root of its host or under -base, offline included.
// Flags may come before or after DIR.
func runStatic(bundled []byte, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("static", flag.ContinueOnError)
	fs.SetOutput(stderr)
	base := fs.String("base", "", "the sub-path the site will be served under, such as /spotcheck")
	dir := fs.String("dir", "build/web", "the built web directory")
	knowledge := fs.String("knowledge", "", "the knowledge base for the page and manifest (default: the bundled one)")
	embed := embedFlag(fs)
	var out []string
	for {
		if err := fs.Parse(args); err != nil {
			return 2
		}
		if fs.NArg() == 0 {
			break
		}
		out = append(out, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(out) != 1 {
		fmt.Fprintln(stderr, "usage: server static DIR [-base /sub/path] [-dir build/web] [-knowledge FILE]")
		return 2
	}
	origins, err := site.ParseEmbedOrigins(*embed)
	if err != nil {
		fmt.Fprintf(stderr, "static: -embed-origins: %v\n", err)
		return 2
	}
	k, ok := loadKnowledge(bundled, *knowledge, "static", stderr)
	if !ok {
		return 1
	}
	s, err := site.Build(site.Options{Dir: *dir, Prefix: *base, App: ui.New(k), EmbedOrigins: origins})
	if err != nil {
		fmt.Fprintf(stderr, "static: %v\n", err)
		return 1
	}
	if err := s.WriteStatic(out[0]); err != nil {
		fmt.Fprintf(stderr, "static: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote %d files of version %s to %s (base %q)\n", len(s.Paths()), s.Version(), out[0], *base+"/")
	return 0
}
