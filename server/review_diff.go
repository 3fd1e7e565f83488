package main

import (
	"io"
	"slices"
	"strconv"
	"strings"

	"spotcheck/app/triage"
)

// What changed between two knowledge files, for reviewing a change before it ships. Both
// files are flattened into the same facts (one labelled line each: a text, a number, a rule in
// words) per statement, and the facts are compared.

type entity struct {
	ID, Title string
	Facts     []fact
}

type fact struct{ Label, Value string }

type change struct{ Label, Old, New string }

type entityChange struct {
	ID, Title string
	Changes   []change
}

type sectionDiff struct {
	Name    string
	Added   []entity
	Removed []entity
	Changed []entityChange
}

// Empty reports whether nothing in the section changed.
func (s sectionDiff) Empty() bool { return len(s.Added)+len(s.Removed)+len(s.Changed) == 0 }

type knowledgeDiff struct {
	Old, New         fileSummary
	Sections         []sectionDiff
	ContentUnchanged bool
	// Warnings say what the new file still needs before it can ship.
	Warnings []string
}

type fileSummary struct{ File, Version, Reviewed, Hash, RecordedHash string }

func summary(b *loadedBase) fileSummary {
	m := b.k.Meta()
	return fileSummary{b.name, m.Version, m.Reviewed, b.hash, m.ContentHash}
}

// warnings lists what a changed content still needs: a new version, a new review date, and
// its hash recorded.
func (d *knowledgeDiff) warnings() []string {
	if d.ContentUnchanged {
		return nil
	}
	var w []string
	if d.Old.Version == d.New.Version {
		w = append(w, "The clinical content changed but meta.version did not: give it a new version.")
	}
	if d.Old.Reviewed == d.New.Reviewed {
		w = append(w, "The clinical content changed but meta.reviewed did not: review it and give the review date.")
	}
	if d.New.RecordedHash != d.New.Hash {
		w = append(w, "The new file's meta.content_hash is not the hash of its content: record the one that “server review -hash” prints.")
	}
	return w
}

// Changes counts the changed statements.
func (d *knowledgeDiff) Changes() int {
	n := 0
	for _, s := range d.Sections {
		n += len(s.Added) + len(s.Removed) + len(s.Changed)
	}
	return n
}

// sectionNames are the parts of a knowledge base as the diff lists them.
var sectionNames = []string{"Meta", "Causes", "Rules", "Assessments", "Definitions", "Questions", "Sources"}

func diffBases(old, new *loadedBase) *knowledgeDiff {
	d := &knowledgeDiff{Old: summary(old), New: summary(new), ContentUnchanged: old.hash == new.hash}
	before, after := entitiesOf(old.k), entitiesOf(new.k)
	for i, name := range sectionNames {
		d.Sections = append(d.Sections, diffSection(name, before[i], after[i]))
	}
	d.Warnings = d.warnings()
	return d
}

func diffSection(name string, old, new []entity) sectionDiff {
	s := sectionDiff{Name: name}
	oldByID := map[string]entity{}
	for _, e := range old {
		oldByID[e.ID] = e
	}
	newIDs := map[string]bool{}
	for _, e := range new {
		newIDs[e.ID] = true
		was, ok := oldByID[e.ID]
		if !ok {
			s.Added = append(s.Added, e)
			continue
		}
		if cs := diffFacts(was.Facts, e.Facts); len(cs) > 0 {
			s.Changed = append(s.Changed, entityChange{e.ID, e.Title, cs})
		}
	}
	for _, e := range old {
		if !newIDs[e.ID] {
			s.Removed = append(s.Removed, e)
		}
	}
	return s
}

func diffFacts(old, new []fact) []change {
	was := map[string]string{}
	for _, f := range old {
		was[f.Label] = f.Value
	}
	var cs []change
	seen := map[string]bool{}
	for _, f := range new {
		seen[f.Label] = true
		if v, ok := was[f.Label]; !ok || v != f.Value {
			cs = append(cs, change{f.Label, v, f.Value})
		}
	}
	for _, f := range old {
		if !seen[f.Label] {
			cs = append(cs, change{f.Label, f.Value, ""})
		}
	}
	return cs
}

// entitiesOf flattens a knowledge base into facts, by section in sectionNames' order.
func entitiesOf(k *triage.Knowledge) [][]entity {
	m := k.Meta()
	meta := entity{ID: "meta", Title: "Meta", Facts: []fact{
		{"Version", m.Version}, {"Review date", m.Reviewed}, {"Recorded content hash", m.ContentHash},
		{"Risk threshold soon", formatNum(m.RiskThreshold[triage.Soon])},
		{"Risk threshold urgent", formatNum(m.RiskThreshold[triage.Urgent])},
		{"Risk threshold emergency", formatNum(m.RiskThreshold[triage.Emergency])},
		{"Unlisted prior", formatNum(m.UnlistedPrior)}, {"Answer base rate", formatNum(m.AnswerBaseRate)}, {"Plausible answer", formatNum(m.PlausibleAnswer)},
		{"Ask threshold", formatNum(m.AskThreshold)}, {"Question budget", strconv.Itoa(m.QuestionBudget)},
		{"Unexplained: least evidence for a reading", formatNum(m.MinEvidence)}, {"Unexplained: evidence beyond step", m.EvidenceBeyond}}}
	for _, key := range sortedTextKeys(m.Texts) {
		meta.Facts = append(meta.Facts, fact{"Text " + key, m.Texts[key].In(reviewLang)})
	}
	for _, key := range sortedTextKeys(m.UI) {
		meta.Facts = append(meta.Facts, fact{"Interface text " + key, m.UI[key].In(reviewLang)})
	}
	for u := triage.SelfCare; u <= triage.Emergency; u++ {
		info := k.UrgencyInfo(u)
		meta.Facts = append(meta.Facts, fact{"Urgency " + u.String() + " label", info.Label.In(reviewLang)},
			fact{"Urgency " + u.String() + " action", info.Action.In(reviewLang)})
	}
	sourceTitles := func(ids []string) string {
		titles := make([]string, len(ids))
		for i, id := range ids {
			titles[i] = k.Source(id).Title
		}
		return strings.Join(titles, "; ")
	}
	review := func(r triage.Review) string { return r.Status + " (" + r.By + ", " + r.Date + ")" }
	var causes, rules, assessments, defs, questions, sources []entity
	for _, c := range k.Conditions() {
		e := entity{ID: c.ID, Title: c.Name.In(reviewLang), Facts: []fact{
			{"Name", c.Name.In(reviewLang)}, {"Urgency when likely", c.Urgency.String()}, {"Prior", formatNum(c.Prior)}}}
		for _, t := range c.Texts() {
			e.Facts = append(e.Facts, fact{causeTextLabel(k, t.Key), t.Text.In(reviewLang)})
		}
		for _, r := range c.Ratios(k) {
			e.Facts = append(e.Facts, fact{"LR: " + question(k, r.Finding) + " " + ratioAnswer(k, r), formatLR(r.LR)})
		}
		for _, r := range c.Ratios(k) {
			if n, ok := c.LRNotes[r.Finding]; ok {
				e.Facts = append(e.Facts, fact{"LR note: " + question(k, r.Finding), strings.TrimPrefix(sourceTitles([]string{n.Source})+": "+n.Why, ": ")})
			}
		}
		e.Facts = append(e.Facts, fact{"Sources", sourceTitles(c.Sources)}, fact{"Review", review(c.Review)})
		causes = append(causes, dedupeFacts(e))
	}
	for _, r := range k.Rules() {
		names := make([]string, len(r.Causes))
		for i, c := range r.Causes {
			names[i] = c.Name.In(reviewLang)
		}
		rules = append(rules, entity{ID: r.ID, Title: r.Title.In(reviewLang), Facts: []fact{
			{"Title", r.Title.In(reviewLang)}, {"Kind", ruleKind(r.Kind)}, {"Urgency", r.Urgency.String()},
			{"When", clauseSentence(k, r.When(), true).Words()}, {"Message", r.Message.In(reviewLang)},
			{"Points to", strings.Join(names, ", ")}, {"Sources", sourceTitles(r.Sources)}, {"Review", review(r.Review)}}})
	}
	for _, a := range k.Assessments() {
		assessments = append(assessments, entity{ID: a.ID, Title: a.ID, Facts: []fact{
			{"When", clauseSentence(k, a.When(), true).Words()}, {"Asks", strings.Join(assessQuestions(k, a), "; ")},
			{"Note", a.Note}, {"Sources", sourceTitles(a.Sources)}, {"Review", review(a.Review)}}})
	}
	for _, d := range k.Defs() {
		defs = append(defs, entity{ID: d.ID, Title: d.Title.In(reviewLang), Facts: []fact{
			{"Title", d.Title.In(reviewLang)}, {"When", clauseSentence(k, d.When(), true).Words()}}})
	}
	for _, f := range k.Findings() {
		e := entity{ID: f.ID, Title: f.Question.In(reviewLang), Facts: []fact{
			{"Question", f.Question.In(reviewLang)}, {"Help", f.Help.In(reviewLang)}, {"Step", f.Step},
			{"Answers", answers(f)}}}
		for _, v := range f.Values {
			if h := v.Help.In(reviewLang); h != "" {
				e.Facts = append(e.Facts, fact{"Help for " + v.Label.In(reviewLang), h})
			}
		}
		if c, ok := f.AskIf(); ok {
			e.Facts = append(e.Facts, fact{"Asked only if", clauseSentence(k, c, true).Words()})
		}
		questions = append(questions, e)
	}
	for _, s := range k.Sources() {
		sources = append(sources, entity{ID: s.ID, Title: s.Title, Facts: []fact{
			{"Title", s.Title}, {"Publisher", s.Publisher}, {"Year", formatNum(float64(s.Year))}, {"Link", s.Link()}}})
	}
	return [][]entity{{meta}, causes, rules, assessments, defs, questions, sources}
}

// dedupeFacts keeps the first fact of each label: two notes of one finding (one per answer
// row) are one fact.
func dedupeFacts(e entity) entity {
	seen := map[string]bool{}
	out := e.Facts[:0]
	for _, f := range e.Facts {
		if !seen[f.Label] {
			seen[f.Label] = true
			out = append(out, f)
		}
	}
	e.Facts = out
	return e
}

func sortedTextKeys(m map[string]triage.Text) []string {
	var keys []string
	for key := range m {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	return keys
}

func writeDiff(w io.Writer, format string, d *knowledgeDiff) error {
	if format == "md" {
		return diffMD.Execute(w, d)
	}
	return diffHTML.Execute(w, d)
}
