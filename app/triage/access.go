package triage

import (
	"cmp"
	"slices"
)

// computeOrder sets the interview order: steps in file order, questions in file order within.
func (k *Knowledge) computeOrder() {
	k.order = k.order[:0]
	for _, st := range k.steps {
		for _, id := range st.Findings {
			k.order = append(k.order, k.findingByID[id].index)
		}
	}
}

// index builds the lookup tables Evaluate and NextQuestion use.
func (k *Knowledge) index() {
	k.computeOrder()
	k.termsOf = make([][]termRef, len(k.findings))
	for ci, c := range k.conditions {
		for ti := range c.terms {
			t := &c.terms[ti]
			k.termsOf[t.index] = append(k.termsOf[t.index], termRef{ci, t})
		}
	}
	k.candidates = make([][]slot, len(k.findings))
	for i := range k.findings {
		k.candidates[i] = k.makeCandidates(i)
		k.findings[i].base = k.baseRates(i)
	}
	k.rulesOf = make([][]int, len(k.findings))
	for r, rule := range k.rules {
		rule.when.refs(func(i int) {
			if !slices.Contains(k.rulesOf[i], r) {
				k.rulesOf[i] = append(k.rulesOf[i], r)
			}
		})
	}
	k.redFlagsOf = make([][]int, len(k.findings))
	for i, rules := range k.rulesOf {
		for _, r := range rules {
			if k.rules[r].Kind == "red_flag" {
				k.redFlagsOf[i] = append(k.redFlagsOf[i], r)
			}
		}
		slices.SortStableFunc(k.redFlagsOf[i], func(a, b int) int { return cmp.Compare(k.rules[b].Urgency, k.rules[a].Urgency) })
	}
	k.rulesByUrgency = make([]int, len(k.rules))
	for r := range k.rules {
		k.rulesByUrgency[r] = r
	}
	slices.SortStableFunc(k.rulesByUrgency, func(a, b int) int { return cmp.Compare(k.rules[b].Urgency, k.rules[a].Urgency) })
	k.markDanger()
	k.markPartners()
	k.markDecisivePartners()
	for _, c := range k.conditions {
		for ti := range c.terms {
			t := &c.terms[ti]
			t.given = t.answerGiven(k.findings[t.index], k.candidates[t.index])
		}
	}
}

// Meta returns the knowledge base's meta section.
func (k *Knowledge) Meta() Meta { return k.meta }

// UI returns the interface string with the key in lang (English as a fallback), or the key
// itself when the knowledge base lacks it, so that a missing string shows rather than hides.
func (k *Knowledge) UI(key, lang string) string {
	if t := k.meta.UI[key]; !t.IsZero() {
		return t.In(lang)
	}
	if t := k.meta.Texts[key]; !t.IsZero() {
		return t.In(lang)
	}
	return key
}

// Sources returns every source, in file order.
func (k *Knowledge) Sources() []*Source { return k.sources }

// Source returns the source with the id, or nil.
func (k *Knowledge) Source(id string) *Source { return k.sourceByID[id] }

// UrgencyInfo returns the wording of an urgency level.
func (k *Knowledge) UrgencyInfo(u Urgency) UrgencyInfo {
	if u < SelfCare || u > Emergency {
		return UrgencyInfo{}
	}
	return k.urgencies[u]
}

// Steps returns the interview's steps in order.
func (k *Knowledge) Steps() []*Step { return k.steps }

// Step returns the step with the id, or nil.
func (k *Knowledge) Step(id string) *Step { return k.stepByID[id] }

// Findings returns every finding (question), in file order.
func (k *Knowledge) Findings() []*Finding { return k.findings }

// Finding returns the finding with the id, or nil.
func (k *Knowledge) Finding(id string) *Finding { return k.findingByID[id] }

// Conditions returns every condition, in file order.
func (k *Knowledge) Conditions() []*Condition { return k.conditions }

// Condition returns the condition with the id, or nil.
func (k *Knowledge) Condition(id string) *Condition { return k.conditionByID[id] }

// Rules returns every red-flag and floor rule, in file order.
func (k *Knowledge) Rules() []*Rule { return k.rules }

// Assessments returns what the interview asks once a condition holds, in file order.
func (k *Knowledge) Assessments() []*Assessment { return k.assessments }

// Applies reports whether a finding's question should be asked given what is known: its
// ask_if holds (a finding without ask_if always applies).
func (k *Knowledge) Applies(f *Findings, id string) bool {
	d := k.findingByID[id]
	if d == nil {
		return false
	}
	return d.askIf == nil || d.askIf.eval(k.own(f).vals)
}

// Prune forgets the answers to questions that no longer apply, as when a pregnancy was
// answered and the sex then changed. It goes in interview order, so that an answer it forgets
// can make a later question not apply either, and returns the ids it forgot. Findings made by
// another Knowledge are left alone.
func (k *Knowledge) Prune(f *Findings) []string {
	if f == nil || f.k != k {
		return nil
	}
	var gone []string
	for _, i := range k.order {
		d := k.findings[i]
		s := f.vals[i]
		if (s.known || s.unsure) && d.askIf != nil && !d.askIf.eval(f.vals) {
			f.vals[i] = slot{}
			gone = append(gone, d.ID)
		}
	}
	return gone
}

// Label returns the label of a value of a choice or set finding in lang, or the id.
func (d *Finding) Label(value, lang string) string {
	if i := d.valueIndex(value); i >= 0 {
		return d.Values[i].Label.In(lang)
	}
	return value
}
