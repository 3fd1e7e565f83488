package ui

import (
	"spotcheck/app/triage"
)

// screen is which of the app's screens shows.
type screen int

const (
	screenStart screen = iota
	screenAsk
	screenAnswers
	screenResult
)

// session is one person's interview, in memory only: the answers, the questions shown so
// far, and the screen. It has no UI code, so its behaviour is tested natively.
type session struct {
	k *triage.Knowledge
	f *triage.Findings // the answers, "not sure" included (asked, still unknown)
	// history is the question screens shown, the current one last.
	history []triage.Next
	screen  screen
	result  triage.Result
}

func newSession(k *triage.Knowledge) *session {
	s := &session{k: k}
	s.reset()
	return s
}

// reset forgets every answer and shows the start screen.
func (s *session) reset() {
	s.f = s.k.NewFindings()
	s.history = nil
	s.screen = screenStart
	s.result = s.k.Evaluate(s.f)
}

// start begins the interview.
func (s *session) start() {
	s.history = nil
	s.advance()
}

// current is the question screen showing (the zero Next before the interview starts).
func (s *session) current() triage.Next {
	if len(s.history) == 0 {
		return triage.Next{}
	}
	return s.history[len(s.history)-1]
}

// advance moves to the next question, or to the result when the engine has nothing left to
// ask or the answers already call for an emergency. s.result is current: reset and set keep
// it so, and a "not sure" changes nothing it says.
func (s *session) advance() {
	next := s.k.NextQuestion(s.f)
	if next.Done || s.result.Urgency == triage.Emergency || len(next.Findings) == 0 {
		s.screen = screenResult
		return
	}
	s.history = append(s.history, next)
	s.screen = screenAsk
}

// set records an answer (nil: "not sure") and re-evaluates. It reports whether the answers
// now call for an emergency, in which case the result shows at once.
func (s *session) set(id string, a *triage.Answer) (emergency bool, err error) {
	if a == nil {
		err = s.f.SetUnsure(id)
	} else {
		err = s.f.Set(id, *a)
	}
	if err != nil {
		return false, err
	}
	s.k.Prune(s.f) // a changed answer can make others no longer apply
	s.result = s.k.Evaluate(s.f)
	if s.result.Urgency == triage.Emergency {
		s.screen = screenResult
		return true, nil
	}
	return false, nil
}

// finishGroup marks the current screen's unanswered questions "not sure" and moves on.
func (s *session) finishGroup() {
	for _, id := range s.current().Findings {
		if !s.f.Asked(id) {
			_ = s.f.SetUnsure(id) // ids come from the engine: always known
		}
	}
	s.advance()
}

// answered returns the ids of the questions answered so far, in interview order.
func (s *session) answered() []string {
	var ids []string
	for _, st := range s.k.Steps() {
		for _, id := range st.Findings {
			if s.f.Asked(id) {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// back shows the previous screen: the last question from the result or the answers, the
// question before from a question, and the start screen from the first question.
func (s *session) back() {
	switch {
	case s.screen != screenAsk && len(s.history) > 0:
		s.screen = screenAsk
	case len(s.history) > 1:
		s.history = s.history[:len(s.history)-1]
	default:
		s.history = nil
		s.screen = screenStart
	}
}

// change asks one question again; answering it goes on with the interview from there.
func (s *session) change(id string) {
	d := s.k.Finding(id)
	if d == nil {
		return
	}
	s.history = append(s.history, triage.Next{Step: d.Step, Findings: []string{id}})
	s.screen = screenAsk
}

// showAnswers shows the answers so far, each with a way to change it.
func (s *session) showAnswers() { s.screen = screenAnswers }

// skip shows the result with the answers so far.
func (s *session) skip() { s.screen = screenResult }
