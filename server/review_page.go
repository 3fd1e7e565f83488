package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"spotcheck/app/triage"
)

// The review page's model: the knowledge base in words a clinician reads, built once from the
// loaded Knowledge and written as HTML or Markdown.

// reviewLang is the language the review is written in: English is complete everywhere.
const reviewLang = "en"

type reviewPage struct {
	File, Name, Version, Reviewed string
	RecordedHash, Hash            string
	DraftCauses, DraftRules       int
	Causes                        []causeView
	Rules                         []ruleView
	Defs                          []defView
	Assessments                   []assessView
	Questions                     []questionView
	Sources                       []sourceView
	Reading                       []readingKind
}

// HashMatches reports whether meta.content_hash is the hash of the content.
func (p *reviewPage) HashMatches() bool { return p.RecordedHash == p.Hash }

type causeView struct {
	ID, Name, Urgency, Prior string
	Review                   triage.Review
	Texts                    []gradedText
	Ratios                   []ratioRow
	Sources                  []sourceRef
}

type gradedText struct {
	Label, Text, Grade string
	Hard               bool // over the readability limit
}

// ratioRow is one likelihood ratio; Rows is how many rows its finding spans on its first row
// (0 on the others), so that a finding's question and note are written once.
type ratioRow struct {
	Finding, Question, Answer, LR, Effect string
	Against                               bool
	Note                                  *ratioNote
	Rows                                  int
}

type ratioNote struct {
	Source sourceRef
	Why    string
}

type ruleView struct {
	ID, Title, Kind, Urgency string
	When                     sentence
	Message                  gradedText
	Review                   triage.Review
	Sources                  []sourceRef
	Causes                   []causeRef // the causes the rule points to (Rule.Causes)
}

// causeRef names a cause and links to it.
type causeRef struct{ ID, Name string }

// assessView is what the interview asks once a condition holds (triage.Assessment).
type assessView struct {
	ID, Note  string
	When      sentence
	Questions []string
	Sources   []sourceRef
	Review    triage.Review
}

type defView struct {
	ID, Title string
	When      sentence
	UsedBy    []string // rule titles
}

type questionView struct {
	ID, Step, Question, Help, Answers string
	AskIf                             sentence
	Grade                             string
	Hard                              bool
}

type sourceView struct {
	ID, Title, Publisher, Year, Link string
	CitedBy                          []string
}

type sourceRef struct{ ID, Title string }

type readingKind struct {
	Kind, Median string
	Count, Over  int
	Worst        []triage.Graded
}

// sentence is a condition in words: operators and leaves, each leaf with its ids as Code.
type sentence []segment

type segment struct {
	Text, Code string
	// A leaf's question and answer, whose Text is both.
	Question, Answer string
	Op               bool   // AND, OR, NOT and brackets
	Def              string // a definition's id: the text links to it
	// Break starts a new line before a top-level AND or OR of a long list, for reading.
	Break bool
}

// Words returns the sentence as plain text.
func (s sentence) Words() string {
	var b strings.Builder
	for _, g := range s {
		b.WriteString(g.Text)
	}
	return b.String()
}

// Code returns the sentence with ids instead of words.
func (s sentence) Code() string {
	var b strings.Builder
	for _, g := range s {
		if g.Code != "" {
			b.WriteString(g.Code)
		} else {
			b.WriteString(g.Text)
		}
	}
	return b.String()
}

func buildReviewPage(b *loadedBase) *reviewPage {
	k := b.k
	m := k.Meta()
	p := &reviewPage{File: b.name, Name: m.Texts["name"].In(reviewLang), Version: m.Version, Reviewed: m.Reviewed,
		RecordedHash: m.ContentHash, Hash: b.hash}
	graded := map[string]triage.Graded{}
	for _, g := range triage.GradeTexts(k.UserTexts(reviewLang)) {
		graded[g.Where] = g
	}
	grade := func(label, where, text string) gradedText {
		g := graded[where]
		t := gradedText{Label: label, Text: text}
		if g.Where != "" {
			t.Grade, t.Hard = strconv.FormatFloat(g.Grade, 'f', 1, 64), reviewScale.Misses(g.Grade)
		}
		return t
	}
	cites := map[string][]string{}
	cite := func(ids []string, by string) []sourceRef {
		refs := make([]sourceRef, len(ids))
		for i, id := range ids {
			cites[id] = append(cites[id], by)
			refs[i] = sourceRef{id, k.Source(id).Title}
		}
		return refs
	}
	for _, c := range k.Conditions() {
		name := c.Name.In(reviewLang)
		v := causeView{ID: c.ID, Name: name, Urgency: k.UrgencyInfo(c.Urgency).Label.In(reviewLang),
			Prior: formatShare(c.Prior), Review: c.Review, Sources: cite(c.Sources, "Cause: "+name)}
		if c.Review.Draft() {
			p.DraftCauses++
		}
		for _, t := range c.Texts() {
			v.Texts = append(v.Texts, grade(causeTextLabel(k, t.Key), "conditions."+c.ID+"."+t.Key, t.Text.In(reviewLang)))
		}
		v.Ratios = ratioRows(k, c, func(finding string, n triage.LRNote) *ratioNote {
			if n.Source == "" && n.Why == "" {
				return nil
			}
			note := &ratioNote{Why: n.Why}
			if n.Source != "" {
				note.Source = cite([]string{n.Source}, "Likelihood ratio: "+name+", "+question(k, finding))[0]
			}
			return note
		})
		p.Causes = append(p.Causes, v)
	}
	usedBy := map[string][]string{}
	for _, r := range k.Rules() {
		title := r.Title.In(reviewLang)
		v := ruleView{ID: r.ID, Title: title, Kind: ruleKind(r.Kind), Urgency: urgencyWord(k, r.Urgency),
			When: clauseSentence(k, r.When(), true), Review: r.Review, Sources: cite(r.Sources, "Rule: "+title),
			Message: grade("Message", "rules."+r.ID+".message", r.Message.In(reviewLang))}
		for _, c := range r.Causes {
			v.Causes = append(v.Causes, causeRef{c.ID, c.Name.In(reviewLang)})
		}
		for _, g := range v.When {
			if g.Def != "" {
				usedBy[g.Def] = append(usedBy[g.Def], title)
			}
		}
		p.Rules = append(p.Rules, v)
	}
	// The floor for spots that no cause explains is a rule of the engine's, not of the list:
	// shown with the rules, as a reviewer signs it off with them.
	if u := m.Unexplained; u != nil {
		title := u.Title.In(reviewLang)
		words := "no cause is likelier than the remainder, \u201ca cause not listed, or nothing that needs care\u201d (meta.unlisted_prior " +
			formatShare(m.UnlistedPrior) + ")"
		if m.MinEvidence > 0 {
			words += ", or the answers beyond the step \u201c" + m.EvidenceBeyond + "\u201d make the likeliest cause less than " +
				formatNum(m.MinEvidence) + " times likelier (meta.unexplained.min_evidence)"
		}
		p.Rules = append(p.Rules, ruleView{ID: u.ID, Title: title, Kind: ruleKind(u.Kind), Urgency: urgencyWord(k, u.Urgency),
			When:   sentence{{Text: words, Question: words, Code: "meta.unexplained"}},
			Review: u.Review, Sources: cite(u.Sources, "Rule: "+title), Message: grade("Message", "meta.unexplained.message", u.Message.In(reviewLang))})
	}
	for _, r := range p.Rules {
		if r.Review.Draft() {
			p.DraftRules++
		}
	}
	numbers := k.EmergencyNumbers()
	cite(numbers.Sources, "Emergency numbers (secondary)")
	for _, c := range numbers.Countries {
		cite(c.Sources, "Emergency number: "+c.Code+" "+c.Number)
	}
	for _, a := range k.Assessments() {
		p.Assessments = append(p.Assessments, assessView{ID: a.ID, Note: a.Note, When: clauseSentence(k, a.When(), true),
			Questions: assessQuestions(k, a), Sources: cite(a.Sources, "Assessment: "+a.ID), Review: a.Review})
	}
	for _, d := range k.Defs() {
		p.Defs = append(p.Defs, defView{ID: d.ID, Title: d.Title.In(reviewLang), When: clauseSentence(k, d.When(), true), UsedBy: usedBy[d.ID]})
	}
	for _, f := range k.Findings() {
		q := grade("", "findings."+f.ID+".question", f.Question.In(reviewLang))
		v := questionView{ID: f.ID, Step: k.Step(f.Step).Title.In(reviewLang), Question: q.Text, Grade: q.Grade, Hard: q.Hard,
			Help: f.Help.In(reviewLang), Answers: answers(f)}
		if c, ok := f.AskIf(); ok {
			v.AskIf = clauseSentence(k, c, true)
		}
		p.Questions = append(p.Questions, v)
	}
	for _, s := range k.Sources() {
		p.Sources = append(p.Sources, sourceView{ID: s.ID, Title: s.Title, Publisher: s.Publisher,
			Year: strconv.Itoa(s.Year), Link: s.Link(), CitedBy: cites[s.ID]})
	}
	p.Reading = readingKinds(triage.GradeTexts(k.UserTexts(reviewLang)))
	return p
}

func readingKinds(all []triage.Graded) []readingKind {
	var out []readingKind
	for _, kind := range triage.UserTextKinds {
		var of []triage.Graded
		over := 0
		for _, g := range all {
			if g.Kind == kind {
				of = append(of, g)
				if reviewScale.Misses(g.Grade) {
					over++
				}
			}
		}
		rk := readingKind{Kind: kind, Count: len(of), Over: over, Median: fmt.Sprintf("%.1f", triage.MedianGrade(of))}
		rk.Worst = of[:min(5, len(of))] // hardest first
		out = append(out, rk)
	}
	return out
}

func ratioRows(k *triage.Knowledge, c *triage.Condition, note func(string, triage.LRNote) *ratioNote) []ratioRow {
	var rows []ratioRow
	first := 0
	for i, r := range c.Ratios(k) {
		row := ratioRow{Finding: r.Finding, Answer: ratioAnswer(k, r), LR: formatLR(r.LR), Effect: effect(r.LR), Against: r.LR < 1}
		if i == 0 || r.Finding != rows[first].Finding {
			first = len(rows)
			row.Question = question(k, r.Finding)
			row.Note = note(r.Finding, c.LRNotes[r.Finding])
		}
		rows = append(rows, row)
		rows[first].Rows++
	}
	return rows
}

func ratioAnswer(k *triage.Knowledge, r triage.Ratio) string {
	d := k.Finding(r.Finding)
	switch d.Kind {
	case triage.Bool:
		return yesNo(k, r.Value == "yes")
	case triage.Number:
		return rangeWords(d, r.Min, r.Max)
	}
	return d.Label(r.Value, reviewLang)
}

func yesNo(k *triage.Knowledge, yes bool) string {
	if yes {
		return k.UI("yes", reviewLang)
	}
	return k.UI("no", reviewLang)
}

// effect says in words how far a ratio moves a cause.
func effect(lr float64) string {
	switch {
	case lr >= 10:
		return "strongly for"
	case lr >= 2:
		return "for"
	case lr > 1:
		return "slightly for"
	case lr == 1:
		return "neutral"
	case lr > 0.5:
		return "slightly against"
	case lr > 0.1:
		return "against"
	}
	return "strongly against"
}

func question(k *triage.Knowledge, finding string) string {
	return k.Finding(finding).Question.In(reviewLang)
}

// assessQuestions returns the questions an assessment asks, in its words.
func assessQuestions(k *triage.Knowledge, a *triage.Assessment) []string {
	qs := make([]string, len(a.Ask))
	for i, f := range a.Ask {
		qs[i] = question(k, f.ID)
	}
	return qs
}

func causeTextLabel(k *triage.Knowledge, key string) string {
	ui := map[string]string{"about": "about_cause", "looks": "looks_like", "who": "who_gets_it", "self_care": "self_care", "get_care": "get_care"}[key]
	return k.UI(ui, reviewLang)
}

func answers(f *triage.Finding) string {
	switch f.Kind {
	case triage.Bool:
		return "yes / no"
	case triage.Number:
		return fmt.Sprintf("%s to %s %s", formatNum(f.Min), formatNum(f.Max), f.Unit.In(reviewLang))
	}
	labels := make([]string, len(f.Values))
	for i, v := range f.Values {
		labels[i] = v.Label.In(reviewLang)
	}
	sep := " / "
	if f.Kind == triage.Set {
		sep = " + "
	}
	return strings.Join(labels, sep)
}

func ruleKind(kind string) string {
	if kind == "floor" {
		return "Safety floor (when key facts are unknown)"
	}
	return "Red flag"
}

// urgencyWord is the urgency's label up to its colon: "Emergency" of "Emergency: call now".
func urgencyWord(k *triage.Knowledge, u triage.Urgency) string {
	word, _, _ := strings.Cut(k.UrgencyInfo(u).Label.In(reviewLang), ":")
	return word
}

// longList is how many parts a top-level AND or OR may have on one line.
const longList = 3

// clauseSentence writes a condition in the findings' and answers' words: "A AND (B OR C)".
func clauseSentence(k *triage.Knowledge, c triage.Clause, top bool) sentence {
	op := func(s string) segment { return segment{Text: s, Op: true} }
	switch c.Kind {
	case triage.ClauseAll, triage.ClauseAny:
		word := " AND "
		if c.Kind == triage.ClauseAny {
			word = " OR "
		}
		var s sentence
		group := !top && len(c.Parts) > 1
		if group {
			s = append(s, op("("))
		}
		for i, part := range c.Parts {
			if i > 0 {
				g := op(word)
				g.Break = top && len(c.Parts) > longList
				s = append(s, g)
			}
			s = append(s, clauseSentence(k, part, false)...)
		}
		if group {
			s = append(s, op(")"))
		}
		return s
	case triage.ClauseNot:
		s := sentence{op("NOT (")}
		s = append(s, clauseSentence(k, c.Parts[0], true)...)
		return append(s, op(")"))
	case triage.ClauseDef:
		title := c.Def
		for _, d := range k.Defs() {
			if d.ID == c.Def && d.Title.In(reviewLang) != "" {
				title = d.Title.In(reviewLang)
			}
		}
		return sentence{{Text: "[" + title + "]", Code: "def:" + c.Def, Def: c.Def}}
	}
	q, a := leafWords(k, c)
	return sentence{{Text: q + " " + a, Question: q, Answer: a, Code: leafCode(c)}}
}

// leafWords returns a test on one finding as its question, quoted, and the answer tested.
func leafWords(k *triage.Knowledge, c triage.Clause) (question, answer string) {
	d := k.Finding(c.Finding)
	switch c.Test {
	case "is":
		answer = yesNo(k, c.Is)
	case "known":
		answer = "answered"
		if !c.Is {
			answer = "not answered, or " + k.UI("unsure", reviewLang)
		}
	case "range":
		answer = rangeWords(d, c.Min, c.Max)
	default:
		labels := make([]string, len(c.Values))
		for i, v := range c.Values {
			labels[i] = d.Label(v, reviewLang)
		}
		// Labels may hold commas and "or": a list of them needs its own separator.
		answer = strings.Join(labels, "; ")
		switch {
		case d.Kind == triage.Set && len(labels) > 1:
			answer = "includes any of: " + answer
		case d.Kind == triage.Set:
			answer = "includes " + answer
		case len(labels) > 1:
			answer = "one of: " + answer
		}
	}
	return "“" + d.Question.In(reviewLang) + "”", answer
}

func leafCode(c triage.Clause) string {
	switch c.Test {
	case "is":
		return fmt.Sprintf("%s = %t", c.Finding, c.Is)
	case "known":
		return fmt.Sprintf("%s known = %t", c.Finding, c.Is)
	case "range":
		lo, hi := "-inf", "inf"
		if !triage.Open(c.Min) {
			lo = formatNum(c.Min)
		}
		if !triage.Open(c.Max) {
			hi = formatNum(c.Max)
		}
		return fmt.Sprintf("%s in [%s, %s)", c.Finding, lo, hi)
	}
	return fmt.Sprintf("%s in {%s}", c.Finding, strings.Join(c.Values, ", "))
}

// rangeWords says a band [lo, hi) of a number finding in words: "under 16 years", "16 years
// or more"; a bound at the end of the finding's range is left out.
func rangeWords(d *triage.Finding, lo, hi float64) string {
	unit := d.Unit.In(reviewLang)
	openLo, openHi := triage.Open(lo) || lo <= d.Min, triage.Open(hi) || hi > d.Max
	switch {
	case openLo && openHi:
		return "any " + unit
	case openLo:
		return "under " + formatNum(hi) + " " + unit
	case openHi:
		return formatNum(lo) + " " + unit + " or more"
	}
	return "from " + formatNum(lo) + " to under " + formatNum(hi) + " " + unit
}

func formatNum(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func formatLR(x float64) string { return strconv.FormatFloat(x, 'g', 3, 64) }

// formatShare writes a prior as a percentage with the fraction as written: "4 % (0.04)".
func formatShare(p float64) string {
	return strconv.FormatFloat(p*100, 'g', 3, 64) + " % (" + formatNum(p) + ")"
}

func writeReviewPage(w io.Writer, format string, p *reviewPage) error {
	if format == "md" {
		return reviewMD.Execute(w, p)
	}
	return reviewHTML.Execute(w, p)
}
