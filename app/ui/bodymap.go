package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// bodyMapImage is the drawing of a body from the front and the back (web/img/body-map.svg).
const bodyMapImage = "/web/img/body-map.svg"

// mapSpot is one place on the drawing: a location value on one side of the body. The CSS
// class "spot-<side>-<value>" puts it on the drawing. Values with no spot (inside the
// mouth, the eyes, all over) are ticked in the list under the map.
type mapSpot struct{ Side, Value string }

var mapSpots = []mapSpot{
	{"front", "face"}, {"front", "trunk"}, {"front", "arms"}, {"front", "skin_folds"},
	{"front", "palms_soles"}, {"front", "elbows_knees"}, {"front", "legs"},
	{"back", "scalp"}, {"back", "neck"}, {"back", "trunk"}, {"back", "elbows_knees"},
	{"back", "arms"}, {"back", "buttocks"}, {"back", "legs"}, {"back", "palms_soles"},
}

// BodyMap is the body drawn from the front and the back with a toggle button on each place,
// so that the places with spots can be tapped, clicked, or reached with Tab and pressed with
// Space or Enter; each button is named by the place and the side.
type BodyMap struct {
	app.Compo

	Label       string // the map's name
	Front, Back string // "front" and "back" in words
	Items       []option
	OnToggle    func(ctx app.Context, id string, on bool)
}

// Render shows the drawing with a button on each place the knowledge base's values name.
func (m *BodyMap) Render() app.UI {
	byID := map[string]option{}
	for _, it := range m.Items {
		byID[it.ID] = it
	}
	return app.Div().Class("bodymap").Attr("role", "group").Attr("aria-label", m.Label).Body(
		// The drawing is decoration: the buttons on it carry the names. (go-app drops an empty
		// alt, so the image is marked presentational instead.)
		app.Img().Class("bodymap-img").Src(bodyMapImage).Attr("role", "presentation").Attr("aria-hidden", "true").
			Attr("width", 400).Attr("height", 400),
		app.Div().Class("bodymap-sides").Attr("aria-hidden", "true").Body(
			app.Span().Text(m.Front),
			app.Span().Text(m.Back),
		),
		app.Range(mapSpots).Slice(func(i int) app.UI {
			sp := mapSpots[i]
			it, ok := byID[sp.Value]
			if !ok {
				return nil
			}
			side := m.Front
			if sp.Side == "back" {
				side = m.Back
			}
			class := "spot spot-" + sp.Side + "-" + sp.Value
			if it.Picked {
				class += " spot-picked"
			}
			return app.Button().Type("button").Class(class).DataSet("spot", sp.Value).
				Attr("aria-pressed", it.Picked).
				Attr("aria-label", it.Label+", "+side).
				Title(it.Label).
				OnClick(func(ctx app.Context, _ app.Event) { m.OnToggle(ctx, it.ID, !it.Picked) },
					app.EventScope(sp.Side, sp.Value, it.Picked))
		}),
	)
}
