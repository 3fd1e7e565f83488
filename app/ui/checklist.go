package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// CheckList is a list of large tick boxes: the values of a question that takes several.
type CheckList struct {
	app.Compo

	Name       string // the question's id: scopes the handlers and the boxes' ids
	LabelledBy string
	Items      []option
	OnToggle   func(ctx app.Context, id string, on bool)
}

// Render shows one labelled check box per value, ticked when it is part of the answer.
func (l *CheckList) Render() app.UI {
	return app.Div().Class("checks").Attr("role", "group").Attr("aria-labelledby", l.LabelledBy).Body(
		app.Range(l.Items).Slice(func(i int) app.UI {
			it := l.Items[i]
			id := "check-" + l.Name + "-" + it.ID
			return app.Div().Class("check").Body(
				app.Input().Type("checkbox").ID(id).Checked(it.Picked).DataSet("option", it.ID).
					OnChange(func(ctx app.Context, _ app.Event) {
						l.OnToggle(ctx, it.ID, ctx.JSSrc().Get("checked").Bool())
					}, app.EventScope(l.Name, it.ID)),
				app.Label().For(id).Body(
					app.Span().Class("check-label").Text(it.Label),
					app.If(it.Help != "", func() app.UI {
						return app.Span().Class("check-help").Text(it.Help)
					}),
				),
			)
		}),
	)
}
