package ui

import (
	"spotcheck/app/triage"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// illustration is a step's picture, captioned left to right with the labels of the values
// its parts show (the glass test: spots that fade under a pressed glass and spots that stay).
func (c *Checker) illustration(st *triage.Step) app.UI {
	ill := st.Illustration
	if ill == nil {
		return nil
	}
	var captions []string
	if d := c.k.Finding(ill.Finding); d != nil {
		for _, v := range ill.Values {
			captions = append(captions, d.Label(v, c.w.lang))
		}
	}
	return app.Figure().Class("glass").Body(
		app.Img().Src(ill.Src).Alt(c.w.text(ill.Alt)).Attr("width", ill.Width).Attr("height", ill.Height),
		app.FigCaption().Class("glass-captions").Body(
			app.Range(captions).Slice(func(i int) app.UI { return app.Span().Text(captions[i]) }),
		),
	)
}

// guide is a step's how-to, in parts (the glass test: how to do it, where to look on darker
// skin).
func (c *Checker) guide(st *triage.Step) app.UI {
	return app.Div().Class("glass-guide").Body(
		app.Range(st.Guide).Slice(func(i int) app.UI {
			part := st.Guide[i]
			return app.Div().Class("guide-part").Body(
				app.If(c.w.text(part.Title) != "", func() app.UI { return app.H2().Text(c.w.text(part.Title)) }),
				app.P().Text(c.w.text(part.Text)),
			)
		}),
	)
}
