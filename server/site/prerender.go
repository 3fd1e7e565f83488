package site

import (
	_ "embed"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// prerenderPath is the early script that shows the prerendered page in the person's language
// before the app has loaded (prerender.js says how). It blocks, right after the Trusted Types
// policy: it must set <html lang> and hide the English page before the first paint.
const prerenderPath = "/prerender.js"

//go:embed prerender.js
var prerenderJS string

// pageElement is the page's <html>: the language it is served in and, for prerender.js, the
// languages the app can show ("en es"), which the page's templates hold.
func pageElement(a App) func() app.HTMLHtml {
	langs := strings.Join(a.Languages(), " ")
	return func() app.HTMLHtml { return app.Html().DataSet("languages", langs) }
}
