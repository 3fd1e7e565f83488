package triage

import (
	"cmp"
	"math"
	"slices"
)

// own returns findings that index like k: f itself, or, for findings made by another
// Knowledge, a copy by id; nil is no findings at all.
func (k *Knowledge) own(f *Findings) *Findings {
	if f != nil && f.k == k {
		return f
	}
	g := k.NewFindings()
	if f == nil {
		return g
	}
	for i, d := range f.k.findings {
		mine := k.findingByID[d.ID]
		if mine == nil || mine.Kind != d.Kind || !f.vals[i].known {
			continue
		}
		a, _ := f.Value(d.ID)
		switch d.Kind {
		case Bool:
			_ = g.SetBool(d.ID, a.Bool)
		case Number:
			_ = g.SetNumber(d.ID, a.Num)
		case Choice:
			_ = g.SetChoice(d.ID, a.Choice)
		case Set:
			_ = g.SetSet(d.ID, a.Set)
		}
	}
	return g
}

// logOdds returns each condition's log-odds for the findings, in file order.
func (k *Knowledge) logOdds(vals []slot, out []float64) []float64 {
	out = out[:0]
	for _, c := range k.conditions {
		lo := c.logit
		for i := range c.terms {
			t := &c.terms[i]
			if s := vals[t.index]; s.known {
				if x, ok := t.logLR(s); ok {
					lo += x
				}
			}
		}
		out = append(out, lo)
	}
	return out
}

// likelyLogit is the log-odds at or above which a condition counts as likely.
func (k *Knowledge) likelyLogit() float64 {
	p := k.meta.LikelyThreshold
	return math.Log(p / (1 - p))
}

// urgencyOf returns the urgency the rules and the likely conditions call for.
func (k *Knowledge) urgencyOf(vals []slot, logOdds []float64) Urgency {
	u := SelfCare
	for _, r := range k.rules {
		if r.Urgency > u && r.when.eval(vals) {
			u = r.Urgency
		}
	}
	likely := k.likelyLogit()
	for i, c := range k.conditions {
		if c.Urgency > u && logOdds[i] >= likely {
			u = c.Urgency
		}
	}
	return u
}

// Evaluate returns the urgency, the matched rules, and every condition ranked with the
// evidence for and against it. Unknown findings count for nothing; nil means nothing known.
func (k *Knowledge) Evaluate(f *Findings) Result {
	f = k.own(f)
	var res Result
	for _, r := range k.rules {
		if r.when.eval(f.vals) {
			res.Rules = append(res.Rules, r)
		}
	}
	slices.SortStableFunc(res.Rules, func(a, b *Rule) int { return cmp.Compare(b.Urgency, a.Urgency) })
	for _, r := range res.Rules {
		res.Because = append(res.Because, Reason{Urgency: r.Urgency, Rule: r})
		res.Urgency = max(res.Urgency, r.Urgency)
	}

	lo := k.logOdds(f.vals, make([]float64, 0, len(k.conditions)))
	res.Conditions = make([]Scored, len(k.conditions))
	for i, c := range k.conditions {
		res.Conditions[i] = Scored{Condition: c, LogOdds: lo[i], Probability: 1 / (1 + math.Exp(-lo[i])), Evidence: k.evidence(c, f)}
	}
	slices.SortStableFunc(res.Conditions, func(a, b Scored) int { return cmp.Compare(b.LogOdds, a.LogOdds) })
	likely := k.likelyLogit()
	for _, s := range res.Conditions {
		if s.LogOdds >= likely && s.Condition.Urgency > SelfCare {
			res.Because = append(res.Because, Reason{Urgency: s.Condition.Urgency, Condition: s.Condition})
			res.Urgency = max(res.Urgency, s.Condition.Urgency)
		}
	}
	return res
}

// evidence lists the known findings that moved a condition, strongest first.
func (k *Knowledge) evidence(c *Condition, f *Findings) []Evidence {
	var ev []Evidence
	for i := range c.terms {
		t := &c.terms[i]
		s := f.vals[t.index]
		if !s.known {
			continue
		}
		d := k.findings[t.index]
		switch d.Kind {
		case Set: // one line per listed value, so each place can be named
			for v, x := range t.logValue {
				if s.set&(1<<v) != 0 && x != 0 {
					ev = append(ev, Evidence{Finding: d.ID, Value: d.Values[v].ID, LR: math.Exp(x)})
				}
			}
		default:
			if x, ok := t.logLR(s); ok {
				ev = append(ev, Evidence{Finding: d.ID, Value: d.valueString(s), LR: math.Exp(x)})
			}
		}
	}
	slices.SortStableFunc(ev, func(a, b Evidence) int {
		return cmp.Compare(math.Abs(math.Log(b.LR)), math.Abs(math.Log(a.LR)))
	})
	return ev
}

// valueString names a known slot's value: "yes", "no", a value id, or the number.
func (d *Finding) valueString(s slot) string {
	switch d.Kind {
	case Bool:
		if s.b {
			return "yes"
		}
		return "no"
	case Number:
		return formatNum(s.num)
	case Choice:
		return d.Values[s.choice].ID
	default:
		return d.formatJSON(s)
	}
}

// Top returns the ids of the first n conditions.
func (r *Result) Top(n int) []string {
	n = min(n, len(r.Conditions))
	ids := make([]string, n)
	for i := range n {
		ids[i] = r.Conditions[i].Condition.ID
	}
	return ids
}
