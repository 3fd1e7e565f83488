package ui

import (
	"slices"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// watchEmbed follows the site's frame script (server/site/embed-frame.js), which speaks to a
// partner page that frames the app: its state window.spotcheckEmbed gives the language the
// partner asked for (used when the knowledge base has it), and its event "spotcheck:reset"
// (a checked message from the partner) starts again, as the result's "start again" does.
func (c *Checker) watchEmbed(ctx app.Context) {
	win := app.Window()
	st := win.Get("spotcheckEmbed")
	if !st.Truthy() || !st.Get("framed").Bool() {
		return
	}
	if lang := st.Get("lang").String(); slices.Contains(c.k.Meta().Languages, lang) {
		c.w.lang = lang
	}
	win.Call("addEventListener", "spotcheck:reset", app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(func(app.Context) { c.step(c.s.reset) })
		return nil
	}))
}
