package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"spotcheck"
	"spotcheck/app/triage"
	"spotcheck/app/ui"
)

// breakKnowledge returns the bundled knowledge base with one change made to its JSON.
func breakKnowledge(t *testing.T, change func(kb map[string]any)) []byte {
	t.Helper()
	var kb map[string]any
	if err := json.Unmarshal(spotcheck.KnowledgeJSON, &kb); err != nil {
		t.Fatal(err)
	}
	change(kb)
	out, err := json.Marshal(kb)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func obj(v any) map[string]any { return v.(map[string]any) }

// finding returns the object of the finding with the id.
func finding(t *testing.T, kb map[string]any, id string) map[string]any {
	t.Helper()
	for _, f := range kb["findings"].([]any) {
		if obj(f)["id"] == id {
			return obj(f)
		}
	}
	t.Fatalf("no finding %q", id)
	return nil
}

// runWith runs the command line with bundled as the built-in knowledge base, and fails the
// test (rather than crash it) if it panics.
func runWith(t *testing.T, bundled []byte, args ...string) (code int, out string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("%v panics: %v", args, r)
				code = -1
			}
		}()
		code = run(bundled, args, strings.NewReader(`{"cases": []}`), &stdout, &stderr)
	}()
	return code, stdout.String() + stderr.String()
}

// TestBrokenBundledKnowledge: with the bundled knowledge base broken, every command that uses
// it exits non-zero naming the problem's path, and none panics; check FILE of a good file
// still passes.
func TestBrokenBundledKnowledge(t *testing.T) {
	breaks := []struct {
		name string
		data func(t *testing.T) []byte
		path string // what the output must name
	}{
		{"prior out of range", func(t *testing.T) []byte {
			return breakKnowledge(t, func(kb map[string]any) { obj(kb["conditions"].([]any)[0])["prior"] = 1.5 })
		}, "conditions.0.prior"},
		{"UI text missing", func(t *testing.T) []byte {
			return breakKnowledge(t, func(kb map[string]any) { delete(obj(obj(kb["meta"])["ui"]), "start") })
		}, "meta.ui.start"},
		{"placeholder lost", func(t *testing.T) []byte {
			return breakKnowledge(t, func(kb map[string]any) {
				obj(obj(obj(kb["meta"])["ui"])["call_number"])["en"] = "Call now"
			})
		}, "meta.ui.call_number.en"},
		{"body map place of no value", func(t *testing.T) []byte {
			return breakKnowledge(t, func(kb map[string]any) {
				loc := finding(t, kb, "location")
				obj(loc["places"].([]any)[0])["value"] = "elbow"
			})
		}, ".places.0.value"},
		{"emergency number not a number", func(t *testing.T) []byte {
			return breakKnowledge(t, func(kb map[string]any) { obj(kb["emergency_numbers"])["default"] = "one-one-two" })
		}, "emergency_numbers.default"},
		{"not JSON", func(*testing.T) []byte { return []byte(`{"meta": `) }, "meta: line 1, column 10"},
	}
	good := filepath.Join(t.TempDir(), "good.json")
	if err := os.WriteFile(good, spotcheck.KnowledgeJSON, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, b := range breaks {
		t.Run(b.name, func(t *testing.T) {
			bundled := b.data(t)
			// help needs no knowledge base; every other command does.
			for _, args := range [][]string{
				{"serve", "-addr", "127.0.0.1:0"},
				{"static", t.TempDir()},
				{"check"},
				{"triage", "-"},
			} {
				code, out := runWith(t, bundled, args...)
				if code <= 0 || !strings.Contains(out, b.path) {
					t.Errorf("%v: exit %d, want non-zero and the path %q in:\n%s", args, code, b.path, out)
				}
			}
			if code, out := runWith(t, bundled, "check", good); code != 0 {
				t.Errorf("check of a good file with the bundled one broken: exit %d:\n%s", code, out)
			}
		})
	}
}

// TestRenamingAnyUITextFailsCheck: in a knowledge base where every text the UI declares has
// another key, check fails naming each of them (the loader reports every problem, so one base
// tests them all: a base per text took half a minute under -race).
func TestRenamingAnyUITextFailsCheck(t *testing.T) {
	texts := ui.Texts()
	if len(texts) < 50 {
		t.Fatalf("the UI declares %d texts: fewer than it shows", len(texts))
	}
	data := breakKnowledge(t, func(kb map[string]any) {
		meta := obj(kb["meta"])
		for _, txt := range texts {
			holder := obj(meta["ui"])
			if _, inUI := holder[txt.Key]; !inUI {
				holder = meta
			}
			holder[txt.Key+"_renamed"] = holder[txt.Key]
			delete(holder, txt.Key)
		}
	})
	file := filepath.Join(t.TempDir(), "renamed.json")
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out := runWith(t, nil, "check", file)
	if code != 1 {
		t.Fatalf("every UI text renamed: check exits %d, want 1:\n%s", code, out)
	}
	for _, txt := range texts {
		if !strings.Contains(out, "."+txt.Key+":") {
			t.Errorf("%s renamed: check does not name it", txt.Key)
		}
	}
}

// webDir is a small built web directory: the repository's icons and a stand-in app.wasm.
func webDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	icons, err := filepath.Glob(filepath.Join("..", "web", "icons", "*"))
	if err != nil || len(icons) == 0 {
		t.Fatalf("no icons in web/icons: %v", err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "icons"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range icons {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "icons", filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "app.wasm"), []byte("\x00asm stand-in"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestManifestNamesFromKnowledge: the installed app's name and short name are the knowledge
// base's texts, from the bundled file or from -knowledge FILE.
func TestManifestNamesFromKnowledge(t *testing.T) {
	renamed := filepath.Join(t.TempDir(), "renamed.json")
	data := breakKnowledge(t, func(kb map[string]any) {
		meta := obj(kb["meta"])
		// The same words in every listed language: the UI needs each text in all of them.
		inAll := func(s string) map[string]any {
			t := map[string]any{}
			for _, lang := range meta["languages"].([]any) {
				t[lang.(string)] = s
			}
			return t
		}
		meta["name"] = inAll("Spot Guide")
		obj(meta["ui"])["short_name"] = inAll("Spots")
	})
	if err := os.WriteFile(renamed, data, 0o600); err != nil {
		t.Fatal(err)
	}
	web := webDir(t)
	for _, tt := range []struct {
		name      string
		knowledge []byte
		flags     []string
	}{
		{"bundled", spotcheck.KnowledgeJSON, nil},
		{"-knowledge", data, []string{"-knowledge", renamed}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			k, err := triage.Load(tt.knowledge)
			if err != nil {
				t.Fatal(err)
			}
			out := t.TempDir()
			args := append([]string{"static", out, "-dir", web}, tt.flags...)
			if code, msg := runWith(t, spotcheck.KnowledgeJSON, args...); code != 0 {
				t.Fatalf("%v: exit %d: %s", args, code, msg)
			}
			b, err := os.ReadFile(filepath.Join(out, "manifest.webmanifest"))
			if err != nil {
				t.Fatal(err)
			}
			var m struct {
				Name      string `json:"name"`
				ShortName string `json:"short_name"`
			}
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			if want := k.UI("name", "en"); m.Name != want {
				t.Errorf("manifest name %q, want meta.name %q", m.Name, want)
			}
			if want := k.UI("short_name", "en"); m.ShortName != want {
				t.Errorf("manifest short_name %q, want meta.ui.short_name %q", m.ShortName, want)
			}
		})
	}
}
