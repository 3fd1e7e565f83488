package ui

import (
	"html"
	"strconv"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// TestPrerenderInEveryLanguage: the page the server renders has the start screen live in
// English, with its page words, then one inert template per other language the base lists,
// holding the same page in that language and its own page words.
func TestPrerenderInEveryLanguage(t *testing.T) {
	e := app.NewTestEngine()
	c := &Checker{k: kb}
	if err := e.Load(c); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	page := app.Div().Class("page")
	for _, d := range pageWords(words{k: kb, lang: "en"}) {
		page = page.DataSet(d[0], attrText(d[1]))
	}
	if err := app.Match(page, c, 0); err != nil {
		t.Error(err)
	}
	// div.page > [header, main, live region, footer, then the templates].
	const frame = 4
	i := 0
	for _, lang := range kb.Meta().Languages {
		if lang == "en" {
			continue
		}
		tpl := app.Template().Lang(lang)
		for _, d := range pageWords(words{k: kb, lang: lang}) {
			tpl = tpl.DataSet(d[0], attrText(d[1]))
		}
		if err := app.Match(tpl, c, 0, frame+i); err != nil {
			t.Errorf("%s: %v", lang, err)
		}
		// template > [header, main > section > h1].
		if err := app.Match(app.Text(kb.UI("start_title", lang)), c, 0, frame+i, 1, 0, 0, 0); err != nil {
			t.Errorf("%s: %v", lang, err)
		}
		i++
	}
	if i != len(kb.Meta().Languages)-1 {
		t.Errorf("%d templates for languages %v", i, kb.Meta().Languages)
	}
	if c.w.lang != "en" {
		t.Errorf("after prerendering, the Checker speaks %q, want en", c.w.lang)
	}
}

// TestAttrText: what the browser reads back from go-app's attribute is the text itself, for
// the characters strconv.Quote would write the Go way.
func TestAttrText(t *testing.T) {
	for _, s := range []string{`plain`, `{"GB":["999","Call \"now\""]}`, "a\u00a0b", "x\ny", `<&'>`, "Perú 112 ñ"} {
		quoted := strconv.Quote(attrText(s))
		if strings.Contains(quoted[1:len(quoted)-1], `\`) || strings.Contains(quoted[1:len(quoted)-1], `"`) {
			t.Errorf("%q is written %s: Go escapes in HTML", s, quoted)
		}
		if got := html.UnescapeString(quoted[1 : len(quoted)-1]); got != s {
			t.Errorf("%q reads back as %q", s, got)
		}
	}
}
