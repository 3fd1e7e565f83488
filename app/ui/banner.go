package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// UrgencyBanner is the result's headline: how soon to get care, what to do, and for the
// most urgent levels the emergency number to call, which the person can change.
type UrgencyBanner struct {
	app.Compo

	Level         string // the urgency id, which picks the colour
	Label, Action string
	Call          string // the call button's words, "" for none
	Number        string
	Numbers       []string
	NumberNames   map[string]string // each number with its countries; the number alone if missing
	NumberLabel   string
	NumberHelp    string
	OnNumber      func(ctx app.Context, number string)
}

// Render shows the banner; its heading is the screen's title.
func (b *UrgencyBanner) Render() app.UI {
	return app.Div().Class("banner banner-"+b.Level).Body(
		title(b.Label),
		app.P().Class("banner-action").Text(b.Action),
		app.If(b.Call != "", func() app.UI {
			return app.Div().Class("banner-call").Body(
				// target _blank keeps go-app's router away from the tel: link.
				app.A().Class("button button-call").Href("tel:"+b.Number).Target("_blank").Text(b.Call),
				app.Div().Class("number-pick no-print").Body(
					app.Label().For("emergency-number").Text(b.NumberLabel),
					app.Select().ID("emergency-number").
						OnChange(func(ctx app.Context, _ app.Event) {
							b.OnNumber(ctx, ctx.JSSrc().Get("value").String())
						}).
						Body(app.Range(b.Numbers).Slice(func(i int) app.UI {
							label := b.NumberNames[b.Numbers[i]]
							if label == "" {
								label = b.Numbers[i]
							}
							return app.Option().Value(b.Numbers[i]).Selected(b.Numbers[i] == b.Number).Text(label)
						})),
				),
				app.P().Class("number-help no-print").Text(b.NumberHelp),
			)
		}),
	)
}
