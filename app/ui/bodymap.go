package ui

import (
	"strconv"

	"spotcheck/app/triage"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// bodyMapImage is the drawing of a body from the front (left half) and the back (right half),
// web/img/body-map.svg; knowledge.json places values on it (a finding's "places").
const bodyMapImage = "/web/img/body-map.svg"

// BodyMap is the body drawn from the front and the back, with a numbered mark on each place
// that the list of places below it also numbers. The list of check boxes is the one control:
// each mark is a label of its box, so a tap on it ticks the same box, and it adds no Tab stop
// and no second name for a screen reader (the map is hidden from them; the boxes are named
// by their own words). Values with no place on the drawing (inside the mouth, all over) have
// no number: the hint says so.
type BodyMap struct {
	app.Compo

	Name        string // the question's id, as the list of boxes has it
	Hint        string // how to use the map
	Front, Back string // "front" and "back" in words
	Places      []triage.Place
	Items       []option // the list's, with their numbers (Mark)
}

// Render shows the hint, the drawing with a mark on each place, and the sides' names under it.
func (m *BodyMap) Render() app.UI {
	byID := map[string]option{}
	for _, it := range m.Items {
		byID[it.ID] = it
	}
	return app.Div().Class("bodymap").Attr("aria-hidden", "true").Body(
		app.P().Class("hint bodymap-hint").Text(m.Hint),
		app.Div().Class("bodymap-figure").Body(
			// go-app drops an empty alt: the image is marked presentational instead.
			app.Img().Class("bodymap-img").Src(bodyMapImage).Attr("role", "presentation").
				Attr("width", 400).Attr("height", 400),
			app.Range(m.Places).Slice(func(i int) app.UI {
				pl := m.Places[i]
				it, ok := byID[pl.Value]
				if !ok || it.Mark == "" {
					return nil
				}
				class := "spot at-x-" + strconv.Itoa(pl.X) + " at-y-" + strconv.Itoa(pl.Y)
				if it.Picked {
					class += " spot-picked"
				}
				return app.Label().For(checkID(m.Name, it.ID)).Class(class).DataSet("spot", pl.Value).Text(it.Mark)
			}),
		),
		app.Div().Class("bodymap-sides").Body(
			app.Span().Text(m.Front),
			app.Span().Text(m.Back),
		),
	)
}

// numberPlaces numbers, in the list's order, the items that have a place on the map.
func numberPlaces(items []option, places []triage.Place) {
	placed := map[string]bool{}
	for _, pl := range places {
		placed[pl.Value] = true
	}
	n := 0
	for i := range items {
		if placed[items[i].ID] {
			n++
			items[i].Mark = strconv.Itoa(n)
		}
	}
}
