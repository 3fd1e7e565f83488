// Package ui is Spotcheck's interface: go-app components that run the triage engine in the
// browser. One screen per file (start, question, answers, result); shared widgets are
// components. Every word shown comes from knowledge.json (meta.ui and the rest), and how a
// question is shown from its display hints: the UI has no clinical text, id or rule of its
// own. Answers live in this page's memory only.
//
// The UI does not load the knowledge base: its caller (the wasm main in the browser, the
// server for the prerendered page) loads and validates it once, with Texts, and passes it to
// New.
package ui

import (
	"spotcheck/app/triage"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// App is the UI of one loaded knowledge base: the page's settings, for the server's
// app.Handler and the manifest, and its routes.
type App struct {
	k *triage.Knowledge
	w words // English: the prerendered page's language
}

// New returns the UI for k, which must have been loaded with triage.RequireUI(Texts()).
func New(k *triage.Knowledge) *App { return &App{k: k, w: words{k: k, lang: "en"}} }

// Routes registers the app's one page with go-app.
func (a *App) Routes() {
	app.Route("/", func() app.Composer { return &Checker{k: a.k} })
}

// Pages are the routes to prerender and cache.
func (a *App) Pages() []string { return []string{"/"} }

// Name is the app's name, for the page and the installed app.
func (a *App) Name() string { return a.w.ui(tName) }

// ShortName is the installed app's name where space is short (under an icon).
func (a *App) ShortName() string { return a.w.ui(tShortName) }

// Title is the page title.
func (a *App) Title() string { return a.w.ui(tPageTitle) }

// Description is the page's meta description.
func (a *App) Description() string { return a.w.ui(tTagline) }

// LoadingLabel is go-app's loader text while the app downloads: what is happening and the
// percentage, for go-app to fill in ("{progress}").
func (a *App) LoadingLabel() string { return a.w.loadingLabel() }

// Languages are the knowledge base's languages, the page's to choose from before the app
// has loaded (the prerendered page has its start screen in each).
func (a *App) Languages() []string { return a.k.Meta().Languages }

// Styles are the app's stylesheets.
func (a *App) Styles() []string { return []string{"/web/css/spotcheck.css"} }

// ThemeColor matches the CSS's header colour.
func (a *App) ThemeColor() string { return "#00529b" }

// BackgroundColor matches the CSS's page colour.
func (a *App) BackgroundColor() string { return "#f4f6f8" }

// Broken registers a page that says the app cannot start, for a knowledge base that did not
// load. Its words are the only ones in Go: none of the broken base's can be trusted.
func Broken(err error) {
	app.Route("/", func() app.Composer { return &brokenPage{err: err.Error()} })
}

type brokenPage struct {
	app.Compo
	err string
}

func (b *brokenPage) Render() app.UI {
	return app.Main().Class("wrap").Body(
		app.H1().Text("Spotcheck cannot start"),
		app.P().Text("Its knowledge base is broken. If someone seems seriously ill, call your emergency number now."),
		app.Pre().Text(b.err),
	)
}
