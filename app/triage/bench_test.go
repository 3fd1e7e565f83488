package triage

import (
	"testing"

	"spotcheck"
)

// benchCase is a typical mid-interview case: a dozen findings known.
const benchCase = `{"age_years": 6, "sex": "female", "fever": false, "unwell": false, "drowsy": false,
 "glass_test": "does_not_fade", "spot_size": "pinpoint", "raised": true, "itchy": false,
 "joint_pain": true, "abdominal_pain": true, "location": ["legs", "buttocks"], "duration_days": 2}`

// benchFindings parses findings for a benchmark.
func benchFindings(b *testing.B, object string) (*Knowledge, *Findings) {
	k := bundled(b)
	f, err := k.ParseFindings(object)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	return k, f
}

func BenchmarkEvaluate(b *testing.B) {
	k, f := benchFindings(b, benchCase)
	for b.Loop() {
		k.Evaluate(f)
	}
}

func BenchmarkNextQuestion(b *testing.B) {
	k, f := benchFindings(b, benchCase)
	for b.Loop() {
		k.NextQuestion(f)
	}
}

// BenchmarkNextQuestionFirst is the adaptive part's worst case: every always-question
// answered and nothing else known, so every other question is probed.
func BenchmarkNextQuestionFirst(b *testing.B) {
	k, f := benchFindings(b, `{"age_years": 30, "sex": "male", "glass_test": "fades"}`)
	for _, id := range k.Step("emergency").Findings {
		_ = f.SetBool(id, false)
	}
	for b.Loop() {
		k.NextQuestion(f)
	}
}

func BenchmarkLoad(b *testing.B) {
	b.SetBytes(int64(len(spotcheck.KnowledgeJSON)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(spotcheck.KnowledgeJSON); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadPrechecked is the app's load at start: the compacted base it embeds, Prechecked.
func BenchmarkLoadPrechecked(b *testing.B) {
	data := compactKnowledge(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(data, Prechecked()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInterviews runs every public vignette as an interview, as triage -interview does:
// the questions, one after another, that a person answers.
func BenchmarkInterviews(b *testing.B) {
	k := bundled(b)
	var cases []*Findings
	for _, v := range loadVignettes(b, vignetteFiles[0]) {
		f, err := k.ParseFindings(v.Findings)
		if err != nil {
			b.Fatal(err)
		}
		cases = append(cases, f)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range cases {
			k.Simulate(f)
		}
	}
}
