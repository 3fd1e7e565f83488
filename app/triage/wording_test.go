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

// localServices are the names of one country's health services, or a phone number, that a
// text must not use: Spotcheck is used in many countries, where "call 111" reaches the
// emergency service (New Zealand) or nothing, and "GP" or "A&E" mean nothing. The app puts
// the emergency number in itself ({number}); a text names a kind of place ("your doctor",
// "a same-day clinic", "a health advice line", "the emergency department"). The Spanish list
// also holds the words the glossary (/work/es/GLOSSARY.md) replaced by one word for all regions.
// phoneNumber is an emergency or health line's number standing alone (not within 1,112).
const phoneNumber = `(^|[^0-9,.])(111|999|911|112|119)([^0-9]|$)`

var localServices = map[string]*regexp.Regexp{
	"en": regexp.MustCompile(phoneNumber + `|\b(GPs?|NHS)\b|A&E|health visitor|red book|pathway|privately|out-of-hours|(doctor's|GP) surgery`),
	"es": regexp.MustCompile(phoneNumber + `|(?i)\b(NHS|partera|libro rojo|guisante|arveja|triple viral)\b|vía rápida|de forma privada`),
}

func TestLocalServicesMatcher(t *testing.T) {
	for _, c := range []struct {
		lang, text string
		local      bool
	}{
		{"en", "Call your GP or 111 today.", true},
		{"en", "Go to A&E now.", true},
		{"en", "Ask your midwife or health visitor.", true},
		{"en", "Phone your doctor's surgery.", true},
		{"en", "Call {number} now.", false},
		{"en", "See a doctor today. Go to your usual doctor or a same-day clinic.", false},
		{"en", "It needs surgery within hours.", false},
		{"en", "Bruises the size of 1,112 peas.", false},
		{"es", "Llame al 111 hoy.", true},
		{"es", "Llame a su partera o matrona.", true},
		{"es", "La vacuna triple viral.", true},
		{"es", "Vaya a urgencias o a un centro de atención urgente.", false},
	} {
		if got := localServices[c.lang].MatchString(c.text); got != c.local {
			t.Errorf("%s %q: local %v, want %v", c.lang, c.text, got, c.local)
		}
	}
}

// TestNoLocalServices: no text in any language names one country's health services.
func TestNoLocalServices(t *testing.T) {
	k := bundled(t)
	for _, lang := range k.Meta().Languages {
		t.Run(lang, func(t *testing.T) {
			local, ok := localServices[lang]
			if !ok {
				t.Fatalf("no list of local service names for %q: add one to localServices", lang)
			}
			texts := 0
			var walk func(path string, r gjson.Result)
			walk = func(path string, r gjson.Result) {
				if s := r.Get(lang); r.IsObject() && s.Type == gjson.String {
					texts++
					if m := local.FindString(s.Str); m != "" {
						t.Errorf("%s.%s names %q: %s", path, lang, m, s.Str)
					}
					return
				}
				if !r.IsObject() && !r.IsArray() {
					return
				}
				r.ForEach(func(key, v gjson.Result) bool {
					if id := v.Get("id"); id.Exists() {
						key = id
					}
					walk(path+"."+key.String(), v)
					return true
				})
			}
			for _, key := range []string{"meta", "urgencies", "steps", "findings", "conditions", "rules"} {
				walk(key, gjson.GetBytes(spotcheck.KnowledgeJSON, key))
			}
			if texts < 800 {
				t.Fatalf("only %d texts in %s: the walk misses some", texts, lang)
			}
		})
	}
}
