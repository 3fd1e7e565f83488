package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// glassImage is the drawing of the glass test: spots that fade under a pressed glass (left)
// and spots that stay (right), in web/img/glass-test.svg.
const glassImage = "/web/img/glass-test.svg"

// glassGuide is the glass test step's how-to: the drawing, captioned with the answers it
// shows, how to do the test, and where to look on darker skin.
func (c *Checker) glassGuide() app.UI {
	var captions []string
	if d := kb.Finding("glass_test"); d != nil {
		for _, v := range d.Values[:min(2, len(d.Values))] {
			captions = append(captions, c.w.text(v.Label))
		}
	}
	return app.Div().Class("glass-guide").Body(
		app.Figure().Class("glass").Body(
			app.Img().Src(glassImage).Alt(c.w.ui("glass_test_title")).Attr("width", 420).Attr("height", 200),
			app.FigCaption().Class("glass-captions").Body(
				app.Range(captions).Slice(func(i int) app.UI { return app.Span().Text(captions[i]) }),
			),
		),
		app.P().Text(c.w.ui("glass_test_how")),
		app.H2().Text(c.w.ui("darker_skin_title")),
		app.P().Text(c.w.ui("darker_skin")),
	)
}
