package triage

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"

	"spotcheck"
)

// shownBy writes everything the app shows, in each language, for the findings f of k: the result
// (urgency, reasons, safety nets, rules, causes with their ranks, probabilities, evidence and
// texts) and the next question's screen (its step, questions, answers and help). Two loads of
// one base must write the same, byte for byte.
func shownBy(k *Knowledge, f *Findings, langs []string) string {
	var b strings.Builder
	res, next := k.Evaluate(f), k.NextQuestion(f)
	for _, lang := range langs {
		fmt.Fprintf(&b, "in %s\n", lang)
		shownIn(&b, k, res, next, lang)
	}
	return b.String()
}

// shownCauses is how many causes the result screen shows at most, with their texts and
// evidence (app/ui shows three to five); the others are compared by rank and probability.
const shownCauses = 5

// shownIn writes what the app shows of a result and the next question in lang.
func shownIn(b *strings.Builder, k *Knowledge, res Result, next Next, lang string) {
	u := k.UrgencyInfo(res.Urgency)
	fmt.Fprintf(b, "urgency %s: %s | %s | %s\n", res.Urgency, u.Label.In(lang), u.Action.In(lang), u.IfAction.In(lang))
	for _, r := range res.Because {
		fmt.Fprintf(b, "because %s p=%v", r.Urgency, r.Probability)
		if r.Rule != nil {
			fmt.Fprintf(b, " rule %s", r.Rule.ID)
		}
		if r.Condition != nil {
			fmt.Fprintf(b, " cause %s", r.Condition.ID)
		}
		if r.SafetyNet != nil {
			fmt.Fprintf(b, " net %s", r.SafetyNet.ID)
		}
		b.WriteByte('\n')
	}
	for _, n := range res.SafetyNets {
		fmt.Fprintf(b, "net %s %s=%s if %s floor %s p=%v: %s\n", n.ID, n.Finding.ID, n.Answer, n.If, n.Floor, n.Plausibility, n.Text(lang))
	}
	for _, r := range res.Rules {
		fmt.Fprintf(b, "rule %s %s %s: %s | %s %v\n", r.ID, r.Kind, r.Urgency, r.Title.In(lang), r.Message.In(lang), r.Sources)
	}
	for rank, c := range res.Conditions {
		d := c.Condition
		fmt.Fprintf(b, "cause %d %s p=%v lo=%v %s", rank+1, d.ID, c.Probability, c.LogOdds, d.Urgency)
		if rank < shownCauses {
			fmt.Fprintf(b, ": %s", d.Name.In(lang))
			for _, t := range d.Texts() {
				fmt.Fprintf(b, " | %s", t.Text.In(lang))
			}
			for _, e := range c.Evidence() {
				fmt.Fprintf(b, " [%s=%s %v]", e.Finding, e.Value, e.LR)
			}
		}
		b.WriteByte('\n')
	}
	fmt.Fprintf(b, "next done=%v step=%s checklist=%v remaining=%d %v\n", next.Done, next.Step, next.Checklist, next.Remaining, next.Findings)
	if st := k.Step(next.Step); st != nil {
		fmt.Fprintf(b, "step %s: %s | %s\n", st.ID, st.Title.In(lang), st.Intro.In(lang))
		if ill := st.Illustration; ill != nil {
			fmt.Fprintf(b, "illustration %s %dx%d %s %v: %s\n", ill.Src, ill.Width, ill.Height, ill.Finding, ill.Values, ill.Alt.In(lang))
		}
		for _, g := range st.Guide {
			fmt.Fprintf(b, "guide %s | %s\n", g.Title.In(lang), g.Text.In(lang))
		}
	}
	for _, id := range next.Findings {
		d := k.Finding(id)
		fmt.Fprintf(b, "question %s %s %s: %s | %s | %s | %s | %s %v %v %v\n", d.ID, d.Kind, d.Widget,
			d.Question.In(lang), d.Help.In(lang), d.Unsure.In(lang), d.Check.In(lang), d.Unit.In(lang), d.Min, d.Max, d.Places)
		for _, v := range d.Values {
			fmt.Fprintf(b, "  value %s: %s | %s\n", v.ID, v.Label.In(lang), v.Help.In(lang))
		}
	}
}

// shownAlways writes what the app shows whatever the findings: meta's texts, the interface's
// strings, the sources and the emergency numbers.
func shownAlways(k *Knowledge, lang string) string {
	var b strings.Builder
	m := k.Meta()
	fmt.Fprintf(&b, "meta %s %s %s %v %v %v %v %v %d\n", m.Version, m.Reviewed, m.ContentHash, m.Languages, m.RiskThreshold,
		m.UnlistedPrior, m.AnswerBaseRate, m.AskThreshold, m.QuestionBudget)
	for _, key := range sortedKeys(m.Texts) {
		fmt.Fprintf(&b, "text %s: %s\n", key, k.UI(key, lang))
	}
	for _, key := range sortedKeys(m.UI) {
		fmt.Fprintf(&b, "ui %s: %s\n", key, k.UI(key, lang))
	}
	for _, s := range k.Sources() {
		fmt.Fprintf(&b, "source %+v %s\n", *s, s.Link())
	}
	n := k.EmergencyNumbers()
	fmt.Fprintf(&b, "numbers %s %v\n", n.Default, n.Sources)
	for _, c := range n.Countries {
		fmt.Fprintf(&b, "number %s %s %v %s\n", c.Code, c.Number, c.Sources, c.Note.In(lang))
	}
	for _, c := range k.Conditions() {
		fmt.Fprintf(&b, "cause %s %v %+v %v\n", c.ID, c.Prior, c.Review, c.LRNotes)
	}
	for _, u := range k.UserTexts(lang) {
		fmt.Fprintf(&b, "user text %s %s: %s\n", u.Kind, u.Where, u.Text)
	}
	return b.String()
}

// compactKnowledge is the bundled base with its insignificant whitespace removed, as
// `make build` embeds it in the app.
func compactKnowledge(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := json.Compact(&b, spotcheck.KnowledgeJSON); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestPrecheckedLoadIsTheFullLoad: the app's load (Prechecked, of the compacted base it
// embeds) shows exactly what the full load shows, in every language: for every vignette,
// full and as an interview, and for 3,000 random finding sets.
func TestPrecheckedLoadIsTheFullLoad(t *testing.T) {
	full := bundled(t)
	compact := compactKnowledge(t)
	if len(compact) >= len(spotcheck.KnowledgeJSON) {
		t.Fatalf("the compacted base (%d bytes) is not smaller than knowledge.json (%d)", len(compact), len(spotcheck.KnowledgeJSON))
	}
	lazy, err := Load(compact, Prechecked())
	if err != nil {
		t.Fatal(err)
	}
	langs := full.Meta().Languages
	if len(langs) < 2 {
		t.Fatalf("meta.languages %v: the test needs a second language", langs)
	}
	// mirror is f made for the Prechecked load: the same answers, "not sure" included.
	mirror := func(f *Findings) *Findings {
		g := lazy.NewFindings()
		copy(g.vals, f.vals)
		return g
	}
	same := func(t *testing.T, what string, f *Findings) {
		t.Helper()
		if want, got := shownBy(full, f, langs), shownBy(lazy, mirror(f), langs); got != want {
			t.Fatalf("%s: the Prechecked load shows\n%s\nthe full load\n%s", what, got, want)
		}
	}
	t.Run("always", func(t *testing.T) {
		for _, lang := range langs {
			if got, want := shownAlways(lazy, lang), shownAlways(full, lang); got != want {
				t.Errorf("%s: the Prechecked load shows\n%s\nthe full load\n%s", lang, got, want)
			}
		}
	})
	t.Run("vignettes", func(t *testing.T) {
		var all []vignette
		for _, path := range vignetteFiles {
			all = append(all, loadVignettes(t, path)...)
		}
		if len(all) < 70 {
			t.Errorf("only %d vignettes to compare", len(all))
		}
		for _, v := range nodeSample(all) {
			f, err := full.ParseFindings(v.Findings)
			if err != nil {
				t.Fatalf("%s: %v", v.ID, err)
			}
			same(t, v.ID, f)
			tr := full.Simulate(f)
			lt := lazy.Simulate(mirror(f))
			if !slices.Equal(tr.Asked, lt.Asked) {
				t.Fatalf("%s: the Prechecked load asks %v, the full load %v", v.ID, lt.Asked, tr.Asked)
			}
			same(t, v.ID+" as an interview", tr.Findings)
		}
	})
	t.Run("random", func(t *testing.T) {
		sets := 3000
		if runtime.GOOS == "js" {
			sets = 150 // the same engine code runs all 3,000 natively in make test
		}
		rng := rand.New(rand.NewPCG(12, 12))
		for i := range sets {
			f := randomFindings(full, rng, []float64{0.05, 0.15, 0.3, 0.6}[i%4])
			same(t, fmt.Sprintf("random set %d %s", i, f.JSON()), f)
		}
	})
}

// TestPrecheckedKeepsNoCopy: the app's load reads its texts in place, from the bytes it was
// given, where the full load keeps a copy (a caller may reuse its bytes).
func TestPrecheckedKeepsNoCopy(t *testing.T) {
	data := compactKnowledge(t)
	for _, tc := range []struct {
		name    string
		opts    []Option
		inPlace bool
	}{
		{"prechecked", []Option{Prechecked()}, true},
		{"full", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := Load(data, tc.opts...)
			if err != nil {
				t.Fatal(err)
			}
			before := k.UI("name", "en")
			raw := k.Meta().Texts["name"].raw
			at := bytes.Index(data, []byte(raw))
			if at < 0 {
				t.Fatalf("meta.name %q is not in the data", raw)
			}
			data[at+2] ^= 0x20 // the first letter of the first key: "en" becomes "En"
			defer func() { data[at+2] ^= 0x20 }()
			changed := k.UI("name", "en") != before
			if changed != tc.inPlace {
				t.Errorf("changing the data changed the text: %v, want %v", changed, tc.inPlace)
			}
		})
	}
}

// TestPrecheckedStillRefusesWhatItReads: a problem the app's load meets on its way is an error,
// never a half-loaded base.
func TestPrecheckedStillRefusesWhatItReads(t *testing.T) {
	for _, tc := range []struct{ name, data string }{
		{"not an object", `[]`},
		{"empty", ``},
		{"a prior out of range", strings.Replace(string(compactKnowledge(t)), `"prior":`, `"prior":7,"x":`, 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Load([]byte(tc.data), Prechecked()); err == nil {
				t.Errorf("Load(Prechecked) accepted it")
			}
		})
	}
}
