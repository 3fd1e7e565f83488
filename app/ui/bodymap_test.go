package ui

import (
	"math"
	"testing"

	"spotcheck/app/triage"
)

// narrowMap is the body map's width on a 320 px screen (the CSS keeps it so at any text size),
// and markSize its marks' diameter: GOV.UK's 44 px target.
const narrowMap, markSize = 288.0, 44.0

// TestBodyMapPlacesKeepApart: knowledge.json's places for a body map, each value once, keep
// their marks apart (as circles) and on the drawing at the narrowest width, so that no tap
// can land on two; the browser test measures the same on the page.
func TestBodyMapPlacesKeepApart(t *testing.T) {
	for _, d := range kb.Findings() {
		if d.Widget != triage.WidgetBodyMap {
			continue
		}
		seen := map[string]bool{}
		px := func(pct int) float64 { return float64(pct) * narrowMap / 100 }
		for i, a := range d.Places {
			if seen[a.Value] {
				t.Errorf("%s: %s has two marks (one number, one box: one place)", d.ID, a.Value)
			}
			seen[a.Value] = true
			for _, c := range []float64{px(a.X), px(a.Y)} {
				if c < markSize/2 || c > narrowMap-markSize/2 {
					t.Errorf("%s: the mark of %s (%d, %d) leaves the drawing at %.0f px", d.ID, a.Value, a.X, a.Y, narrowMap)
				}
			}
			for _, b := range d.Places[i+1:] {
				if dist := math.Hypot(px(a.X-b.X), px(a.Y-b.Y)); dist < markSize {
					t.Errorf("%s: the marks of %s and %s are %.0f px apart at %.0f px, want %.0f", d.ID, a.Value, b.Value, dist, narrowMap, markSize)
				}
			}
		}
	}
}
