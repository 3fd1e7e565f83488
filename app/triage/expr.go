package triage

import (
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// expr is a compiled condition of a rule or an ask_if. It is three-valued on purpose: a leaf
// on an unknown finding is false, so that {"not": leaf} is true when the finding is unknown.
type expr interface {
	eval(vals []slot) bool
	// holds is eval as if every finding were answered: a test that one is not answered is
	// false (and a test that it is, true), so that nothing holds because an answer is
	// missing; an unknown answer still matches no value.
	holds(vals []slot) bool
	// refs calls fn with the index of every finding the expression reads.
	refs(fn func(index int))
}

type allOf []expr
type anyOf []expr
type notOf struct{ e expr }

func (a allOf) eval(v []slot) bool {
	for _, e := range a {
		if !e.eval(v) {
			return false
		}
	}
	return true
}

func (a anyOf) eval(v []slot) bool {
	for _, e := range a {
		if e.eval(v) {
			return true
		}
	}
	return false
}

func (n notOf) eval(v []slot) bool { return !n.e.eval(v) }

func (a allOf) holds(v []slot) bool {
	for _, e := range a {
		if !e.holds(v) {
			return false
		}
	}
	return true
}

func (a anyOf) holds(v []slot) bool {
	for _, e := range a {
		if e.holds(v) {
			return true
		}
	}
	return false
}

func (n notOf) holds(v []slot) bool { return !n.e.holds(v) }

func (a allOf) refs(fn func(int)) {
	for _, e := range a {
		e.refs(fn)
	}
}

func (a anyOf) refs(fn func(int)) {
	for _, e := range a {
		e.refs(fn)
	}
}

func (n notOf) refs(fn func(int)) { n.e.refs(fn) }

type leafOp int

const (
	opIsBool   leafOp = iota // bool equals
	opAnyValue               // choice is one of mask; set has any of mask
	opRange                  // number in [min, max)
	opKnown                  // finding is (not) answered
)

// leaf tests one finding.
type leaf struct {
	finding  *Finding // for showing the rule in words
	index    int
	kind     Kind
	op       leafOp
	b        bool // opIsBool: the value; opKnown: want known
	mask     uint64
	min, max float64
}

func (l *leaf) eval(v []slot) bool {
	s := v[l.index]
	if l.op == opKnown {
		return s.known == l.b
	}
	if !s.known {
		return false
	}
	switch l.op {
	case opIsBool:
		return s.b == l.b
	case opAnyValue:
		if l.kind == Choice {
			return l.mask&(1<<s.choice) != 0
		}
		return l.mask&s.set != 0
	default:
		return s.num >= l.min && s.num < l.max
	}
}

func (l *leaf) holds(v []slot) bool {
	if l.op == opKnown {
		return l.b
	}
	return l.eval(v)
}

func (l *leaf) refs(fn func(int)) { fn(l.index) }

// parseExpr compiles a condition tree, reporting every problem under path.
func (l *loader) parseExpr(r gjson.Result, path string) expr {
	if !r.IsObject() {
		l.problem(path, "want a condition object (all, any, not, def or finding), got %s", jsonKind(r))
		return nil
	}
	fs := l.fields(r, 3)
	keys := fs.keys()
	switch {
	case fs.Get("all").Exists() || fs.Get("any").Exists():
		op := "all"
		if !fs.Get("all").Exists() {
			op = "any"
		}
		if len(keys) != 1 {
			l.problem(path, "%q must stand alone, found keys %s", op, strings.Join(keys, ", "))
		}
		items := l.array(fs.Get(op), path+"."+op)
		if len(items) == 0 {
			return nil
		}
		var parts []expr
		for i, e := range items {
			if x := l.parseExpr(e, path+"."+op+"."+strconv.Itoa(i)); x != nil {
				parts = append(parts, x)
			}
		}
		if op == "all" {
			return allOf(parts)
		}
		return anyOf(parts)
	case fs.Get("not").Exists():
		if len(keys) != 1 {
			l.problem(path, "\"not\" must stand alone, found keys %s", strings.Join(keys, ", "))
		}
		if x := l.parseExpr(fs.Get("not"), path+".not"); x != nil {
			return notOf{x}
		}
		return nil
	case fs.Get("def").Exists():
		if len(keys) != 1 {
			l.problem(path, "\"def\" must stand alone, found keys %s", strings.Join(keys, ", "))
		}
		return l.useDef(fs.Get("def"), path+".def")
	case fs.Get("finding").Exists():
		return l.parseLeaf(fs, path, keys)
	default:
		l.problem(path, "want one of all, any, not, def or finding, found keys %s", strings.Join(keys, ", "))
		return nil
	}
}

func (l *loader) parseLeaf(r fields, path string, keys []string) expr {
	id := r.Get("finding").String()
	d := l.k.findingByID[id]
	if d == nil {
		l.problem(path+".finding", "unknown finding %q", id)
		return nil
	}
	var ops []string
	for _, key := range keys {
		switch key {
		case "finding":
		case "is", "in", "known":
			ops = append(ops, key)
		case "min", "max":
			if !slices.Contains(ops, "range") {
				ops = append(ops, "range")
			}
		default:
			l.problem(path+"."+key, "unknown key in a condition on a finding")
		}
	}
	if len(ops) != 1 {
		l.problem(path, "a condition on %q needs exactly one of is, in, min/max or known, found %d", id, len(ops))
		return nil
	}
	lf := &leaf{finding: d, index: d.index, kind: d.Kind}
	switch ops[0] {
	case "known":
		v := r.Get("known")
		if !v.IsBool() {
			l.problem(path+".known", "want true or false")
			return nil
		}
		lf.op, lf.b = opKnown, v.Bool()
	case "is":
		v := r.Get("is")
		switch d.Kind {
		case Bool:
			if !v.IsBool() {
				l.problem(path+".is", "%q is a bool finding: want true or false, got %s", id, jsonKind(v))
				return nil
			}
			lf.op, lf.b = opIsBool, v.Bool()
		case Choice, Set:
			lf.op = opAnyValue
			lf.mask = l.valueMask(d, []gjson.Result{v}, path+".is")
		default:
			l.problem(path+".is", "%q is a number: use min and max", id)
			return nil
		}
	case "in":
		if d.Kind != Choice && d.Kind != Set {
			l.problem(path+".in", "%q is a %s finding: \"in\" is for choice and set findings", id, d.Kind)
			return nil
		}
		items := l.array(r.Get("in"), path+".in")
		if len(items) == 0 {
			return nil
		}
		lf.op = opAnyValue
		lf.mask = l.valueMask(d, items, path+".in")
	case "range":
		if d.Kind != Number {
			l.problem(path, "%q is a %s finding: min and max are for numbers", id, d.Kind)
			return nil
		}
		lf.op = opRange
		lf.min, lf.max = l.bounds(r, path)
	}
	return lf
}

// bounds reads optional min and max; a missing bound is open.
func (l *loader) bounds(r fields, path string) (lo, hi float64) {
	lo, hi = negInf, posInf
	if v := r.Get("min"); v.Exists() {
		if v.Type != gjson.Number {
			l.problem(path+".min", "want a number")
		}
		lo = v.Float()
	}
	if v := r.Get("max"); v.Exists() {
		if v.Type != gjson.Number {
			l.problem(path+".max", "want a number")
		}
		hi = v.Float()
	}
	if lo >= hi {
		l.problem(path, "min %s is not below max %s", formatNum(lo), formatNum(hi))
	}
	return lo, hi
}

func (l *loader) valueMask(d *Finding, vals []gjson.Result, path string) uint64 {
	var mask uint64
	for _, v := range vals {
		if v.Type != gjson.String {
			l.problem(path, "%s is not a value of %q (%s)", v.Raw, d.ID, d.valueList())
			continue
		}
		i := l.answerValue(d, v.Str, path)
		if i < 0 {
			continue
		}
		mask |= 1 << i
	}
	return mask
}

// Definition is a named sub-condition (top-level "defs"), written once and referred to in
// rules as {"def": "id"}, so that a list the rules share has one place to change.
type Definition struct {
	ID string
	// Title says in words what the definition means, for the review page (optional).
	Title Text
	when  expr
}

// defRef is a {"def": "id"} in a condition: it holds exactly when the definition does.
type defRef struct{ def *Definition }

func (r *defRef) eval(v []slot) bool      { return r.def.when.eval(v) }
func (r *defRef) holds(v []slot) bool     { return r.def.when.holds(v) }
func (r *defRef) refs(fn func(index int)) { r.def.when.refs(fn) }

// defTable holds the definitions while they load: each is compiled on first use, so that one
// may refer to another defined later, and a cycle is found by meeting one still compiling.
type defTable struct {
	entries []*defEntry
	byID    map[string]*defEntry
}

type defEntry struct {
	def       *Definition
	path      string
	when      gjson.Result
	compiling bool
	compiled  bool
	used      bool
}

// loadDefs reads the optional top-level "defs" and compiles every definition.
func (l *loader) loadDefs(list gjson.Result) {
	l.defs = &defTable{byID: map[string]*defEntry{}}
	if !list.Exists() {
		return
	}
	seen := map[string]bool{}
	for _, o := range l.objects(list, "defs", "id", "title", "when") {
		d := &Definition{ID: l.id(o.fields, o.path, seen), Title: l.text(o.fields, o.path, "title", false)}
		e := &defEntry{def: d, path: o.path, when: o.Get("when")}
		if !e.when.Exists() {
			l.problem(o.path+".when", "missing condition")
			e.compiled = true
		}
		l.defs.entries = append(l.defs.entries, e)
		if d.ID != "" && l.defs.byID[d.ID] == nil {
			l.defs.byID[d.ID] = e
		}
		l.k.defs = append(l.k.defs, d)
	}
	for _, e := range l.defs.entries {
		l.compileDef(e)
	}
}

func (l *loader) compileDef(e *defEntry) {
	if e.compiled || e.compiling {
		return
	}
	e.compiling = true
	e.def.when = l.parseExpr(e.when, e.path+".when")
	e.compiling, e.compiled = false, true
}

// useDef compiles a {"def": id} reference at path.
func (l *loader) useDef(id gjson.Result, path string) expr {
	if l.defs == nil {
		l.problem(path, "a def may be used in rules and other defs, not in ask_if")
		return nil
	}
	e := l.defs.byID[id.String()]
	switch {
	case id.Type != gjson.String:
		l.problem(path, "want a def id, got %s", jsonKind(id))
		return nil
	case e == nil:
		l.problem(path, "unknown def %q", id.Str)
		return nil
	case e.compiling:
		l.problem(path, "def %q refers back to itself: a cycle", id.Str)
		return nil
	}
	e.used = true
	l.compileDef(e)
	if e.def.when == nil {
		return nil // its own problem is reported at its path
	}
	return &defRef{e.def}
}

// checkDefsUsed reports definitions that no rule or other definition refers to.
func (l *loader) checkDefsUsed() {
	for _, e := range l.defs.entries {
		if !e.used && e.def.ID != "" {
			l.problem(e.path, "def %q is never used", e.def.ID)
		}
	}
}
