package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// checkID is the id of the box of a value of a question that takes several.
func checkID(question, value string) string { return "check-" + question + "-" + value }

// CheckList is a list of large tick boxes: the values of a question that takes several, each
// with its number on the body map when it has one.
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
			id := checkID(l.Name, it.ID)
			// Named by its words alone: the map's mark is a label of the box too, and the
			// number in the list is for the eye.
			input := app.Input().Type("checkbox").ID(id).Checked(it.Picked).DataSet("option", it.ID).
				Attr("aria-labelledby", id+"-label").
				OnChange(func(ctx app.Context, _ app.Event) {
					l.OnToggle(ctx, it.ID, ctx.JSSrc().Get("checked").Bool())
				}, app.EventScope(l.Name, it.ID))
			if it.Help != "" {
				input = input.Attr("aria-describedby", id+"-help")
			}
			return app.Div().Class("check").Body(
				input,
				app.Label().For(id).Body(
					app.Span().Class("check-label").Body(
						app.If(it.Mark != "", func() app.UI {
							return app.Span().Class("place-mark").Attr("aria-hidden", "true").Text(it.Mark)
						}),
						app.Span().ID(id+"-label").Text(it.Label),
					),
					app.If(it.Help != "", func() app.UI {
						return app.Span().ID(id + "-help").Class("check-help").Text(it.Help)
					}),
				),
			)
		}),
	)
}
