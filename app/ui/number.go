package ui

import (
	"math"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// NumberField asks for a number (a number of days) with its unit, or an age in two boxes,
// years and months; checks it is in range before it counts, and offers "not sure". The boxes
// are text boxes with a numeric keyboard (no spinner to nudge by mistake); an error says the
// range, under GOV.UK's error summary, announced and focused.
type NumberField struct {
	app.Compo

	Name       string // the question's id: the input's id and the component's identity
	LabelledBy string
	Unit       string
	// Months, when set, is the second box's label: the number is an age, in years and months.
	Months     string
	Hint       string // said under the question, tied to the boxes
	Min, Max   float64
	Value      string // the current answer, "" when unknown
	Continue   string // the submit button's words
	Unsure     string // the "not sure" button's words
	Empty      string // the message for nothing typed
	Invalid    string // the message for a number out of range, with the range
	ErrorTitle string // the error summary's heading
	// OnAnswer receives the number, or nil for "not sure".
	OnAnswer func(ctx app.Context, x *float64)

	text, months string // what is typed
	error        string // why the last submit did not count
}

// CompoID makes each question's field a new one, so nothing typed carries over.
func (n *NumberField) CompoID() string { return n.Name }

// OnInit starts from the current answer, before the first render: OnMount comes after it and
// could overwrite what is already being typed. An age shows as whole years and months.
func (n *NumberField) OnInit() {
	n.text = n.Value
	if n.Months == "" || n.Value == "" {
		return
	}
	x, err := strconv.ParseFloat(n.Value, 64)
	if err != nil {
		return
	}
	years, months := math.Floor(x), math.Round((x-math.Floor(x))*12)
	if months == 12 {
		years, months = years+1, 0
	}
	n.text, n.months = formatNum(years), formatNum(months)
}

func (n *NumberField) id(part string) string { return "num-" + n.Name + part }

// Render shows the error summary when there is an error, the box or boxes with their
// labels, and the two buttons.
func (n *NumberField) Render() app.UI {
	hintID, errID := n.id("-hint"), n.id("-error")
	described := ""
	if n.Hint != "" {
		described = hintID
	}
	if n.error != "" {
		described = strings.TrimSpace(described + " " + errID)
	}
	box := func(id, unit, mode string, value *string) app.UI {
		input := app.Input().Type("text").ID(id).Class("number-input").
			Attr("inputmode", mode).Attr("autocomplete", "off").
			Attr("aria-labelledby", n.LabelledBy+" "+id+"-unit").
			Value(*value).
			OnInput(func(ctx app.Context, _ app.Event) { *value = ctx.JSSrc().Get("value").String() }, app.EventScope(id))
		if described != "" {
			input = input.Attr("aria-describedby", described)
		}
		if n.error != "" {
			input = input.Attr("aria-invalid", "true")
		}
		return app.Div().Class("number-box").Body(
			input,
			app.Label().ID(id+"-unit").For(id).Class("number-unit").Text(unit),
		)
	}
	mode := "decimal"
	if n.Months != "" {
		mode = "numeric"
	}
	return app.Form().Class("number").Attr("novalidate", true).OnSubmit(n.onSubmit).Body(
		app.If(n.error != "", func() app.UI {
			return app.Div().ID(n.id("-summary")).Class("error-summary").Attr("role", "alert").TabIndex(-1).Body(
				app.H2().Text(n.ErrorTitle),
				app.Ul().Body(app.Li().Body(
					app.A().Href("#"+n.id("")).OnClick(n.onErrorLink).Text(n.error),
				)),
			)
		}),
		app.If(n.Hint != "", func() app.UI { return app.P().ID(hintID).Class("hint").Text(n.Hint) }),
		app.If(n.error != "", func() app.UI {
			return app.P().ID(errID).Class("error").Text(n.error)
		}),
		app.Div().Class("number-row").Body(
			box(n.id(""), n.Unit, mode, &n.text),
			app.If(n.Months != "", func() app.UI { return box(n.id("-months"), n.Months, mode, &n.months) }),
		),
		app.Div().Class("buttons").Body(
			app.Button().Type("submit").Class("button").Text(n.Continue),
			app.Button().Type("button").Class("button button-secondary").
				OnClick(func(ctx app.Context, _ app.Event) { n.OnAnswer(ctx, nil) }).Text(n.Unsure),
		),
	)
}

// parse reads what is typed: the number, or an age from years and months (either may be
// empty, not both); ok is false when nothing or no number is typed.
func (n *NumberField) parse() (x float64, ok, inRange bool) {
	num := func(s string) (float64, bool, bool) {
		s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
		if s == "" {
			return 0, true, false
		}
		v, err := strconv.ParseFloat(s, 64)
		return v, err == nil && !math.IsNaN(v) && !math.IsInf(v, 0), true
	}
	x, okX, typedX := num(n.text)
	if n.Months == "" {
		return x, okX && typedX, x >= n.Min && x <= n.Max
	}
	m, okM, typedM := num(n.months)
	if !okX || !okM || (!typedX && !typedM) {
		return 0, false, false
	}
	return x + m/12, true, x >= n.Min && m >= 0 && m < 12 && x+m/12 <= n.Max
}

// onSubmit answers with the number, or shows why it cannot and focuses the error summary.
func (n *NumberField) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	x, ok, inRange := n.parse()
	switch {
	case !ok:
		n.error = n.Empty
	case !inRange:
		n.error = n.Invalid
	default:
		n.error = ""
		n.OnAnswer(ctx, &x)
		return
	}
	ctx.Defer(func(app.Context) {
		if el := app.Window().GetElementByID(n.id("-summary")); el.Truthy() {
			el.Call("focus")
		}
	})
}

// onErrorLink moves the focus to the first box (go-app's router would take the link as a
// navigation).
func (n *NumberField) onErrorLink(_ app.Context, e app.Event) {
	e.PreventDefault()
	if el := app.Window().GetElementByID(n.id("")); el.Truthy() {
		el.Call("focus")
	}
}
