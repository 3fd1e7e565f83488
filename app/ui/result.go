package ui

import (
	"strings"
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
	var call *EmergencyCall
	if res.Urgency == triage.Emergency {
		call = c.emergencyCall("result-country", true)
	}
	meta := c.k.Meta()
	causes := likely(res)
	return app.Section().Class("screen result").DataSet("screen", "result").DataSet("urgency", res.Urgency.String()).Body(
		app.If(c.s.pos > 0, c.backButton),
		// For the doctor, printed: lines to write who the summary is about.
		app.Div().Class("print-only patient").Body(
			app.P().Text(c.w.ui(tPrintName)+": "),
			app.P().Text(c.w.ui(tPrintBirth)+": "),
		),
		app.P().Class("result-caption").Text(c.w.ui(tYourResult)),
		urgencyBanner(res.Urgency.String(), c.w.text(info.Label), c.w.text(info.Action), call),
		c.reasons(res),
		c.checkNow(res),
		c.also(res),
		app.Section().Class("result-part causes").Body(
			app.H2().Text(c.w.ui(tLikelyCauses)),
			app.P().Class("hint").Text(c.w.ui(tNotADiagnosis)),
			c.causeCards(causes[:min(3, len(causes))], 0),
			app.If(len(causes) > 3, func() app.UI {
				return app.Div().Class("other-causes").Body(
					app.H3().Text(c.w.ui(tOtherCauses)),
					c.causeCards(causes[3:], 3),
				)
			}),
		),
		// While waiting for help, more answers can tell which cause it may be: offered, never
		// asked first.
		app.If(res.Urgency == triage.Emergency && c.s.canWait(), func() app.UI {
			return app.Section().Class("result-part wait no-print").Body(
				app.H2().Text(c.w.ui(tWaitTitle)),
				app.P().Text(c.w.ui(tWaitText)),
				app.Button().Type("button").Class("button button-secondary").OnClick(c.onWait).Text(c.w.ui(tWaitStart)),
			)
		}),
		// An emergency needs a call now, not a list of what to watch for.
		app.If(res.Urgency != triage.Emergency, func() app.UI {
			return app.Section().Class("result-part watch").Body(
				app.H2().Text(c.w.ui(tWatchFor)),
				app.P().Text(c.w.ui(tWatchForText)),
				app.P().Body(
					app.Strong().Text(c.w.ui(tComeBackIf)+" "),
					app.Text(c.w.ui(tComeBackIfText)),
				),
			)
		}),
		app.Section().Class("result-part no-print").Body(
			app.H2().Text(c.w.ui(tYourAnswers)),
			c.answerList(),
		),
		c.printedAnswers(),
		c.restartButtons(app.Button().Type("button").Class("button").OnClick(c.onPrint).Text(c.w.ui(tPrint))),
		app.P().Class("print-only").Text(
			c.w.ui(tVersion, meta.Version, meta.Reviewed)+" "+c.printedOn()),
	)
}

// printedOn is the printed summary's date line.
func (c *Checker) printedOn() string {
	return c.w.ui(tPrintedOn, time.Now().Format("2006-01-02 15:04"))
}

// reasons says what set the urgency, and only what supports it: the warning signs found
// (rules, with their messages), the causes that call for this care, and the unknown answers
// whose worse answer is plausible enough. Reasons for less care go under "Also" (see also):
// a frightened reader must not find a calmer action among the reasons.
func (c *Checker) reasons(res triage.Result) app.UI {
	top := supporting(res)
	if len(top) == 0 {
		return nil
	}
	return app.Section().Class("result-part reasons").Body(
		app.H2().Text(c.w.ui(tWhy)),
		app.Ul().Body(app.Range(top).Slice(func(i int) app.UI {
			r := top[i]
			title, message := "", ""
			switch {
			case r.Rule != nil:
				title, message = c.w.text(r.Rule.Title), c.w.text(r.Rule.Message)
			case r.Condition != nil: // a cause possible enough for its danger: a doctor will rule it out
				title, message = c.w.ui(tCauseRuleOutName, c.w.text(r.Condition.Name)), c.w.text(r.Condition.About)
			default: // an unknown answer that could be worse: what to check and what to do
				title, message = c.w.ui(tCheckNow), r.SafetyNet.Text(c.w.lang)
			}
			return app.Li().Class("reason reason-"+r.Urgency.String()).Body(
				app.Strong().Text(title),
				app.P().Text(message),
			)
		})),
	)
}

// supporting returns the reasons at the result's own urgency.
func supporting(res triage.Result) []triage.Reason {
	var top []triage.Reason
	for _, r := range res.Because {
		if r.Urgency == res.Urgency {
			top = append(top, r)
		}
	}
	return top
}

// checkNow lists the unknown answers that would call for more care than the result: what to
// check now and what to do if it turns out worse. Those that already set the urgency are
// among the reasons.
func (c *Checker) checkNow(res triage.Result) app.UI {
	shown := map[string]bool{}
	for _, r := range supporting(res) {
		if r.SafetyNet != nil {
			shown[r.SafetyNet.ID] = true
		}
	}
	var nets []*triage.SafetyNet
	for i := range res.SafetyNets {
		if n := &res.SafetyNets[i]; n.If > res.Urgency && !shown[n.ID] {
			nets = append(nets, n)
		}
	}
	if len(nets) == 0 {
		return nil
	}
	return app.Section().Class("result-part check-now").Body(
		app.H2().Text(c.w.ui(tCheckNow)),
		app.Ul().Body(app.Range(nets).Slice(func(i int) app.UI {
			return app.Li().Class("reason reason-" + nets[i].If.String()).Text(nets[i].Text(c.w.lang))
		})),
	)
}

// also names the warning signs found that call for less care than the result, without their
// advice (it would contradict the result's action); none for an emergency, where only the
// call matters.
func (c *Checker) also(res triage.Result) app.UI {
	if res.Urgency == triage.Emergency {
		return nil
	}
	var lower []*triage.Rule
	for _, r := range res.Rules {
		if r.Urgency < res.Urgency {
			lower = append(lower, r)
		}
	}
	if len(lower) == 0 {
		return nil
	}
	return app.Section().Class("result-part also").Body(
		app.H2().Text(c.w.ui(tAlso)),
		app.Ul().Body(app.Range(lower).Slice(func(i int) app.UI {
			return app.Li().Text(c.w.text(lower[i].Title))
		})),
	)
}

// causeCards shows causes ranked from rank on; the most likely one is open.
func (c *Checker) causeCards(causes []triage.Scored, rank int) app.UI {
	return app.Range(causes).Slice(func(i int) app.UI {
		return &CauseCard{Cause: c.cause(causes[i], rank+i), Labels: c.causeLabels(), Open: rank+i == 0}
	})
}

// Thresholds of the words for a cause's likelihood. The engine's probabilities are rough,
// so the page says them in three bands, never as a percentage.
const (
	mostLikely = 0.3  // the first cause, at least this likely: "most likely"
	possible   = 0.15 // at least this likely: "possible"; below: "less likely"
)

// likelihood says how likely a cause is in words. A cause that would need urgent care or an
// emergency is one a doctor will want to rule out, unless it is the most likely.
func likelihood(s triage.Scored, rank int) triage.UIText {
	switch {
	case rank == 0 && s.Probability >= mostLikely:
		return tCauseMostLikely
	case s.Condition.Urgency >= triage.Urgent:
		return tCauseRuleOut
	case s.Probability >= possible || rank == 0: // the first is never "less likely"
		return tCausePossible
	default:
		return tCauseLessLikely
	}
}

// likely returns the causes to show: the three most likely (the engine's order: in an
// emergency, the causes that carry it first), and the fourth and fifth when they are at least
// half as likely as the third.
func likely(res triage.Result) []triage.Scored {
	n := min(3, len(res.Conditions))
	for n < min(5, len(res.Conditions)) && res.Conditions[n].Probability >= res.Conditions[2].Probability/2 {
		n++
	}
	return res.Conditions[:n]
}

// cause puts a scored cause, ranked rank among the causes (0 the most likely), into words.
func (c *Checker) cause(s triage.Scored, rank int) causeView {
	d := s.Condition
	v := causeView{
		ID: d.ID, Name: c.w.text(d.Name), About: c.w.text(d.About), Looks: c.w.text(d.Looks),
		Who: c.w.text(d.Who), GetCare: c.w.text(d.GetCare),
		Chance: c.w.ui(likelihood(s, rank)),
	}
	// A cause that needs an emergency call has no home care, and an emergency result none.
	if d.Urgency < triage.Emergency && c.s.result.Urgency < triage.Emergency {
		v.SelfCare = c.w.text(d.SelfCare)
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

// printedAnswers are the answers as the printed summary gives them to a doctor: first those
// that found something (yes, a value, a number), then the noes, then the "not sure"s.
func (c *Checker) printedAnswers() app.UI {
	groups := []struct {
		heading string
		rows    []answerRow
	}{{heading: c.w.ui(tPrintFound)}, {heading: c.w.ui(tNo)}, {heading: c.w.ui(tUnsure)}}
	for _, id := range c.s.answered() {
		d := c.k.Finding(id)
		a, known := c.s.f.Value(id)
		g := 0
		switch {
		case !known:
			g = 2
		case d.Kind == triage.Bool && !a.Bool:
			g = 1
		}
		groups[g].rows = append(groups[g].rows, answerRow{ID: id, Question: c.w.text(d.Question), Answer: c.w.answer(c.s, d)})
	}
	return app.Section().Class("result-part print-only printed-answers").Body(
		app.H2().Text(c.w.ui(tYourAnswers)),
		app.Range(groups).Slice(func(i int) app.UI {
			g := groups[i]
			if len(g.rows) == 0 {
				return nil
			}
			if i > 0 {
				// The noes and not-sures are many once checklists ask a whole step: as one
				// paragraph of questions they keep the summary on one page.
				questions := make([]string, len(g.rows))
				for j, r := range g.rows {
					questions[j] = r.Question
				}
				return app.Div().Class("printed-group").Body(
					app.H3().Text(g.heading),
					app.P().Class("printed-list").Text(strings.Join(questions, " · ")),
				)
			}
			return app.Div().Class("printed-group").Body(
				app.H3().Text(g.heading),
				app.Dl().Class("answers").Body(app.Range(g.rows).Slice(func(j int) app.UI {
					return app.Div().Class("answers-row").Body(
						app.Dt().Text(g.rows[j].Question),
						app.Dd().Class("answers-value").Text(g.rows[j].Answer),
					)
				})),
			)
		}),
	)
}
