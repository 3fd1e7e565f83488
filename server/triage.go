package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/tidwall/gjson"

	"spotcheck/app/triage"
)

// caseLine is one line of `triage` output (spec/CASES.md); the fields after SafetyNets are
// extras, and the interview's fields are set by `triage -interview` only.
type caseLine struct {
	ID            string             `json:"id"`
	Error         string             `json:"error,omitempty"`
	Urgency       string             `json:"urgency,omitempty"`
	Conditions    []string           `json:"conditions,omitempty"`
	RedFlags      []string           `json:"red_flags,omitempty"`
	SafetyNets    []string           `json:"safety_nets,omitempty"`
	Because       []because          `json:"because,omitempty"`
	Probabilities map[string]float64 `json:"probabilities,omitempty"`
	Questions     *int               `json:"questions,omitempty"`
	Screens       *int               `json:"screens,omitempty"`
	Items         *int               `json:"items,omitempty"`
	Asked         []string           `json:"asked,omitempty"`
}

// because is one reason for the urgency: a rule, a cause with its probability, or an
// unknown finding whose plausible worse answer set a floor.
type because struct {
	Urgency     string  `json:"urgency"`
	Rule        string  `json:"rule,omitempty"`
	Cause       string  `json:"cause,omitempty"`
	Check       string  `json:"check,omitempty"`
	Probability float64 `json:"probability,omitempty"`
	Text        string  `json:"text"`
}

// reportedCauses is how many ranked causes each line lists.
const reportedCauses = 5

// runTriage implements `server triage [-interview] CASES.json` with the knowledge base main
// loaded.
func runTriage(k *triage.Knowledge, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	maxInput, args, err := takeMaxInput(args)
	interview := err == nil && len(args) > 0 && args[0] == "-interview"
	if interview {
		args = args[1:]
	}
	if err != nil || len(args) != 1 {
		fmt.Fprintln(stderr, inputUsage(err, "triage [-interview] [-max-input SIZE] CASES.json   (\"-\" reads standard input)"))
		return 2
	}
	data, err := readInput(args[0], stdin, maxInput)
	if err != nil {
		fmt.Fprintf(stderr, "triage: %v\n", err)
		return 2
	}
	cases, err := caseList(data)
	if err != nil {
		fmt.Fprintf(stderr, "triage: %s: %v\n", args[0], err)
		return 2
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	failed := 0
	for i, c := range cases {
		line := triageCase(k, c, i, interview)
		if line.Error != "" {
			failed++
		}
		if err := enc.Encode(line); err != nil {
			fmt.Fprintf(stderr, "triage: %v\n", err)
			return 2
		}
	}
	if failed > 0 {
		out.Flush()
		fmt.Fprintf(stderr, "triage: %d of %d case(s) had errors\n", failed, len(cases))
		return 1
	}
	return 0
}

// caseList returns the cases of a case file: {"cases": [...]}.
func caseList(data []byte) ([]gjson.Result, error) {
	if err := strictProblems(data); err != nil {
		return nil, err
	}
	cases := gjson.GetBytes(data, "cases")
	if !cases.IsArray() {
		return nil, errors.New(`want an object with a "cases" list`)
	}
	return cases.Array(), nil
}

// triageCase evaluates one case, or with interview runs it as the app's interview would and
// evaluates the answers gathered; a problem with the case becomes the line's error.
func triageCase(k *triage.Knowledge, c gjson.Result, i int, interview bool) caseLine {
	id, err := caseID(c, i)
	line := caseLine{ID: id}
	if err != nil {
		line.Error = err.Error()
		return line
	}
	findings := c.Get("findings")
	if !c.IsObject() || !findings.Exists() {
		line.Error = "case: want an object with \"findings\""
		return line
	}
	f, err := k.ParseFindings(findings.Raw)
	if err != nil {
		line.Error = err.Error()
		return line
	}
	if interview {
		t := k.Simulate(f)
		f = t.Findings
		line.Questions, line.Screens, line.Items, line.Asked = &t.Questions, &t.Screens, &t.Items, t.Asked
	}
	res := k.Evaluate(f)
	line.Urgency = res.Urgency.String()
	line.Conditions = res.Top(reportedCauses)
	line.Probabilities = map[string]float64{}
	for _, s := range res.Conditions[:len(line.Conditions)] {
		line.Probabilities[s.Condition.ID] = roundTo(s.Probability, 4)
	}
	for _, r := range res.Rules {
		if r.Kind == "red_flag" {
			line.RedFlags = append(line.RedFlags, r.ID)
		} else {
			line.SafetyNets = append(line.SafetyNets, r.ID)
		}
	}
	for _, n := range res.SafetyNets {
		line.SafetyNets = append(line.SafetyNets, n.ID)
	}
	for _, r := range res.Because {
		line.Because = append(line.Because, reason(r))
	}
	return line
}

// reason writes one Reason in plain words, in English.
func reason(r triage.Reason) because {
	b := because{Urgency: r.Urgency.String(), Probability: roundTo(r.Probability, 3)}
	switch {
	case r.Rule != nil:
		b.Rule, b.Text = r.Rule.ID, r.Rule.Title.In("en")
	case r.Condition != nil:
		b.Cause = r.Condition.ID
		b.Text = fmt.Sprintf("%s is possible (%.0f%%)", r.Condition.Name.In("en"), 100*r.Probability)
	case r.SafetyNet != nil:
		b.Check, b.Text = r.SafetyNet.ID, r.SafetyNet.Text("en")
	}
	return b
}

func roundTo(x float64, digits int) float64 {
	p := 1.0
	for range digits {
		p *= 10
	}
	return float64(int64(x*p+0.5)) / p
}
