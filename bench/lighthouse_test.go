package main

import (
	"math"
	"testing"
)

func TestParseLighthouse(t *testing.T) {
	tests := []struct {
		name    string
		json    string
		want    lighthouseSample
		wantErr bool
	}{
		{"a run", `{"categories":{"performance":{"score":0.75},"accessibility":{"score":1},"best-practices":{"score":0.96},"seo":{"score":1}},` +
			`"audits":{"total-blocking-time":{"numericValue":1331.5}}}`,
			lighthouseSample{Score: 75, TBT: 1331.5, Accessibility: 100, BestPractices: 96, SEO: 100}, false},
		{"a category missing", `{"categories":{"performance":{"score":0.75}},"audits":{"total-blocking-time":{"numericValue":1331.5}}}`,
			lighthouseSample{}, true},
		{"a failed page", `{"runtimeError":{"code":"NO_FCP","message":"The page did not paint"},"categories":{"performance":{"score":null}}}`, lighthouseSample{}, true},
		{"no score", `{"categories":{"performance":{"score":null}},"audits":{"total-blocking-time":{"numericValue":10}}}`, lighthouseSample{}, true},
		{"not JSON", `Lighthouse crashed`, lighthouseSample{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseLighthouse([]byte(tt.json))
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("parseLighthouse = %+v, %v; want %+v, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestLighthouseRows(t *testing.T) {
	rep := &report{Lighthouse: map[string][]lighthouseSample{
		"spotcheck/mobile": {{Score: 74, TBT: 1200, Accessibility: 100, BestPractices: 100, SEO: 100},
			{Score: 76, TBT: 1300, Accessibility: 100, BestPractices: 96, SEO: 100}, {Error: "crashed"}},
		"floor/mobile":      {{Score: 79, TBT: 1000}, {Score: 81, TBT: 1000}},
		"spotcheck/desktop": {{Score: 90, TBT: 100, Accessibility: 100, BestPractices: 100, SEO: 100}},
		"floor/desktop":     {{Score: 100, TBT: 80}},
	}}
	rows := lighthouseRows(rep)
	nan := math.NaN()
	if len(rows) != 10 {
		t.Fatalf("%d rows, want 5 per preset: %+v", len(rows), rows)
	}
	// Mobile: 75 against 80 is within 5 points; 1250 ms against 1000 is 1.25x, over 1.15x; one
	// run's best practices at 96 is the row's figure. Desktop: 90 against 100 is not within 5;
	// 100 ms against 80 is 1.25x.
	want := []struct {
		spot, floor float64
		holds       string
	}{{75, 80, "yes"}, {1250, 1000, "no"}, {100, nan, "yes"}, {96, nan, "no"}, {100, nan, "yes"},
		{90, 100, "no"}, {100, 80, "no"}, {100, nan, "yes"}, {100, nan, "yes"}, {100, nan, "yes"}}
	same := func(a, b float64) bool { return math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) < 1e-9 }
	for i, w := range want {
		r := rows[i]
		if !same(r.Spotcheck, w.spot) || !same(r.Floor, w.floor) || r.Holds != w.holds {
			t.Errorf("row %d %q: %v vs %v holds %q; want %v vs %v holds %q", i, r.Measure, r.Spotcheck, r.Floor, r.Holds, w.spot, w.floor, w.holds)
		}
	}
	if rows[0].Measure != "Lighthouse performance score, mobile (median of 2)" {
		t.Errorf("the failed run is counted: %q", rows[0].Measure)
	}
}
