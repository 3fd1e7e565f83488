package triage

import (
	"fmt"
	"testing"

	"spotcheck"
)

// TestDisplayHintsAreRead: the bundled knowledge base's hints reach the Knowledge.
func TestDisplayHintsAreRead(t *testing.T) {
	k, err := Load(spotcheck.KnowledgeJSON)
	if err != nil {
		t.Fatal(err)
	}
	checklists, illustrated, widgets := 0, 0, map[string]int{}
	for _, st := range k.Steps() {
		if st.Checklist {
			checklists++
		}
		if st.Illustration != nil {
			illustrated++
		}
	}
	for _, f := range k.Findings() {
		if f.Widget != "" {
			widgets[f.Widget]++
		}
		if f.Widget == WidgetBodyMap && len(f.Places) == 0 {
			t.Errorf("%s: a body map with no places", f.ID)
		}
	}
	if checklists == 0 || illustrated == 0 || widgets[WidgetBodyMap] == 0 || widgets[WidgetAge] == 0 {
		t.Errorf("checklists %d, illustrated steps %d, widgets %v: a hint is not read", checklists, illustrated, widgets)
	}
}

// TestDisplayMistakesHaveTheirPath: each kind of mistake in a display hint, the numbers table
// or the UI texts is a load error at its path.
func TestDisplayMistakesHaveTheirPath(t *testing.T) {
	texts := []UIText{{Key: "name"}, {Key: "start"}, {Key: "print"}, {Key: "call_number", Args: []string{"number"}}}
	finding := func(t *testing.T, kb map[string]any, id string) (string, map[string]any) {
		i := indexOf(t, kb, "findings", id)
		return fmt.Sprintf("findings.%d", i), item(kb, "findings", i)
	}
	step := func(t *testing.T, kb map[string]any, id string) (string, map[string]any) {
		i := indexOf(t, kb, "steps", id)
		return fmt.Sprintf("steps.%d", i), item(kb, "steps", i)
	}
	tests := []struct {
		name   string
		change func(t *testing.T, kb map[string]any) string
		want   string
		opts   []Option
	}{
		{"widget for another type", func(t *testing.T, kb map[string]any) string {
			p, f := finding(t, kb, "fever")
			f["widget"] = "age"
			return p + ".widget"
		}, "is for number findings", nil},
		{"place on no side", func(t *testing.T, kb map[string]any) string {
			p, f := finding(t, kb, "location")
			f["places"].([]any)[0].(map[string]any)["side"] = "left"
			return p + ".places.0.side"
		}, "front or back", nil},
		{"place off the grid", func(t *testing.T, kb map[string]any) string {
			p, f := finding(t, kb, "location")
			f["places"].([]any)[1].(map[string]any)["x"] = 12.5
			return p + ".places.1.x"
		}, "whole percent", nil},
		{"checklist not a bool", func(t *testing.T, kb map[string]any) string {
			p, s := step(t, kb, "emergency")
			s["checklist"] = "yes"
			return p + ".checklist"
		}, "true or false", nil},
		{"illustration of an unknown value", func(t *testing.T, kb map[string]any) string {
			p, s := step(t, kb, "glass")
			s["illustration"].(map[string]any)["values"] = []any{"fades", "bleeds"}
			return p + ".illustration.values.1"
		}, "not a value", nil},
		{"illustration outside web/img", func(t *testing.T, kb map[string]any) string {
			p, s := step(t, kb, "glass")
			s["illustration"].(map[string]any)["src"] = "https://example.com/x.svg"
			return p + ".illustration.src"
		}, "/web/img/", nil},
		{"country code", func(t *testing.T, kb map[string]any) string {
			kb["emergency_numbers"].(map[string]any)["countries"].([]any)[0].(map[string]any)["country"] = "USA"
			return "emergency_numbers.countries.0.country"
		}, "two-letter", nil},
		{"country without a source", func(t *testing.T, kb map[string]any) string {
			delete(kb["emergency_numbers"].(map[string]any)["countries"].([]any)[1].(map[string]any), "sources")
			return "emergency_numbers.countries.1.sources"
		}, "non-empty list", nil},
		{"country twice", func(t *testing.T, kb map[string]any) string {
			countries := kb["emergency_numbers"].(map[string]any)["countries"].([]any)
			countries[2].(map[string]any)["country"] = countries[0].(map[string]any)["country"]
			return "emergency_numbers.countries.2.country"
		}, "duplicate", nil},
		{"number with a plus", func(t *testing.T, kb map[string]any) string {
			kb["emergency_numbers"].(map[string]any)["countries"].([]any)[3].(map[string]any)["number"] = "+44 999"
			return "emergency_numbers.countries.3.number"
		}, "digits", nil},
		{"note not a text", func(t *testing.T, kb map[string]any) string {
			kb["emergency_numbers"].(map[string]any)["countries"].([]any)[0].(map[string]any)["note"] = "112 also works."
			return "emergency_numbers.countries.0.note"
		}, "text object", nil},
		{"UI text missing", func(t *testing.T, kb map[string]any) string {
			delete(kb["meta"].(map[string]any)["ui"].(map[string]any), "print")
			return "meta.ui.print"
		}, "missing text", []Option{RequireUI(texts)}},
		{"placeholder missing", func(t *testing.T, kb map[string]any) string {
			kb["meta"].(map[string]any)["ui"].(map[string]any)["call_number"] = map[string]any{"en": "Call"}
			return "meta.ui.call_number.en"
		}, "{number}", []Option{RequireUI(texts)}},
		{"language without its name", func(t *testing.T, kb map[string]any) string {
			delete(kb["meta"].(map[string]any)["language_names"].(map[string]any), "en")
			return "meta.language_names.en"
		}, "names every listed language", []Option{RequireUI(texts)}},
		{"language name not a string", func(t *testing.T, kb map[string]any) string {
			kb["meta"].(map[string]any)["language_names"].(map[string]any)["en"] = map[string]any{"en": "English"}
			return "meta.language_names.en"
		}, "name in itself", nil},
		{"language names not a table", func(t *testing.T, kb map[string]any) string {
			kb["meta"].(map[string]any)["language_names"] = []any{"English"}
			return "meta.language_names"
		}, "want {", nil},
		{"UI text the UI does not have", func(t *testing.T, kb map[string]any) string {
			return "meta.ui.back" // in the file, not in texts
		}, "misspelt", []Option{RequireUI(texts)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantLoadProblem(t, tt.change, tt.want, tt.opts...) })
	}
}
