package triage

import (
	"reflect"
	"testing"

	"spotcheck"
)

// FuzzLoad: any bytes give either a valid Knowledge or a *LoadError, never a panic or both.
func FuzzLoad(f *testing.F) {
	f.Add(spotcheck.KnowledgeJSON)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"meta": {"languages": ["en"]}, "findings": [{"id": "x", "type": "set", "values": []}]}`))
	f.Add([]byte(`{"rules": [{"when": {"not": {"not": {"all": [{"any": []}]}}}}]}`))
	f.Add([]byte(`[1, 2, {"a": null}]`))
	// Duplicate keys at each level: the first value used to win in a field, the last in a map.
	f.Add([]byte(`{"meta": {}, "meta": {}}`))
	f.Add([]byte(`{"conditions": [{"id": "a", "prior": 0.04, "prior": "bogus"}]}`))
	f.Add([]byte(`{"conditions": [{"findings": {"fever": {"yes": 2}, "fever": {"yes": 3}}}]}`))
	f.Add([]byte(`{"conditions": [{"findings": {"fever": {"yes": 2, "yes": 0.5}}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := Load(data)
		if (k == nil) == (err == nil) {
			t.Fatalf("Load returned knowledge %v and error %v", k != nil, err)
		}
		if k != nil && CheckJSON(data) != nil {
			t.Fatalf("Load took a document with problems %v", CheckJSON(data))
		}
		if err != nil {
			if _, ok := err.(*LoadError); !ok {
				t.Fatalf("error of type %T", err)
			}
			if len(err.(*LoadError).Problems) == 0 {
				t.Fatal("a LoadError with no problems")
			}
		}
	})
}

// FuzzParseFindings: any findings object is parsed or rejected with an error, never a panic,
// and what parses survives a round trip through JSON.
func FuzzParseFindings(f *testing.F) {
	k := bundled(f)
	for _, s := range []string{`{}`, `{"fever": true, "age_years": 0.1}`, `{"location": ["legs", "legs"]}`,
		`{"glass_test": "not_done", "spot_size": "pinpoint"}`, `{"age_years": 1e308}`, `{"fever": [true]}`, `"x"`,
		`{"fever": true, "fever": false}`, `{"location": ["legs"], "location": ["arms"]}`, `{"fever": true, "f\u0065ver": true}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := k.ParseFindings(in)
		if err != nil {
			return
		}
		if problems := checkJSONString(in); problems != nil {
			t.Fatalf("ParseFindings took %q with problems %v", in, problems)
		}
		again, err := k.ParseFindings(got.JSON())
		if err != nil || again.JSON() != got.JSON() {
			t.Fatalf("round trip of %q: %v, %s vs %s", in, err, got.JSON(), again.JSON())
		}
	})
}

// FuzzEvaluate: for any findings, Evaluate, NextQuestion and WhileYouWait do not panic,
// Evaluate gives the same answer twice, the other two ask only what is open (WhileYouWait only
// at an emergency), and adding a danger sign never lowers the urgency.
func FuzzEvaluate(f *testing.F) {
	k := bundled(f)
	f.Add(`{"age_years": 3, "fever": true, "glass_test": "does_not_fade"}`, uint8(0))
	f.Add(`{"age_years": 70, "blood_thinner": true}`, uint8(3))
	f.Add(`{"rough_bumps": true, "location": ["arms"], "duration_days": 300}`, uint8(7))
	f.Add(`{}`, uint8(200))
	signs := redFlagSigns(k)
	f.Fuzz(func(t *testing.T, in string, sign uint8) {
		fs, err := k.ParseFindings(in)
		if err != nil {
			return
		}
		res := k.Evaluate(fs)
		if !reflect.DeepEqual(res, k.Evaluate(fs.Clone())) {
			t.Fatal("Evaluate is not deterministic")
		}
		next := k.NextQuestion(fs)
		if !next.Done && len(next.Findings) == 0 {
			t.Fatal("NextQuestion: not done and nothing to ask")
		}
		for _, id := range next.Findings {
			if fs.Asked(id) {
				t.Fatalf("NextQuestion asks %s again", id)
			}
		}
		wait := k.WhileYouWait(fs, 0)
		if !wait.Done && (len(wait.Findings) == 0 || res.Urgency != Emergency) {
			t.Fatalf("WhileYouWait asks %v at %s", wait.Findings, res.Urgency)
		}
		for _, id := range wait.Findings {
			if fs.Asked(id) {
				t.Fatalf("WhileYouWait asks %s again", id)
			}
		}
		g := fs.Clone()
		if err := signs[int(sign)%len(signs)](g); err != nil {
			t.Fatal(err)
		}
		if after := k.Evaluate(g).Urgency; after < res.Urgency {
			t.Fatalf("%s -> %s lowered urgency %s -> %s", fs.JSON(), g.JSON(), res.Urgency, after)
		}
	})
}
