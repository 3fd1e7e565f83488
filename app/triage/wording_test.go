package triage

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"spotcheck"
)

// copiedRun is how many words in a row, shared with a seed article, count as copied text.
const copiedRun = 8

var wordRE = regexp.MustCompile(`[a-z0-9']+`)

func words(s string) []string { return wordRE.FindAllString(strings.ToLower(s), -1) }

// TestNoTextCopiedFromTheSeeds: every text in knowledge.json is written in our own words, so
// no run of copiedRun words may stand in a seed article (the seeds are in ../shared, beside
// the repository, where CI has them too).
func TestNoTextCopiedFromTheSeeds(t *testing.T) {
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "seeds", "*.txt"))
	if len(seeds) == 0 {
		t.Skip("no ../shared/seeds beside the repository")
	}
	runs := map[string]string{}
	for _, path := range seeds {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		w := words(string(data))
		for i := 0; i+copiedRun <= len(w); i++ {
			runs[strings.Join(w[i:i+copiedRun], " ")] = filepath.Base(path)
		}
	}
	var texts []string
	var collect func(r gjson.Result)
	collect = func(r gjson.Result) {
		switch {
		case r.IsObject() || r.IsArray():
			r.ForEach(func(_, v gjson.Result) bool { collect(v); return true })
		case r.Type == gjson.String:
			texts = append(texts, r.Str)
		}
	}
	// Sources are left out: a reference's title is a citation, quoted on purpose.
	for _, key := range []string{"meta", "urgencies", "steps", "findings", "conditions", "rules"} {
		collect(gjson.GetBytes(spotcheck.KnowledgeJSON, key))
	}
	for _, text := range texts {
		w := words(text)
		for i := 0; i+copiedRun <= len(w); i++ {
			if seed, ok := runs[strings.Join(w[i:i+copiedRun], " ")]; ok {
				t.Errorf("copied from %s: %q in %q", seed, strings.Join(w[i:i+copiedRun], " "), text)
				break
			}
		}
	}
}
