package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	for _, tc := range []struct {
		name, in, want, err string
	}{
		{"indented", "{\n \"a\": [1, 2],\n \"b\": {\"en\": \"x \\u00e9 y\"}\n}\n", `{"a":[1,2],"b":{"en":"x \u00e9 y"}}`, ""},
		{"already compact", `{"a":1}`, `{"a":1}`, ""},
		{"not JSON", `{"a":`, "", "unexpected end"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			in, out, overlay := filepath.Join(dir, "k.json"), filepath.Join(dir, "b", "k.min.json"), filepath.Join(dir, "b", "o.json")
			if err := os.WriteFile(in, []byte(tc.in), 0o644); err != nil {
				t.Fatal(err)
			}
			err := run(in, out, overlay)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("run: %v, want an error with %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(out)
			if string(got) != tc.want {
				t.Errorf("compact: %s, want %s", got, tc.want)
			}
			var o struct{ Replace map[string]string }
			b, _ := os.ReadFile(overlay)
			if err := json.Unmarshal(b, &o); err != nil {
				t.Fatal(err)
			}
			if o.Replace[in] != out || len(o.Replace) != 1 {
				t.Errorf("overlay %s, want %s replaced by %s", b, in, out)
			}
		})
	}
}
