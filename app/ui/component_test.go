package ui

import (
	"slices"
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

// TestBodyMapMarksAreLabelsOfTheBoxes: each place on the map is a label of the list's box of
// its value, showing the value's number, picked when it is ticked; a value without a number
// has no mark.
func TestBodyMapMarksAreLabelsOfTheBoxes(t *testing.T) {
	e := app.NewTestEngine()
	items := []option{{ID: "mouth", Label: "Mouth"}, {ID: "legs", Label: "Legs", Picked: true}, {ID: "face", Label: "Face"}}
	places := []triage.Place{{Value: "face", Side: "front", X: 25, Y: 9}, {Value: "legs", Side: "back", X: 80, Y: 75}}
	numberPlaces(items, places)
	if got := []string{items[0].Mark, items[1].Mark, items[2].Mark}; !slices.Equal(got, []string{"", "1", "2"}) {
		t.Fatalf("numbers %q, want the placed values numbered in the list's order", got)
	}
	m := &BodyMap{Name: "location", Hint: "Tap", Front: "front", Back: "back", Places: places, Items: items}
	if err := e.Load(m); err != nil {
		t.Fatal(err)
	}
	// div > [hint, figure > [img, face's mark, legs' mark], sides]
	for i, want := range []app.UI{
		app.Label().For("check-location-face").Class("spot at-x-25 at-y-9").DataSet("spot", "face"),
		app.Label().For("check-location-legs").Class("spot at-x-80 at-y-75 spot-picked").DataSet("spot", "legs"),
	} {
		if err := app.Match(want, m, 0, 1, 1+i); err != nil {
			t.Errorf("mark %d: %v", i, err)
		}
	}
	if err := app.Match(app.Text("2"), m, 0, 1, 1, 0); err != nil {
		t.Error(err)
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
