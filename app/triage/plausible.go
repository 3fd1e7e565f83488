package triage

import (
	"math"
	"slices"
)

// Base rates and answer probabilities per cause, computed once at load for plausibility.

// baseRates returns, per candidate slot of finding i (candidateSlots order, the unknown
// first with 0), how often people using the checker give that answer before anything is
// known: a bool's base_rate, else the one its causes' ratios imply, else
// meta.answer_base_rate, for yes; a choice's base_rate
// per value, the rest shared equally; each place of a set as a bool, and for none of them
// the chance of no place; a number's probes equally.
func (k *Knowledge) baseRates(i int) []float64 {
	d := k.findings[i]
	cands := k.candidateSlots(i)
	base := make([]float64, len(cands))
	b := k.meta.AnswerBaseRate
	switch d.Kind {
	case Bool:
		switch implied := k.impliedBaseRate(i); {
		case d.baseRate >= 0:
			b = d.baseRate
		case implied > 0:
			b = implied
		}
		for j, s := range cands[1:] {
			base[j+1] = b
			if !s.b {
				base[j+1] = 1 - b
			}
		}
	case Choice:
		rates := d.valueRates(-1)
		for j, s := range cands[1:] {
			base[j+1] = rates[s.choice]
		}
	case Set:
		rates := d.valueRates(b)
		none := 1.0
		for _, r := range rates {
			none *= 1 - r
		}
		for j, s := range cands[1:] {
			if s.set == 0 {
				base[j+1] = none
			} else {
				base[j+1] = rates[setIndex(s.set)]
			}
		}
	case Number:
		for j := range cands[1:] {
			base[j+1] = 1 / float64(len(cands)-1)
		}
	}
	return base
}

// impliedMinCauses is how many causes must imply a base rate before their median is used:
// fewer scatter too much (unwell: 0.14 to 0.42 from four causes) to stand for all users.
const impliedMinCauses = 5

// impliedBaseRate returns the base rate of a bool finding's yes that the causes' own ratios
// imply, or 0 when fewer than impliedMinCauses do. A cause that gives both ratios,
// yes = P(yes|c)/P(yes|not c) and no = P(no|c)/P(no|not c), fixes P(yes|not c) =
// (1 - no)/(yes - no); the median over the causes is the rate among people without any one
// of them, which is most users (fever: 0.25 from 15 causes).
func (k *Knowledge) impliedBaseRate(i int) float64 {
	var rates []float64
	for _, r := range k.termsOf[i] {
		y, n := r.term.yes.lr, r.term.no.lr
		if y > 0 && n > 0 && (y > 1 && n < 1 || y < 1 && n > 1) {
			rates = append(rates, (1-n)/(y-n))
		}
	}
	if len(rates) < impliedMinCauses {
		return 0
	}
	slices.Sort(rates)
	return rates[len(rates)/2]
}

// valueRates returns the base rate of each value: as given, else fill (a set's places), or,
// for fill < 0 (a choice), an equal part of what the given ones leave.
func (d *Finding) valueRates(fill float64) []float64 {
	rates := make([]float64, len(d.Values))
	given, open := 0.0, 0
	for v := range rates {
		rates[v] = -1
		if d.Values[v].Unknown { // not an answer (see UnknownValue): no share of the answers
			rates[v] = 0
			continue
		}
		if d.valueRate != nil {
			rates[v] = d.valueRate[v]
		}
		if rates[v] >= 0 {
			given += rates[v]
		} else {
			open++
		}
	}
	for v := range rates {
		if rates[v] >= 0 {
			continue
		}
		rates[v] = fill
		if fill < 0 {
			rates[v] = max(1-given, 0.01) / float64(open)
		}
	}
	return rates
}

func setIndex(mask uint64) int {
	for v := range 64 {
		if mask&(1<<v) != 0 {
			return v
		}
	}
	return -1
}

// answerGiven returns, per candidate slot of the finding, the probability of that answer
// among people who have the cause: base rate times the cause's likelihood ratio, normalised
// over the answers (a set's places each as a bool). A ratio the cause does not give is 1.
func (t *term) answerGiven(d *Finding, cands []slot) []float64 {
	given := make([]float64, len(cands))
	lr := func(s slot) float64 {
		x, _ := t.logLR(s)
		return math.Exp(x)
	}
	switch d.Kind {
	case Set:
		none := 1.0
		for v := range d.Values {
			s := slot{known: true, set: 1 << v}
			b := d.base[indexOfSlot(cands, s)]
			p := lr(s) * b / (lr(s)*b + 1 - b)
			none *= 1 - p
			given[indexOfSlot(cands, s)] = p
		}
		given[indexOfSlot(cands, slot{known: true})] = none
	default:
		sum := 0.0
		for j, s := range cands[1:] {
			given[j+1] = lr(s) * d.base[j+1]
			sum += given[j+1]
		}
		for j := range given {
			given[j] /= sum
		}
	}
	return given
}

func indexOfSlot(cands []slot, s slot) int {
	for j, c := range cands {
		if c == s {
			return j
		}
	}
	return 0
}
