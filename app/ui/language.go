package ui

import (
	"net/url"
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The language the app speaks: one of the knowledge base's languages, decided in one place
// (chooseLanguage) from, most telling first, the person's choice in the picker (kept in the
// saved session for this tab), the URL's lang parameter (?lang=es, or #lang=es from the embed
// snippet, which keeps every setting in the fragment), the browser's languages in order, and
// English, which the base always has.

// chooseLanguage returns the language to show: the one chosen in the picker, else the one the
// URL asks for, else the first of the browser's languages (navigator.languages, "es-MX") that
// the base lists, else English. A value the base does not list is ignored, never shown.
func chooseLanguage(langs []string, browser []string, requested, chosen string) string {
	for _, tag := range append([]string{chosen, requested}, browser...) {
		if l := baseLanguage(tag); slices.Contains(langs, l) {
			return l
		}
	}
	return "en"
}

// baseLanguage is a language tag's language ("es-MX", "ES" -> "es").
func baseLanguage(tag string) string {
	base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
	base, _, _ = strings.Cut(base, "_")
	return base
}

// urlLanguage is the lang parameter of a URL's query ("?lang=es") or, failing that, of its
// fragment ("#lang=es&accent=...", what the embed snippet writes).
func urlLanguage(search, fragment string) string {
	for _, part := range []string{search, fragment} {
		q, err := url.ParseQuery(strings.TrimLeft(part, "?#"))
		if err == nil && q.Get("lang") != "" {
			return q.Get("lang")
		}
	}
	return ""
}

// pageLanguage decides the language when the app starts, after the saved session (which
// holds the person's choice) is restored.
func (c *Checker) pageLanguage() string {
	loc := app.Window().Get("location")
	return chooseLanguage(c.k.Meta().Languages, c.locales,
		urlLanguage(loc.Get("search").String(), loc.Get("hash").String()), c.s.lang)
}

// setLanguage shows the app in lang: its texts (the number picker's country names too), the
// page's lang attribute and meta description. The title follows the
// screen's heading once it has rendered (moved, or onLanguage).
func (c *Checker) setLanguage(lang string) {
	c.w.lang = lang
	doc := app.Window().Get("document")
	doc.Get("documentElement").Call("setAttribute", "lang", lang)
	if d := doc.Call("querySelector", `meta[name="description"]`); d.Truthy() {
		d.Call("setAttribute", "content", c.w.ui(tTagline))
	}
}

// onLanguage is the picker: the person's choice, kept for this tab. The screen, its answers
// and the focus stay; only the words change.
func (c *Checker) onLanguage(_ app.Context, lang string) {
	c.s.lang = lang
	c.setLanguage(lang)
	c.saveSession()
	c.ctx.Defer(func(app.Context) { c.setTitle() })
}

// languagePicker lists the base's languages in the header, each named in itself (with its
// lang attribute, so that a screen reader says it in that language) and the one showing
// marked as current. They are buttons: choosing one changes the words in place.
func (c *Checker) languagePicker() app.UI {
	langs := c.k.Meta().Languages
	if len(langs) < 2 {
		return nil
	}
	items := make([]app.UI, len(langs))
	for i, lang := range langs {
		b := app.Button().Type("button").Class("language").Lang(lang).
			Text(c.k.Meta().LanguageNames[lang]).
			OnClick(func(ctx app.Context, _ app.Event) { c.onLanguage(ctx, lang) })
		if lang == c.w.lang {
			b = b.Aria("current", "true")
		}
		items[i] = app.Li().Body(b)
	}
	return app.Nav().Class("languages no-print").Aria("label", c.w.ui(tLanguage)).Body(
		app.Ul().Body(items...),
	)
}
