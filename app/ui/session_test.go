package ui

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"spotcheck"
	"spotcheck/app/triage"

	"github.com/tidwall/gjson"
)

// answerAll answers every question of the current screen "not sure" except those in want,
// each of them as the checklist's Continue does (onChecklist), then moves on unless the
// answers called for the emergency's result.
func answerAll(t *testing.T, s *session, want map[string]*triage.Answer) {
	t.Helper()
	for _, id := range s.current().Findings {
		if _, err := s.set(id, want[id]); err != nil {
			t.Fatal(err)
		}
	}
	if s.showing() != screenResult {
		s.finishGroup()
	}
}

func TestSessionJumpsToEmergency(t *testing.T) {
	s := newSession(kb)
	s.start()
	if s.showing() != screenAsk {
		t.Fatalf("start shows screen %d, want a question", s.showing())
	}
	answers := map[string]*triage.Answer{
		"fever": {Bool: true}, "age_years": {Num: 3}, "glass_test": {Choice: "does_not_fade"},
	}
	for range 50 {
		if s.showing() == screenResult {
			break
		}
		answerAll(t, s, answers)
	}
	// The engine, not this test, says what the answers call for.
	want := kb.Evaluate(s.f).Urgency
	if want != triage.Emergency {
		t.Fatalf("test premise: the engine says %s for fever with spots that stay under a glass", want)
	}
	if s.showing() != screenResult || s.result.Urgency != want {
		t.Fatalf("screen %d urgency %s, want the result at %s", s.showing(), s.result.Urgency, want)
	}
	if s.f.Known("spot_size") || s.f.Asked("location") {
		t.Errorf("questions after the glass test were asked: %s", s.f.JSON())
	}
}

func TestSessionBackAndChange(t *testing.T) {
	s := newSession(kb)
	s.start()
	first := s.current()
	answerAll(t, s, nil) // every sign "not sure"
	second := s.current()
	if slices.Equal(first.Findings, second.Findings) {
		t.Fatalf("questions answered %q are asked again", first.Findings)
	}
	for _, id := range first.Findings {
		if !s.f.Asked(id) || s.f.Known(id) {
			t.Errorf("%s: want asked and unknown after \"not sure\"", id)
		}
	}
	s.back()
	if !slices.Equal(s.current().Findings, first.Findings) || s.showing() != screenAsk {
		t.Fatalf("back shows %v, want %v", s.current().Findings, first.Findings)
	}
	s.back()
	if s.showing() != screenStart {
		t.Fatalf("back from the first question shows screen %d, want the start", s.showing())
	}
	s.start()
	s.change("fever")
	if got := s.current(); s.showing() != screenAsk || !slices.Equal(got.Findings, []string{"fever"}) {
		t.Fatalf("change fever shows %v", got)
	}
	if _, err := s.set("fever", &triage.Answer{Bool: false}); err != nil {
		t.Fatal(err)
	}
	if a, ok := s.f.Value("fever"); !ok || a.Bool {
		t.Errorf("fever = %v %v, want false", a, ok)
	}
	s.reset()
	if s.showing() != screenStart || len(s.answered()) != 0 || len(s.trail) != 1 {
		t.Errorf("reset left screen %d, answers %v, history %v", s.showing(), s.answered(), s.trail)
	}
}

func TestSessionSkip(t *testing.T) {
	s := newSession(kb)
	s.start()
	s.skip()
	if s.showing() != screenResult || s.result.Urgency != kb.Evaluate(s.f).Urgency {
		t.Errorf("skip shows screen %d at %s", s.showing(), s.result.Urgency)
	}
}

func TestSessionRejectsUnknownFinding(t *testing.T) {
	s := newSession(kb)
	if _, err := s.set("fevr", nil); err == nil {
		t.Error("set(fevr) succeeded")
	}
}

// TestSessionCountry: the number follows the browser's languages until the person chooses a
// country; "another country, or I do not know" is the fallback; the choice survives "Start
// again" and a reload.
func TestSessionCountry(t *testing.T) {
	numbers := kb.EmergencyNumbers()
	s := newSession(kb)
	steps := []struct {
		name    string
		move    func()
		locales []string
		country string
		number  string
	}{
		{"from the browser", func() {}, []string{"en-GB", "en"}, "GB", "999"},
		{"no region: the fallback", func() {}, []string{"es"}, "", numbers.Default},
		{"chosen", func() { s.chooseCountry("MX") }, []string{"en-GB"}, "MX", "911"},
		{"another country, or I do not know", func() { s.chooseCountry("") }, []string{"en-GB"}, "", numbers.Default},
		{"chosen again", func() { s.chooseCountry("AU") }, []string{"en-GB"}, "AU", "000"},
		{"kept by Start again", s.reset, []string{"en-GB"}, "AU", "000"},
		{"kept by a reload", func() {
			s.start()
			r := newSession(kb)
			if err := r.restore(s.save()); err != nil {
				t.Fatal(err)
			}
			s = r
		}, []string{"en-GB"}, "AU", "000"},
	}
	for _, st := range steps {
		st.move()
		got := s.local(st.locales)
		if got.Country != st.country || got.Number != st.number || got.Known != (st.country != "") {
			t.Errorf("%s: %+v, want %q %s", st.name, got, st.country, st.number)
		}
	}
	if strings.Contains(newSession(kb).save(), "Country") {
		t.Error("a session with no country chosen saves one")
	}
}

func TestWordsAnswer(t *testing.T) {
	s := newSession(kb)
	w := words{k: kb, lang: "en"}
	set := func(id string, a *triage.Answer) {
		t.Helper()
		if _, err := s.set(id, a); err != nil {
			t.Fatal(err)
		}
	}
	set("fever", &triage.Answer{Bool: true})
	set("headache", nil)
	set("age_years", &triage.Answer{Num: 0.5})
	set("location", &triage.Answer{Set: []string{"legs", "arms"}})
	loc := kb.Finding("location")
	for id, want := range map[string]string{
		"fever":     kb.UI("yes", "en"),
		"headache":  w.unsure(kb.Finding("headache")),
		"age_years": "0.5 " + kb.Finding("age_years").Unit.In("en"),
		"location":  loc.Label("arms", "en") + ", " + loc.Label("legs", "en"),
		"drowsy":    "",
	} {
		if got := w.answer(s, kb.Finding(id)); got != want {
			t.Errorf("answer(%s) = %q, want %q", id, got, want)
		}
	}
	if got := w.value(kb.Finding("fever"), "no"); got != kb.UI("no", "en") {
		t.Errorf("value(fever, no) = %q", got)
	}
	if got := w.ui(tCallNumber, "112"); got == "call_number" || !regexp.MustCompile(`\b112\b`).MatchString(got) {
		t.Errorf("ui(call_number) = %q", got)
	}
}

func TestLikelyShowsThreeToFive(t *testing.T) {
	f := kb.NewFindings()
	res := kb.Evaluate(f)
	if n := len(likely(res)); n < 3 || n > 5 {
		t.Errorf("likely shows %d causes", n)
	}
}

// TestEveryTextIsDeclaredAndShown: the bundled knowledge base has every text the UI declares
// (Load with RequireUI), every declared text is used by some screen, and no code looks a text
// up by a key of its own (which Load could not check).
func TestEveryTextIsDeclaredAndShown(t *testing.T) {
	if _, err := triage.Load(spotcheck.KnowledgeJSON, triage.RequireUI(Texts())); err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var code strings.Builder
	for _, f := range files {
		if f == "texts.go" || strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		code.Write(b)
	}
	decl, err := os.ReadFile("texts.go")
	if err != nil {
		t.Fatal(err)
	}
	vars := regexp.MustCompile(`(?m)^\t(t[A-Z]\w*)\s*= text\(`).FindAllStringSubmatch(string(decl), -1)
	if len(vars) != len(Texts()) {
		t.Fatalf("found %d declarations for %d texts: the pattern no longer matches texts.go", len(vars), len(Texts()))
	}
	for _, v := range vars {
		if !regexp.MustCompile(`\b` + v[1] + `\b`).MatchString(code.String()) {
			t.Errorf("%s is declared but no screen shows it", v[1])
		}
	}
	if m := regexp.MustCompile(`\.UI\("[a-z_]+"`).FindString(code.String()); m != "" {
		t.Errorf("a text looked up by its own key, unchecked by Load: %s", m)
	}
}

// TestSessionProgressAndRestore walks interviews to the end and checks on every question
// screen that "about N questions left" never goes up, never says the same for more than 3
// screens in a row, and stays at least 1, and
// that a saved and restored session (a reload) shows the same screen with the same answers.
func TestSessionProgressAndRestore(t *testing.T) {
	for _, tc := range []struct {
		name    string
		answers map[string]*triage.Answer
	}{
		{"all not sure", nil},
		{"an older person on a blood thinner", map[string]*triage.Answer{
			"blood_thinner": {Bool: true}, "age_years": {Num: 70}, "glass_test": {Choice: "does_not_fade"},
		}},
		{"a teenager with rough bumps", map[string]*triage.Answer{
			"age_years": {Num: 16}, "rough_bumps": {Bool: true}, "glass_test": {Choice: "fades"}, "fever": {Bool: false},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(kb)
			s.start()
			last, same := 0, 0
			for range 80 {
				if s.showing() != screenAsk {
					break
				}
				left := s.at().Left
				if left == last {
					same++
				} else {
					same = 1
				}
				if left < 1 || (last > 0 && left > last) || same > 3 {
					t.Fatalf("questions left %d after %d (%d screens in a row)", left, last, same)
				}
				// The estimate is what the interview asks, not every question that could matter
				// (48 at the start): past the question budget little more is asked.
				if budget := kb.Meta().QuestionBudget; last == 0 && left > budget {
					t.Errorf("the first screen says %d questions left, more than the budget of %d", left, budget)
				}
				last = left
				r := newSession(kb)
				if err := r.restore(s.save()); err != nil {
					t.Fatal(err)
				}
				if r.f.JSON() != s.f.JSON() || !slices.Equal(r.answered(), s.answered()) || !slices.Equal(r.current().Findings, s.current().Findings) || r.pos != s.pos {
					t.Fatalf("restored %s at %v, saved %s at %v", r.f.JSON(), r.current(), s.f.JSON(), s.current())
				}
				answerAll(t, s, tc.answers)
			}
			if s.showing() != screenResult {
				t.Fatalf("no result: screen %d", s.showing())
			}
			if err := newSession(kb).restore(`{"Known": {"fevr": true}}`); err == nil {
				t.Error("restore accepted an unknown finding")
			}
		})
	}
}

// TestSessionAsksWhatTheInterviewAsks: the app's session asks what triage -interview
// (Simulate) asks, in the same order, and ends at the same urgency, for every vignette, the
// questions offered while waiting for help after an emergency included. An
// emergency from questions not yet asked used to end the session early (a fever and a
// headache before the glass test was asked) while Simulate asked on.
func TestSessionAsksWhatTheInterviewAsks(t *testing.T) {
	for _, name := range []string{"public.json", "own.json"} {
		data, err := os.ReadFile(filepath.Join("..", "triage", "testdata", "vignettes", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range gjson.GetBytes(data, "cases").Array() {
			id := c.Get("id").String()
			known, err := kb.ParseFindings(c.Get("findings").Raw)
			if err != nil {
				t.Fatal(id, err)
			}
			want := kb.Simulate(known)
			s := newSession(kb)
			s.start()
			var asked []string
			for range 200 {
				if s.showing() == screenResult && s.canWait() {
					s.waitMore() // as a person who takes the questions while waiting for help
				}
				if s.showing() != screenAsk {
					break
				}
				answers := map[string]*triage.Answer{}
				for _, id := range s.current().Findings {
					asked = append(asked, id)
					if a, ok := known.Value(id); ok {
						answers[id] = &a
					}
				}
				answerAll(t, s, answers)
			}
			if !slices.Equal(asked, want.Asked) {
				t.Errorf("%s: the app asks %v,\nthe interview %v", id, asked, want.Asked)
			}
			if got := kb.Evaluate(s.f).Urgency; s.showing() != screenResult || got != kb.Evaluate(want.Findings).Urgency {
				t.Errorf("%s: the app ends at %s (screen %d), the interview at %s", id, got, s.showing(), kb.Evaluate(want.Findings).Urgency)
			}
		}
	}
}

// TestSessionWhileWaitingForHelp: an emergency's result shows at once; the questions offered
// while waiting for help are marked so (the emergency shows above them), go on from one to
// the next rather than back to the result, and end at the result, still an emergency, with
// the cause that the new medicine, the blisters and the peeling skin tell first.
func TestSessionWhileWaitingForHelp(t *testing.T) {
	known, err := kb.ParseFindings(`{"age_years": 45, "sex": "male", "new_medicine": true, "fever": true,
		"unwell": true, "painful": true, "blisters": true, "skin_peeling": true, "ulcers": true, "red_eyes": true,
		"location": ["trunk", "face", "mouth", "eyes"], "duration_days": 1}`)
	if err != nil {
		t.Fatal(err)
	}
	answers := map[string]*triage.Answer{}
	for _, d := range kb.Findings() {
		if a, ok := known.Value(d.ID); ok {
			answers[d.ID] = &a
		}
	}
	s := newSession(kb)
	s.start()
	for range 50 {
		if s.showing() == screenResult {
			break
		}
		answerAll(t, s, answers)
	}
	if s.showing() != screenResult || s.result.Urgency != triage.Emergency {
		t.Fatalf("screen %d at %s, want the emergency's result", s.showing(), s.result.Urgency)
	}
	leading := s.result.Conditions[0].Condition.ID
	if !s.canWait() {
		t.Fatal("no questions offered while waiting for help")
	}
	s.waitMore()
	waits := 0
	for ; waits < 50 && s.showing() == screenAsk; waits++ {
		if !s.at().Wait || s.at().Left != 0 {
			t.Fatalf("question %v after the emergency: Wait %v, Left %d; want Wait and no count", s.current().Findings, s.at().Wait, s.at().Left)
		}
		answerAll(t, s, answers)
	}
	if waits < 2 || s.showing() != screenResult || s.result.Urgency != triage.Emergency {
		t.Fatalf("after %d questions while waiting: screen %d at %s, want the emergency's result after two or more", waits, s.showing(), s.result.Urgency)
	}
	if waits > kb.Meta().WaitQuestions {
		t.Errorf("%d questions while waiting, more than meta.wait_questions (%d)", waits, kb.Meta().WaitQuestions)
	}
	if got := s.result.Conditions[0].Condition.ID; got != "sjs_ten" || leading == got {
		t.Errorf("leading cause %s before waiting, %s after; want sjs_ten after, and another before", leading, got)
	}
}
