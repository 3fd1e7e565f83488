package ui

import (
	"testing"

	"spotcheck/app/triage"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Component tests without a browser: go-app's test engine mounts a component natively and
// app.Match checks the tree it rendered.

func TestCheckerStartScreen(t *testing.T) {
	e := app.NewTestEngine()
	c := &Checker{k: kb}
	if err := e.Load(c); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	// Checker > div.page > [header, main, live region, footer]; main > section > h1.
	if err := app.Match(app.Text(kb.UI("start_title", "en")), c, 0, 1, 0, 0, 0); err != nil {
		t.Error(err)
	}
	if err := app.Match(app.Div().ID("announce").Class("visually-hidden").
		Attr("role", "status").Attr("aria-live", "polite"), c, 0, 2); err != nil {
		t.Error(err)
	}
	// The prerendered Start button is disabled until the app runs.
	if err := app.Match(app.Button().Type("button").Class("button button-start").Disabled(true).
		OnClick(c.onStart), c, 0, 1, 0, 5); err != nil {
		t.Error(err)
	}
}

func TestOptionsPressesTheAnswer(t *testing.T) {
	e := app.NewTestEngine()
	o := &Options{Name: "fever", LabelledBy: "q", Items: []option{
		{ID: "yes", Label: "Yes", Picked: true}, {ID: "no", Label: "No"},
	}, OnPick: func(app.Context, string) {}}
	if err := e.Load(o); err != nil {
		t.Fatal(err)
	}
	pick := func(app.Context, app.Event) {}
	for i, want := range []app.UI{
		app.Button().Type("button").Class("option option-picked").DataSet("option", "yes").Attr("role", "radio").Attr("aria-checked", true).Attr("aria-labelledby", "opt-fever-yes-label").OnClick(pick),
		app.Button().Type("button").Class("option").DataSet("option", "no").Attr("role", "radio").Attr("aria-checked", false).Attr("aria-labelledby", "opt-fever-no-label").OnClick(pick),
	} {
		if err := app.Match(want, o, 0, i); err != nil {
			t.Errorf("button %d: %v", i, err)
		}
	}
	if err := app.Match(app.Text("Yes"), o, 0, 0, 0, 0); err != nil {
		t.Error(err)
	}
}

func TestBodyMapNamesEachPlaceAndSide(t *testing.T) {
	e := app.NewTestEngine()
	m := &BodyMap{Label: "Map", Front: "front", Back: "back",
		PlaceName: func(place, side string) string { return place + ", " + side },
		Places:    []triage.Place{{Value: "legs", Side: "front", X: 20, Y: 78}, {Value: "legs", Side: "back", X: 80, Y: 75}},
		Items:     []option{{ID: "legs", Label: "Legs", Picked: true}},
		OnToggle:  func(app.Context, string, bool) {}}
	if err := e.Load(m); err != nil {
		t.Fatal(err)
	}
	// div > [img, sides, the front legs button, the back legs button]
	toggle := func(app.Context, app.Event) {}
	for i, side := range []string{"front", "back"} {
		want := app.Button().Type("button").Class(map[string]string{"front": "spot at-x-20 at-y-78", "back": "spot at-x-80 at-y-75"}[side]+" spot-picked").DataSet("spot", "legs").
			Attr("aria-pressed", true).TabIndex(-1).Attr("aria-label", "Legs, "+side).Title("Legs").OnClick(toggle)
		if err := app.Match(want, m, 0, 2+i); err != nil {
			t.Errorf("%s: %v", side, err)
		}
	}
}

func TestCauseCardLeavesOutEmptyParts(t *testing.T) {
	e := app.NewTestEngine()
	c := &CauseCard{Cause: causeView{ID: "x", Name: "Name", Chance: "How likely: 10%", About: "About it"},
		Labels: causeLabels{About: "About"}, Open: true}
	if err := e.Load(c); err != nil {
		t.Fatal(err)
	}
	// details > [summary, div.cause-body > [about]]
	if err := app.Match(app.Text("About it"), c, 0, 1, 0, 1, 0); err != nil {
		t.Error(err)
	}
	if err := app.Match(app.Text("How likely: 10%"), c, 0, 0, 1, 0); err != nil {
		t.Error(err)
	}
}
