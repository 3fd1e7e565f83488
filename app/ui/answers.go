package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// renderAnswers is the "check your answers" screen: every answer so far, each changeable,
// then back to the question where the person was.
func (c *Checker) renderAnswers() app.UI {
	return app.Section().Class("screen answers-screen").DataSet("screen", "answers").Body(
		c.backButton(),
		title(c.w.ui(tYourAnswers)),
		c.answerList(),
		c.restartButtons(app.Button().Type("button").Class("button").OnClick(c.onBack).Text(c.w.ui(tNext))),
	)
}

// answerList is the summary of every answer so far.
func (c *Checker) answerList() app.UI {
	ids := c.s.answered()
	rows := make([]answerRow, len(ids))
	for i, id := range ids {
		d := c.k.Finding(id)
		rows[i] = answerRow{ID: id, Question: c.w.text(d.Question), Answer: c.w.answer(c.s, d)}
	}
	return &AnswerList{Rows: rows, Change: c.w.ui(tChangeAnswer), OnChange: c.onChange}
}
