// Package floor is the smallest go-app app: one component with one button. `make bench`
// builds it exactly as it builds Spotcheck and measures it beside Spotcheck, so that every
// figure is read as a ratio to what go-app itself costs on the same machine in the same run.
package floor

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Hello is the floor's one component: a heading and a button that counts its clicks. The
// button is disabled in the prerendered page, as Spotcheck's Start button is, so "usable"
// means the same thing for both apps: the wasm runs.
type Hello struct {
	app.Compo
	clicks int
}

// Render draws the heading and the button.
func (h *Hello) Render() app.UI {
	return app.Main().Body(
		app.H1().ID("floor-text").Text("Hello"),
		app.Button().ID("floor-button").Type("button").
			Disabled(app.IsServer).OnClick(h.onClick).
			Text("Clicked "+strconv.Itoa(h.clicks)),
	)
}

func (h *Hello) onClick(ctx app.Context, e app.Event) { h.clicks++ }

// Routes registers the floor's one page.
func Routes() {
	app.Route("/", func() app.Composer { return &Hello{} })
}
