package triage

// Transcript is one interview run to its end: the answers gathered and what it cost.
type Transcript struct {
	// Findings are the answers gathered: values, and "not sure" for the rest asked.
	Findings *Findings
	// Questions counts the answers the person gave: a checklist screen answered with one
	// Continue counts once, any other screen once per question on it.
	Questions int
	// Screens counts the screens shown; Items every question and checklist box shown.
	Screens, Items int
	// Asked are the finding ids in the order they were shown.
	Asked []string
}

// Simulate runs the interview as the UI does, answering each question the engine asks from
// known: its value where known gives one, "not sure" where it does not (on a checklist,
// each box likewise), until NextQuestion is done and, at an emergency, the questions while
// waiting for help (WhileYouWait), which the UI offers under the emergency's result, are too.
// The tests, `server triage -interview` and the UI's tests share it.
func (k *Knowledge) Simulate(known *Findings) Transcript {
	known = k.own(known)
	t := Transcript{Findings: k.NewFindings()}
	f := t.Findings
	// waited counts the questions asked while waiting for help.
	waited := 0
	for range len(k.findings) + 1 { // each screen answers at least one question
		next := k.NextQuestion(f)
		if next.Done || len(next.Findings) == 0 {
			next = k.WhileYouWait(f, waited) // the person who takes the questions while waiting
			waited++
		}
		if next.Done || len(next.Findings) == 0 {
			break
		}
		t.Screens++
		t.Items += len(next.Findings)
		if next.Checklist {
			t.Questions++
		} else {
			t.Questions += len(next.Findings)
		}
		for _, id := range next.Findings {
			d := k.findingByID[id]
			t.Asked = append(t.Asked, id)
			if s := known.vals[d.index]; s.known {
				f.vals[d.index] = s
			} else {
				f.vals[d.index] = slot{unsure: true}
			}
		}
	}
	return t
}
