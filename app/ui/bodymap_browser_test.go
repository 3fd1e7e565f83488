//go:build !wasm

package ui_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"spotcheck/app/triage"
	"spotcheck/internal/browsertest"

	"github.com/chromedp/chromedp"
)

// ux2Dir holds the glass test's and the body map's screenshots, per language, light and dark.
const ux2Dir = "../../test-output/ux2"

// TestBrowserGlassAndBodyMap walks, in every language, to the glass test and the body map and
// checks them as a phone shows them: the glass test has its three answers and no separate
// "Not sure", the first whole in sight without scrolling; the body map's marks are 44 px, never
// overlap each other or any text, at 375 px and at 320 px with 200 % text, and are labels of
// the list's boxes (a tap ticks the same box; no Tab stop of their own; the same number in
// the list; the map hidden from screen readers). Screenshots at 375 px, light and dark, and of
// the body map at 320 px with 200 % text.
func TestBrowserGlassAndBodyMap(t *testing.T) {
	k := browsertest.Knowledge(t)
	url := startSite(t, k)
	langs := languages(k)
	browser := browsertest.New(t, time.Duration(len(langs))*2*time.Minute)
	var answers map[string]any // a walk that reaches the body map
	for _, w := range walks {
		if places, _ := w.Answers["location"].([]string); len(places) > 1 {
			answers = w.Answers
		}
	}
	for _, lang := range langs {
		t.Run(lang, func(t *testing.T) {
			ctx, cancel := chromedp.NewContext(browser)
			defer cancel()
			open(t, ctx, withLang(url, lang))
			wk := &browsertest.Walker{T: t, Ctx: ctx, K: k, Walk: browsertest.Walk{Name: "ux2", No: true, Answers: answers, Lang: lang}}
			browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(`[data-screen=start] button`)))
			waitMoved(t, ctx)
			seen := map[string]bool{}
			for range 60 {
				st := wk.State()
				if st.Screen != "ask" {
					break
				}
				switch id := st.Findings[0]; {
				case id == "glass_test" && !seen[id]:
					checkGlass(t, ctx, k.Finding(id))
					shots(t, ctx, lang+"-glass")
				case k.Finding(id).Widget == triage.WidgetBodyMap:
					checkBodyMap(t, ctx, k.Finding(id), lang)
					shots(t, ctx, lang+"-bodymap")
					return
				}
				seen[st.Findings[0]] = true
				wk.AnswerScreen(st.Findings)
			}
			t.Fatalf("the walk never reached the body map (saw %v)", seen)
		})
	}
}

func waitMoved(t *testing.T, ctx context.Context) {
	t.Helper()
	browsertest.WaitJS(t, ctx, `document.activeElement === document.getElementById("screen-title")`, 15*time.Second)
}

// shots writes the screen at 375 px, light and dark, to ux2Dir/NAME[-dark]-375.png.
func shots(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	shotIn(t, ctx, ux2Dir, name, 375, 812)
	media(t, ctx, "", "dark")
	shotIn(t, ctx, ux2Dir, name+"-dark", 375, 812)
	media(t, ctx, "", "light")
}

// checkGlass: one radio per value of the finding, in order, no generic "not sure", the first
// answer whole within the first screen of a 375x812 phone.
func checkGlass(t *testing.T, ctx context.Context, d *triage.Finding) {
	t.Helper()
	type glass struct {
		Options []string `json:"options"`
		Bottom  float64  `json:"bottom"`
	}
	got := browsertest.Eval[glass](t, ctx, fmt.Sprintf(`(() => {
		const radios = [...document.querySelectorAll('[data-finding=%q] [role=radio]')];
		return {options: radios.map(r => r.dataset.option), bottom: radios.length ? radios[0].getBoundingClientRect().bottom + scrollY : -1};
	})()`, d.ID))
	var want []string
	for _, v := range d.Values {
		want = append(want, v.ID)
	}
	if !slices.Equal(got.Options, want) {
		t.Errorf("the glass test offers %q, want its %d values %q and no separate not sure", got.Options, len(want), want)
	}
	if got.Bottom < 0 || got.Bottom > 812 {
		t.Errorf("the first answer of the glass test ends %.0f px down: out of a phone's first screen", got.Bottom)
	}
}

// bodyMapProblems is what is wrong with the body map as shown: marks under 44 px, marks that
// overlap each other (as circles: that is where a tap lands) or any text, marks off the
// drawing, marks that are not a label of a box of the list or show another number than it,
// Tab stops other than the boxes and Next.
const bodyMapProblems = `(() => {
	const out = [];
	const marks = [...document.querySelectorAll(".bodymap .spot")];
	const figure = document.querySelector(".bodymap-figure").getBoundingClientRect();
	if (marks.length === 0) out.push("no marks");
	const circles = marks.map(m => { const r = m.getBoundingClientRect(); return {m, r, x: r.left + r.width / 2, y: r.top + r.height / 2, rad: r.width / 2}; });
	for (const c of circles) {
		const name = c.m.dataset.spot;
		if (c.r.width < 43.5 || c.r.height < 43.5) out.push(name + " is " + Math.round(c.r.width) + "x" + Math.round(c.r.height));
		if (c.r.left < figure.left - 0.5 || c.r.right > figure.right + 0.5 || c.r.top < figure.top - 0.5 || c.r.bottom > figure.bottom + 0.5) out.push(name + " off the drawing");
		const box = document.getElementById(c.m.htmlFor);
		if (!box || box.type !== "checkbox" || box.closest(".bodymap")) { out.push(name + " labels no box of the list"); continue; }
		const num = box.closest(".check").querySelector(".place-mark");
		if (!num || num.textContent !== c.m.textContent) out.push(name + " shows " + c.m.textContent + ", the list " + (num ? num.textContent : "nothing"));
		if (c.m.classList.contains("spot-picked") !== box.checked) out.push(name + " highlighted " + c.m.classList.contains("spot-picked") + ", ticked " + box.checked);
	}
	for (let i = 0; i < circles.length; i++) for (let j = i + 1; j < circles.length; j++) {
		const a = circles[i], b = circles[j];
		if (Math.hypot(a.x - b.x, a.y - b.y) < a.rad + b.rad - 0.5) out.push(a.m.dataset.spot + " overlaps " + b.m.dataset.spot);
	}
	const walker = document.createTreeWalker(document.querySelector("[data-screen]"), NodeFilter.SHOW_TEXT);
	for (let n = walker.nextNode(); n; n = walker.nextNode()) {
		if (!n.textContent.trim() || n.parentElement.closest(".spot, .visually-hidden")) continue;
		const range = document.createRange();
		range.selectNodeContents(n);
		for (const r of range.getClientRects()) for (const c of circles) {
			const dx = Math.max(r.left - c.x, 0, c.x - r.right), dy = Math.max(r.top - c.y, 0, c.y - r.bottom);
			if (Math.hypot(dx, dy) < c.rad - 0.5) out.push(c.m.dataset.spot + " covers the text " + JSON.stringify(n.textContent.trim().slice(0, 20)));
		}
	}
	const places = document.querySelector(".places");
	const stops = [...places.querySelectorAll("a[href], button, input, select, textarea, summary, label, [tabindex]")].filter(e => e.tabIndex >= 0 && !e.disabled && e.tagName !== "LABEL");
	const boxes = places.querySelectorAll(".checks input[type=checkbox]").length;
	if (stops.length !== boxes + 1 || stops.some(e => e.closest(".bodymap"))) out.push(stops.length + " Tab stops, want the " + boxes + " boxes and Next");
	if (document.querySelector(".bodymap").getAttribute("aria-hidden") !== "true") out.push("the map is not hidden from screen readers");
	return out;
})()`

// checkBodyMap checks the body map at 375 px and at 320 px with 200 % text, the list's words in
// the language, and that a tap on a mark ticks and unticks its box.
func checkBodyMap(t *testing.T, ctx context.Context, d *triage.Finding, lang string) {
	t.Helper()
	if p := browsertest.Eval[[]string](t, ctx, bodyMapProblems); len(p) > 0 {
		t.Errorf("body map at 375 px: %q", p)
	}
	browsertest.Do(t, ctx, chromedp.EmulateViewport(320, 640))
	p := browsertest.Eval[[]string](t, ctx, `(() => { document.documentElement.style.fontSize = "200%"; const p = `+bodyMapProblems+`; document.documentElement.style.fontSize = ""; return p; })()`)
	browsertest.Do(t, ctx, chromedp.EmulateViewport(375, 812))
	if len(p) > 0 {
		t.Errorf("body map at 320 px and 200 %% text: %q", p)
	}
	// The map itself at 320 px and 200 % text (the page then is many screens long).
	browsertest.Do(t, ctx, chromedp.EmulateViewport(320, 640))
	browsertest.Eval[string](t, ctx, `document.documentElement.style.fontSize = "200%"`)
	png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(".bodymap")))
	browsertest.Eval[string](t, ctx, `document.documentElement.style.fontSize = ""`)
	browsertest.Do(t, ctx, chromedp.EmulateViewport(375, 812))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(ux2Dir, lang+"-bodymap-text200-320.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	// Each box is named by its value's words in the language, without the number.
	for _, v := range d.Values {
		name := browsertest.Eval[string](t, ctx, fmt.Sprintf(`(() => { const b = document.getElementById("check-%s-%s"); const l = b && document.getElementById(b.getAttribute("aria-labelledby")); return l ? l.textContent : ""; })()`, d.ID, v.ID))
		if want := d.Label(v.ID, lang); name != want {
			t.Errorf("the box of %s is named %q, want %q", v.ID, name, want)
		}
	}
	// A tap on a mark ticks its box and highlights the mark; a second unticks both.
	var placed []string
	for _, pl := range d.Places {
		placed = append(placed, pl.Value)
	}
	for _, val := range placed[:2] {
		for _, on := range []bool{true, false, true} {
			browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(fmt.Sprintf(`.bodymap [data-spot=%q]`, val))))
			js := fmt.Sprintf(`document.getElementById("check-%s-%s").checked === %v && document.querySelector('.bodymap [data-spot=%q]').classList.contains("spot-picked") === %v`, d.ID, val, on, val, on)
			if err := browsertest.Until(ctx, js, 5*time.Second); err != nil {
				t.Errorf("a tap on %s: want ticked and highlighted %v: %v", val, on, err)
			}
		}
	}
	if p := browsertest.Eval[[]string](t, ctx, bodyMapProblems); len(p) > 0 {
		t.Errorf("body map with places ticked: %q", p)
	}
}
