package browsertest

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/chromedp/chromedp"
)

// AxeSource returns axe.min.js, installing axe-core@4 with npm under dir (build/axe,
// git-ignored) the first time. Without npm or the registry the axe checks are skipped (""),
// except under CI.
func AxeSource(t TB, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "node_modules", "axe-core", "axe.min.js")
	if _, err := os.Stat(path); err != nil {
		cmd := exec.Command("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", dir, "axe-core@4")
		if out, err := cmd.CombinedOutput(); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("npm install axe-core: %v\n%s", err, out)
			}
			t.Logf("axe checks skipped: npm install axe-core: %v", err)
			return ""
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// CheckAxe runs axe-core (injected the first time) on the document and reports each
// violation as an error naming the screen.
func CheckAxe(t TB, ctx context.Context, axe, name string) {
	t.Helper()
	if !Eval[bool](t, ctx, `typeof axe !== "undefined"`) {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](axe)); err != nil {
			t.Fatalf("inject axe: %v", err)
		}
	}
	type violation struct {
		ID    string `json:"id"`
		Help  string `json:"help"`
		Nodes []struct {
			Target []any  `json:"target"`
			HTML   string `json:"html"`
		} `json:"nodes"`
	}
	vs := Eval[[]violation](t, ctx, `axe.run(document).then(r => r.violations)`)
	for _, v := range vs {
		b, _ := json.Marshal(v.Nodes)
		t.Errorf("axe on %s: %s (%s): %s", name, v.ID, v.Help, b)
	}
}
