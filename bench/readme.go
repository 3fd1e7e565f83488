package main

import (
	"fmt"
	"os"
	"strings"
)

// The generated part of the README's Performance section lies between these markers; the
// text around them is written by hand and kept.
const (
	readmeStart = "<!-- make bench: start -->"
	readmeEnd   = "<!-- make bench: end -->"
)

// writeReadme replaces the generated part of path (creating the file if needed) with the
// table and how it was measured.
func writeReadme(path string, rep *report, table, apps string) error {
	var b strings.Builder
	b.WriteString(readmeStart + "\n")
	fmt.Fprintf(&b, "Measured by `make bench` on %s (%s, %d CPUs, headless Chromium; the floor is the smallest go-app app, built and served the same way, in the same run).\n\n",
		rep.Date[:10], rep.Go, rep.CPUs)
	b.WriteString(table)
	if apps != "" {
		b.WriteString("\nBy app, medians of the same run (\"go start\": from the wasm instantiated to interactive;\n" +
			"\"floor+engine\": the floor that also loads the knowledge base at start, as the app (app/wasm) does):\n\n")
		b.WriteString(apps)
	}
	if len(rep.Errors) > 0 {
		fmt.Fprintf(&b, "\n%d measurements failed in this run; build/bench.json lists them.\n", len(rep.Errors))
	}
	b.WriteString(readmeEnd + "\n")
	gen := b.String()

	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	text := string(old)
	i, j := strings.Index(text, readmeStart), strings.Index(text, readmeEnd)
	switch {
	case i >= 0 && j > i:
		end := j + len(readmeEnd)
		if end < len(text) && text[end] == '\n' {
			end++
		}
		text = text[:i] + gen + text[end:]
	case text == "":
		text = "## Performance\n\n`make bench` builds the app and measures it.\n\n" + gen
	default:
		text = strings.TrimRight(text, "\n") + "\n\n" + gen
	}
	return os.WriteFile(path, []byte(text), 0o644)
}
