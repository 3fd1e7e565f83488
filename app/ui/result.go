package ui

import (
	"math"
	"strconv"
	"time"

	"spotcheck/app/triage"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// renderResult is the result screen: how soon to get care and why, the likely causes, what
// to watch for, the answers, and print or start again. Printed, it is the one-page summary
// for the doctor.
func (c *Checker) renderResult() app.UI {
	res := c.s.result
	info := c.k.UrgencyInfo(res.Urgency)
	call := ""
	if res.Urgency == triage.Emergency {
		call = c.w.ui(tCallNumber, c.number)
	}
	meta := c.k.Meta()
	causes := likely(res)
	return app.Section().Class("screen result").DataSet("screen", "result").DataSet("urgency", res.Urgency.String()).Body(
		app.If(len(c.s.history) > 0, c.backButton),
		app.P().Class("result-caption").Text(c.w.ui(tYourResult)),
		&UrgencyBanner{
			Level: res.Urgency.String(), Label: c.w.text(info.Label), Action: c.w.text(info.Action),
			Call: call, Number: c.number, Numbers: c.k.EmergencyNumbers().All(),
			NumberLabel: c.w.ui(tEmergencyNumber), NumberHelp: c.w.ui(tEmergencyNumberHelp),
			OnNumber: c.onNumber,
		},
		c.reasons(res),
		app.Section().Class("result-part causes").Body(
			app.H2().Text(c.w.ui(tLikelyCauses)),
			app.P().Class("hint").Text(c.w.ui(tNotADiagnosis)),
			c.causeCards(causes[:min(3, len(causes))], true),
			app.If(len(causes) > 3, func() app.UI {
				return app.Div().Class("other-causes").Body(
					app.H3().Text(c.w.ui(tOtherCauses)),
					c.causeCards(causes[3:], false),
				)
			}),
		),
		app.Section().Class("result-part watch").Body(
			app.H2().Text(c.w.ui(tWatchFor)),
			app.P().Text(c.w.ui(tWatchForText)),
			app.P().Body(
				app.Strong().Text(c.w.ui(tComeBackIf)+" "),
				app.Text(c.w.ui(tComeBackIfText)),
			),
		),
		app.Section().Class("result-part").Body(
			app.H2().Text(c.w.ui(tYourAnswers)),
			c.answerList(),
		),
		app.Div().Class("buttons no-print").Body(
			app.Button().Type("button").Class("button").OnClick(c.onPrint).Text(c.w.ui(tPrint)),
			app.Button().Type("button").Class("button button-secondary").OnClick(c.onRestart).Text(c.w.ui(tStartAgain)),
		),
		app.P().Class("print-only").Text(
			c.w.ui(tVersion, meta.Version, meta.Reviewed)+" "+c.printedOn()),
	)
}

// printedOn is the printed summary's date line.
func (c *Checker) printedOn() string {
	return c.w.ui(tPrintedOn, time.Now().Format(time.DateOnly))
}

// reasons says what set the urgency: the warning signs found (rules, with their messages),
// then the likely causes that call for care.
func (c *Checker) reasons(res triage.Result) app.UI {
	if len(res.Because) == 0 {
		return nil
	}
	return app.Section().Class("result-part reasons").Body(
		app.H2().Text(c.w.ui(tWhy)),
		app.If(len(res.Rules) > 0, func() app.UI { return app.H3().Text(c.w.ui(tWarningSigns)) }),
		app.Ul().Body(app.Range(res.Because).Slice(func(i int) app.UI {
			r := res.Because[i]
			title, message := "", ""
			switch {
			case r.Rule != nil:
				title, message = c.w.text(r.Rule.Title), c.w.text(r.Rule.Message)
			case r.Condition != nil: // a cause possible enough for its danger: its name and when to get care
				title, message = c.w.text(r.Condition.Name), c.w.text(r.Condition.GetCare)
			default: // an unknown answer that could be worse: what to check and what to do
				title, message = c.w.text(r.SafetyNet.Finding.Question), r.SafetyNet.Text(c.w.lang)
			}
			return app.Li().Class("reason reason-"+r.Urgency.String()).Body(
				app.Strong().Text(title),
				app.P().Text(message),
			)
		})),
	)
}

// causeCards shows causes; the first is open when first is true.
func (c *Checker) causeCards(causes []triage.Scored, first bool) app.UI {
	return app.Range(causes).Slice(func(i int) app.UI {
		return &CauseCard{Cause: c.cause(causes[i]), Labels: c.causeLabels(), Open: first && i == 0}
	})
}

// likely returns the causes to show: the three most likely, and the fourth and fifth when
// they are at least half as likely as the third.
func likely(res triage.Result) []triage.Scored {
	n := min(3, len(res.Conditions))
	for n < min(5, len(res.Conditions)) && res.Conditions[n].Probability >= res.Conditions[2].Probability/2 {
		n++
	}
	return res.Conditions[:n]
}

// cause puts a scored cause into words.
func (c *Checker) cause(s triage.Scored) causeView {
	d := s.Condition
	v := causeView{
		ID: d.ID, Name: c.w.text(d.Name), About: c.w.text(d.About), Looks: c.w.text(d.Looks),
		Who: c.w.text(d.Who), SelfCare: c.w.text(d.SelfCare), GetCare: c.w.text(d.GetCare),
		Chance: c.w.ui(tLikelihood, strconv.Itoa(int(math.Round(s.Probability*100)))+"%"),
	}
	for _, e := range s.Evidence() {
		f := c.k.Finding(e.Finding)
		ev := evidenceView{Question: c.w.text(f.Question), Answer: c.w.value(f, e.Value)}
		if e.LR > 1 {
			v.For = append(v.For, ev)
		} else {
			v.Against = append(v.Against, ev)
		}
	}
	for _, id := range d.Sources {
		if src := c.k.Source(id); src != nil {
			v.Sources = append(v.Sources, sourceView{Title: src.Title, Publisher: src.Publisher, URL: src.Link()})
		}
	}
	return v
}

func (c *Checker) causeLabels() causeLabels {
	return causeLabels{
		About: c.w.ui(tAboutCause), Looks: c.w.ui(tLooksLike), Who: c.w.ui(tWhoGetsIt),
		SelfCare: c.w.ui(tSelfCare), GetCare: c.w.ui(tGetCare),
		For: c.w.ui(tEvidenceFor), Against: c.w.ui(tEvidenceAgainst), Sources: c.w.ui(tSources),
	}
}
