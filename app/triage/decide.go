package triage

import (
	"cmp"
	"math"
	"slices"
	"strings"
)

// The decision rule, in one place: Evaluate, NextQuestion's probes and the tests all call
// decide (the urgency the known findings call for), whatIf.floorOf (what an unknown one may
// add) and assess (both, with the reasons and safety nets). The README's "How the engine
// decides" explains the rule and its numbers.

// maxCausesInReason is how many causes a risk reason names at most.
const maxCausesInReason = 3

// posterior writes into out each cause's share of the evidence: its posterior probability
// when the causes are read as mutually exclusive explanations of the spots, beside one more,
// "a cause not in the base, or nothing that needs care" (meta.unlisted_prior), which no
// finding argues for or against. Share c is odds_c / (sum of the odds + unlisted), where
// odds_c is the cause's naive-Bayes odds, prior odds times the ratios of its known findings.
// Unlike each cause's own odds/(1+odds), the shares sum to less than 1, so that many weakly
// raised dangerous causes do not add up to a certain danger; the rest, 1 - sum, is the
// unlisted share.
func (k *Knowledge) posterior(lo []float64, out []float64) []float64 {
	out = out[:0]
	top := k.unlistedLogOdds
	for _, x := range lo {
		top = max(top, x)
	}
	sum := math.Exp(k.unlistedLogOdds - top) // scaled by exp(-top): no overflow
	for _, x := range lo {
		e := math.Exp(x - top)
		out = append(out, e)
		sum += e
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

// unexplained reports whether no cause explains the spots: none better than the remainder, "a
// cause not in the base, or nothing that needs care" (meta.unlisted_prior), or the leading one
// only by who the person is, its answers beyond them (meta.unexplained.beyond) making it less
// than meta.unexplained.min_evidence times likelier. Then there is no benign reading to give
// self-care advice for, only for the person not to know what the spots are: a child's age
// alone makes a viral rash lead, but with every other answer "not sure" nothing says the
// spots are one. It counts in the result, not in the interview's choice of questions: the
// questions that sort the causes are asked for the causes' sake already, and chasing this
// floor cost the questions that find the emergencies.
func (k *Knowledge) unexplained(vals []slot, lo []float64) bool {
	var buf [128]float64
	lead, leadShare, rest := 0, 0.0, 1.0
	for i, x := range k.posterior(lo, buf[:0]) {
		if x > leadShare {
			lead, leadShare = i, x
		}
		rest -= x
	}
	return leadShare < rest || k.evidence(lead, vals) < k.minEvidenceLog
}

// evidence returns the log of how many times likelier the known answers beyond who the
// person is (meta.unexplained.beyond) make cause c.
func (k *Knowledge) evidence(c int, vals []slot) float64 {
	x := 0.0
	terms := k.conditions[c].terms
	for i := range terms {
		t := &terms[i]
		if s := vals[t.index]; s.known && k.findings[t.index].Step != k.meta.EvidenceBeyond {
			if y, ok := t.logLR(s); ok {
				x += y
			}
		}
	}
	return x
}

// noCauseExplains is meta.unexplained's condition: no cause explains the findings.
type noCauseExplains struct{ k *Knowledge }

func (c noCauseExplains) eval(v []slot) bool {
	var buf [128]float64
	return c.k.unexplained(v, c.k.logOdds(v, buf[:0]))
}
func (c noCauseExplains) holds(v []slot) bool { return c.eval(v) }
func (noCauseExplains) refs(func(int))        {} // every cause's findings: none in particular

// riskLevel returns the highest urgency U whose risk, the posterior probability that the
// spots come from a cause needing at least U, reaches meta.risk_threshold[U]. The risk only
// grows when a cause needing U gains weight, and adding a cause's evidence never needs a sum
// of many small probabilities to mean danger.
func (k *Knowledge) riskLevel(share []float64) Urgency {
	var risk [4]float64
	for i, c := range k.conditions {
		risk[c.Urgency] += share[i]
	}
	for u := Emergency; u >= Soon; u-- {
		if u < Emergency {
			risk[u] += risk[u+1]
		}
	}
	for u := Emergency; u >= Soon; u-- {
		if risk[u] >= k.meta.RiskThreshold[u] {
			return u
		}
	}
	return SelfCare
}

// leadNeedsCare reports whether the likeliest cause needs a doctor. It is the reading the
// person acts on, and the result names it first: home care beside it would contradict it.
func (k *Knowledge) leadNeedsCare(share []float64) bool {
	lead := 0
	for i := range share {
		if share[i] > share[lead] {
			lead = i
		}
	}
	return k.conditions[lead].Urgency >= Soon
}

// decide returns the urgency the known findings call for: the most urgent of the matched
// rules and the risk level of the causes. With why non-nil it appends the reasons: the matched
// rules, most urgent first, then the causes that carry the risk level, most likely first.
func (k *Knowledge) decide(vals []slot, lo []float64, why *[]Reason) Urgency {
	return k.decideBy(vals, lo, why, true)
}

// decideBy is decide, with the rules of kind floor or without them (see worseAnswer).
func (k *Knowledge) decideBy(vals []slot, lo []float64, why *[]Reason, floorRules bool) Urgency {
	first := 0
	if why != nil {
		first = len(*why)
	}
	u := k.rulesLevel(vals, why, floorRules)
	var buf [128]float64 // on the stack
	share := k.posterior(lo, buf[:0])
	level := k.riskLevel(share)
	if u == SelfCare && level == SelfCare && k.leadNeedsCare(share) {
		level = Soon
	}
	if why != nil {
		slices.SortStableFunc((*why)[first:], func(a, b Reason) int { return cmp.Compare(b.Urgency, a.Urgency) })
		*why = k.riskReasons(lo, level, *why)
	}
	return max(u, level)
}

// rulesLevel returns the most urgent matched rule's urgency (self-care when none matches),
// with the rules of kind floor or without them, appending the matched rules to why if non-nil.
func (k *Knowledge) rulesLevel(vals []slot, why *[]Reason, floorRules bool) Urgency {
	u := SelfCare
	for _, r := range k.rules {
		if (floorRules || r.Kind != "floor") && r.when.eval(vals) {
			u = max(u, r.Urgency)
			if why != nil {
				*why = append(*why, Reason{Urgency: r.Urgency, Rule: r})
			}
		}
	}
	return u
}

// riskReasons appends the causes that carry the risk level: those needing at least that
// level, the likeliest first and the others within a third of its odds; each with its
// probability as the causes list shows it.
func (k *Knowledge) riskReasons(lo []float64, level Urgency, why []Reason) []Reason {
	if level == SelfCare {
		return why
	}
	var idx []int
	for i, c := range k.conditions {
		if c.Urgency >= level {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(lo[b], lo[a]) })
	for n, i := range idx {
		if n == maxCausesInReason || n > 0 && lo[i] < lo[idx[0]]-math.Log(3) {
			break
		}
		why = append(why, Reason{Urgency: level, Condition: k.conditions[i], Probability: logistic(lo[i])})
	}
	return why
}

// logistic turns log-odds into a probability.
func logistic(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// whatIf tries answers to unknown findings against the current ones.
type whatIf struct {
	k       *Knowledge
	vals    []slot    // the findings, one of them changed while a try runs
	lo      []float64 // current log-odds
	tryLo   []float64 // log-odds with the tried answer, after try
	share   []float64 // current shares of the causes
	urgency Urgency   // what decide gives now
	// The posterior's terms, so that a try recomputes only the causes its answers touch
	// (posterior's exponentials were most of the time of a decision): weight[c] is
	// exp(lo[c] - top), levelWeight[u] their sum over the causes needing at least u, total
	// all of them and the unlisted cause's.
	top, total  float64
	weight      []float64
	levelWeight [4]float64
	touched     []bool
	// matched lists the rules that match vals, the most urgent first; a try evaluates again
	// only the rules that read a finding it changes (Knowledge.rulesOf), flagged in dirty,
	// and takes the first matched rule it leaves clean for the rest.
	matched []int
	dirty   []bool
	blank   []slot // nothing known, for edgeOf
}

func (k *Knowledge) newWhatIf(vals []slot, lo []float64, urgency Urgency) *whatIf {
	w := &whatIf{k: k, vals: slices.Clone(vals), lo: lo, tryLo: make([]float64, len(lo)),
		share: k.posterior(lo, make([]float64, 0, len(lo))), urgency: urgency,
		top: k.unlistedLogOdds, weight: make([]float64, len(lo)), touched: make([]bool, len(lo)),
		dirty: make([]bool, len(k.rules)), blank: make([]slot, len(vals))}
	for _, r := range k.rulesByUrgency {
		if k.rules[r].when.eval(vals) {
			w.matched = append(w.matched, r)
		}
	}
	for _, x := range lo {
		w.top = max(w.top, x)
	}
	w.total = math.Exp(k.unlistedLogOdds - w.top)
	for c, x := range lo {
		w.weight[c] = math.Exp(x - w.top)
		w.total += w.weight[c]
		for u := Soon; u <= k.conditions[c].Urgency; u++ {
			w.levelWeight[u] += w.weight[c]
		}
	}
	return w
}

// tryRules is rulesLevel for vals, where only finding i and j (j < 0: none) differ from
// what matched was computed on.
func (w *whatIf) tryRules(i, j int, floorRules bool) Urgency {
	k := w.k
	for _, f := range [2]int{i, j} {
		if f >= 0 {
			for _, r := range k.rulesOf[f] {
				w.dirty[r] = true
			}
		}
	}
	u := SelfCare
	for _, r := range w.matched {
		if !w.dirty[r] && (floorRules || k.rules[r].Kind != "floor") {
			u = k.rules[r].Urgency
			break
		}
	}
	for _, f := range [2]int{i, j} {
		if f >= 0 {
			for _, r := range k.rulesOf[f] {
				w.dirty[r] = false
				rule := k.rules[r]
				if rule.Urgency > u && (floorRules || rule.Kind != "floor") && rule.when.eval(w.vals) {
					u = rule.Urgency
				}
			}
		}
	}
	return u
}

// tryRisk is riskLevel for tryLo, where only the causes that read finding i or j (j < 0:
// none) differ from lo: the same sums, updated for those causes only.
func (w *whatIf) tryRisk(i, j int) Urgency {
	k := w.k
	total, level := w.total, w.levelWeight
	update := func(f int) {
		for _, r := range k.termsOf[f] {
			c := r.condition
			if w.touched[c] {
				continue
			}
			w.touched[c] = true
			if w.tryLo[c] == w.lo[c] {
				continue // the answer does not move this cause (the costly part is math.Exp)
			}
			d := math.Exp(w.tryLo[c]-w.top) - w.weight[c]
			total += d
			for u := Soon; u <= k.conditions[c].Urgency; u++ {
				level[u] += d
			}
		}
	}
	update(i)
	if j >= 0 {
		update(j)
	}
	for _, f := range [2]int{i, j} {
		if f >= 0 {
			for _, r := range k.termsOf[f] {
				w.touched[r.condition] = false
			}
		}
	}
	for u := Emergency; u >= Soon; u-- {
		if level[u]/total >= k.meta.RiskThreshold[u] {
			return u
		}
	}
	return SelfCare
}

// try returns the urgency decide gives with finding i answered s; tryLo holds the log-odds.
func (w *whatIf) try(i int, s slot) Urgency { return w.tryPair(i, s, -1, slot{}, true) }

// worseAnswer returns the urgency that answer s of unknown finding i would give, as its floor
// counts it: by the red-flag rules and the causes, not by the rules of kind floor, which stand
// for another answer still unknown (a fever with the glass test not done). Chaining two
// unknowns would make every "not sure" fever a reason to see a doctor.
func (w *whatIf) worseAnswer(i int, s slot) Urgency { return w.tryPair(i, s, -1, slot{}, false) }

// tryPair is try with finding j answered t too (none for j < 0), with the floor rules or not.
func (w *whatIf) tryPair(i int, s slot, j int, t slot, floorRules bool) Urgency {
	copy(w.tryLo, w.lo)
	wasI := w.set(i, s)
	wasJ := slot{}
	if j >= 0 {
		wasJ = w.set(j, t)
	}
	u := max(w.tryRules(i, j, floorRules), w.tryRisk(i, j))
	if j >= 0 {
		w.vals[j] = wasJ
	}
	w.vals[i] = wasI
	return u
}

// set answers finding i with s in vals and tryLo, returning the answer it had.
func (w *whatIf) set(i int, s slot) slot {
	was := w.vals[i]
	w.vals[i] = s
	for _, r := range w.k.termsOf[i] {
		if x, ok := r.term.logLR(s); ok {
			w.tryLo[r.condition] += x
		}
	}
	return was
}

// plausibility is the probability of candidate answer j of finding i given what is known: the
// mixture over the causes, by their shares, of the answer's probability under each cause
// (from the base rate and the cause's likelihood ratios), and the base rate for the share no
// cause explains.
func (w *whatIf) plausibility(i, j int) float64 {
	d := w.k.findings[i]
	rest, p := 1.0, 0.0
	for _, r := range w.k.termsOf[i] {
		s := w.share[r.condition]
		rest -= s
		p += s * r.term.given[j]
	}
	return p + max(rest, 0)*d.base[j]
}

// unknown reports whether finding i is unknown (never asked, or "not sure") and its question
// applies, so that its answer could still be anything.
func (w *whatIf) unknown(i int) bool {
	d := w.k.findings[i]
	return !w.vals[i].known && (d.askIf == nil || d.askIf.eval(w.vals))
}

// floorOf returns the safety net of unknown finding i: its worse answer that would raise the
// urgency and is plausible enough to count, with the floor it sets now. An unknown answer
// counts like a cause: it calls for the urgency it would give when its probability reaches
// that urgency's meta.risk_threshold; below that, from meta.plausible_answer, it sets the
// level below: a plausible emergency needs a same-day check at least, a plausible urgent
// answer a GP within days. A decisive finding's answer that would complete a red-flag rule
// sets that level below whatever its plausibility (edgeOf). The worse answer's urgency comes
// from the red-flag rules and the causes only (worseAnswer): chained through the floor rules,
// every "not sure" fever would send a benign rash to a doctor. A worse answer below those
// sets no floor but may still be worth a safety net (worthANet); ok is false when no answer
// is.
func (w *whatIf) floorOf(i int) (net SafetyNet, ok bool) {
	k := w.k
	m := &k.meta
	for j, s := range k.candidateSlots(i) {
		if j == 0 {
			continue // the unknown answer itself
		}
		u := w.worseAnswer(i, s)
		if u <= w.urgency {
			continue
		}
		p := w.plausibility(i, j)
		floor, counts := m.floorFor(k.findings[i], u, p)
		if edge := w.edgeOf(i, s); edge > SelfCare && (!counts || edge-1 > floor) {
			floor, counts = edge-1, true
		}
		if !counts && !m.worthANet(u, p) {
			continue
		}
		if !counts {
			floor = w.urgency
		}
		better := !ok || floor > net.Floor || floor == net.Floor && (u > net.If || u == net.If && p > net.Plausibility)
		if better {
			d := k.findings[i]
			net = SafetyNet{ID: "check_" + d.ID, Finding: d, Answer: d.valueString(s), If: u, Floor: max(floor, w.urgency),
				Plausibility: p, k: k}
			ok = true
		}
	}
	return net, ok
}

// edgeOf returns the urgency of the most urgent red-flag rule that answer s of unknown
// decisive finding i would complete, SelfCare when none (or i is not decisive): a rule that
// holds by the known answers once i is answered s (Expr.holds: a test that an answer is
// missing counts for nothing), and not by that answer alone, so that the rest of the rule is
// known and present (a stiff neck, with the fever not yet measured; a band of spots, with
// the eye involved). A clinician at that edge has the person check the sign now and treats
// it as possible meanwhile; a rule that the answer matches alone (a fit) is left to the
// answer's plausibility, or every unknown one would set a floor.
func (w *whatIf) edgeOf(i int, s slot) Urgency { return w.edgeAbove(i, s, SelfCare) }

// edgeAbove is edgeOf counting only the rules more urgent than floor (SelfCare when none
// is): the red-flag rules come most urgent first (Knowledge.redFlagsOf), so the first that
// holds is the edge.
func (w *whatIf) edgeAbove(i int, s slot, floor Urgency) Urgency {
	k := w.k
	if !k.findings[i].Decisive {
		return SelfCare
	}
	edge := SelfCare
	was := w.vals[i]
	w.vals[i], w.blank[i] = s, s
	for _, r := range k.redFlagsOf[i] {
		rule := k.rules[r]
		if rule.Urgency <= floor {
			break
		}
		if rule.when.holds(w.vals) && !rule.when.holds(w.blank) {
			edge = rule.Urgency
			break
		}
	}
	w.vals[i], w.blank[i] = was, slot{}
	return edge
}

// edgeAfter returns the floor that answer s of finding i would let an unknown decisive
// finding set by edgeOf: belly pain, with the food or sting before it not known, is one
// answer from anaphylaxis. The interview weighs it (prober.score), or a question that only
// matters beside a decisive sign still unknown would never be asked. SelfCare when none.
func (w *whatIf) edgeAfter(i int, s slot) Urgency {
	k := w.k
	floor := SelfCare
	was := w.vals[i]
	w.vals[i] = s
	for _, j := range k.decisivePartners[i] {
		if !w.unknown(j) {
			continue
		}
		for _, t := range k.candidateSlots(j)[1:] {
			if e := w.edgeAbove(j, t, floor+1); e-1 > floor {
				floor = e - 1
			}
		}
	}
	w.vals[i] = was
	return floor
}

// markDecisivePartners sets k.decisivePartners (see edgeAfter).
func (k *Knowledge) markDecisivePartners() {
	k.decisivePartners = make([][]int, len(k.findings))
	for i := range k.findings {
		for _, r := range k.rulesOf[i] {
			if k.rules[r].Kind != "red_flag" {
				continue
			}
			k.rules[r].when.refs(func(j int) {
				if j != i && k.findings[j].Decisive && !slices.Contains(k.decisivePartners[i], j) {
					k.decisivePartners[i] = append(k.decisivePartners[i], j)
				}
			})
		}
	}
}

// floorFor returns the floor that an unknown answer of finding d with probability p, which
// would give urgency u, sets now (see floorOf), and whether it counts at all. A decisive
// sign's answer sets its full urgency only from the risk threshold of the level below: the
// person can check it in a minute, and its safety net says what to do if it is there. A
// fever's plausibility is near its base rate (0.25) whatever the spots, so at the emergency
// threshold (0.15) every unknown fever beside bruises made an ambulance of a same-day visit.
func (m *Meta) floorFor(d *Finding, u Urgency, p float64) (Urgency, bool) {
	full := m.RiskThreshold[u]
	if d.Decisive && u > Soon {
		full = max(full, m.RiskThreshold[u-1])
	}
	switch {
	case p >= full:
		return u, true
	case u == Emergency && p >= m.PlausibleAnswer:
		return Urgent, true
	case u == Urgent && p >= m.PlausibleAnswer && d.Kind != Number:
		// A number's probes (an age under 3 months) are points tried, not a distribution of
		// answers: their equal shares would make every unknown age a reason for care.
		return Soon, true
	}
	return SelfCare, false
}

// worthANet reports whether an unknown answer that would give urgency u, with probability
// p, is worth a safety net even when it sets no floor: an emergency from about as plausible
// as any sign a user may have (meta.answer_base_rate: a fever with pinpoint dots, the glass
// test not done), anything else from meta.plausible_answer.
func (m *Meta) worthANet(u Urgency, p float64) bool {
	return p >= m.PlausibleAnswer || u == Emergency && p >= m.AnswerBaseRate
}

// safetyNets returns a safety net for every unknown finding that has one, the highest floor
// first, then the most urgent worse answer.
func (w *whatIf) safetyNets() []SafetyNet {
	var nets []SafetyNet
	for i := range w.k.findings {
		if w.unknown(i) {
			if n, ok := w.floorOf(i); ok {
				nets = append(nets, n)
			}
		}
	}
	slices.SortStableFunc(nets, func(a, b SafetyNet) int {
		if c := cmp.Compare(b.Floor, a.Floor); c != 0 {
			return c
		}
		return cmp.Compare(b.If, a.If)
	})
	return nets
}

// maxSignsLeftOut bounds how many danger signs assess tries leaving out (2^n decisions); a
// person with more has almost always matched an emergency rule already.
const maxSignsLeftOut = 6

// assess is the whole decision, as Evaluate and the tests call it: decide on the known
// findings, then the floors that plausible worse answers of the unknown ones set. A danger
// sign can shift the causes' shares towards a benign one (a swollen face towards an allergy)
// and so make another sign's worse answer less plausible; so that a danger sign never lowers
// the urgency, the urgency is the highest over the findings with any subset of the danger
// signs present left unknown, with that subset's reasons. Danger signs are the yes answers of
// the checklist steps and the answers that on their own match a rule of urgent or more (see
// markDanger). It returns the urgency, the reasons and the safety nets of the findings.
func (k *Knowledge) assess(vals []slot, lo []float64) (Urgency, []Reason, []SafetyNet) {
	u, why, nets := k.assessOnce(vals, lo)
	var signs []int
	for i, s := range vals {
		if s.known && k.isDanger(i, s) && len(signs) < maxSignsLeftOut {
			signs = append(signs, i)
		}
	}
	if u == Emergency || len(signs) == 0 {
		return u, why, nets
	}
	without := make([]slot, len(vals))
	tryLo := make([]float64, 0, len(lo))
	for mask := 1; mask < 1<<len(signs) && u < Emergency; mask++ {
		copy(without, vals)
		for b, i := range signs {
			if mask&(1<<b) != 0 {
				without[i] = slot{}
			}
		}
		if v, w, _ := k.assessOnce(without, k.logOdds(without, tryLo)); v > u {
			u, why = v, w
		}
	}
	return u, why, nets
}

// assessOnce is decide and the floors of the unknown findings, for the findings as given,
// and at least meta.unexplained when no cause explains the spots.
func (k *Knowledge) assessOnce(vals []slot, lo []float64) (Urgency, []Reason, []SafetyNet) {
	var why []Reason
	u := k.decide(vals, lo, &why)
	nets := k.newWhatIf(vals, lo, u).safetyNets()
	final := u
	if floor := k.meta.Unexplained; u < floor.Urgency && k.unexplained(vals, lo) {
		why = append(why, Reason{Urgency: floor.Urgency, Rule: floor})
		final = floor.Urgency
	}
	for i := range nets {
		if n := &nets[i]; n.Floor > u {
			why = append(why, Reason{Urgency: n.Floor, SafetyNet: n, Probability: n.Plausibility})
			final = max(final, n.Floor)
		}
	}
	return final, why, nets
}

// Text returns the safety net's advice in lang: the finding's check text when it is written for
// the worse answer, else meta.safety_net ("... \"{question}\" ... \"{answer}\", {action}"),
// with {action} the action of the urgency the worse answer would call for.
func (n *SafetyNet) Text(lang string) string {
	k := n.k
	action := k.urgencies[n.If].IfAction.In(lang)
	if n.checkFits() {
		return replacePlaceholders(n.Finding.Check.In(lang), "{action}", action)
	}
	return replacePlaceholders(k.meta.Texts["safety_net"].In(lang),
		"{question}", n.Finding.Question.In(lang), "{answer}", n.answerLabel(lang), "{action}", action)
}

// checkFits reports whether the finding's check text is written for the net's worse answer.
func (n *SafetyNet) checkFits() bool {
	d := n.Finding
	switch {
	case d.Check.IsZero():
		return false
	case d.Kind == Choice:
		return d.checkAnswer >= 0 && n.Answer == d.Values[d.checkAnswer].ID
	default:
		return n.Answer == "yes"
	}
}

// answerLabel names the worse answer in lang: yes or no, a value's label, or the number with
// its unit.
func (n *SafetyNet) answerLabel(lang string) string {
	d, k := n.Finding, n.k
	switch d.Kind {
	case Bool:
		if n.Answer == "yes" {
			return k.meta.Texts["yes"].In(lang)
		}
		return k.meta.Texts["no"].In(lang)
	case Number:
		return n.Answer + " " + d.Unit.In(lang)
	default:
		return d.Label(n.Answer, lang)
	}
}

func replacePlaceholders(s string, pairs ...string) string {
	return strings.NewReplacer(pairs...).Replace(s)
}

// isDanger reports whether a known answer is a danger sign (markDanger).
func (k *Knowledge) isDanger(i int, s slot) bool {
	for _, d := range k.danger[i] {
		if d == s {
			return true
		}
	}
	return false
}

// markDanger sets k.danger: per finding, the answers that are danger signs: yes to a question
// of a checklist step (the emergency signs, the health background), and any answer that on
// its own, with nothing else known, matches a red-flag rule of urgent or more (a floor rule
// matches an answer only because another is unknown: pinpoint dots with no glass test yet).
func (k *Knowledge) markDanger() {
	k.danger = make([][]slot, len(k.findings))
	vals := make([]slot, len(k.findings))
	for i, d := range k.findings {
		if k.stepByID[d.Step].Checklist && d.Kind == Bool {
			k.danger[i] = append(k.danger[i], slot{known: true, b: true})
			continue
		}
		for _, s := range k.candidateSlots(i)[1:] {
			vals[i] = s
			for _, r := range k.rules {
				if r.Urgency >= Urgent && r.Kind == "red_flag" && r.when.eval(vals) {
					k.danger[i] = append(k.danger[i], s)
					break
				}
			}
		}
		vals[i] = slot{}
	}
}

// markPartners sets k.partners: the pairs of yes/no findings that may only matter together
// (an allergen and belly pain, a tampon and a fever, red eyes and mouth sores beside
// blisters): both needed present by one red-flag rule of urgent or more (presentRefs: not
// its exceptions), and neither a yes that on its own, with nothing else known, matches such
// a rule (a floor rule does not count: it stands for an answer still to come). The interview weighs such a pair's joint answer against what
// is known (pairGain), so that it asks the first of the two while the second is unknown.
func (k *Knowledge) markPartners() {
	k.partners = make([][]int, len(k.findings))
	vals := make([]slot, len(k.findings))
	yes := slot{known: true, b: true}
	alone := make([]bool, len(k.findings))
	for i, d := range k.findings {
		if d.Kind != Bool {
			continue
		}
		vals[i] = yes
		for _, r := range k.rules {
			if r.Urgency >= Urgent && r.Kind == "red_flag" && r.when.eval(vals) {
				alone[i] = true
				break
			}
		}
		vals[i] = slot{}
	}
	for _, r := range k.rules {
		if r.Urgency < Urgent || r.Kind != "red_flag" {
			continue
		}
		var bools []int
		presentRefs(r.when, func(i int) {
			if k.findings[i].Kind == Bool && !alone[i] && !slices.Contains(bools, i) {
				bools = append(bools, i)
			}
		})
		for a, i := range bools {
			for _, j := range bools[a+1:] {
				if !slices.Contains(k.partners[i], j) {
					k.partners[i] = append(k.partners[i], j)
					k.partners[j] = append(k.partners[j], i)
				}
			}
		}
	}
}

// presentRefs calls fn for each finding that e needs present, skipping those under a "not":
// a rule's exceptions (a fall before a bruise, a rash that keeps coming back) only undo it,
// so answering one yes beside a partner never completes the rule.
func presentRefs(e expr, fn func(int)) {
	visitLeaves(e, false, func(l *leaf) { fn(l.index) })
}
