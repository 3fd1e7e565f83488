package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// renderStart is the start screen, which the server prerenders: readable before the app has
// loaded, with the emergency signs first. Its Start button works once the app runs.
func (c *Checker) renderStart() app.UI {
	return app.Section().Class("screen start").DataSet("screen", "start").Body(
		title(c.w.ui(tStartTitle)),
		app.P().Class("lead").Text(c.w.ui(tTagline)),
		app.Div().Class("callout callout-emergency").Body(
			app.P().Class("callout-title").Text(c.w.ui(tEmergencyIntro)),
			// The number depends on the browser's locale: the app shows it once it runs.
			app.If(!app.IsServer, func() app.UI {
				return app.P().Class("callout-number").Text(c.w.ui(tCallNumber, c.number))
			}),
		),
		app.P().Text(c.w.ui(tStartIntro)),
		app.Ul().Class("promises").Body(
			app.Li().Text(c.w.ui(tPrivacy)+" "+c.w.ui(tPrivacyTab)),
			app.Li().Text(c.w.ui(tNotADiagnosis)),
		),
		app.Button().Type("button").Class("button button-start").
			Disabled(app.IsServer).OnClick(c.onStart).
			Text(c.w.ui(tStart)),
	)
}
