package triage

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"spotcheck"
)

// TestContentHashIsRecorded fails when knowledge.json's clinical content no longer matches
// the hash recorded beside meta.version, so that a change to it cannot ship under the old
// version and review date.
func TestContentHashIsRecorded(t *testing.T) {
	got, err := ContentHash(spotcheck.KnowledgeJSON)
	if err != nil {
		t.Fatal(err)
	}
	if recorded := bundled(t).Meta().ContentHash; recorded != got {
		t.Errorf("knowledge.json's clinical content has changed since meta.content_hash was recorded "+
			"(recorded %q, content %s). If the change is meant: give the file a new meta.version and "+
			"meta.reviewed, have it reviewed, then record the hash that `go run ./server review -hash "+
			"knowledge.json` prints as meta.content_hash.", recorded, got)
	}
}

func TestContentHashIgnoresFormattingAndBookkeepingOnly(t *testing.T) {
	base, err := ContentHash(spotcheck.KnowledgeJSON)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(kb map[string]any)
		same   bool
	}{
		{"nothing (keys reordered, no indentation)", func(map[string]any) {}, true},
		{"new version, review date and hash", func(kb map[string]any) {
			m := kb["meta"].(map[string]any)
			m["version"], m["reviewed"], m["content_hash"] = "9.9.9", "2030-01-01", strings.Repeat("0", 64)
		}, true},
		{"a cause signed off", func(kb map[string]any) {
			item(kb, "conditions", 0)["review"] = map[string]any{"by": "Dr A", "date": "2026-12-01", "status": "reviewed"}
		}, true},
		{"a prior", func(kb map[string]any) { item(kb, "conditions", 0)["prior"] = 0.0401 }, false},
		{"a text", func(kb map[string]any) {
			m := item(kb, "rules", 0)["message"].(map[string]any)
			m["en"] = m["en"].(string) + " Again."
		}, false},
		{"a likelihood ratio", func(kb map[string]any) {
			item(kb, "conditions", 1)["findings"].(map[string]any)["sweating"] = map[string]any{"yes": 1.1}
		}, false},
		{"the order of the rules", func(kb map[string]any) {
			r := list(kb, "rules")
			r[0], r[1] = r[1], r[0]
		}, false},
		{"a review key elsewhere is content", func(kb map[string]any) {
			item(kb, "sources", 0)["review"] = "x"
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ContentHash(mutate(t, tt.change))
			if err != nil {
				t.Fatal(err)
			}
			if (got == base) != tt.same {
				t.Errorf("hash same = %v, want %v", got == base, tt.same)
			}
		})
	}
	if _, err := ContentHash([]byte("[1]")); err == nil {
		t.Error("ContentHash of a list: want an error")
	}
}

// wantProblem checks that Load reports a problem at path whose message contains want.
func wantProblem(t *testing.T, data []byte, path, want string, opts ...Option) {
	t.Helper()
	_, err := Load(data, opts...)
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("Load = %v, want a *LoadError", err)
	}
	for _, p := range le.Problems {
		if p.Path == path && strings.Contains(p.Message, want) {
			return
		}
	}
	t.Errorf("no problem %s: ...%s...; got:\n%v", path, want, err)
}

func TestLoadChecksReviewNotesAndDefs(t *testing.T) {
	ruleUsing := func(kb map[string]any, def string) {
		item(kb, "rules", 0)["when"] = map[string]any{"all": []any{
			map[string]any{"finding": "fever", "is": true}, map[string]any{"def": def}}}
	}
	tests := []struct {
		name   string
		change func(t *testing.T, kb map[string]any) (path string)
		want   string
	}{
		{"cause without review", func(t *testing.T, kb map[string]any) string {
			delete(item(kb, "conditions", 3), "review")
			return "conditions.3.review"
		}, `want {"by", "date", "status"}`},
		{"rule without review", func(t *testing.T, kb map[string]any) string {
			delete(item(kb, "rules", 2), "review")
			return "rules.2.review"
		}, `want {"by", "date", "status"}`},
		{"review date not a date", func(t *testing.T, kb map[string]any) string {
			item(kb, "rules", 1)["review"].(map[string]any)["date"] = "2026-02-30"
			return "rules.1.review.date"
		}, "YYYY-MM-DD"},
		{"unknown review status", func(t *testing.T, kb map[string]any) string {
			item(kb, "conditions", 0)["review"].(map[string]any)["status"] = "approved"
			return "conditions.0.review.status"
		}, `unknown status "approved"`},
		{"review without who", func(t *testing.T, kb map[string]any) string {
			delete(item(kb, "conditions", 0)["review"].(map[string]any), "by")
			return "conditions.0.review.by"
		}, "non-empty string"},
		{"unknown key in review", func(t *testing.T, kb map[string]any) string {
			item(kb, "conditions", 0)["review"].(map[string]any)["when"] = "x"
			return "conditions.0.review.when"
		}, "unknown key"},
		{"LR note with an unknown source", func(t *testing.T, kb map[string]any) string {
			item(kb, "conditions", 0)["lr_notes"] = map[string]any{"pus": map[string]any{"source": "nowhere", "why": "x"}}
			return "conditions.0.lr_notes.pus.source"
		}, `unknown source "nowhere"`},
		{"LR note on a finding the cause does not list", func(t *testing.T, kb map[string]any) string {
			item(kb, "conditions", 0)["lr_notes"] = map[string]any{"seizure": map[string]any{"why": "x"}}
			return "conditions.0.lr_notes.seizure"
		}, "not one of this cause's findings"},
		{"LR note of two lines", func(t *testing.T, kb map[string]any) string {
			item(kb, "conditions", 0)["lr_notes"] = map[string]any{"pus": map[string]any{"why": "a\nb"}}
			return "conditions.0.lr_notes.pus.why"
		}, "one line"},
		{"empty LR note", func(t *testing.T, kb map[string]any) string {
			item(kb, "conditions", 0)["lr_notes"] = map[string]any{"pus": map[string]any{}}
			return "conditions.0.lr_notes.pus"
		}, "at least one"},
		{"unknown def", func(t *testing.T, kb map[string]any) string {
			ruleUsing(kb, "no_such_def")
			return "rules.0.when.all.1.def"
		}, `unknown def "no_such_def"`},
		{"def that refers to itself through another", func(t *testing.T, kb map[string]any) string {
			kb["defs"] = append(list(kb, "defs"),
				map[string]any{"id": "loop_a", "when": map[string]any{"def": "loop_b"}},
				map[string]any{"id": "loop_b", "when": map[string]any{"any": []any{
					map[string]any{"finding": "itchy", "is": true}, map[string]any{"def": "loop_a"}}}})
			ruleUsing(kb, "loop_a")
			return "defs." + strconv.Itoa(len(list(kb, "defs"))-1) + ".when.any.1.def"
		}, "cycle"},
		{"def nobody uses", func(t *testing.T, kb map[string]any) string {
			kb["defs"] = append(list(kb, "defs"), map[string]any{"id": "spare", "when": map[string]any{"finding": "itchy", "is": true}})
			return "defs." + strconv.Itoa(len(list(kb, "defs"))-1)
		}, `def "spare" is never used`},
		{"def in an ask_if", func(t *testing.T, kb map[string]any) string {
			i := indexOf(t, kb, "findings", "pregnant")
			item(kb, "findings", i)["ask_if"] = map[string]any{"def": "non_blanching"}
			return "findings." + strconv.Itoa(i) + ".ask_if.def"
		}, "not in ask_if"},
		{"def with another key", func(t *testing.T, kb map[string]any) string {
			item(kb, "rules", 0)["when"] = map[string]any{"def": "non_blanching", "finding": "fever"}
			return "rules.0.when"
		}, "must stand alone"},
		{"content hash not a sha256", func(t *testing.T, kb map[string]any) string {
			kb["meta"].(map[string]any)["content_hash"] = "abc"
			return "meta.content_hash"
		}, "64 lowercase hex digits"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var path string
			data := mutate(t, func(kb map[string]any) { path = tt.change(t, kb) })
			wantProblem(t, data, path, tt.want)
		})
	}
}

func TestLoadReadsReviewAndNotes(t *testing.T) {
	data := mutate(t, func(kb map[string]any) {
		item(kb, "conditions", 0)["review"] = map[string]any{"by": "Dr A", "date": "2026-12-01", "status": "reviewed"}
		item(kb, "conditions", 0)["lr_notes"] = map[string]any{"pus": map[string]any{"source": item(kb, "sources", 0)["id"], "why": "Pus heads sit on hairs."}}
	})
	k, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	c := k.Conditions()[0]
	if c.Review != (Review{"Dr A", "2026-12-01", ReviewReviewed}) || c.Review.Draft() {
		t.Errorf("review = %+v", c.Review)
	}
	if n := c.LRNotes["pus"]; n.Source != k.Sources()[0].ID || n.Why != "Pus heads sit on hairs." {
		t.Errorf("lr note = %+v", n)
	}
	if !k.Rules()[0].Review.Draft() {
		t.Errorf("rule 0 review %+v: want a draft", k.Rules()[0].Review)
	}
}

// inlineDefs returns knowledge.json with every {"def": id} replaced by the definition's body.
func inlineDefs(t *testing.T) []byte {
	return mutate(t, func(kb map[string]any) {
		bodies := map[string]any{}
		for _, d := range list(kb, "defs") {
			bodies[d.(map[string]any)["id"].(string)] = d.(map[string]any)["when"]
		}
		var inline func(x any) any
		inline = func(x any) any {
			m, ok := x.(map[string]any)
			if !ok {
				return x
			}
			if id, ok := m["def"].(string); ok {
				return inline(bodies[id])
			}
			for _, op := range []string{"all", "any"} {
				if parts, ok := m[op].([]any); ok {
					for i := range parts {
						parts[i] = inline(parts[i])
					}
				}
			}
			if n, ok := m["not"]; ok {
				m["not"] = inline(n)
			}
			return m
		}
		for _, r := range list(kb, "rules") {
			r.(map[string]any)["when"] = inline(r.(map[string]any)["when"])
		}
		delete(kb, "defs")
	})
}

// TestDefsMatchWhatTheyStandFor: rules that refer to definitions match exactly when the same
// rules with the definitions pasted in do.
func TestDefsMatchWhatTheyStandFor(t *testing.T) {
	k := bundled(t)
	if len(k.Defs()) == 0 {
		t.Fatal("knowledge.json has no defs")
	}
	flat, err := Load(inlineDefs(t))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(9, 9))
	for range 2000 {
		f := randomFindings(k, rng, 0.3)
		g := flat.NewFindings()
		copy(g.vals, f.vals)
		for i, r := range k.Rules() {
			if a, b := r.when.eval(f.vals), flat.Rules()[i].when.eval(g.vals); a != b {
				t.Fatalf("rule %s: %v with defs, %v pasted, for %s", r.ID, a, b, f.JSON())
			}
		}
	}
}

// clauseJSON writes a Clause back in knowledge.json's form (defs as {"def": id}).
func clauseJSON(c Clause) any {
	switch c.Kind {
	case ClauseAll, ClauseAny:
		parts := make([]any, len(c.Parts))
		for i, p := range c.Parts {
			parts[i] = clauseJSON(p)
		}
		if c.Kind == ClauseAll {
			return map[string]any{"all": parts}
		}
		return map[string]any{"any": parts}
	case ClauseNot:
		return map[string]any{"not": clauseJSON(c.Parts[0])}
	case ClauseDef:
		return map[string]any{"def": c.Def}
	}
	m := map[string]any{"finding": c.Finding}
	switch c.Test {
	case "is":
		m["is"] = c.Is
	case "known":
		m["known"] = c.Is
	case "range":
		if !Open(c.Min) {
			m["min"] = c.Min
		}
		if !Open(c.Max) {
			m["max"] = c.Max
		}
	default:
		vals := make([]any, len(c.Values))
		for i, v := range c.Values {
			vals[i] = v
		}
		m["in"] = vals
	}
	return m
}

// valuesAsIn rewrites {"finding", "is": "value"} as {"finding", "in": ["value"]}, the same
// test, and sorts every "in" list: the order of the values does not matter.
func valuesAsIn(x any) any {
	switch v := x.(type) {
	case map[string]any:
		if s, ok := v["is"].(string); ok {
			delete(v, "is")
			v["in"] = []any{s}
		}
		if in, ok := v["in"].([]any); ok {
			slices.SortFunc(in, func(a, b any) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		}
		for key, y := range v {
			v[key] = valuesAsIn(y)
		}
	case []any:
		for i, y := range v {
			v[i] = valuesAsIn(y)
		}
	}
	return x
}

// normalJSON decodes JSON into plain values, so that two forms compare with DeepEqual.
func normalJSON(t *testing.T, raw string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestClausesAndRatiosAreAsWritten(t *testing.T) {
	k := bundled(t)
	root := gjson.ParseBytes(spotcheck.KnowledgeJSON)
	for i, r := range k.Rules() {
		got, err := json.Marshal(clauseJSON(r.When()))
		if err != nil {
			t.Fatal(err)
		}
		want := root.Get("rules." + strconv.Itoa(i) + ".when").Raw
		if !reflect.DeepEqual(valuesAsIn(normalJSON(t, string(got))), valuesAsIn(normalJSON(t, want))) {
			t.Errorf("rule %s: clause %s, written %s", r.ID, got, want)
		}
	}
	for i, c := range k.Conditions() {
		written := root.Get("conditions." + strconv.Itoa(i) + ".findings")
		n := 0
		written.ForEach(func(_, spec gjson.Result) bool {
			if spec.IsArray() {
				n += len(spec.Array())
			} else {
				spec.ForEach(func(_, _ gjson.Result) bool { n++; return true })
			}
			return true
		})
		ratios := c.Ratios(k)
		if len(ratios) != n {
			t.Errorf("cause %s: %d ratios, %d written", c.ID, len(ratios), n)
		}
		for _, r := range ratios {
			path := gjson.Escape(r.Finding) + "." + r.Value
			if r.Value == "" {
				path = gjson.Escape(r.Finding) + `.#(min==` + formatNum(r.Min) + `).lr`
			}
			if w := written.Get(path); w.Float() != r.LR {
				t.Errorf("cause %s: %s = %v, written %s", c.ID, path, r.LR, w.Raw)
			}
		}
	}
}
