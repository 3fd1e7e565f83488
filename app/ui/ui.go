// Package ui is Spotcheck's interface: go-app components that run the triage engine in the
// browser. One screen per file (start, question, answers, result); shared widgets are
// components. Every word shown comes from knowledge.json (meta.ui and the rest): the UI has
// no clinical text or rule of its own. Answers live in this page's memory only.
package ui

import (
	"fmt"

	"spotcheck"
	"spotcheck/app/triage"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// kb is the bundled knowledge base, loaded once when the package starts (in the server for
// the prerendered page, in the browser for the app). A knowledge base that does not load is a
// build mistake that the engine's tests catch, so it stops the program.
var kb = mustLoad(spotcheck.KnowledgeJSON)

func mustLoad(data []byte) *triage.Knowledge {
	k, err := triage.Load(data)
	if err != nil {
		panic(fmt.Sprintf("ui: bundled knowledge.json: %v", err))
	}
	return k
}

// The page's settings, for the server's app.Handler.
var (
	// Styles are the app's stylesheets.
	Styles = []string{"/web/css/spotcheck.css"}
	// Name is the app's name, for the page and the installed app.
	Name = kb.UI("name", "en")
	// Title is the page title: the app's name and tagline.
	Title = kb.UI("name", "en") + ": " + kb.UI("tagline", "en")
	// Description is the page's meta description.
	Description = kb.UI("tagline", "en")
	// LoadingLabel is go-app's loader text while the app downloads ("{progress}" is the percent).
	LoadingLabel = kb.UI("loading", "en")
	// ThemeColor and BackgroundColor match the CSS's header and page colours.
	ThemeColor      = "#00529b"
	BackgroundColor = "#f4f6f8"
)

// Routes registers the app's one page.
func Routes() {
	app.Route("/", func() app.Composer { return &Checker{} })
}
