package ui

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// watchEmbed follows the site's frame script (server/site/embed-frame.js), which speaks to a
// partner page that frames the app: its event "spotcheck:reset" (a checked message from the
// partner) starts again, as the result's "start again" does. The partner's language comes in
// the frame URL's fragment (#lang=es), which urlLanguage reads as it reads ?lang=es.
func (c *Checker) watchEmbed(ctx app.Context) {
	win := app.Window()
	st := win.Get("spotcheckEmbed")
	if !st.Truthy() || !st.Get("framed").Bool() {
		return
	}
	win.Call("addEventListener", "spotcheck:reset", app.FuncOf(func(app.Value, []app.Value) any {
		ctx.Dispatch(func(app.Context) { c.step(c.s.reset) })
		return nil
	}))
}
