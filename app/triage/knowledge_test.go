package triage

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"testing"

	"github.com/tidwall/gjson"

	"spotcheck"
)

// bundled loads the project's knowledge.json once per test binary.
var bundledKnowledge *Knowledge

func bundled(t testing.TB) *Knowledge {
	t.Helper()
	if bundledKnowledge == nil {
		k, err := Load(spotcheck.KnowledgeJSON)
		if err != nil {
			t.Fatalf("knowledge.json: %v", err)
		}
		bundledKnowledge = k
	}
	return bundledKnowledge
}

func TestBundledKnowledgeDefinesTheVocabulary(t *testing.T) {
	k := bundled(t)
	vocab := gjson.ParseBytes(vocabularyJSON)
	for _, f := range vocab.Get("findings").Array() {
		d := k.Finding(f.Get("id").String())
		if d == nil {
			t.Errorf("finding %s missing", f.Get("id"))
			continue
		}
		if d.Question.In("en") == "" {
			t.Errorf("finding %s has no question", d.ID)
		}
	}
	for _, c := range vocab.Get("conditions").Array() {
		cond := k.Condition(c.Get("id").String())
		if cond == nil {
			t.Errorf("condition %s missing", c.Get("id"))
			continue
		}
		if len(cond.Sources) == 0 || len(cond.terms) == 0 {
			t.Errorf("condition %s: %d sources, %d findings", cond.ID, len(cond.Sources), len(cond.terms))
		}
	}
	for _, r := range k.Rules() {
		if len(r.Sources) == 0 {
			t.Errorf("rule %s has no source", r.ID)
		}
	}
	for u := SelfCare; u <= Emergency; u++ {
		if k.UrgencyInfo(u).Action.In("en") == "" {
			t.Errorf("urgency %s has no action text", u)
		}
	}
}

// mutate returns knowledge.json with one change applied to its decoded form.
func mutate(t *testing.T, change func(kb map[string]any)) []byte {
	t.Helper()
	var kb map[string]any
	if err := json.Unmarshal(spotcheck.KnowledgeJSON, &kb); err != nil {
		t.Fatal(err)
	}
	change(kb)
	out, err := json.Marshal(kb)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func list(kb map[string]any, key string) []any { return kb[key].([]any) }
func item(kb map[string]any, key string, i int) map[string]any {
	return list(kb, key)[i].(map[string]any)
}

// indexOf returns the position of the element with the id in a top-level list.
func indexOf(t *testing.T, kb map[string]any, key, id string) int {
	for i, x := range list(kb, key) {
		if x.(map[string]any)["id"] == id {
			return i
		}
	}
	t.Fatalf("%s: no %s", key, id)
	return -1
}

func TestLoadReportsEachKindOfMistakeWithItsPath(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, kb map[string]any) (path string)
		want   string
	}{
		{"choice check text without its answer", func(t *testing.T, kb map[string]any) string {
			i := indexOf(t, kb, "findings", "spot_size")
			delete(item(kb, "findings", i), "check_answer")
			return "findings." + strconv.Itoa(i) + ".check_answer"
		}, "must name the answer it is written for"},
		{"check answer that is no value", func(t *testing.T, kb map[string]any) string {
			i := indexOf(t, kb, "findings", "spot_size")
			item(kb, "findings", i)["check_answer"] = "huge"
			return "findings." + strconv.Itoa(i) + ".check_answer"
		}, `"huge" is not a value of "spot_size"`},
		{"check answer on a yes/no finding", func(t *testing.T, kb map[string]any) string {
			i := indexOf(t, kb, "findings", "fever")
			item(kb, "findings", i)["check_answer"] = "yes"
			return "findings." + strconv.Itoa(i) + ".check_answer"
		}, "only a choice finding names it"},
		{"unknown finding in a condition", func(t *testing.T, kb map[string]any) string {
			item(kb, "conditions", 12)["findings"].(map[string]any)["fevr"] = map[string]any{"yes": 2}
			return "conditions.12.findings.fevr"
		}, "unknown finding"},
		{"likelihood ratio out of range", func(t *testing.T, kb map[string]any) string {
			item(kb, "conditions", 0)["findings"] = map[string]any{"fever": map[string]any{"yes": 500.0}}
			return "conditions.0.findings.fever.yes"
		}, "outside 0.01 to 100"},
		{"vocabulary finding not defined", func(t *testing.T, kb map[string]any) string {
			i := indexOf(t, kb, "findings", "jerky_movements")
			kb["findings"] = append(list(kb, "findings")[:i:i], list(kb, "findings")[i+1:]...)
			return "findings"
		}, `vocabulary finding "jerky_movements" is not defined`},
		{"vocabulary condition not defined", func(t *testing.T, kb map[string]any) string {
			i := indexOf(t, kb, "conditions", "scurvy")
			kb["conditions"] = append(list(kb, "conditions")[:i:i], list(kb, "conditions")[i+1:]...)
			return "conditions"
		}, `vocabulary condition "scurvy" is not defined`},
		{"condition without sources", func(t *testing.T, kb map[string]any) string {
			item(kb, "conditions", 3)["sources"] = []any{}
			return "conditions.3.sources"
		}, "non-empty list"},
		{"unknown source", func(t *testing.T, kb map[string]any) string {
			item(kb, "rules", 0)["sources"] = []any{"no_such_paper"}
			return "rules.0.sources.0"
		}, `unknown source "no_such_paper"`},
		{"empty all in a rule", func(t *testing.T, kb map[string]any) string {
			item(kb, "rules", 1)["when"] = map[string]any{"all": []any{}}
			return "rules.1.when.all"
		}, "non-empty list"},
		{"wrong value type in a rule", func(t *testing.T, kb map[string]any) string {
			item(kb, "rules", 0)["when"] = map[string]any{"finding": "fever", "is": "yes"}
			return "rules.0.when.is"
		}, "want true or false"},
		{"unknown value in a rule", func(t *testing.T, kb map[string]any) string {
			item(kb, "rules", 0)["when"] = map[string]any{"finding": "glass_test", "is": "blanches"}
			return "rules.0.when.is"
		}, "is not a value of"},
		{"two operators in a leaf", func(t *testing.T, kb map[string]any) string {
			item(kb, "rules", 0)["when"] = map[string]any{"finding": "fever", "is": true, "known": true}
			return "rules.0.when"
		}, "exactly one of"},
		{"unknown urgency", func(t *testing.T, kb map[string]any) string {
			item(kb, "conditions", 5)["urgency"] = "asap"
			return "conditions.5.urgency"
		}, `unknown urgency "asap"`},
		{"duplicate id", func(t *testing.T, kb map[string]any) string {
			item(kb, "conditions", 1)["id"] = item(kb, "conditions", 0)["id"]
			return "conditions.1.id"
		}, "duplicate id"},
		{"missing English text", func(t *testing.T, kb map[string]any) string {
			item(kb, "conditions", 2)["about"] = map[string]any{}
			return "conditions.2.about"
		}, `missing English ("en") text`},
		{"language not listed", func(t *testing.T, kb map[string]any) string {
			item(kb, "conditions", 2)["name"].(map[string]any)["fr"] = "Nom"
			return "conditions.2.name.fr"
		}, "not listed in meta.languages"},
		{"text missing in a listed language", func(t *testing.T, kb map[string]any) string {
			translateAll(kb, "fr")
			delete(item(kb, "conditions", 2)["looks"].(map[string]any), "fr")
			return "conditions.2.looks.fr"
		}, "missing fr text"},
		{"translation without the English's placeholder", func(t *testing.T, kb map[string]any) string {
			translateAll(kb, "fr")
			kb["meta"].(map[string]any)["ui"].(map[string]any)["call_number"].(map[string]any)["fr"] = "Appelez"
			return "meta.ui.call_number.fr"
		}, "but the English has [{number}]"},
		{"language listed twice", func(t *testing.T, kb map[string]any) string {
			meta := kb["meta"].(map[string]any)
			meta["languages"] = append(meta["languages"].([]any), "en")
			return "meta.languages." + strconv.Itoa(len(meta["languages"].([]any))-1)
		}, `"en" is listed twice`},
		{"prior out of range", func(t *testing.T, kb map[string]any) string {
			item(kb, "conditions", 4)["prior"] = 1.5
			return "conditions.4.prior"
		}, "outside"},
		{"question asked before what it depends on", func(t *testing.T, kb map[string]any) string {
			i := indexOf(t, kb, "findings", "fever")
			item(kb, "findings", i)["ask_if"] = map[string]any{"finding": "itchy", "is": true}
			return "findings." + strconv.Itoa(i) + ".ask_if"
		}, "could never be asked"},
		{"question no answer can reach", func(t *testing.T, kb map[string]any) string {
			i := indexOf(t, kb, "findings", "pregnant")
			item(kb, "findings", i)["ask_if"] = map[string]any{"all": []any{
				map[string]any{"finding": "age_years", "max": 10}, map[string]any{"finding": "age_years", "min": 60}}}
			return "findings." + strconv.Itoa(i) + ".ask_if"
		}, "no answers can make it true"},
		{"overlapping number bands", func(t *testing.T, kb map[string]any) string {
			item(kb, "conditions", 0)["findings"] = map[string]any{"age_years": []any{
				map[string]any{"min": 0, "max": 10, "lr": 2}, map[string]any{"min": 5, "max": 20, "lr": 3}}}
			return "conditions.0.findings.age_years.1"
		}, "before the previous band ends"},
		{"misspelt top-level key", func(t *testing.T, kb map[string]any) string {
			kb["condtions"] = []any{}
			return "condtions"
		}, "unknown key"},
		{"finding type differs from the vocabulary", func(t *testing.T, kb map[string]any) string {
			i := indexOf(t, kb, "findings", "itchy")
			item(kb, "findings", i)["type"] = "choice"
			item(kb, "findings", i)["values"] = []any{map[string]any{"id": "a", "label": map[string]any{"en": "A"}}}
			return "findings." + strconv.Itoa(i) + ".type"
		}, "the vocabulary says"},
		{"rule of an unknown kind", func(t *testing.T, kb map[string]any) string {
			item(kb, "rules", 1)["kind"] = "warning"
			return "rules.1.kind"
		}, `unknown kind "warning"`},
		{"decisive that is not a flag", func(t *testing.T, kb map[string]any) string {
			i := indexOf(t, kb, "findings", "fever")
			item(kb, "findings", i)["decisive"] = "yes"
			return "findings." + strconv.Itoa(i) + ".decisive"
		}, "want true or false"},
		{"no floor for spots no cause explains", func(t *testing.T, kb map[string]any) string {
			delete(kb["meta"].(map[string]any), "unexplained")
			return "meta.unexplained"
		}, "missing"},
		{"that floor at self-care", func(t *testing.T, kb map[string]any) string {
			kb["meta"].(map[string]any)["unexplained"].(map[string]any)["urgency"] = "self_care"
			return "meta.unexplained.urgency"
		}, "above self_care"},
		{"that floor without a source", func(t *testing.T, kb map[string]any) string {
			kb["meta"].(map[string]any)["unexplained"].(map[string]any)["sources"] = []any{}
			return "meta.unexplained.sources"
		}, "non-empty list"},
		{"that floor's evidence below 1", func(t *testing.T, kb map[string]any) string {
			kb["meta"].(map[string]any)["unexplained"].(map[string]any)["min_evidence"] = 0.5
			return "meta.unexplained.min_evidence"
		}, "outside 1 to 1000"},
		{"that floor's evidence beyond a step that does not exist", func(t *testing.T, kb map[string]any) string {
			kb["meta"].(map[string]any)["unexplained"].(map[string]any)["beyond"] = "who"
			return "meta.unexplained.beyond"
		}, `want the id of a step, got "who"`},
		{"that floor without a review record", func(t *testing.T, kb map[string]any) string {
			delete(kb["meta"].(map[string]any)["unexplained"].(map[string]any), "review")
			return "meta.unexplained.review"
		}, "want {"},
		{"emergency rule naming no cause", func(t *testing.T, kb map[string]any) string {
			i := indexOf(t, kb, "rules", "seizure")
			delete(item(kb, "rules", i), "causes")
			return "rules." + strconv.Itoa(i) + ".causes"
		}, "must name the causes"},
		{"rule naming an unknown cause", func(t *testing.T, kb map[string]any) string {
			i := indexOf(t, kb, "rules", "seizure")
			item(kb, "rules", i)["causes"] = []any{"sepsis", "meningitis"}
			return "rules." + strconv.Itoa(i) + ".causes.1"
		}, `unknown condition "meningitis"`},
		{"rule naming a cause twice", func(t *testing.T, kb map[string]any) string {
			i := indexOf(t, kb, "rules", "seizure")
			item(kb, "rules", i)["causes"] = []any{"sepsis", "sepsis"}
			return "rules." + strconv.Itoa(i) + ".causes.1"
		}, "named twice"},
		{"assessment asking two steps", func(t *testing.T, kb map[string]any) string {
			i := indexOf(t, kb, "assess", "kawasaki_signs_after_5_days_of_fever")
			item(kb, "assess", i)["ask"] = []any{"red_eyes", "tick_exposure"}
			return "assess." + strconv.Itoa(i) + ".ask.1"
		}, "an assessment asks one screen"},
		{"assessment asking an unknown finding", func(t *testing.T, kb map[string]any) string {
			i := indexOf(t, kb, "assess", "fever_duration_in_a_young_child")
			item(kb, "assess", i)["ask"] = []any{"fever_dayz"}
			return "assess." + strconv.Itoa(i) + ".ask.0"
		}, "want a finding id"},
		{"assessment without its review", func(t *testing.T, kb map[string]any) string {
			i := indexOf(t, kb, "assess", "fever_duration_in_a_young_child")
			delete(item(kb, "assess", i), "review")
			return "assess." + strconv.Itoa(i) + ".review"
		}, `want {"by", "date", "status"}`},
		{"step with no questions", func(t *testing.T, kb map[string]any) string {
			kb["steps"] = append(list(kb, "steps"), map[string]any{"id": "empty", "title": map[string]any{"en": "E"}})
			return "steps." + strconv.Itoa(len(list(kb, "steps"))-1)
		}, "has no questions"},
	}
	if len(tests) < 10 {
		t.Fatal("the issue asks for at least ten kinds of mistakes")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantLoadProblem(t, tt.change, tt.want) })
	}
}

func TestLoadListsEveryProblemAtOnce(t *testing.T) {
	data := mutate(t, func(kb map[string]any) {
		item(kb, "conditions", 0)["urgency"] = "later"
		item(kb, "conditions", 1)["prior"] = -1
		item(kb, "rules", 0)["when"] = map[string]any{"finding": "nope", "is": true}
	})
	_, err := Load(data)
	var le *LoadError
	if !errors.As(err, &le) || len(le.Problems) != 3 {
		t.Fatalf("want exactly 3 problems, got %v", err)
	}
}

func TestLoadRejectsNonKnowledge(t *testing.T) {
	for _, in := range []string{"", "{", "[]", "null", `{"meta": 3}`, `"text"`, "{}"} {
		k, err := Load([]byte(in))
		if err == nil || k != nil {
			t.Errorf("Load(%q) = %v, %v; want an error and no knowledge", in, k, err)
		}
	}
}

// TestEverySourceIsCitedAndEveryStatementHasOne: a source nothing cites is either a statement
// that lost its citation or dead weight; a cause or rule without a source is a claim without
// evidence (issue 9).
func TestEverySourceIsCitedAndEveryStatementHasOne(t *testing.T) {
	k := bundled(t)
	cited := map[string]bool{}
	for _, c := range k.Conditions() {
		if len(c.Sources) == 0 {
			t.Errorf("condition %s has no source", c.ID)
		}
		for _, s := range c.Sources {
			cited[s] = true
		}
		for _, n := range c.LRNotes {
			cited[n.Source] = true
		}
	}
	for _, r := range k.Rules() {
		if len(r.Sources) == 0 {
			t.Errorf("rule %s has no source", r.ID)
		}
		for _, s := range r.Sources {
			cited[s] = true
		}
	}
	for _, s := range k.EmergencyNumbers().AllSources() {
		cited[s] = true
	}
	for _, s := range k.Sources() {
		if !cited[s.ID] {
			t.Errorf("source %s (%s) is cited by no cause, rule or ratio", s.ID, s.Title)
		}
	}
}

// translateAll lists lang in meta.languages and gives every text of kb a copy of its English
// in lang, as a complete translation would (placeholders and all).
func translateAll(kb map[string]any, lang string) {
	meta := kb["meta"].(map[string]any)
	meta["languages"] = append(meta["languages"].([]any), lang)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if en, ok := v["en"].(string); ok {
				v[lang] = en
				return
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(kb)
}

// A base whose every text is in every listed language loads, so the translation check above
// fails on the one text left out, not on the language itself.
func TestACompleteTranslationLoads(t *testing.T) {
	data := mutate(t, func(kb map[string]any) { translateAll(kb, "fr") })
	k, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := k.Meta().Languages; !slices.Equal(got, []string{"en", "es", "fr"}) {
		t.Errorf("languages %v", got)
	}
}

// wantLoadProblem loads the bundled base after change (which returns the path it broke) and
// fails unless Load reports a problem at that path whose message contains want.
func wantLoadProblem(t *testing.T, change func(*testing.T, map[string]any) string, want string, opts ...Option) {
	t.Helper()
	var path string
	data := mutate(t, func(kb map[string]any) { path = change(t, kb) })
	wantProblem(t, data, path, want, opts...)
}
