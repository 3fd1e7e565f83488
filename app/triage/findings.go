package triage

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
)

// Answer is the value of one known finding, in the field of its kind.
type Answer struct {
	Bool   bool
	Num    float64
	Choice string
	Set    []string
}

// slot is one finding's value, indexed like Knowledge.findings; the zero slot is unknown.
type slot struct {
	known  bool
	unsure bool // asked, and answered "not sure": still unknown, but not to be asked again
	b      bool
	num    float64
	choice int    // index into Finding.Values
	set    uint64 // bit i: Finding.Values[i] is listed
}

// Findings is what is known about one person. A finding that was never set is unknown, which
// is not the same as false. Make one with Knowledge.NewFindings or Knowledge.ParseFindings.
type Findings struct {
	k    *Knowledge
	vals []slot
}

// NewFindings returns findings with every finding unknown.
func (k *Knowledge) NewFindings() *Findings {
	return &Findings{k: k, vals: make([]slot, len(k.findings))}
}

// Clone returns an independent copy.
func (f *Findings) Clone() *Findings {
	return &Findings{k: f.k, vals: slices.Clone(f.vals)}
}

func (f *Findings) lookup(id string, want Kind) (*Finding, error) {
	d := f.k.findingByID[id]
	if d == nil {
		return nil, fmt.Errorf("%s: unknown finding", id)
	}
	if d.Kind != want {
		return nil, fmt.Errorf("%s: is a %s finding, not %s", id, d.Kind, want)
	}
	return d, nil
}

// SetBool sets a bool finding.
func (f *Findings) SetBool(id string, b bool) error {
	d, err := f.lookup(id, Bool)
	if err != nil {
		return err
	}
	f.vals[d.index] = slot{known: true, b: b}
	return nil
}

// SetNumber sets a number finding; the value must lie within the finding's min and max.
func (f *Findings) SetNumber(id string, x float64) error {
	d, err := f.lookup(id, Number)
	if err != nil {
		return err
	}
	if math.IsNaN(x) || x < d.Min || x > d.Max {
		return fmt.Errorf("%s: %s is outside %s to %s", id, formatNum(x), formatNum(d.Min), formatNum(d.Max))
	}
	f.vals[d.index] = slot{known: true, num: x}
	return nil
}

// SetChoice sets a choice finding to one of its values.
func (f *Findings) SetChoice(id, value string) error {
	d, err := f.lookup(id, Choice)
	if err != nil {
		return err
	}
	i := d.valueIndex(value)
	if i < 0 {
		return fmt.Errorf("%s: %q is not one of %s", id, value, d.valueList())
	}
	if d.Values[i].Unknown {
		f.vals[d.index] = slot{unsure: true} // "not known" is "not sure": see UnknownValue
		return nil
	}
	f.vals[d.index] = slot{known: true, choice: i}
	return nil
}

// SetSet sets a set finding to the listed values (an empty list is known and empty).
func (f *Findings) SetSet(id string, values []string) error {
	d, err := f.lookup(id, Set)
	if err != nil {
		return err
	}
	var mask uint64
	for _, v := range values {
		i := d.valueIndex(v)
		if i < 0 {
			return fmt.Errorf("%s: %q is not one of %s", id, v, d.valueList())
		}
		mask |= 1 << i
	}
	f.vals[d.index] = slot{known: true, set: mask}
	return nil
}

// Set sets a finding from the field of the Answer that its kind uses (Bool, Num, Choice or
// Set), with the checks of SetBool, SetNumber, SetChoice and SetSet.
func (f *Findings) Set(id string, a Answer) error {
	d := f.k.findingByID[id]
	if d == nil {
		return fmt.Errorf("%s: unknown finding", id)
	}
	switch d.Kind {
	case Bool:
		return f.SetBool(id, a.Bool)
	case Number:
		return f.SetNumber(id, a.Num)
	case Choice:
		return f.SetChoice(id, a.Choice)
	default:
		return f.SetSet(id, a.Set)
	}
}

// Unset makes a finding unknown and unasked again; an unknown id is ignored.
func (f *Findings) Unset(id string) {
	if d := f.k.findingByID[id]; d != nil {
		f.vals[d.index] = slot{}
	}
}

// SetUnsure records a "not sure" answer: the finding stays unknown (it counts for nothing),
// but NextQuestion does not ask it again.
func (f *Findings) SetUnsure(id string) error {
	d := f.k.findingByID[id]
	if d == nil {
		return fmt.Errorf("%s: unknown finding", id)
	}
	f.vals[d.index] = slot{unsure: true}
	return nil
}

// Asked reports whether the finding was answered, with a value or "not sure".
func (f *Findings) Asked(id string) bool {
	d := f.k.findingByID[id]
	return d != nil && (f.vals[d.index].known || f.vals[d.index].unsure)
}

// Known reports whether the finding has a value.
func (f *Findings) Known(id string) bool {
	d := f.k.findingByID[id]
	return d != nil && f.vals[d.index].known
}

// Value returns the finding's value, and false when it is unknown (or the id is).
func (f *Findings) Value(id string) (Answer, bool) {
	d := f.k.findingByID[id]
	if d == nil || !f.vals[d.index].known {
		return Answer{}, false
	}
	s := f.vals[d.index]
	switch d.Kind {
	case Bool:
		return Answer{Bool: s.b}, true
	case Number:
		return Answer{Num: s.num}, true
	case Choice:
		return Answer{Choice: d.Values[s.choice].ID}, true
	default:
		a := Answer{Set: []string{}}
		for i, v := range d.Values {
			if s.set&(1<<i) != 0 {
				a.Set = append(a.Set, v.ID)
			}
		}
		return a, true
	}
}

// Len returns how many findings are known.
func (f *Findings) Len() int {
	n := 0
	for _, s := range f.vals {
		if s.known {
			n++
		}
	}
	return n
}

// JSON returns the known findings as a case-file findings object, in the knowledge's order.
func (f *Findings) JSON() string {
	var b strings.Builder
	b.WriteByte('{')
	first := true
	for i, d := range f.k.findings {
		s := f.vals[i]
		if !s.known {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(strconv.Quote(d.ID))
		b.WriteByte(':')
		b.WriteString(d.formatJSON(s))
	}
	b.WriteByte('}')
	return b.String()
}

// ParseFindings reads a case's findings object ({"fever": true, "location": ["legs"], ...}).
// Every unknown id, wrong type or unknown value is reported, all at once, each naming its field.
func (k *Knowledge) ParseFindings(object string) (*Findings, error) {
	f := k.NewFindings()
	if problems := checkJSONString(object); problems != nil {
		return nil, findingsError(problems)
	}
	r := gjson.Parse(object)
	if !r.IsObject() {
		return nil, fmt.Errorf("findings: want an object of finding ids, got %s", jsonKind(r))
	}
	var errs []string
	r.ForEach(func(key, v gjson.Result) bool {
		if err := f.setJSON(key.String(), v); err != nil {
			errs = append(errs, "findings."+err.Error())
		}
		return true
	})
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return f, nil
}

// setJSON sets one finding from its JSON value.
func (f *Findings) setJSON(id string, v gjson.Result) error {
	d := f.k.findingByID[id]
	if d == nil {
		return fmt.Errorf("%s: unknown finding", id)
	}
	wrong := func() error {
		return fmt.Errorf("%s: want %s, got %s %s", id, d.Kind.jsonName(), jsonKind(v), truncate(v.Raw, 40))
	}
	switch d.Kind {
	case Bool:
		if !v.IsBool() {
			return wrong()
		}
		return f.SetBool(id, v.Bool())
	case Number:
		if v.Type != gjson.Number {
			return wrong()
		}
		return f.SetNumber(id, v.Float())
	case Choice:
		if v.Type != gjson.String {
			return wrong()
		}
		return f.SetChoice(id, v.Str)
	default:
		if !v.IsArray() {
			return wrong()
		}
		var vals []string
		var bad error
		v.ForEach(func(_, e gjson.Result) bool {
			if e.Type != gjson.String {
				bad = fmt.Errorf("%s: want a list of strings, got %s %s in it", id, jsonKind(e), truncate(e.Raw, 40))
				return false
			}
			vals = append(vals, e.Str)
			return true
		})
		if bad != nil {
			return bad
		}
		return f.SetSet(id, vals)
	}
}

func (k Kind) jsonName() string {
	switch k {
	case Bool:
		return "true or false"
	case Number:
		return "a number"
	case Choice:
		return "one string value"
	default:
		return "a list of string values"
	}
}

func (d *Finding) valueIndex(id string) int {
	for i, v := range d.Values {
		if v.ID == id {
			return i
		}
	}
	return -1
}

func (d *Finding) valueList() string {
	ids := make([]string, len(d.Values))
	for i, v := range d.Values {
		ids[i] = v.ID
	}
	return strings.Join(ids, ", ")
}

// formatJSON writes a known slot as JSON.
func (d *Finding) formatJSON(s slot) string {
	switch d.Kind {
	case Bool:
		return strconv.FormatBool(s.b)
	case Number:
		return formatNum(s.num)
	case Choice:
		return strconv.Quote(d.Values[s.choice].ID)
	default:
		parts := []string{}
		for i, v := range d.Values {
			if s.set&(1<<i) != 0 {
				parts = append(parts, strconv.Quote(v.ID))
			}
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
}

func formatNum(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func jsonKind(r gjson.Result) string {
	switch {
	case r.IsObject():
		return "an object"
	case r.IsArray():
		return "a list"
	case r.IsBool():
		return "a bool"
	case r.Type == gjson.Number:
		return "a number"
	case r.Type == gjson.String:
		return "a string"
	case r.Type == gjson.Null:
		return "null"
	default:
		return "nothing"
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
