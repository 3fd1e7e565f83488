//go:build !wasm

package ui_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"spotcheck/app/triage"
	"spotcheck/internal/browsertest"

	"github.com/chromedp/chromedp"
)

// numbersShotsDir holds the screenshots of the number picker.
const numbersShotsDir = "../../test-output/numbers"

// callShown is what a page shows of the emergency number: the tel: link, its words, the
// "your local emergency number" line (empty for a known country) and the picker's choice.
type callShown struct {
	Href, Text, Intro, Selected string
}

// readCall reads the call link and picker inside the element sel (the start screen's
// callout or the result's banner).
func readCall(t *testing.T, ctx context.Context, sel string) callShown {
	t.Helper()
	return browsertest.Eval[callShown](t, ctx, `(() => {
		const box = document.querySelector(`+strconv.Quote(sel)+`);
		const a = box && box.querySelector("a.button-call");
		const intro = box && box.querySelector(".call-intro");
		const pick = box && box.querySelector("select");
		return {href: a ? a.getAttribute("href") : "", text: a ? a.textContent : "",
			intro: intro ? intro.textContent : "",
			selected: !pick ? "-" : pick.selectedIndex === pick.options.length - 1 ? "" : pick.value};
	})()`)
}

// wantCall is what the page must show for a country ("" unknown) in a language.
func wantCall(k *triage.Knowledge, lang, country string) callShown {
	local := k.EmergencyNumbers().ForCountry(country)
	w := callShown{Href: "tel:" + local.Number, Text: strings.ReplaceAll(k.UI("call_number", lang), "{number}", local.Number), Selected: local.Country}
	if !local.Known {
		w.Intro = strings.ReplaceAll(k.UI("call_local_number", lang), "{number}", local.Number)
	}
	return w
}

// shownLanguage is the language the app shows for a browser locale: Spanish once the
// knowledge base lists it, else English.
func shownLanguage(k *triage.Knowledge, locale string) string {
	if base, _, _ := strings.Cut(locale, "-"); slices.Contains(k.Meta().Languages, base) {
		return base
	}
	return "en"
}

// choose picks a country in a picker as a person does (the select's change event).
func choose(t *testing.T, ctx context.Context, id, code string) {
	t.Helper()
	browsertest.Do(t, ctx, chromedp.Focus(chromedp.CSS("#"+id)))
	browsertest.Eval[bool](t, ctx, `(() => { const s = document.getElementById(`+strconv.Quote(id)+`);
		const code = `+strconv.Quote(code)+`;
		if (code) { s.value = code; } else { s.selectedIndex = s.options.length - 1; }
		return s.dispatchEvent(new Event("change", {bubbles: true})); })()`)
}

// waitCall waits until the element sel shows the call for a country.
func waitCall(t *testing.T, ctx context.Context, sel string, want callShown) {
	t.Helper()
	err := browsertest.Until(ctx, `(() => { const a = document.querySelector(`+strconv.Quote(sel+" a.button-call")+`);
		return a && a.getAttribute("href") === `+strconv.Quote(want.Href)+`; })()`, 10*time.Second)
	if err != nil {
		t.Fatalf("%s never showed %+v: %v (shows %+v)", sel, want, err, readCall(t, ctx, sel))
	}
	if got := readCall(t, ctx, sel); got != want {
		t.Errorf("%s shows %+v, want %+v", sel, got, want)
	}
}

// TestBrowserEmergencyNumber: the browser's locale picks the number on the start screen and
// the emergency result (en-GB 999, es-MX 911, "es" with no region "your local emergency
// number" and 112); the picker lists the countries by their names in the page's language,
// in its order; choosing a country changes the number at once, "another country, or I do
// not know" gives the fallback, and the choice outlives a reload.
func TestBrowserEmergencyNumber(t *testing.T) {
	k := browsertest.Knowledge(t)
	url := startSite(t, k)
	axe := axeSource(t)
	browser := browsertest.New(t, 3*time.Minute)
	if err := os.RemoveAll(numbersShotsDir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(numbersShotsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		locale, country string
		walk            bool // walk to the emergency result and use its picker
	}{
		{"en-GB", "GB", true},
		{"es-MX", "MX", false},
		{"es", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			ctx, cancel := chromedp.NewContext(browser)
			defer cancel()
			browsertest.Locale(t, ctx, tt.locale)
			open(t, ctx, url)
			lang := shownLanguage(k, tt.locale)
			waitCall(t, ctx, ".callout", wantCall(k, lang, tt.country))
			checkPicker(t, ctx, k, "start-country", lang)
			checkAxe(t, ctx, axe, "start, "+tt.locale)
			shotNumbers(t, ctx, "start-"+tt.locale, ".callout")
			if !tt.walk {
				choose(t, ctx, "start-country", "ES")
				waitCall(t, ctx, ".callout", wantCall(k, lang, "ES"))
				return
			}
			toEmergency(t, ctx, k)
			waitCall(t, ctx, ".banner", wantCall(k, lang, tt.country))
			checkPicker(t, ctx, k, "result-country", lang)
			checkAxe(t, ctx, axe, "emergency result, "+tt.locale)
			shotNumbers(t, ctx, "result-"+tt.locale, ".banner")
			for _, code := range []string{"AU", "", "MX"} {
				choose(t, ctx, "result-country", code)
				waitCall(t, ctx, ".banner", wantCall(k, lang, code))
			}
			shotNumbers(t, ctx, "result-"+tt.locale+"-chosen-MX", ".banner")
			browsertest.Do(t, ctx, chromedp.Reload())
			browsertest.WaitJS(t, ctx, `document.querySelector("[data-screen=result] .banner a.button-call")`, 30*time.Second)
			waitCall(t, ctx, ".banner", wantCall(k, lang, "MX"))
			// "Start again" deletes the answers, not the country.
			browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(`[data-screen=result] .button-restart`)))
			browsertest.WaitJS(t, ctx, `document.getElementById("restart-yes")`, 5*time.Second)
			browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(`#restart-yes`)))
			browsertest.WaitJS(t, ctx, `document.querySelector("[data-screen=start] .callout")`, 5*time.Second)
			waitCall(t, ctx, ".callout", wantCall(k, lang, "MX"))
		})
	}
}

// toEmergency goes from the start screen to an emergency result with one answer, in any
// language: it ticks the first warning sign of the first screen that alone calls for an
// emergency (the engine says which; the unticked ones are no) and goes on.
func toEmergency(t *testing.T, ctx context.Context, k *triage.Knowledge) {
	t.Helper()
	browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(`[data-screen=start] button`)))
	browsertest.WaitJS(t, ctx, `document.querySelector("[data-screen=ask] [data-finding] input")`, 10*time.Second)
	ids := browsertest.Eval[[]string](t, ctx, `[...document.querySelectorAll("[data-screen=ask] [data-finding]")].map(e => e.dataset.finding)`)
	for _, id := range ids {
		f := k.NewFindings() // as the screen answers it: the box ticked yes, the others no
		for _, other := range ids {
			if err := f.Set(other, triage.Answer{Bool: other == id}); err != nil {
				t.Fatal(err)
			}
		}
		if k.Evaluate(f).Urgency != triage.Emergency {
			continue
		}
		box := `#check-` + id
		browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(box)))
		result := `document.querySelector("[data-screen=result]")`
		browsertest.WaitJS(t, ctx, result+` || document.querySelector(`+strconv.Quote(box)+`).checked`, 5*time.Second)
		if !browsertest.Eval[bool](t, ctx, `!!`+result) {
			browsertest.Do(t, ctx, chromedp.Click(chromedp.CSS(`[data-screen=ask] .checklist-form > .button`)))
		}
		browsertest.WaitJS(t, ctx, result, 10*time.Second)
		return
	}
	t.Fatalf("no sign of the first screen %q alone calls for an emergency", ids)
}

// checkPicker checks a country picker: labelled, every country of the table once with its
// name in the page's language (Intl.DisplayNames) and its number, in the language's order
// (Intl.Collator), then "another country, or I do not know".
func checkPicker(t *testing.T, ctx context.Context, k *triage.Knowledge, id, lang string) {
	t.Helper()
	type option struct{ Value, Label, Name string }
	got := browsertest.Eval[struct {
		Label   string
		Options []option
		Sorted  bool
	}](t, ctx, `(() => {
		const s = document.getElementById(`+strconv.Quote(id)+`);
		const names = new Intl.DisplayNames([`+strconv.Quote(lang)+`], {type: "region"});
		const opts = [...s.options].map(o => ({value: o.value, label: o.textContent, name: o.index < s.options.length - 1 ? names.of(o.value) : ""}));
		const named = opts.slice(0, -1).map(o => o.name);
		const coll = new Intl.Collator(`+strconv.Quote(lang)+`);
		const label = document.querySelector("label[for=" + s.id + "]");
		return {label: label ? label.textContent : "", options: opts,
			sorted: named.every((n, i) => i === 0 || coll.compare(named[i-1], n) <= 0)};
	})()`)
	if got.Label != k.UI("emergency_number", lang) {
		t.Errorf("%s: label %q, want %q", id, got.Label, k.UI("emergency_number", lang))
	}
	numbers := k.EmergencyNumbers()
	if len(got.Options) != len(numbers.Countries)+1 {
		t.Fatalf("%s: %d options, want %d countries and the fallback", id, len(got.Options), len(numbers.Countries))
	}
	if last := got.Options[len(got.Options)-1]; numbers.ForCountry(last.Value).Known || last.Label != k.UI("number_elsewhere", lang) {
		t.Errorf("%s: last option %+v, want the fallback %q", id, last, k.UI("number_elsewhere", lang))
	}
	for _, o := range got.Options[:len(got.Options)-1] {
		want := strings.NewReplacer("{country}", o.Name, "{number}", numbers.For(o.Value)).Replace(k.UI("number_option", lang))
		if !numbers.ForCountry(o.Value).Known || o.Label != want {
			t.Errorf("%s: option %+v, want %q", id, o, want)
		}
	}
	if !got.Sorted {
		t.Errorf("%s: the countries are not in the %s order", id, lang)
	}
}

// shotNumbers writes two screenshots at 375 px to numbersShotsDir: the top of the page as a
// phone shows it first, and the element sel (the call and its picker) whole.
func shotNumbers(t *testing.T, ctx context.Context, name, sel string) {
	t.Helper()
	top, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	part, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		t.Fatal(err)
	}
	for suffix, png := range map[string][]byte{"top": top, "call": part} {
		if err := os.WriteFile(filepath.Join(numbersShotsDir, name+"-"+suffix+"-375.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
