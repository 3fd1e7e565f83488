package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"spotcheck"
	"spotcheck/app/triage"
)

const publicCases = "../app/triage/testdata/vignettes/public.json"

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(spotcheck.KnowledgeJSON, args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestTriagePrintsOneLinePerCaseInOrder(t *testing.T) {
	code, out, stderr := runCLI(t, "", "triage", publicCases)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, err := os.ReadFile(publicCases)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []struct {
			ID       string          `json:"id"`
			Findings json.RawMessage `json:"findings"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	k, err := triage.Load(spotcheck.KnowledgeJSON)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(file.Cases) {
		t.Fatalf("%d lines for %d cases", len(lines), len(file.Cases))
	}
	for i, c := range file.Cases {
		var got struct {
			ID         string   `json:"id"`
			Urgency    string   `json:"urgency"`
			Conditions []string `json:"conditions"`
			RedFlags   []string `json:"red_flags"`
		}
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatalf("line %d: %v: %s", i+1, err, lines[i])
		}
		f, err := k.ParseFindings(string(c.Findings))
		if err != nil {
			t.Fatal(err)
		}
		want := k.Evaluate(f)
		if got.ID != c.ID || got.Urgency != want.Urgency.String() || len(got.Conditions) < 3 ||
			strings.Join(got.Conditions[:3], ",") != strings.Join(want.Top(3), ",") {
			t.Errorf("line %d = %s; want id %s, urgency %s, top %v", i+1, lines[i], c.ID, want.Urgency, want.Top(3))
		}
	}
}

func TestTriageReportsBadCasesAndGoesOn(t *testing.T) {
	in := `{"cases": [
	  {"id": "ok", "findings": {"fever": true}},
	  {"id": "bad", "findings": {"fevr": true, "glass_test": "maybe"}},
	  {"id": "no-findings"},
	  {"id": "last", "findings": {}}]}`
	code, out, stderr := runCLI(t, in, "triage", "-")
	if code == 0 {
		t.Error("exit 0 with bad cases")
	}
	if !strings.Contains(stderr, "2 of 4") {
		t.Errorf("stderr %q does not count the failures", stderr)
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	var lines []map[string]any
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("%v: %s", err, sc.Text())
		}
		lines = append(lines, m)
	}
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4: %s", len(lines), out)
	}
	if lines[0]["urgency"] == nil || lines[3]["urgency"] == nil {
		t.Errorf("good cases lack an urgency: %s", out)
	}
	bad, _ := lines[1]["error"].(string)
	if !strings.Contains(bad, "findings.fevr") || !strings.Contains(bad, "findings.glass_test") {
		t.Errorf("error %q does not name both fields", bad)
	}
	if lines[2]["error"] == nil {
		t.Errorf("a case without findings has no error: %v", lines[2])
	}
}

func TestTriageRejectsUnreadableInput(t *testing.T) {
	for _, tt := range []struct{ stdin, file, want string }{
		{"not json", "-", "line 1, column 1: want null"},
		{`{"case": []}`, "-", `"cases" list`},
		{"", filepath.Join(t.TempDir(), "missing.json"), "no such file"},
	} {
		code, _, stderr := runCLI(t, tt.stdin, "triage", tt.file)
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("triage %s with %q: exit %d, %q; want 2 and %q", tt.file, tt.stdin, code, stderr, tt.want)
		}
	}
}

// TestTriageInterviewRunsEachCaseAsTheApp checks `triage -interview` against the shared
// walker: the same answers, urgency and counts, and the fields of the contract.
func TestTriageInterviewRunsEachCaseAsTheApp(t *testing.T) {
	in := `{"cases": [
	 {"id": "baby", "findings": {"age_years": 0.1, "fever": true, "glass_test": "fades"}},
	 {"id": "sparse", "findings": {"age_years": 30, "itchy": true, "location": ["arms"]}},
	 {"id": "meningitis", "findings": {"age_years": 4, "fever": true, "stiff_neck": true, "glass_test": "does_not_fade"}}]}`
	code, out, stderr := runCLI(t, in, "triage", "-interview", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	k, err := triage.Load(spotcheck.KnowledgeJSON)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	cases := gjsonCases(t, in)
	if len(lines) != len(cases) {
		t.Fatalf("%d lines for %d cases", len(lines), len(cases))
	}
	for i, c := range cases {
		var got struct {
			ID         string   `json:"id"`
			Urgency    string   `json:"urgency"`
			Conditions []string `json:"conditions"`
			SafetyNets []string `json:"safety_nets"`
			Questions  *int     `json:"questions"`
			Screens    *int     `json:"screens"`
			Items      *int     `json:"items"`
			Asked      []string `json:"asked"`
		}
		if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		f, err := k.ParseFindings(c.findings)
		if err != nil {
			t.Fatal(err)
		}
		tr := k.Simulate(f)
		want := k.Evaluate(tr.Findings)
		if got.ID != c.id || got.Urgency != want.Urgency.String() || got.Questions == nil || *got.Questions != tr.Questions ||
			got.Screens == nil || *got.Screens != tr.Screens || got.Items == nil || *got.Items != len(got.Asked) ||
			strings.Join(got.Asked, ",") != strings.Join(tr.Asked, ",") {
			t.Errorf("line %d = %s; want urgency %s, %d questions, %d screens, asked %v", i+1, lines[i], want.Urgency, tr.Questions, tr.Screens, tr.Asked)
		}
		if *got.Questions > *got.Items || *got.Screens > *got.Items {
			t.Errorf("%s: %d questions and %d screens for %d items", c.id, *got.Questions, *got.Screens, *got.Items)
		}
	}
	// The baby's fever is known and the interview must keep it: at least urgent.
	if !strings.Contains(lines[0], `"urgency":"emergency"`) && !strings.Contains(lines[0], `"urgency":"urgent"`) {
		t.Errorf("baby with a fever: %s", lines[0])
	}
}

type testCase struct{ id, findings string }

func gjsonCases(t *testing.T, in string) []testCase {
	t.Helper()
	var file struct {
		Cases []struct {
			ID       string          `json:"id"`
			Findings json.RawMessage `json:"findings"`
		} `json:"cases"`
	}
	if err := json.Unmarshal([]byte(in), &file); err != nil {
		t.Fatal(err)
	}
	out := make([]testCase, len(file.Cases))
	for i, c := range file.Cases {
		out[i] = testCase{c.ID, string(c.Findings)}
	}
	return out
}

// TestTriagePrintsSafetyNetsForUnknowns: a baby whose fever nobody has checked gets the
// fever safety net and at least urgent.
func TestTriagePrintsSafetyNetsForUnknowns(t *testing.T) {
	code, out, stderr := runCLI(t, `{"cases": [{"id": "b", "findings": {"age_years": 0.1, "glass_test": "fades"}}]}`, "triage", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var got struct {
		Urgency    string   `json:"urgency"`
		SafetyNets []string `json:"safety_nets"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if u, _ := triage.ParseUrgency(got.Urgency); u < triage.Urgent || !slices.Contains(got.SafetyNets, "check_fever") {
		t.Errorf("baby, fever unknown: %s", out)
	}
}

func TestCheck(t *testing.T) {
	for _, args := range [][]string{{"check", "../knowledge.json"}, {"check"}} {
		code, out, stderr := runCLI(t, "", args...)
		if code != 0 || !strings.Contains(out, "ok") {
			t.Fatalf("%v: exit %d: %s %s", args, code, out, stderr)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	broken := strings.Replace(string(spotcheck.KnowledgeJSON), `"plausible_answer"`, `"plausible_answer_typo"`, 1)
	broken = strings.Replace(broken, `"type": "bool"`, `"type": "boolean"`, 1)
	if err := os.WriteFile(bad, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, "", "check", bad)
	if code != 1 {
		t.Errorf("check of a broken file: exit %d", code)
	}
	for _, want := range []string{"meta.plausible_answer: want a number", `unknown type "boolean"`} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
}

func TestUsage(t *testing.T) {
	if code, out, _ := runCLI(t, "", "-h"); code != 0 || !strings.Contains(out, "triage [-interview] [-max-input SIZE] CASES.json") {
		t.Errorf("-h: exit %d, %q", code, out)
	}
	if code, _, stderr := runCLI(t, ""); code != 2 || !strings.Contains(stderr, "usage") {
		t.Errorf("no args: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "", "frobnicate"); code != 2 || !strings.Contains(stderr, "unknown command") {
		t.Errorf("unknown command: exit %d, %q", code, stderr)
	}
}

// TestEmbedOriginsRefusedAtStart: serve and static refuse a bad -embed-origins (or
// $SPOTCHECK_EMBED_ORIGINS) before doing anything, naming the origin and the reason.
func TestEmbedOriginsRefusedAtStart(t *testing.T) {
	cases := []struct {
		env  string
		args []string
		want string
	}{
		{"", []string{"serve", "-addr", "127.0.0.1:0", "-embed-origins", "https://ok.example clinic.example"}, `serve: -embed-origins: embed origin "clinic.example": want scheme://host[:port]`},
		{"", []string{"static", t.TempDir(), "-embed-origins", "http://clinic.example"}, `static: -embed-origins: embed origin "http://clinic.example": http is allowed only for loopback hosts`},
		{"https://clinic.example/page", []string{"serve", "-addr", "127.0.0.1:0"}, `serve: -embed-origins: embed origin "https://clinic.example/page": an origin has no path`},
	}
	for _, c := range cases {
		t.Setenv("SPOTCHECK_EMBED_ORIGINS", c.env)
		code, _, stderr := runCLI(t, "", c.args...)
		if code != 2 || !strings.HasPrefix(stderr, c.want) {
			t.Errorf("%v (env %q): exit %d, stderr %q; want 2 and %q", c.args, c.env, code, stderr, c.want)
		}
	}
}
