package ui

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The page as the server sends it, read for the seconds the wasm takes to load: the start
// screen in English, live, and in each other language the knowledge base lists inside an
// inert <template lang="xx">, with the words the page needs besides the screen (its title,
// its meta description, go-app's loader line and the emergency numbers) as data attributes. The early script
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
			t = t.DataSet(d[0], attrText(d[1]))
		}
		others = append(others, t.Body(c.frame()...))
	}
	c.w = live
	page := app.Div().Class("page")
	for _, d := range pageWords(live) {
		page = page.DataSet(d[0], attrText(d[1]))
	}
	return page.Body(append(c.frame(), others...)...)
}

// pageWords are what the early script needs besides the screen: the title, the meta
// description, the loader line ("{progress}" for go-app's percentage), the call link's words
// ("{number}") and the emergency numbers table in the language, as data attribute names and
// values, in a fixed order (the page is the same at each build).
func pageWords(w words) [][2]string {
	return [][2]string{{"title", w.ui(tPageTitle)}, {"description", w.ui(tTagline)}, {"loading", w.loadingLabel()},
		{"call", w.ui(tCallNumber, "{number}")}, {"numbers", numbersTable(w)}}
}

// numbersTable is the emergency numbers table for the early script, which shows the
// country's number before the app has loaded (by ForLocale's rule): JSON, each listed
// country's code to its number and its note in the language ("" for none).
func numbersTable(w words) string {
	table := map[string][2]string{}
	for _, c := range w.k.EmergencyNumbers().Countries {
		table[c.Code] = [2]string{c.Number, w.text(c.Note)}
	}
	b, _ := json.Marshal(table) // strings only: cannot fail; map keys come out sorted
	return string(b)
}

// attrText is s for an attribute as go-app writes it on the server: in strconv.Quote's
// double quotes, which escape a quote, a backslash or an unprintable character (a no-break
// space) the Go way, not HTML's, so that the browser would read a "\"" or end the value.
// Every such character, and HTML's own, goes as a character reference ("&#34;"), which
// Quote leaves alone and the browser reads back as the character.
func attrText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strconv.IsPrint(r) && !strings.ContainsRune(`"\&<>'`, r) {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "&#%d;", r)
		}
	}
	return b.String()
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
