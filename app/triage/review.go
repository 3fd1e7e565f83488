package triage

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// This file holds what a clinician's review of the knowledge needs: the review metadata of
// causes and rules (as FHIR Library and Arden's maintenance block keep it), the own source and
// reason of a likelihood ratio, read access to rules and ratios as data, and the content hash.

// Review statuses: a draft has not been signed off by a clinician.
const (
	ReviewDraft    = "draft"
	ReviewReviewed = "reviewed"
)

// Review is who last reviewed a cause or rule, when, and whether it is still a draft.
type Review struct {
	By, Date, Status string
}

// Draft reports whether the statement still waits for a clinician's sign-off.
func (r Review) Draft() bool { return r.Status != ReviewReviewed }

// LRNote is the own source and one-line reason of one finding's likelihood ratios in a cause.
type LRNote struct {
	Source string // a source id, or ""
	Why    string
}

// maxWhy keeps a ratio's reason to one line of a table.
const maxWhy = 200

var hashRE = regexp.MustCompile(`^[0-9a-f]{64}$`)

// review reads the required "review" block of a cause, rule or assessment at path.
func (l *loader) review(obj fields, path string) Review {
	p := path + ".review"
	v := obj.Get("review")
	if !v.IsObject() {
		l.problem(p, `want {"by", "date", "status"}, got %s`, jsonKind(v))
		return Review{}
	}
	f := l.fields(v, 3)
	l.checkKeys(f, p, "by", "date", "status")
	r := Review{By: l.str(f, p, "by"), Date: l.str(f, p, "date"), Status: l.str(f, p, "status")}
	if r.Date != "" && !l.prechecked {
		if _, err := time.Parse(time.DateOnly, r.Date); err != nil {
			l.problem(p+".date", "want a date as YYYY-MM-DD, got %q", r.Date)
		}
	}
	if r.Status != "" && r.Status != ReviewDraft && r.Status != ReviewReviewed {
		l.problem(p+".status", "unknown status %q (want draft or reviewed)", r.Status)
	}
	return r
}

// lrNotes reads a cause's optional "lr_notes": {finding id: {"source", "why"}}, each for a
// finding the cause lists.
func (l *loader) lrNotes(c fields, path string) map[string]LRNote {
	v := c.Get("lr_notes")
	if !v.Exists() {
		return nil
	}
	p := path + ".lr_notes"
	if !v.IsObject() {
		l.problem(p, "want an object of finding ids to {\"source\", \"why\"}, got %s", jsonKind(v))
		return nil
	}
	listed := c.Get("findings")
	notes := map[string]LRNote{}
	for _, m := range objectFields(v, 8) {
		np := join(p, m.key)
		if !l.prechecked && !listed.Get(gjson.Escape(m.key)).Exists() {
			l.problem(np, "%q is not one of this cause's findings", m.key)
			continue
		}
		f := objectFields(m.val, 2)
		l.checkKeys(f, np, "source", "why")
		var n LRNote
		if s := f.Get("source"); s.Exists() {
			switch {
			case s.Type != gjson.String:
				l.problem(np+".source", "want a source id, got %s", jsonKind(s))
			case l.k.sourceByID[s.Str] == nil:
				l.problem(np+".source", "unknown source %q", s.Str)
			default:
				n.Source = s.Str
			}
		}
		if w := f.Get("why"); w.Exists() {
			n.Why = l.str(f, np, "why")
			if strings.ContainsAny(n.Why, "\n\r") || len(n.Why) > maxWhy {
				l.problem(np+".why", "want one line of at most %d characters", maxWhy)
			}
		}
		if !m.val.IsObject() || (!f.Get("source").Exists() && !f.Get("why").Exists()) {
			l.problem(np, `want {"source": id, "why": "..."} with at least one of them`)
		}
		notes[m.key] = n
	}
	return notes
}

// contentHash reads the optional meta.content_hash: 64 lowercase hex digits.
func (l *loader) contentHash(meta fields) string {
	v := meta.Get("content_hash")
	if !v.Exists() {
		return ""
	}
	if v.Type != gjson.String || !hashRE.MatchString(v.Str) {
		l.problem("meta.content_hash", "want a sha256 as 64 lowercase hex digits, got %s", v.Raw)
		return ""
	}
	return v.Str
}

// ContentHash returns the sha256 (hex) of a knowledge file's clinical content: everything but
// meta.version, meta.reviewed, meta.content_hash and the review blocks, in a canonical form
// (object keys sorted, numbers and strings written one way, no whitespace), so that
// reformatting the file or signing a statement off leaves it alone and any other change does
// not.
func ContentHash(data []byte) (string, error) {
	if !gjson.ValidBytes(data) {
		return "", errors.New("not valid JSON")
	}
	root := gjson.ParseBytes(data)
	if !root.IsObject() {
		return "", errors.New("want a JSON object")
	}
	var b strings.Builder
	canonical(&b, root, "")
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:]), nil
}

// notContent says which members are bookkeeping rather than clinical content, by where the
// object sits: "" the top level, "meta", or "entry" (an element of conditions, rules or
// assess).
func notContent(where, key string) bool {
	switch where {
	case "meta":
		return key == "version" || key == "reviewed" || key == "content_hash"
	case "entry":
		return key == "review"
	}
	return false
}

func canonical(b *strings.Builder, v gjson.Result, where string) {
	switch {
	case v.IsObject():
		type member struct {
			key string
			val gjson.Result
		}
		var ms []member
		v.ForEach(func(k, x gjson.Result) bool {
			if !notContent(where, k.Str) {
				ms = append(ms, member{k.Str, x})
			}
			return true
		})
		slices.SortFunc(ms, func(a, c member) int { return strings.Compare(a.key, c.key) })
		b.WriteByte('{')
		for i, m := range ms {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(m.key))
			b.WriteByte(':')
			inner := ""
			if where == "" && m.key == "meta" {
				inner = "meta"
			}
			if where == "" && (m.key == "conditions" || m.key == "rules" || m.key == "assess") {
				inner = "entries"
			}
			canonical(b, m.val, inner)
		}
		b.WriteByte('}')
	case v.IsArray():
		inner := ""
		if where == "entries" {
			inner = "entry"
		}
		b.WriteByte('[')
		for i, x := range v.Array() {
			if i > 0 {
				b.WriteByte(',')
			}
			canonical(b, x, inner)
		}
		b.WriteByte(']')
	case v.Type == gjson.String:
		b.WriteString(strconv.Quote(v.Str))
	case v.Type == gjson.Number:
		b.WriteString(formatNum(v.Float()))
	default:
		b.WriteString(v.Raw) // true, false, null
	}
}

// Defs returns the named sub-conditions, in file order.
func (k *Knowledge) Defs() []*Definition { return k.defs }

// ClauseKind is the kind of one node of a condition tree.
type ClauseKind int

// The kinds of condition nodes, as in knowledge.json.
const (
	ClauseAll     ClauseKind = iota // every part holds
	ClauseAny                       // at least one part holds
	ClauseNot                       // the one part does not hold (true when it is unknown)
	ClauseDef                       // a named definition; Parts holds its body
	ClauseFinding                   // a test on one finding
)

// Clause is a condition tree as data, for showing a rule in words. A ClauseFinding tests
// Finding by Test: "is" (a bool finding equals Is), "in" (a choice is one of, or a set has
// any of, Values), "range" (a number in [Min, Max), either may be infinite) or "known" (the
// finding is answered, when Is, or not).
type Clause struct {
	Kind     ClauseKind
	Parts    []Clause
	Def      string
	Finding  string
	Test     string
	Is       bool
	Values   []string
	Min, Max float64
}

// When returns the rule's condition.
func (r *Rule) When() Clause { return clauseOf(r.when) }

// When returns the assessment's condition.
func (a *Assessment) When() Clause { return clauseOf(a.when) }

// When returns the definition's condition.
func (d *Definition) When() Clause { return clauseOf(d.when) }

func clauseOf(e expr) Clause {
	switch x := e.(type) {
	case allOf:
		return Clause{Kind: ClauseAll, Parts: clausesOf(x)}
	case anyOf:
		return Clause{Kind: ClauseAny, Parts: clausesOf(x)}
	case notOf:
		return Clause{Kind: ClauseNot, Parts: []Clause{clauseOf(x.e)}}
	case *defRef:
		return Clause{Kind: ClauseDef, Def: x.def.ID, Parts: []Clause{clauseOf(x.def.when)}}
	case *leaf:
		return x.clause()
	}
	return Clause{Kind: ClauseAll}
}

func clausesOf(es []expr) []Clause {
	out := make([]Clause, len(es))
	for i, e := range es {
		out[i] = clauseOf(e)
	}
	return out
}

func (l *leaf) clause() Clause {
	c := Clause{Kind: ClauseFinding, Finding: l.finding.ID}
	switch l.op {
	case opIsBool:
		c.Test, c.Is = "is", l.b
	case opKnown:
		c.Test, c.Is = "known", l.b
	case opAnyValue:
		c.Test = "in"
		for i, v := range l.finding.Values {
			if l.mask&(1<<i) != 0 {
				c.Values = append(c.Values, v.ID)
			}
		}
	default:
		c.Test, c.Min, c.Max = "range", l.min, l.max
	}
	return c
}

// Ratio is one likelihood ratio a cause gives a finding: for Value "yes" or "no" (bool), a
// value id (choice and set), or "" for a number band [Min, Max).
type Ratio struct {
	Finding  string
	Value    string
	Min, Max float64
	LR       float64
}

// Ratios returns the cause's likelihood ratios as written, findings in file order.
func (c *Condition) Ratios(k *Knowledge) []Ratio {
	var out []Ratio
	for _, t := range c.terms {
		d := k.findings[t.index]
		switch t.kind {
		case Bool:
			if t.yes.lr != 0 {
				out = append(out, Ratio{Finding: d.ID, Value: "yes", LR: t.yes.lr})
			}
			if t.no.lr != 0 {
				out = append(out, Ratio{Finding: d.ID, Value: "no", LR: t.no.lr})
			}
		case Choice, Set:
			for i, r := range t.values {
				if r.lr != 0 {
					out = append(out, Ratio{Finding: d.ID, Value: d.Values[i].ID, LR: r.lr})
				}
			}
		case Number:
			for _, b := range t.bands {
				out = append(out, Ratio{Finding: d.ID, Min: b.min, Max: b.max, LR: b.lr})
			}
		}
	}
	return out
}

// Open reports whether a range bound is open (no bound).
func Open(bound float64) bool { return math.IsInf(bound, 0) }

// AskIf returns the condition under which the question is asked, if it has one.
func (d *Finding) AskIf() (Clause, bool) {
	if d.askIf == nil {
		return Clause{}, false
	}
	return clauseOf(d.askIf), true
}
