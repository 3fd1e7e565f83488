package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// knowledgeOverlay is the go build overlay with which `make build` embeds knowledge.json
// compacted (internal/compactjson).
const knowledgeOverlay = "build/knowledge-overlay.json"

// buildWasm builds the wasm main in pkg to out as `make build` builds Spotcheck's:
// GOOS=js GOARCH=wasm, -trimpath -ldflags='-s -w', knowledge.json compacted, so that the
// engine's figures are those of the base as the app ships it.
func buildWasm(pkg, out string, tags ...string) error {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	compact := exec.Command(goCmd(), "run", "./internal/compactjson", "-overlay", knowledgeOverlay, "knowledge.json", "build/knowledge.min.json")
	compact.Stdout, compact.Stderr = os.Stderr, os.Stderr
	if err := compact.Run(); err != nil {
		return fmt.Errorf("compactjson: %w", err)
	}
	args := []string{"build", "-overlay", knowledgeOverlay, "-trimpath", "-ldflags=-s -w"}
	if len(tags) > 0 {
		args = append(args, "-tags="+strings.Join(tags, ","))
	}
	args = append(args, "-o", out, pkg)
	cmd := exec.Command(goCmd(), args...)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build %s: %w", pkg, err)
	}
	return nil
}

// goCmd is the go command: $GO as the Makefile sets it, else "go".
func goCmd() string {
	if g := os.Getenv("GO"); g != "" {
		return g
	}
	return "go"
}

// precompress writes name.br (brotli -q 11) and name.gz (gzip -9 -n) next to name, as
// `make build` does, unless they are there already for the same content (a sum under
// sumDir).
func precompress(name, sumDir string) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	want := hex.EncodeToString(sum[:])
	mark := filepath.Join(sumDir, strings.NewReplacer("/", "_", "\\", "_").Replace(name)+".sum")
	if have, err := os.ReadFile(mark); err == nil && string(have) == want && exists(name+".br") && exists(name+".gz") {
		return nil
	}
	fmt.Fprintf(os.Stderr, "bench: precompress %s (brotli -q 11 takes about a minute)\n", name)
	if out, err := exec.Command("brotli", "-q", "11", "-f", "-o", name+".br", name).CombinedOutput(); err != nil {
		return fmt.Errorf("brotli %s: %v: %s", name, err, out)
	}
	if out, err := exec.Command("gzip", "-9", "-n", "-k", "-f", name).CombinedOutput(); err != nil {
		return fmt.Errorf("gzip %s: %v: %s", name, err, out)
	}
	if err := os.MkdirAll(sumDir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(mark, []byte(want), 0o644)
}

func exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// copyDir copies the regular files of src into dst (one level deep is all the icons need,
// but subdirectories are copied too).
func copyDir(src, dst string) error {
	return filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(target)
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
}

// wasmSizes are a wasm file's sizes: raw and its precompressed encodings.
type wasmSizes struct {
	Raw    int64 `json:"raw"`
	Gzip   int64 `json:"gzip"`
	Brotli int64 `json:"brotli"`
}

func sizesOf(name string) (wasmSizes, error) {
	var s wasmSizes
	for _, f := range []struct {
		name string
		dst  *int64
	}{{name, &s.Raw}, {name + ".gz", &s.Gzip}, {name + ".br", &s.Brotli}} {
		st, err := os.Stat(f.name)
		if err != nil {
			return s, err
		}
		*f.dst = st.Size()
	}
	return s, nil
}

// buildFloor builds the floor app into dir: its app.wasm with both encodings and the
// project's icons (the site needs them; the floor's page links the same ones). Tags select
// a variant (benchengine: the floor that also loads the knowledge base at start).
func buildFloor(root, dir string, tags ...string) error {
	if err := buildWasm("./bench/floor/wasm", filepath.Join(dir, "app.wasm"), tags...); err != nil {
		return err
	}
	if err := copyDir(filepath.Join(root, "web", "icons"), filepath.Join(dir, "icons")); err != nil {
		return err
	}
	return precompress(filepath.Join(dir, "app.wasm"), filepath.Join(filepath.Dir(dir), ".sums"))
}
