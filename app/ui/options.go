package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// option is one answer a person can pick: a value id, its words and whether it is the
// current answer.
type option struct {
	ID, Label, Help string
	Picked          bool
	Mark            string // a place's number on the body map, "" for none
}

// unsureID is the option id of "not sure" (value ids are lower-case words, so it never
// clashes with one).
const unsureID = "-"

// Options is a group of large answer buttons (Yes, No, Not sure; or a choice's values), one
// tap to answer: a radio group to a screen reader, each answer's help its description. The
// group is labelled by the element with the id LabelledBy, and described by DescribedBy's.
type Options struct {
	app.Compo

	Name       string // the question's id, which scopes the buttons' handlers
	LabelledBy string
	// DescribedBy is the id of the question's help, "" for none.
	DescribedBy string
	Compact     bool // a row of short buttons (a sign within a group) instead of a column
	Items       []option
	OnPick      func(ctx app.Context, id string)
}

// Render shows one button per option; the current answer is checked.
func (o *Options) Render() app.UI {
	class := "options"
	if o.Compact {
		class += " options-row"
	}
	group := app.Div().Class(class).Attr("role", "radiogroup").Attr("aria-labelledby", o.LabelledBy)
	if o.DescribedBy != "" {
		group = group.Attr("aria-describedby", o.DescribedBy)
	}
	return group.Body(
		app.Range(o.Items).Slice(func(i int) app.UI {
			it := o.Items[i]
			class := "option"
			if it.Picked {
				class += " option-picked"
			}
			id := "opt-" + o.Name + "-" + it.ID
			button := app.Button().Type("button").Class(class).DataSet("option", it.ID).
				Attr("role", "radio").Attr("aria-checked", it.Picked).Attr("aria-labelledby", id+"-label").
				OnClick(func(ctx app.Context, _ app.Event) { o.OnPick(ctx, it.ID) }, app.EventScope(o.Name, it.ID))
			if it.Help != "" {
				button = button.Attr("aria-describedby", id+"-help")
			}
			return button.Body(
				app.Span().ID(id+"-label").Class("option-label").Text(it.Label),
				app.If(it.Help != "", func() app.UI {
					return app.Span().ID(id + "-help").Class("option-help").Text(it.Help)
				}),
			)
		}),
	)
}
