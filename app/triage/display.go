package triage

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// This file reads what knowledge.json says about how things are shown (display hints on
// steps and findings) and checks the interface texts a UI asks for.
// None of it changes what the engine decides.

// Widgets a finding may ask to be shown with ("" is the default control of its type).
const (
	WidgetBodyMap = "body_map" // a set of places: tap them on a drawing of the body
	WidgetAge     = "age"      // a number of years that may also be given in months
)

// widgetKinds is the finding type each widget needs.
var widgetKinds = map[string]Kind{WidgetBodyMap: Set, WidgetAge: Number}

// Place is where one value of a body-map finding sits on the drawing: the side and the
// position in whole percent of the drawing's width (X) and height (Y).
type Place struct {
	Value string
	Side  string // "front" or "back"
	X, Y  int
}

// Illustration is a step's picture: an image under /web/img/ and, left to right, the values
// of one of the step's findings that its parts show (their labels are its captions).
type Illustration struct {
	Src           string
	Width, Height int
	Alt           Text
	Finding       string
	Values        []string
}

// GuidePart is one part of a step's how-to, shown with its illustration: an optional
// heading and a paragraph.
type GuidePart struct {
	Title, Text Text
}

// UIText is one text an interface shows: its key (in meta.ui, or a text of meta itself) and
// the placeholders ("{number}") every language's text must contain, so that a translation
// can put them where its grammar wants.
type UIText struct {
	Key  string
	Args []string
}

// Option changes what Load checks.
type Option func(*loader)

// Prechecked makes Load skip what only validation needs, for a base that a full Load has
// already accepted: the app's bundled one, which `make build` refuses to build without
// `server check`. It skips the strict JSON scan, the checks of keys, texts, translations, the
// UI's texts, display hints, the vocabulary and reachability, and reads the texts in place
// (data must never change). Evaluation, the next question and every text are the same as a
// full Load's (TestPrecheckedLoadIsTheFullLoad); a problem the loader still meets on the way
// is still an error.
func Prechecked() Option {
	return func(l *loader) { l.prechecked = true }
}

// RequireUI makes Load check that every text of the list is there in every language of
// meta.languages, with exactly its placeholders, that meta.language_names names each, and that meta.ui has no key outside the list
// (a misspelt key would otherwise sit unused while the UI misses its text). The UI declares
// the list; the engine knows nothing of the UI.
func RequireUI(texts []UIText) Option {
	return func(l *loader) { l.uiTexts = texts }
}

var (
	placeholderRE = regexp.MustCompile(`\{[a-z_]+\}`)
	languageRE    = regexp.MustCompile(`^[a-z]{2}$`)
	imageRE       = regexp.MustCompile(`^/web/img/[a-z0-9][a-z0-9-]*\.(svg|png|webp)$`)
)

// checkUITexts is RequireUI's check, run once meta is read.
func (l *loader) checkUITexts() {
	if l.uiTexts == nil || l.prechecked {
		return
	}
	meta := l.k.meta
	for _, lang := range meta.Languages {
		if meta.LanguageNames[lang] == "" && !hasProblemAt(l.problems, "meta.language_names."+lang) {
			l.problem("meta.language_names."+lang, "missing: the language picker names every listed language in itself")
		}
	}
	known := map[string]bool{}
	for _, want := range l.uiTexts {
		known[want.Key] = true
		t, path := meta.UI[want.Key], "meta.ui."+want.Key
		if t.IsZero() && !meta.Texts[want.Key].IsZero() {
			t, path = meta.Texts[want.Key], "meta."+want.Key
		}
		if t.IsZero() {
			l.problem(path, "missing text: the UI shows it")
			continue
		}
		for _, lang := range meta.Languages {
			s, ok := t.Lang(lang)
			if !ok {
				continue // the loader's translation check reports it
			}
			got := placeholderRE.FindAllString(s, -1)
			for _, a := range want.Args {
				if !slices.Contains(got, "{"+a+"}") {
					l.problem(join(path, lang), "lacks the placeholder {%s}", a)
				}
			}
			for _, g := range got {
				if !slices.Contains(want.Args, strings.Trim(g, "{}")) {
					l.problem(join(path, lang), "unknown placeholder %s (want %s)", g, placeholders(want.Args))
				}
			}
		}
	}
	for key := range meta.UI {
		if !known[key] {
			l.problem("meta.ui."+key, "the UI has no text %q (a misspelt key?)", key)
		}
	}
}

func placeholders(args []string) string {
	if len(args) == 0 {
		return "none"
	}
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = "{" + a + "}"
	}
	return strings.Join(out, ", ")
}

// loadStepDisplay reads a step's display hints: checklist, illustration and guide. The
// illustration's finding is checked later, in checkDisplay, once the findings are read.
func (l *loader) loadStepDisplay(st *Step, s fields, p string) {
	st.Checklist = s.Get("checklist").Bool()
	if c := s.Get("checklist"); c.Exists() && !c.IsBool() {
		l.problem(p+".checklist", "want true or false, got %s", jsonKind(c))
	}
	if ill := s.Get("illustration"); ill.Exists() {
		ip := p + ".illustration"
		o := objectFields(ill, 6)
		l.checkKeys(o, ip, "src", "width", "height", "alt", "finding", "values")
		st.Illustration = &Illustration{
			Src:     l.str(o, ip, "src"),
			Width:   int(l.number(o, ip, "width", 1, 4000)),
			Height:  int(l.number(o, ip, "height", 1, 4000)),
			Alt:     l.text(o, ip, "alt", true),
			Finding: l.str(o, ip, "finding"),
		}
		if src := st.Illustration.Src; src != "" && !imageRE.MatchString(src) {
			l.problem(ip+".src", "want an image under /web/img/ such as /web/img/glass-test.svg, got %q", src)
		}
		for i, v := range l.array(o.Get("values"), ip+".values") {
			st.Illustration.Values = append(st.Illustration.Values, v.String())
			if v.Type != gjson.String {
				l.problem(ip+".values."+strconv.Itoa(i), "want a value id, got %s", jsonKind(v))
			}
		}
	}
	if g := s.Get("guide"); g.Exists() {
		for _, o := range l.objects(g, p+".guide", "title", "text") {
			st.Guide = append(st.Guide, GuidePart{Title: l.text(o.fields, o.path, "title", false), Text: l.text(o.fields, o.path, "text", true)})
		}
	}
}

// loadFindingDisplay reads a finding's display hints: widget and, for the body map, places.
func (l *loader) loadFindingDisplay(d *Finding, f fields, p string) {
	w := f.Get("widget")
	if w.Exists() {
		d.Widget = w.String()
		kind, ok := widgetKinds[d.Widget]
		switch {
		case !ok:
			l.problem(p+".widget", "unknown widget %q (want %s or %s)", w.String(), WidgetBodyMap, WidgetAge)
		case kind != d.Kind:
			l.problem(p+".widget", "widget %q is for %s findings, not %s", d.Widget, kind, d.Kind)
		}
	}
	places := f.Get("places")
	if places.Exists() && d.Widget != WidgetBodyMap {
		l.problem(p+".places", "places are for the %s widget only", WidgetBodyMap)
		return
	}
	if d.Widget != WidgetBodyMap {
		return
	}
	for _, o := range l.objects(places, p+".places", "value", "side", "x", "y") {
		pl := Place{
			Value: l.str(o.fields, o.path, "value"),
			Side:  l.str(o.fields, o.path, "side"),
			X:     l.percent(o.fields, o.path, "x"),
			Y:     l.percent(o.fields, o.path, "y"),
		}
		if pl.Value != "" && d.valueIndex(pl.Value) < 0 {
			l.problem(o.path+".value", "%q is not a value of %q", pl.Value, d.ID)
		}
		if pl.Side != "" && pl.Side != "front" && pl.Side != "back" {
			l.problem(o.path+".side", "want front or back, got %q", pl.Side)
		}
		d.Places = append(d.Places, pl)
	}
}

// percent reads a whole number from 0 to 100: the UI places spots on a grid of whole percent
// (CSS classes, since the page allows no inline styles).
func (l *loader) percent(obj fields, path, key string) int {
	x := l.number(obj, path, key, 0, 100)
	if x != float64(int(x)) {
		l.problem(join(path, key), "want a whole percent, got %s", formatNum(x))
	}
	return int(x)
}

// checkDisplay checks what display hints refer to, once every finding is read.
func (l *loader) checkDisplay() {
	for i, st := range l.k.steps {
		ill := st.Illustration
		if ill == nil || ill.Finding == "" {
			continue
		}
		ip := fmt.Sprintf("steps.%d.illustration", i)
		d := l.k.findingByID[ill.Finding]
		if d == nil || d.Step != st.ID {
			l.problem(ip+".finding", "%q is not a finding of step %q", ill.Finding, st.ID)
			continue
		}
		for j, v := range ill.Values {
			if d.valueIndex(v) < 0 {
				l.problem(fmt.Sprintf("%s.values.%d", ip, j), "%q is not a value of %q", v, d.ID)
			}
		}
	}
}
