//go:build wasm

// Command enginewasm times the triage engine inside the browser: loading the bundled
// knowledge.json (as the app does at start, and validated as server check does), evaluating a mid-interview case, and choosing the next question, with the
// same cases as app/triage's benchmarks. `make bench` loads it in headless Chromium and reads
// the figures from window.benchEngine (a JSON string).
package main

import (
	"encoding/json"
	"syscall/js"
	"time"

	"spotcheck"
	"spotcheck/app/triage"

	"github.com/tidwall/gjson"
)

// midCase is app/triage's benchCase: a typical mid-interview case, a dozen findings known.
const midCase = `{"age_years": 6, "sex": "female", "fever": false, "unwell": false, "drowsy": false,
 "glass_test": "does_not_fade", "spot_size": "pinpoint", "raised": true, "itchy": false,
 "joint_pain": true, "abdominal_pain": true, "location": ["legs", "buttocks"], "duration_days": 2}`

// firstCase is the adaptive part's worst case: the always-questions answered, nothing else.
const firstCase = `{"age_years": 30, "sex": "male", "glass_test": "fades"}`

// result is what the page reads, in microseconds per operation.
type result struct {
	LoadFirstUS  float64 `json:"load_first_us"` // the first Load, as the app pays it at start (Prechecked)
	LoadUS       float64 `json:"load_us"`       // Load as at start, repeated
	LoadFullUS   float64 `json:"load_full_us"`  // the validating Load, as server check runs it
	EvaluateUS   float64 `json:"evaluate_us"`
	NextUS       float64 `json:"next_us"`
	NextFirstUS  float64 `json:"next_first_us"`
	KnowledgeLen int     `json:"knowledge_bytes"`
	Error        string  `json:"error,omitempty"`
	// What reading knowledge.json costs at the least: one gjson pass over every value, and
	// encoding/json into interface values (the package go-app links in anyway).
	GJSONWalkUS float64 `json:"gjson_walk_us"`
	JSONAnyUS   float64 `json:"json_any_us"`
}

// perOp runs f until budget has passed (at least 3 times) and returns microseconds per call.
func perOp(budget time.Duration, f func()) float64 {
	n := 0
	start := time.Now()
	for n < 3 || time.Since(start) < budget {
		f()
		n++
	}
	return float64(time.Since(start).Microseconds()) / float64(n)
}

func run() result {
	r := result{KnowledgeLen: len(spotcheck.KnowledgeJSON)}
	start := time.Now()
	k, err := triage.Load(spotcheck.KnowledgeJSON, triage.Prechecked())
	r.LoadFirstUS = float64(time.Since(start).Microseconds())
	if err != nil {
		r.Error = err.Error()
		return r
	}
	mid, err := k.ParseFindings(midCase)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	first, err := k.ParseFindings(firstCase)
	if err != nil {
		r.Error = err.Error()
		return r
	}
	if s := k.Step("emergency"); s != nil {
		for _, id := range s.Findings {
			_ = first.SetBool(id, false)
		}
	}
	budget := 300 * time.Millisecond
	r.LoadUS = perOp(budget, func() { _, _ = triage.Load(spotcheck.KnowledgeJSON, triage.Prechecked()) })
	r.LoadFullUS = perOp(budget, func() { _, _ = triage.Load(spotcheck.KnowledgeJSON) })
	r.GJSONWalkUS = perOp(budget, func() { walk(gjson.ParseBytes(spotcheck.KnowledgeJSON)) })
	r.JSONAnyUS = perOp(budget, func() {
		var v any
		_ = json.Unmarshal(spotcheck.KnowledgeJSON, &v)
	})
	r.EvaluateUS = perOp(budget, func() { k.Evaluate(mid) })
	r.NextUS = perOp(budget, func() { k.NextQuestion(mid) })
	r.NextFirstUS = perOp(budget, func() { k.NextQuestion(first) })
	return r
}

// walk visits every value under r once and counts them.
func walk(r gjson.Result) int {
	n := 1
	if r.IsObject() || r.IsArray() {
		r.ForEach(func(_, v gjson.Result) bool { n += walk(v); return true })
	}
	return n
}

func main() {
	b, _ := json.Marshal(run())
	js.Global().Set("benchEngine", string(b))
}
