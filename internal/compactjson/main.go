// Command compactjson writes a JSON file without its insignificant whitespace, and a `go build
// -overlay` file that embeds the compact copy in place of the original. `make build` builds
// the app so: knowledge.json is indented for its reviewers, and its indentation is a sixth of
// its bytes, which the app would download, hold in memory and scan at every start.
//
//	go run ./internal/compactjson -overlay build/knowledge-overlay.json knowledge.json build/knowledge.min.json
//
// json.Compact keeps every key, value and escape as written, in order, so that Load reads the
// same base (app/triage's TestPrecheckedLoadIsTheFullLoad loads the compact copy); the tool
// checks that the content hash is unchanged too.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"spotcheck/app/triage"
)

func main() {
	overlay := flag.String("overlay", "", "write the go build overlay that embeds OUT in place of IN here")
	flag.Parse()
	if flag.NArg() != 2 || *overlay == "" {
		fmt.Fprintln(os.Stderr, "usage: compactjson -overlay OVERLAY.json IN.json OUT.json")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), flag.Arg(1), *overlay); err != nil {
		fmt.Fprintln(os.Stderr, "compactjson:", err)
		os.Exit(1)
	}
}

func run(in, out, overlay string) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, data); err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	was, err := triage.ContentHash(data)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	if now, err := triage.ContentHash(compact.Bytes()); err != nil || now != was {
		return fmt.Errorf("%s: compacting changed the content hash (%s to %s, %v)", in, was, now, err)
	}
	if err := writeFile(out, compact.Bytes()); err != nil {
		return err
	}
	// The overlay's paths are absolute: go build resolves them from its own directory.
	absIn, err := filepath.Abs(in)
	if err != nil {
		return err
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	o, err := json.Marshal(map[string]map[string]string{"Replace": {absIn: absOut}})
	if err != nil {
		return err
	}
	return writeFile(overlay, o)
}

// writeFile writes the file only when its content changes, so that its time stays and go
// build's cache and make's precompression see nothing new.
func writeFile(name string, b []byte) error {
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, b) {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, b, 0o644)
}
