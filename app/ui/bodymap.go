package ui

import (
	"strconv"

	"spotcheck/app/triage"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// bodyMapImage is the drawing of a body from the front (left half) and the back (right half),
// web/img/body-map.svg; knowledge.json places each value on it (a finding's "places").
const bodyMapImage = "/web/img/body-map.svg"

// BodyMap is the body drawn from the front and the back with a toggle button on each place,
// so that the places with spots can be tapped, clicked, or reached with Tab and pressed with
// Space or Enter; each button is named by the place and the side. Values with no place on
// the drawing (inside the mouth, all over) are ticked in the list under the map.
type BodyMap struct {
	app.Compo

	Label       string // the map's name
	Front, Back string // "front" and "back" in words
	PlaceName   func(place, side string) string
	Places      []triage.Place
	Items       []option
	OnToggle    func(ctx app.Context, id string, on bool)
}

// Render shows the drawing with a button on each place of a value the question has.
func (m *BodyMap) Render() app.UI {
	byID := map[string]option{}
	for _, it := range m.Items {
		byID[it.ID] = it
	}
	// The map is a pointer's shortcut to the list of places below it, which is the one control
	// a keyboard and a screen reader use: its buttons are out of the Tab order and hidden
	// from assistive technology (the list says every place once, not twice).
	return app.Div().Class("bodymap").Attr("aria-hidden", "true").Attr("title", m.Label).Body(
		// The drawing is decoration: the buttons on it carry the names. (go-app drops an empty
		// alt, so the image is marked presentational instead.)
		app.Img().Class("bodymap-img").Src(bodyMapImage).Attr("role", "presentation").Attr("aria-hidden", "true").
			Attr("width", 400).Attr("height", 400),
		app.Div().Class("bodymap-sides").Attr("aria-hidden", "true").Body(
			app.Span().Text(m.Front),
			app.Span().Text(m.Back),
		),
		app.Range(m.Places).Slice(func(i int) app.UI {
			pl := m.Places[i]
			it, ok := byID[pl.Value]
			if !ok {
				return nil
			}
			side := m.Front
			if pl.Side == "back" {
				side = m.Back
			}
			class := "spot at-x-" + strconv.Itoa(pl.X) + " at-y-" + strconv.Itoa(pl.Y)
			if it.Picked {
				class += " spot-picked"
			}
			return app.Button().Type("button").Class(class).DataSet("spot", pl.Value).
				Attr("aria-pressed", it.Picked).TabIndex(-1).
				Attr("aria-label", m.PlaceName(it.Label, side)).
				Title(it.Label).
				OnClick(func(ctx app.Context, _ app.Event) { m.OnToggle(ctx, it.ID, !it.Picked) },
					app.EventScope(pl.Side, pl.Value, it.Picked))
		}),
	)
}
