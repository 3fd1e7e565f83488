package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// answerRow is one answered question in words.
type answerRow struct {
	ID, Question, Answer string
}

// AnswerList is the summary of the answers: each question, its answer, and a button to change
// it (hidden when printed).
type AnswerList struct {
	app.Compo

	Rows     []answerRow
	Change   string // the change button's words
	OnChange func(ctx app.Context, id string)
}

// Render shows the answers as a description list.
func (l *AnswerList) Render() app.UI {
	return app.Dl().Class("answers").Body(
		app.Range(l.Rows).Slice(func(i int) app.UI {
			r := l.Rows[i]
			return app.Div().Class("answers-row").DataSet("answer", r.ID).Body(
				app.Dt().Text(r.Question),
				app.Dd().Class("answers-value").Text(r.Answer),
				app.Dd().Class("answers-change no-print").Body(
					app.Button().Type("button").Class("link").
						OnClick(func(ctx app.Context, _ app.Event) { l.OnChange(ctx, r.ID) }, app.EventScope(r.ID)).
						Body(
							app.Text(l.Change),
							app.Span().Class("visually-hidden").Text(" "+r.Question),
						),
				),
			)
		}),
	)
}
