package triage

import (
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"strconv"
	"testing"
)

// unknownFindings are the bundled findings with a value that stands for not known.
func unknownFindings(t *testing.T, k *Knowledge) []*Finding {
	t.Helper()
	var out []*Finding
	for _, d := range k.findings {
		if d.UnknownValue() != "" {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		t.Fatal(`no finding has an "unknown" value: the glass test's not_done should`)
	}
	return out
}

// TestUnknownValueIsNotSure: a value marked "unknown" (the glass test's not_done) gives what
// "not sure" gives, in the result (urgency, reasons, floors, safety nets, causes), in the next
// question, over every vignette with the finding set either way and over random finding sets,
// and in the whole interview for the vignettes.
func TestUnknownValueIsNotSure(t *testing.T) {
	k := bundled(t)
	var bases []*Findings
	for _, path := range vignetteFiles {
		for _, v := range nodeSample(loadVignettes(t, path)) {
			f, err := k.ParseFindings(v.Findings)
			if err != nil {
				t.Fatalf("%s: %v", v.ID, err)
			}
			bases = append(bases, f)
		}
	}
	vignettes := len(bases)
	rng := rand.New(rand.NewPCG(14, 2))
	sets := 300
	if runtime.GOOS == "js" {
		sets = 30 // the same engine code runs natively in make test; under Node 300 take a minute
	}
	for range sets {
		bases = append(bases, randomFindings(k, rng, 0.1+0.5*rng.Float64()))
	}
	for _, d := range unknownFindings(t, k) {
		for n, base := range bases {
			asValue, asUnsure := base.Clone(), base.Clone()
			if err := asValue.SetChoice(d.ID, d.UnknownValue()); err != nil {
				t.Fatal(err)
			}
			if err := asUnsure.SetUnsure(d.ID); err != nil {
				t.Fatal(err)
			}
			if !asValue.Asked(d.ID) || asValue.Known(d.ID) {
				t.Fatalf("%s = %s: asked %v, known %v; want asked and not known", d.ID, d.UnknownValue(), asValue.Asked(d.ID), asValue.Known(d.ID))
			}
			if got, want := k.Evaluate(asValue), k.Evaluate(asUnsure); !reflect.DeepEqual(got, want) {
				t.Errorf("set %d: %s = %s gives %s %v, not sure gives %s %v", n, d.ID, d.UnknownValue(), got.Urgency, got.Top(3), want.Urgency, want.Top(3))
			}
			if got, want := k.NextQuestion(asValue), k.NextQuestion(asUnsure); !reflect.DeepEqual(got, want) {
				t.Errorf("set %d: next question with %s = %s %+v, with not sure %+v", n, d.ID, d.UnknownValue(), got, want)
			}
			if n >= vignettes {
				continue // the whole interview for the vignettes: for the random sets too it takes seconds
			}
			if got, want := k.Simulate(asValue), k.Simulate(asUnsure); !reflect.DeepEqual(got, want) {
				t.Errorf("set %d: the interview differs with %s = %s", n, d.ID, d.UnknownValue())
			}
		}
	}
}

// TestUnknownValueIsNoCandidateAnswer: the worse answers tried for an unknown finding (its
// candidates) leave the unknown value out, and its base rates share all of the answers among
// the others.
func TestUnknownValueIsNoCandidateAnswer(t *testing.T) {
	k := bundled(t)
	for _, d := range unknownFindings(t, k) {
		u := d.unknownIndex()
		cands := k.candidateSlots(d.index)
		if len(cands) != len(d.Values) { // the unknown slot, and each value but one
			t.Errorf("%s: %d candidates, want %d", d.ID, len(cands), len(d.Values))
		}
		for _, s := range cands[1:] {
			if s.choice == u {
				t.Errorf("%s: %s is a candidate answer", d.ID, d.UnknownValue())
			}
		}
		sum := 0.0
		for _, r := range d.base[1:] {
			sum += r
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("%s: the base rates of its answers sum to %v, want 1", d.ID, sum)
		}
	}
}

// TestLoadChecksUnknownValues: the mark is a flag, on at most one value of a choice finding,
// and no ratio, base rate or rule may name the value it marks.
func TestLoadChecksUnknownValues(t *testing.T) {
	// value returns a value's object and its finding's path.
	value := func(t *testing.T, kb map[string]any, finding, id string) (map[string]any, string) {
		i := indexOf(t, kb, "findings", finding)
		for _, v := range item(kb, "findings", i)["values"].([]any) {
			if v.(map[string]any)["id"] == id {
				return v.(map[string]any), "findings." + strconv.Itoa(i)
			}
		}
		t.Fatalf("%s has no value %s", finding, id)
		return nil, ""
	}
	tests := []struct {
		name   string
		change func(t *testing.T, kb map[string]any) (path string)
		want   string
	}{
		{"not a flag", func(t *testing.T, kb map[string]any) string {
			v, p := value(t, kb, "glass_test", "not_done")
			v["unknown"] = "yes"
			return p + ".values.2.unknown"
		}, "want true or false"},
		{"on a set finding", func(t *testing.T, kb map[string]any) string {
			v, p := value(t, kb, "location", "widespread")
			v["unknown"] = true
			return p + ".values"
		}, "only a choice finding"},
		{"two values", func(t *testing.T, kb map[string]any) string {
			v, p := value(t, kb, "glass_test", "fades")
			v["unknown"] = true
			return p + ".values"
		}, "at most one"},
		{"a base rate", func(t *testing.T, kb map[string]any) string {
			_, p := value(t, kb, "glass_test", "not_done")
			item(kb, "findings", indexOf(t, kb, "findings", "glass_test"))["base_rate"] = map[string]any{"not_done": 0.1}
			return p + ".base_rate.not_done"
		}, "stands for not known"},
		{"a likelihood ratio", func(t *testing.T, kb map[string]any) string {
			c := indexOf(t, kb, "conditions", "meningococcal_disease")
			item(kb, "conditions", c)["findings"].(map[string]any)["glass_test"] = map[string]any{"not_done": 2}
			return "conditions." + strconv.Itoa(c) + ".findings.glass_test.not_done"
		}, "stands for not known"},
		{"a rule", func(t *testing.T, kb map[string]any) string {
			item(kb, "rules", 0)["when"] = map[string]any{"finding": "glass_test", "is": "not_done"}
			return "rules.0.when.is"
		}, "stands for not known"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantLoadProblem(t, tt.change, tt.want) })
	}
}
