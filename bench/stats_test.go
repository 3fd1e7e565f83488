package main

import (
	"math"
	"strings"
	"testing"
)

func TestMedian(t *testing.T) {
	for _, c := range []struct {
		in   []float64
		want float64
	}{
		{[]float64{3, 1, 2}, 2},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{5}, 5},
		{[]float64{-1, 7, 9, -1}, 8}, // failed samples are left out
	} {
		if got := median(c.in); got != c.want {
			t.Errorf("median(%v) = %v, want %v", c.in, got, c.want)
		}
	}
	if got := median(nil); !math.IsNaN(got) {
		t.Errorf("median(nil) = %v, want NaN", got)
	}
}

func TestFormatValue(t *testing.T) {
	for _, c := range []struct {
		v    float64
		unit string
		want string
	}{
		{1_460_000, "B", "1.46 MB"},
		{70_400, "B", "70.4 KB"},
		{512, "B", "512 B"},
		{2612, "ms", "2.61 s"},
		{280.4, "ms", "280 ms"},
		{3.24, "ms", "3.2 ms"},
		{12.3, "us", "12 us"},
		{math.NaN(), "ms", "n/a"},
	} {
		if got := formatValue(c.v, c.unit); got != c.want {
			t.Errorf("formatValue(%v, %q) = %q, want %q", c.v, c.unit, got, c.want)
		}
	}
}

func TestCheckTarget(t *testing.T) {
	r := row{Spotcheck: 110, Floor: 100}
	if got := checkTarget(r, 1.15, 0); got != "yes" {
		t.Errorf("1.10x against 1.15x: %q", got)
	}
	if got := checkTarget(r, 1.05, 0); got != "no" {
		t.Errorf("1.10x against 1.05x: %q", got)
	}
	if got := checkTarget(r, 1.2, 100); got != "no" {
		t.Errorf("110 against at most 100: %q", got)
	}
	if got := checkTarget(row{Spotcheck: math.NaN(), Floor: 1}, 1.2, 0); got != "" {
		t.Errorf("unmeasured: %q", got)
	}
}

func TestMarkdownTable(t *testing.T) {
	got := markdownTable([]row{
		{Measure: "wasm", Unit: "B", Spotcheck: 2000, Floor: 1000, Target: "<= 1.05x", Holds: "no"},
		{Measure: "evaluate", Unit: "us", Spotcheck: 5, Floor: math.NaN(), Target: "<= 20 us", Holds: "yes"},
	})
	lines := strings.Split(strings.TrimSpace(got), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d lines:\n%s", len(lines), got)
	}
	for _, l := range lines {
		if len(l) != len(lines[0]) {
			t.Errorf("unaligned line %q in\n%s", l, got)
		}
	}
	if !strings.Contains(lines[2], "2.00x") || !strings.Contains(lines[2], "2.0 KB") {
		t.Errorf("row: %q", lines[2])
	}
}

func TestParseGoBench(t *testing.T) {
	out := `goos: linux
BenchmarkEvaluate-2   	  200000	      5000 ns/op	     120 B/op	       2 allocs/op
BenchmarkEvaluate-2   	  200000	      7000 ns/op	     120 B/op	       2 allocs/op
BenchmarkEvaluate-2   	  200000	      6000 ns/op	     120 B/op	       2 allocs/op
BenchmarkLoad    	     100	  12000000 ns/op	  16.85 MB/s
PASS`
	got := parseGoBench(out)
	if got["BenchmarkEvaluate"] != 6000 || got["BenchmarkLoad"] != 12e6 {
		t.Errorf("got %v", got)
	}
}
