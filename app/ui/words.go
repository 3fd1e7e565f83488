package ui

import (
	"strconv"
	"strings"

	"spotcheck/app/triage"
)

// words picks every shown text from the knowledge base in one language.
type words struct {
	k    *triage.Knowledge
	lang string
}

// ui returns the interface string with the key (meta.ui, then meta), with each {name} in
// args replaced: ui("progress", "n", "2", "total", "8").
func (w words) ui(key string, args ...string) string {
	s := w.k.UI(key, w.lang)
	if len(args) == 0 {
		return s
	}
	for i := range args {
		if i%2 == 0 {
			args[i] = "{" + args[i] + "}"
		}
	}
	return strings.NewReplacer(args...).Replace(s)
}

// text returns a text of the knowledge base in the language.
func (w words) text(t triage.Text) string { return t.In(w.lang) }

// unsure is the "not sure" answer of a finding.
func (w words) unsure(d *triage.Finding) string {
	if s := w.text(d.Unsure); s != "" {
		return s
	}
	return w.ui("unsure")
}

// answer says a finding's answer in words, or "" when it was not asked.
func (w words) answer(s *session, d *triage.Finding) string {
	a, ok := s.f.Value(d.ID)
	switch {
	case !ok && s.f.Asked(d.ID):
		return w.unsure(d)
	case !ok:
		return ""
	}
	switch d.Kind {
	case triage.Bool:
		return w.yesNo(a.Bool)
	case triage.Number:
		return w.number(d, a.Num)
	case triage.Choice:
		return d.Label(a.Choice, w.lang)
	default:
		if len(a.Set) == 0 {
			return w.ui("none_of_these")
		}
		labels := make([]string, len(a.Set))
		for i, v := range a.Set {
			labels[i] = d.Label(v, w.lang)
		}
		return strings.Join(labels, ", ")
	}
}

// value says an evidence value ("yes", "no", a value id or a number) in words.
func (w words) value(d *triage.Finding, v string) string {
	switch d.Kind {
	case triage.Bool:
		return w.yesNo(v == "yes")
	case triage.Number:
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return v
		}
		return w.number(d, x)
	default:
		return d.Label(v, w.lang)
	}
}

func (w words) yesNo(b bool) string {
	if b {
		return w.ui("yes")
	}
	return w.ui("no")
}

// number says a number with the finding's unit.
func (w words) number(d *triage.Finding, x float64) string {
	s := formatNum(x)
	if u := w.text(d.Unit); u != "" {
		s += " " + u
	}
	return s
}

// formatNum writes a number as a person would: 2, 0.5, 365.
func formatNum(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
