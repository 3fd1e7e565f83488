package ui

import (
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// countryOption is one country of the picker: its code and its label in the shown language
// ("United Kingdom: 999").
type countryOption struct{ Code, Label string }

// otherCountry is the picker's value for "another country, or I do not know" (an option
// needs a value: without one it is its text).
const otherCountry = "other"

// EmergencyCall is the number to call, as a tel: link, and the country it is for, which the
// person can change in one tap: on the start screen and on an emergency result. The
// country's number, the fallback and the wording come from the Checker; this only shows
// them.
type EmergencyCall struct {
	app.Compo

	ID    string // the picker's id
	Big   bool   // the result's big call button
	Intro string // said before the link when the country is unknown ("your local emergency number")
	Call  string // the link's words ("Call 999")
	// Number is dialled by the link.
	Number string
	Note   string // another number that also works, if any
	// Options are the countries to choose from, in the language's order, the last one
	// "another country, or I do not know" (otherCountry); none before the app runs.
	Options     []countryOption
	Selected    string // the country code shown, otherCountry for unknown
	Label, Help string
	OnCountry   func(ctx app.Context, code string)
}

// Render shows the intro, the link, the note and the picker.
func (e *EmergencyCall) Render() app.UI {
	call := "button button-call"
	if e.Big {
		call += " button-call-big"
	}
	return app.Div().Class("emergency-call").Body(
		app.If(e.Intro != "", func() app.UI { return app.P().Class("call-intro").Text(e.Intro) }),
		// target _blank keeps go-app's router away from the tel: link.
		app.A().Class(call).Href("tel:"+e.Number).Target("_blank").Text(e.Call),
		app.If(e.Note != "", func() app.UI { return app.P().Class("call-note").Text(e.Note) }),
		app.If(len(e.Options) > 0, func() app.UI {
			return app.Div().Class("number-pick no-print").Body(
				app.Label().For(e.ID).Text(e.Label),
				app.Select().ID(e.ID).Attr("aria-describedby", e.ID+"-help").
					OnChange(func(ctx app.Context, _ app.Event) {
						e.OnCountry(ctx, ctx.JSSrc().Get("value").String())
					}).
					Body(app.Range(e.Options).Slice(func(i int) app.UI {
						o := e.Options[i]
						return app.Option().Value(o.Code).Selected(o.Code == e.Selected).Text(o.Label)
					})),
				app.P().ID(e.ID+"-help").Class("number-help").Text(e.Help),
			)
		}),
	)
}

// emergencyCall is the call link and country picker for the number shown now. Before the
// app runs (the prerendered page) the country is unknown: the page says "your local
// emergency number" with the default, and offers no picker.
func (c *Checker) emergencyCall(id string, big bool) *EmergencyCall {
	local := c.s.local(c.locales)
	e := &EmergencyCall{
		ID: id, Big: big, Call: c.w.ui(tCallNumber, local.Number), Number: local.Number,
		Note: c.w.text(local.Note), Selected: otherCountry,
		Label: c.w.ui(tEmergencyNumber), Help: c.w.ui(tEmergencyNumberHelp),
		OnCountry: c.onCountry,
	}
	if local.Known {
		e.Selected = local.Country
	} else {
		e.Intro = c.w.ui(tCallLocalNumber, local.Number)
	}
	if !app.IsServer {
		e.Options = c.countryOptions()
	}
	return e
}

// onCountry changes the country: every number shown changes with it, and the choice is
// kept for this tab's session.
func (c *Checker) onCountry(_ app.Context, code string) {
	if code == otherCountry {
		code = ""
	}
	c.s.chooseCountry(code)
	c.saveSession()
}

// countryOptions lists the table's countries by their names in the shown language, in its
// alphabetical order, then "another country, or I do not know". Made once per language.
func (c *Checker) countryOptions() []countryOption {
	if opts, ok := c.countries[c.w.lang]; ok {
		return opts
	}
	numbers := c.k.EmergencyNumbers()
	name := regionNamer(c.w.lang)
	opts := make([]countryOption, 0, len(numbers.Countries)+1)
	names := map[string]string{}
	for _, country := range numbers.Countries {
		names[country.Code] = name(country.Code)
		opts = append(opts, countryOption{Code: country.Code, Label: c.w.ui(tNumberOption, names[country.Code], country.Number)})
	}
	compare := collator(c.w.lang)
	slices.SortFunc(opts, func(a, b countryOption) int { return compare(names[a.Code], names[b.Code]) })
	opts = append(opts, countryOption{Code: otherCountry, Label: c.w.ui(tNumberElsewhere)})
	if c.countries == nil {
		c.countries = map[string][]countryOption{}
	}
	c.countries[c.w.lang] = opts
	return opts
}

// regionNamer names a country code in the language with the browser's Intl.DisplayNames,
// or gives the code itself when the browser has none.
func regionNamer(lang string) func(string) string {
	ctor := app.Window().Get("Intl").Get("DisplayNames")
	if !ctor.Truthy() {
		return func(code string) string { return code }
	}
	names := ctor.New([]any{lang}, map[string]any{"type": "region"})
	return func(code string) string {
		if n := names.Call("of", code); n.Truthy() {
			return n.String()
		}
		return code
	}
}

// collator compares two names as the language sorts them (Intl.Collator: "Perú" between
// "Panamá" and "Polonia" in Spanish), or by their bytes when the browser has none.
func collator(lang string) func(a, b string) int {
	ctor := app.Window().Get("Intl").Get("Collator")
	if !ctor.Truthy() {
		return strings.Compare
	}
	coll := ctor.New([]any{lang})
	return func(a, b string) int { return coll.Call("compare", a, b).Int() }
}

// browserLocales returns the browser's languages, most preferred first
// (navigator.languages, or navigator.language where there is no list).
func browserLocales() []string {
	nav := app.Window().Get("navigator")
	var locales []string
	if list := nav.Get("languages"); list.Truthy() {
		for i := 0; i < list.Length(); i++ {
			locales = append(locales, list.Index(i).String())
		}
	}
	if len(locales) == 0 {
		if l := nav.Get("language"); l.Truthy() {
			locales = append(locales, l.String())
		}
	}
	return locales
}
