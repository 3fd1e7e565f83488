package triage

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// randomFindings sets each finding with probability p to a random allowed answer.
func randomFindings(k *Knowledge, rng *rand.Rand, p float64) *Findings {
	f := k.NewFindings()
	for i := range k.findings {
		if rng.Float64() < p {
			c := k.candidateSlots(i)
			f.vals[i] = c[1+rng.IntN(len(c)-1)]
		}
	}
	return f
}

// redFlagSigns returns the danger signs, as answers: every bool question of the emergency
// step answered yes, spots that do not fade under the glass, and bruise-like spots.
func redFlagSigns(k *Knowledge) []func(f *Findings) error {
	var signs []func(f *Findings) error
	for _, id := range k.Step("emergency").Findings {
		if k.Finding(id).Kind == Bool {
			signs = append(signs, func(f *Findings) error { return f.SetBool(id, true) })
		}
	}
	signs = append(signs,
		func(f *Findings) error { return f.SetChoice("glass_test", "does_not_fade") },
		func(f *Findings) error { return f.SetBool("bruise_like", true) })
	return signs
}

func TestAddingARedFlagSignNeverLowersUrgency(t *testing.T) {
	k := bundled(t)
	signs := redFlagSigns(k)
	if len(signs) < 10 {
		t.Fatalf("only %d red-flag signs found", len(signs))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range propertyRuns(5000) {
		f := randomFindings(k, rng, 0.15)
		before := k.Evaluate(f).Urgency
		g := f.Clone()
		if err := signs[rng.IntN(len(signs))](g); err != nil {
			t.Fatal(err)
		}
		if after := k.Evaluate(g).Urgency; after < before {
			t.Fatalf("%s -> %s: urgency fell from %s to %s", f.JSON(), g.JSON(), before, after)
		}
	}
}

func TestEvaluateIsDeterministic(t *testing.T) {
	k := bundled(t)
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		f := randomFindings(k, rng, 0.3)
		a, b := k.Evaluate(f), k.Evaluate(f.Clone())
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("two evaluations of %s differ", f.JSON())
		}
	}
}

func TestEvaluateResultIsConsistent(t *testing.T) {
	k := bundled(t)
	rng := rand.New(rand.NewPCG(5, 6))
	for range 500 {
		f := randomFindings(k, rng, 0.2)
		res := k.Evaluate(f)
		if len(res.Conditions) != len(k.Conditions()) {
			t.Fatalf("%d conditions ranked, want all %d", len(res.Conditions), len(k.Conditions()))
		}
		for i := 1; i < len(res.Conditions); i++ {
			a, b := res.Conditions[i-1], res.Conditions[i]
			ca, cb := leads(res, a), leads(res, b)
			if cb && !ca || ca == cb && b.LogOdds > a.LogOdds {
				t.Fatalf("conditions not ranked at %d", i)
			}
		}
		want := SelfCare
		for _, b := range res.Because {
			want = max(want, b.Urgency)
		}
		if u, _, _ := k.assess(f.vals, k.logOdds(f.vals, nil)); res.Urgency != want || res.Urgency != u {
			t.Fatalf("urgency %s does not match its reasons (%s)", res.Urgency, want)
		}
		for _, r := range res.Rules {
			if !r.when.eval(f.vals) {
				t.Fatalf("rule %s reported but does not match", r.ID)
			}
		}
	}
}

func TestEvidenceExplainsTheScore(t *testing.T) {
	k := bundled(t)
	f, err := k.ParseFindings(`{"age_years": 3, "fever": true, "glass_test": "does_not_fade", "location": ["legs", "trunk"], "itchy": false}`)
	if err != nil {
		t.Fatal(err)
	}
	res := k.Evaluate(f)
	for _, s := range res.Conditions {
		lo := s.Condition.logit
		for _, e := range s.Evidence() {
			lo += ln(e.LR)
		}
		if diff := lo - s.LogOdds; diff > 1e-9 || diff < -1e-9 {
			t.Errorf("%s: evidence sums to %v, score is %v", s.Condition.ID, lo, s.LogOdds)
		}
	}
}

// TestEvaluateWithNothingKnown: with nothing known no cause explains the spots, so the
// result is meta.unexplained's floor, not self-care (a person who answers "not sure" to
// everything must not be told to stay at home), and that floor is the one reason.
func TestEvaluateWithNothingKnown(t *testing.T) {
	k := bundled(t)
	floor := k.Meta().Unexplained
	for _, f := range []*Findings{nil, k.NewFindings()} {
		res := k.Evaluate(f)
		if res.Urgency != floor.Urgency || len(res.Rules) != 1 || res.Rules[0] != floor {
			t.Errorf("nothing known: urgency %s, rules %v; want %s from %s", res.Urgency, res.Rules, floor.Urgency, floor.ID)
		}
	}
}

// TestUnknownNeverLowersBelowAPlausibleWorseAnswer makes one known finding unknown again
// and checks the floor rule: where an answer of it would raise the urgency and is plausible
// enough to count (meta.risk_threshold, or meta.plausible_answer for an emergency), the
// urgency is at least the floor that answer sets, and a safety net names the finding.
func TestUnknownNeverLowersBelowAPlausibleWorseAnswer(t *testing.T) {
	k := bundled(t)
	rng := rand.New(rand.NewPCG(7, 8))
	checked, runs := 0, propertyRuns(5000)
	for range runs {
		f := randomFindings(k, rng, 0.15)
		var known []int
		for i, s := range f.vals {
			if s.known {
				known = append(known, i)
			}
		}
		if len(known) == 0 {
			continue
		}
		i := known[rng.IntN(len(known))]
		g := f.Clone()
		g.vals[i] = slot{}
		if d := k.findings[i]; d.askIf != nil && !d.askIf.eval(g.vals) {
			continue
		}
		lo := k.logOdds(g.vals, nil)
		base := k.decide(g.vals, lo, nil)
		w := k.newWhatIf(g.vals, lo, base)
		want := base
		for j, s := range k.candidateSlots(i)[1:] {
			u := w.worseAnswer(i, s)
			if floor, counts := k.meta.floorFor(k.findings[i], u, w.plausibility(i, j+1)); counts && u > base {
				want = max(want, floor)
			}
		}
		res := k.Evaluate(g)
		if res.Urgency < want {
			t.Fatalf("%s unknown in %s: urgency %s, below the floor %s of its worse answer", k.findings[i].ID, g.JSON(), res.Urgency, want)
		}
		if want > base {
			checked++
			if !slices.ContainsFunc(res.SafetyNets, func(n SafetyNet) bool { return n.Finding == k.findings[i] }) {
				t.Fatalf("%s unknown in %s sets a floor but has no safety net", k.findings[i].ID, g.JSON())
			}
		}
	}
	// About one random case in 500 has a floor (9 of 5000 natively; 17 before 2.28, when a
	// decisive sign's floor stopped at the level below its own): the test is not empty.
	if checked < runs/1000 {
		t.Errorf("only %d of %d cases had a floor to check", checked, runs)
	}
}

// TestSafetyNetTextsAreComplete checks that every safety net reads as advice with its action
// filled in, for a few typical unknowns.
func TestSafetyNetTextsAreComplete(t *testing.T) {
	k := bundled(t)
	for _, tt := range []struct{ findings, net string }{
		{`{"age_years": 0.1, "glass_test": "fades"}`, "check_fever"},
		{`{"age_years": 3, "fever": true, "spot_size": "small"}`, "check_glass_test"},
	} {
		f, err := k.ParseFindings(tt.findings)
		if err != nil {
			t.Fatal(err)
		}
		res := k.Evaluate(f)
		i := slices.IndexFunc(res.SafetyNets, func(n SafetyNet) bool { return n.ID == tt.net })
		if i < 0 {
			t.Errorf("%s: no safety net %s in %+v", tt.findings, tt.net, res.SafetyNets)
			continue
		}
		n := res.SafetyNets[i]
		text := n.Text("en")
		if strings.Contains(text, "{") || !strings.Contains(text, k.UrgencyInfo(n.If).IfAction.In("en")) {
			t.Errorf("%s: safety net text %q lacks its action", tt.findings, text)
		}
	}
}

// TestSafetyNetSaysItsOwnAnswer: a check text is written for one answer ("If most of them are
// tiny"); a net whose worse answer is another names that answer in meta.safety_net's words,
// or the person would be told to act on the wrong sign.
func TestSafetyNetSaysItsOwnAnswer(t *testing.T) {
	k := bundled(t)
	for _, tt := range []struct {
		finding, answer string
		check           bool // the finding's own check text, else the general one
	}{
		{"spot_size", "pinpoint", true},
		{"spot_size", "small", false},
		{"spot_size", "large", false},
		{"glass_test", "does_not_fade", true},
		{"glass_test", "fades", false},
		{"fever", "yes", true},
		{"fever", "no", false},
	} {
		d := k.findingByID[tt.finding]
		n := SafetyNet{ID: "check_" + d.ID, Finding: d, Answer: tt.answer, If: Emergency, Floor: Urgent, k: k}
		got := n.Text("en")
		own := replacePlaceholders(d.Check.In("en"), "{action}", k.UrgencyInfo(Emergency).IfAction.In("en"))
		if (got == own) != tt.check {
			t.Errorf("%s %s: text %q, its check text used: %v, want %v", tt.finding, tt.answer, got, got == own, tt.check)
		}
		if !tt.check && !strings.Contains(got, n.answerLabel("en")) {
			t.Errorf("%s %s: text %q does not name the answer %q", tt.finding, tt.answer, got, n.answerLabel("en"))
		}
	}
}

// TestEmergencyCausesComeFirst: a feverish, unwell toddler is an emergency after the first
// screen, before the causes are sorted; the causes that carry the emergency lead the list,
// each once (TestEvaluateResultIsConsistent checks the order on random findings).
func TestEmergencyCausesComeFirst(t *testing.T) {
	k := bundled(t)
	for _, tt := range []struct {
		name, findings string
		first          []string // the causes one of which must come first
	}{
		// The risk of the causes makes it an emergency, cellulitis likelier on its own.
		{"a feverish, unwell toddler", `{"age_years": 2, "fever": true, "unwell": true}`, []string{"meningococcal_disease", "sepsis"}},
		// Rules make these emergencies after the first screen, with the causes unsorted.
		{"a drowsy adult", `{"age_years": 40, "drowsy": true}`, []string{"sepsis", "meningococcal_disease"}},
		{"a child on chemotherapy with a fever", `{"age_years": 6, "cancer_treatment": true, "fever": true}`, []string{"sepsis"}},
		{"wheezing with welts that move", `{"age_years": 30, "breathing_difficulty": true, "wheals_move": true}`, []string{"allergic_reaction"}},
		{"a fever, vomiting and a tampon", `{"age_years": 19, "fever": true, "vomiting": true, "tampon_or_wound": true}`, []string{"toxic_shock"}},
	} {
		f, err := k.ParseFindings(tt.findings)
		if err != nil {
			t.Fatal(err)
		}
		res := k.Evaluate(f)
		if res.Urgency != Emergency {
			t.Fatalf("%s: urgency %s, want emergency", tt.name, res.Urgency)
		}
		likeliest := slices.MaxFunc(res.Conditions, func(a, b Scored) int { return cmp.Compare(a.Probability, b.Probability) })
		if slices.Contains(tt.first, likeliest.Condition.ID) {
			t.Fatalf("%s: %s is the likeliest cause already: pick a case that tests the order", tt.name, likeliest.Condition.ID)
		}
		if c := res.Conditions[0].Condition; !slices.Contains(tt.first, c.ID) {
			t.Errorf("%s: first cause %s, want one of %v", tt.name, c.ID, tt.first)
		}
		seen := map[string]bool{}
		for _, s := range res.Conditions {
			if seen[s.Condition.ID] {
				t.Errorf("%s: %s listed twice", tt.name, s.Condition.ID)
			}
			seen[s.Condition.ID] = true
		}
		if len(seen) != len(k.Conditions()) {
			t.Errorf("%s: %d causes listed, want %d", tt.name, len(seen), len(k.Conditions()))
		}
	}
}

// leads reports whether the cause leads Result.Conditions: it carries an emergency result.
func leads(res Result, s Scored) bool {
	return res.Urgency == Emergency && slices.ContainsFunc(res.Because, func(r Reason) bool { return carries(r, s.Condition) })
}

// propertyRuns is how many random finding sets a property test tries: n natively, a fifth of
// them under Node, where the engine runs several times slower and make test runs all n
// natively anyway.
func propertyRuns(n int) int {
	if runtime.GOOS == "js" {
		return n / 5
	}
	return n
}

// nodeSample is every fifth of xs under Node, all of them natively, for the same reason: the
// wasm run checks that the engine compiled to WebAssembly gives the same answers, on a sample.
func nodeSample[T any](xs []T) []T {
	if runtime.GOOS != "js" {
		return xs
	}
	var out []T
	for i := 0; i < len(xs); i += 5 {
		out = append(out, xs[i])
	}
	return out
}

// TestReasonsMatchTheAnswers: what the result gives as its reasons holds for the answers
// given, for every vignette in full and as an interview. The urgency may come from the
// answers with a danger sign left out (assess); its reasons must still not say a known
// answer is unknown ("the glass test has not been done" after it was).
func TestReasonsMatchTheAnswers(t *testing.T) {
	k := bundled(t)
	cases := []vignette{
		// Pinpoint dots on the face after vomiting: an exception that let a known
		// non-blanching answer rule out anaphylaxis made the glass test a danger sign that
		// lowered the urgency, and the result said it had not been done.
		{ID: "dots after vomiting", Findings: `{"age_years": 40, "straining": true, "vomiting": true, "glass_test": "does_not_fade",
			"spot_size": "pinpoint", "location": ["face", "neck"], "fever": false, "unwell": false}`},
	}
	for _, path := range vignetteFiles {
		cases = append(cases, loadVignettes(t, path)...)
	}
	for _, v := range nodeSample(cases) {
		{
			full, err := k.ParseFindings(v.Findings)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range []*Findings{full, k.Simulate(full).Findings} {
				for _, r := range k.Evaluate(f).Because {
					switch {
					case r.Rule != nil && r.Rule != k.meta.Unexplained && !r.Rule.when.eval(f.vals):
						t.Errorf("%s: reason %s does not hold for the answers", v.ID, r.Rule.ID)
					case r.SafetyNet != nil && f.vals[r.SafetyNet.Finding.index].known:
						t.Errorf("%s: reason %s for an answer given", v.ID, r.SafetyNet.ID)
					}
				}
			}
		}
	}
}

// TestAnInjuryExplainsABruiseUntilAWarningSign: bruises after a fall are no emergency while
// nothing says the person is ill; "not sure" how ill they seem is left to its safety net
// (it used to void the exception, and a 4-year-old's bruised shins went to an ambulance). A
// fever or being unwell still makes it one.
func TestAnInjuryExplainsABruiseUntilAWarningSign(t *testing.T) {
	k := bundled(t)
	const base = `"age_years": 4, "bruise_like": true, "skin_trauma": true, "location": ["legs"]`
	for _, tt := range []struct {
		findings string
		most     Urgency // the urgency must be at most this
		least    Urgency // and at least this
	}{
		{`{` + base + `, "fever": false}`, Soon, SelfCare},
		{`{` + base + `, "fever": false, "unwell": false}`, Soon, SelfCare},
		{`{` + base + `, "fever": false, "unwell": true}`, Emergency, Emergency},
		{`{` + base + `, "fever": true}`, Emergency, Emergency},
	} {
		if u := evaluateJSON(t, k, tt.findings).Urgency; u > tt.most || u < tt.least {
			t.Errorf("%s: %s, want %s to %s", tt.findings, u, tt.least, tt.most)
		}
	}
}

// TestGlassTestFloorsSkipAnotherRashLook: the floors for a glass test not done stand for
// spots that could be bleeding under the skin; spreading honey-coloured crusts (impetigo) or
// pearly bumps (molluscum) are another rash, and a fever or spreading beside them alone must
// not call for a doctor today for want of the glass test.
func TestGlassTestFloorsSkipAnotherRashLook(t *testing.T) {
	checkRuleRows(t, bundled(t), "spreading_glass_test_unknown", []ruleRow{
		{`{"age_years": 3, "spreading": true}`, true},
		{`{"age_years": 3, "spreading": true, "honey_crust": true}`, false},
		{`{"age_years": 30, "spreading": true, "pearly_bumps": true}`, false},
		{`{"age_years": 3, "spreading": true, "honey_crust": true, "glass_test": "does_not_fade"}`, false},
		{`{"age_years": 70, "spreading": true, "warm_swollen": true, "painful": true}`, false},
	})
}

// TestFeverWithLastingSpots: a fever with spots that do not fade is an emergency, except in
// an adult whose spots have been there a week or more (meningococcal disease takes hours):
// then a blood test today, and an emergency again when the person is unwell or new spots keep
// coming. A child's stays an emergency (since 2.26; the NHS's call-999 advice for a rash that
// does not fade with a high temperature has no such exception, and NICE NG12 sends a child's
// unexplained petechiae for immediate assessment: see TestFeverWithLastingNonFadingSpotsInAChild).
func TestFeverWithLastingSpots(t *testing.T) {
	checkUrgencyRows(t, bundled(t), []urgencyRow{
		{`{"age_years": 40, "fever": true, "glass_test": "does_not_fade", "duration_days": 1}`, Emergency},
		{`{"age_years": 40, "fever": true, "glass_test": "does_not_fade", "duration_days": 14, "unwell": false}`, Urgent},
		{`{"age_years": 40, "fever": true, "glass_test": "does_not_fade", "duration_days": 14, "unwell": true}`, Emergency},
		{`{"age_years": 8, "fever": true, "glass_test": "does_not_fade", "duration_days": 14}`, Emergency},
		{`{"age_years": 8, "fever": true, "glass_test": "does_not_fade", "duration_days": 14, "unwell": true}`, Emergency},
		{`{"age_years": 8, "fever": true, "glass_test": "does_not_fade", "duration_days": 14, "spreading": true}`, Emergency},
		{`{"age_years": 8, "fever": true, "glass_test": "does_not_fade", "duration_days": 2}`, Emergency},
	})
}

// Peeling skin, or blisters with open sores, after a new medicine is Stevens-Johnson
// syndrome's rule wherever the skin is (BAD 2016): the mouth or eyes need not be known.
func TestSJSRuleAfterANewMedicine(t *testing.T) {
	k := bundled(t)
	rows := []ruleRow{
		{`{"age_years": 40, "new_medicine": true, "blisters": true, "ulcers": true, "location": ["trunk"], "red_eyes": false}`, true},
		{`{"age_years": 70, "new_medicine": true, "skin_peeling": true}`, true},
		{`{"age_years": 40, "new_medicine": true, "blisters": true, "ulcers": false, "location": ["trunk"], "red_eyes": false}`, false},
		{`{"age_years": 40, "new_medicine": false, "blisters": true, "ulcers": true, "location": ["trunk"], "red_eyes": false}`, false},
	}
	checkRuleRows(t, k, "sjs_ten_signs", rows)
	for _, row := range rows {
		if r := evaluateJSON(t, k, row.findings); row.matches && (r.Urgency != Emergency || r.Conditions[0].Condition.ID != "sjs_ten") {
			t.Errorf("%s: %s, %s first, want an emergency with sjs_ten first", row.findings, r.Urgency, r.Conditions[0].Condition.ID)
		}
	}
}

// Chickenpox comes once: blisters that keep coming back, or a cold sore's, are no adult
// chickenpox beside a fever (NHS), and the rule needs a fever or a contact. Its spots start
// on the face, chest and back; sore blisters on the genitals and nowhere else, with the fever
// a first attack of genital herpes often brings, are no chickenpox (NICE CKS genital herpes)
// but a sexual health clinic within days (genital_spots_in_adult).
func TestAdultChickenpoxRule(t *testing.T) {
	k := bundled(t)
	checkRuleRows(t, k, "adult_chickenpox", []ruleRow{
		{`{"age_years": 30, "blisters": true, "fever": true, "location": ["trunk", "face"]}`, true},
		{`{"age_years": 30, "blisters": true, "fever": true, "recurring": true, "location": ["face"]}`, false},
		{`{"age_years": 30, "blisters": true, "fever": true, "cold_sore_recent": true, "location": ["face"]}`, false},
		{`{"age_years": 30, "blisters": true, "fever": false, "location": ["trunk"]}`, false},
		{`{"age_years": 30, "blisters": true, "fever": true, "location": ["genitals"]}`, false},
		{`{"age_years": 30, "blisters": true, "fever": true, "location": ["genitals", "trunk"]}`, true},
	})
	checkUrgencyRows(t, k, []urgencyRow{
		{`{"age_years": 24, "sex": "male", "blisters": true, "ulcers": true, "painful": true, "fever": true, "new_medicine": false, "location": ["genitals"]}`, Soon},
	})
}

// evaluateJSON evaluates findings given as a case's JSON, failing the test if they do not parse.
func evaluateJSON(t *testing.T, k *Knowledge, findings string) Result {
	t.Helper()
	f, err := k.ParseFindings(findings)
	if err != nil {
		t.Fatal(err)
	}
	return k.Evaluate(f)
}

// matchedRule reports whether rule id is among r's matched rules.
func matchedRule(r Result, id string) bool {
	return slices.ContainsFunc(r.Rules, func(rule *Rule) bool { return rule.ID == id })
}

// ruleRow is a case's findings and whether a rule must match them.
type ruleRow struct {
	findings string
	matches  bool
}

// checkRuleRows evaluates each row and checks that rule id matches exactly where it should.
func checkRuleRows(t *testing.T, k *Knowledge, id string, rows []ruleRow) {
	t.Helper()
	for _, row := range rows {
		if matched := matchedRule(evaluateJSON(t, k, row.findings), id); matched != row.matches {
			t.Errorf("%s: %s matched %v, want %v", row.findings, id, matched, row.matches)
		}
	}
}

// urgencyRow is a case's findings and the urgency they must give.
type urgencyRow struct {
	findings string
	want     Urgency
}

// checkUrgencyRows evaluates each row and checks its urgency.
func checkUrgencyRows(t *testing.T, k *Knowledge, rows []urgencyRow) {
	t.Helper()
	for _, row := range rows {
		if u := evaluateJSON(t, k, row.findings).Urgency; u != row.want {
			t.Errorf("%s: %s, want %s", row.findings, u, row.want)
		}
	}
}

// Swelling of the lips or face after a trigger is an emergency while nobody knows that the
// breathing is normal (a floor: the airway can close within minutes); answered normal, it is
// a doctor today. The floor needs the swelling known: hives after a food with the swelling
// and the breathing both not known stay below an emergency (public P05).
func TestSwellingAfterATriggerWithTheBreathingUnknown(t *testing.T) {
	checkUrgencyRows(t, bundled(t), []urgencyRow{
		{`{"age_years": 10, "face_swelling": true, "allergen_exposure": true, "location": ["face"]}`, Emergency},
		{`{"age_years": 10, "face_swelling": true, "allergen_exposure": true, "breathing_difficulty": false, "location": ["face"]}`, Urgent},
		{`{"age_years": 32, "raised": true, "itchy": true, "wheals_move": true, "glass_test": "fades", "allergen_exposure": true, "location": ["widespread"], "duration_days": 0.5}`, Soon},
	})
}

// A mobile child's bruises after knocks, in a child not unwell, are no emergency for want of
// a temperature (the fever's own plausibility and safety net stand); bruises nobody can
// explain, or spots that do not fade, still are (NICE NG240).
func TestKnockBruisesNeedNoFeverFloor(t *testing.T) {
	checkRuleRows(t, bundled(t), "child_non_blanching_fever_unknown", []ruleRow{
		{`{"age_years": 2, "bruise_like": true, "skin_trauma": true, "unwell": false, "location": ["legs"]}`, false},
		{`{"age_years": 2, "bruise_like": true, "skin_trauma": true, "location": ["legs"]}`, false},
		{`{"age_years": 2, "bruise_like": true, "skin_trauma": true, "unwell": true, "location": ["legs"]}`, true},
		{`{"age_years": 2, "bruise_like": true, "location": ["legs"]}`, true},
		{`{"age_years": 2, "glass_test": "does_not_fade", "spot_size": "pinpoint"}`, true},
	})
}

// Shaking uncontrollably, or a hot spreading skin infection, is an infection's sign beside
// breathlessness or cold, mottled skin (NHS sepsis); either alone is not sepsis's rule. Fast
// or hard breathing with cold, mottled or blue skin or lips is two of NICE NG51's high-risk
// signs together, an emergency with no fever said, as both signs' own messages say. And the
// rule's message names a racing heart or severe pain in the legs or arms beside a fever, an
// infection or shaking, not beside a fever only.
func TestSepsisSignsWithShiveringOrASkinInfection(t *testing.T) {
	checkRuleRows(t, bundled(t), "sepsis_signs", []ruleRow{
		{`{"age_years": 50, "warm_swollen": true, "fast_heartbeat": true, "location": ["legs"]}`, true},
		{`{"age_years": 50, "shivering": true, "limb_pain": true}`, true},
		{`{"age_years": 50, "fast_heartbeat": true, "limb_pain": true, "fever": false}`, false},
		{`{"age_years": 58, "breathing_difficulty": true, "cold_hands_feet": true}`, true},
		{`{"age_years": 58, "breathing_difficulty": true, "cold_hands_feet": false}`, false},
		{`{"age_years": 70, "shivering": true, "breathing_difficulty": true}`, true},
		{`{"age_years": 70, "warm_swollen": true, "cold_hands_feet": true, "location": ["legs"]}`, true},
		{`{"age_years": 70, "shivering": true, "breathing_difficulty": false, "cold_hands_feet": false}`, false},
		{`{"age_years": 70, "warm_swollen": true, "breathing_difficulty": false, "location": ["legs"]}`, false},
	})
}

// A racing heart with clammy skin beside hives is a circulation problem, anaphylaxis's sign
// (Resuscitation Council UK); either alone is not.
func TestAnaphylaxisWithARacingHeartAndSweating(t *testing.T) {
	const hives = `"age_years": 16, "itchy": true, "raised": true`
	checkRuleRows(t, bundled(t), "anaphylaxis", []ruleRow{
		{`{` + hives + `, "fast_heartbeat": true, "sweating": true}`, true},
		{`{` + hives + `, "fast_heartbeat": true, "sweating": false, "breathing_difficulty": false}`, false},
		{`{` + hives + `, "fast_heartbeat": false, "sweating": true, "breathing_difficulty": false}`, false},
	})
}

// The leading cause is the reading the person acts on: while it needs a doctor, the result is
// no less than "within days", with that cause among the reasons (target spots in a well
// adult: erythema multiforme). A benign leader leaves home care.
func TestTheLeadingCauseNeedsNoLessThanItsCare(t *testing.T) {
	k := bundled(t)
	for _, tt := range []struct {
		findings string
		want     Urgency
	}{
		{`{"age_years": 27, "sex": "female", "target_spots": true, "new_medicine": false, "unwell": false, "location": ["palms_soles"]}`, Soon},
		{`{"age_years": 27, "sex": "female", "wheals_move": true, "itchy": true, "raised": true, "face_swelling": false, "breathing_difficulty": false}`, SelfCare},
	} {
		r := evaluateJSON(t, k, tt.findings)
		lead := r.Conditions[0].Condition
		if r.Urgency != tt.want {
			t.Errorf("%s: %s, want %s (leading cause %s)", tt.findings, r.Urgency, tt.want, lead.ID)
		}
		named := slices.ContainsFunc(r.Because, func(why Reason) bool { return why.Condition == lead })
		if needs := lead.Urgency >= Soon; needs != named {
			t.Errorf("%s: leading cause %s (%s) among the reasons %v, want %v", tt.findings, lead.ID, lead.Urgency, named, needs)
		}
	}
}

// Bruise-like patches that come and go, or are long-standing, are not new purpura: a well
// adult's need a doctor within days, not a blood count today (thin, sun-damaged skin bruises
// at a knock, DermNet); new ones still need one today.
func TestPatchesThatComeAndGoAreNotNewPurpura(t *testing.T) {
	const well = `"age_years": 80, "bruise_like": true, "fever": false, "unwell": false, "location": ["arms"]`
	checkRuleRows(t, bundled(t), "adult_new_purpura_well", []ruleRow{
		{`{` + well + `}`, true},
		{`{` + well + `, "duration_days": 2}`, true},
		{`{` + well + `, "recurring": true}`, false},
		{`{` + well + `, "duration_days": 60}`, false},
	})
}

// Tiny dots only on the face or neck after forceful vomiting or coughing, in a child who is
// well, are explained by the strain (BMJ 2016): no same-day check for them, nor for want of
// the glass test; dots elsewhere too, or a fever, still need one.
func TestDotsFromStrainingInAWellChild(t *testing.T) {
	k := bundled(t)
	const strain = `"age_years": 9, "straining": true, "spot_size": "pinpoint", "fever": false, "unwell": false`
	for _, id := range []string{"unexplained_non_blanching_in_child", "child_pinpoint_glass_test_unknown"} {
		glass := `, "glass_test": "does_not_fade"`
		if id == "child_pinpoint_glass_test_unknown" {
			glass = ""
		}
		checkRuleRows(t, k, id, []ruleRow{
			{`{` + strain + glass + `, "location": ["eyes", "neck"]}`, false},
			{`{` + strain + glass + `, "location": ["face", "legs"]}`, true},
			{`{"age_years": 9, "straining": true, "spot_size": "pinpoint", "fever": true` + glass + `, "location": ["face"]}`, true},
			{`{"age_years": 9, "straining": false, "spot_size": "pinpoint", "fever": false` + glass + `, "location": ["face"]}`, true},
		})
	}
}

// Itchy tiny spots with heat or sweating have prickly heat's look: petechiae do not itch, so
// the glass test not done is no reason for a doctor (the tiny-dots floor stands without the
// itch or the heat). A baby cannot say it itches: tiny spots in a well baby with no fever
// after being wrapped up warm have the same look (NHS heat rash); a fever, or not knowing
// whether there is one or whether the baby is well, keeps the floor.
func TestPricklyHeatSkipsTheTinyDotsFloor(t *testing.T) {
	k := bundled(t)
	checkRuleRows(t, k, "pinpoint_glass_test_unknown", []ruleRow{
		{`{"age_years": 30, "spot_size": "pinpoint", "itchy": true, "heat_sweating": true, "location": ["trunk"]}`, false},
		{`{"age_years": 30, "spot_size": "pinpoint", "itchy": true, "location": ["trunk"]}`, true},
		{`{"age_years": 30, "spot_size": "pinpoint", "heat_sweating": true, "location": ["trunk"]}`, true},
	})
	const baby = `"age_years": 0.4, "spot_size": "pinpoint", "heat_sweating": true, "location": ["neck", "skin_folds"]`
	checkRuleRows(t, k, "child_pinpoint_glass_test_unknown", []ruleRow{
		{`{` + baby + `, "fever": false, "unwell": false}`, false},
		{`{` + baby + `, "fever": true, "unwell": false}`, true},
		{`{` + baby + `, "unwell": false}`, true},
		{`{` + baby + `}`, true},
	})
}

// Sunburn in a baby or young child is a doctor today (NHS), as sunburn's own advice says; an
// older child's, or a young child's sun-pinked skin that does not hurt, is not this rule's.
func TestSunburnInAYoungChild(t *testing.T) {
	checkRuleRows(t, bundled(t), "young_child_sunburn", []ruleRow{
		{`{"age_years": 0.75, "sun_exposure": true, "painful": true, "location": ["face", "arms"]}`, true},
		{`{"age_years": 3, "sun_exposure": true, "blisters": true, "location": ["trunk"]}`, true},
		{`{"age_years": 8, "sun_exposure": true, "painful": true, "location": ["face"]}`, false},
		{`{"age_years": 3, "sun_exposure": true, "painful": false, "blisters": false, "skin_peeling": false}`, false},
	})
}

// Sunburn blistered over a large area is a doctor today at any age (NHS: "blistering or
// swelling badly"), as sunburn's own advice says; red, sore skin without blisters, or a few
// small blisters, is care at home.
func TestBadlyBlisteredSunburn(t *testing.T) {
	checkRuleRows(t, bundled(t), "badly_blistered_sunburn", []ruleRow{
		{`{"age_years": 30, "sun_exposure": true, "blisters": true, "spot_size": "large", "location": ["trunk"]}`, true},
		{`{"age_years": 12, "sun_exposure": true, "blisters": true, "location": ["widespread"]}`, true},
		{`{"age_years": 30, "sun_exposure": true, "blisters": false, "spot_size": "large", "painful": true}`, false},
		{`{"age_years": 30, "sun_exposure": true, "blisters": true, "spot_size": "small", "location": ["arms"]}`, false},
	})
}

// One dose of the MMR vaccine protects about 93 in 100 (CDC), and a child under 3 or 4 has
// had just the one by the schedule: one dose and a day's fever with a cold is no measles
// alarm; one dose and three days of fever, or no dose, still is.
func TestMeaslesAfterOneDose(t *testing.T) {
	checkRuleRows(t, bundled(t), "possible_measles", []ruleRow{
		{`{"age_years": 2, "fever": true, "fever_days": 1, "cough": true, "measles_vaccine": "one_dose"}`, false},
		{`{"age_years": 2, "fever": true, "fever_days": 4, "cough": true, "measles_vaccine": "one_dose"}`, true},
		{`{"age_years": 2, "fever": true, "fever_days": 1, "runny_nose": true, "measles_vaccine": "none"}`, true},
		{`{"age_years": 8, "fever": true, "fever_days": 4, "red_eyes": true, "measles_vaccine": "two_doses"}`, false},
	})
}

// Chickenpox needs a same-day doctor in a newborn (NHS: "your newborn baby"; HSE: under a
// month), not in every baby under one: prickly heat's tiny blisters on a 9-month-old in hot
// weather, or scabies blisters on a baby's soles, had been "a doctor today" (own O127). Under
// 3 months any blisters are still urgent by their own rule.
func TestChickenpoxHighRiskIsANewborn(t *testing.T) {
	k := bundled(t)
	checkRuleRows(t, k, "chickenpox_high_risk", []ruleRow{
		{`{"age_years": 0.05, "blisters": true}`, true},
		{`{"age_years": 0.75, "blisters": true, "heat_sweating": true, "fever": false}`, false},
		{`{"age_years": 30, "pregnant": true, "blisters": true}`, true},
		{`{"age_years": 8, "weak_immunity": true, "chickenpox_contact": true}`, true},
	})
	checkUrgencyRows(t, k, []urgencyRow{
		{`{"age_years": 0.2, "blisters": true, "fever": false, "unwell": false}`, Urgent},
	})
}

// Blisters with a fever in an adult are no chickenpox when they sit only on the palms, soles
// and in the mouth: that is hand, foot and mouth disease, which a parent often catches from a
// child (NICE CKS), and home care (own O128). Chickenpox spreads over the body.
func TestHandFootAndMouthIsNotAdultChickenpox(t *testing.T) {
	checkRuleRows(t, bundled(t), "adult_chickenpox", []ruleRow{
		{`{"age_years": 35, "fever": true, "blisters": true, "ulcers": true, "location": ["mouth", "palms_soles"]}`, false},
		{`{"age_years": 35, "fever": true, "blisters": true, "location": ["mouth", "palms_soles", "trunk"]}`, true},
		{`{"age_years": 35, "fever": true, "blisters": true}`, true},
		{`{"age_years": 35, "fever": true, "blisters": true, "location": ["face", "trunk"]}`, true},
	})
}

// Stevens-Johnson syndrome without a new medicine is blisters, peeling or target spots with
// the eyes and the mouth or genitals involved (two mucous membranes, BAD 2016). A fever
// beside sore, red eyes counts only with peeling skin or target spots: chickenpox with a
// fever and a pink eye had been an emergency (own O130), and the same "not sure" about
// blisters had sent a feverish child with measles' red eyes to an ambulance.
func TestStevensJohnsonNeedsTwoMucousMembranesOrPeeling(t *testing.T) {
	checkRuleRows(t, bundled(t), "sjs_ten_signs", []ruleRow{
		{`{"age_years": 6, "fever": true, "blisters": true, "red_eyes": true}`, false},
		{`{"age_years": 6, "fever": true, "blisters": true, "red_eyes": true, "ulcers": true}`, true},
		{`{"age_years": 6, "fever": true, "blisters": true, "red_eyes": true, "location": ["mouth"]}`, true},
		{`{"age_years": 12, "fever": true, "target_spots": true, "red_eyes": true}`, true},
		{`{"age_years": 30, "fever": true, "skin_peeling": true, "location": ["eyes"]}`, true},
		{`{"age_years": 30, "new_medicine": true, "blisters": true, "red_eyes": true}`, true},
	})
}

// Very bendy joints with easy bruising for a month or more, or again and again, without
// bleeding, a fever or a sign of illness, is a doctor within days (NHS: Ehlers-Danlos), not
// the same-day blood count of unexplained bruising in a young person (NICE NG12); new
// bruising, bleeding or tiny dots still are (own O129).
func TestLifelongBruisingWithBendyJoints(t *testing.T) {
	checkUrgencyRows(t, bundled(t), []urgencyRow{
		{`{"age_years": 20, "hypermobility": true, "easy_bruising": true, "bruise_like": true, "skin_trauma": true, "recurring": true, "fever": false, "bleeding": false, "location": ["arms", "legs"]}`, Soon},
		{`{"age_years": 16, "hypermobility": true, "bruise_like": true, "duration_days": 180, "fever": false, "unwell": false, "location": ["legs"]}`, Soon},
		{`{"age_years": 16, "hypermobility": true, "bruise_like": true, "duration_days": 5, "fever": false, "unwell": false, "location": ["legs"]}`, Urgent},
		{`{"age_years": 16, "hypermobility": true, "bruise_like": true, "recurring": true, "bleeding": true, "fever": false, "unwell": false, "location": ["legs"]}`, Urgent},
	})
}

// Three causes that are home care elsewhere need a doctor within days in one setting each:
// pityriasis rosea in pregnancy (linked with miscarriage early on: NHS, NICE CKS); bumps,
// blisters or sores on an adult's genitals (a sexual health check: NICE CKS, BASHH); and
// painful deep lumps with blackheads (acne that scars: NICE NG198). Own O124-O126.
func TestHomeCareCausesThatNeedADoctorHere(t *testing.T) {
	k := bundled(t)
	for _, c := range []struct {
		rule string
		rows []ruleRow
	}{
		{"pityriasis_rosea_in_pregnancy", []ruleRow{
			{`{"age_years": 29, "sex": "female", "pregnant": true, "herald_patch": true, "location": ["trunk"]}`, true},
			{`{"age_years": 29, "sex": "female", "pregnant": false, "herald_patch": true, "location": ["trunk"]}`, false},
		}},
		{"genital_spots_in_adult", []ruleRow{
			{`{"age_years": 24, "pearly_bumps": true, "location": ["genitals"]}`, true},
			{`{"age_years": 26, "blisters": true, "painful": true, "location": ["genitals"]}`, true},
			{`{"age_years": 5, "pearly_bumps": true, "location": ["genitals", "trunk"]}`, false},
			{`{"age_years": 35, "itchy": true, "ring_shape": true, "location": ["genitals", "skin_folds"]}`, false},
		}},
		{"painful_acne_lumps", []ruleRow{
			{`{"age_years": 17, "blackheads": true, "painful": true, "pus": true, "location": ["face"]}`, true},
			{`{"age_years": 17, "blackheads": true, "pus": true, "location": ["face"]}`, false},
		}},
	} {
		checkRuleRows(t, k, c.rule, c.rows)
	}
}

// Bruising again and again in a well child with very bendy joints is no new purpura (NHS:
// Ehlers-Danlos), so not an ambulance; with a fever or a sign of illness it still is (own
// O131). New purpura in a child known to have no fever and not unwell is a same-day check,
// not an ambulance (IgA vasculitis, ITP: NICE CKS; Oni 2024), as it is in an adult; with
// the fever not known it stays an emergency (TestPurpuraInAChild).
func TestBendyJointsBruisingIsNotNewPurpura(t *testing.T) {
	k := bundled(t)
	checkRuleRows(t, k, "purpura", []ruleRow{
		{`{"age_years": 8, "hypermobility": true, "bruise_like": true, "spot_size": "large", "recurring": true, "fever": false, "unwell": false, "location": ["legs"]}`, false},
		{`{"age_years": 8, "hypermobility": true, "bruise_like": true, "spot_size": "large", "recurring": true, "fever": true, "location": ["legs"]}`, true},
		{`{"age_years": 8, "hypermobility": true, "bruise_like": true, "spot_size": "large", "recurring": true, "unwell": true, "fever": false, "location": ["legs"]}`, true},
	})
	// Nor is it a child's new spots for want of a temperature: the fever's own plausibility
	// and safety net stand, as they do for purpura (2.26).
	checkRuleRows(t, k, "child_non_blanching_fever_unknown", []ruleRow{
		{`{"age_years": 14, "hypermobility": true, "easy_bruising": true, "bruise_like": true, "recurring": true, "location": ["legs", "arms"]}`, false},
		{`{"age_years": 14, "easy_bruising": true, "bruise_like": true, "recurring": true, "location": ["legs", "arms"]}`, true},
		{`{"age_years": 14, "hypermobility": true, "easy_bruising": true, "bruise_like": true, "recurring": true, "unwell": true, "location": ["legs", "arms"]}`, true},
	})
}

// A child with a fever and spots that do not fade under a glass is an emergency however long
// the spots have been there (the NHS's call-999 advice has no exception for old spots; NICE
// NG143 counts a non-blanching rash with a fever among the red features; NICE NG12 sends a
// child's unexplained petechiae for immediate assessment): weeks of bruising and dots before a
// fever is how leukaemia shows, and the fever may be an infection it lets in. An adult's fever
// beside spots there for a week or more stays a same-day blood test
// (fever_with_lasting_non_blanching_spots: endocarditis, vasculitis); so do a child's lasting
// bruises, which no glass test judged, such as a feverish child's bruises from very bendy
// joints (own O150).
func TestFeverWithLastingNonFadingSpotsInAChild(t *testing.T) {
	k := bundled(t)
	child := `"age_years": 8, "fever": true, "glass_test": "does_not_fade", "spot_size": "small", "easy_bruising": true, "location": ["legs"], "duration_days": 14`
	checkRuleRows(t, k, "fever_with_non_blanching_rash", []ruleRow{
		{`{` + child + `}`, true},
		{`{"age_years": 40, "fever": true, "glass_test": "does_not_fade", "spot_size": "small", "easy_bruising": true, "location": ["legs"], "duration_days": 14}`, false},
		{`{"age_years": 8, "fever": true, "glass_test": "does_not_fade", "spot_size": "pinpoint", "location": ["legs"], "duration_days": 14}`, true},
		{`{"age_years": 8, "fever": true, "bruise_like": true, "easy_bruising": true, "location": ["legs"], "duration_days": 14}`, false},
		{`{"age_years": 8, "fever": false, "glass_test": "does_not_fade", "spot_size": "small", "easy_bruising": true, "location": ["legs"], "duration_days": 14}`, false},
	})
	checkUrgencyRows(t, k, []urgencyRow{
		{`{` + child + `}`, Emergency},
		{`{"age_years": 40, "fever": true, "glass_test": "does_not_fade", "spot_size": "small", "unwell": false, "drowsy": false, "location": ["legs"], "duration_days": 14}`, Urgent},
	})
}

// Purpura in a child: an emergency with a fever, with the fever not known, or with a sign
// of illness (NICE NG240, NG143); known to be without fever and not unwell, a same-day check
// (the rule unexplained_non_blanching_in_child; IgA vasculitis and ITP: NICE CKS, Oni 2024,
// public P23 and P25); a sign of illness not known is left to its safety net.
func TestPurpuraInAChild(t *testing.T) {
	k := bundled(t)
	hsp := `"age_years": 7, "raised": true, "glass_test": "does_not_fade", "spot_size": "small", "joint_pain": true, "location": ["legs", "buttocks"]`
	checkRuleRows(t, k, "purpura", []ruleRow{
		{`{` + hsp + `, "fever": true}`, true},
		{`{` + hsp + `}`, true},
		{`{` + hsp + `, "fever": false, "drowsy": true}`, true},
		{`{` + hsp + `, "fever": false, "unwell": false}`, false},
		{`{` + hsp + `, "fever": false}`, false},
	})
	checkRuleRows(t, k, "unexplained_non_blanching_in_child", []ruleRow{
		{`{` + hsp + `, "fever": false, "unwell": false}`, true},
	})
	checkUrgencyRows(t, k, []urgencyRow{
		{`{` + hsp + `, "fever": false, "unwell": false}`, Urgent},
		{`{` + hsp + `}`, Emergency},
	})
}

// A scaly scalp in a child is scalp ringworm until shown otherwise (NICE CKS), which needs
// tablets, not creams: a doctor within days (own O132); a baby's cradle cap and an adult's
// scaly scalp are not this rule's.
func TestScalyScalpInAChild(t *testing.T) {
	checkRuleRows(t, bundled(t), "scalp_ringworm", []ruleRow{
		{`{"age_years": 5, "scaly": true, "itchy": true, "location": ["scalp"]}`, true},
		{`{"age_years": 30, "ring_shape": true, "location": ["scalp"]}`, true},
		{`{"age_years": 0.3, "scaly": true, "location": ["scalp"]}`, false},
		{`{"age_years": 40, "scaly": true, "location": ["scalp"]}`, false},
		{`{"age_years": 5, "scaly": true, "location": ["legs"]}`, false},
	})
}

// Numbness or weakness after a tick bite, or beside a spreading ring, can be Lyme disease in
// the nerves: a doctor today (NICE NG95), where the ring alone is within days (own O133).
func TestLymeNerveSigns(t *testing.T) {
	checkUrgencyRows(t, bundled(t), []urgencyRow{
		{`{"age_years": 48, "tick_exposure": true, "expanding_patch": true, "numbness_weakness": true, "location": ["legs"]}`, Urgent},
		{`{"age_years": 48, "tick_exposure": true, "expanding_patch": true, "numbness_weakness": false, "fever": false, "location": ["legs"]}`, Soon},
	})
}

// Tiny dots only where something squeezed or knocked, in a well person of 12 or over, are
// explained (BMJ 2016: a tourniquet, a strap, a love bite): no same-day blood count as
// unexplained spots in a young person, but "within days" by the rule for spots that do not
// fade (own O134), nor for want of the glass test. Under 12, or with bleeding, easy bruising
// or spots everywhere, the same-day rule stands (NICE CG89, NG12).
func TestALocalInjuryInAWellYoungPerson(t *testing.T) {
	k := bundled(t)
	checkRuleRows(t, k, "unexplained_non_blanching_in_child", []ruleRow{
		{`{"age_years": 15, "skin_trauma": true, "spot_size": "pinpoint", "glass_test": "does_not_fade", "fever": false, "unwell": false, "location": ["arms"]}`, false},
		{`{"age_years": 8, "skin_trauma": true, "spot_size": "pinpoint", "glass_test": "does_not_fade", "fever": false, "unwell": false, "location": ["arms"]}`, true},
		{`{"age_years": 15, "skin_trauma": true, "easy_bruising": true, "glass_test": "does_not_fade", "fever": false, "unwell": false, "location": ["arms"]}`, true},
		{`{"age_years": 15, "skin_trauma": true, "glass_test": "does_not_fade", "fever": false, "unwell": false, "location": ["widespread"]}`, true},
	})
	checkUrgencyRows(t, k, []urgencyRow{
		{`{"age_years": 15, "skin_trauma": true, "spot_size": "pinpoint", "glass_test": "does_not_fade", "fever": false, "unwell": false, "location": ["arms"], "duration_days": 0.5}`, Soon},
		{`{"age_years": 15, "skin_trauma": true, "spot_size": "pinpoint", "fever": false, "unwell": false, "location": ["arms"], "duration_days": 0.5}`, Soon},
		{`{"age_years": 8, "skin_trauma": true, "spot_size": "pinpoint", "fever": false, "unwell": false, "location": ["arms"], "duration_days": 0.5}`, Urgent},
	})
}

// Self-care advice is a reading of the answers: with nothing known but the age, the place and
// how long, a child's viral rash leads by its age alone, and the answers make it no likelier
// (meta.unexplained.min_evidence), so the result is a doctor within days with every safety net
// (own O138); a telling answer gives the reading back.
func TestNoReadingFromTheAgeAlone(t *testing.T) {
	k := bundled(t)
	for _, row := range []struct {
		findings   string
		want       Urgency
		unreadable bool
	}{
		{`{"age_years": 3, "location": ["trunk"], "duration_days": 2}`, Soon, true},
		{`{"age_years": 6, "glass_test": "fades", "location": ["trunk"]}`, Soon, true},
		{`{"age_years": 3, "itchy": true, "raised": true, "wheals_move": true, "location": ["trunk"], "duration_days": 0.2}`, SelfCare, false},
	} {
		res := evaluateJSON(t, k, row.findings)
		if res.Urgency != row.want || matchedRule(res, "no_cause_explains") != row.unreadable {
			t.Errorf("%s: %s, no_cause_explains %v; want %s, %v", row.findings, res.Urgency, matchedRule(res, "no_cause_explains"), row.want, row.unreadable)
		}
	}
}

// A person's usual cold sore, blisters only on the lips or face that keep coming back, is no
// new blistering rash in pregnancy and no chickenpox (NICE CKS herpes simplex, oral; own
// O136); blisters elsewhere, or for the first time, still are.
func TestAUsualColdSoreInPregnancy(t *testing.T) {
	k := bundled(t)
	rows := []ruleRow{
		{`{"age_years": 33, "pregnant": true, "blisters": true, "recurring": true, "location": ["face"]}`, false},
		{`{"age_years": 33, "pregnant": true, "blisters": true, "location": ["face"]}`, true},
		{`{"age_years": 33, "pregnant": true, "blisters": true, "recurring": true, "location": ["face", "trunk"]}`, true},
	}
	checkRuleRows(t, k, "chickenpox_high_risk", rows)
	checkRuleRows(t, k, "pregnant_with_fever_or_blisters", append(rows,
		ruleRow{`{"age_years": 33, "pregnant": true, "fever": true, "blisters": true, "recurring": true, "location": ["face"]}`, true}))
}

// Vomiting after a food, sting or medicine is anaphylaxis beside an allergic skin sign;
// tiny dots on the face from the force of vomiting are none (RCUK; BMJ 2016 on petechiae),
// so they do not make a night of vomiting an ambulance (own O137).
func TestDotsFromVomitingAreNoAllergicSkinSign(t *testing.T) {
	checkRuleRows(t, bundled(t), "anaphylaxis_gut_signs", []ruleRow{
		{`{"age_years": 35, "allergen_exposure": true, "vomiting": true, "straining": true, "spot_size": "pinpoint", "fever": false, "unwell": false, "location": ["eyes", "face"]}`, false},
		{`{"age_years": 35, "allergen_exposure": true, "vomiting": true, "itchy": true, "location": ["face"]}`, true},
		{`{"age_years": 35, "allergen_exposure": true, "vomiting": true, "straining": true, "spot_size": "pinpoint", "location": ["eyes", "face", "trunk"]}`, true},
	})
}

// Golden crusts, weeping that crusts over, pus spots or skin that looks infected, on eczema,
// can be a bacterial infection that needs treatment: a doctor within a day or two (NICE CKS
// eczema, CG57, which name weeping, crusts and pustules; own O140), as eczema's own
// advice says, not the moisturiser and pharmacy cream of a flare; golden crusts without eczema
// are impetigo's.
func TestInfectedEczema(t *testing.T) {
	k := bundled(t)
	checkRuleRows(t, k, "infected_eczema", []ruleRow{
		{`{"age_years": 5, "eczema_history": true, "honey_crust": true, "location": ["legs"]}`, true},
		{`{"age_years": 30, "eczema_history": true, "infected": true, "location": ["arms"]}`, true},
		{`{"age_years": 7, "eczema_history": true, "crusting": true, "itchy": true, "location": ["elbows_knees"]}`, true},
		{`{"age_years": 2, "eczema_history": true, "pus": true, "location": ["face"]}`, true},
		{`{"age_years": 7, "eczema_history": false, "crusting": true, "location": ["face"]}`, false},
		{`{"age_years": 5, "eczema_history": false, "honey_crust": true, "location": ["face"]}`, false},
		{`{"age_years": 5, "eczema_history": true, "itchy": true, "location": ["legs"]}`, false},
	})
	checkUrgencyRows(t, k, []urgencyRow{
		{`{"age_years": 5, "eczema_history": true, "honey_crust": true, "fever": false, "location": ["elbows_knees", "legs"]}`, Soon},
	})
}

// Small red or purple spots around the hairs in someone who eats almost no fruit or
// vegetables, or cannot absorb food, can be scurvy: a doctor within days for a blood test
// (Seifer 2020; NIH ODS vitamin C), though folliculitis, far commoner, may lead the causes;
// spots around the hairs alone are folliculitis's, and a poor diet alone is no rash.
func TestScurvySigns(t *testing.T) {
	k := bundled(t)
	checkRuleRows(t, k, "scurvy_signs", []ruleRow{
		{`{"age_years": 45, "poor_diet": true, "around_hair_follicles": true}`, true},
		{`{"age_years": 45, "poor_diet": false, "around_hair_follicles": true, "pus": true}`, false},
		{`{"age_years": 45, "poor_diet": true, "around_hair_follicles": false, "fatigue": true}`, false},
	})
	checkUrgencyRows(t, k, []urgencyRow{
		{`{"age_years": 60, "sex": "male", "poor_diet": true, "around_hair_follicles": true, "fever": false, "location": ["legs"]}`, Soon},
	})
}

// Sore joints and tiredness beside a rash, for a week or more or for a time not said, can be
// an illness of the whole body such as lupus: a doctor within days for a blood test (NHS
// lupus; EULAR 2023), though the look alone may lead to ringworm or sunburn. Under 12, or
// for less than a week (a virus's aches), it is not this rule's.
func TestRashWithSoreJointsAndTiredness(t *testing.T) {
	k := bundled(t)
	checkRuleRows(t, k, "rash_with_sore_joints_and_tiredness", []ruleRow{
		{`{"age_years": 44, "joint_pain": true, "fatigue": true, "ring_shape": true}`, true},
		{`{"age_years": 44, "joint_pain": true, "fatigue": true, "duration_days": 30}`, true},
		{`{"age_years": 44, "joint_pain": true, "fatigue": true, "duration_days": 3}`, false},
		{`{"age_years": 8, "joint_pain": true, "fatigue": true}`, false},
		{`{"age_years": 44, "joint_pain": true, "fatigue": false}`, false},
	})
	checkUrgencyRows(t, k, []urgencyRow{
		{`{"age_years": 36, "sex": "female", "ring_shape": true, "sun_exposure": true, "joint_pain": true, "fatigue": true, "itchy": false, "fever": false, "location": ["arms", "neck"]}`, Soon},
	})
}

// On a blood thinner, a severe headache can be a bleed inside the head and blood in the poo a
// bleed in the gut: call an ambulance (NHS, on anticoagulants), as the blood-thinner rule's own
// message says; bruises on a blood thinner alone stay a doctor today.
func TestBloodThinnerWithABleedInside(t *testing.T) {
	k := bundled(t)
	checkRuleRows(t, k, "blood_thinner_with_a_bleed_inside", []ruleRow{
		{`{"age_years": 78, "blood_thinner": true, "headache": true, "bruise_like": true}`, true},
		{`{"age_years": 78, "blood_thinner": true, "bloody_diarrhoea": true}`, true},
		{`{"age_years": 78, "blood_thinner": false, "headache": true}`, false},
		{`{"age_years": 78, "blood_thinner": true, "headache": false, "bruise_like": true}`, false},
	})
	checkUrgencyRows(t, k, []urgencyRow{
		{`{"age_years": 78, "blood_thinner": true, "headache": false, "bloody_diarrhoea": false, "bruise_like": true, "fever": false, "unwell": false, "location": ["arms"], "duration_days": 2}`, Urgent},
	})
}

// Chest pain or an uneven heartbeat after a tick bite, or with a spreading ring, can be Lyme
// carditis: a doctor today (NICE NG95), as the cause's own advice says; the heart sign alone,
// or a tick bite alone, is not this rule's.
func TestLymeReachingTheHeart(t *testing.T) {
	checkRuleRows(t, bundled(t), "lyme_heart_signs", []ruleRow{
		{`{"age_years": 46, "tick_exposure": true, "heart_symptoms": true}`, true},
		{`{"age_years": 46, "expanding_patch": true, "ring_shape": true, "heart_symptoms": true}`, true},
		{`{"age_years": 46, "heart_symptoms": true, "ring_shape": true}`, false},
		{`{"age_years": 46, "tick_exposure": true, "expanding_patch": true, "heart_symptoms": false}`, false},
	})
}

// Long-standing bruise-like patches on an older person's forearms are thin skin (senile
// purpura: DermNet), not a blood problem for today, also while nobody has said whether they
// feel unwell: that answer is left to its safety net, not read as the worse one.
func TestLongStandingBruisesOfThinSkin(t *testing.T) {
	const old = `"age_years": 83, "bruise_like": true, "easy_bruising": true, "sun_damage": true, "recurring": true, "fever": false, "location": ["arms"], "duration_days": 730`
	checkRuleRows(t, bundled(t), "non_blanching_with_bleeding", []ruleRow{
		{`{` + old + `}`, false},
		{`{` + old + `, "unwell": false}`, false},
		{`{` + old + `, "unwell": true}`, true},
		{`{` + old + `, "bleeding": true}`, true},
	})
}

// Bruises of thin skin: bruise-like patches only on the arms or legs of a person of 60 or
// more, after knocks or on sun-worn skin, without bleeding, easy bruising, a blood thinner or
// tiny dots (DermNet senile purpura), are not new purpura: no ambulance while the fever is not
// known, and a fever with them is judged as a fever; with feeling ill they stay an emergency.
func TestBruisesOfThinSkin(t *testing.T) {
	k := bundled(t)
	const knock = `"age_years": 82, "bruise_like": true, "skin_trauma": true, "location": ["arms"]`
	checkRuleRows(t, k, "purpura", []ruleRow{
		{`{` + knock + `, "fever": true, "unwell": false}`, false},
		{`{` + knock + `, "fever": true, "unwell": true}`, true},
		{`{"age_years": 45, "bruise_like": true, "skin_trauma": true, "location": ["arms"], "fever": true}`, true},
		{`{` + knock + `, "spot_size": "pinpoint", "fever": true}`, true},
	})
	checkRuleRows(t, k, "fever_with_non_blanching_rash", []ruleRow{
		{`{` + knock + `, "fever": true, "unwell": false}`, false},
		{`{"age_years": 82, "bruise_like": true, "skin_trauma": true, "location": ["arms", "trunk"], "fever": true, "unwell": false}`, true},
		{`{` + knock + `, "blood_thinner": true, "fever": true, "unwell": false}`, true},
	})
	checkUrgencyRows(t, k, []urgencyRow{
		{`{` + knock + `}`, Soon},
		{`{` + knock + `, "fever": true, "unwell": false}`, Urgent},
		{`{` + knock + `, "fever": true, "unwell": true}`, Emergency},
		{`{` + knock + `, "bleeding": true}`, Urgent},
		{`{` + knock + `, "blood_thinner": true}`, Urgent},
	})
}

// Tiny dots with bleeding gums, nosebleeds or easy bruising are a same-day blood count before
// the glass test is done (BMJ Thomas 2016, NHS ITP): only dots that fade, or a straining
// child's dots on the face, are not this rule's.
func TestPinpointDotsWithBleeding(t *testing.T) {
	k := bundled(t)
	const dots = `"age_years": 25, "spot_size": "pinpoint", "location": ["legs"]`
	checkRuleRows(t, k, "pinpoint_dots_with_bleeding", []ruleRow{
		{`{` + dots + `, "bleeding": true}`, true},
		{`{` + dots + `, "easy_bruising": true, "glass_test": "does_not_fade"}`, true},
		{`{` + dots + `, "bleeding": true, "glass_test": "fades"}`, false},
		{`{` + dots + `}`, false},
		{`{"age_years": 6, "spot_size": "pinpoint", "straining": true, "vomiting": true, "location": ["face"], "bleeding": true}`, false},
	})
	checkUrgencyRows(t, k, []urgencyRow{{`{` + dots + `, "bleeding": true}`, Urgent}})
}

// Bruises of thin skin after knocks that keep coming back, or have been there a month, are
// the same old bruises on a blood thinner too (actinic purpura, DermNet): no blood test today
// for them; new ones, or bruising easily, still need one (NHS warfarin).
func TestLongStandingKnockBruisesOnABloodThinner(t *testing.T) {
	const thin = `"age_years": 82, "blood_thinner": true, "bruise_like": true, "skin_trauma": true, "sun_damage": true, "location": ["arms"]`
	checkRuleRows(t, bundled(t), "blood_thinner_with_spots_or_bleeding", []ruleRow{
		{`{` + thin + `}`, true},
		{`{` + thin + `, "recurring": true}`, false},
		{`{` + thin + `, "duration_days": 40}`, false},
		{`{` + thin + `, "recurring": true, "easy_bruising": true}`, true},
		{`{` + thin + `, "recurring": true, "bleeding": true}`, true},
		{`{"age_years": 82, "blood_thinner": true, "bruise_like": true, "sun_damage": true, "recurring": true, "location": ["arms"]}`, true},
	})
}

// A decisive sign's worse answer sets its full urgency only from the risk threshold of the
// level below; under it, the level below: a well adult's new purple spots with the
// temperature not taken are a same-day visit with the fever's safety net, not an ambulance.
// Other unknown answers keep the thresholds of their own level.
func TestDecisiveSignsFloorBelowTheirLevel(t *testing.T) {
	k := bundled(t)
	m := &k.meta
	fever, drowsy := k.Finding("fever"), k.Finding("drowsy")
	if !fever.Decisive || drowsy.Decisive {
		t.Fatal("the test needs fever decisive and drowsy not")
	}
	below := m.RiskThreshold[Urgent]
	for _, tt := range []struct {
		d      *Finding
		u      Urgency
		p      float64
		want   Urgency
		counts bool
	}{
		{fever, Emergency, (m.RiskThreshold[Emergency] + below) / 2, Urgent, true},
		{fever, Emergency, below, Emergency, true},
		{drowsy, Emergency, (m.RiskThreshold[Emergency] + below) / 2, Emergency, true},
		{fever, Emergency, m.PlausibleAnswer, Urgent, true},
		{fever, Urgent, (below + m.RiskThreshold[Soon]) / 2, Soon, true},
		{fever, Urgent, m.RiskThreshold[Soon], Urgent, true},
		{fever, Soon, m.RiskThreshold[Soon], Soon, true},
		{fever, Emergency, m.PlausibleAnswer / 2, SelfCare, false},
	} {
		if got, counts := m.floorFor(tt.d, tt.u, tt.p); got != tt.want || counts != tt.counts {
			t.Errorf("floorFor(%s, %s, %.3f) = %s, %v; want %s, %v", tt.d.ID, tt.u, tt.p, got, counts, tt.want, tt.counts)
		}
	}
	r := evaluateJSON(t, k, `{"age_years": 45, "sex": "female", "bruise_like": true, "easy_bruising": true, "bleeding": true, "glass_test": "does_not_fade", "location": ["arms", "legs"], "duration_days": 5}`)
	if r.Urgency != Urgent {
		t.Errorf("new bruises with bleeding, temperature not known: %s, want urgent", r.Urgency)
	}
	if !slices.ContainsFunc(r.SafetyNets, func(n SafetyNet) bool { return n.Finding == fever && n.If == Emergency }) {
		t.Errorf("new bruises with bleeding, temperature not known: no fever safety net to call for help: %v", r.SafetyNets)
	}
}

// New purple spots in an adult who feels well, the temperature not taken, are a blood count
// today with "check the temperature now", not an ambulance: meningococcal disease's spots come
// when the person is already very unwell (Thompson 2006); feeling ill makes it an emergency.
func TestNewPurpuraInAWellAdultWithTheFeverUnknown(t *testing.T) {
	k := bundled(t)
	const spots = `"age_years": 66, "glass_test": "does_not_fade", "spot_size": "small", "location": ["legs"], "duration_days": 1`
	r := evaluateJSON(t, k, `{`+spots+`, "unwell": false}`)
	if r.Urgency != Urgent {
		t.Errorf("well, fever not known: %s, want urgent", r.Urgency)
	}
	if !slices.ContainsFunc(r.SafetyNets, func(n SafetyNet) bool { return n.Finding.ID == "fever" && n.If == Emergency }) {
		t.Errorf("well, fever not known: no safety net to check the temperature: %v", r.SafetyNets)
	}
	if u := evaluateJSON(t, k, `{`+spots+`, "unwell": true}`).Urgency; u != Emergency {
		t.Errorf("very unwell: %s, want emergency", u)
	}
}
