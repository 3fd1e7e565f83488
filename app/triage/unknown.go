package triage

// A choice finding may mark one value "unknown": an answer that says the person does not know
// (the glass test's "I have not done the test or cannot tell"). It is the finding's own words
// for "not sure", so the engine takes it as exactly that everywhere: SetChoice records it as
// "not sure", it is no candidate answer, and nothing may weigh or test it (a ratio, a base
// rate or a rule on it would make "not done" count as safer, or less safe, than "not sure").

// UnknownValue returns the id of the value that stands for "not known", or "".
func (d *Finding) UnknownValue() string {
	if i := d.unknownIndex(); i >= 0 {
		return d.Values[i].ID
	}
	return ""
}

func (d *Finding) unknownIndex() int {
	for i, v := range d.Values {
		if v.Unknown {
			return i
		}
	}
	return -1
}

// checkUnknown checks a finding's "unknown" marks: at most one, on a choice finding.
func (l *loader) checkUnknown(d *Finding, path string) {
	n := 0
	for _, v := range d.Values {
		if v.Unknown {
			n++
		}
	}
	switch {
	case n > 0 && d.Kind != Choice:
		l.problem(path+".values", "only a choice finding has a value that stands for not known")
	case n > 1:
		l.problem(path+".values", "%d values marked unknown, at most one", n)
	}
}

// answerValue is the index of a value that a ratio, a base rate or a rule names, or -1 after
// reporting a value that is not one, or that stands for not known (counted as "not sure").
func (l *loader) answerValue(d *Finding, id, path string) int {
	i := d.valueIndex(id)
	switch {
	case i < 0:
		l.problem(path, "%q is not a value of %q (%s)", id, d.ID, d.valueList())
	case d.Values[i].Unknown:
		l.problem(path, "%q of %q stands for not known, which counts as \"not sure\": nothing may weigh or test it", id, d.ID)
		return -1
	}
	return i
}
