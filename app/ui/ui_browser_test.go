//go:build !wasm

package ui_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"spotcheck"
	"spotcheck/app/triage"
	"spotcheck/internal/browsertest"
	"spotcheck/server/site"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The browser walks: real Chromium, the real site handler and the built app.wasm. Each walk
// answers the questions the app asks from a case (what the case does not say is answered
// "not sure", or "no" for yes/no questions when the walk says so), by mouse or by keyboard
// alone, then checks that the result shows the urgency and causes the engine gives for the
// same answers. The mouse walks also run axe-core on every screen and write screenshots at
// 375x812 and 1280x800 to test-output/screenshots.

const (
	buildDir = "../../build/web"
	shotsDir = "../../test-output/screenshots"
	axeDir   = "../../build/axe"
)

// walk is one way through the interview.
type walk struct {
	name    string
	answers map[string]any // finding id -> true/false, a number, a value id, or a list of ids
	// no answers every yes/no question the case does not list with "No" (else "Not sure").
	no bool
	// back is a yes/no question that is first answered the other way, then (after Back from
	// the next screen) the right way.
	back string
	// change is a finding changed from the result's summary of answers, to its new answer.
	change map[string]any
}

var walks = []walk{
	{name: "emergency", answers: map[string]any{"fever": true, "age_years": 3.0, "glass_test": "does_not_fade"}},
	{name: "self-care", no: true, answers: map[string]any{
		"age_years": 16.0, "rough_bumps": true, "dry_skin": true, "worse_in_winter": true, "recurring": true,
		"itchy": false, "spot_size": "small", "location": []string{"arms", "legs"}, "duration_days": 200.0,
		"glass_test": "fades",
	}},
	{name: "urgent", no: true, answers: map[string]any{
		"blood_thinner": true, "glass_test": "does_not_fade", "age_years": 70.0, "fever": false,
		"spot_size": "pinpoint", "location": []string{"legs"},
	}},
	{name: "back-and-change", no: true, back: "fever", change: map[string]any{"age_years": 40.0}, answers: map[string]any{
		"age_years": 16.0, "rough_bumps": true, "dry_skin": true, "worse_in_winter": true, "recurring": true,
		"spot_size": "small", "location": []string{"arms"}, "duration_days": 100.0, "glass_test": "fades",
	}},
}

func TestBrowserWalks(t *testing.T) {
	url := startSite(t)
	k, err := triage.Load(spotcheck.KnowledgeJSON)
	if err != nil {
		t.Fatal(err)
	}
	axe := axeSource(t)
	browser := browsertest.New(t, 4*time.Minute)
	// Each run writes every screenshot afresh: an old one would show screens that are gone.
	if err := os.RemoveAll(shotsDir); err != nil {
		t.Fatal(err)
	}
	for _, w := range walks {
		for _, keys := range []bool{false, true} {
			mode := "mouse"
			if keys {
				mode = "keyboard"
			}
			t.Run(w.name+"/"+mode, func(t *testing.T) {
				ctx, cancel := chromedp.NewContext(browser)
				defer cancel()
				d := &driver{t: t, ctx: ctx, k: k, w: w, keys: keys, answered: map[string]any{}}
				if !keys {
					d.axe, d.shots = axe, w.name
				}
				d.open(url)
				d.run()
			})
		}
	}
}

// TestBrowserStartWithoutWasm checks that the prerendered start screen is readable with
// scripts off: the emergency signs, privacy and the disclaimer are in the HTML.
func TestBrowserStartWithoutWasm(t *testing.T) {
	url := startSite(t)
	k, err := triage.Load(spotcheck.KnowledgeJSON)
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t, time.Minute)
	noJS := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	if err := chromedp.Do(ctx, noJS, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"start_title", "emergency_intro", "privacy", "not_a_diagnosis", "start"} {
		if want := k.UI(key, "en"); !strings.Contains(text, want) {
			t.Errorf("prerendered start screen lacks %s %q", key, want)
		}
	}
}

// startSite serves the built site, or skips (fails under CI) when app.wasm is not built.
func startSite(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat(filepath.Join(buildDir, "app.wasm")); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s/app.wasm is missing: make build first", buildDir)
		}
		t.Skipf("%s/app.wasm is missing (make build)", buildDir)
	}
	h, err := site.New(site.Options{Dir: buildDir, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// axeSource returns axe.min.js, installing axe-core@4 with npm under build/axe (git-ignored)
// the first time. Without npm or the registry the axe checks are skipped, except under CI.
func axeSource(t *testing.T) string {
	t.Helper()
	path := filepath.Join(axeDir, "node_modules", "axe-core", "axe.min.js")
	if _, err := os.Stat(path); err != nil {
		cmd := exec.Command("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", axeDir, "axe-core@4")
		if out, err := cmd.CombinedOutput(); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("npm install axe-core: %v\n%s", err, out)
			}
			t.Logf("axe checks skipped: npm install axe-core: %v", err)
			return ""
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// driver walks the app in one tab.
type driver struct {
	t     *testing.T
	ctx   context.Context
	k     *triage.Knowledge
	w     walk
	keys  bool   // keyboard only
	axe   string // axe.min.js, "" for no accessibility checks
	shots string // screenshot name prefix, "" for none
	// answered is what the walk answered: the value, or nil for "not sure".
	answered map[string]any
	screens  int
	backDone bool
}

// state is what shows.
type state struct {
	Screen   string   `json:"screen"`
	Urgency  string   `json:"urgency"`
	Title    string   `json:"title"`
	Findings []string `json:"findings"`
	Focused  bool     `json:"focused"`
}

func (d *driver) do(actions ...chromedp.Action[chromedp.Void]) {
	d.t.Helper()
	if err := chromedp.Do(d.ctx, actions...); err != nil {
		d.t.Fatal(err)
	}
}

func eval[T any](d *driver, js string) T {
	d.t.Helper()
	v, err := chromedp.Run(d.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		d.t.Fatalf("%s: %v", js, err)
	}
	return v
}

func (d *driver) open(url string) {
	d.t.Helper()
	// The page's console errors and exceptions fail the walk.
	if err := chromedp.Listen(d.ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				d.t.Errorf("console error: %s", strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			d.t.Errorf("exception: %s", ev.ExceptionDetails.Text)
		}
	}); err != nil {
		d.t.Fatal(err)
	}
	d.do(chromedp.EmulateViewport(375, 812), chromedp.Navigate(url))
	d.waitJS(`!document.getElementById("app-wasm-loader") && !!document.querySelector("[data-screen=start] button:not([disabled])")`)
}

// waitJS waits until the expression is true.
func (d *driver) waitJS(js string) {
	d.t.Helper()
	if _, err := chromedp.Run(d.ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		d.t.Fatalf("waiting for %s: %v\nscreen: %+v", js, err, d.state())
	}
}

func (d *driver) state() state {
	return eval[state](d, `(() => {
		const s = document.querySelector("[data-screen]");
		const h = document.getElementById("screen-title");
		return {screen: s ? s.dataset.screen : "", urgency: (s && s.dataset.urgency) || "",
			title: h ? h.textContent : "",
			findings: [...document.querySelectorAll("[data-screen=ask] [data-finding]")].map(e => e.dataset.finding),
			focused: !!h && document.activeElement === h};
	})()`)
}

// run walks from the start screen to the result, and through the changes of the walk.
func (d *driver) run() {
	d.t.Helper()
	d.check("start")
	d.checkDarkAndPrint("start")
	d.activate(`[data-screen=start] button`)
	d.moved()
	d.interview()
	if d.w.change != nil {
		for id, v := range d.w.change {
			d.activate(fmt.Sprintf(`[data-answer=%q] button`, id))
			d.moved()
			d.w.answers[id] = v
		}
		d.interview()
	}
	// Start again clears everything.
	d.activate(`[data-screen=result] .buttons .button-secondary`)
	d.moved()
	if st := d.state(); st.Screen != "start" {
		d.t.Fatalf("start again shows %q", st.Screen)
	}
	if n := eval[int](d, `document.querySelectorAll("[data-screen] [aria-pressed=true]").length`); n != 0 {
		d.t.Errorf("start again left %d answers", n)
	}
	if got := eval[string](d, `document.cookie + "|" + localStorage.length + "|" + sessionStorage.length`); got != "|0|0" {
		d.t.Errorf("cookies|localStorage|sessionStorage = %q, want nothing stored", got)
	}
}

// interview answers the questions until the result shows, then checks it.
func (d *driver) interview() {
	d.t.Helper()
	for range 80 {
		st := d.state()
		if st.Screen == "result" {
			d.check("result")
			d.checkResult(st)
			d.checkDarkAndPrint("result")
			return
		}
		if st.Screen != "ask" || len(st.Findings) == 0 {
			d.t.Fatalf("unexpected screen %+v", st)
		}
		d.check(st.Findings[0])
		if d.w.back != "" && !d.backDone && slices.Contains(st.Findings, d.w.back) {
			d.backDone = true
			d.answerScreen(st.Findings, d.w.back)
			d.activate(`[data-screen=ask] .back`)
			d.moved()
			if got := eval[string](d, fmt.Sprintf(`document.querySelector('[data-finding=%q] [aria-pressed=true]').dataset.option`, d.w.back)); got != d.wrongBool(d.w.back) {
				d.t.Errorf("after Back, %s shows %q, want the earlier answer %q", d.w.back, got, d.wrongBool(d.w.back))
			}
			continue
		}
		d.answerScreen(st.Findings, "")
	}
	d.t.Fatal("no result after 80 screens")
}

// wrongBool is the answer the Back walk gives first: the opposite of the case's.
func (d *driver) wrongBool(id string) string {
	if v, _ := d.value(id); v == true {
		return "no"
	}
	return "yes"
}

// value is the walk's answer to a finding (nil: "not sure").
func (d *driver) value(id string) (any, bool) {
	if v, ok := d.w.answers[id]; ok {
		return v, true
	}
	if d.w.no && d.k.Finding(id).Kind == triage.Bool {
		return false, true
	}
	return nil, false
}

// answerScreen answers every question on the screen; wrong names one to answer the other way.
func (d *driver) answerScreen(ids []string, wrong string) {
	d.t.Helper()
	group := len(ids) > 1
	for _, id := range ids {
		f := d.k.Finding(id)
		v, _ := d.value(id)
		scope := fmt.Sprintf(`[data-finding=%q]`, id)
		switch {
		case id == wrong:
			d.answered[id] = nil // replaced after Back
			d.activate(scope + fmt.Sprintf(` [data-option=%q]`, d.wrongBool(id)))
		case f.Kind == triage.Number:
			d.answerNumber(id, v)
		case f.Kind == triage.Set:
			d.answerSet(id, v)
		default:
			d.answered[id] = v
			opt := "-"
			switch v := v.(type) {
			case bool:
				opt = map[bool]string{true: "yes", false: "no"}[v]
			case string:
				opt = v
			}
			d.activate(scope + fmt.Sprintf(` [data-option=%q]`, opt))
		}
		if !group || f.Kind == triage.Set || f.Kind == triage.Number {
			d.moved()
			return
		}
		// A group stays unless the answer calls for an emergency.
		d.waitJS(fmt.Sprintf(`!document.querySelector('[data-screen=ask]') || !!document.querySelector('%s [aria-pressed=true]')`, scope))
		if d.state().Screen != "ask" {
			return
		}
	}
	d.activate(`[data-screen=ask] .group > .button`)
	d.moved()
}

func (d *driver) answerNumber(id string, v any) {
	d.t.Helper()
	scope := fmt.Sprintf(`[data-finding=%q]`, id)
	x, ok := v.(float64)
	if !ok {
		d.answered[id] = nil
		d.activate(scope + ` .button-secondary`)
		return
	}
	d.answered[id] = x
	input := scope + ` input`
	text := fmt.Sprint(x)
	if d.keys {
		d.focusByTab(input)
		d.do(chromedp.KeyEvent(text), chromedp.KeyEvent(kb.Enter))
		return
	}
	// Replace what is there (the earlier answer when it is changed).
	eval[any](d, fmt.Sprintf(`document.querySelector('%s').select()`, input))
	d.do(chromedp.SendKeys(chromedp.CSS(input), text), chromedp.Click(chromedp.CSS(scope+` button[type=submit]`)))
}

func (d *driver) answerSet(id string, v any) {
	d.t.Helper()
	scope := fmt.Sprintf(`[data-finding=%q]`, id)
	vals, _ := v.([]string)
	if len(vals) == 0 {
		d.answered[id] = nil
	} else {
		d.answered[id] = vals
	}
	for i, val := range vals {
		// The mouse walk taps the body map for the first place, when it is on the map.
		spot := fmt.Sprintf(`%s [data-spot=%q]`, scope, val)
		if i == 0 && !d.keys && eval[bool](d, fmt.Sprintf(`!!document.querySelector('%s')`, spot)) {
			d.activate(spot)
		} else {
			d.activate(fmt.Sprintf(`%s input[data-option=%q]`, scope, val))
		}
		d.waitJS(fmt.Sprintf(`document.querySelector('%s input[data-option=%q]').checked`, scope, val))
	}
	d.activate(scope + ` .places > .button`)
}

// activate clicks the element, or in a keyboard walk tabs to it and presses Enter (Space for
// a check box).
func (d *driver) activate(sel string) {
	d.t.Helper()
	if !d.keys {
		d.do(chromedp.Click(chromedp.CSS(sel)))
		return
	}
	d.focusByTab(sel)
	key := kb.Enter
	if eval[bool](d, fmt.Sprintf(`document.querySelector('%s').type === "checkbox"`, sel)) {
		key = " "
	}
	d.do(chromedp.KeyEvent(key))
}

// focusByTab presses Tab until the element has the focus.
func (d *driver) focusByTab(sel string) {
	d.t.Helper()
	js := fmt.Sprintf(`document.activeElement === document.querySelector('%s')`, sel)
	for range 150 {
		if eval[bool](d, js) {
			return
		}
		d.do(chromedp.KeyEvent(kb.Tab))
	}
	d.t.Fatalf("Tab never reached %s", sel)
}

// moved waits for the next screen: the focus is on its heading.
func (d *driver) moved() {
	d.t.Helper()
	d.waitJS(`document.activeElement === document.getElementById("screen-title")`)
}

// check runs axe-core and takes the screenshots of a new screen.
func (d *driver) check(name string) {
	d.t.Helper()
	d.screens++
	if d.axe != "" {
		d.checkAxe(name)
	}
	if d.shots != "" {
		d.shot(name, 375, 812)
		d.shot(name, 1280, 800)
	}
}

// media emulates a CSS media type ("print", "" for screen) and colour scheme.
func (d *driver) media(typ, scheme string) {
	d.t.Helper()
	d.do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Media: typ, Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	}))
}

// checkDarkAndPrint runs axe in dark mode and takes the dark and print screenshots of a screen;
// printed, the result must fit on one page.
func (d *driver) checkDarkAndPrint(name string) {
	d.t.Helper()
	if d.shots == "" {
		return
	}
	defer d.media("", "light")
	d.media("", "dark")
	if d.axe != "" {
		d.checkAxe(name + " (dark)")
	}
	d.shot(name+"-dark", 375, 812)
	d.media("print", "light")
	d.shot(name+"-print", 794, 1123) // A4 at 96 dpi
	if name != "result" {
		return
	}
	pdf, err := chromedp.Run(d.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		d.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(shotsDir, d.shots+"-result.pdf"), pdf, 0o644); err != nil {
		d.t.Fatal(err)
	}
	if n := pdfPages(pdf); n != 1 {
		d.t.Errorf("the printed result has %d pages, want one", n)
	}
}

// pdfPages returns the page count of a PDF: the largest /Count of its page tree.
func pdfPages(pdf []byte) int {
	n := 0
	for _, m := range regexp.MustCompile(`/Count (\d+)`).FindAllSubmatch(pdf, -1) {
		c, _ := strconv.Atoi(string(m[1]))
		n = max(n, c)
	}
	return n
}

// shot writes a full-page screenshot at a viewport size.
func (d *driver) shot(name string, w, h int64) {
	d.t.Helper()
	if err := os.MkdirAll(shotsDir, 0o755); err != nil {
		d.t.Fatal(err)
	}
	d.do(chromedp.EmulateViewport(w, h))
	png, err := chromedp.Run(d.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		d.t.Fatal(err)
	}
	file := fmt.Sprintf("%s-%02d-%s-%d.png", d.shots, d.screens, name, w)
	if err := os.WriteFile(filepath.Join(shotsDir, file), png, 0o644); err != nil {
		d.t.Fatal(err)
	}
	d.do(chromedp.EmulateViewport(375, 812))
}

func (d *driver) checkAxe(name string) {
	d.t.Helper()
	if !eval[bool](d, `typeof axe !== "undefined"`) {
		if _, err := chromedp.Run(d.ctx, chromedp.Evaluate[any](d.axe)); err != nil {
			d.t.Fatalf("inject axe: %v", err)
		}
	}
	type violation struct {
		ID    string `json:"id"`
		Help  string `json:"help"`
		Nodes []struct {
			Target []any  `json:"target"`
			HTML   string `json:"html"`
		} `json:"nodes"`
	}
	vs, err := chromedp.Run(d.ctx, chromedp.Evaluate[[]violation](
		`axe.run(document).then(r => r.violations)`, chromedp.EvalAwaitPromise))
	if err != nil {
		d.t.Fatalf("axe: %v", err)
	}
	for _, v := range vs {
		b, _ := json.Marshal(v.Nodes)
		d.t.Errorf("axe on %s: %s (%s): %s", name, v.ID, v.Help, b)
	}
}

// checkResult compares the result screen with the engine's result for the same answers.
func (d *driver) checkResult(st state) {
	d.t.Helper()
	f := d.k.NewFindings()
	for id, v := range d.answered {
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
			d.t.Fatal(err)
		}
	}
	res := d.k.Evaluate(f)
	d.t.Logf("%d screens; answers %s; engine: %s, %v", d.screens, f.JSON(), res.Urgency, res.Top(3))
	if st.Urgency != res.Urgency.String() {
		d.t.Errorf("result shows urgency %q, the engine says %q", st.Urgency, res.Urgency)
	}
	if want := d.k.UrgencyInfo(res.Urgency).Label.In("en"); st.Title != want {
		d.t.Errorf("banner heading %q, want %q", st.Title, want)
	}
	names := eval[[]string](d, `[...document.querySelectorAll(".cause-name")].map(e => e.textContent)`)
	var want []string
	for _, s := range res.Conditions[:3] {
		want = append(want, s.Condition.Name.In("en"))
	}
	if len(names) < 3 || len(names) > 5 || !slices.Equal(names[:3], want) {
		d.t.Errorf("causes shown %q, the engine's top three %q", names, want)
	}
	reasons := eval[string](d, `(document.querySelector(".reasons") || {innerText: ""}).innerText`)
	for _, r := range res.Rules {
		if !strings.Contains(reasons, r.Title.In("en")) {
			d.t.Errorf("rule %s (%q) not shown", r.ID, r.Title.In("en"))
		}
	}
	if live := eval[string](d, `document.getElementById("announce").textContent`); live != st.Title {
		d.t.Errorf("live region says %q, want %q", live, st.Title)
	}
}
