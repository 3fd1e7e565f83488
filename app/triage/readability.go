package triage

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
)

// Reading level: a formula per language of the texts a person reads, so that the knowledge
// base can be held to plain words (school year 6 to 7) in every language it speaks.

// ReadingScale is one language's reading-level formula and the limits the knowledge base is
// held to: every text must meet Each and their median must meet Median.
type ReadingScale struct {
	Lang, Name string
	Score      func(text string) float64
	// Easier is +1 when a higher score reads more easily (a perspicuity), -1 when a higher
	// score reads harder (a school grade).
	Easier       float64
	Each, Median float64
}

// ReadingScales are the scales of the languages the knowledge base may list. The limits mean
// the same in both: no text above what a 13-year-old reads with ease, and half of them at what
// an 11-year-old does. English: Flesch-Kincaid grade 8 at most, median 6. Spanish: the
// Szigriszt-Pazos perspicuity on the INFLESZ scale (Barrio-Cantalejo et al., 2008), which calls
// 55-65 "normal" (secondary school) and 65-80 "fairly easy" (primary school): every text 55 or
// more, median 65 or more.
var ReadingScales = map[string]ReadingScale{
	"en": {Lang: "en", Name: "Flesch-Kincaid grade", Score: FleschKincaidGrade, Easier: -1, Each: 8, Median: 6},
	"es": {Lang: "es", Name: "Szigriszt-Pazos perspicuity (INFLESZ)", Score: SzigrisztPazos, Easier: 1, Each: 55, Median: 65},
}

// SzigrisztPazos returns the Szigriszt-Pazos perspicuity of a Spanish text:
// 206.835 - 62.3 * syllables per word - words per sentence (100 for a text with no words).
// Words and sentences are counted as FleschKincaidGrade counts them.
func SzigrisztPazos(text string) float64 {
	words, syllables, sentences := textCounts(text, SpanishSyllables)
	if words == 0 {
		return 100
	}
	return 206.835 - 62.3*syllables/words - words/sentences
}

// textCounts counts a text's words, their syllables (by the language's counter) and its
// sentences (at least one), as the reading formulas take them.
func textCounts(text string, syllablesOf func(string) int) (words, syllables, sentences float64) {
	for _, w := range wordsOf(text) {
		words++
		syllables += float64(syllablesOf(w))
	}
	return words, syllables, float64(max(countSentences(text), 1))
}

// SpanishSyllables counts the syllables of a Spanish word by its vowels: each vowel starts a
// syllable unless it forms a diphthong with the one before (an unaccented i, u or ü beside any
// vowel: "bien", "ciudad", "muy"); two strong vowels (a, e, o) or an accented í or ú beside a
// vowel are a hiatus ("país", "día", "leer"). The u of que, qui, gue and gui is silent; a final
// y after a vowel is the vowel i ("hay"). A number counts one; a word with no vowel one.
func SpanishSyllables(word string) int {
	w := []rune(strings.ToLower(strings.Trim(word, "'’")))
	if len(w) == 0 {
		return 0
	}
	if unicode.IsDigit(w[0]) {
		return 1
	}
	const strong, weak, accentedWeak = "aeoáéó", "iuü", "íú"
	isVowel := func(r rune) bool { return strings.ContainsRune(strong+weak+accentedWeak, r) }
	n := 0
	var prev rune // the vowel just before, or 0 after a consonant
	for i, r := range w {
		vowel := isVowel(r) || (r == 'y' && i == len(w)-1 && i > 0 && isVowel(w[i-1]))
		if r == 'u' && i > 0 && (w[i-1] == 'q' || w[i-1] == 'g') && i+1 < len(w) && strings.ContainsRune("eiéí", w[i+1]) {
			vowel = false
		}
		if !vowel {
			prev = 0
			continue
		}
		if r == 'y' {
			r = 'i'
		}
		diphthong := prev != 0 && (strings.ContainsRune(weak, prev) || strings.ContainsRune(weak, r)) &&
			!strings.ContainsRune(accentedWeak, prev) && !strings.ContainsRune(accentedWeak, r)
		if !diphthong {
			n++
		}
		prev = r
	}
	return max(n, 1)
}

// FleschKincaidGrade returns the Flesch-Kincaid grade level of an English text:
// 0.39 * words per sentence + 11.8 * syllables per word - 15.59 (0 for a text with no words).
// Words are runs of letters and digits (an apostrophe joins a word, a hyphen splits it); a
// number such as 38.5 counts as one word of one syllable. A sentence ends at ".", "!" or "?" followed by a
// space or the end; a text without one is one sentence.
func FleschKincaidGrade(text string) float64 {
	words, syllables, sentences := textCounts(text, Syllables)
	if words == 0 {
		return 0
	}
	return 0.39*words/sentences + 11.8*syllables/words - 15.59
}

func wordsOf(text string) []string {
	rs := []rune(text)
	inWord := func(i int) bool {
		r := rs[i]
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' {
			return true
		}
		// The point or comma of a number: 38.5, 10,000.
		return (r == '.' || r == ',') && i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1])
	}
	var words []string
	start := -1
	for i := range rs {
		switch {
		case inWord(i) && start < 0:
			start = i
		case !inWord(i) && start >= 0:
			words = append(words, string(rs[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, string(rs[start:]))
	}
	return words
}

func countSentences(text string) int {
	n := 0
	rs := []rune(text)
	for i, r := range rs {
		if r != '.' && r != '!' && r != '?' {
			continue
		}
		// The last mark of a run ("?!", "...") ends the sentence when a space or the end follows.
		if i+1 == len(rs) || unicode.IsSpace(rs[i+1]) || rs[i+1] == '"' || rs[i+1] == '”' || rs[i+1] == ')' {
			n++
		}
	}
	return n
}

// Syllables estimates the syllables of an English word by a common heuristic: count groups of
// vowels (a, e, i, o, u, and y after the first letter), then drop a silent ending: a final
// "e" after a consonant (make), unless it is a consonant + "le" (table); a final "ed" unless
// after t or d (jumped, but wanted); a final "es" unless after s, x, z, c, g, ch or sh (makes,
// but boxes). Words of three letters or fewer, numbers and any word left with none count one.
// It misses some words (it counts "petechiae" as 3, not 4; "idea" as 2, not 3).
func Syllables(word string) int {
	w := []rune(strings.ToLower(strings.Trim(word, "'’")))
	if len(w) == 0 {
		return 0
	}
	if len(w) <= 3 || unicode.IsDigit(w[0]) {
		return 1
	}
	vowel := func(i int) bool {
		switch w[i] {
		case 'a', 'e', 'i', 'o', 'u':
			return true
		case 'y':
			return i > 0
		}
		return false
	}
	n := 0
	for i := range w {
		if vowel(i) && (i == 0 || !vowel(i-1)) {
			n++
		}
	}
	last := len(w) - 1
	end := string(w[last-1:])
	switch {
	case w[last] == 'e' && !vowel(last-1):
		if !(w[last-1] == 'l' && !vowel(last-2)) {
			n--
		}
	case end == "ed" && !vowel(last-2) && !strings.ContainsRune("td", w[last-2]):
		n--
	case end == "es" && !vowel(last-2) && !strings.ContainsRune("sxzcg", w[last-2]) && !strings.HasSuffix(string(w), "ches") && !strings.HasSuffix(string(w), "shes"):
		n--
	}
	return max(n, 1)
}

// UserText is one text a person reads in the app, with where it is and its kind:
// "question", "help" (of a question or an answer), "cause" (about, looks, who, self-care, get
// care), "rule" (a warning's message) or "other" (urgency actions, step intros, and the longer
// texts of meta and meta.ui: labels of a few words are left out, a grade means nothing there).
type UserText struct {
	Kind, Where, Text string
}

// UserTextKinds are the kinds of UserText, in the order reports list them.
var UserTextKinds = []string{"question", "help", "cause", "rule", "other"}

// minOtherWords is the shortest meta, step or urgency text that is graded.
const minOtherWords = 6

// UserTexts returns every user-facing text of the knowledge base in a language, in file order.
func (k *Knowledge) UserTexts(lang string) []UserText {
	var out []UserText
	add := func(kind, where string, t Text) {
		if s, _ := t.Lang(lang); s != "" {
			if kind == "other" && len(wordsOf(s)) < minOtherWords {
				return
			}
			out = append(out, UserText{kind, where, s})
		}
	}
	for _, f := range k.findings {
		add("question", "findings."+f.ID+".question", f.Question)
		add("help", "findings."+f.ID+".help", f.Help)
		for _, v := range f.Values {
			add("help", "findings."+f.ID+".values."+v.ID+".help", v.Help)
		}
	}
	for _, c := range k.conditions {
		for _, t := range c.Texts() {
			add("cause", "conditions."+c.ID+"."+t.Key, t.Text)
		}
	}
	for _, r := range k.rules {
		add("rule", "rules."+r.ID+".message", r.Message)
	}
	for _, u := range k.urgencies {
		add("other", "urgencies."+u.Level.String()+".action", u.Action)
	}
	for _, s := range k.steps {
		add("other", "steps."+s.ID+".intro", s.Intro)
	}
	for _, key := range sortedKeys(k.meta.Texts) {
		add("other", "meta."+key, k.meta.Texts[key])
	}
	if u := k.meta.Unexplained; u != nil {
		add("other", "meta.unexplained.message", u.Message)
	}
	for _, key := range sortedKeys(k.meta.UI) {
		add("other", "meta.ui."+key, k.meta.UI[key])
	}
	return out
}

func sortedKeys(m map[string]Text) []string {
	keys := make([]string, 0, len(m))
	for key := range m {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	return keys
}

// CauseText is one of a cause's texts with its knowledge.json key.
type CauseText struct {
	Key  string
	Text Text
}

// Texts returns the cause's texts in the order the app shows them.
func (c *Condition) Texts() []CauseText {
	return []CauseText{{"about", c.About}, {"looks", c.Looks}, {"who", c.Who}, {"self_care", c.SelfCare}, {"get_care", c.GetCare}}
}

// Graded is a user text with its score on a reading scale, rounded to one decimal: the
// precision the score has, and what reports show, so that a limit is checked on the score as
// shown.
type Graded struct {
	UserText
	Grade float64
}

// GradeTexts grades English texts by their Flesch-Kincaid grade, hardest first.
func GradeTexts(texts []UserText) []Graded { return ReadingScales["en"].Grade(texts) }

// Grade scores every text and returns them hardest first (file order among equals).
func (s ReadingScale) Grade(texts []UserText) []Graded {
	out := make([]Graded, len(texts))
	for i, t := range texts {
		out[i] = Graded{t, math.Round(s.Score(t.Text)*10) / 10}
	}
	slices.SortStableFunc(out, func(a, b Graded) int {
		switch {
		case s.Harder(a.Grade, b.Grade):
			return -1
		case s.Harder(b.Grade, a.Grade):
			return 1
		}
		return 0
	})
	return out
}

// Misses reports whether a score misses the limit every text must meet.
func (s ReadingScale) Misses(score float64) bool { return s.Harder(score, s.Each) }

// Harder reports whether score a reads harder than score b.
func (s ReadingScale) Harder(a, b float64) bool { return s.Easier*(a-b) < 0 }

// MedianGrade returns the median score of graded texts (0 for none).
func MedianGrade(g []Graded) float64 {
	if len(g) == 0 {
		return 0
	}
	grades := make([]float64, len(g))
	for i, x := range g {
		grades[i] = x.Grade
	}
	slices.Sort(grades)
	mid := len(grades) / 2
	if len(grades)%2 == 1 {
		return grades[mid]
	}
	return (grades[mid-1] + grades[mid]) / 2
}

// Gate checks texts against the scale's limits. It returns nil, or an error listing every text
// that misses Each, hardest first, and the median when it misses Median. The reading test calls
// it for every language meta.languages lists.
func (s ReadingScale) Gate(texts []UserText) error {
	graded := s.Grade(texts)
	var lines []string
	for _, g := range graded {
		if s.Misses(g.Grade) {
			lines = append(lines, fmt.Sprintf("%s: %s %.1f, limit %g: %q", g.Where, s.Name, g.Grade, s.Each, g.Text))
		}
	}
	if m := MedianGrade(graded); s.Harder(m, s.Median) {
		lines = append(lines, fmt.Sprintf("median %s %.1f of %d texts, limit %g", s.Name, m, len(graded), s.Median))
	}
	if len(lines) == 0 {
		return nil
	}
	return fmt.Errorf("reading level (%s): %d problem(s):\n%s", s.Lang, len(lines), strings.Join(lines, "\n"))
}
