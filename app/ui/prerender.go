package ui

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// The page as the server sends it, read for the seconds the wasm takes to load: the start
// screen in English, live, and in each other language the knowledge base lists inside an
// inert <template lang="xx">, with the words the page needs besides the screen (its title,
// its meta description and go-app's loader line) as data attributes. The early script
// (server/site/prerender.js) chooses the language by chooseLanguage's rule, swaps the screen
// in before the first paint and removes the templates; the app, once running, renders the
// page itself in the same language (prerenderedLanguage).

// prerender is the page on the server: the frame in the live language, then one template
// per other language.
func (c *Checker) prerender() app.UI {
	live := c.w
	defer func() { c.w = live }()
	var others []app.UI
	for _, lang := range c.k.Meta().Languages {
		if lang == live.lang {
			continue
		}
		c.w = words{k: c.k, lang: lang}
		t := app.Template().Lang(lang)
		for _, d := range pageWords(c.w) {
			t = t.DataSet(d[0], d[1])
		}
		others = append(others, t.Body(c.frame()...))
	}
	c.w = live
	page := app.Div().Class("page")
	for _, d := range pageWords(live) {
		page = page.DataSet(d[0], d[1])
	}
	return page.Body(append(c.frame(), others...)...)
}

// pageWords are the texts outside the screen that the early script sets with it: the
// title, the meta description and the loader line ("{progress}" for go-app's percentage),
// as data attribute names and values, in a fixed order (the page is the same at each build).
func pageWords(w words) [][2]string {
	return [][2]string{{"title", w.ui(tPageTitle)}, {"description", w.ui(tTagline)}, {"loading", w.loadingLabel()}}
}

// loadingLabel is go-app's loader text in the language: what is happening and the
// percentage, with "{progress}" where go-app writes the number.
func (w words) loadingLabel() string { return w.ui(tLoading, "{progress}") }

// prerenderedLanguage is the language the page shows when the app starts: English on the
// server; in the browser <html lang>, which the early script set by chooseLanguage's rule
// (English where it did not run). OnMount then decides with the saved session at hand.
func (c *Checker) prerenderedLanguage() string {
	lang := ""
	if !app.IsServer {
		if l := app.Window().Get("document").Get("documentElement").Call("getAttribute", "lang"); l.Truthy() {
			lang = l.String()
		}
	}
	return chooseLanguage(c.k.Meta().Languages, nil, "", lang)
}
