package triage

import (
	"math"
	"slices"
	"strconv"

	"github.com/tidwall/gjson"
)

// term is how one finding moves one condition: log likelihood ratios by the finding's value.
type term struct {
	index int
	kind  Kind
	// bool: yes and no; choice and set: values, per value index; number: bands, the first
	// that holds the value applies. A ratio left out is the zero ratio (log 0: no effect).
	yes, no ratio
	values  []ratio
	bands   []band
	// given is, per candidate slot of the finding, the answer's probability under the cause.
	given []float64
}

// ratio is a likelihood ratio as written (for explanations: exp(log) would only approximate
// it) and its log (for scoring), stored once together.
type ratio struct {
	lr, log float64
}

type band struct {
	min, max float64
	ratio
}

// band returns the band that holds x, or nil: the one lookup of a number's bands.
func (t *term) band(x float64) *band {
	for i := range t.bands {
		if b := &t.bands[i]; x >= b.min && x < b.max {
			return b
		}
	}
	return nil
}

// ratio returns the likelihood ratio, as written, that applies to a known slot; value is the
// set value index of a set effect.
func (t *term) ratio(s slot, value int32) float64 {
	switch t.kind {
	case Bool:
		if s.b {
			return t.yes.lr
		}
		return t.no.lr
	case Choice:
		return t.values[s.choice].lr
	case Set:
		return t.values[value].lr
	default:
		if b := t.band(s.num); b != nil {
			return b.lr
		}
		return 1
	}
}

// effect is one finding's effect on a condition, before it becomes an Evidence: no pointers,
// so that sorting it is cheap.
type effect struct {
	weight float64 // |log LR|
	log    float64
	term   int32 // index into Condition.terms
	value  int32 // set: the value index; otherwise -1
}

// effects appends the term's effects for a known slot: one, or for a set one per listed
// value, so that each place can be named.
func (t *term) effects(ti int, s slot, out []effect) []effect {
	if t.kind == Set {
		for v, r := range t.values {
			if x := r.log; s.set&(1<<v) != 0 && x != 0 {
				out = append(out, effect{weight: math.Abs(x), log: x, term: int32(ti), value: int32(v)})
			}
		}
	} else if x, ok := t.logLR(s); ok {
		out = append(out, effect{weight: math.Abs(x), log: x, term: int32(ti), value: -1})
	}
	return out
}

// termRef points at one term of one condition.
type termRef struct {
	condition int
	term      *term
}

// lr reads one likelihood ratio at path().key (1 when it is wrong). The path is made only for
// a problem: a load reads two thousand ratios, and the app's reads none wrong.
func (l *loader) lr(v gjson.Result, path func() string, key string) ratio {
	if v.Type != gjson.Number {
		l.problem(join(path(), key), "want a likelihood ratio (a number), got %s", jsonKind(v))
		return ratio{lr: 1}
	}
	x := v.Num
	if x < MinLR || x > MaxLR || math.IsNaN(x) {
		l.problem(join(path(), key), "likelihood ratio %s is outside %s to %s", formatNum(x), formatNum(MinLR), formatNum(MaxLR))
		return ratio{lr: 1}
	}
	return ratio{lr: x, log: math.Log(x)}
}

// terms compiles a condition's "findings" object. It reads the object in place, and joins a
// member's path only for a problem (pathOf): the terms are most of what a load reads.
func (l *loader) terms(obj gjson.Result, path string) []term {
	var terms []term
	members := 0
	if obj.IsObject() {
		terms = make([]term, 0, 40)
	}
	obj.ForEach(func(key, spec gjson.Result) bool {
		members++
		if t, ok := l.term(key.Str, spec, path); ok {
			terms = append(terms, t)
		}
		return true
	})
	if members == 0 {
		l.problem(path, "want an object of finding ids to likelihood ratios, got %s", jsonKind(obj))
		return nil
	}
	return slices.Clip(terms)
}

// term compiles one member of a condition's "findings" object at path: the finding id and
// its likelihood ratios.
func (l *loader) term(id string, spec gjson.Result, path string) (term, bool) {
	p := func() string { return join(path, id) }
	d := l.k.findingByID[id]
	if d == nil {
		l.problem(p(), "unknown finding")
		return term{}, false
	}
	t := term{index: d.index, kind: d.Kind}
	// Ratio objects are small: read them in place rather than through objectFields.
	switch d.Kind {
	case Bool:
		if !spec.IsObject() {
			l.problem(p(), "want {\"yes\": LR, \"no\": LR}, got %s", jsonKind(spec))
			return term{}, false
		}
		found := false
		spec.ForEach(func(key, v gjson.Result) bool {
			switch key.Str {
			case "yes":
				t.yes = l.lr(v, p, "yes")
			case "no":
				t.no = l.lr(v, p, "no")
			default:
				l.problem(join(p(), key.Str), "unknown key (allowed: yes, no)")
			}
			found = found || key.Str == "yes" || key.Str == "no"
			return true
		})
		if !found {
			l.problem(p(), "needs \"yes\" or \"no\"")
		}
	case Choice, Set:
		if !spec.IsObject() {
			l.problem(p(), "want an object of values to likelihood ratios, got %s", jsonKind(spec))
			return term{}, false
		}
		t.values = make([]ratio, len(d.Values))
		n := 0
		spec.ForEach(func(key, v gjson.Result) bool {
			n++
			i := l.answerValue(d, key.Str, join(p(), key.Str))
			if i < 0 {
				return true
			}
			t.values[i] = l.lr(v, p, key.Str)
			return true
		})
		if n == 0 {
			l.problem(p(), "want an object of values to likelihood ratios, got an empty object")
		}
	case Number:
		t.bands = l.bands(spec, p(), d)
	}
	return t, true
}

// bands reads a number finding's likelihood ratios by range: ordered, not overlapping.
func (l *loader) bands(spec gjson.Result, path string, d *Finding) []band {
	var out []band
	for i, b := range l.array(spec, path) {
		p := path + "." + strconv.Itoa(i)
		if !b.IsObject() {
			l.problem(p, "want {\"min\", \"max\", \"lr\"}, got %s", jsonKind(b))
			continue
		}
		bf := l.fields(b, 3)
		l.checkKeys(bf, p, "min", "max", "lr")
		lo, hi := l.bounds(bf, p)
		bd := band{min: lo, max: hi}
		bd.ratio = l.lr(bf.Get("lr"), func() string { return p }, "lr")
		if n := len(out); n > 0 && bd.min < out[n-1].max {
			l.problem(p, "band starts at %s, before the previous band ends at %s", formatNum(bd.min), formatNum(out[n-1].max))
		}
		if bd.max <= d.Min || bd.min > d.Max {
			l.problem(p, "band %s to %s lies outside the finding's range %s to %s", formatNum(bd.min), formatNum(bd.max), formatNum(d.Min), formatNum(d.Max))
		}
		out = append(out, bd)
	}
	return out
}

// logLR returns the term's log likelihood ratio for a known slot, and whether it applies.
func (t *term) logLR(s slot) (float64, bool) {
	switch t.kind {
	case Bool:
		if s.b {
			return t.yes.log, t.yes.log != 0
		}
		return t.no.log, t.no.log != 0
	case Choice:
		return t.values[s.choice].log, t.values[s.choice].log != 0
	case Set:
		sum := 0.0
		for i, r := range t.values {
			if s.set&(1<<i) != 0 {
				sum += r.log
			}
		}
		return sum, sum != 0
	default:
		if b := t.band(s.num); b != nil {
			return b.log, b.log != 0
		}
		return 0, false
	}
}

// checkReachable reports questions that can never be asked: an ask_if that refers to itself,
// or that no answers can make true. It may refer to a question asked later only where it
// holds while that one is still unknown: pregnancy is asked of anyone not said to be male,
// and a later answer "male" takes it away (Prune).
func (l *loader) checkReachable() {
	if len(l.problems) > 0 {
		return // positions and expressions are unreliable in a broken file
	}
	k := l.k
	k.computeOrder()
	pos := make([]int, len(k.findings))
	for p, i := range k.order {
		pos[i] = p
	}
	for _, d := range k.findings {
		if d.askIf == nil {
			continue
		}
		path := "findings." + strconv.Itoa(d.index) + ".ask_if"
		var refs, later []int
		d.askIf.refs(func(i int) {
			if slices.Contains(refs, i) || slices.Contains(later, i) {
				return
			}
			switch {
			case i == d.index:
				l.problem(path, "refers to %q itself: the question could never be asked", d.ID)
			case pos[i] > pos[d.index]:
				later = append(later, i)
			default:
				refs = append(refs, i)
			}
		})
		if k.satisfiable(d.askIf, refs) {
			continue
		}
		if len(later) > 0 {
			l.problem(path, "refers to %q, which is asked after %q, and is false while it is unknown: the question could never be asked", k.findings[later[0]].ID, d.ID)
		} else {
			l.problem(path, "no answers can make it true: %q could never be asked", d.ID)
		}
	}
}

// satisfiable tries every combination of the referenced findings' answers (unknown included).
// Only small combinations are tried; a larger one is taken as satisfiable.
func (k *Knowledge) satisfiable(e expr, refs []int) bool {
	domains := make([][]slot, len(refs))
	total := 1
	for j, i := range refs {
		domains[j] = k.candidateSlots(i)
		total *= len(domains[j])
		if total > 100000 {
			return true
		}
	}
	vals := make([]slot, len(k.findings))
	var try func(j int) bool
	try = func(j int) bool {
		if j == len(refs) {
			return e.eval(vals)
		}
		for _, s := range domains[j] {
			vals[refs[j]] = s
			if try(j + 1) {
				return true
			}
		}
		return false
	}
	return try(0)
}

// candidateSlots lists the answers worth trying for a finding: unknown and each distinct one.
func (k *Knowledge) candidateSlots(i int) []slot {
	if i < len(k.candidates) { // set by index, after loading
		return k.candidates[i]
	}
	return k.makeCandidates(i)
}

func (k *Knowledge) makeCandidates(i int) []slot {
	d := k.findings[i]
	out := []slot{{}}
	switch d.Kind {
	case Bool:
		out = append(out, slot{known: true, b: true}, slot{known: true})
	case Choice:
		for v := range d.Values {
			if !d.Values[v].Unknown { // the unknown slot, out[0], stands for it
				out = append(out, slot{known: true, choice: v})
			}
		}
	case Set:
		out = append(out, slot{known: true})
		for v := range d.Values {
			out = append(out, slot{known: true, set: 1 << v})
		}
	case Number:
		for _, x := range k.numberProbes(i) {
			out = append(out, slot{known: true, num: x})
		}
	}
	return out
}

// numberProbes returns values of a number finding on each side of every edge that a band or a
// rule draws on it, so that trying them reaches every distinct outcome.
func (k *Knowledge) numberProbes(i int) []float64 {
	d := k.findings[i]
	edges := []float64{d.Min, d.Max}
	addLeaf := func(e expr) {
		walkLeaves(e, func(lf *leaf) {
			if lf.index == i && lf.op == opRange {
				edges = append(edges, lf.min, lf.max)
			}
		})
	}
	for _, c := range k.conditions {
		for _, t := range c.terms {
			if t.index == i {
				for _, b := range t.bands {
					edges = append(edges, b.min, b.max)
				}
			}
		}
	}
	for _, r := range k.rules {
		addLeaf(r.when)
	}
	for _, f := range k.findings {
		if f.askIf != nil {
			addLeaf(f.askIf)
		}
	}
	var probes []float64
	for _, e := range edges {
		if math.IsInf(e, 0) {
			continue
		}
		for _, x := range []float64{e, e - 1e-6} {
			if x >= d.Min && x <= d.Max && !slices.Contains(probes, x) {
				probes = append(probes, x)
			}
		}
	}
	slices.Sort(probes)
	return probes
}

// walkLeaves calls fn for every test on one finding in e, those under a "not" too.
func walkLeaves(e expr, fn func(*leaf)) { visitLeaves(e, true, fn) }

// visitLeaves calls fn for the tests on one finding in e, and for those under a "not" only
// when intoNot is set.
func visitLeaves(e expr, intoNot bool, fn func(*leaf)) {
	switch x := e.(type) {
	case allOf:
		for _, p := range x {
			visitLeaves(p, intoNot, fn)
		}
	case anyOf:
		for _, p := range x {
			visitLeaves(p, intoNot, fn)
		}
	case notOf:
		if intoNot {
			visitLeaves(x.e, intoNot, fn)
		}
	case *defRef:
		visitLeaves(x.def.when, intoNot, fn)
	case *leaf:
		fn(x)
	}
}
