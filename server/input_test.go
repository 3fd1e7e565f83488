package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tidwall/gjson"

	"spotcheck"
	"spotcheck/app/triage"
)

// malformed is one bad input to a command: the file (or stdin when file is "-"), the exit
// status and a text the command must print (on stdout or stderr).
type malformed struct {
	name  string
	args  []string // before the file; for -max-input
	file  string   // a path, "-" for stdin, "" for a temp file holding data
	data  string
	stdin io.Reader
	code  int
	want  string
}

// runMalformed runs each input through a command in-process, with a deadline, and checks its
// exit status and message, that it did not panic, and that it allocated at most maxAlloc.
func runMalformed(t *testing.T, command string, tests []malformed) {
	dir := t.TempDir()
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.file
			if file == "" {
				file = filepath.Join(dir, strconv.Itoa(i)+".json")
				if err := os.WriteFile(file, []byte(tc.data), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			stdin := tc.stdin
			if stdin == nil {
				stdin = strings.NewReader(tc.data)
			}
			args := append(append([]string{command}, tc.args...), file)
			type result struct {
				code           int
				stdout, stderr string
				allocated      uint64
				panicked       any
			}
			done := make(chan result, 1)
			go func() {
				var r result
				defer func() {
					r.panicked = recover()
					done <- r
				}()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				var out, errOut bytes.Buffer
				r.code = run(spotcheck.KnowledgeJSON, args, stdin, &out, &errOut)
				runtime.ReadMemStats(&after)
				r.stdout, r.stderr, r.allocated = out.String(), errOut.String(), after.TotalAlloc-before.TotalAlloc
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(20 * time.Second):
				t.Fatalf("%s did not end within 20 s", strings.Join(args, " "))
			}
			if r.panicked != nil {
				t.Fatalf("panic: %v", r.panicked)
			}
			if r.code != tc.code || !strings.Contains(r.stdout+r.stderr, tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", r.code, truncated(r.stdout), truncated(r.stderr), tc.code, tc.want)
			}
			// Bounded: never more than a few times the input limit, whatever the input, beside
			// what loading the bundled knowledge base takes (it grows with every language).
			if limit := 3*uint64(defaultMaxInput) + knowledgeLoadAllocation(t); r.allocated > limit {
				t.Errorf("allocated %d MiB, limit %d MiB", r.allocated>>20, limit>>20)
			}
		})
	}
}

// knowledgeLoadAllocation is how many bytes one load of the bundled knowledge base allocates, as
// every command does before it reads its input.
func knowledgeLoadAllocation(t *testing.T) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if _, err := triage.Load(spotcheck.KnowledgeJSON); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func truncated(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}

// endless is a reader that never ends (a pipe from `yes`).
type endless byte

func (e endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(e)
	}
	return len(p), nil
}

// bigFile is a sparse file of 100 MB in a temp dir.
func bigFile(t *testing.T) string {
	name := filepath.Join(t.TempDir(), "big.json")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(100 << 20); err != nil {
		t.Fatal(err)
	}
	return name
}

// replaceAt is data with the JSON value at a gjson path replaced by raw.
func replaceAt(t *testing.T, data, path, raw string) string {
	t.Helper()
	r := gjson.Get(data, path)
	if !r.Exists() || r.Index <= 0 {
		t.Fatalf("no %s", path)
	}
	return data[:r.Index] + raw + data[r.Index+len(r.Raw):]
}

// duplicateAt is data with the first member of the object at path repeated at its start, and
// the message that must name it.
func duplicateAt(t *testing.T, data, path string) (string, string) {
	t.Helper()
	obj := gjson.Get(data, path)
	if path == "" {
		obj = gjson.Parse(data)
	}
	var key, value string
	obj.ForEach(func(k, v gjson.Result) bool { key, value = k.Raw, v.Raw; return false })
	if key == "" {
		t.Fatalf("%s is not an object with members", path)
	}
	at := obj.Index + 1
	where := path
	if path == "" {
		where = "$"
	}
	return data[:at] + key + ": " + value + ", " + data[at:], where + ": duplicate key " + key
}

func nested(depth int, open, closing string) string {
	return strings.Repeat(open, depth) + strings.Repeat(closing, depth)
}

func TestTriageMalformedInputs(t *testing.T) {
	big, dir := bigFile(t), t.TempDir()
	cases := func(c string) string { return `{"cases": [` + c + `]}` }
	tests := []malformed{
		{name: "empty", file: "-", code: 2, want: "$: empty: no JSON value"},
		{name: "white space only", file: "-", data: " \n\t ", code: 2, want: "empty"},
		{name: "UTF-8 BOM", data: "\xEF\xBB\xBF" + cases(""), code: 2, want: "UTF-8 byte-order mark"},
		{name: "UTF-16 BOM", data: "\xFF\xFE{\x00}\x00", code: 2, want: "UTF-16 byte-order mark"},
		{name: "plain text", data: "hello", code: 2, want: "not JSON: byte 1 is 0x68"},
		{name: "NaN", data: cases(`{"id": "a", "findings": {"age_years": NaN}}`), code: 2, want: "cases.0.findings.age_years: line 1, column 50: NaN and Infinity are not JSON numbers"},
		{name: "Infinity", data: cases(`{"id": "a", "findings": {"age_years": -Infinity}}`), code: 2, want: "NaN and Infinity"},
		{name: "number out of range", data: cases(`{"id": "a", "findings": {"age_years": 1e999}}`), code: 2, want: "cases.0.findings.age_years: number 1e999 is out of range"},
		{name: "duplicate cases", data: `{"cases": [], "cases": [{"id": "a", "findings": {}}]}`, code: 2, want: `$: duplicate key "cases"`},
		{name: "duplicate id", data: cases(`{"id": "a", "id": "b", "findings": {}}`), code: 2, want: `cases.0: duplicate key "id"`},
		{name: "duplicate findings", data: cases(`{"id": "a", "findings": {}, "findings": {"fever": true}}`), code: 2, want: `cases.0: duplicate key "findings"`},
		{name: "duplicate finding", data: cases(`{"id": "a", "findings": {"fever": true, "fever": false}}`), code: 2, want: `cases.0.findings: duplicate key "fever"`},
		{name: "duplicate finding spelt with an escape", data: cases(`{}, {"id": "b", "findings": {"fever": true, "fev\u0065r": false}}`), code: 2, want: `cases.1.findings: duplicate key "fever"`},
		{name: "duplicate unknown key", data: cases(`{"id": "a", "findings": {}, "note": 1, "note": 2}`), code: 2, want: `cases.0: duplicate key "note"`},
		{name: "duplicate at the top", data: `{"version": 1, "cases": [], "version": 2}`, code: 2, want: `$: duplicate key "version"`},
		{name: "every duplicate listed", data: cases(`{"id": "a", "id": "a", "findings": {"fever": true, "fever": true}}`), code: 2, want: "cases.0: duplicate key \"id\"\n  cases.0.findings: duplicate key \"fever\""},
		{name: "invalid UTF-8 in an id", data: cases("{\"id\": \"a\xff\", \"findings\": {}}"), code: 2, want: "cases.0.id: text is not valid UTF-8"},
		{name: "invalid UTF-8 in a value", data: cases("{\"id\": \"a\", \"findings\": {\"glass_test\": \"fades\xc3\"}}"), code: 2, want: "cases.0.findings.glass_test: text is not valid UTF-8"},
		{name: "invalid UTF-8 in a key", data: cases("{\"id\": \"a\", \"findings\": {\"fever\xff\": true}}"), code: 2, want: "cases.0.findings: text is not valid UTF-8"},
		{name: "lone surrogate in an id", data: cases(`{"id": "\ud83d", "findings": {}}`), code: 2, want: "cases.0.id: text is not valid UTF-8"},
		{name: "nested 65 deep", data: `{"cases": ` + nested(64, "[", "]") + `}`, code: 2, want: "arrays and objects nested more than 64 deep"},
		{name: "20 million [", stdin: strings.NewReader(strings.Repeat("[", 20_000_000)), file: "-", code: 2, want: "nested more than 64 deep"},
		{name: "100 MB file", file: big, code: 2, want: "bigger than the input limit of 64 MiB (-max-input changes it)"},
		{name: "/dev/zero", file: "/dev/zero", code: 2, want: "not JSON: byte 1 is 0x00"},
		{name: "endless white space", args: []string{"-max-input", "1MiB"}, file: "-", stdin: endless(' '), code: 2, want: "bigger than the input limit of 1 MiB"},
		{name: "endless on stdin at the default limit", file: "-", stdin: endless('\n'), code: 2, want: "bigger than the input limit of 64 MiB"},
		{name: "over -max-input", args: []string{"-max-input=10"}, data: cases(""), code: 2, want: "bigger than the input limit of 10 bytes"},
		{name: "bad -max-input", args: []string{"-max-input", "lots"}, data: cases(""), code: 2, want: `-max-input "lots": want a positive number`},
		{name: "a directory", file: dir, code: 2, want: "is a directory"},
		{name: "a missing file", file: filepath.Join(dir, "missing.json"), code: 2, want: "no such file"},
		{name: "a list", data: `[{"id": "a", "findings": {}}]`, code: 2, want: `want an object with a "cases" list`},
		{name: "cases is an object", data: `{"cases": {"id": "a"}}`, code: 2, want: `"cases" list`},
		{name: "cases is a string", data: `{"cases": "a"}`, code: 2, want: `"cases" list`},
		{name: "no cases", data: `{}`, code: 2, want: `"cases" list`},
		{name: "text after the object", data: cases("") + " x", code: 2, want: "line 1, column 15: unexpected text after the JSON value"},
		{name: "trailing comma", data: cases(`{"id": "a", "findings": {},}`), code: 2, want: "cases.0: line 1, column 39: want a quoted key"},
		{name: "missing comma on line 3", data: "{\"cases\": [\n{\"id\": \"a\",\n \"findings\": {} \"x\": 1}]}", code: 2, want: "cases.0: line 3, column 17: want ',' or '}' after an object member"},
		{name: "control character", data: cases("{\"id\": \"a\tb\", \"findings\": {}}"), code: 2, want: "cases.0.id: line 1, column 21: a control character must be escaped"},
		{name: "unterminated", data: cases(`{"id": "a`), code: 2, want: "unterminated string"},
		{name: "single quotes", data: `{'cases': []}`, code: 2, want: "want a quoted key"},
		{name: "a comment", data: "// cases\n" + cases(""), code: 2, want: "not JSON: byte 1 is 0x2F"},
		{name: "a case that is a number", data: cases(`7`), code: 1, want: `{"id":"#1","error":"case: want an object with \"findings\""}`},
		{name: "id a number", data: cases(`{"id": 7, "findings": {}}`), code: 1, want: `{"id":"#1","error":"id: want a string, got 7"}`},
		{name: "id an object", data: cases(`{"id": {"a": 1}, "findings": {}}`), code: 1, want: `"error":"id: want a string, got an object"`},
		{name: "id a list", data: cases(`{"id": ["a"], "findings": {}}`), code: 1, want: `"error":"id: want a string, got a list"`},
		{name: "id true", data: cases(`{"id": true, "findings": {}}`), code: 1, want: `"error":"id: want a string, got true"`},
		{name: "id null", data: cases(`{"id": null, "findings": {}}`), code: 1, want: `"error":"id: want a string, got null"`},
		{name: "findings a list", data: cases(`{"id": "a", "findings": ["fever"]}`), code: 1, want: "findings: want an object of finding ids, got a list"},
		{name: "findings a string", data: cases(`{"id": "a", "findings": "fever"}`), code: 1, want: "findings: want an object of finding ids"},
		{name: "a yes/no as a string", data: cases(`{"id": "a", "findings": {"fever": "true"}}`), code: 1, want: "findings.fever: want true or false, got a string"},
		{name: "a number as a string", data: cases(`{"id": "a", "findings": {"age_years": "3"}}`), code: 1, want: "findings.age_years: want a number"},
		{name: "an unknown finding", data: cases(`{"id": "a", "findings": {"fevr": true}}`), code: 1, want: "findings.fevr: unknown finding"},
		{name: "a set with a number", data: cases(`{"id": "a", "findings": {"location": [1]}}`), code: 1, want: "findings.location: want a list of strings, got a number"},
	}
	runMalformed(t, "triage", tests)
}

func TestCheckMalformedKnowledge(t *testing.T) {
	big, dir := bigFile(t), t.TempDir()
	good := string(spotcheck.KnowledgeJSON)
	var tests []malformed
	// A duplicate key at each level of the knowledge base.
	for _, path := range []string{"", "meta", "meta.name", "sources.0", "urgencies.0", "urgencies.0.label", "steps.0",
		"findings.0", "findings.0.question", "conditions.0", "conditions.0.name", "conditions.0.findings",
		`conditions.0.findings.@this`, "rules.0", "rules.0.when", "rules.0.when.all.0", "rules.0.title"} {
		if path == `conditions.0.findings.@this` {
			// an LR map: the first finding's ratios
			var first string
			gjson.Get(good, "conditions.0.findings").ForEach(func(k, _ gjson.Result) bool { first = k.Str; return false })
			path = "conditions.0.findings." + first
		}
		data, want := duplicateAt(t, good, path)
		tests = append(tests, malformed{name: "duplicate in " + path, data: data, code: 1, want: want})
	}
	prior := gjson.Get(good, "conditions.0.prior")
	tests = append(tests,
		malformed{name: "the issue's prior twice", data: good[:prior.Index] + `0.04, "prior": "bogus"` + good[prior.Index+len(prior.Raw):], code: 1, want: `conditions.0: duplicate key "prior"`},
		malformed{name: "invalid UTF-8 in a text", data: replaceAt(t, good, "conditions.0.name.en", "\"Follic\xffulitis\""), code: 1, want: "conditions.0.name.en: text is not valid UTF-8"},
		malformed{name: "invalid UTF-8 in an id", data: replaceAt(t, good, "rules.0.id", "\"fever\xc0\""), code: 1, want: "rules.0.id: text is not valid UTF-8"},
		malformed{name: "lone surrogate in a text", data: replaceAt(t, good, "meta.name.en", `"Spot\udfffcheck"`), code: 1, want: "meta.name.en: text is not valid UTF-8"},
		malformed{name: "NaN prior", data: replaceAt(t, good, "conditions.0.prior", "NaN"), code: 1, want: "conditions.0.prior: line "},
		malformed{name: "Infinity prior", data: replaceAt(t, good, "conditions.0.prior", "Infinity"), code: 1, want: "NaN and Infinity are not JSON numbers"},
		malformed{name: "prior out of range", data: replaceAt(t, good, "conditions.0.prior", "1e400"), code: 1, want: "conditions.0.prior: number 1e400 is out of range"},
		malformed{name: "prior a string", data: replaceAt(t, good, "conditions.0.prior", `"0.04"`), code: 1, want: "conditions.0.prior"},
		malformed{name: "id a number", data: replaceAt(t, good, "conditions.0.id", `5`), code: 1, want: "conditions.0.id"},
		malformed{name: "id an object", data: replaceAt(t, good, "findings.0.id", `{"en": "unwell"}`), code: 1, want: "findings.0.id"},
		malformed{name: "rule nested 65 deep", data: replaceAt(t, good, "rules.0.when", nested(62, `{"not": `, "}")+`{"finding": "fever", "is": true}`), code: 2, want: "nested more than 64 deep"},
		malformed{name: "20 million [", data: strings.Repeat("[", 20_000_000), code: 2, want: ": arrays and objects nested more than 64 deep"},
		malformed{name: "UTF-8 BOM", data: "\xEF\xBB\xBF" + good, code: 1, want: "$: the file starts with a UTF-8 byte-order mark"},
		malformed{name: "UTF-16 BOM", data: "\xFE\xFF\x00{\x00}", code: 1, want: "UTF-16 byte-order mark"},
		malformed{name: "empty", data: "", code: 1, want: "$: empty: no JSON value"},
		malformed{name: "white space", data: "\n\n", code: 1, want: "empty"},
		malformed{name: "a directory", file: dir, code: 2, want: "is a directory"},
		malformed{name: "a missing file", file: filepath.Join(dir, "none.json"), code: 2, want: "no such file"},
		malformed{name: "/dev/zero", file: "/dev/zero", code: 2, want: "not JSON: byte 1 is 0x00"},
		malformed{name: "100 MB file", file: big, code: 2, want: "bigger than the input limit of 64 MiB"},
		malformed{name: "over -max-input", args: []string{"-max-input", "64KiB"}, data: good, code: 2, want: "bigger than the input limit of 64 KiB"},
		malformed{name: "3 MiB of spaces over --max-input=2MiB", args: []string{"--max-input=2MiB"}, data: strings.Repeat(" ", 3<<20), code: 2, want: "bigger than the input limit of 2 MiB"},
		malformed{name: "a list", data: "[" + good + "]", code: 1, want: "$: want an object, got a list"},
		malformed{name: "a string", data: `"knowledge"`, code: 1, want: "$: want an object"},
		malformed{name: "null", data: `null`, code: 1, want: "$: want an object"},
		malformed{name: "cut in half", data: good[:len(good)/2], code: 1, want: ", column "},
		malformed{name: "two documents", data: good + good, code: 1, want: "unexpected text after the JSON value"},
		malformed{name: "a comment", data: "/* knowledge */" + good, code: 2, want: "not JSON: byte 1 is 0x2F"},
		malformed{name: "trailing comma", data: replaceAt(t, good, "meta.languages", `["en",]`), code: 1, want: "meta.languages.1: line "},
		malformed{name: "a missing comma names line and column", data: strings.Replace(good, `"prior": 0.04,`, `"prior": 0.04`, 1), code: 1, want: "conditions.0: line "},
		malformed{name: "a control character in a text", data: replaceAt(t, good, "meta.name.en", "\"Spot\x01check\""), code: 1, want: "meta.name.en: line "},
		malformed{name: "an unknown escape", data: replaceAt(t, good, "meta.name.en", `"Spot\qcheck"`), code: 1, want: "unknown escape in a string"},
		malformed{name: "single quotes", data: "{'meta': {}}", code: 1, want: "want a quoted key"},
	)
	runMalformed(t, "check", tests)
}

// FuzzTriage: any input to `triage -` ends with exit 0, 1 or 2, never a panic; input that is not
// strict JSON (a duplicate key, invalid UTF-8, too deep) is always exit 2.
func FuzzTriage(f *testing.F) {
	for _, s := range []string{`{"cases": [{"id": "a", "findings": {"fever": true}}]}`,
		`{"cases": [{"id": "a", "findings": {"fever": true, "fever": false}}]}`,
		`{"cases": [], "cases": [{"id": "b", "findings": {}}]}`,
		`{"cases": [{"id": "a", "id": "b", "findings": {}}]}`,
		`{"cases": [{"id": 7, "findings": {"location": ["legs", "legs"]}}]}`,
		"{\"cases\": [{\"id\": \"\xff\", \"findings\": {}}]}", `[[[[[[[[]]]]]]]]`, ``} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var out, errOut bytes.Buffer
		code := run(spotcheck.KnowledgeJSON, []string{"triage", "-"}, strings.NewReader(in), &out, &errOut)
		if code < 0 || code > 2 {
			t.Fatalf("exit %d", code)
		}
		if triage.CheckJSON([]byte(in)) != nil && code != 2 {
			t.Fatalf("exit %d for input with problems %v", code, triage.CheckJSON([]byte(in)))
		}
	})
}
