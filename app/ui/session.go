package ui

import (
	"encoding/json"
	"errors"

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

// view is one screen the person has been shown: one entry of the browser's history.
type view struct {
	Screen screen
	Next   triage.Next `json:",omitempty"` // the question screen's questions
	// Left is the "about N questions left" shown on a question screen (0: none, on a
	// question asked again from the answers).
	Left int `json:",omitempty"`
	// Wait marks a question asked while waiting for help, after an emergency's result
	// (triage.WhileYouWait): the emergency shows above it, and answering goes on with such
	// questions, not to the result.
	Wait bool `json:",omitempty"`
}

// session is one person's interview: the answers, "not sure" included, and the trail of
// screens shown, which the browser's Back and Forward move along. It has no UI code, so its
// behaviour is tested natively; the Checker keeps it in this tab's sessionStorage.
type session struct {
	k *triage.Knowledge
	f *triage.Findings // the answers, "not sure" included (asked, still unknown)
	// trail is every screen shown since the start, pos the one showing; a new screen drops
	// those after pos, as the browser drops its forward entries.
	trail []view
	pos   int
	// run numbers the interviews of this tab: a history entry of an earlier run (before
	// "Start again") is not one of this trail.
	run int
	// shown counts the screens shown, to tell when a move made a new one.
	shown  int
	result triage.Result
	// country is the country the person chose for the emergency number ("" for "another
	// country, or I do not know"), when chose is set; else the browser's locale decides.
	// It is not an answer: "Start again" keeps it.
	country string
	chose   bool
	// lang is the language the person chose in the picker ("" until they do); it outlives
	// "Start again", which forgets the answers, not how to speak.
	lang string
}

func newSession(k *triage.Knowledge) *session {
	s := &session{k: k}
	s.reset()
	return s
}

// reset forgets every answer and shows the start screen.
func (s *session) reset() {
	s.f = s.k.NewFindings()
	s.trail = []view{{Screen: screenStart}}
	s.pos = 0
	s.run++
	s.shown++
	s.result = s.k.Evaluate(s.f)
}

// at is the screen showing.
func (s *session) at() view { return s.trail[s.pos] }

// showing is the kind of screen showing.
func (s *session) showing() screen { return s.at().Screen }

// show moves on to a new screen.
func (s *session) show(v view) {
	s.trail = append(s.trail[:s.pos+1], v)
	s.pos = len(s.trail) - 1
	s.shown++
}

// goTo shows screen i of the trail again (Back and Forward); false when there is none.
func (s *session) goTo(i int) bool {
	if i < 0 || i >= len(s.trail) {
		return false
	}
	s.pos = i
	return true
}

// start begins the interview.
func (s *session) start() { s.advance() }

// current is the question screen showing (the zero Next on any other screen).
func (s *session) current() triage.Next {
	if s.showing() != screenAsk {
		return triage.Next{}
	}
	return s.at().Next
}

// previous is the question screen before the one showing, if any.
func (s *session) previous() (view, bool) { return s.askedBefore(s.pos) }

// askedBefore is the last question screen of the trail before screen i, if any.
func (s *session) askedBefore(i int) (view, bool) {
	for i := i - 1; i >= 0; i-- {
		if s.trail[i].Screen == screenAsk {
			return s.trail[i], true
		}
	}
	return view{}, false
}

// advance moves to the next question, or to the result when the engine has nothing left to
// ask (at once when the answers given make it an emergency: NextQuestion says so). s.result
// is current: reset and set keep it so, and a "not sure" changes nothing it says.
func (s *session) advance() {
	next := s.k.NextQuestion(s.f)
	if (next.Done || len(next.Findings) == 0) && s.at().Wait {
		s.waitMore()
		return
	}
	if next.Done || len(next.Findings) == 0 {
		s.showResult()
		return
	}
	s.show(view{Screen: screenAsk, Next: next, Left: s.left(next)})
}

// canWait reports whether the result is an emergency with questions to answer while
// waiting for help: answers that could tell which cause it may be.
func (s *session) canWait() bool {
	next := s.k.WhileYouWait(s.f, s.waited())
	return !next.Done && len(next.Findings) > 0
}

// waited counts the questions asked while waiting for help so far, as Simulate does: "a few
// more questions" are a few in all, not a few each time the result offers them.
func (s *session) waited() int {
	n := 0
	for _, v := range s.trail[:s.pos+1] {
		if v.Wait {
			n++
		}
	}
	return n
}

// waitMore shows the next question to answer while waiting for help, or the result when
// there is none left. The progress count shows none: these questions are optional.
func (s *session) waitMore() {
	next := s.k.WhileYouWait(s.f, s.waited())
	if next.Done || len(next.Findings) == 0 {
		s.showResult()
		return
	}
	s.show(view{Screen: screenAsk, Next: next, Wait: true})
}

// showResult shows the result, unless it shows already.
func (s *session) showResult() {
	if s.showing() != screenResult {
		s.show(view{Screen: screenResult})
	}
}

// left is the "about N questions left" of a new question screen: the engine's estimate
// (Next.Remaining, which counts each box of a checklist), with a checklist screen counted
// once as the person answers it, and never more than one less than the previous screen
// said, so that progress neither stands still nor goes back when the estimate grows. It is
// at least 1: this screen is still to answer.
func (s *session) left(next triage.Next) int {
	n := next.Remaining
	for _, st := range s.k.Steps() {
		if !st.Checklist || !st.Always {
			continue
		}
		open := 0
		for _, id := range st.Findings {
			if !s.f.Asked(id) {
				open++
			}
		}
		if open > 0 {
			n += (open+st.Group-1)/st.Group - open
		}
	}
	if prev, ok := s.askedBefore(s.pos + 1); ok && prev.Left > 0 { // the screen showing too
		n = min(n, prev.Left-1)
	}
	return max(n, 1)
}

// set records an answer (nil: "not sure") and re-evaluates. It reports whether the answers
// now call for an emergency, in which case the result shows at once. Not on a question asked
// while waiting for help: the person has seen the emergency and chose to answer more. Nor
// while the engine still asks: an emergency from questions not yet asked (the glass test,
// where the spots are) waits for them, and one a plausible answer would undo (a fall before a
// toddler's bruises) asks it first, as triage -interview (Simulate) does.
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
	if s.result.Urgency == triage.Emergency && !s.at().Wait && s.k.NextQuestion(s.f).Done {
		s.showResult()
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

// back shows the screen before, as the browser's Back does.
func (s *session) back() { s.goTo(s.pos - 1) }

// change asks one question again; answering it goes on with the interview from there.
func (s *session) change(id string) {
	d := s.k.Finding(id)
	if d == nil {
		return
	}
	s.show(view{Screen: screenAsk, Next: triage.Next{Step: d.Step, Findings: []string{id}}})
}

// showAnswers shows the answers so far, each with a way to change it.
func (s *session) showAnswers() { s.show(view{Screen: screenAnswers}) }

// skip shows the result with the answers so far.
func (s *session) skip() { s.showResult() }

// chooseCountry records the country chosen for the emergency number ("" for "another
// country, or I do not know").
func (s *session) chooseCountry(code string) { s.country, s.chose = code, true }

// local is the emergency number to show: the chosen country's, or the one of the browser's
// languages (navigator.languages). The engine decides both (EmergencyNumbers).
func (s *session) local(locales []string) triage.Local {
	numbers := s.k.EmergencyNumbers()
	if s.chose {
		return numbers.ForCountry(s.country)
	}
	return numbers.ForLocale(locales...)
}

// saved is a session as this tab's sessionStorage keeps it, so that a reload keeps it.
type saved struct {
	Known  json.RawMessage // the known answers, a case's findings object
	Unsure []string        // the questions answered "not sure"
	Trail  []view
	Pos    int
	Run    int
	// Country is the country chosen for the emergency number, if one was.
	Country *string `json:",omitempty"`
	Lang    string  `json:",omitempty"`
}

// save writes the session as JSON.
func (s *session) save() string {
	sv := saved{Known: json.RawMessage(s.f.JSON()), Trail: s.trail, Pos: s.pos, Run: s.run, Lang: s.lang}
	if s.chose {
		sv.Country = &s.country
	}
	for _, id := range s.answered() {
		if !s.f.Known(id) {
			sv.Unsure = append(sv.Unsure, id)
		}
	}
	b, _ := json.Marshal(sv) // plain data: cannot fail
	return string(b)
}

// restore reads a session that save wrote; on any problem (a knowledge base changed under
// it) it leaves the session as it was.
func (s *session) restore(data string) error {
	var sv saved
	if err := json.Unmarshal([]byte(data), &sv); err != nil {
		return err
	}
	f, err := s.k.ParseFindings(string(sv.Known))
	if err != nil {
		return err
	}
	for _, id := range sv.Unsure {
		if err := f.SetUnsure(id); err != nil {
			return err
		}
	}
	if len(sv.Trail) == 0 || sv.Pos < 0 || sv.Pos >= len(sv.Trail) {
		return errBadTrail
	}
	for _, v := range sv.Trail {
		for _, id := range v.Next.Findings {
			if s.k.Finding(id) == nil {
				return errBadTrail
			}
		}
	}
	s.f, s.trail, s.pos, s.run, s.lang = f, sv.Trail, sv.Pos, sv.Run, sv.Lang
	if sv.Country != nil {
		s.chooseCountry(*sv.Country)
	}
	s.result = s.k.Evaluate(s.f)
	return nil
}

var errBadTrail = errors.New("saved session: no such screen")
