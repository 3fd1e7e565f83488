package triage

import (
	"math"
	"strings"
	"testing"
)

func TestSyllables(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		{"the", 1}, {"spots", 1}, {"skin", 1}, {"rash", 1}, {"glass", 1},
		{"fever", 2}, {"doctor", 2}, {"hello", 2}, {"very", 2},
		{"yellow", 2},    // y at the start is a consonant
		{"make", 1},      // silent final e
		{"time", 1},      // silent final e
		{"bruise", 1},    // a vowel pair is one group; silent e
		{"table", 2},     // consonant + le is a syllable
		{"purple", 2},    // consonant + le
		{"people", 2},    // eo is one group; consonant + le
		{"agree", 2},     // ee is not a silent e
		{"jumped", 1},    // silent ed
		{"wanted", 2},    // ed after t is heard
		{"faded", 2},     // ed after d is heard
		{"makes", 1},     // silent es
		{"boxes", 2},     // es after x is heard
		{"bruises", 2},   // es after s is heard
		{"rashes", 2},    // es after sh is heard
		{"changes", 2},   // es after g is heard
		{"breathing", 2}, // ea is one group
		{"emergency", 4},
		{"medicine", 3},
		{"infection", 3},
		{"don't", 1},
		{"38", 1}, // a number is one word of one syllable
		{"", 0},
		{"petechiae", 3}, // a known miss (4): the heuristic joins "iae"
	}
	for _, tt := range tests {
		if got := Syllables(tt.word); got != tt.want {
			t.Errorf("Syllables(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}

func TestFleschKincaidGrade(t *testing.T) {
	// Each want is 0.39 * words/sentences + 11.8 * syllables/words - 15.59 with the words,
	// syllables and sentences counted by hand.
	tests := []struct {
		text string
		want float64
	}{
		{"The cat sat on the mat.", 0.39*6 + 11.8*6/6 - 15.59},
		// Do they have a fever (6) / Call a doctor (4): 8 words, 10 syllables, 2 sentences.
		{"Do they have a fever? Call a doctor.", 0.39*8/2 + 11.8*10/8 - 15.59},
		// The "." inside 38.5 ends no sentence; a number is a word of one syllable.
		{"A fever is 38.5 C or more.", 0.39*7 + 11.8*8/7 - 15.59},
		// An ellipsis before a space ends a sentence, as "." does.
		{"Wait... then look again.", 0.39*4/2 + 11.8*5/4 - 15.59},
		{"Is it bad?! Yes.", 0.39*4/2 + 11.8*4/4 - 15.59},
		{"No sentence end here", 0.39*4 + 11.8*5/4 - 15.59},
		{"", 0},
		{"  ... ", 0},
	}
	for _, tt := range tests {
		if got := FleschKincaidGrade(tt.text); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("FleschKincaidGrade(%q) = %.4f, want %.4f", tt.text, got, tt.want)
		}
	}
	hard := "Immune thrombocytopenic purpura is an autoimmune disorder characterised by isolated thrombocytopenia without another identifiable cause."
	easy := "Press a glass on the spots. If they do not fade, call a doctor now."
	if h, e := FleschKincaidGrade(hard), FleschKincaidGrade(easy); h < 15 || e > 3 {
		t.Errorf("hard text grade %.1f (want over 15), easy text grade %.1f (want under 3)", h, e)
	}
}

func TestReadingGate(t *testing.T) {
	easy := []UserText{
		{"question", "q1", "Do they have a fever?"},
		{"help", "h1", "Press a clear glass on the spots."},
		{"cause", "c1", "It is a mild rash. It goes away in a week."},
	}
	hard := UserText{"rule", "r1", "Immune thrombocytopenic purpura is an autoimmune disorder characterised by isolated thrombocytopenia."}
	medium := UserText{"cause", "c2", "Small bleeding spots under the skin can come from straining, a low platelet count or an infection."}
	tests := []struct {
		name  string
		texts []UserText
		want  []string // in the error; none for no error
	}{
		{"all easy", easy, nil},
		{"one text too hard", append(append([]UserText{}, easy...), hard), []string{"1 problem", "r1: Flesch-Kincaid grade"}},
		{"the median too high", []UserText{medium, medium, easy[0]}, []string{"median Flesch-Kincaid grade"}},
		{"nothing to read", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ReadingScales["en"].Gate(tt.texts)
			if (err != nil) != (tt.want != nil) {
				t.Fatalf("Gate = %v, want an error: %v", err, tt.want != nil)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
	if g := FleschKincaidGrade(medium.Text); g <= 6 || g > 8 {
		t.Fatalf("fixture: the medium text's grade is %.1f, want in (6, 8]", g)
	}
}

func TestUserTextsCoverEveryKind(t *testing.T) {
	k := bundled(t)
	texts := k.UserTexts("en")
	byKind := map[string]int{}
	where := map[string]bool{}
	for _, u := range texts {
		byKind[u.Kind]++
		if where[u.Where] {
			t.Errorf("text %s listed twice", u.Where)
		}
		where[u.Where] = true
	}
	for _, kind := range UserTextKinds {
		if byKind[kind] == 0 {
			t.Errorf("no %s texts", kind)
		}
	}
	if byKind["question"] != len(k.Findings()) || byKind["rule"] != len(k.Rules()) || byKind["cause"] != 5*len(k.Conditions()) {
		t.Errorf("texts by kind %v for %d findings, %d rules, %d causes", byKind, len(k.Findings()), len(k.Rules()), len(k.Conditions()))
	}
	g := GradeTexts(texts)
	for i := 1; i < len(g); i++ {
		if g[i].Grade > g[i-1].Grade {
			t.Fatalf("GradeTexts not hardest first at %d: %.2f after %.2f", i, g[i].Grade, g[i-1].Grade)
		}
	}
	if MedianGrade([]Graded{{Grade: 1}, {Grade: 5}, {Grade: 3}, {Grade: 9}}) != 4 {
		t.Error("median of 1, 3, 5, 9 is not 4")
	}
}

// TestKnowledgeReadsPlainly is the plain-words gate (issue 9, and issue 11 for Spanish): in
// every language meta.languages lists, every text a person reads meets its reading scale's limit
// (English: Flesch-Kincaid grade 8 at most, median 6; Spanish: Szigriszt-Pazos 55 at least,
// median 65), so that a worried parent reading at school year 6-7 can follow it.
// `go run ./server review -readability` lists what fails.
func TestKnowledgeReadsPlainly(t *testing.T) {
	k := bundled(t)
	for _, lang := range k.Meta().Languages {
		t.Run(lang, func(t *testing.T) {
			scale, ok := ReadingScales[lang]
			if !ok {
				t.Fatalf("no reading scale for %q: add one to ReadingScales", lang)
			}
			texts := k.UserTexts(lang)
			if len(texts) < 500 {
				t.Fatalf("only %d texts to grade: UserTexts misses some", len(texts))
			}
			if err := scale.Gate(texts); err != nil {
				t.Fatal(err)
			}
			t.Logf("%d texts, median %s %.1f", len(texts), scale.Name, MedianGrade(scale.Grade(texts)))
		})
	}
}

func TestSpanishSyllables(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		{"piel", 1}, {"sol", 1}, {"muy", 1}, {"hay", 1}, {"que", 1},
		{"fiebre", 2}, {"agua", 2}, {"guía", 2}, {"país", 2}, {"día", 2}, {"ciudad", 2}, {"quiero", 2}, {"seguir", 2},
		{"leer", 2},       // two strong vowels: a hiatus
		{"médico", 3},     // an accent on a, e or o changes nothing in the count
		{"cuidado", 3},    // ui is a diphthong
		{"pingüino", 3},   // the ü is heard
		{"aeropuerto", 5}, // a-e hiatus, ue diphthong
		{"urgencias", 3},
		{"medicamento", 5},
		{"38", 1}, {"", 0}, {"y", 1},
	}
	for _, tt := range tests {
		if got := SpanishSyllables(tt.word); got != tt.want {
			t.Errorf("SpanishSyllables(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
}

func TestSzigrisztPazos(t *testing.T) {
	// Each want is 206.835 - 62.3 * syllables/words - words/sentences, counted by hand.
	tests := []struct {
		text string
		want float64
	}{
		// ¿Tie-ne fie-bre? (2 words, 4 syllables) Lla-me al mé-di-co. (3 words, 6 syllables)
		{"¿Tiene fiebre? Llame al médico.", 206.835 - 62.3*10/5 - 5.0/2},
		// La piel es-tá ro-ja: 4 words, 6 syllables, one sentence.
		{"La piel está roja.", 206.835 - 62.3*6/4 - 4},
		{"", 100},
	}
	for _, tt := range tests {
		if got := SzigrisztPazos(tt.text); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("SzigrisztPazos(%q) = %.4f, want %.4f", tt.text, got, tt.want)
		}
	}
	hard := "La púrpura trombocitopénica inmunitaria es un trastorno autoinmunitario caracterizado por trombocitopenia aislada sin otra causa identificable."
	easy := "Ponga un vaso sobre las manchas. Si no se van, llame al médico ya."
	if h, e := SzigrisztPazos(hard), SzigrisztPazos(easy); h > 40 || e < 70 {
		t.Errorf("hard text %.1f (want under 40), easy text %.1f (want over 70)", h, e)
	}
	// The Spanish gate orders and limits the other way round: a higher score reads easier.
	es := ReadingScales["es"]
	if !es.Misses(54.9) || es.Misses(55) || !es.Harder(40, 60) {
		t.Error("the Spanish scale's direction is wrong")
	}
	err := es.Gate([]UserText{{"rule", "r1", hard}, {"cause", "c1", easy}})
	if err == nil || !strings.Contains(err.Error(), "r1: Szigriszt-Pazos") || strings.Contains(err.Error(), "c1") {
		t.Errorf("Spanish gate on one hard and one easy text: %v", err)
	}
}
