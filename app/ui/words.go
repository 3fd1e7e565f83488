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

// ui returns an interface text in the language, with its placeholders ("{number}") replaced
// by vals in the order the text declares them: ui(tProgress, "2", "8"). Load has checked that
// every listed language has the text with exactly these placeholders.
func (w words) ui(t triage.UIText, vals ...string) string {
	s := w.k.UI(t.Key, w.lang)
	if len(t.Args) == 0 {
		return s
	}
	pairs := make([]string, 0, 2*len(t.Args))
	for i, name := range t.Args {
		if i < len(vals) {
			pairs = append(pairs, "{"+name+"}", vals[i])
		}
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// text returns a text of the knowledge base in the language.
func (w words) text(t triage.Text) string { return t.In(w.lang) }

// unsure is the "not sure" answer of a finding: the words of its value that stands for not
// known (the glass test's "I have not done the test or cannot tell"), else its own or the
// generic "Not sure".
func (w words) unsure(d *triage.Finding) string {
	if u := d.UnknownValue(); u != "" {
		return d.Label(u, w.lang)
	}
	if s := w.text(d.Unsure); s != "" {
		return s
	}
	return w.ui(tUnsure)
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
			return w.ui(tNoneOfThese)
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
		return w.ui(tYes)
	}
	return w.ui(tNo)
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
