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
			// The number depends on the browser's languages: the prerendered page says "your
			// local emergency number" with the default until the app runs.
			c.emergencyCall("start-country", false),
		),
		app.P().Text(c.w.ui(tStartIntro)),
		app.Ul().Class("promises").Body(
			app.Li().Text(c.w.ui(tPrivacy)+" "+c.w.ui(tPrivacyTab)),
			app.Li().Text(c.w.ui(tNotADiagnosis)),
		),
		app.Button().Type("button").Class("button button-start").
			Disabled(app.IsServer).OnClick(c.onStart).
			Text(c.w.ui(tStart)),
		// Until the app has loaded, Start cannot work: say so beside it.
		app.If(app.IsServer, func() app.UI { return app.P().Class("hint start-wait").Text(c.w.ui(tStartWait)) }),
		c.install(),
	)
}

// install offers to install the app where the browser allows it (its beforeinstallprompt,
// which go-app keeps), and tells iPhone and iPad users how, since Safari has no prompt.
func (c *Checker) install() app.UI {
	switch {
	case c.installable && c.apple:
		return app.P().Class("hint install").Text(c.w.ui(tInstallApple))
	case c.installable:
		return app.Button().Type("button").Class("button button-secondary install").OnClick(c.onInstall).Text(c.w.ui(tInstall))
	}
	return nil
}

func (c *Checker) onInstall(ctx app.Context, _ app.Event) { ctx.ShowAppInstallPrompt() }

// OnAppInstallChange follows whether the app can be installed.
func (c *Checker) OnAppInstallChange(ctx app.Context) { c.checkInstallable(ctx) }

func (c *Checker) checkInstallable(ctx app.Context) {
	c.installable = ctx.IsAppInstallable()
	if f := app.Window().Get("goappIsAppleBrowser"); f.Truthy() {
		c.apple = app.Window().Call("goappIsAppleBrowser").Bool()
	}
}
