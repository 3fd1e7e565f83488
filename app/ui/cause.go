package ui

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// causeView is one likely cause in words.
type causeView struct {
	ID, Name, Chance, About, Looks, Who, SelfCare, GetCare string // Chance in words: "How likely: 40%"
	For, Against                                           []evidenceView
	Sources                                                []sourceView
}

// evidenceView is one answer that moved a cause: the question and the answer given.
type evidenceView struct{ Question, Answer string }

// sourceView is one source as a link.
type sourceView struct{ Title, Publisher, URL string }

// causeLabels are the headings of a cause's parts.
type causeLabels struct {
	About, Looks, Who, SelfCare, GetCare, For, Against, Sources string
}

// CauseCard is one likely cause: what it is, why it fits (and what does not), what to do
// about it, when to get care, and its sources. The most likely one is open.
type CauseCard struct {
	app.Compo

	Cause  causeView
	Labels causeLabels
	Open   bool
}

// Render shows the cause as an expandable section whose summary is its name.
func (c *CauseCard) Render() app.UI {
	v, l := c.Cause, c.Labels
	return app.Details().Class("cause").Open(c.Open).ID("cause-"+v.ID).Body(
		app.Summary().Body(
			app.H3().Class("cause-name").Text(v.Name),
			app.Span().Class("cause-chance").Text(v.Chance),
			// Printed, the doctor sees each cause with the answers that most fit it (the
			// body of a closed card does not print), briefly: the page must stay one.
			app.If(len(v.For) > 0, func() app.UI {
				fits := make([]string, min(len(v.For), printedFits))
				for i := range fits {
					fits[i] = v.For[i].Question + " " + v.For[i].Answer
				}
				return app.Span().Class("print-only cause-fits").Text(v.Chance + ". " + l.For + ": " + strings.Join(fits, "; "))
			}),
		),
		app.Div().Class("cause-body").Body(
			part(l.About, v.About),
			evidence(l.For, "evidence-for", v.For),
			evidence(l.Against, "evidence-against", v.Against),
			part(l.Looks, v.Looks),
			part(l.Who, v.Who),
			part(l.SelfCare, v.SelfCare),
			part(l.GetCare, v.GetCare),
			app.If(len(v.Sources) > 0, func() app.UI {
				return app.Div().Class("cause-part").Body(
					app.H4().Text(l.Sources),
					app.Ul().Class("sources").Body(app.Range(v.Sources).Slice(func(i int) app.UI {
						s := v.Sources[i]
						return app.Li().Body(
							app.A().Href(s.URL).Target("_blank").Rel("noopener noreferrer").Text(s.Title),
							app.If(s.Publisher != "", func() app.UI { return app.Text(" (" + s.Publisher + ")") }),
						)
					})),
				)
			}),
		),
	)
}

// printedFits is how many of the answers that fit a cause the printed summary gives.
const printedFits = 3

// part is a headed paragraph, or nothing when the text is empty.
func part(heading, text string) app.UI {
	if text == "" {
		return nil
	}
	return app.Div().Class("cause-part").Body(app.H4().Text(heading), app.P().Text(text))
}

// evidence is a headed list of answers, or nothing when there are none.
func evidence(heading, class string, items []evidenceView) app.UI {
	if len(items) == 0 {
		return nil
	}
	return app.Div().Class("cause-part "+class).Body(
		app.H4().Text(heading),
		app.Ul().Body(app.Range(items).Slice(func(i int) app.UI {
			return app.Li().Body(
				app.Span().Class("evidence-q").Text(items[i].Question+" "),
				app.Strong().Text(items[i].Answer),
			)
		})),
	)
}
