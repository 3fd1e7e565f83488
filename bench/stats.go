package main

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// median is the middle of xs (the mean of the two middle values for an even count), NaN for
// none. Negative values are failed samples and are left out.
func median(xs []float64) float64 {
	var ok []float64
	for _, x := range xs {
		if x >= 0 && !math.IsNaN(x) {
			ok = append(ok, x)
		}
	}
	if len(ok) == 0 {
		return math.NaN()
	}
	slices.Sort(ok)
	n := len(ok)
	if n%2 == 1 {
		return ok[n/2]
	}
	return (ok[n/2-1] + ok[n/2]) / 2
}

// ratio is a/b, NaN when either is unknown or b is zero.
func ratio(a, b float64) float64 {
	if math.IsNaN(a) || math.IsNaN(b) || b == 0 {
		return math.NaN()
	}
	return a / b
}

// A row is one line of the table: a measure, Spotcheck's and the floor's figures, their ratio
// and the target with whether it holds.
type row struct {
	Measure   string  `json:"measure"`
	Unit      string  `json:"unit"` // "B", "ms", "us"
	Spotcheck float64 `json:"spotcheck"`
	Floor     float64 `json:"floor"` // NaN (null in JSON) when the floor has no such figure
	Target    string  `json:"target,omitempty"`
	Holds     string  `json:"holds,omitempty"` // "yes", "no" or "" (no target, or not measured)
}

// Ratio is Spotcheck's figure over the floor's.
func (r row) Ratio() float64 { return ratio(r.Spotcheck, r.Floor) }

// formatValue prints a figure in its unit: bytes as KB or MB, times in ms or us.
func formatValue(v float64, unit string) string {
	if math.IsNaN(v) {
		return "n/a"
	}
	switch unit {
	case "B":
		switch {
		case v >= 1e6:
			return fmt.Sprintf("%.2f MB", v/1e6)
		case v >= 1e3:
			return fmt.Sprintf("%.1f KB", v/1e3)
		}
		return fmt.Sprintf("%.0f B", v)
	case "ms":
		return duration(v, "ms", "s")
	case "us":
		return duration(v, "us", "ms")
	}
	return fmt.Sprintf("%g %s", v, unit)
}

// formatRatio prints a ratio as "1.04x", or "" when there is none.
func formatRatio(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return fmt.Sprintf("%.2fx", x)
}

// checkTarget says whether a figure meets a target: at most maxRatio times the floor's (0:
// no ratio target) and at most maxAbs in the row's unit (0: no absolute target).
func checkTarget(r row, maxRatio, maxAbs float64) string {
	if math.IsNaN(r.Spotcheck) {
		return ""
	}
	ok := true
	if maxRatio > 0 {
		q := r.Ratio()
		if math.IsNaN(q) {
			return ""
		}
		ok = ok && q <= maxRatio
	}
	if maxAbs > 0 {
		ok = ok && r.Spotcheck <= maxAbs
	}
	if ok {
		return "yes"
	}
	return "no"
}

// markdownTable prints rows as a Markdown table with aligned columns.
func markdownTable(rows []row) string {
	head := []string{"Measure", "Spotcheck", "Floor", "Ratio", "Target", "Holds"}
	cells := [][]string{head}
	for _, r := range rows {
		floor := formatValue(r.Floor, r.Unit)
		if math.IsNaN(r.Floor) {
			floor = ""
		}
		cells = append(cells, []string{r.Measure, formatValue(r.Spotcheck, r.Unit), floor,
			formatRatio(r.Ratio()), r.Target, r.Holds})
	}
	width := make([]int, len(head))
	for _, line := range cells {
		for i, c := range line {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	var b strings.Builder
	writeLine := func(line []string) {
		b.WriteString("|")
		for i, c := range line {
			pad := width[i] - len([]rune(c))
			if i == 0 || i >= 4 {
				b.WriteString(" " + c + strings.Repeat(" ", pad) + " |")
			} else {
				b.WriteString(" " + strings.Repeat(" ", pad) + c + " |")
			}
		}
		b.WriteString("\n")
	}
	writeLine(cells[0])
	b.WriteString("|")
	for i, w := range width {
		if i == 0 || i >= 4 {
			b.WriteString(" " + strings.Repeat("-", w) + " |")
		} else {
			b.WriteString(" " + strings.Repeat("-", w-1) + ": |")
		}
	}
	b.WriteString("\n")
	for _, line := range cells[1:] {
		writeLine(line)
	}
	return b.String()
}

// parseGoBench reads `go test -bench` output and returns the median ns/op of each benchmark,
// by name without the -GOMAXPROCS suffix.
func parseGoBench(out string) map[string]float64 {
	samples := map[string][]float64{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		for i := 2; i+1 < len(f); i++ {
			if f[i+1] != "ns/op" {
				continue
			}
			var ns float64
			if _, err := fmt.Sscan(f[i], &ns); err == nil {
				name := f[0]
				if j := strings.LastIndex(name, "-"); j > 0 {
					name = name[:j]
				}
				samples[name] = append(samples[name], ns)
			}
			break
		}
	}
	out2 := map[string]float64{}
	for k, v := range samples {
		out2[k] = median(v)
	}
	return out2
}

// duration formats v in unit, or in the next unit up (a thousand times larger) from 1000 on.
func duration(v float64, unit, up string) string {
	switch {
	case v >= 1000:
		return fmt.Sprintf("%.2f %s", v/1000, up)
	case v >= 10:
		return fmt.Sprintf("%.0f %s", v, unit)
	}
	return fmt.Sprintf("%.1f %s", v, unit)
}
