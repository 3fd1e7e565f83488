package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// option is one answer a person can pick: a value id, its words and whether it is the
// current answer.
type option struct {
	ID, Label, Help string
	Picked          bool
}

// unsureID is the option id of "not sure" (value ids are lower-case words, so it never
// clashes with one).
const unsureID = "-"

// Options is a group of large answer buttons (Yes, No, Not sure; or a choice's values), one
// tap to answer. The group is labelled by the element with the id LabelledBy.
type Options struct {
	app.Compo

	Name       string // the question's id, which scopes the buttons' handlers
	LabelledBy string
	Compact    bool // a row of short buttons (a sign within a group) instead of a column
	Items      []option
	OnPick     func(ctx app.Context, id string)
}

// Render shows one button per option; the current answer is pressed.
func (o *Options) Render() app.UI {
	class := "options"
	if o.Compact {
		class += " options-row"
	}
	return app.Div().Class(class).Attr("role", "group").Attr("aria-labelledby", o.LabelledBy).Body(
		app.Range(o.Items).Slice(func(i int) app.UI {
			it := o.Items[i]
			class := "option"
			if it.Picked {
				class += " option-picked"
			}
			return app.Button().Type("button").Class(class).DataSet("option", it.ID).
				Attr("aria-pressed", it.Picked).
				OnClick(func(ctx app.Context, _ app.Event) { o.OnPick(ctx, it.ID) }, app.EventScope(o.Name, it.ID)).
				Body(
					app.Span().Class("option-label").Text(it.Label),
					app.If(it.Help != "", func() app.UI {
						return app.Span().Class("option-help").Text(it.Help)
					}),
				)
		}),
	)
}
