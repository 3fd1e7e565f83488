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
// emergency signs, the person, the health background, the glass test) in order, a step's
// group at a time; then by value of information: the open question whose answers could most
// change the urgency, each answer weighted by its plausibility, and among those that cannot,
// the one that best separates the leading causes. An answer counts only when its probability
// reaches meta.ask_threshold. Done is true when no open question has such an answer that could
// change the urgency or the top three, and at once when the known findings already make it an
// emergency: then the person must act, not answer more.
func (k *Knowledge) NextQuestion(f *Findings) Next {
	f = k.own(f)
	vals := f.vals
	lo := k.logOdds(vals, make([]float64, 0, len(k.conditions)))
	urgency := k.decide(vals, lo, nil)
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
					next.Step, next.Checklist = st.ID, st.Checklist
					next.Findings = append(next.Findings, id)
				}
			}
		}
	}

	p := newProber(k, vals, lo, urgency)
	p.sortCauses = k.questionsAnswered(vals) < k.meta.QuestionBudget
	best := -1
	var bestScore voi
	for _, i := range k.order {
		d := k.findings[i]
		if k.stepByID[d.Step].Always || !k.open(vals, d) {
			continue
		}
		score := p.score(i)
		if !score.changes {
			continue
		}
		next.Remaining++
		if best < 0 || score.better(bestScore) {
			best, bestScore = i, score
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

// questionsAnswered counts the questions answered so far as the person answered them: a
// checklist screen (up to its step's group of boxes) once, any other question once.
func (k *Knowledge) questionsAnswered(vals []slot) int {
	n := 0
	for _, st := range k.steps {
		asked := 0
		for _, id := range st.Findings {
			if s := vals[k.findingByID[id].index]; s.known || s.unsure {
				asked++
			}
		}
		if st.Checklist {
			asked = (asked + st.Group - 1) / st.Group
		}
		n += asked
	}
	return n
}

// open reports whether a question is still to be asked: unanswered and its ask_if holds.
func (k *Knowledge) open(vals []slot, d *Finding) bool {
	s := vals[d.index]
	return !s.known && !s.unsure && (d.askIf == nil || d.askIf.eval(vals))
}

// voi is a question's value of information.
type voi struct {
	// urgency is the expected change of the urgency over the answers, in levels, each answer
	// weighted by its plausibility; separation is how far the answers spread the leading
	// causes' log-odds.
	urgency, separation float64
	// changes is true when some answer worth considering would change the urgency or the
	// top three.
	changes bool
}

// better orders questions: urgency first, separation second.
func (v voi) better(w voi) bool {
	if v.urgency != w.urgency {
		return v.urgency > w.urgency
	}
	return v.separation > w.separation
}

// prober tries each possible answer of a question against the current findings.
type prober struct {
	*whatIf
	prob []float64 // current probabilities
	top  []int
	// sortCauses is false once the question budget is spent: then only the urgency counts.
	sortCauses bool
	min, max   []float64
	// final is the urgency with the floors of the unknown findings; floors[i] is the floor
	// finding i sets, first and second the two highest of them, for "the others' floor".
	final         Urgency
	floors        []Urgency
	first, second Urgency
}

func newProber(k *Knowledge, vals []slot, lo []float64, urgency Urgency) *prober {
	n := len(lo)
	p := &prober{whatIf: k.newWhatIf(vals, lo, urgency), prob: make([]float64, n), min: make([]float64, n), max: make([]float64, n),
		floors: make([]Urgency, len(k.findings))}
	for i, x := range lo {
		p.prob[i] = logistic(x)
	}
	p.top = topIndices(lo, topSize, nil)
	p.final = urgency
	for i := range k.findings {
		if !p.unknown(i) {
			continue
		}
		if net, ok := p.floorOf(i); ok && net.Floor > urgency {
			p.floors[i] = net.Floor
			p.final = max(p.final, net.Floor)
			switch {
			case net.Floor >= p.first:
				p.first, p.second = net.Floor, p.first
			case net.Floor > p.second:
				p.second = net.Floor
			}
		}
	}
	return p
}

// othersFloor is the floor that the unknown findings other than i set.
func (p *prober) othersFloor(i int) Urgency {
	if p.floors[i] == p.first {
		return max(p.second, p.urgency)
	}
	return max(p.first, p.urgency)
}

// score returns question i's value of information. The question is worth asking (changes)
// when the expected change of the urgency in levels, or the chance that the answer reshuffles
// the top three, reaches meta.ask_threshold: an answer that could matter but almost never
// comes is not worth the person's time.
func (p *prober) score(i int) (v voi) {
	k := p.k
	refs := k.termsOf[i]
	for _, r := range refs {
		p.min[r.condition], p.max[r.condition] = p.lo[r.condition], p.lo[r.condition]
	}
	others := p.othersFloor(i)
	reshuffle := 0.0
	for j, s := range k.candidateSlots(i) {
		if j == 0 {
			continue
		}
		u := p.try(i, s)
		pl := p.plausibility(i, j)
		for _, r := range refs {
			p.min[r.condition] = min(p.min[r.condition], p.tryLo[r.condition])
			p.max[r.condition] = max(p.max[r.condition], p.tryLo[r.condition])
		}
		if after := max(u, others); after != p.final {
			v.urgency += pl * math.Abs(float64(after-p.final))
		}
		if p.reshuffles() {
			reshuffle += pl
		}
	}
	for _, r := range refs {
		v.separation += p.prob[r.condition] * (p.max[r.condition] - p.min[r.condition])
	}
	ask := k.meta.AskThreshold
	if !p.sortCauses {
		ask = k.meta.PlausibleAnswer // past the budget: only a plausible change is worth a question
	}
	v.changes = v.urgency >= ask || p.sortCauses && reshuffle >= k.meta.PlausibleAnswer
	if v.urgency < ask {
		v.urgency = 0 // too unlikely to change the urgency: rank it by separation only
	}
	return v
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
