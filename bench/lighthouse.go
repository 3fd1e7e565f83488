package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"spotcheck/internal/browsertest"
)

// Lighthouse (npm, pinned in bench/lighthouse/package-lock.json; `make bench` runs npm ci) is
// run on Spotcheck and the floor in the same run, alternating, with Debian's Chromium: its
// performance score and total blocking time, mobile (its default: a slow phone, simulated)
// and desktop presets, where only the side-by-side figures mean anything on a shared machine;
// and Spotcheck's accessibility, best-practices and SEO scores, which must be 100.

// lighthouseDir holds package.json and, once installed, node_modules.
const lighthouseDir = "bench/lighthouse"

// lighthousePresets are the form factors measured; "" is Lighthouse's default (mobile).
var lighthousePresets = []struct{ Name, Flag string }{{"mobile", ""}, {"desktop", "--preset=desktop"}}

// lighthouseSample is one Lighthouse run's figures.
type lighthouseSample struct {
	Score float64 `json:"score"`  // performance, 0-100
	TBT   float64 `json:"tbt_ms"` // total blocking time
	// Accessibility, BestPractices and SEO are the other categories' scores, 0-100.
	Accessibility float64 `json:"accessibility"`
	BestPractices float64 `json:"best_practices"`
	SEO           float64 `json:"seo"`
	Error         string  `json:"error,omitempty"`
}

// lighthouseCategories are the categories run, as Lighthouse names them.
const lighthouseCategories = "performance,accessibility,best-practices,seo"

// lighthouseCLI is the installed CLI, or an error saying how to install it.
func lighthouseCLI() (string, error) {
	cli := filepath.Join(lighthouseDir, "node_modules", "lighthouse", "cli", "index.js")
	if _, err := os.Stat(cli); err != nil {
		return "", fmt.Errorf("lighthouse is not installed: run npm ci in %s (make bench does)", lighthouseDir)
	}
	return cli, nil
}

// runLighthouse runs Lighthouse's categories once on url with a fresh profile.
func runLighthouse(ctx context.Context, cli, url, presetFlag string) (lighthouseSample, error) {
	profile, err := os.MkdirTemp("", "bench-lighthouse-")
	if err != nil {
		return lighthouseSample{}, err
	}
	defer os.RemoveAll(profile)
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	flags := strings.Join([]string{"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile}, " ")
	args := []string{cli, url, "--chrome-flags=" + flags, "--only-categories=" + lighthouseCategories,
		"--output=json", "--output-path=stdout", "--quiet"}
	if presetFlag != "" {
		args = append(args, presetFlag)
	}
	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Env = append(os.Environ(), "CHROME_PATH="+browsertest.ExecPath)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return lighthouseSample{}, fmt.Errorf("lighthouse: %v: %s", err, lastLine(stderr.String()))
	}
	return parseLighthouse(out)
}

// parseLighthouse reads the category scores and total blocking time from Lighthouse's JSON.
func parseLighthouse(b []byte) (lighthouseSample, error) {
	type category struct {
		Score *float64 `json:"score"`
	}
	var r struct {
		RuntimeError *struct{ Message string } `json:"runtimeError"`
		Categories   map[string]category       `json:"categories"`
		Audits       map[string]struct {
			NumericValue *float64 `json:"numericValue"`
		} `json:"audits"`
	}
	if err := json.Unmarshal(b, &r); err != nil {
		return lighthouseSample{}, fmt.Errorf("lighthouse output: %w", err)
	}
	if r.RuntimeError != nil {
		return lighthouseSample{}, fmt.Errorf("lighthouse: %s", r.RuntimeError.Message)
	}
	var s lighthouseSample
	for name, into := range map[string]*float64{"performance": &s.Score, "accessibility": &s.Accessibility,
		"best-practices": &s.BestPractices, "seo": &s.SEO} {
		c, ok := r.Categories[name]
		if !ok || c.Score == nil {
			return lighthouseSample{}, fmt.Errorf("lighthouse output has no %s score", name)
		}
		*into = 100 * *c.Score
	}
	tbt := r.Audits["total-blocking-time"].NumericValue
	if tbt == nil {
		return lighthouseSample{}, fmt.Errorf("lighthouse output has no total blocking time")
	}
	s.TBT = *tbt
	return s, nil
}

// lastLine is the last non-empty line of s, for an error message.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// lighthouseRows are the table's Lighthouse rows: per preset, the median score (target: within
// 5 points of the floor's) and the median total blocking time (target: <= 1.15x the floor's).
func lighthouseRows(rep *report) []row {
	var out []row
	for _, p := range lighthousePresets {
		med := func(app string, f func(lighthouseSample) float64) (float64, int) {
			var xs []float64
			for _, s := range rep.Lighthouse[app+"/"+p.Name] {
				if s.Error == "" {
					xs = append(xs, f(s))
				}
			}
			return median(xs), len(xs)
		}
		score := func(s lighthouseSample) float64 { return s.Score }
		tbt := func(s lighthouseSample) float64 { return s.TBT }
		sp, n := med("spotcheck", score)
		fl, _ := med("floor", score)
		if n == 0 {
			continue
		}
		r := row{Measure: fmt.Sprintf("Lighthouse performance score, %s (median of %d)", p.Name, n), Unit: "points",
			Spotcheck: sp, Floor: fl, Target: "within 5 points"}
		r.Holds = holds(fl-sp <= 5)
		out = append(out, r)
		sp, _ = med("spotcheck", tbt)
		fl, _ = med("floor", tbt)
		r = row{Measure: "Lighthouse total blocking time, " + p.Name, Unit: "ms", Spotcheck: sp, Floor: fl, Target: "<= 1.15x"}
		r.Holds = checkTarget(r, 1.15, 0)
		out = append(out, r)
		for _, c := range []struct {
			name  string
			score func(lighthouseSample) float64
		}{
			{"accessibility", func(s lighthouseSample) float64 { return s.Accessibility }},
			{"best practices", func(s lighthouseSample) float64 { return s.BestPractices }},
			{"SEO", func(s lighthouseSample) float64 { return s.SEO }},
		} {
			// The lowest of the runs: one run below 100 is a finding, not noise.
			sp := math.NaN()
			for _, s := range rep.Lighthouse["spotcheck/"+p.Name] {
				if s.Error == "" && !(c.score(s) >= sp) {
					sp = c.score(s)
				}
			}
			out = append(out, row{Measure: fmt.Sprintf("Lighthouse %s score, %s (lowest of %d)", c.name, p.Name, n), Unit: "points",
				Spotcheck: sp, Floor: math.NaN(), Target: "100", Holds: holds(sp == 100)})
		}
	}
	return out
}

// holds writes a target's outcome as the table does.
func holds(ok bool) string {
	if ok {
		return "yes"
	}
	return "no"
}
