package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"spotcheck/internal/browsertest"
)

// reviewShots is where the review page's screenshots go, beside the app's.
const reviewShots = "../test-output/screenshots"

// TestBrowserReviewPage opens the review page of the shipped knowledge in Chromium: it has
// every cause and rule, loads nothing from outside, and its screenshots are written for a
// person to look at.
func TestBrowserReviewPage(t *testing.T) {
	ctx := browsertest.New(t, 2*time.Minute)
	openReview(t, ctx, "../knowledge.json")
	eval := func(js string) []string {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	causes := eval(`[...document.querySelectorAll("section.cause")].map(s => s.dataset.id)`)
	rules := eval(`[...document.querySelectorAll("section.rule")].map(s => s.dataset.id)`)
	external := eval(`[...document.querySelectorAll("script, link, img, iframe, object, embed, [style*='url(']")].map(e => e.outerHTML)`)
	version := eval(`[document.querySelector("#version").textContent]`)[0]
	k := bundledKnowledge(t)
	for _, c := range k.Conditions() {
		if !slices.Contains(causes, c.ID) {
			t.Errorf("cause %s is not on the page", c.ID)
		}
	}
	all := append(slices.Clone(k.Rules()), k.Meta().Unexplained) // the floor for spots no cause explains, too
	for _, r := range all {
		if !slices.Contains(rules, r.ID) {
			t.Errorf("rule %s is not on the page", r.ID)
		}
	}
	if len(causes) != len(k.Conditions()) || len(rules) != len(all) {
		t.Errorf("page has %d causes and %d rules, want %d and %d", len(causes), len(rules), len(k.Conditions()), len(all))
	}
	if len(external) != 0 {
		t.Errorf("page has elements that load resources, it must be self-contained: %v", external)
	}
	if version != k.Meta().Version {
		t.Errorf("version shown %q, want %q", version, k.Meta().Version)
	}
	if err := os.MkdirAll(reviewShots, 0o755); err != nil {
		t.Fatal(err)
	}
	shots := []struct{ name, selector string }{
		{"top", "body"},
		{"cause", "section.cause"},
		{"ratios", "section.cause table.ratios"},
		{"cause-with-bands", "#cause-scurvy"},
		{"rule", "#rule-fever_glass_test_unknown"},
		{"defs", "#defs"},
		{"sources", "#sources"},
		{"reading", "#reading"},
	}
	for _, s := range shots {
		js := `document.querySelector(` + strconv.Quote(s.selector) + `).scrollIntoView({block: "start"})`
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
			t.Fatalf("scroll to %s: %v", s.selector, err)
		}
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot %s: %v", s.name, err)
		}
		if err := os.WriteFile(filepath.Join(reviewShots, "review-"+s.name+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBrowserReviewDiff opens a change's diff page and writes its screenshot.
func TestBrowserReviewDiff(t *testing.T) {
	ctx := browsertest.New(t, time.Minute)
	newer := changedKnowledge(t, func(kb map[string]any) {
		kb["meta"].(map[string]any)["version"] = "1.1.0"
		entry(kb, "conditions", 2)["prior"] = 0.123
		entry(kb, "conditions", 2)["looks"].(map[string]any)["en"] = "Now it looks different."
		entry(kb, "rules", 0)["urgency"] = "urgent"
	})
	openReview(t, ctx, shippedKnowledge, newer)
	changed, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("section.changed").length`))
	if err != nil {
		t.Fatal(err)
	}
	if changed != 3 { // meta, the cause and the rule
		t.Errorf("%d changed statements shown, want 3", changed)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(reviewShots, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(reviewShots, "review-diff.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// openReview writes `server review -o PAGE FILES...` and opens the page in the browser.
func openReview(t *testing.T, ctx context.Context, files ...string) {
	t.Helper()
	page := filepath.Join(t.TempDir(), "review.html")
	if code, _, stderr := runCLI(t, "", append([]string{"review", "-o", page}, files...)...); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	abs, err := filepath.Abs(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate("file://"+abs)); err != nil {
		t.Fatal(err)
	}
}
