package ui

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// NumberField asks for a number (an age, a number of days) with its unit, checks it is in
// range before it counts, and offers "not sure". With AltUnit it also takes the number in a
// second unit (an age in months), converted by AltScale.
type NumberField struct {
	app.Compo

	Name       string // the question's id: the input's id and the component's identity
	LabelledBy string
	Unit       string
	AltUnit    string
	AltScale   float64
	AltHint    string
	Min, Max   float64
	Value      string // the current answer, "" when unknown
	Continue   string // the submit button's words
	Unsure     string // the "not sure" button's words
	Empty      string // the message for nothing typed
	Invalid    string // the message for a number out of range
	// OnAnswer receives the number, or nil for "not sure".
	OnAnswer func(ctx app.Context, x *float64)

	text  string // what is typed
	alt   bool   // the number is in AltUnit
	error string // why the last submit did not count
}

// CompoID makes each question's field a new one, so nothing typed carries over.
func (n *NumberField) CompoID() string { return n.Name }

// OnInit starts from the current answer, before the first render: OnMount comes after it and
// could overwrite what is already being typed.
func (n *NumberField) OnInit() { n.text = n.Value }

// Render shows the input with its unit, the error when there is one, and the two buttons.
func (n *NumberField) Render() app.UI {
	id, errID, unitID := "num-"+n.Name, "num-"+n.Name+"-error", "num-"+n.Name+"-unit"
	input := app.Input().Type("number").ID(id).Class("number-input").
		Attr("inputmode", "decimal").Attr("step", "any").
		Attr("aria-labelledby", n.LabelledBy+" "+unitID).
		Value(n.text).
		OnInput(func(ctx app.Context, _ app.Event) { n.text = ctx.JSSrc().Get("value").String() })
	if n.error != "" {
		input = input.Attr("aria-invalid", "true").Attr("aria-describedby", errID)
	}
	var unit app.UI = app.Span().ID(unitID).Class("number-unit").Text(n.Unit)
	if n.AltUnit != "" {
		unit = app.Select().ID(unitID).Class("number-units").Attr("aria-labelledby", n.LabelledBy).
			OnChange(func(ctx app.Context, _ app.Event) { n.alt = ctx.JSSrc().Get("value").String() == "alt" }).
			Body(
				app.Option().Value("unit").Selected(!n.alt).Text(n.Unit),
				app.Option().Value("alt").Selected(n.alt).Text(n.AltUnit),
			)
	}
	return app.Form().Class("number").Attr("novalidate", true).OnSubmit(n.onSubmit).Body(
		app.If(n.AltHint != "", func() app.UI { return app.P().Class("hint").Text(n.AltHint) }),
		app.If(n.error != "", func() app.UI {
			return app.P().ID(errID).Class("error").Text(n.error)
		}),
		app.Div().Class("number-row").Body(input, unit),
		app.Div().Class("buttons").Body(
			app.Button().Type("submit").Class("button").Text(n.Continue),
			app.Button().Type("button").Class("button button-secondary").
				OnClick(func(ctx app.Context, _ app.Event) { n.OnAnswer(ctx, nil) }).Text(n.Unsure),
		),
	)
}

// onSubmit answers with the number, or shows why it cannot and keeps the focus on the input.
func (n *NumberField) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	text := strings.ReplaceAll(strings.TrimSpace(n.text), ",", ".")
	x, err := strconv.ParseFloat(text, 64)
	if n.alt {
		x *= n.AltScale
	}
	switch {
	case text == "" || err != nil:
		n.error = n.Empty
	case x < n.Min || x > n.Max:
		n.error = n.Invalid
	default:
		n.error = ""
		n.OnAnswer(ctx, &x)
		return
	}
	if el := app.Window().GetElementByID("num-" + n.Name); el.Truthy() {
		el.Call("focus")
	}
}
