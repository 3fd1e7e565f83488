package triage

import (
	"math"
	"slices"
)

// topSize is how many leading causes the interview tries to settle.
const topSize = 3

// An answer counts as changing the top three only when it lifts a cause above the third by
// the decisive margin in log-odds (about twice the odds) and to a plausible probability: a
// near-tie, or one unlikely cause overtaking another, is not worth a question.
const (
	decisive  = 0.7
	plausible = 0.1
)

var plausibleLogit = math.Log(plausible / (1 - plausible))

// NextQuestion picks what to ask next. First every question of the "always" steps (the
// emergency signs, the person, the glass test) in order, a step's group at a time; then, step
// by step, the unanswered question that best separates the likely causes, preferring one that
// could change the urgency. Questions whose ask_if does not hold, and those that no answer could make
// change the urgency or the top three causes, are skipped. Done is true when nothing left
// could change them, and at once when the urgency is already an emergency: then the person
// must act, not answer more.
func (k *Knowledge) NextQuestion(f *Findings) Next {
	f = k.own(f)
	vals := f.vals
	lo := k.logOdds(vals, make([]float64, 0, len(k.conditions)))
	urgency := k.urgencyOf(vals, lo)
	if urgency == Emergency {
		return Next{Done: true}
	}
	var next Next
	for _, st := range k.steps {
		if !st.Always {
			continue
		}
		for _, id := range st.Findings {
			d := k.findingByID[id]
			if k.open(vals, d) {
				next.Remaining++
				if next.Step == "" || next.Step == st.ID && len(next.Findings) < st.Group {
					next.Step = st.ID
					next.Findings = append(next.Findings, id)
				}
			}
		}
	}

	p := newProber(k, vals, lo, urgency)
	best, bestScore, bestStep := -1, math.Inf(-1), ""
	for _, i := range k.order {
		d := k.findings[i]
		if k.stepByID[d.Step].Always || !k.open(vals, d) {
			continue
		}
		score, changes := p.probe(i)
		if !changes {
			continue
		}
		next.Remaining++
		// Steps are taken in order, so that the interview reads as one topic at a time.
		if bestStep == "" || d.Step == bestStep && score > bestScore {
			best, bestScore, bestStep = i, score, d.Step
		}
	}
	if next.Step != "" {
		return next
	}
	if best < 0 {
		return Next{Done: true}
	}
	d := k.findings[best]
	next.Step, next.Findings = d.Step, []string{d.ID}
	return next
}

// open reports whether a question is still to be asked: unanswered and its ask_if holds.
func (k *Knowledge) open(vals []slot, d *Finding) bool {
	s := vals[d.index]
	return !s.known && !s.unsure && (d.askIf == nil || d.askIf.eval(vals))
}

// prober tries each possible answer of a question against the current findings.
type prober struct {
	k        *Knowledge
	scratch  []slot
	lo       []float64 // current log-odds
	prob     []float64 // current probabilities
	urgency  Urgency
	top      []int
	tryLo    []float64
	min, max []float64
}

func newProber(k *Knowledge, vals []slot, lo []float64, urgency Urgency) *prober {
	n := len(lo)
	p := &prober{k: k, scratch: slices.Clone(vals), lo: lo, urgency: urgency,
		prob: make([]float64, n), tryLo: make([]float64, n), min: make([]float64, n), max: make([]float64, n)}
	for i, x := range lo {
		p.prob[i] = 1 / (1 + math.Exp(-x))
	}
	p.top = topIndices(lo, topSize, nil)
	return p
}

// probe returns how well question i separates the causes (the spread of each cause's
// log-odds over the answers, weighted by its probability; far more if an answer could change
// the urgency), and whether any answer would change the urgency or the top three.
func (p *prober) probe(i int) (score float64, changes bool) {
	k := p.k
	refs := k.termsOf[i]
	for _, r := range refs {
		p.min[r.condition], p.max[r.condition] = p.lo[r.condition], p.lo[r.condition]
	}
	urgencyMoves := false
	for _, s := range k.candidateSlots(i)[1:] {
		p.scratch[i] = s
		copy(p.tryLo, p.lo)
		for _, r := range refs {
			if x, ok := r.term.logLR(s); ok {
				p.tryLo[r.condition] += x
			}
			p.min[r.condition] = min(p.min[r.condition], p.tryLo[r.condition])
			p.max[r.condition] = max(p.max[r.condition], p.tryLo[r.condition])
		}
		if k.urgencyOf(p.scratch, p.tryLo) != p.urgency {
			urgencyMoves = true
		}
		if p.reshuffles() {
			changes = true
		}
	}
	p.scratch[i] = slot{}
	for _, r := range refs {
		score += p.prob[r.condition] * (p.max[r.condition] - p.min[r.condition])
	}
	if urgencyMoves {
		score += 1000
	}
	return score, changes || urgencyMoves
}

// reshuffles reports whether, in tryLo, a cause outside the current top three becomes
// plausible and beats one inside it by the decisive margin.
func (p *prober) reshuffles() bool {
	third := math.Inf(1)
	for _, i := range p.top {
		third = min(third, p.tryLo[i])
	}
	for i, x := range p.tryLo {
		if x >= third+decisive && x >= plausibleLogit && !slices.Contains(p.top, i) {
			return true
		}
	}
	return false
}

// topIndices returns the indices of the n largest values, largest first (ties: lower index).
func topIndices(xs []float64, n int, buf []int) []int {
	buf = buf[:0]
	for i, x := range xs {
		j := len(buf)
		for j > 0 && xs[buf[j-1]] < x {
			j--
		}
		if j < n {
			buf = slices.Insert(buf, j, i)
			if len(buf) > n {
				buf = buf[:n]
			}
		}
	}
	return buf
}
