package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// watchOffline follows the site's offline script (server/site/offline.js): its state
// window.spotcheckOffline, read first because its events may have fired before the app
// started, then its events "spotcheck:offline-ready" and "spotcheck:update-available"; and
// the browser's online and offline events.
func (c *Checker) watchOffline(ctx app.Context) {
	win := app.Window()
	if st := win.Get("spotcheckOffline"); st.Truthy() {
		c.cached = st.Get("ready").Bool()
		c.update = c.update || st.Get("updateAvailable").Bool()
	}
	listen := func(event string, on func()) {
		win.Call("addEventListener", event, app.FuncOf(func(app.Value, []app.Value) any {
			ctx.Dispatch(func(app.Context) { on() })
			return nil
		}))
	}
	c.offline = !win.Get("navigator").Get("onLine").Bool()
	listen("spotcheck:offline-ready", func() { c.cached = true })
	listen("offline", func() { c.offline = true })
	listen("online", func() { c.offline = false })
	listen("spotcheck:update-available", func() { c.update = true })
}
