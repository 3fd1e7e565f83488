package triage

import (
	"slices"
	"testing"
)

func TestInterviewAsksEmergencySignsFirst(t *testing.T) {
	k := bundled(t)
	next := k.NextQuestion(k.NewFindings())
	if next.Done || next.Step != k.Steps()[0].ID || k.Steps()[0].ID != "emergency" {
		t.Fatalf("first question: %+v", next)
	}
	if len(next.Findings) > k.Step("emergency").Group {
		t.Errorf("%d questions on one screen, group is %d", len(next.Findings), k.Step("emergency").Group)
	}
}

func TestInterviewStopsAtAnEmergency(t *testing.T) {
	k := bundled(t)
	f, _ := k.ParseFindings(`{"fever": true, "glass_test": "does_not_fade"}`)
	if next := k.NextQuestion(f); !next.Done {
		t.Errorf("fever with non-blanching spots: want Done, got %+v", next)
	}
}

func TestInterviewHonoursAskIf(t *testing.T) {
	k := bundled(t)
	d := k.Finding("pregnant")
	if d.askIf == nil {
		t.Fatal("pregnant has no ask_if")
	}
	for _, tt := range []struct {
		findings string
		want     bool
	}{
		{`{"sex": "male", "age_years": 30}`, false},
		{`{"sex": "female", "age_years": 30}`, true},
		{`{"sex": "female", "age_years": 4}`, false},
	} {
		f, err := k.ParseFindings(tt.findings)
		if err != nil {
			t.Fatal(err)
		}
		if got := k.Applies(f, "pregnant"); got != tt.want {
			t.Errorf("%s: Applies(pregnant) = %v", tt.findings, got)
		}
		asked := false
		for range 200 {
			next := k.NextQuestion(f)
			if next.Done {
				break
			}
			asked = asked || slices.Contains(next.Findings, "pregnant")
			for _, id := range next.Findings {
				_ = f.SetUnsure(id)
			}
		}
		if asked != tt.want {
			t.Errorf("%s: pregnancy asked = %v", tt.findings, asked)
		}
	}
}

func TestNextQuestionNeverRepeatsAndEnds(t *testing.T) {
	k := bundled(t)
	f := k.NewFindings()
	seen := map[string]bool{}
	for range len(k.Findings()) + 1 {
		next := k.NextQuestion(f)
		if next.Done {
			return
		}
		if next.Remaining < len(next.Findings) {
			t.Errorf("Remaining %d < %d questions on screen", next.Remaining, len(next.Findings))
		}
		for _, id := range next.Findings {
			if seen[id] {
				t.Fatalf("%s asked twice", id)
			}
			seen[id] = true
			if err := f.SetUnsure(id); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Fatal("never done")
}

func TestPruneForgetsAnswersThatNoLongerApply(t *testing.T) {
	k := bundled(t)
	f, err := k.ParseFindings(`{"sex": "female", "age_years": 30, "pregnant": true, "fever": true}`)
	if err != nil {
		t.Fatal(err)
	}
	if gone := k.Prune(f); len(gone) != 0 {
		t.Fatalf("nothing to prune, pruned %v", gone)
	}
	if err := f.SetChoice("sex", "male"); err != nil {
		t.Fatal(err)
	}
	if gone := k.Prune(f); !slices.Equal(gone, []string{"pregnant"}) || f.Asked("pregnant") || !f.Known("fever") {
		t.Errorf("after sex changed: pruned %v, pregnant asked %v, fever known %v", gone, f.Asked("pregnant"), f.Known("fever"))
	}
}
