package ui

import (
	"testing"

	"spotcheck/app/triage"
)

// TestUnknownValueIsTheNotSureAnswer: a choice whose value stands for not known (the glass
// test's "I have not done the test or cannot tell") shows its values and no separate "Not
// sure", in every language; picking that value is "not sure" to the engine, shows it picked,
// and the summary says it in the value's words.
func TestUnknownValueIsTheNotSureAnswer(t *testing.T) {
	var found bool
	for _, d := range kb.Findings() {
		u := d.UnknownValue()
		if u == "" {
			continue
		}
		found = true
		for _, lang := range kb.Meta().Languages {
			c := &Checker{k: kb, s: newSession(kb), w: words{k: kb, lang: lang}}
			before := c.options(d)
			if len(before) != len(d.Values) {
				t.Errorf("%s in %s: %d answers, want its %d values", d.ID, lang, len(before), len(d.Values))
			}
			for i, o := range before {
				if o.ID != d.Values[i].ID || o.Label != d.Label(o.ID, lang) || o.Picked {
					t.Errorf("%s in %s: answer %d is %+v, want %s unpicked", d.ID, lang, i, o, d.Values[i].ID)
				}
			}
			if _, err := c.s.set(d.ID, &triage.Answer{Choice: u}); err != nil { // what its button sends
				t.Fatal(err)
			}
			if !c.s.f.Asked(d.ID) || c.s.f.Known(d.ID) {
				t.Errorf("%s in %s: %s is asked %v, known %v; want not sure", d.ID, lang, u, c.s.f.Asked(d.ID), c.s.f.Known(d.ID))
			}
			for _, o := range c.options(d) {
				if o.Picked != (o.ID == u) {
					t.Errorf("%s in %s after %s: %s picked %v", d.ID, lang, u, o.ID, o.Picked)
				}
			}
			if got, want := c.w.answer(c.s, d), d.Label(u, lang); got != want {
				t.Errorf("%s in %s: the summary says %q, want %q", d.ID, lang, got, want)
			}
		}
	}
	if !found {
		t.Fatal(`no finding has a value marked "unknown": the glass test's not_done should`)
	}
}

// TestOtherQuestionsKeepNotSure: a question without such a value keeps the generic "not sure".
func TestOtherQuestionsKeepNotSure(t *testing.T) {
	c := &Checker{k: kb, s: newSession(kb), w: words{k: kb, lang: "en"}}
	for _, id := range []string{"fever", "spot_size"} {
		opts := c.options(kb.Finding(id))
		if last := opts[len(opts)-1]; last.ID != unsureID || last.Label != c.w.unsure(kb.Finding(id)) {
			t.Errorf("%s: last answer %+v, want not sure", id, last)
		}
	}
}
