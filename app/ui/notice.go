package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Notice is a one-line message about the app itself (it works offline; a new version is
// ready), with an optional action button.
type Notice struct {
	app.Compo

	Text, Action string
	OnAction     func(ctx app.Context)
}

// Render shows the message in a polite live region.
func (n *Notice) Render() app.UI {
	return app.Div().Class("notice no-print").Attr("role", "status").Body(
		app.Div().Class("wrap notice-body").Body(
			app.Span().Text(n.Text),
			app.If(n.Action != "", func() app.UI {
				return app.Button().Type("button").Class("button button-small").
					OnClick(func(ctx app.Context, _ app.Event) { n.OnAction(ctx) }).Text(n.Action)
			}),
		),
	)
}
