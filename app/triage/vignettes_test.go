package triage

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

// vignetteFiles are the clinical test cases: the public set (a copy of shared/vignettes) and
// the project's own.
var vignetteFiles = []string{"testdata/vignettes/public.json", "testdata/vignettes/own.json"}

// The gate every vignette file must pass (the triage-core issue).
const (
	minTriageAccuracy = 0.90
	minTop3           = 0.90
	minTop1           = 0.70
)

type vignette struct {
	ID, Title  string
	Findings   string
	Urgency    Urgency
	AlsoOK     []Urgency
	Conditions []string
}

func loadVignettes(t *testing.T, path string) []vignette {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []vignette
	for _, c := range gjson.GetBytes(data, "cases").Array() {
		v := vignette{ID: c.Get("id").String(), Title: c.Get("title").String(), Findings: c.Get("findings").Raw}
		var ok bool
		if v.Urgency, ok = ParseUrgency(c.Get("expect.urgency").String()); !ok {
			t.Fatalf("%s %s: bad expect.urgency", path, v.ID)
		}
		for _, u := range c.Get("expect.also_ok").Array() {
			x, ok := ParseUrgency(u.String())
			if !ok {
				t.Fatalf("%s %s: bad also_ok", path, v.ID)
			}
			v.AlsoOK = append(v.AlsoOK, x)
		}
		for _, id := range c.Get("expect.conditions").Array() {
			v.Conditions = append(v.Conditions, id.String())
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		t.Fatalf("%s: no cases", path)
	}
	return out
}

func (v vignette) acceptable(u Urgency) bool { return u == v.Urgency || slices.Contains(v.AlsoOK, u) }

// underTriaged: less urgent than every acceptable answer.
func (v vignette) underTriaged(u Urgency) bool {
	lowest := v.Urgency
	for _, a := range v.AlsoOK {
		lowest = min(lowest, a)
	}
	return u < lowest
}

// score is a vignette run's tally, as spec/CASES.md scores it.
type score struct {
	cases, correct, under, emergencies, emergencyHits, scored, top1, top3 int
}

func (s *score) add(v vignette, res Result) (mark string) {
	s.cases++
	if v.acceptable(res.Urgency) {
		s.correct++
	} else {
		mark = "URGENCY"
	}
	if v.underTriaged(res.Urgency) {
		s.under++
		mark = "UNDER-TRIAGE"
	}
	if v.Urgency == Emergency {
		s.emergencies++
		if res.Urgency == Emergency {
			s.emergencyHits++
		}
	}
	if len(v.Conditions) > 0 {
		s.scored++
		top := res.Top(3)
		if slices.Contains(v.Conditions, top[0]) {
			s.top1++
		}
		if slices.ContainsFunc(top, func(id string) bool { return slices.Contains(v.Conditions, id) }) {
			s.top3++
		} else if mark == "" {
			mark = "CAUSE"
		}
	}
	return mark
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func TestVignettes(t *testing.T) {
	k := bundled(t)
	for _, path := range vignetteFiles {
		t.Run(filepath.Base(path), func(t *testing.T) {
			var s score
			var table bytes.Buffer
			fmt.Fprintf(&table, "%-5s %-10s %-10s %-45s %s\n", "case", "expected", "got", "top 3", "")
			for _, v := range loadVignettes(t, path) {
				f, err := k.ParseFindings(v.Findings)
				if err != nil {
					t.Errorf("%s: %v", v.ID, err)
					continue
				}
				res := k.Evaluate(f)
				mark := s.add(v, res)
				fmt.Fprintf(&table, "%-5s %-10s %-10s %-45s %s\n", v.ID, v.Urgency, res.Urgency, strings.Join(res.Top(3), ","), mark)
			}
			fmt.Fprintf(&table, "triage accuracy %d/%d (%.0f%%), under-triage %d, emergencies %d/%d, cause top-1 %d/%d (%.0f%%), top-3 %d/%d (%.0f%%)\n",
				s.correct, s.cases, 100*ratio(s.correct, s.cases), s.under, s.emergencyHits, s.emergencies,
				s.top1, s.scored, 100*ratio(s.top1, s.scored), s.top3, s.scored, 100*ratio(s.top3, s.scored))
			t.Log("\n" + table.String())
			if s.under > 0 {
				t.Errorf("%d case(s) under-triaged; the target is zero, always", s.under)
			}
			if s.emergencyHits != s.emergencies {
				t.Errorf("emergency sensitivity %d/%d; the target is all of them", s.emergencyHits, s.emergencies)
			}
			if r := ratio(s.correct, s.cases); r < minTriageAccuracy {
				t.Errorf("triage accuracy %.2f < %.2f", r, minTriageAccuracy)
			}
			if r := ratio(s.top3, s.scored); r < minTop3 {
				t.Errorf("cause in the top three %.2f < %.2f", r, minTop3)
			}
			if r := ratio(s.top1, s.scored); r < minTop1 {
				t.Errorf("cause first %.2f < %.2f", r, minTop1)
			}
		})
	}
}

// TestInterviewReachesASafeUrgency runs the adaptive interview on every vignette, answering
// from the case (a finding the case does not give is "not sure"), and checks that the
// interview alone never under-triages.
func TestInterviewReachesASafeUrgency(t *testing.T) {
	k := bundled(t)
	var cases, questions, scored, top3 int
	for _, path := range vignetteFiles {
		for _, v := range loadVignettes(t, path) {
			full, err := k.ParseFindings(v.Findings)
			if err != nil {
				t.Fatal(err)
			}
			f, asked := interview(t, k, full)
			cases, questions = cases+1, questions+asked
			res := k.Evaluate(f)
			got := res.Urgency
			if len(v.Conditions) > 0 {
				scored++
				if slices.ContainsFunc(res.Top(3), func(id string) bool { return slices.Contains(v.Conditions, id) }) {
					top3++
				}
			}
			if v.underTriaged(got) {
				t.Errorf("%s: interview (%d questions) ended at %s, reference %s; asked %s", v.ID, asked, got, v.Urgency, f.JSON())
			}
		}
	}
	t.Logf("%d interviews, %.1f questions each on average; the right cause in the top three after the interview alone: %d/%d",
		cases, float64(questions)/float64(cases), top3, scored)
}

// interview answers NextQuestion from full until it is done; it returns the answers and how
// many questions were asked.
func interview(t *testing.T, k *Knowledge, full *Findings) (*Findings, int) {
	t.Helper()
	f := k.NewFindings()
	asked := 0
	for range len(k.findings) + 1 {
		next := k.NextQuestion(f)
		if next.Done {
			return f, asked
		}
		if len(next.Findings) == 0 {
			t.Fatal("NextQuestion returned no question and not done")
		}
		for _, id := range next.Findings {
			d := k.findingByID[id]
			if f.Asked(id) {
				t.Fatalf("NextQuestion asked %s twice", id)
			}
			if full.vals[d.index].known {
				f.vals[d.index] = full.vals[d.index]
			} else {
				f.vals[d.index] = slot{unsure: true}
			}
			asked++
		}
	}
	t.Fatal("the interview never ended")
	return nil, 0
}

// TestTestDataMatchesShared fails when the project's copies drift from ../shared.
func TestTestDataMatchesShared(t *testing.T) {
	shared := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Skip("no ../shared beside the repository")
	}
	for copyPath, orig := range map[string]string{
		"vocabulary.json":                "spec/vocabulary.json",
		"testdata/vignettes/public.json": "vignettes/public.json",
	} {
		a, err1 := os.ReadFile(copyPath)
		b, err2 := os.ReadFile(filepath.Join(shared, orig))
		if err1 != nil || err2 != nil {
			t.Fatalf("%v %v", err1, err2)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs from shared/%s: copy it again", copyPath, orig)
		}
	}
}
