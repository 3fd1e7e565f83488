package triage

import (
	_ "embed"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"github.com/tidwall/gjson"
)

// vocabularyJSON is the case vocabulary (spec/vocabulary.json): a knowledge base must define
// every finding, value, condition and urgency in it.
//
//go:embed vocabulary.json
var vocabularyJSON []byte

// LR bounds: a likelihood ratio outside them is a mistake, not evidence.
const (
	MinLR = 0.01
	MaxLR = 100.0
)

var (
	negInf = math.Inf(-1)
	posInf = math.Inf(1)
	idRE   = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
	dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// Knowledge is a loaded, validated knowledge base. It is read-only and safe for concurrent use.
type Knowledge struct {
	meta          Meta
	sources       []*Source
	sourceByID    map[string]*Source
	urgencies     [4]UrgencyInfo
	steps         []*Step
	stepByID      map[string]*Step
	findings      []*Finding
	findingByID   map[string]*Finding
	conditions    []*Condition
	conditionByID map[string]*Condition
	rules         []*Rule
	assessments   []*Assessment
	defs          []*Definition
	// order is the interview order: finding indices by step, then file order.
	order []int
	// termsOf lists, per finding index, the condition terms that read it.
	termsOf [][]termRef
	// candidates are, per finding, the answers worth trying (unknown first).
	candidates [][]slot
	numbers    EmergencyNumbers
	// danger lists, per finding, the answers that are danger signs (markDanger).
	danger [][]slot
	// rulesOf lists, per finding index, the rules whose condition reads it; rulesByUrgency
	// all the rules, the most urgent first (whatIf.tryRules takes the first that matches).
	rulesOf [][]int
	// redFlagsOf is, per finding index, the red-flag rules of rulesOf, most urgent first
	// (edgeAbove stops at the first that holds).
	redFlagsOf     [][]int
	rulesByUrgency []int
	// partners lists, per yes/no finding, the yes/no findings whose yes together with its yes
	// matches a rule of urgent or more that neither matches alone (markPartners).
	partners [][]int
	// decisivePartners lists, per finding, the decisive findings that a red-flag rule reading
	// it reads too (markDecisivePartners).
	decisivePartners [][]int
	// unlistedLogOdds is the log-odds of meta.unlisted_prior (see posterior).
	unlistedLogOdds float64
	// minEvidenceLog is the log of meta.unexplained.min_evidence (Meta.MinEvidence; minus
	// infinity without it).
	minEvidenceLog float64
}

// Problem is one mistake in a knowledge base, at a JSON path such as
// "conditions.12.findings.fevr".
type Problem struct {
	Path, Message string
}

func (p Problem) String() string { return p.Path + ": " + p.Message }

// LoadError lists every problem found in a knowledge base.
type LoadError struct {
	Problems []Problem
}

func (e *LoadError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return fmt.Sprintf("knowledge base has %d problem(s):\n%s", len(e.Problems), strings.Join(lines, "\n"))
}

// loader collects problems while it builds a Knowledge.
type loader struct {
	k        *Knowledge
	problems []Problem
	langs    []string
	uiTexts  []UIText  // the texts a UI needs (RequireUI), nil for no check
	defs     *defTable // named sub-conditions; nil until loadDefs, so ask_if cannot use them
	// prechecked skips what only validation needs (Prechecked): the base is one that a full
	// Load has already accepted.
	prechecked bool
	// fieldArena and itemArena hand out the members of objects and the elements of lists
	// (fields, array) from a few large blocks: a load reads thousands of small objects, each
	// of which would otherwise be an allocation of its own.
	fieldArena fields
	itemArena  []gjson.Result
}

// arenaBlock is how many members or elements a new block of an arena holds.
const arenaBlock = 1024

// fields reads the members of an object as objectFields does, from the loader's arena.
func (l *loader) fields(r gjson.Result, size int) fields {
	if !r.IsObject() {
		return nil
	}
	if cap(l.fieldArena)-len(l.fieldArena) < size {
		l.fieldArena = make(fields, 0, max(arenaBlock, size))
	}
	start := len(l.fieldArena)
	r.ForEach(func(k, v gjson.Result) bool {
		l.fieldArena = append(l.fieldArena, field{k.Str, v})
		return true
	})
	end := len(l.fieldArena)
	return l.fieldArena[start:end:end] // full: an append to it never writes into the arena
}

func (l *loader) problem(path, format string, args ...any) {
	l.problems = append(l.problems, Problem{path, fmt.Sprintf(format, args...)})
}

// Load parses and validates a knowledge base. On any problem it returns a *LoadError listing
// every problem with its JSON path, and no Knowledge: never a half-loaded base. The texts are
// read from a copy of data, by language, when shown (see Text); with Prechecked, from data
// itself, which must then never change.
func Load(data []byte, opts ...Option) (*Knowledge, error) {
	l := &loader{k: &Knowledge{
		sourceByID:    map[string]*Source{},
		stepByID:      map[string]*Step{},
		findingByID:   map[string]*Finding{},
		conditionByID: map[string]*Condition{},
	}}
	for _, o := range opts {
		o(l)
	}
	var doc string
	if l.prechecked {
		doc = unsafe.String(unsafe.SliceData(data), len(data))
	} else {
		if problems := CheckJSON(data); problems != nil {
			return nil, &LoadError{problems}
		}
		doc = string(data) // the texts keep it: a caller may reuse its bytes
	}
	parsed := gjson.Parse(doc)
	if !parsed.IsObject() {
		l.problem("$", "want an object, got %s", jsonKind(parsed))
		return nil, &LoadError{l.problems}
	}
	root := objectFields(parsed, 8)
	l.checkKeys(root, "", "meta", "sources", "urgencies", "steps", "findings", "defs", "conditions", "rules", "assess", "emergency_numbers")
	l.loadMeta(root.Get("meta"))
	l.checkUITexts()
	l.loadSources(root.Get("sources"))
	l.k.meta.Unexplained = l.unexplained(root.Get("meta").Get("unexplained")) // cites sources
	l.loadEmergencyNumbers(root.Get("emergency_numbers"))
	l.loadUrgencies(root.Get("urgencies"))
	l.loadSteps(root.Get("steps"))
	l.checkBeyondStep()
	l.loadFindings(root.Get("findings"))
	l.loadDefs(root.Get("defs"))
	l.loadConditions(root.Get("conditions"))
	l.loadRules(root.Get("rules"))
	if a := root.Get("assess"); a.Exists() { // optional, so that a base from before it loads
		l.loadAssessments(a)
	}
	if !l.prechecked {
		l.checkDisplay()
		l.checkDefsUsed()
		l.checkVocabulary()
		l.checkReachable()
	}
	if len(l.problems) > 0 {
		return nil, &LoadError{l.problems}
	}
	l.k.index()
	return l.k, nil
}

// field is one member of a JSON object.
type field struct {
	key string
	val gjson.Result
}

// fields is a JSON object read once: gjson's Get would scan the object again for every key.
type fields []field

// objectFields reads the members of an object (nothing for any other JSON value); size is
// how many members to make room for, so that a typical object needs one allocation.
func objectFields(r gjson.Result, size int) fields {
	var fs fields
	if r.IsObject() {
		fs = make(fields, 0, size)
		r.ForEach(func(k, v gjson.Result) bool {
			fs = append(fs, field{k.Str, v})
			return true
		})
	}
	return fs
}

// Get returns the member with the key; its Exists is false when there is none.
func (fs fields) Get(key string) gjson.Result {
	for _, f := range fs {
		if f.key == key {
			return f.val
		}
	}
	return gjson.Result{}
}

func (fs fields) keys() []string {
	keys := make([]string, len(fs))
	for i, f := range fs {
		keys[i] = f.key
	}
	return keys
}

// checkKeys reports keys of obj that are not allowed (a typo would otherwise be ignored).
func (l *loader) checkKeys(obj fields, path string, allowed ...string) {
	if l.prechecked {
		return
	}
	for _, f := range obj {
		if !slices.Contains(allowed, f.key) {
			l.problem(join(path, f.key), "unknown key (allowed: %s)", strings.Join(allowed, ", "))
		}
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// array returns the elements of a required non-empty list.
func (l *loader) array(r gjson.Result, path string) []gjson.Result {
	var items []gjson.Result
	if r.IsArray() {
		if cap(l.itemArena)-len(l.itemArena) < 16 {
			l.itemArena = make([]gjson.Result, 0, arenaBlock)
		}
		start := len(l.itemArena)
		r.ForEach(func(_, v gjson.Result) bool {
			l.itemArena = append(l.itemArena, v)
			return true
		})
		end := len(l.itemArena)
		items = l.itemArena[start:end:end]
	}
	if len(items) == 0 {
		l.problem(path, "want a non-empty list, got %s", jsonKind(r))
	}
	return items
}

// object is one element of a list of objects, read once, with its JSON path.
type object struct {
	path string
	fields
}

// objects reads a required non-empty list of objects at path, each allowed only the keys.
func (l *loader) objects(list gjson.Result, path string, allowed ...string) []object {
	items := l.array(list, path)
	out := make([]object, len(items))
	for i, item := range items {
		p := path + "." + strconv.Itoa(i)
		if !item.IsObject() {
			l.problem(p, "want an object, got %s", jsonKind(item))
		}
		out[i] = object{p, l.fields(item, len(allowed))}
		l.checkKeys(out[i].fields, p, allowed...)
	}
	return out
}

// str returns a required string field.
func (l *loader) str(obj fields, path, key string) string {
	v := obj.Get(key)
	if v.Type != gjson.String || v.Str == "" {
		l.problem(join(path, key), "want a non-empty string, got %s", jsonKind(v))
		return ""
	}
	return v.Str
}

// id returns a required id field: lower_snake_case and unique among seen.
func (l *loader) id(obj fields, path string, seen map[string]bool) string {
	id := l.str(obj, path, "id")
	if id == "" {
		return ""
	}
	if !l.prechecked && !idRE.MatchString(id) {
		l.problem(path+".id", "%q is not a lower_snake_case id", id)
	}
	if seen[id] {
		l.problem(path+".id", "duplicate id %q", id)
	}
	seen[id] = true
	return id
}

// text reads a Text: an object of language -> non-empty string with English present. It
// keeps the object's raw JSON; Prechecked skips the check, so that no text is parsed at load.
func (l *loader) text(obj fields, path, key string, required bool) Text {
	v := obj.Get(key)
	if l.prechecked {
		if !v.IsObject() {
			return Text{}
		}
		return Text{raw: v.Raw}
	}
	p := join(path, key)
	if !v.Exists() {
		if required {
			l.problem(p, "missing text")
		}
		return Text{}
	}
	if !v.IsObject() {
		l.problem(p, "want a text object like {\"en\": \"...\"}, got %s", jsonKind(v))
		return Text{}
	}
	t := map[string]string{}
	v.ForEach(func(lang, s gjson.Result) bool {
		switch {
		case len(l.langs) > 0 && !slices.Contains(l.langs, lang.String()):
			l.problem(join(p, lang.String()), "language not listed in meta.languages")
		case s.Type != gjson.String || strings.TrimSpace(s.Str) == "":
			l.problem(join(p, lang.String()), "want a non-empty string")
		default:
			t[lang.String()] = s.Str
		}
		return true
	})
	if t["en"] == "" && !hasProblemAt(l.problems, join(p, "en")) {
		l.problem(p, "missing English (\"en\") text")
	}
	l.checkTranslations(p, t)
	return Text{raw: v.Raw}
}

// checkTranslations checks that a text is there in every language meta.languages lists (a
// person who chose Spanish must never meet English mid-interview) with the English's
// placeholders, each as often.
func (l *loader) checkTranslations(path string, t map[string]string) {
	en, hasEn := t["en"]
	want := placeholderRE.FindAllString(en, -1)
	slices.Sort(want)
	for _, lang := range l.langs {
		s, ok := t[lang]
		switch {
		case lang == "en" || hasProblemAt(l.problems, join(path, lang)):
		case !ok:
			l.problem(join(path, lang), "missing %s text: every language meta.languages lists needs every text", lang)
		case hasEn:
			got := placeholderRE.FindAllString(s, -1)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				l.problem(join(path, lang), "placeholders %v, but the English has %v", got, want)
			}
		}
	}
}

func hasProblemAt(ps []Problem, path string) bool {
	for _, p := range ps {
		if p.Path == path {
			return true
		}
	}
	return false
}

// number reads a required number field within [lo, hi].
func (l *loader) number(obj fields, path, key string, lo, hi float64) float64 {
	v := obj.Get(key)
	if v.Type != gjson.Number {
		l.problem(join(path, key), "want a number, got %s", jsonKind(v))
		return lo
	}
	if x := v.Float(); x < lo || x > hi {
		l.problem(join(path, key), "%s is outside %s to %s", formatNum(x), formatNum(lo), formatNum(hi))
		return lo
	}
	return v.Float()
}

// flag reads an optional boolean field (false when absent).
func (l *loader) flag(obj fields, path, key string) bool {
	v := obj.Get(key)
	if v.Exists() && !v.IsBool() {
		l.problem(join(path, key), "want true or false, got %s", jsonKind(v))
	}
	return v.Bool()
}

// sourceIDs reads a required non-empty list of known source ids.
func (l *loader) sourceIDs(obj fields, path string) []string {
	var ids []string
	for i, s := range l.array(obj.Get("sources"), path+".sources") {
		p := path + ".sources." + strconv.Itoa(i)
		switch {
		case s.Type != gjson.String:
			l.problem(p, "want a source id, got %s", jsonKind(s))
		case l.k.sourceByID[s.Str] == nil:
			l.problem(p, "unknown source %q", s.Str)
		default:
			ids = append(ids, s.Str)
		}
	}
	return ids
}

func (l *loader) urgency(obj fields, path string) Urgency {
	s := obj.Get("urgency").String()
	u, ok := ParseUrgency(s)
	if !ok {
		l.problem(path+".urgency", "unknown urgency %q (want one of %s)", s, strings.Join(urgencyIDs[:], ", "))
	}
	return u
}

var metaFields = []string{"version", "reviewed", "content_hash", "languages", "risk_threshold", "unlisted_prior", "answer_base_rate",
	"ask_threshold", "plausible_answer", "question_budget", "wait_questions", "ui", "language_names", "unexplained"}

func (l *loader) loadMeta(r gjson.Result) {
	if !r.IsObject() {
		l.problem("meta", "want an object, got %s", jsonKind(r))
		return
	}
	m := objectFields(r, 16)
	meta := &l.k.meta
	meta.Version = l.str(m, "meta", "version")
	meta.Reviewed = l.str(m, "meta", "reviewed")
	if meta.Reviewed != "" && !dateRE.MatchString(meta.Reviewed) {
		l.problem("meta.reviewed", "want a date as YYYY-MM-DD, got %q", meta.Reviewed)
	}
	meta.ContentHash = l.contentHash(m)
	for i, lang := range l.array(m.Get("languages"), "meta.languages") {
		switch {
		case lang.Type != gjson.String || !languageRE.MatchString(lang.Str):
			l.problem(fmt.Sprintf("meta.languages.%d", i), "want a two-letter language code such as \"es\", got %s", lang.Raw)
			continue
		case slices.Contains(meta.Languages, lang.Str):
			l.problem(fmt.Sprintf("meta.languages.%d", i), "%q is listed twice", lang.Str)
			continue
		}
		meta.Languages = append(meta.Languages, lang.Str)
	}
	if !slices.Contains(meta.Languages, "en") {
		l.problem("meta.languages", "must include \"en\": English is complete everywhere")
	}
	l.langs = meta.Languages
	l.loadLanguageNames(m.Get("language_names"))
	l.loadRiskThresholds(m.Get("risk_threshold"))
	meta.UnlistedPrior = l.number(m, "meta", "unlisted_prior", 0.01, 0.9)
	l.k.unlistedLogOdds = math.Log(meta.UnlistedPrior / (1 - meta.UnlistedPrior))
	meta.AnswerBaseRate = l.number(m, "meta", "answer_base_rate", 0.001, 0.5)
	meta.QuestionBudget = int(l.number(m, "meta", "question_budget", 5, 200))
	meta.WaitQuestions = int(l.number(m, "meta", "wait_questions", 0, 50))
	meta.AskThreshold = l.number(m, "meta", "ask_threshold", 0.0001, 0.5)
	meta.PlausibleAnswer = l.number(m, "meta", "plausible_answer", 0.001, 0.9)
	if meta.PlausibleAnswer > meta.RiskThreshold[Emergency] && meta.RiskThreshold[Emergency] > 0 {
		l.problem("meta.plausible_answer", "%s is above risk_threshold.emergency: it would never count", formatNum(meta.PlausibleAnswer))
	}
	meta.Texts = map[string]Text{}
	for _, f := range m {
		if !slices.Contains(metaFields, f.key) {
			meta.Texts[f.key] = l.text(m, "meta", f.key, true)
		}
	}
	for _, k := range []string{"name", "disclaimer", "unsure", "yes", "no", "safety_net"} {
		if meta.Texts[k].IsZero() && !hasProblemAt(l.problems, "meta."+k) {
			l.problem("meta."+k, "missing text")
		}
	}
	meta.UI = map[string]Text{}
	if ui := m.Get("ui"); ui.Exists() {
		if !ui.IsObject() {
			l.problem("meta.ui", "want an object of texts, got %s", jsonKind(ui))
		}
		texts := objectFields(ui, 64)
		for _, f := range texts {
			meta.UI[f.key] = l.text(texts, "meta.ui", f.key, true)
		}
	}
}

// loadLanguageNames reads meta.language_names: each language's name in that language
// ({"en": "English", "es": "Español"}), for the language picker. It is a table, not a text:
// a name is the same in every language, and it may name a language not yet listed (the one
// being translated). RequireUI checks that every listed language has its name.
func (l *loader) loadLanguageNames(r gjson.Result) {
	if !r.Exists() {
		return
	}
	if !r.IsObject() {
		l.problem("meta.language_names", "want {\"en\": \"English\", ...}, got %s", jsonKind(r))
		return
	}
	l.k.meta.LanguageNames = map[string]string{}
	for _, f := range objectFields(r, 4) {
		if f.val.Type != gjson.String || strings.TrimSpace(f.val.Str) == "" {
			l.problem("meta.language_names."+f.key, "want the language's name in itself, got %s", jsonKind(f.val))
			continue
		}
		l.k.meta.LanguageNames[f.key] = f.val.Str
	}
}

// loadRiskThresholds reads meta.risk_threshold: {"soon": p, "urgent": p, "emergency": p}, each
// a probability, more care needing less risk (emergency <= urgent <= soon).
func (l *loader) loadRiskThresholds(r gjson.Result) {
	t := objectFields(r, 3)
	if len(t) == 0 {
		l.problem("meta.risk_threshold", "want {\"soon\": p, \"urgent\": p, \"emergency\": p}, got %s", jsonKind(r))
		return
	}
	l.checkKeys(t, "meta.risk_threshold", "soon", "urgent", "emergency")
	th := &l.k.meta.RiskThreshold
	for u := Soon; u <= Emergency; u++ {
		th[u] = l.number(t, "meta.risk_threshold", u.String(), 0.001, 0.99)
	}
	if th[Emergency] > th[Urgent] || th[Urgent] > th[Soon] {
		l.problem("meta.risk_threshold", "want emergency <= urgent <= soon: more danger, less risk needed")
	}
}

func (l *loader) loadSources(list gjson.Result) {
	seen := map[string]bool{}
	for _, o := range l.objects(list, "sources", "id", "title", "publisher", "year", "url", "doi", "note") {
		s, p := o.fields, o.path
		src := &Source{
			ID:        l.id(s, p, seen),
			Title:     l.str(s, p, "title"),
			Publisher: l.str(s, p, "publisher"),
			Year:      int(l.number(s, p, "year", 1900, 2100)),
			URL:       s.Get("url").String(),
			DOI:       s.Get("doi").String(),
		}
		if src.URL == "" && src.DOI == "" {
			l.problem(p, "needs a url or a doi")
		}
		if src.URL != "" && !strings.HasPrefix(src.URL, "https://") && !strings.HasPrefix(src.URL, "http://") {
			l.problem(p+".url", "want an http(s) URL, got %q", src.URL)
		}
		l.k.sources = append(l.k.sources, src)
		l.k.sourceByID[src.ID] = src
	}
}

func (l *loader) loadUrgencies(list gjson.Result) {
	seen := map[string]bool{}
	for _, o := range l.objects(list, "urgencies", "id", "label", "action", "if_action") {
		u, p := o.fields, o.path
		id := l.id(u, p, seen)
		level, ok := ParseUrgency(id)
		if !ok {
			l.problem(p+".id", "unknown urgency %q (want one of %s)", id, strings.Join(urgencyIDs[:], ", "))
			continue
		}
		l.k.urgencies[level] = UrgencyInfo{Level: level, Label: l.text(u, p, "label", true), Action: l.text(u, p, "action", true),
			IfAction: l.text(u, p, "if_action", true)}
	}
	for _, id := range urgencyIDs {
		if !seen[id] {
			l.problem("urgencies", "urgency %q is not defined", id)
		}
	}
}

func (l *loader) loadSteps(list gjson.Result) {
	seen := map[string]bool{}
	for _, o := range l.objects(list, "steps", "id", "title", "intro", "always", "before_result", "group", "checklist", "illustration", "guide") {
		s, p := o.fields, o.path
		st := &Step{ID: l.id(s, p, seen), Title: l.text(s, p, "title", true), Intro: l.text(s, p, "intro", false), Always: s.Get("always").Bool(), BeforeResult: l.flag(s, p, "before_result"), Group: 1}
		if g := s.Get("group"); g.Exists() {
			st.Group = int(l.number(s, p, "group", 1, 12))
		}
		l.loadStepDisplay(st, s, p)
		l.k.steps = append(l.k.steps, st)
		l.k.stepByID[st.ID] = st
	}
}

var findingKeys = []string{"id", "type", "step", "question", "help", "unsure", "values", "min", "max", "unit", "ask_if", "widget", "places", "check", "check_answer", "base_rate", "decisive"}

func (l *loader) loadFindings(list gjson.Result) {
	seen := map[string]bool{}
	items := l.objects(list, "findings", findingKeys...)
	// Define every finding first, so that ask_if may refer to any of them.
	for _, o := range items {
		f, p := o.fields, o.path
		d := &Finding{ID: l.id(f, p, seen), Step: l.str(f, p, "step"), index: len(l.k.findings)}
		d.Question = l.text(f, p, "question", true)
		d.Help = l.text(f, p, "help", false)
		d.Unsure = l.text(f, p, "unsure", false)
		d.Check = l.text(f, p, "check", false)
		d.Decisive = l.flag(f, p, "decisive")
		switch typ := f.Get("type").String(); typ {
		case "bool":
			d.Kind = Bool
		case "number":
			d.Kind = Number
			d.Min = l.number(f, p, "min", -1e9, 1e9)
			d.Max = l.number(f, p, "max", -1e9, 1e9)
			if d.Min >= d.Max {
				l.problem(p, "min %s is not below max %s", formatNum(d.Min), formatNum(d.Max))
			}
			d.Unit = l.text(f, p, "unit", true)
		case "choice", "set":
			d.Kind = Choice
			if typ == "set" {
				d.Kind = Set
			}
			d.Values = l.values(f, p)
			l.checkUnknown(d, p)
		default:
			l.problem(p+".type", "unknown type %q (want bool, number, choice or set)", typ)
		}
		l.loadFindingDisplay(d, f, p)
		if d.Step != "" && l.k.stepByID[d.Step] == nil {
			l.problem(p+".step", "unknown step %q", d.Step)
		}
		if st := l.k.stepByID[d.Step]; st != nil {
			st.Findings = append(st.Findings, d.ID)
		}
		l.k.findings = append(l.k.findings, d)
		if d.ID != "" {
			l.k.findingByID[d.ID] = d
		}
	}
	for i, o := range items {
		l.baseRates(l.k.findings[i], o)
		l.checkAnswer(l.k.findings[i], o)
		if a := o.Get("ask_if"); a.Exists() {
			l.k.findings[i].askIf = l.parseExpr(a, o.path+".ask_if")
		}
	}
	for i, st := range l.k.steps {
		if len(st.Findings) == 0 {
			l.problem(fmt.Sprintf("steps.%d", i), "step %q has no questions", st.ID)
		}
	}
}

// checkAnswer reads which answer a finding's check text is written for: a yes/no finding's is
// yes; a choice finding names its value in check_answer ("If most of them are tiny" is for
// pinpoint, not for the large patches that may be the worse answer). Other kinds have none.
func (l *loader) checkAnswer(d *Finding, o object) {
	d.checkAnswer = -1
	a := o.Get("check_answer")
	switch {
	case d.Check.IsZero() && a.Exists():
		l.problem(o.path+".check_answer", "there is no check text for it to belong to")
	case d.Check.IsZero():
	case d.Kind == Choice && !a.Exists():
		l.problem(o.path+".check_answer", "a choice finding's check text must name the answer it is written for")
	case d.Kind == Choice:
		d.checkAnswer = l.answerValue(d, l.str(o.fields, o.path, "check_answer"), o.path+".check_answer")
	case a.Exists():
		l.problem(o.path+".check_answer", "only a choice finding names it: a yes/no finding's check text is for yes")
	case d.Kind != Bool:
		l.problem(o.path+".check", "a check text is for a yes/no or a choice finding")
	}
}

// baseRates reads a finding's optional base_rate: for a bool the share of users answering yes,
// for a choice or set an object of value -> share. It sets baseRate (bool) or valueRate
// (choice, set; -1 where not given); index turns them into a rate per candidate answer.
func (l *loader) baseRates(d *Finding, o object) {
	r := o.Get("base_rate")
	d.baseRate = -1
	if !r.Exists() {
		return
	}
	p := o.path + ".base_rate"
	switch d.Kind {
	case Bool:
		d.baseRate = l.number(o.fields, o.path, "base_rate", 0.0001, 0.9999)
	case Choice, Set:
		rates := objectFields(r, len(d.Values))
		if len(rates) == 0 {
			l.problem(p, "want an object of values to shares, got %s", jsonKind(r))
			return
		}
		d.valueRate = make([]float64, len(d.Values))
		for i := range d.valueRate {
			d.valueRate[i] = -1
		}
		for _, m := range rates {
			if i := l.answerValue(d, m.key, join(p, m.key)); i >= 0 {
				d.valueRate[i] = l.number(rates, p, m.key, 0.0001, 0.9999)
			}
		}
	default:
		l.problem(p, "a number finding has no base rate: its answers are taken as equally likely")
	}
}

func (l *loader) values(f fields, path string) []Value {
	seen := map[string]bool{}
	var vals []Value
	for _, o := range l.objects(f.Get("values"), path+".values", "id", "label", "help", "unknown") {
		v, p := o.fields, o.path
		vals = append(vals, Value{ID: l.id(v, p, seen), Label: l.text(v, p, "label", true), Help: l.text(v, p, "help", false),
			Unknown: l.flag(v, p, "unknown")})
	}
	if len(vals) > 64 {
		l.problem(path+".values", "at most 64 values, got %d", len(vals))
	}
	return vals
}

var conditionKeys = []string{"id", "name", "about", "looks", "who", "self_care", "get_care", "urgency", "prior", "findings", "lr_notes", "sources", "review"}

func (l *loader) loadConditions(list gjson.Result) {
	seen := map[string]bool{}
	for _, o := range l.objects(list, "conditions", conditionKeys...) {
		c, p := o.fields, o.path
		cond := &Condition{
			ID:       l.id(c, p, seen),
			Name:     l.text(c, p, "name", true),
			About:    l.text(c, p, "about", true),
			Looks:    l.text(c, p, "looks", true),
			Who:      l.text(c, p, "who", true),
			SelfCare: l.text(c, p, "self_care", true),
			GetCare:  l.text(c, p, "get_care", true),
			Urgency:  l.urgency(c, p),
			Prior:    l.number(c, p, "prior", 0.0001, 0.9),
		}
		cond.logit = math.Log(cond.Prior / (1 - cond.Prior))
		cond.Sources = l.sourceIDs(c, p)
		cond.terms = l.terms(c.Get("findings"), p+".findings")
		cond.LRNotes = l.lrNotes(c, p)
		cond.Review = l.review(c, p)
		l.k.conditions = append(l.k.conditions, cond)
		l.k.conditionByID[cond.ID] = cond
	}
}

// unexplained reads meta.unexplained, the floor for spots no cause explains: {"urgency",
// "title", "message", "sources"}, a rule without a condition (the engine decides when it
// holds: see Knowledge.unexplained).
func (l *loader) unexplained(r gjson.Result) *Rule {
	const p = "meta.unexplained"
	if !r.Exists() {
		l.problem(p, "missing: the floor for spots that no cause explains")
		return nil
	}
	if !r.IsObject() {
		l.problem(p, "want an object, got %s", jsonKind(r))
		return nil
	}
	f := objectFields(r, 5)
	l.checkKeys(f, p, "urgency", "title", "message", "sources", "review", "min_evidence", "beyond")
	// Optional, so that a base from before it still loads (review OLD NEW): without it, only
	// the remainder's share decides.
	l.k.minEvidenceLog = math.Inf(-1)
	if f.Get("min_evidence").Exists() {
		m := &l.k.meta
		m.MinEvidence = l.number(f, p, "min_evidence", 1, 1000)
		m.EvidenceBeyond = f.Get("beyond").String()
		l.k.minEvidenceLog = math.Log(m.MinEvidence)
	}
	rule := &Rule{ID: "no_cause_explains", Kind: "floor", Urgency: l.urgency(f, p),
		Title: l.text(f, p, "title", true), Message: l.text(f, p, "message", true), Sources: l.sourceIDs(f, p),
		Review: l.review(f, p), when: noCauseExplains{l.k}}
	if rule.Urgency == SelfCare {
		l.problem(p+".urgency", "the floor must be above self_care")
	}
	return rule
}

// checkBeyondStep checks that meta.unexplained.beyond names a step: the answers of that step
// (who the person is) are no evidence for a reading.
func (l *loader) checkBeyondStep() {
	if m := l.k.meta; m.MinEvidence > 0 && l.k.stepByID[m.EvidenceBeyond] == nil {
		l.problem("meta.unexplained.beyond", "want the id of a step, got %q", m.EvidenceBeyond)
	}
}

func (l *loader) loadRules(list gjson.Result) {
	seen := map[string]bool{}
	for _, o := range l.objects(list, "rules", "id", "kind", "urgency", "when", "title", "message", "sources", "review", "causes") {
		r, p := o.fields, o.path
		rule := &Rule{
			ID:      l.id(r, p, seen),
			Kind:    r.Get("kind").String(),
			Urgency: l.urgency(r, p),
			Title:   l.text(r, p, "title", true),
			Message: l.text(r, p, "message", true),
			Sources: l.sourceIDs(r, p),
			Review:  l.review(r, p),
			Causes:  l.ruleCauses(r, p),
		}
		if rule.Urgency == Emergency && len(rule.Causes) == 0 && !l.prechecked {
			l.problem(p+".causes", "an emergency rule must name the causes it points to")
		}
		if rule.Kind != "red_flag" && rule.Kind != "floor" {
			l.problem(p+".kind", "unknown kind %q (want red_flag or floor)", rule.Kind)
		}
		if rule.Urgency == SelfCare && r.Get("urgency").String() == "self_care" {
			l.problem(p+".urgency", "a rule must raise the urgency above self_care")
		}
		rule.when = l.when(r, p)
		l.k.rules = append(l.k.rules, rule)
	}
}

// oneAssessmentScreen says what an assessment may ask: what one screen shows.
const oneAssessmentScreen = "an assessment asks yes/no questions (one checklist) or one other question"

// loadAssessments reads "assess": what to ask once a condition holds (Assessment).
func (l *loader) loadAssessments(list gjson.Result) {
	seen := map[string]bool{}
	for _, o := range l.objects(list, "assess", "id", "when", "ask", "sources", "note", "review") {
		r, p := o.fields, o.path
		a := &Assessment{ID: l.id(r, p, seen), Sources: l.sourceIDs(r, p), Note: l.str(r, p, "note"), Review: l.review(r, p)}
		for i, v := range l.array(r.Get("ask"), p+".ask") {
			q := p + ".ask." + strconv.Itoa(i)
			d := l.k.findingByID[v.Str]
			switch {
			case v.Type != gjson.String || d == nil:
				l.problem(q, "want a finding id, got %s", v.Raw)
			case slices.Contains(a.Ask, d):
				l.problem(q, "finding %q named twice", v.Str)
			case len(a.Ask) > 0 && d.Step != a.Ask[0].Step:
				l.problem(q, "%q is of step %q, not %q: an assessment asks one screen", v.Str, d.Step, a.Ask[0].Step)
			case len(a.Ask) > 0 && (d.Kind == Bool) != (a.Ask[0].Kind == Bool):
				l.problem(q, oneAssessmentScreen)
			default:
				a.Ask = append(a.Ask, d)
			}
		}
		if len(a.Ask) > 1 && a.Ask[0].Kind != Bool {
			l.problem(p+".ask", oneAssessmentScreen)
		}
		a.when = l.when(r, p)
		l.k.assessments = append(l.k.assessments, a)
	}
}

// when reads an entry's required condition ("when"); nil, with a problem, when it has none.
func (l *loader) when(obj fields, path string) expr {
	w := obj.Get("when")
	if !w.Exists() {
		l.problem(path+".when", "missing condition")
		return nil
	}
	return l.parseExpr(w, path+".when")
}

// ruleCauses reads a rule's optional "causes": condition ids, each once.
func (l *loader) ruleCauses(obj fields, path string) []*Condition {
	r := obj.Get("causes")
	if !r.Exists() {
		return nil
	}
	var out []*Condition
	for i, v := range l.array(r, path+".causes") {
		p := path + ".causes." + strconv.Itoa(i)
		c := l.k.conditionByID[v.Str]
		switch {
		case v.Type != gjson.String:
			l.problem(p, "want a condition id, got %s", jsonKind(v))
		case c == nil:
			l.problem(p, "unknown condition %q", v.Str)
		case slices.Contains(out, c):
			l.problem(p, "condition %q named twice", v.Str)
		default:
			out = append(out, c)
		}
	}
	return out
}

// checkVocabulary reports every vocabulary id the knowledge base does not define.
func (l *loader) checkVocabulary() {
	vocab := gjson.ParseBytes(vocabularyJSON)
	vocab.Get("findings").ForEach(func(_, v gjson.Result) bool {
		id := v.Get("id").String()
		d := l.k.findingByID[id]
		if d == nil {
			l.problem("findings", "vocabulary finding %q is not defined", id)
			return true
		}
		p := "findings." + strconv.Itoa(d.index)
		if typ := v.Get("type").String(); d.Kind.String() != typ {
			l.problem(p+".type", "the vocabulary says %q is a %s finding, not %s", id, typ, d.Kind)
			return true
		}
		v.Get("values").ForEach(func(_, val gjson.Result) bool {
			if d.valueIndex(val.String()) < 0 {
				l.problem(p+".values", "vocabulary value %q of %q is not defined", val.String(), id)
			}
			return true
		})
		return true
	})
	vocab.Get("conditions").ForEach(func(_, v gjson.Result) bool {
		if id := v.Get("id").String(); l.k.conditionByID[id] == nil {
			l.problem("conditions", "vocabulary condition %q is not defined", id)
		}
		return true
	})
}
