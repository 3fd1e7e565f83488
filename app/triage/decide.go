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

// probabilities writes each cause's naive-Bayes probability odds/(1+odds) into out: each is
// that cause against all others, on its own evidence, not normalised over all causes (see
// riskLevel for why the risk rule scales them only among the causes of a level).
func probabilities(lo []float64, out []float64) []float64 {
	out = out[:0]
	for _, x := range lo {
		out = append(out, 1/(1+math.Exp(-x)))
	}
	return out
}

// shares writes each cause's share of the evidence into out: its naive-Bayes probability
// odds/(1+odds), scaled so that the shares sum to at most 1. The causes are taken as
// mutually exclusive explanations of the spots, so probabilities that sum above 1 (the naive
// model is overconfident when findings are correlated) are read as relative weights.
func shares(lo []float64, out []float64) []float64 {
	out = probabilities(lo, out)
	sum := 0.0
	for _, p := range out {
		sum += p
	}
	if sum > 1 {
		for i := range out {
			out[i] /= sum
		}
	}
	return out
}

// riskLevel returns the highest urgency U whose risk, the chance that some cause needing at
// least U is present, reaches meta.risk_threshold[U]. The risk is 1 - prod(1 - s) over the
// causes needing at least U, where s is the cause's probability scaled, among those causes
// only, so that they sum to at most 1: dangerous causes compete with each other for the
// evidence (the naive model double-counts correlated findings), but a benign cause never
// explains a dangerous one away: finding hives certain does not lower the risk of sepsis.
func (k *Knowledge) riskLevel(prob []float64) Urgency {
	var sum [4]float64 // per level: the probabilities of the causes needing at least it
	for i, c := range k.conditions {
		for u := Soon; u <= c.Urgency; u++ {
			sum[u] += prob[i]
		}
	}
	none := [4]float64{1, 1, 1, 1} // per level: the chance that no cause needing it is present
	for i, c := range k.conditions {
		for u := Soon; u <= c.Urgency; u++ {
			none[u] *= 1 - prob[i]/max(1, sum[u])
		}
	}
	for u := Emergency; u >= Soon; u-- {
		if 1-none[u] >= k.meta.RiskThreshold[u] {
			return u
		}
	}
	return SelfCare
}

// decide returns the urgency the known findings call for: the most urgent of the matched
// rules and the risk level of the causes. With why non-nil it appends the reasons: the matched
// rules, most urgent first, then the causes that carry the risk level, most likely first.
func (k *Knowledge) decide(vals []slot, lo []float64, why *[]Reason) Urgency {
	u := SelfCare
	first := 0
	if why != nil {
		first = len(*why)
	}
	for _, r := range k.rules {
		if r.when.eval(vals) {
			u = max(u, r.Urgency)
			if why != nil {
				*why = append(*why, Reason{Urgency: r.Urgency, Rule: r})
			}
		}
	}
	var buf [128]float64 // on the stack: decide runs for every probe of every question
	prob := probabilities(lo, buf[:0])
	level := k.riskLevel(prob)
	if why != nil {
		slices.SortStableFunc((*why)[first:], func(a, b Reason) int { return cmp.Compare(b.Urgency, a.Urgency) })
		*why = k.riskReasons(prob, level, *why)
	}
	return max(u, level)
}

// riskReasons appends the causes that carry the risk level: those needing at least that
// level, the most likely first and the others within a third of its probability.
func (k *Knowledge) riskReasons(prob []float64, level Urgency, why []Reason) []Reason {
	if level == SelfCare {
		return why
	}
	var idx []int
	for i, c := range k.conditions {
		if c.Urgency >= level {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(prob[b], prob[a]) })
	for n, i := range idx {
		if n == maxCausesInReason || n > 0 && prob[i] < prob[idx[0]]/3 {
			break
		}
		why = append(why, Reason{Urgency: level, Condition: k.conditions[i], Probability: prob[i]})
	}
	return why
}

// whatIf tries answers to unknown findings against the current ones.
type whatIf struct {
	k       *Knowledge
	vals    []slot    // the findings, one of them changed while a try runs
	lo      []float64 // current log-odds
	tryLo   []float64 // log-odds with the tried answer, after try
	share   []float64 // current shares of the causes
	urgency Urgency   // what decide gives now
}

func (k *Knowledge) newWhatIf(vals []slot, lo []float64, urgency Urgency) *whatIf {
	return &whatIf{k: k, vals: slices.Clone(vals), lo: lo, tryLo: make([]float64, len(lo)),
		share: shares(lo, make([]float64, 0, len(lo))), urgency: urgency}
}

// try returns the urgency decide gives with finding i answered s; tryLo holds the log-odds.
func (w *whatIf) try(i int, s slot) Urgency {
	k := w.k
	was := w.vals[i]
	w.vals[i] = s
	copy(w.tryLo, w.lo)
	for _, r := range k.termsOf[i] {
		if x, ok := r.term.logLR(s); ok {
			w.tryLo[r.condition] += x
		}
	}
	u := k.decide(w.vals, w.tryLo, nil)
	w.vals[i] = was
	return u
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
// that urgency's meta.risk_threshold; below that, an answer that would make it an emergency
// still makes it urgent from meta.plausible_answer: a plausible emergency needs a same-day
// check at least. (One level less for a plausible urgent answer was tried and sent benign
// cases with a "not sure" fever to a doctor.) Worse answers below those count for nothing; ok
// is false when none counts.
func (w *whatIf) floorOf(i int) (net SafetyNet, ok bool) {
	k := w.k
	m := &k.meta
	for j, s := range k.candidateSlots(i) {
		if j == 0 {
			continue // the unknown answer itself
		}
		u := w.try(i, s)
		if u <= w.urgency {
			continue
		}
		p := w.plausibility(i, j)
		floor, counts := m.floorFor(u, p)
		if !counts {
			continue
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

// floorFor returns the floor that an unknown answer with probability p, which would give
// urgency u, sets now (see floorOf), and whether it counts at all.
func (m *Meta) floorFor(u Urgency, p float64) (Urgency, bool) {
	switch {
	case p >= m.RiskThreshold[u]:
		return u, true
	case u == Emergency && p >= m.PlausibleAnswer:
		return Urgent, true
	}
	return SelfCare, false
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

// assessOnce is decide and the floors of the unknown findings, for the findings as given.
func (k *Knowledge) assessOnce(vals []slot, lo []float64) (Urgency, []Reason, []SafetyNet) {
	var why []Reason
	u := k.decide(vals, lo, &why)
	nets := k.newWhatIf(vals, lo, u).safetyNets()
	final := u
	for i := range nets {
		if n := &nets[i]; n.Floor > u {
			why = append(why, Reason{Urgency: n.Floor, SafetyNet: n, Probability: n.Plausibility})
			final = max(final, n.Floor)
		}
	}
	return final, why, nets
}

// Text returns the safety net's advice in lang: the finding's check text, or meta.safety_net
// ("... \"{question}\" ... \"{answer}\", {action}"), with {action} the action of the urgency
// the worse answer would call for.
func (n *SafetyNet) Text(lang string) string {
	k := n.k
	action := k.urgencies[n.If].IfAction.In(lang)
	if n.Finding.Check != nil {
		return replacePlaceholders(n.Finding.Check.In(lang), "{action}", action)
	}
	return replacePlaceholders(k.meta.Texts["safety_net"].In(lang),
		"{question}", n.Finding.Question.In(lang), "{answer}", n.answerLabel(lang), "{action}", action)
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
// its own, with nothing else known, matches a rule of urgent or more.
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
				if r.Urgency >= Urgent && r.when.eval(vals) {
					k.danger[i] = append(k.danger[i], s)
					break
				}
			}
		}
		vals[i] = slot{}
	}
}
