// Package triage is Spotcheck's rules engine: it loads and validates knowledge.json, evaluates
// a person's findings into an urgency and ranked causes, and picks the next question to ask.
// It has no UI imports and builds natively and for GOOS=js GOARCH=wasm.
package triage

import "github.com/tidwall/gjson"

// Urgency is how soon to get care, least urgent first so that max() is "more care".
type Urgency int

// The four urgencies of the vocabulary.
const (
	SelfCare Urgency = iota
	Soon
	Urgent
	Emergency
)

var urgencyIDs = [...]string{"self_care", "soon", "urgent", "emergency"}

// String returns the vocabulary id: "self_care", "soon", "urgent" or "emergency".
func (u Urgency) String() string {
	if u < SelfCare || u > Emergency {
		return "invalid"
	}
	return urgencyIDs[u]
}

// ParseUrgency returns the urgency with the vocabulary id s.
func ParseUrgency(s string) (Urgency, bool) {
	for i, id := range urgencyIDs {
		if id == s {
			return Urgency(i), true
		}
	}
	return 0, false
}

// Text is a user-facing text in every language of the base ("en" is always present in a
// loaded base). It holds the text's JSON object as it stands in knowledge.json,
// {"en": "...", "es": "..."}, sharing the loaded bytes, and reads a language only when a
// screen shows it: loading copies and parses no text (issue 12).
type Text struct {
	raw string
}

// In returns the text in lang, falling back to English.
func (t Text) In(lang string) string {
	if s, ok := t.Lang(lang); ok && s != "" {
		return s
	}
	s, _ := t.Lang("en")
	return s
}

// Lang returns the text in lang exactly, with no fallback, and whether it is there.
func (t Text) Lang(lang string) (string, bool) {
	if t.raw == "" {
		return "", false
	}
	v := gjson.Get(t.raw, gjson.Escape(lang))
	return v.Str, v.Type == gjson.String
}

// IsZero reports whether there is no text (an optional text the base leaves out).
func (t Text) IsZero() bool { return t.raw == "" }

// Langs returns the languages the text is written in, in file order.
func (t Text) Langs() []string {
	var langs []string
	gjson.Parse(t.raw).ForEach(func(lang, _ gjson.Result) bool {
		langs = append(langs, lang.Str)
		return true
	})
	return langs
}

// Kind is the type of a finding's value.
type Kind int

// Finding kinds, as in the vocabulary.
const (
	Bool Kind = iota
	Number
	Choice
	Set
)

var kindIDs = [...]string{"bool", "number", "choice", "set"}

func (k Kind) String() string { return kindIDs[k] }

// Meta is knowledge.json's "meta" section.
type Meta struct {
	Version  string
	Reviewed string
	// ContentHash is the sha256 of the clinical content recorded beside Version ("" when
	// absent); ContentHash(data) computes it.
	ContentHash string
	Languages   []string
	// LanguageNames names each language in itself ("es": "Español"), for the picker.
	LanguageNames map[string]string
	// RiskThreshold is, per urgency (soon, urgent, emergency; self_care is unused), the risk
	// that some cause needing at least that urgency is present from which the urgency holds.
	RiskThreshold [4]float64
	// UnlistedPrior is the prior of the spots having a cause the base does not list, or none
	// that needs care: the share of the posterior that no finding moves (see posterior).
	UnlistedPrior float64
	// AnswerBaseRate is how often a yes/no question is answered "yes" by people using the
	// checker, before anything is known; a finding's base_rate overrides it.
	AnswerBaseRate float64
	// QuestionBudget is how many questions the interview asks before it asks only those
	// whose answer plausibly changes the urgency (expected change >= PlausibleAnswer), no
	// longer those that only sort the causes.
	QuestionBudget int
	// WaitQuestions is how many questions WhileYouWait asks at most after an emergency's
	// result: "a few more questions", as the result offers them.
	WaitQuestions int
	// AskThreshold is the least expected change of the urgency, in levels weighted by the
	// answers' probabilities, that makes a question worth asking.
	AskThreshold float64
	// PlausibleAnswer is the probability from which an unknown finding's answer sets the
	// level below the one it would give (an emergency answer: urgent; see floorOf).
	PlausibleAnswer float64
	// Unexplained is the floor for spots that no cause explains (meta.unexplained): a rule
	// of kind floor with no condition of its own, matched by the engine (see unexplained).
	Unexplained *Rule
	// MinEvidence is meta.unexplained.min_evidence (0 when absent): how many times likelier
	// the known answers beyond the step EvidenceBeyond (who the person is) must make the
	// leading cause for it to be a reading; below it, Unexplained holds too.
	MinEvidence    float64
	EvidenceBeyond string
	// Texts holds every text of meta by key: name, tagline, disclaimer, privacy,
	// emergency_intro, unsure, yes, no, and any other the file adds.
	Texts map[string]Text
	// UI holds the interface's strings (meta.ui) by key: the UI has no text of its own.
	UI map[string]Text
}

// Source is a guideline, review or article that a clinical statement rests on.
type Source struct {
	ID, Title, Publisher, URL, DOI string
	Year                           int
}

// Link returns the URL, or a doi.org link for a DOI.
func (s *Source) Link() string {
	if s.URL != "" {
		return s.URL
	}
	if s.DOI != "" {
		return "https://doi.org/" + s.DOI
	}
	return ""
}

// UrgencyInfo is the wording of one urgency level.
type UrgencyInfo struct {
	Level         Urgency
	Label, Action Text
	// IfAction ends a safety net: what to do if the worse answer turns out true
	// ("call your emergency number now").
	IfAction Text
}

// Step is one section of the interview.
type Step struct {
	ID           string
	Title, Intro Text
	// Always means every question of the step is asked, in order, before the adaptive part.
	Always bool
	// BeforeResult means the step's open questions are asked before a result that stands on
	// an answer not known (see NextQuestion).
	BeforeResult bool
	// Group is how many of the step's questions may share one screen (at least 1).
	Group int
	// Findings are the ids of the step's questions, in file order.
	Findings []string
	// Checklist means the step's questions are shown as one list of check boxes: ticked is
	// yes, unticked no; "None of these" is all no, "Not sure" leaves the unticked not sure.
	Checklist bool
	// Illustration and Guide are the step's picture and how-to (nil when it has none).
	Illustration *Illustration
	Guide        []GuidePart
}

// Value is one allowed value of a choice or set finding.
type Value struct {
	ID          string
	Label, Help Text
	// Unknown marks the value that says the person does not know (see UnknownValue).
	Unknown bool
}

// Finding is one question of the interview and one id of the case vocabulary.
type Finding struct {
	ID       string
	Kind     Kind
	Step     string
	Question Text
	Help     Text
	Unsure   Text
	Values   []Value // choice and set
	Min, Max float64 // number
	Unit     Text    // number
	// Widget is how the question is shown ("": its type's default; WidgetBodyMap,
	// WidgetAge), and Places where a body map's values sit on the drawing.
	Widget string
	Places []Place
	// Check says what to look at now when the finding is unknown; {action} is replaced by
	// the action of the urgency its worse answer would call for. It is written for one
	// answer (checkAnswer); a safety net for another says it in meta.safety_net's words.
	Check       Text
	checkAnswer int // choice: the value the check text is for, else -1
	// Decisive marks a sign the person can check in a minute (the temperature, the look of
	// the spots): unknown, an answer of it that would complete a red-flag rule whose other
	// parts are known sets a floor whatever its plausibility (see edgeOf).
	Decisive bool
	// base is, per candidate slot of the finding, how often people using the checker give
	// that answer before anything is known (see plausibility).
	base      []float64
	baseRate  float64   // bool: base_rate, or -1
	valueRate []float64 // choice, set: base_rate per value, -1 where not given
	index     int
	askIf     expr
}

// Condition is one cause of spots.
type Condition struct {
	ID                                         string
	Name, About, Looks, Who, SelfCare, GetCare Text
	Urgency                                    Urgency
	Prior                                      float64
	Sources                                    []string
	// LRNotes are the own source and reason of some likelihood ratios, by finding id.
	LRNotes map[string]LRNote
	Review  Review
	terms   []term
	logit   float64 // log(prior / (1 - prior))
}

// Rule is a red flag or a safety floor: when it matches, the urgency is at least Urgency.
type Rule struct {
	ID             string
	Kind           string // "red_flag" or "floor"
	Urgency        Urgency
	Title, Message Text
	Sources        []string
	Review         Review
	// Causes are the causes the rule's signs point to (every emergency rule names some):
	// in an emergency they lead Result.Conditions, as the causes that carry it.
	Causes []*Condition
	when   expr
}

// Assessment is what a guideline says to ask once its condition holds, whatever the value of
// information says: how long a young child's fever has lasted, and Kawasaki disease's signs
// after 5 days of it (NICE NG143). Each alone is too rare an answer to reshuffle the top
// three, so the interview would never ask them.
type Assessment struct {
	ID string
	// Ask are the questions to ask, all of one step (one screen).
	Ask     []*Finding
	Sources []string
	Note    string // why, in a line
	Review  Review
	when    expr
}

// Result is what the engine concludes from a set of findings.
type Result struct {
	// Urgency is the most urgent of the matched rules, the causes' risks and the floors set
	// by plausible worse answers to unknown findings.
	Urgency Urgency
	// Because says what set the urgency: matched rules first, then the causes whose risk
	// set a level, then the unknown findings whose worse answer set a floor.
	Because []Reason
	// SafetyNets say what to check now and what to do if it turns out worse, one per unknown
	// finding whose plausible worse answer would raise the urgency, most urgent first.
	SafetyNets []SafetyNet
	// Rules are all matched rules, most urgent first.
	Rules []*Rule
	// Conditions are all causes, most likely first; in an emergency, the causes that carry
	// it first: those whose risk set it (Because) and those its rules name (Rule.Causes).
	Conditions []Scored
}

// Reason is one thing that raised the urgency: a rule, a cause that is possible enough for
// its danger, or an unknown finding whose worse answer is plausible (a SafetyNet).
type Reason struct {
	Urgency   Urgency
	Rule      *Rule      // set for a rule
	Condition *Condition // set for a cause
	// Probability is the cause's probability (as Scored.Probability), or the plausibility of
	// the safety net's worse answer.
	Probability float64
	SafetyNet   *SafetyNet // set for a floor from an unknown finding
}

// SafetyNet is conditional advice for an unknown finding: check it now, and if the worse
// answer holds, do what its urgency says.
type SafetyNet struct {
	// ID is the message id: "check_" and the finding's id.
	ID      string
	Finding *Finding
	// Answer names the worse answer ("yes", a value id, or a number).
	Answer string
	// If is the urgency the worse answer would give; Floor what its plausibility sets now.
	If, Floor Urgency
	// Plausibility is the probability of the worse answer given what is known.
	Plausibility float64
	k            *Knowledge
}

// Scored is a cause with its probability; its Evidence method says which findings moved it.
type Scored struct {
	Condition   *Condition
	Probability float64
	LogOdds     float64
	k           *Knowledge
	vals        []slot // the findings as they were evaluated, shared by the whole Result
}

// Evidence is one finding's effect on a cause: LR > 1 raised it, LR < 1 lowered it.
type Evidence struct {
	Finding string
	Value   string // "yes", "no", a value id, or the number as written
	LR      float64
}

// Next is the interview's next step.
type Next struct {
	// Done is true when no unanswered question can change the urgency or the top three.
	Done bool
	// Step is the step of the questions to ask.
	Step string
	// Checklist means the screen is one question: a list of boxes to tick (Step.Checklist).
	Checklist bool
	// Findings are the ids to ask on one screen: one question, or a small group of
	// emergency signs.
	Findings []string
	// Remaining estimates the questions left for a progress indicator, these included: the
	// always steps' open questions (each box of a checklist), and those that could still
	// change the result, at most as many as the question budget leaves after the always
	// steps' screens.
	Remaining int
}
