package main

import (
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"spotcheck"
	"spotcheck/app/triage"
)

const shippedKnowledge = "../knowledge.json"

func bundledKnowledge(t *testing.T) *triage.Knowledge {
	t.Helper()
	k, err := triage.Load(spotcheck.KnowledgeJSON)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// changedKnowledge writes knowledge.json with a change applied to its decoded form to a
// temporary file and returns its name.
func changedKnowledge(t *testing.T, change func(kb map[string]any)) string {
	t.Helper()
	data := breakKnowledge(t, change)
	name := filepath.Join(t.TempDir(), "knowledge.json")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

func entry(kb map[string]any, section string, i int) map[string]any {
	return kb[section].([]any)[i].(map[string]any)
}

// plain undoes HTML escaping, so that one expectation serves both forms.
func plain(format, out string) string {
	if format == "html" {
		return html.UnescapeString(out)
	}
	return out
}

func TestReviewShowsEveryStatement(t *testing.T) {
	k := bundledKnowledge(t)
	for _, format := range []string{"html", "md"} {
		t.Run(format, func(t *testing.T) {
			code, out, stderr := runCLI(t, "", "review", "-format", format, shippedKnowledge)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			out = plain(format, out)
			m := k.Meta()
			want := []string{m.Version, m.Reviewed, "Drafts", "Emergency when:", "Flesch-Kincaid"}
			for _, c := range k.Conditions() {
				want = append(want, c.Name.In("en"), c.About.In("en"), c.GetCare.In("en"))
			}
			for _, r := range k.Rules() {
				want = append(want, r.Title.In("en"), r.Message.In("en"))
			}
			for _, s := range k.Sources() {
				want = append(want, s.Title, s.Link())
			}
			for _, d := range k.Defs() {
				want = append(want, d.Title.In("en"))
			}
			for _, a := range k.Assessments() {
				want = append(want, a.ID, a.Note)
			}
			for _, f := range k.Findings() {
				want = append(want, f.Question.In("en"))
			}
			for _, c := range k.EmergencyNumbers().Countries { // as what cites its sources
				want = append(want, "Emergency number: "+c.Code+" "+c.Number)
			}
			for _, w := range want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q", w)
				}
			}
			if format == "html" && (strings.Contains(out, "<script") || strings.Contains(out, "<link") || strings.Contains(out, "@import")) {
				t.Error("the page loads something: it must be self-contained")
			}
		})
	}
}

// TestReviewWritesRulesInWords checks one rule of a known shape, built from the knowledge's
// own words so that rewording the questions does not break it.
func TestReviewWritesRulesInWords(t *testing.T) {
	name := changedKnowledge(t, func(kb map[string]any) {
		entry(kb, "rules", 0)["when"] = map[string]any{"all": []any{
			map[string]any{"finding": "fever", "is": true},
			map[string]any{"any": []any{
				map[string]any{"finding": "glass_test", "is": "does_not_fade"},
				map[string]any{"finding": "age_years", "max": 16}}},
			map[string]any{"not": map[string]any{"def": "other_rash_look"}}}}
	})
	k := bundledKnowledge(t)
	q := func(id string) string { return "“" + k.Finding(id).Question.In("en") + "”" }
	rule := k.Rules()[0]
	var other *triage.Definition
	for _, d := range k.Defs() {
		if d.ID == "other_rash_look" {
			other = d
		}
	}
	if other == nil {
		t.Fatal("no def other_rash_look")
	}
	wantWords := urgencyWord(k, rule.Urgency) + " when:** " + q("fever") + " Yes AND (" + q("glass_test") + " " +
		k.Finding("glass_test").Label("does_not_fade", "en") + " OR " + q("age_years") + " under 16 " +
		k.Finding("age_years").Unit.In("en") + ") AND NOT ([" + other.Title.In("en") + "])"
	wantIDs := "fever = true AND (glass_test in {does_not_fade} OR age_years in [-inf, 16)) AND NOT (def:other_rash_look)"
	code, out, stderr := runCLI(t, "", "review", "-format", "md", name)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, w := range []string{wantWords, wantIDs} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q", w)
		}
	}
}

func TestReviewShowsDraftsNotesAndHash(t *testing.T) {
	k := bundledKnowledge(t)
	src := k.Sources()[1]
	name := changedKnowledge(t, func(kb map[string]any) {
		entry(kb, "conditions", 0)["review"] = map[string]any{"by": "Dr Reviewer", "date": "2026-12-01", "status": "reviewed"}
		entry(kb, "conditions", 0)["lr_notes"] = map[string]any{"pus": map[string]any{"source": src.ID, "why": "Heads of pus sit on the hairs."}}
		entry(kb, "conditions", 0)["prior"] = 0.05 // content changed, hash not recorded again
	})
	draftCauses, draftRules := 0, 0
	for i, c := range k.Conditions() {
		if c.Review.Draft() && i != 0 {
			draftCauses++
		}
	}
	rules := append(slices.Clone(k.Rules()), k.Meta().Unexplained) // the page lists meta.unexplained with the rules
	for _, r := range rules {
		if r.Review.Draft() {
			draftRules++
		}
	}
	drafts := fmt.Sprintf("%d of %d causes and %d of %d rules", draftCauses, len(k.Conditions()), draftRules, len(rules))
	tests := []struct{ format, draft, note, hash string }{
		{"md", "Drafts: " + drafts, src.Title + ": Heads of pus sit on the hairs.", "**does not match**"},
		{"html", drafts, src.Title + "</a>: Heads of pus sit on the hairs.", `id="hash-warning"`},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			code, out, stderr := runCLI(t, "", "review", "-format", tt.format, name)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			out = plain(tt.format, out)
			for _, w := range []string{tt.draft, tt.note, tt.hash, "Reviewed", "Dr Reviewer"} {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q", w)
				}
			}
		})
	}
}

// ruleWithoutDefs returns the index of a rule that no def depends on, to remove it safely.
func ruleWithoutDefs(t *testing.T, k *triage.Knowledge) int {
	t.Helper()
	for i, r := range k.Rules() {
		if !strings.Contains(clauseSentence(k, r.When(), true).Code(), "def:") {
			return i
		}
	}
	t.Fatal("every rule uses a def")
	return -1
}

func TestReviewDiff(t *testing.T) {
	k := bundledKnowledge(t)
	gone := ruleWithoutDefs(t, k)
	cause, rule, source := k.Conditions()[2], k.Rules()[gone], k.Sources()[0]
	newer := changedKnowledge(t, func(kb map[string]any) {
		kb["meta"].(map[string]any)["version"] = "1.1.0"
		entry(kb, "conditions", 2)["prior"] = 0.123
		entry(kb, "conditions", 2)["looks"].(map[string]any)["en"] = "Now it looks different."
		rules := kb["rules"].([]any)
		kb["rules"] = append(rules[:gone:gone], rules[gone+1:]...)
		entry(kb, "sources", 0)["year"] = 1999
	})
	tests := []struct {
		format string
		want   []string
	}{
		{"md", []string{"version 1.1.0", "Changed statements: 4", "meta.reviewed did not", "meta.content_hash is not the hash",
			"### Changed: " + cause.Name.In("en"), "| Prior | " + formatNum(cause.Prior) + " | 0.123 |",
			"| " + cause.Looks.In("en") + " | Now it looks different. |",
			"### Removed: " + rule.Title.In("en"), "### Changed: " + source.Title, "| Year | " + strconv.Itoa(source.Year) + " | 1999 |"}},
		{"html", []string{`id="changes">4<`, "<del>" + formatNum(cause.Prior) + "</del>", "<ins>0.123</ins>",
			"<ins>Now it looks different.</ins>", "Removed</span> " + rule.Title.In("en")}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			code, out, stderr := runCLI(t, "", "review", "-format", tt.format, shippedKnowledge, newer)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			out = plain(tt.format, out)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q", w)
				}
			}
		})
	}
	code, out, _ := runCLI(t, "", "review", "-format", "md", shippedKnowledge, shippedKnowledge)
	if code != 0 || !strings.Contains(out, "No changes.") || !strings.Contains(out, "same content hash") {
		t.Errorf("a file against itself: exit %d\n%s", code, out)
	}
}

func TestReviewAddedStatementIsShownInFull(t *testing.T) {
	newer := changedKnowledge(t, func(kb map[string]any) {
		kb["sources"] = append(kb["sources"].([]any), map[string]any{"id": "new_paper", "title": "A new paper",
			"publisher": "A journal", "year": 2026, "url": "https://example.org/paper"})
		entry(kb, "rules", 0)["sources"] = append(entry(kb, "rules", 0)["sources"].([]any), "new_paper")
	})
	code, out, stderr := runCLI(t, "", "review", "-format", "md", shippedKnowledge, newer)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, w := range []string{"### Added: A new paper (new_paper)", "- Link: https://example.org/paper", "A new paper |", "meta.version did not"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}

func TestReviewHashAndReadability(t *testing.T) {
	want, err := triage.ContentHash(spotcheck.KnowledgeJSON)
	if err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCLI(t, "", "review", "-hash", shippedKnowledge)
	if code != 0 || strings.TrimSpace(out) != want {
		t.Errorf("review -hash: exit %d, %q (%s); want %s", code, out, stderr, want)
	}

	code, out, stderr = runCLI(t, "", "review", "-readability", shippedKnowledge)
	if code != 0 {
		t.Fatalf("review -readability: exit %d: %s", code, stderr)
	}
	// Per language: two lines for each text that misses the limit, hardest first, then a
	// summary line that counts them.
	k := bundledKnowledge(t)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for _, lang := range k.Meta().Languages {
		scale := triage.ReadingScales[lang]
		missed := 0
		for _, g := range scale.Grade(k.UserTexts(lang)) {
			if scale.Misses(g.Grade) {
				missed++
			}
		}
		if len(lines) < 2*missed+1 || !strings.HasPrefix(lines[2*missed], lang+": "+strconv.Itoa(missed)+" of ") {
			t.Fatalf("%s: want %d texts (%d lines) then the summary; got %q", lang, missed, 2*missed, lines)
		}
		prev := math.NaN()
		for i := 0; i < 2*missed; i += 2 {
			score, err := strconv.ParseFloat(strings.Fields(lines[i])[0], 64)
			if err != nil || !scale.Misses(score) || scale.Harder(score, prev) {
				t.Errorf("%s line %d %q: want a score that misses %g, hardest first", lang, i+1, lines[i], scale.Each)
			}
			prev = score
		}
		lines = lines[2*missed+1:]
	}
	if len(lines) != 0 {
		t.Errorf("lines after the last language's summary: %q", lines)
	}
}

func TestReviewUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown format", []string{"review", "-format", "pdf"}, 2, `unknown format "pdf"`},
		{"three files", []string{"review", "a", "b", "c"}, 2, "usage: server review"},
		{"hash of two files", []string{"review", "-hash", shippedKnowledge, shippedKnowledge}, 2, "usage: server review"},
		{"missing file", []string{"review", "no-such-file.json"}, 1, "no-such-file.json"},
		{"broken knowledge", []string{"review", publicCases}, 1, "server check"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCLI(t, "", tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, stderr, tt.code, tt.want)
			}
		})
	}
}

func TestReviewWritesToAFile(t *testing.T) {
	name := filepath.Join(t.TempDir(), "review.md")
	code, out, stderr := runCLI(t, "", "review", "-format", "md", "-o", name, shippedKnowledge)
	if code != 0 || out != "" {
		t.Fatalf("exit %d, stdout %d bytes: %s", code, len(out), stderr)
	}
	data, err := os.ReadFile(name)
	if err != nil || !strings.HasPrefix(string(data), "# ") {
		t.Errorf("%s: %v, %.40q", name, err, data)
	}
}
