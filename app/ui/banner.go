package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// urgencyBanner is the result's headline: how soon to get care (the urgency id picks the
// colour), what to do, and for an emergency the number to call with the country it is for
// (call, nil for none). Its heading is the screen's title.
func urgencyBanner(level, label, action string, call *EmergencyCall) app.UI {
	return app.Div().Class("banner banner-"+level).Body(
		title(label),
		app.P().Class("banner-action").Text(action),
		app.If(call != nil, func() app.UI {
			return app.Div().Class("banner-call").Body(call)
		}),
	)
}
