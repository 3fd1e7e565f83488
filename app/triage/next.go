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
	decisive  = 0.35
	plausible = 0.1
)

var plausibleLogit = math.Log(plausible / (1 - plausible))

// NextQuestion picks what to ask next. First every question of the "always" steps (the
// emergency signs, the person, the health background, the glass test) in order, a step's
// group at a time; then by value of information: the open question whose answers could most
// change the urgency, each answer weighted by its plausibility, and among those that cannot,
// the one that best separates the leading causes; a yes/no question comes as a checklist of
// its step's most informative open yes/no questions (checklistOf). A question counts only when
// its expected urgency change reaches meta.ask_threshold or a plausible answer would reshuffle
// the top three. Before those, once the always steps are done, an assessment's questions
// (assessing): what a guideline asks then whatever their value of information. Done is true
// when no open question has such an answer that could change the urgency or the top three
// (but first the open question of a before_result step, when the result stands on an answer
// not known: beforeResult), and at once when the known findings already make it an
// emergency, unless one plausible answer would undo it (beforeAnEmergency): then the person
// must act, not answer more.
func (k *Knowledge) NextQuestion(f *Findings) Next {
	f = k.own(f)
	vals := f.vals
	lo := k.logOdds(vals, make([]float64, 0, len(k.conditions)))
	urgency := k.decide(vals, lo, nil)
	if urgency == Emergency {
		return k.beforeAnEmergency(vals, lo)
	}
	var next Next
	alwaysScreens := 0 // the screens the always steps still take
	for _, st := range k.steps {
		if !st.Always {
			continue
		}
		open := 0
		for _, id := range st.Findings {
			d := k.findingByID[id]
			if k.open(vals, d) {
				open++
				next.Remaining++
				if next.Step == "" || next.Step == st.ID && len(next.Findings) < st.Group {
					next.Step, next.Checklist = st.ID, st.Checklist
					next.Findings = append(next.Findings, id)
				}
			}
		}
		if st.Checklist {
			alwaysScreens += (open + st.Group - 1) / st.Group
		} else {
			alwaysScreens += open
		}
	}
	answered := k.questionsAnswered(vals)

	p := newProber(k, vals, lo, urgency)
	p.sortCauses = answered < k.meta.QuestionBudget
	best, worth := -1, 0
	scores := make([]voi, len(k.findings))
	for _, i := range k.order {
		d := k.findings[i]
		if k.stepByID[d.Step].Always || !k.open(vals, d) {
			continue
		}
		score := p.score(i)
		scores[i] = score
		if !score.changes {
			continue
		}
		worth++
		if best < 0 || score.better(scores[best]) {
			best = i
		}
	}
	// Every question that could still matter is an upper bound far above what the interview
	// asks (48 at the start, a median of 12 asked): past the question budget only a plausible
	// change is asked, so the budget left after the always steps bounds the estimate.
	next.Remaining += min(worth, max(k.meta.QuestionBudget-answered-alwaysScreens, 1))
	if next.Step != "" {
		return next
	}
	if ask, ok := k.assessing(vals); ok {
		ask.Remaining = max(next.Remaining, 1)
		return ask
	}
	if best < 0 && p.final > urgency {
		if best = k.beforeResult(vals); best >= 0 {
			next.Remaining = max(next.Remaining, 1) // this one
		}
	}
	if best < 0 {
		return Next{Done: true}
	}
	next.Step, next.Findings, next.Checklist = k.screenFor(vals, k.findings[best], scores)
	for _, id := range next.Findings[1:] {
		if !scores[k.findingByID[id].index].changes {
			next.Remaining++ // shown beside the best: to be answered too
		}
	}
	return next
}

// beforeResult returns the first open question of a before_result step, -1 when none. The
// interview asks it when no question is worth asking by its value of information but the
// result stands on an answer not known (an unknown's floor above what the known answers give):
// where the spots are often explains them (dots on the face after straining, bruises on a
// toddler's shins), which one answer alone rarely shows, as the place opens the question that
// lowers the answer.
func (k *Knowledge) beforeResult(vals []slot) int {
	for _, st := range k.steps {
		if !st.BeforeResult {
			continue
		}
		for _, id := range st.Findings {
			if d := k.findingByID[id]; k.open(vals, d) {
				return d.index
			}
		}
	}
	return -1
}

// WhileYouWait picks what to ask once the answers make it an emergency and NextQuestion is
// done: the emergency stands and shows first, and these answers only tell what it may be
// (Stevens-Johnson syndrome, toxic shock or necrotising fasciitis, not only meningococcal
// disease or sepsis), for the person who waits for help and for whoever comes. It is the
// interview's own stopping rule for the top three, which an emergency otherwise cuts short:
// the open question likeliest to reshuffle the top three (by its answers' plausibility, then
// by how far it spreads the leading causes that need a doctor today or more: the burrows or
// pearly bumps that tell harmless causes apart do not help whoever comes), as a checklist of
// its step when yes/no; an assessment's questions first (assessing). Done when the answers
// do not make it an emergency, no plausible answer would reshuffle the top three, or waited
// (the questions asked so far while waiting) reaches meta.wait_questions.
func (k *Knowledge) WhileYouWait(f *Findings, waited int) Next {
	if waited >= k.meta.WaitQuestions {
		return Next{Done: true}
	}
	f = k.own(f)
	vals := f.vals
	lo := k.logOdds(vals, make([]float64, 0, len(k.conditions)))
	if k.decide(vals, lo, nil) != Emergency {
		return Next{Done: true}
	}
	if ask, ok := k.assessing(vals); ok {
		return ask
	}
	p := newProber(k, vals, lo, Emergency)
	p.sortCauses, p.dangerous = true, Urgent
	best := -1
	scores := make([]voi, len(k.findings))
	for _, i := range k.order {
		if !k.open(vals, k.findings[i]) {
			continue
		}
		scores[i] = p.score(i)
		if !scores[i].changes {
			continue
		}
		if best < 0 || scores[i].reshuffle > scores[best].reshuffle ||
			scores[i].reshuffle == scores[best].reshuffle && scores[i].better(scores[best]) {
			best = i
		}
	}
	if best < 0 {
		return Next{Done: true}
	}
	next := Next{Remaining: 1}
	next.Step, next.Findings, next.Checklist = k.screenFor(vals, k.findings[best], scores)
	return next
}

// assessing returns the screen of the first assessment (knowledge "assess") whose condition
// holds and whose questions are not all answered: those still open, as one checklist when
// yes/no. A guideline asks them then, whatever their value of information.
func (k *Knowledge) assessing(vals []slot) (Next, bool) {
	for _, a := range k.assessments {
		if !a.when.eval(vals) {
			continue
		}
		var ids []string
		for _, d := range a.Ask {
			if k.open(vals, d) {
				ids = append(ids, d.ID)
			}
		}
		if len(ids) > 0 {
			d := a.Ask[0]
			return Next{Step: d.Step, Findings: ids, Checklist: d.Kind == Bool, Remaining: 1}, true
		}
	}
	return Next{}, false
}

// screenFor is the screen that asks question d: d alone, or, when yes/no, the checklist of
// its step's most informative open yes/no questions with d first (checklistOf).
func (k *Knowledge) screenFor(vals []slot, d *Finding, scores []voi) (step string, ids []string, checklist bool) {
	if d.Kind != Bool {
		return d.Step, []string{d.ID}, false
	}
	return d.Step, k.checklistOf(vals, d, scores), true
}

// beforeAnEmergency returns what to ask when the known findings make it an emergency: the
// open question whose answers that would make it less than one are together plausible
// (meta.plausible_answer), such as a fall before a toddler's bruises on the shins, which a
// rule's exception names, or bruises there for months; else Done, at once. The answers are
// summed because a number's probes each stand for a narrow range (no one day of "a week or
// more" is plausible alone). An emergency that no single question undoes is never delayed.
func (k *Knowledge) beforeAnEmergency(vals []slot, lo []float64) Next {
	w := k.newWhatIf(vals, lo, Emergency)
	best, bestP := -1, k.meta.PlausibleAnswer
	for _, i := range k.order {
		if !k.open(vals, k.findings[i]) {
			continue
		}
		undo := 0.0
		for j, s := range k.candidateSlots(i)[1:] {
			if w.try(i, s) < Emergency {
				undo += w.plausibility(i, j+1)
			}
		}
		if undo >= bestP {
			best, bestP = i, undo
		}
	}
	if best < 0 {
		return Next{Done: true}
	}
	d := k.findings[best]
	return Next{Step: d.Step, Findings: []string{d.ID}, Checklist: d.Kind == Bool, Remaining: 1}
}

// checklistSize is how many yes/no questions one checklist screen shows at most: about what
// a person takes in at a glance, as NHS 111 online's lists do.
const checklistSize = 7

// checklistOf returns the checklist screen for the best question first: with it the open
// yes/no questions of its step that best tell the leading causes apart or could change the
// urgency, most informative first. A yes/no question asked alone costs a question as a
// checklist does, so showing the step's next most informative signs beside it costs nothing
// and asks the distinctive ones (a ring, burrows, a honey crust) in few questions.
func (k *Knowledge) checklistOf(vals []slot, best *Finding, scores []voi) []string {
	var idx []int
	for _, i := range k.order {
		d := k.findings[i]
		if i != best.index && d.Step == best.Step && d.Kind == Bool && k.open(vals, d) &&
			(scores[i].changes || scores[i].separation > 0) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case scores[a].better(scores[b]):
			return -1
		case scores[b].better(scores[a]):
			return 1
		}
		return 0
	})
	ids := []string{best.ID}
	for _, i := range idx[:min(len(idx), checklistSize-1)] {
		ids = append(ids, k.findings[i].ID)
	}
	return ids
}

// questionsAnswered counts the questions answered so far as the person answered them: the
// yes/no questions of a step as checklist screens (up to its group, or checklistSize, boxes
// each: the interview asks them so), any other question once.
func (k *Knowledge) questionsAnswered(vals []slot) int {
	n := 0
	for _, st := range k.steps {
		boxes, size := 0, checklistSize
		if st.Checklist {
			size = st.Group
		}
		for _, id := range st.Findings {
			d := k.findingByID[id]
			if s := vals[d.index]; !s.known && !s.unsure {
				continue
			}
			if d.Kind == Bool && (st.Checklist || !st.Always) {
				boxes++
			} else {
				n++
			}
		}
		n += (boxes + size - 1) / size
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
	// reshuffle is the plausibility of the answers that would reshuffle the top three.
	reshuffle float64
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
	// dangerous is the least urgency of the causes whose spread counts as separation (self-care,
	// all of them; while waiting for help, urgent: what tells the dangerous causes apart).
	dangerous Urgency
	min, max  []float64
	// final is the urgency with the floors of the unknown findings; floors[i] is the floor
	// finding i sets, first and second the two highest of them, for "the others' floor".
	// onUnknown is true when final is "within days" only for an answer not known (a floor
	// rule such as tiny dots with the glass test not done, or an unknown's floor).
	final         Urgency
	onUnknown     bool
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
	p.onUnknown = p.final == Soon && k.decideBy(vals, lo, nil, false) < Soon
	return p
}

// othersFloor is the floor that the unknown findings other than i set (not the current
// urgency: an answer to i may lower that, as a fall before a toddler's bruises does).
func (p *prober) othersFloor(i int) Urgency {
	if p.floors[i] == p.first {
		return p.second
	}
	return p.first
}

// othersFloorAfter returns the floor that the unknown findings other than i set once i is
// answered s, where it is above u: an answer may take away what another unknown's floor stood
// on (bruises there for weeks: whether the person feels well no longer decides a same-day
// blood count). Only the findings whose floor now is above u are tried again. It reads the
// log-odds that try left in tryLo, for i answered s.
func (p *prober) othersFloorAfter(i int, s slot, u Urgency) Urgency {
	k := p.k
	vals := slices.Clone(p.vals)
	vals[i] = s
	w := k.newWhatIf(vals, slices.Clone(p.tryLo), u)
	floor := u
	for j, f := range p.floors {
		if j == i || f <= u || !w.unknown(j) {
			continue
		}
		if net, ok := w.floorOf(j); ok {
			floor = max(floor, net.Floor)
		}
	}
	return floor
}

// score returns question i's value of information. The question is worth asking (changes)
// when the expected change of the urgency in levels, or the chance that the answer reshuffles
// the top three, reaches meta.ask_threshold: an answer that could matter but almost never
// comes is not worth the person's time. An answer that would lower the urgency counts only
// from a same-day visit or more and when it is plausible (meta.plausible_answer): sparing a
// needless visit today is worth a question (bruises on a toddler's shins: where are they?);
// a rare reassuring answer is not. Turning "within days" into self-care is worth one only
// when "within days" stands on an answer not known (onUnknown: tiny itchy dots after a hot
// run, the glass test not done; was it the heat?), not when the known answers call for it.
func (p *prober) score(i int) (v voi) {
	k := p.k
	refs := k.termsOf[i]
	for _, r := range refs {
		p.min[r.condition], p.max[r.condition] = p.lo[r.condition], p.lo[r.condition]
	}
	others := p.othersFloor(i)
	reshuffle := 0.0
	var lower [Emergency + 1]float64 // plausibility of the answers that lower it, by the level they give
	for j, s := range k.candidateSlots(i) {
		if j == 0 {
			continue
		}
		u := max(p.try(i, s), p.edgeAfter(i, s))
		pl := p.plausibility(i, j)
		for _, r := range refs {
			p.min[r.condition] = min(p.min[r.condition], p.tryLo[r.condition])
			p.max[r.condition] = max(p.max[r.condition], p.tryLo[r.condition])
		}
		after := max(u, others)
		if u < p.final && u < others {
			after = max(u, p.othersFloorAfter(i, s, u))
		}
		switch {
		case after > p.final:
			v.urgency += pl * float64(after-p.final)
		case after < p.final && (p.final >= Urgent || p.onUnknown):
			lower[after] += pl
		}
		if p.reshuffles() {
			reshuffle += pl
		}
	}
	// A lowering counts when its answers together are plausible: a number's answers are many
	// bands (bruises there for 7, 10, 14 ... days), each too rare alone.
	for u, pl := range lower {
		if pl >= k.meta.PlausibleAnswer {
			v.urgency += pl * float64(p.final-Urgency(u))
		}
	}
	v.urgency += p.pairGain(i, others)
	for _, r := range refs {
		if k.conditions[r.condition].Urgency >= p.dangerous {
			v.separation += p.prob[r.condition] * (p.max[r.condition] - p.min[r.condition])
		}
	}
	ask := k.meta.AskThreshold
	if !p.sortCauses {
		ask = k.meta.PlausibleAnswer // past the budget: only a plausible change is worth a question
	}
	v.reshuffle = reshuffle
	v.changes = v.urgency >= ask || p.sortCauses && reshuffle >= k.meta.PlausibleAnswer
	if v.urgency < ask {
		v.urgency = 0 // too unlikely to change the urgency: rank it by separation only
	}
	return v
}

// pairGain is the expected change of the urgency, in levels, that yes/no question i brings
// through a partner still unknown (markPartners): both answered yes, weighted by both yes
// answers' probabilities. Without it a question that only matters together with another
// (an allergen, with belly pain still unknown) would look worthless and never be asked.
func (p *prober) pairGain(i int, others Urgency) float64 {
	k := p.k
	if k.findings[i].Kind != Bool {
		return 0
	}
	yes := slot{known: true, b: true}
	yi := indexOfSlot(k.candidateSlots(i), yes)
	gain := 0.0
	for _, j := range k.partners[i] {
		if !p.unknown(j) {
			continue
		}
		after := max(p.tryPair(i, yes, j, yes, true), others)
		if after > p.final {
			gain += p.plausibility(i, yi) * p.plausibility(j, indexOfSlot(k.candidateSlots(j), yes)) * float64(after-p.final)
		}
	}
	return gain
}

// reshuffles reports whether, in tryLo, a cause outside the current top three becomes
// plausible and beats one inside it by the decisive margin.
func (p *prober) reshuffles() bool {
	third := math.Inf(1)
	for _, i := range p.top {
		third = min(third, p.tryLo[i])
	}
	// A cause counts from a plausible probability, or, while the leading cause itself is below
	// one, from the leader's: a diffuse result is not settled.
	bar := min(plausibleLogit, p.lo[p.top[0]])
	for i, x := range p.tryLo {
		if x >= third+decisive && x >= bar && !slices.Contains(p.top, i) {
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
