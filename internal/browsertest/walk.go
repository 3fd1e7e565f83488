package browsertest

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"spotcheck/app/triage"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The one interview walker: the UI tests, the server's browser tests and bench walk the app
// with it. It answers the questions the app asks from a Walk (what the walk does not say is
// "not sure", or "no" for yes/no questions when it says so), by mouse or by keyboard alone,
// and at the result checks that the page shows the urgency, causes and rules the engine gives
// for the same answers, and the urgency the walk expects.

// Walk is one way through the interview.
type Walk struct {
	Name    string
	Answers map[string]any // finding id -> true/false, a number, a value id, or a list of ids
	// No answers every yes/no question the walk does not list with "No" (else "Not sure").
	No bool
	// Want is the urgency the walk must end at ("" for whatever the engine says).
	Want string
	// Back is a yes/no question first answered the other way, then (after Back from the
	// next screen) the right way.
	Back string
	// Change is a finding changed from the result's summary of answers, to its new answer.
	Change map[string]any
	// Lang is the language the page must show ("" for English): the result's words are
	// checked in it, and every screen's <html lang> and language picker.
	Lang string
	// Wait takes, at an emergency's result, the questions offered while waiting for help,
	// which must be offered, and checks the result again after them.
	Wait bool
}

// lang is the walk's language.
func (w *Walker) lang() string {
	if w.Walk.Lang == "" {
		return "en"
	}
	return w.Walk.Lang
}

// Walker walks one tab through the interview.
type Walker struct {
	T    TB
	Ctx  context.Context
	K    *triage.Knowledge
	Walk Walk
	Keys bool // keyboard only
	// OnScreen, when set, is called on every new screen (the start, each question by its
	// first finding id, "result"), for accessibility checks and screenshots.
	OnScreen func(name string)
	// OnResult, when set, is called on the result screen after its checks.
	OnResult func()
	// Click, when set, performs the click that leaves a screen (bench times it).
	Click func(sel string)

	answered map[string]any // what the walk answered: the value, or nil for "not sure"
	backDone bool
	waiting  bool // the questions while waiting for help were taken
	// Screens counts the screens shown.
	Screens int
}

// State is what the page shows.
type State struct {
	Screen   string   `json:"screen"`
	Urgency  string   `json:"urgency"`
	Title    string   `json:"title"`
	Findings []string `json:"findings"`
	Focused  bool     `json:"focused"`
	Active   string   `json:"active"` // the focused element, in short
}

// SessionKey is the one sessionStorage item the app keeps (the interview, for a reload).
const SessionKey = "spotcheck"

// StartReady is true once the app runs: go-app's loader is gone and Start works.
const StartReady = `!document.getElementById("app-wasm-loader") && !!document.querySelector("[data-screen=start] button:not([disabled])")`

// State reads what the page shows.
func (w *Walker) State() State {
	w.T.Helper()
	return Eval[State](w.T, w.Ctx, `(() => {
		const s = document.querySelector("[data-screen]");
		const h = document.getElementById("screen-title");
		return {screen: s ? s.dataset.screen : "", urgency: (s && s.dataset.urgency) || "",
			title: h ? h.textContent : "",
			findings: [...document.querySelectorAll("[data-screen=ask] [data-finding]")].map(e => e.dataset.finding),
			focused: !!h && document.activeElement === h,
			active: (() => { const a = document.activeElement; return a ? a.tagName + "#" + a.id + "." + a.className + " " + (a.textContent || "").slice(0, 40) : ""; })()};
	})()`)
}

// wait waits until js is true; a walk that gets stuck says where.
func (w *Walker) wait(js string) {
	w.T.Helper()
	if err := Until(w.Ctx, js, 15*time.Second); err != nil {
		w.T.Fatalf("%v\nafter %d screens, the page shows %+v", err, w.Screens, w.State())
	}
}

func (w *Walker) eval(js string) bool {
	w.T.Helper()
	return Eval[bool](w.T, w.Ctx, js)
}

// Run walks from the start screen (the app must be running) to the result, through the
// walk's changes, then starts again and checks that nothing is left or stored.
func (w *Walker) Run() {
	w.T.Helper()
	w.answered = map[string]any{}
	w.waiting = false
	w.wait(StartReady)
	w.screen("start")
	w.leave(`[data-screen=start] button`)
	w.interview()
	for id, v := range w.Walk.Change {
		w.activate(fmt.Sprintf(`[data-answer=%q] button`, id))
		w.moved()
		w.Walk.Answers[id] = v
		w.interview()
	}
	// While it runs, the interview is kept in this tab's sessionStorage, and nothing else is.
	if got := Eval[string](w.T, w.Ctx, `document.cookie + "|" + localStorage.length + "|" + Object.keys(sessionStorage).join(",")`); got != "|0|"+SessionKey {
		w.T.Errorf("cookies|localStorage|sessionStorage = %q, want only sessionStorage %q", got, SessionKey)
	}
	w.activate(`[data-screen=result] .button-restart`) // start again, which asks first
	w.wait(`document.activeElement && document.activeElement.id === "restart-yes"`)
	w.leave(`#restart-yes`)
	if st := w.State(); st.Screen != "start" {
		w.T.Fatalf("start again shows %q", st.Screen)
	}
	if w.eval(`document.querySelectorAll("[data-screen] [aria-pressed=true], [data-screen] [aria-checked=true], [data-screen] input:checked").length > 0`) {
		w.T.Errorf("start again left answers")
	}
	if got := Eval[string](w.T, w.Ctx, `document.cookie + "|" + localStorage.length + "|" + sessionStorage.length`); got != "|0|0" {
		w.T.Errorf("cookies|localStorage|sessionStorage = %q, want nothing stored", got)
	}
}

func (w *Walker) screen(name string) {
	w.T.Helper()
	w.Screens++
	w.checkLanguage(name)
	if w.OnScreen != nil {
		w.OnScreen(name)
	}
}

// checkLanguage checks that the page says it is in the walk's language (<html lang>) and
// that the language picker, when the base has several languages, names each in itself with
// its lang attribute and marks the walk's as the current one.
func (w *Walker) checkLanguage(name string) {
	w.T.Helper()
	type picker struct {
		HTML    string            `json:"html"`
		Names   map[string]string `json:"names"`
		Current []string          `json:"current"`
	}
	got := Eval[picker](w.T, w.Ctx, `({html: document.documentElement.lang,
		names: Object.fromEntries([...document.querySelectorAll(".languages button")].map(b => [b.lang, b.textContent])),
		current: [...document.querySelectorAll(".languages [aria-current=true]")].map(b => b.lang)})`)
	if got.HTML != w.lang() {
		w.T.Errorf("%s: <html lang=%q>, want %q", name, got.HTML, w.lang())
	}
	meta := w.K.Meta()
	if len(meta.Languages) < 2 {
		return
	}
	want := map[string]string{}
	for _, l := range meta.Languages {
		want[l] = meta.LanguageNames[l]
	}
	if !maps.Equal(got.Names, want) || !slices.Equal(got.Current, []string{w.lang()}) {
		w.T.Errorf("%s: language picker %+v, want names %v and %s current", name, got, want, w.lang())
	}
}

// interview answers the questions until the result shows, then checks it.
func (w *Walker) interview() {
	w.T.Helper()
	for range 80 {
		st := w.State()
		if st.Screen == "result" {
			w.screen("result")
			w.checkResult(st)
			if w.OnResult != nil {
				w.OnResult()
			}
			if w.Walk.Wait && !w.waiting {
				w.waiting = true
				if !w.eval(`!!document.querySelector("[data-screen=result] .wait button")`) {
					w.T.Fatalf("an emergency result offers no questions while waiting for help")
				}
				w.leave(`[data-screen=result] .wait button`)
				continue
			}
			return
		}
		if st.Screen != "ask" || len(st.Findings) == 0 {
			w.T.Fatalf("unexpected screen %+v", st)
		}
		// While waiting for help the call stays in sight, and no count of questions left shows.
		if w.waiting && !w.eval(`!!document.querySelector("[data-screen=ask] .banner-wait a[href^='tel:']") && !document.querySelector("[data-screen=ask] .progress-text")`) {
			w.T.Errorf("a question while waiting for help lacks the call, or shows a count")
		}
		w.screen(st.Findings[0])
		if w.Walk.Back != "" && !w.backDone && slices.Contains(st.Findings, w.Walk.Back) {
			w.backDone = true
			w.answerScreen(st.Findings, w.Walk.Back)
			w.leave(`[data-screen=ask] .back`)
			want := w.wrongBool(w.Walk.Back) == "yes"
			if got := w.shows(w.Walk.Back); got != want {
				w.T.Errorf("after Back, %s shows yes=%v, want the earlier answer", w.Walk.Back, got)
			}
			continue
		}
		w.answerScreen(st.Findings, "")
	}
	w.T.Fatal("no result after 80 screens")
}

// shows reports whether a yes/no question shows "yes" (its box ticked or its Yes pressed).
func (w *Walker) shows(id string) bool {
	w.T.Helper()
	return w.eval(fmt.Sprintf(`(() => {
		const box = document.querySelector('[data-finding=%[1]q] input[type=checkbox]');
		if (box) return box.checked;
		return !!document.querySelector('[data-finding=%[1]q] [data-option=yes][aria-checked=true]');
	})()`, id))
}

// wrongBool is the answer the Back walk gives first: the opposite of the walk's.
func (w *Walker) wrongBool(id string) string {
	if v, _ := w.value(id); v == true {
		return "no"
	}
	return "yes"
}

// value is the walk's answer to a finding (nil: "not sure").
func (w *Walker) value(id string) (any, bool) {
	if v, ok := w.Walk.Answers[id]; ok {
		return v, true
	}
	if w.Walk.No && w.K.Finding(id).Kind == triage.Bool {
		return false, true
	}
	return nil, false
}

// AnswerScreen answers the questions on the screen as the walk says, for a test that walks
// part of the way itself.
func (w *Walker) AnswerScreen(ids []string) {
	w.T.Helper()
	if w.answered == nil {
		w.answered = map[string]any{}
	}
	w.answerScreen(ids, "")
}

// answerScreen answers every question on the screen; wrong names one to answer the other way.
func (w *Walker) answerScreen(ids []string, wrong string) {
	w.T.Helper()
	// The page says whether the screen is a checklist (one question with boxes), as the
	// engine's Next did: the emergency signs, and any screen of several yes/no signs.
	if w.eval(`!!document.querySelector('[data-screen=ask] .checklist-form')`) {
		w.answerChecklist(ids, wrong)
		return
	}
	group := len(ids) > 1
	for _, id := range ids {
		f := w.K.Finding(id)
		v, _ := w.value(id)
		scope := fmt.Sprintf(`[data-finding=%q]`, id)
		last := !group || f.Kind == triage.Set || f.Kind == triage.Number
		switch {
		case id == wrong:
			w.answered[id] = nil // replaced after Back
			w.choose(scope+fmt.Sprintf(` [data-option=%q]`, w.wrongBool(id)), last)
		case f.Kind == triage.Number:
			w.answerNumber(id, v)
		case f.Kind == triage.Set:
			w.answerSet(id, v)
		default:
			w.answered[id] = v
			opt := "-" // "not sure", or the finding's own value for it (the glass test's)
			if u := f.UnknownValue(); u != "" {
				opt = u
			}
			switch v := v.(type) {
			case bool:
				opt = map[bool]string{true: "yes", false: "no"}[v]
			case string:
				opt = v
			}
			w.choose(scope+fmt.Sprintf(` [data-option=%q]`, opt), last)
		}
		if last {
			return
		}
		// A group stays unless the answer calls for an emergency.
		w.wait(fmt.Sprintf(`!document.querySelector('[data-screen=ask]') || !!document.querySelector('%s [aria-checked=true]')`, scope))
		if w.State().Screen != "ask" {
			return
		}
	}
	w.leave(`[data-screen=ask] .group > .button`)
}

// choose picks an option; when it is the screen's last move it waits for the next screen.
func (w *Walker) choose(sel string, last bool) {
	w.T.Helper()
	if last {
		w.leave(sel)
		return
	}
	w.activate(sel)
}

// answerChecklist ticks the signs the walk says yes to; "Not sure" when it leaves any of the
// screen's signs unknown (the unticked ones are then all not sure), "None of these" when it
// says no to all. What it records is what those ticks mean, so that the result check holds
// the page to the checklist's semantics.
func (w *Walker) answerChecklist(ids []string, wrong string) {
	w.T.Helper()
	want := map[string]bool{}
	unsure, any := false, false
	for _, id := range ids {
		v, _ := w.value(id)
		if id == wrong {
			v = w.wrongBool(id) == "yes"
		}
		b, isBool := v.(bool)
		want[id] = isBool && b
		unsure = unsure || !isBool
		any = any || want[id]
	}
	for _, id := range ids {
		switch {
		case id == wrong:
			w.answered[id] = nil // replaced after Back
		case want[id]:
			w.answered[id] = true
		case unsure:
			w.answered[id] = nil
		default:
			w.answered[id] = false
		}
		w.tick(`#check-`+id, want[id])
	}
	w.tick(`#check-unsure`, unsure)
	w.tick(`#check-none`, !any && !unsure)
	w.leave(`[data-screen=ask] .checklist-form > .button`)
}

// tick sets a check box to on, clicking it (or pressing Space on it) only when it differs.
func (w *Walker) tick(sel string, on bool) {
	w.T.Helper()
	is := fmt.Sprintf(`document.querySelector('%s').checked`, sel)
	if w.eval(is) == on {
		return
	}
	w.activate(sel)
	w.wait(fmt.Sprintf(`%s === %v`, is, on))
}

func (w *Walker) answerNumber(id string, v any) {
	w.T.Helper()
	scope := fmt.Sprintf(`[data-finding=%q]`, id)
	x, ok := v.(float64)
	if !ok {
		w.answered[id] = nil
		w.leave(scope + ` .button-secondary`)
		return
	}
	w.answered[id] = x
	input := scope + ` input`
	text := fmt.Sprint(x)
	if w.Keys {
		w.focusByTab(input)
		Do(w.T, w.Ctx, chromedp.KeyEvent(text), chromedp.KeyEvent(kb.Enter))
		w.moved()
		return
	}
	// Replace what is there (the earlier answer when it is changed).
	Eval[any](w.T, w.Ctx, fmt.Sprintf(`document.querySelector('%s').select()`, input))
	Do(w.T, w.Ctx, chromedp.SendKeys(chromedp.CSS(input), text))
	w.leave(scope + ` button[type=submit]`)
}

func (w *Walker) answerSet(id string, v any) {
	w.T.Helper()
	scope := fmt.Sprintf(`[data-finding=%q]`, id)
	vals, _ := v.([]string)
	if len(vals) == 0 {
		w.answered[id] = nil
	} else {
		w.answered[id] = vals
	}
	for i, val := range vals {
		// The mouse walk taps the body map for the first place, when it is on the map.
		spot := fmt.Sprintf(`%s [data-spot=%q]`, scope, val)
		if i == 0 && !w.Keys && w.eval(fmt.Sprintf(`!!document.querySelector('%s')`, spot)) {
			w.activate(spot)
		} else {
			w.activate(fmt.Sprintf(`%s input[data-option=%q]`, scope, val))
		}
		w.wait(fmt.Sprintf(`document.querySelector('%s input[data-option=%q]').checked`, scope, val))
	}
	w.leave(scope + ` .places > .button`)
}

// leave activates what leaves the screen (through Click when set) and waits for the next.
func (w *Walker) leave(sel string) {
	w.T.Helper()
	if w.Click != nil && !w.Keys {
		w.Click(sel)
	} else {
		w.activate(sel)
	}
	w.moved()
}

// activate clicks the element, or in a keyboard walk tabs to it and presses Enter (Space for
// a check box).
func (w *Walker) activate(sel string) {
	w.T.Helper()
	if !w.Keys {
		Do(w.T, w.Ctx, chromedp.Click(chromedp.CSS(sel)))
		return
	}
	w.focusByTab(sel)
	key := kb.Enter
	if w.eval(fmt.Sprintf(`document.querySelector('%s').type === "checkbox"`, sel)) {
		key = " "
	}
	Do(w.T, w.Ctx, chromedp.KeyEvent(key))
}

// focusByTab presses Tab until the element has the focus.
func (w *Walker) focusByTab(sel string) {
	w.T.Helper()
	js := fmt.Sprintf(`document.activeElement === document.querySelector('%s')`, sel)
	for range 150 {
		if w.eval(js) {
			return
		}
		Do(w.T, w.Ctx, chromedp.KeyEvent(kb.Tab))
	}
	w.T.Fatalf("Tab never reached %s", sel)
}

// moved waits for the next screen: the focus is on its heading.
func (w *Walker) moved() {
	w.T.Helper()
	w.wait(`document.activeElement === document.getElementById("screen-title")`)
}

// Findings are the walk's answers so far as the engine takes them.
func (w *Walker) Findings() *triage.Findings {
	w.T.Helper()
	f := w.K.NewFindings()
	for id, v := range w.answered {
		var err error
		switch v := v.(type) {
		case nil:
			err = f.SetUnsure(id)
		case bool:
			err = f.SetBool(id, v)
		case float64:
			err = f.SetNumber(id, v)
		case string:
			err = f.SetChoice(id, v)
		case []string:
			err = f.SetSet(id, v)
		}
		if err != nil {
			w.T.Fatal(err)
		}
	}
	return f
}

// checkResult compares the result screen with the engine's result for the same answers, and
// with the urgency the walk wants.
func (w *Walker) checkResult(st State) {
	w.T.Helper()
	f := w.Findings()
	res := w.K.Evaluate(f)
	w.T.Logf("%s: %d screens; answers %s; engine: %s, %v", w.Walk.Name, w.Screens, f.JSON(), res.Urgency, res.Top(3))
	if st.Urgency != res.Urgency.String() {
		w.T.Errorf("result shows urgency %q, the engine says %q", st.Urgency, res.Urgency)
	}
	if w.Walk.Want != "" && st.Urgency != w.Walk.Want {
		w.T.Errorf("walk %q ends at %q, want %q", w.Walk.Name, st.Urgency, w.Walk.Want)
	}
	if want := w.K.UrgencyInfo(res.Urgency).Label.In(w.lang()); st.Title != want {
		w.T.Errorf("banner heading %q, want %q", st.Title, want)
	}
	names := Eval[[]string](w.T, w.Ctx, `[...document.querySelectorAll(".cause-name")].map(e => e.textContent)`)
	var want []string
	for _, s := range res.Conditions[:3] {
		want = append(want, s.Condition.Name.In(w.lang()))
	}
	if len(names) < 3 || len(names) > 5 || !slices.Equal(names[:3], want) {
		w.T.Errorf("causes shown %q, the engine's top three %q", names, want)
	}
	// One urgency: the reasons are the rules at the result's urgency, and nothing less urgent
	// (a calmer action among them could make a frightened reader wait).
	// Titles, not the text: one rule's message may name another rule's sign in its words.
	reasons := Eval[[]string](w.T, w.Ctx, `[...document.querySelectorAll(".reasons .reason > strong")].map(e => e.textContent)`)
	for _, r := range res.Rules {
		if shown := slices.Contains(reasons, r.Title.In(w.lang())); shown != (r.Urgency == res.Urgency) {
			w.T.Errorf("rule %s (%s, %q) among the reasons of a %s result: %v", r.ID, r.Urgency, r.Title.In(w.lang()), res.Urgency, shown)
		}
	}
	if lower := Eval[[]string](w.T, w.Ctx, fmt.Sprintf(`[...document.querySelectorAll(".reasons .reason")].filter(e => !e.classList.contains("reason-%s")).map(e => e.innerText)`, res.Urgency)); len(lower) > 0 {
		w.T.Errorf("reasons of another urgency on a %s result: %q", res.Urgency, lower)
	}
	if res.Urgency == triage.Emergency {
		for _, sel := range []string{".also", ".check-now", ".watch"} {
			if w.eval(fmt.Sprintf(`!!document.querySelector("[data-screen=result] %s")`, sel)) {
				w.T.Errorf("an emergency result shows %s: only the call matters", sel)
			}
		}
	}
	// How likely each cause is, as its name and chance say it (a cause's own texts may name a
	// strength, "1% hydrocortisone", which is no likelihood).
	if pct := Eval[string](w.T, w.Ctx, `[...document.querySelectorAll(".causes .cause-name, .causes .cause-chance, .causes .cause-fits")].map(e => e.textContent).join(" ").match(/\d+\s*%/)?.[0] || ""`); pct != "" {
		w.T.Errorf("causes shown as a percentage (%q): say them in words", pct)
	}
	if live := Eval[string](w.T, w.Ctx, `document.getElementById("announce").textContent`); live != st.Title {
		w.T.Errorf("live region says %q, want %q", live, st.Title)
	}
}
