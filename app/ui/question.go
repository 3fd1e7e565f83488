package ui

import (
	"slices"
	"strconv"

	"spotcheck/app/triage"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// renderQuestion is the question screen: the one question (or small group of signs) the
// engine asks next, with the step it belongs to, progress, help, and "not sure".
func (c *Checker) renderQuestion() app.UI {
	next := c.s.current()
	step := c.k.Step(next.Step)
	done := len(c.s.answered())

	var heading, help string
	if len(next.Findings) == 1 {
		d := c.k.Finding(next.Findings[0])
		heading, help = c.w.text(d.Question), c.w.text(d.Help)
		if d.Widget == triage.WidgetAge {
			help = "" // the boxes for years and months say it
		}
	} else if prev, ok := c.s.previous(); ok && prev.Next.Step == next.Step && len(prev.Next.Findings) > 1 {
		heading = c.w.ui(tContinued, c.w.text(step.Title)) // each screen its own heading and title
	} else {
		heading = c.w.text(step.Title)
	}
	// The step's introduction shows on its first screen, and on every screen of a group.
	intro := ""
	if prev, ok := c.s.previous(); len(next.Findings) > 1 || !ok || prev.Next.Step != next.Step {
		intro = c.w.text(step.Intro)
	}
	guided := step.Illustration != nil || len(step.Guide) > 0
	if guided {
		help = "" // the step's guide says it, in parts
	}
	left := c.s.at().Left
	progress := c.w.ui(tQuestionsLeft, strconv.Itoa(left))
	if left == 1 {
		progress = c.w.ui(tQuestionLeft)
	}
	// The bar: the question screens shown before this one, of those and the ones left.
	before := 0
	for _, v := range c.s.trail[:c.s.pos] {
		if v.Screen == screenAsk {
			before++
		}
	}

	wait := c.s.at().Wait
	return app.Section().Class("screen question").DataSet("screen", "ask").Body(
		c.backButton(),
		// A question while waiting for help keeps the emergency and its call in sight.
		app.If(wait, func() app.UI {
			// Not urgencyBanner: its heading is the screen's title, and this screen has its own.
			return app.Div().Class("banner banner-emergency banner-wait").Body(
				app.P().Class("banner-action").Text(c.w.ui(tWaitBanner)),
				app.Div().Class("banner-call").Body(c.emergencyCall("wait-country", false)),
			)
		}),
		app.Div().Class("progress").Body(
			// The step's name, unless the heading says it already (read twice otherwise).
			app.If(heading != c.w.text(step.Title), func() app.UI {
				return app.P().Class("progress-step").Text(c.w.text(step.Title))
			}),
			app.If(left > 0, func() app.UI {
				return app.Div().Body(
					app.P().Class("progress-text").Text(progress),
					app.Progress().Attr("max", before+left).Attr("value", before).Attr("aria-hidden", "true"),
				)
			}),
		),
		title(heading),
		// A guided step's introduction follows its answers, with its how-to: the answers stay
		// in sight on a phone.
		app.If(intro != "" && !guided, func() app.UI { return app.P().Class("intro").Text(intro) }),
		app.If(help != "", func() app.UI { return app.P().ID(helpID).Class("hint").Text(help) }),
		// A guided step (the glass test) shows its picture beside the answers, and its how-to
		// after them: the answers stay in sight on a phone.
		app.Div().Class(map[bool]string{true: "guided", false: "unguided"}[guided]).Body(
			app.If(guided, func() app.UI { return c.illustration(step) }),
			// A checklist screen is one question (Next.Checklist): the engine may gather a
			// step's most telling yes/no signs on one, not only the emergency signs.
			app.If(step.Checklist || next.Checklist && len(next.Findings) > 1, func() app.UI {
				return c.checklist(next.Findings)
			}).ElseIf(len(next.Findings) == 1, func() app.UI {
				id := next.Findings[0]
				return app.Div().Class("field").DataSet("finding", id).Body(c.field(c.k.Finding(id), described(help, helpID)))
			}).Else(func() app.UI {
				return c.group(next.Findings)
			}),
		),
		app.If(guided && intro != "", func() app.UI { return app.P().Class("intro").Text(intro) }),
		app.If(guided, func() app.UI { return c.guide(step) }),
		app.Div().Class("aside-links").Body(
			app.If(done > 0, func() app.UI {
				return app.Button().Type("button").Class("link").OnClick(c.onShowAnswers).Text(c.w.ui(tYourAnswers))
			}),
			// Once the emergency signs and the glass test are answered, the person may stop.
			app.If(!step.Always || wait, func() app.UI {
				return app.Button().Type("button").Class("link").OnClick(c.onSkip).Text(c.w.ui(tSkipToResult))
			}),
		),
	)
}

// helpID is the id of a question screen's help, which describes its answers.
const helpID = "screen-help"

// described is the id of a help text for aria-describedby, "" when there is no help.
func described(help, id string) string {
	if help == "" {
		return ""
	}
	return id
}

// group asks several yes/no signs on one screen; each answer counts at once, Next moves on.
func (c *Checker) group(ids []string) app.UI {
	return app.Div().Class("group").Body(
		app.Range(ids).Slice(func(i int) app.UI {
			d := c.k.Finding(ids[i])
			label := "q-" + d.ID
			return app.Div().Class("sign").DataSet("finding", d.ID).Body(
				app.P().ID(label).Class("sign-question").Text(c.w.text(d.Question)),
				app.If(c.w.text(d.Help) != "", func() app.UI {
					return app.P().ID(label + "-help").Class("sign-help").Text(c.w.text(d.Help))
				}),
				&Options{Name: d.ID, LabelledBy: label, DescribedBy: described(c.w.text(d.Help), label+"-help"), Compact: true, Items: c.options(d), OnPick: c.picker(d, false)},
			)
		}),
		app.Button().Type("button").Class("button").OnClick(c.onContinue).Text(c.w.ui(tNext)),
	)
}

// field is the answer control of one question, by its kind; describedBy is the id of the
// screen's help ("" for none).
func (c *Checker) field(d *triage.Finding, describedBy string) app.UI {
	switch d.Kind {
	case triage.Number:
		return c.numberField(d)
	case triage.Set:
		return c.places(d)
	default:
		return &Options{Name: d.ID, LabelledBy: titleID, DescribedBy: describedBy, Items: c.options(d), OnPick: c.picker(d, true)}
	}
}

// numberField asks for a number, or an age in years and months (the age widget, whose boxes
// replace the question's help on parts of a year).
func (c *Checker) numberField(d *triage.Finding) app.UI {
	val := ""
	if a, ok := c.s.f.Value(d.ID); ok {
		val = formatNum(a.Num)
	}
	field := &NumberField{
		Name: d.ID, LabelledBy: titleID, Unit: c.w.text(d.Unit), Min: d.Min, Max: d.Max, Value: val,
		Continue: c.w.ui(tNext), Unsure: c.w.unsure(d), ErrorTitle: c.w.ui(tErrorSummaryTitle),
		Empty:   c.w.ui(tEnterNumber),
		Invalid: c.w.ui(tNumberOutOfRange, formatNum(d.Min), formatNum(d.Max), c.w.text(d.Unit)),
		OnAnswer: func(_ app.Context, x *float64) {
			if x == nil {
				c.answer(d.ID, nil, true)
				return
			}
			c.answer(d.ID, &triage.Answer{Num: *x}, true)
		},
	}
	if d.Widget == triage.WidgetAge {
		field.Months, field.Hint = c.w.ui(tMonths), c.w.ui(tAgeInMonths)
		field.Invalid = c.w.ui(tAgeOutOfRange, formatNum(d.Max))
	}
	return field
}

// places asks a question with several answers: tick boxes, and the body map for places.
// Nothing ticked counts as "not sure".
func (c *Checker) places(d *triage.Finding) app.UI {
	items := c.options(d)
	items = items[:len(items)-1] // "not sure" is Next with nothing ticked
	toggle := func(_ app.Context, id string, on bool) {
		a, _ := c.s.f.Value(d.ID)
		set := slices.DeleteFunc(slices.Clone(a.Set), func(v string) bool { return v == id })
		if on {
			set = append(set, id)
		}
		if len(set) == 0 {
			c.answer(d.ID, nil, false)
			return
		}
		c.answer(d.ID, &triage.Answer{Set: set}, false)
	}
	bodyMap := d.Widget == triage.WidgetBodyMap
	if bodyMap {
		numberPlaces(items, d.Places)
	}
	return app.Div().Class("places").Body(
		app.P().Class("hint").Text(c.w.ui(tChooseAll)),
		app.If(bodyMap, func() app.UI {
			return &BodyMap{Name: d.ID, Hint: c.w.ui(tBodyMap), Front: c.w.ui(tBodyFront), Back: c.w.ui(tBodyBack),
				Places: d.Places, Items: items}
		}),
		&CheckList{Name: d.ID, LabelledBy: titleID, Items: items, OnToggle: toggle},
		app.Button().Type("button").Class("button").OnClick(c.onContinue).Text(c.w.ui(tNext)),
	)
}

// options are a question's answers (yes and no, or its values) and "not sure", with the
// current answer picked. A choice with a value that stands for not known has no separate
// "not sure": that value is it (picked when the answer is not sure; the engine records it so).
func (c *Checker) options(d *triage.Finding) []option {
	a, known := c.s.f.Value(d.ID)
	unsure := !known && c.s.f.Asked(d.ID)
	var items []option
	switch d.Kind {
	case triage.Bool:
		items = []option{
			{ID: "yes", Label: c.w.ui(tYes), Picked: known && a.Bool},
			{ID: "no", Label: c.w.ui(tNo), Picked: known && !a.Bool},
		}
	default:
		for _, v := range d.Values {
			items = append(items, option{
				ID: v.ID, Label: c.w.text(v.Label), Help: c.w.text(v.Help),
				Picked: v.Unknown && unsure || known && (a.Choice == v.ID || slices.Contains(a.Set, v.ID)),
			})
		}
	}
	if d.UnknownValue() != "" {
		return items
	}
	return append(items, option{ID: unsureID, Label: c.w.unsure(d), Picked: unsure})
}

// picker returns the handler of a yes/no or choice question's buttons.
func (c *Checker) picker(d *triage.Finding, next bool) func(app.Context, string) {
	return func(_ app.Context, id string) {
		switch {
		case id == unsureID:
			c.answer(d.ID, nil, next)
		case d.Kind == triage.Bool:
			c.answer(d.ID, &triage.Answer{Bool: id == "yes"}, next)
		default:
			c.answer(d.ID, &triage.Answer{Choice: id}, next)
		}
	}
}

// backButton goes one screen back.
func (c *Checker) backButton() app.UI {
	return app.Button().Type("button").Class("link back").OnClick(c.onBack).Text(c.w.ui(tBack))
}
