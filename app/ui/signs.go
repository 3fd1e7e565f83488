package ui

import (
	"strings"

	"spotcheck/app/triage"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// checklist asks a checklist step's questions on one screen of check boxes (the step's
// "checklist" hint): ticked is yes, unticked no; "None of these" is all no; "Not sure" leaves
// the unticked ones not sure, so that "not sure" is never taken for "no".
func (c *Checker) checklist(ids []string) app.UI {
	items := make([]option, len(ids))
	none, unsure := true, false
	for i, id := range ids {
		d := c.k.Finding(id)
		a, known := c.s.f.Value(id)
		items[i] = option{ID: id, Label: c.w.text(d.Question), Help: c.w.text(d.Help), Picked: known && a.Bool}
		none = none && known && !a.Bool
		unsure = unsure || (!known && c.s.f.Asked(id))
	}
	return &SignChecklist{
		Name: strings.Join(ids, " "), Legend: c.w.ui(tChecklistLegend), Hint: c.w.ui(tChecklistHint),
		Items: items, None: none, Unsure: unsure,
		NoneLabel: c.w.ui(tChecklistNone), UnsureLabel: c.w.ui(tChecklistUnsure), UnsureHelp: c.w.ui(tChecklistUnsureHelp),
		Or: c.w.ui(tChecklistOr), Continue: c.w.ui(tNext), More: c.w.ui(tMoreAbout),
		ErrorTitle: c.w.ui(tErrorSummaryTitle), ErrorEmpty: c.w.ui(tChecklistEmpty),
		OnDone: c.onChecklist,
	}
}

// onChecklist records a checklist screen's answers, then moves on (or to the result at
// once when they call for an emergency).
func (c *Checker) onChecklist(_ app.Context, ticked map[string]bool, unsure bool) {
	shown := c.s.shown
	for _, id := range c.s.current().Findings {
		var a *triage.Answer // not sure
		if ticked[id] || !unsure {
			a = &triage.Answer{Bool: ticked[id]}
		}
		if _, err := c.s.set(id, a); err != nil {
			app.Log(err)
			return
		}
	}
	if c.s.showing() != screenResult {
		c.s.advance()
	}
	c.record(shown)
	c.moved()
}

// SignChecklist is one fieldset of large check boxes, one per sign, then after "or" the two
// that answer for all the unticked: "None of these" (each one no) and "Not sure". Continue with
// nothing ticked shows an error summary (GOV.UK's pattern: announced, focused, linking to the
// first box).
type SignChecklist struct {
	app.Compo

	Name          string // the screen's question ids: a new screen is a new component
	Legend, Hint  string
	Items         []option
	None, Unsure  bool // the current answers, when the screen shows again
	NoneLabel     string
	UnsureLabel   string
	UnsureHelp    string
	Or, Continue  string
	More          string // the words that open a sign's help
	ErrorTitle    string
	ErrorEmpty    string
	OnDone        func(ctx app.Context, ticked map[string]bool, unsure bool)
	ticked        map[string]bool
	none, unsure  bool
	showError     bool
	hintID, errID string
	ctx           app.Context // the list's own, from OnMount: see Checker.ctx
}

// The two boxes that answer for every unticked sign.
const (
	checkNone   = "none"
	checkUnsure = "unsure"
)

// CompoID makes each screen's list a new component, so that nothing ticked carries over.
func (l *SignChecklist) CompoID() string { return l.Name }

// OnInit starts from the current answers, before the first render.
func (l *SignChecklist) OnInit() {
	l.ticked = map[string]bool{}
	for _, it := range l.Items {
		l.ticked[it.ID] = it.Picked
	}
	l.none, l.unsure = l.None, l.Unsure
	first := l.Name
	if len(l.Items) > 0 {
		first = l.Items[0].ID
	}
	l.hintID, l.errID = "checklist-"+first+"-hint", "checklist-"+first+"-error"
}

// OnMount keeps the list's context, whose Defer runs after the list's next render.
func (l *SignChecklist) OnMount(ctx app.Context) { l.ctx = ctx }

func (l *SignChecklist) boxID(id string) string { return "check-" + id }

// Render shows the fieldset, the error when Continue found nothing ticked, and Continue.
func (l *SignChecklist) Render() app.UI {
	described := l.hintID
	if l.showError {
		described += " " + l.errID
	}
	class := "checklist-form"
	if l.showError {
		class += " checklist-error"
	}
	return app.Div().Class(class).Body(
		app.If(l.showError, func() app.UI {
			return app.Div().ID("error-summary").Class("error-summary").Attr("role", "alert").TabIndex(-1).Body(
				app.H2().Text(l.ErrorTitle),
				app.Ul().Body(app.Li().Body(
					app.A().Href("#"+l.firstBox()).OnClick(l.onErrorLink).Text(l.ErrorEmpty),
				)),
			)
		}),
		app.FieldSet().Class("checklist").Attr("aria-describedby", described).Body(
			app.Legend().Text(l.Legend),
			app.P().ID(l.hintID).Class("hint").Text(l.Hint),
			app.If(l.showError, func() app.UI { return app.P().ID(l.errID).Class("error").Text(l.ErrorEmpty) }),
			app.Div().Class("checks").Body(
				app.Range(l.Items).Slice(func(i int) app.UI {
					it := l.Items[i]
					return l.box(it.ID, it.ID, it.Label, it.Help, l.ticked[it.ID])
				}),
			),
			app.P().Class("checklist-or").Text(l.Or),
			app.Div().Class("checks").Body(
				l.box(checkNone, "", l.NoneLabel, "", l.none),
				l.box(checkUnsure, "", l.UnsureLabel, l.UnsureHelp, l.unsure),
			),
		),
		app.Button().Type("button").Class("button").OnClick(l.onContinue).Text(l.Continue),
	)
}

// box is one labelled check box; finding is the question it answers ("" for none and unsure).
// A sign's help folds away under "More about this" (seven open helps make a screen a phone
// user scrolls through for minutes); a screen reader reads it as the box's description.
func (l *SignChecklist) box(id, finding, label, help string, on bool) app.UI {
	helpID := l.boxID(id) + "-help"
	input := app.Input().Type("checkbox").ID(l.boxID(id)).Checked(on).DataSet("option", id).
		OnChange(func(ctx app.Context, _ app.Event) { l.toggle(id, ctx.JSSrc().Get("checked").Bool()) }, app.EventScope(l.Name, id))
	if help != "" {
		input = input.Attr("aria-describedby", helpID)
	}
	fold := finding != "" && help != "" && l.More != ""
	row := app.Div().Class("check").Body(
		input,
		app.Div().Class("check-text").Body(
			app.Label().For(l.boxID(id)).Body(
				app.Span().Class("check-label").Text(label),
				app.If(help != "" && !fold, func() app.UI { return app.Span().ID(helpID).Class("check-help").Text(help) }),
			),
			app.If(fold, func() app.UI {
				return app.Details().Class("check-more").Body(
					app.Summary().Text(l.More),
					app.P().ID(helpID).Class("check-help").Text(help),
				)
			}),
		),
	)
	if finding != "" {
		row = row.DataSet("finding", finding)
	}
	return row
}

// toggle ticks or unticks a box: "None of these" excludes every other box; a sign unticks it.
func (l *SignChecklist) toggle(id string, on bool) {
	switch id {
	case checkNone:
		l.none = on
		if on {
			l.unsure = false
			for k := range l.ticked {
				l.ticked[k] = false
			}
		}
	case checkUnsure:
		l.unsure = on
		if on {
			l.none = false
		}
	default:
		l.ticked[id] = on
		if on {
			l.none = false
		}
	}
	if l.showError && l.anything() {
		l.showError = false
	}
}

func (l *SignChecklist) anything() bool {
	for _, on := range l.ticked {
		if on {
			return true
		}
	}
	return l.none || l.unsure
}

func (l *SignChecklist) firstBox() string {
	if len(l.Items) == 0 {
		return l.boxID(checkNone)
	}
	return l.boxID(l.Items[0].ID)
}

// onContinue answers, or shows and focuses the error summary when nothing is ticked.
func (l *SignChecklist) onContinue(ctx app.Context, _ app.Event) {
	if !l.anything() {
		l.showError = true
		l.ctx.Defer(func(app.Context) {
			if el := app.Window().GetElementByID("error-summary"); el.Truthy() {
				el.Call("focus")
			}
		})
		return
	}
	ticked := map[string]bool{}
	for k, on := range l.ticked {
		ticked[k] = on
	}
	l.OnDone(ctx, ticked, l.unsure)
}

// onErrorLink moves the focus to the first box (go-app's router would take the link as a
// navigation).
func (l *SignChecklist) onErrorLink(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if el := app.Window().GetElementByID(l.firstBox()); el.Truthy() {
		el.Call("focus")
	}
}
