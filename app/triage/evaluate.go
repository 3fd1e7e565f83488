package triage

import (
	"cmp"
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
		_ = g.Set(d.ID, a) // a value the other base allows but this one does not stays unknown
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

// Evaluate returns the urgency with its reasons and safety nets, the matched rules, and every
// condition ranked with the evidence for and against it. Unknown findings count for nothing
// in the ranking; in the urgency, their plausible worse answers set floors (see assess). nil
// means nothing known.
func (k *Knowledge) Evaluate(f *Findings) Result {
	f = k.own(f)
	lo := k.logOdds(f.vals, make([]float64, 0, len(k.conditions)))
	var res Result
	res.Urgency, res.Because, res.SafetyNets = k.assess(f.vals, lo)
	for _, r := range res.Because {
		if r.Rule != nil {
			res.Rules = append(res.Rules, r.Rule)
		}
	}
	rank := make([]int, len(lo))
	for i := range rank {
		rank[i] = i
	}
	// In an emergency the causes that carry it lead: an interview that stops at the first
	// screen has not sorted the causes yet, and a parent told to call for help must not read
	// a rash a cream treats as the leading cause.
	leads := make([]bool, len(lo))
	if res.Urgency == Emergency {
		for i, c := range k.conditions {
			leads[i] = slices.ContainsFunc(res.Because, func(r Reason) bool { return carries(r, c) })
		}
	}
	slices.SortStableFunc(rank, func(a, b int) int {
		if leads[a] != leads[b] {
			if leads[a] {
				return -1
			}
			return 1
		}
		return cmp.Compare(lo[b], lo[a])
	})
	res.Conditions = make([]Scored, len(rank))
	snapshot := slices.Clone(f.vals) // Evidence reads it later, whatever happens to f
	for r, i := range rank {
		res.Conditions[r] = Scored{Condition: k.conditions[i], LogOdds: lo[i], Probability: logistic(lo[i]), k: k, vals: snapshot}
	}
	return res
}

// carries is whether the reason, in an emergency, points to c: c's own risk, or an emergency
// rule that names c among its causes.
func carries(r Reason, c *Condition) bool {
	return r.Condition == c || r.Urgency == Emergency && r.Rule != nil && slices.Contains(r.Rule.Causes, c)
}

// Evidence lists the known findings that moved the cause, strongest effect first: LR > 1
// raised it, LR < 1 lowered it. A set finding gives one entry per listed value.
func (s *Scored) Evidence() []Evidence {
	if s.k == nil {
		return nil
	}
	var effects []effect
	for ti := range s.Condition.terms {
		t := &s.Condition.terms[ti]
		if v := s.vals[t.index]; v.known {
			effects = t.effects(ti, v, effects)
		}
	}
	slices.SortStableFunc(effects, func(a, b effect) int { return cmp.Compare(b.weight, a.weight) })
	ev := make([]Evidence, len(effects))
	for i, e := range effects {
		t := &s.Condition.terms[e.term]
		d := s.k.findings[t.index]
		v := s.vals[t.index]
		name := d.valueString(v)
		if e.value >= 0 {
			name = d.Values[e.value].ID
		}
		ev[i] = Evidence{Finding: d.ID, Value: name, LR: t.ratio(v, e.value)}
	}
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
